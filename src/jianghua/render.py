"""Renderer: a ``Speech`` → the exact text it was parsed from.

Concatenates every piece's ``text`` + ``eol`` in document order (models.py explains
why that is the whole input).
"""

from __future__ import annotations

from collections.abc import Iterator

from jianghua.models import Speech


def iter_pieces(nodes) -> Iterator[str]:
    for node in nodes:
        yield node.text
        yield node.eol
        for name in ("body", "items", "children"):
            yield from iter_pieces(getattr(node, name, ()))


def render_text(speech: Speech) -> str:
    return "".join(iter_pieces(speech.nodes))
