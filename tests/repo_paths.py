"""Where the test inputs live. ``../shared`` (beside the checkout) holds real texts that
are not part of the project; tests that read it skip cleanly when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SHARED = REPO.parent / "shared"

needs_shared = pytest.mark.skipif(not (SHARED / "seeds").is_dir(),
                                  reason="../shared (real texts) is not beside this checkout")


def shared_texts() -> list[Path]:
    if not SHARED.is_dir():
        return []
    return sorted([*SHARED.glob("seeds/*.txt"), *SHARED.glob("corpus/*.txt"),
                   *SHARED.glob("corpus_raw/*.txt")])
