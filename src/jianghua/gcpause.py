"""Pausing the cyclic garbage collector around parse and check.

Both build hundreds of thousands of small acyclic objects; the collector would walk
the growing heap again and again for nothing, which made a 10 MB speech cost 1.5x per
MB what 100 KB does (python -m jianghua.bench, linearity). It is paused for the call
and restored as it was, so a caller that disabled it keeps it disabled.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
