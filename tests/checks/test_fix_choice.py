"""``choose_edits`` sweeps sorted edits instead of comparing every pair (``--fix`` was
quadratic: 8,000 one-comma lines took 20 s); it must choose exactly what the
all-pairs rule chose. Speed itself is in the benchmark (``--stages fix``)."""

from __future__ import annotations

import random

from jianghua.checks.diagnostics import Diagnostic, Edit, Fix, Severity, Tier
from jianghua.checks.fixes import _overlaps, choose_edits


def _all_pairs(diagnostics: list[Diagnostic]) -> tuple[list[Edit], list[Diagnostic]]:
    """The former rule, kept as the reference: each fresh edit against every chosen."""
    chosen: list[Edit] = []
    applied: list[Diagnostic] = []
    for diagnostic in sorted((d for d in diagnostics if d.fix), key=lambda d: d.sort_key):
        edits = list(diagnostic.fix.edits)
        if all(edit in chosen for edit in edits):
            applied.append(diagnostic)
            continue
        fresh = [edit for edit in edits if edit not in chosen]
        if any(_overlaps(edit, other) for edit in fresh for other in chosen):
            continue
        chosen.extend(fresh)
        applied.append(diagnostic)
    return sorted(chosen, key=lambda e: (e.start, e.end)), applied


def _diagnostic(rng: random.Random, n: int) -> Diagnostic:
    edits: list[Edit] = []
    cursor = rng.randrange(60)
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        length = rng.choice((0, 1, 1, 2, 5))
        edits.append(Edit(cursor, cursor + length, rng.choice("，。x")))
        cursor += length + rng.randrange(1, 20)
    start = edits[0].start
    return Diagnostic(code=f"JH{600 + n % 7}", name="r", severity=Severity.ERROR,
                      tier=next(iter(Tier)),
                      message="m", path=None, line=1, column=1, end_line=1, end_column=1,
                      start=start, end=start + 1, fix=Fix("f", tuple(edits)))


def test_the_sweep_chooses_what_all_pairs_chose() -> None:
    rng = random.Random(20240607)
    for _ in range(400):
        diagnostics = [_diagnostic(rng, n) for n in range(rng.randrange(1, 25))]
        assert choose_edits(diagnostics) == _all_pairs(diagnostics)
