"""Ordinal arithmetic over a run of headings: what is skipped, repeated, out of order,
and the renumbering that repairs it. Shared by JH101–JH103 (one fix for the run)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from jianghua.checks.context import numeral_span
from jianghua.checks.diagnostics import Fix, make_fix
from jianghua.checks.rules._text import numeral_like
from jianghua.model import Section
from jianghua.numerals import enclosed_like, is_enclosed


@dataclass
class SeriesProblems:
    #: member → the numbers missing just before it (一、二、四、: 四 → [3])
    skipped: list[tuple[object, list[int]]] = field(default_factory=list)
    repeated: list = field(default_factory=list)
    out_of_order: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.skipped or self.repeated or self.out_of_order)


def analyse(members: list, ordinal: Callable[[object], int | None] | None = None
            ) -> SeriesProblems:
    """Problems of the numbered members of a series, each reported once, at the member
    where a reader notices it (so 一、三、二、四、 is one out-of-order 二, not a cascade).
    ``ordinal`` gives a member's number (default: its marker's)."""
    value_of = ordinal or (lambda member: member.marker.ordinal)
    problems = SeriesProblems()
    numbered = [(m, value_of(m)) for m in members if value_of(m) is not None]
    if len(numbered) < 2:
        return problems
    ordinals = [value for _, value in numbered]
    seen: set[int] = set()
    highest = 0
    for member, value in numbered:
        if value in seen:
            problems.repeated.append(member)
        elif value < highest:
            problems.out_of_order.append(member)
        seen.add(value)
        highest = max(highest, value)
    present = set(ordinals)
    missing = [n for n in range(min(ordinals), max(ordinals) + 1) if n not in present]
    for member, value in numbered:
        before = [n for n in missing if n < value]
        if before:
            problems.skipped.append((member, before))
            missing = [n for n in missing if n >= value]
    return problems


def renumber_fix(members: list[Section], text: str) -> Fix | None:
    """Renumber the run in document order, from 1 if it has a 1, else from its first
    number (a fragment that starts at 二 keeps its start). None if some marker has no
    numeral to rewrite (首先/其次) or a number beyond what the style can write."""
    numbered = [m for m in members if m.marker.ordinal is not None]
    if len(numbered) < 2:
        return None
    ordinals = [m.marker.ordinal for m in numbered]
    if 1 in ordinals[1:]:
        # The list counts from one again (一是…三是 一是…): perhaps a new series the
        # speaker began without a break we can see. Reported, never renumbered.
        return None
    start = 1 if 1 in ordinals else ordinals[0]
    edits = []
    for offset, member in enumerate(numbered):
        want = start + offset
        if member.marker.ordinal == want:
            continue
        span = numeral_span(member)
        if span is None or want > 99:
            return None
        numeral = text[span[0]:span[1]]
        if is_enclosed(numeral) and not enclosed_like(numeral, want):
            return None  # ㉑ is not in the block ①…⑳ (nor ⒇ after ⑴…⒇)
        edits.append((span[0], span[1], numeral_like(numeral, want)))
    if not edits:
        return None
    return make_fix("按顺序重新编号 (renumber the run in order)", *edits)
