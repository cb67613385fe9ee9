"""Checking adds at most half again to parsing time (issue 3), measured as the
benchmark does (``python -m jianghua.bench``): on a synthetic corpus in the
conventional style, best of several rounds to keep scheduler noise out."""

from __future__ import annotations

import time

from jianghua.api import parse
from jianghua.checks import check
from jianghua.synth import corpus_speeches


def _best(fn, rounds: int = 5) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def test_check_costs_at_most_half_of_parsing() -> None:
    texts = corpus_speeches(20240611, 150_000)
    speeches = [parse(text) for text in texts]
    for speech in speeches:  # warm the caches (grammar, rule selection)
        check(speech)
    parsing = _best(lambda: [parse(text) for text in texts])
    checking = _best(lambda: [check(speech) for speech in speeches])
    assert checking <= 0.5 * parsing, f"check {checking:.3f}s vs parse {parsing:.3f}s"
