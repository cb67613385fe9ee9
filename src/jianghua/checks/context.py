"""What every rule needs, computed once per speech.

Rules must stay cheap (issue 3: checking adds at most half again to parsing time), so
nothing here re-parses and nothing is quadratic: the source text is rendered once from
the pieces, line starts are found once, and the heading tree is walked once into
sibling groups and *runs* (the series an editor reads: 一、二、三、; 一是…二是…).

Runs are drawn as an editor sees them, not quite as the tree nests them. The nesting
pass puts a heading of a new style under the open one (OUTLINE rule 3), so in
``一是……二要……三是……`` the ``二要`` lands *under* ``一是``. Read aloud it is the second
point of the same series in the wrong form, so a first child that numbers on from its
parent in another floating style (一是 → 二要, 其次 → 第三) is hoisted back into its
parent's series here. Only floating run-in styles are hoisted; ranked headings
(一、 （一） 1. （1）) keep their GB/T 9704-2012 levels.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from jianghua.checks.diagnostics import Diagnostic, Fix, Severity
from jianghua.checks.profiles import Profile, resolve_profile
from jianghua.model import (
    Agenda,
    AgendaItem,
    Closing,
    Marker,
    MarkerStyle,
    Paragraph,
    Section,
    Speech,
    Transition,
    walk_tree,
)
from jianghua.render.text import render_text

if TYPE_CHECKING:
    from jianghua.checks.registry import Rule

Container = Section | AgendaItem | None  # None: the speech itself

#: Run-in styles whose depth floats (CONVENTIONS: heading styles). 一是/一要, 第一，,
#: 首先/其次, 其一 are parallel ways of counting points; GB/T 15834-2011 treats the
#: 第/其/首先 series as three separate sets that are not to be mixed.
FLOATING = frozenset({MarkerStyle.SHI, MarkerStyle.SEQUENCE, MarkerStyle.ORDINAL,
                      MarkerStyle.QI})
_NEWLINE = re.compile(r"\r\n|\r|\n")


# The text a speech was parsed from, when the caller does not pass it.
source_text = render_text


def series_of(section: Section) -> str:
    """The series a heading belongs to, exactly as the nesting pass grouped it
    (``Section.series``; a document without it falls back to the marker's style)."""
    return section.series or f"{section.marker.style.value}:"


def numeral_span(section: Section) -> tuple[int, int] | None:
    """Absolute offsets of the numeral in a heading's marker (二 of （二）, 12 of 12.)."""
    numeral = section.numeral
    if numeral is None:
        return None
    start = section.marker.span.start
    return start + numeral[0], start + numeral[1]


def continues_across_styles(previous: Section, following: Section) -> bool:
    """``following`` numbers on from ``previous`` in another floating style (一是 → 二要)."""
    a, b = previous.marker, following.marker
    return (a.style in FLOATING and b.style in FLOATING and a.ordinal is not None
            and b.ordinal == a.ordinal + 1)


@dataclass
class Run:
    """A series of sibling headings an editor reads as one list."""

    parent: Container
    members: list[Section] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        return [series_of(member) for member in self.members]

    @property
    def dominant_key(self) -> str:
        counts = Counter(self.keys)
        best = max(counts.values())
        return next(key for key in self.keys if counts[key] == best)

    @property
    def numbered(self) -> list[Section]:
        return [member for member in self.members if member.marker.ordinal is not None]


@dataclass
class Group:
    """The headings an editor reads as siblings under one parent (after hoisting)."""

    parent: Container
    members: list[Section]
    runs: list[Run]


class MarkerMask:
    """``mask[offset]`` is true inside a marker (intervals sorted by start)."""

    def __init__(self, intervals: list[tuple[int, int]]) -> None:
        intervals.sort()
        self._starts = [start for start, _ in intervals]
        self._ends = [end for _, end in intervals]

    def __getitem__(self, offset: int) -> bool:
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._ends[index]


class CheckContext:
    """The speech, its text, positions, and the structural indexes rules share."""

    def __init__(self, speech: Speech, *, text: str | None = None,
                 profile: Profile | str | None = None, path: str | None = None,
                 severities: dict[str, Severity] | None = None) -> None:
        self.speech = speech
        self.text = source_text(speech) if text is None else text
        self.path = path if path is not None else speech.source.path
        self.profile = resolve_profile(profile)
        self.severities = severities or {}
        self.line_starts = [0] + [m.end() for m in _NEWLINE.finditer(self.text)]
        self._shared: dict[str, str] = {}  # one copy of each message (see diagnostic)

    # -- positions ------------------------------------------------------------------
    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_bounds(self, line: int) -> tuple[int, int]:
        """Offsets of a line's content, without its line ending."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def line_text(self, line: int) -> str:
        start, end = self.line_bounds(line)
        return self.text[start:end]

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def diagnostic(self, rule: Rule | type[Rule], start: int, end: int, message: str,
                   fix: Fix | None = None) -> Diagnostic:
        if end < start:
            end = start
        starts = self.line_starts
        index = bisect_right(starts, start) - 1
        end_index = index if end == start else bisect_right(starts, end) - 1
        code = rule.code
        # The same message and fix recur thousands of times in a long draft (每个半角逗号):
        # one shared copy each keeps a checked 10 MB speech within the memory target.
        message = self._shared.setdefault(message, message)
        if fix is not None:
            fix = fix._replace(description=self._shared.setdefault(fix.description,
                                                                   fix.description))
        return Diagnostic(code, rule.name, self.severities.get(code, rule.severity), rule.tier,
                          message, self.path, index + 1, start - starts[index] + 1,
                          end_index + 1, end - starts[end_index] + 1, start, end, fix)

    # -- the tree -------------------------------------------------------------------
    def iter_nodes(self) -> Iterator[tuple[object, Container]]:
        """Every node in document order with its enclosing section or agenda item
        (an agenda's or a closing's contents are enclosed by what encloses them)."""
        enclosing: dict[int, Container] = {}
        for node, parent, _ in walk_tree(self.speech.nodes):
            if parent is None:
                container: Container = None
            elif isinstance(parent, (Section, AgendaItem)):
                container = parent
            else:
                container = enclosing[id(parent)]
            enclosing[id(node)] = container
            yield node, container

    @cached_property
    def nodes(self) -> list[tuple[object, Container]]:
        return list(self.iter_nodes())

    @cached_property
    def sections(self) -> list[Section]:
        return [node for node, _ in self.nodes if isinstance(node, Section)]

    @cached_property
    def tree_parent(self) -> dict[int, Container]:
        """The section or agenda item a section is nested in (by ``id``)."""
        return {id(node): parent for node, parent in self.nodes if isinstance(node, Section)}

    @cached_property
    def enumerations(self):
        """Every inline enumeration with the node that holds it."""
        found = []
        for node, _ in self.nodes:
            if isinstance(node, (Paragraph, Section, Closing)):
                found.extend((enumeration, node) for enumeration in node.enumerations)
        return found

    @cached_property
    def markers(self) -> list[Marker]:
        """Every marker: headings' and inline enumeration items', in document order."""
        found = [section.marker for section in self.sections]
        found += [item.marker for enumeration, _ in self.enumerations
                  for item in enumeration.items]
        return sorted(found, key=lambda marker: marker.span.start)

    @cached_property
    def marker_mask(self) -> MarkerMask:
        """Tells whether an offset lies inside a marker: text rules leave markers to
        JH2xx. Sorted intervals, not a byte per character: on a 10 MB speech the
        bytearray was a third of the memory a check adds."""
        return MarkerMask([(m.span.start, m.span.end) for m in self.markers])

    @cached_property
    def groups(self) -> list[Group]:
        groups: list[Group] = []
        for parent, children in self._sibling_lists():
            self._build_group(children, parent, groups)
        return groups

    @cached_property
    def runs(self) -> list[Run]:
        return [run for group in self.groups for run in group.runs]

    @cached_property
    def run_of(self) -> dict[int, Run]:
        return {id(member): run for run in self.runs for member in run.members}

    def _sibling_lists(self) -> Iterator[tuple[Container, list[Section]]]:
        """Top-level sections (split where a new part starts: a transition or an agenda),
        and the sections of every agenda item. Sections' own children are handled while
        building groups, because hoisting changes them."""
        current: list[Section] = []
        for node in self.speech.nodes:
            if isinstance(node, Section):
                current.append(node)
            elif isinstance(node, (Transition, Agenda)):
                if current:
                    yield None, current
                current = []
                if isinstance(node, Agenda):
                    for item in node.items:
                        if item.children:
                            yield item, list(item.children)
        if current:
            yield None, current

    def _build_group(self, children: list[Section], parent: Container,
                     groups: list[Group]) -> None:
        members: list[Section] = []
        queue = list(children)
        index = 0
        while index < len(queue):
            section = queue[index]
            members.append(section)
            own = section.sections
            hoisted = 0
            if own and series_of(own[0]) != series_of(section) \
                    and continues_across_styles(section, own[0]):
                hoisted = 1
                first_key = series_of(own[0])
                while hoisted < len(own) and (
                        series_of(own[hoisted]) == first_key
                        or continues_across_styles(own[hoisted - 1], own[hoisted])):
                    hoisted += 1
            queue[index + 1:index + 1] = own[:hoisted]
            if own[hoisted:]:
                self._build_group(own[hoisted:], section, groups)
            index += 1
        runs: list[Run] = []
        for section in members:
            if runs:
                run = runs[-1]
                if ((series_of(section) == series_of(run.members[0])
                        or continues_across_styles(run.members[-1], section))
                        and not self.starts_new_series(run.members[-1], section)):
                    run.members.append(section)
                    continue
            runs.append(Run(parent, [section]))
        groups.append(Group(parent, members, runs))

    @cached_property
    def _breaks(self) -> list[int]:
        """Where a speaker turns to a new part: re-addresses (同志们！) and transitions."""
        return [node.span.start for node, _ in self.nodes
                if getattr(node, "kind", "") in ("salutation", "transition")]

    def starts_new_series(self, previous: Section, section: Section) -> bool:
        """A member numbered 1 after a re-address, a [过渡] or a prose paragraph that is
        not part of a run-in series begins a new series (一是…六是, 同志们！, 一是…): the
        speaker counts afresh, and renumbering it 七是… damaged correct speeches (6 of
        6 JH102 on real texts were false)."""
        if section.marker.ordinal != 1 or previous.marker.ordinal is None:
            return False
        after, before = previous.marker.span.end, section.span.start
        breaks = self._breaks
        index = bisect_right(breaks, after)
        if index < len(breaks) and breaks[index] < before:
            return True
        if previous.marker.style not in FLOATING:
            return False  # a ranked heading's (一、 （一）) body is its own, not a break
        return any(node.kind == "paragraph" and node.text.strip() for node in previous.body)

    # -- helpers --------------------------------------------------------------------
    def has_content(self, section: Section) -> bool:
        """A heading with something under it: body text or sub-headings, or run-in."""
        if not section.standalone or section.children:
            return True
        return any(getattr(node, "kind", "") != "blank" and node.text.strip()
                   for node in section.body)

    def is_last_heading(self, section: Section) -> bool:
        return bool(self.sections) and self.sections[-1] is section

    def nothing_follows(self, section: Section) -> bool:
        """No heading after this one except its own sub-headings: where a fragment
        stops, a series may be cut short."""
        return not self.sections or self.sections[-1].span.start < section.span.end
