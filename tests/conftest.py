"""Shared test setup: make ``src/`` importable and locate the shared seeds.

``pip install -e .`` is the normal way; the path insert only helps a fresh checkout
whose virtualenv has not installed the package yet.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src"
if str(SRC) not in sys.path:
    try:
        import jianghua  # noqa: F401
    except ImportError:
        sys.path.insert(0, str(SRC))

#: The shared seeds and gold files sit next to the repository; absent in a plain clone.
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared/seeds is not present")
    return SHARED
