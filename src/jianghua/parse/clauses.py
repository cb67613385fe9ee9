"""Lists inside a sentence: ordinal markers that open a clause, not a sentence.

The grammar lexes cues where a sentence starts; a list often runs on with commas
(``开这个会，一是同大家谈谈心，二是给大家鼓鼓劲，三是……`` corpus 203; ``其一,……,其二,……``
corpus 112; ``“第一是……”，“第二是……”`` corpus 205). Such a list is one paragraph's
``[列举]`` (CONVENTIONS: enumerations inside paragraphs), never a heading. This module
finds the markers that open a clause — after ，、；： or an opening quote — with the
grammar's own marker terminals, and forms the runs that count up from one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import STYLE_OF_TERMINAL, MarkerInfo, continues, marker_info

# Markers that may open a clause inside a sentence. Arabic 1. and circled ① are left
# out: inside a sentence they are decimals, dates and footnote marks more often than
# ordinals.
_CLAUSE_MARKERS = ("SHI_MARKER", "ORDINAL_MARKER", "QI_MARKER", "SEQUENCE_MARKER",
                   "CHINESE_MARKER", "CHINESE_PAREN_MARKER")
# An item must say something: 一、二等奖 is a prize, not a list of two.
_MIN_ITEM_CHARS = 4

Candidate = tuple[MarkerInfo, int, bool]  # marker, its sentence's end, opens a sentence


@functools.cache
def _clause_marker_pattern() -> re.Pattern[str]:
    alternatives = "|".join(f"(?P<{name}>{terminal_pattern(name).pattern})"
                            for name in _CLAUSE_MARKERS)
    return re.compile(r"(?<=[，,、；;：:“\"])[ \u3000]*(?:" + alternatives + ")")


def clause_lists(text: str, line: Line, marker: Callable[[Sentence], MarkerInfo],
                 excluded: set[int]) -> list[list[tuple[MarkerInfo, int, int]]]:
    """Runs of markers in ``line`` that count up from one and open at least one clause
    inside a sentence: each a list of (marker, item start, item end).

    ``excluded``: indexes of sentences already taken (headings, agenda steps…): a run
    through one of them is not an in-paragraph list.
    """
    candidates: list[Candidate] = []
    blocked: list[tuple[int, int]] = []
    pattern = _clause_marker_pattern()
    for index, s in enumerate(line.sentences):
        if index in excluded:
            blocked.append((s.start, s.end))
        if s.cue in STYLE_OF_TERMINAL:
            candidates.append((marker(s), s.end, True))
        for found in pattern.finditer(text, s.cue_end, s.end):
            start = found.start(found.lastgroup)  # type: ignore[arg-type]
            clause = Sentence(start=start, end=s.end, cue=found.lastgroup,
                              cue_end=found.end(), stop="")
            candidates.append((marker_info(text, clause), s.end, False))
    runs = []
    used: set[int] = set()
    for position, (head, _, _) in enumerate(candidates):
        if position in used or head.ordinal != 1:
            continue
        run = [position]
        for later in range(position + 1, len(candidates)):
            info = candidates[later][0]
            if info.key != head.key:
                continue
            if continues(candidates[run[-1]][0], info):
                run.append(later)
            elif info.ordinal is not None:
                break  # the series restarts or skips: it ends here
        members = [candidates[i] for i in run]
        if len(run) < 2 or all(opens for _, _, opens in members):
            continue  # sentence-level lists are blocks.py's
        if any(start <= info.start < end for info, _, _ in members for start, end in blocked):
            continue
        items = []
        for i, (info, sentence_end, _) in enumerate(members):
            end = members[i + 1][0].start if i + 1 < len(members) else sentence_end
            items.append((info, info.start, end))
        if any(end - info.end < _MIN_ITEM_CHARS for info, _, end in items):
            continue
        used.update(run)
        runs.append(items)
    return runs
