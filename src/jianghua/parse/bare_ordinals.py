"""Ordinal words glued to their paragraph's words: 第一从加快发展的要求看，…… / 第二从今年
极端天气情况看，……; 首先要感谢…… then 其次，…… — a speaker's points whose marker lost its
comma, or never had one (BARE_ORDINAL). A paragraph may also open so by chance (第一书记
要……), so such a word is read as the marker only where its series is there: the member
after it or before it, glued or not, opens another paragraph.

A pass of the block stage's first pass (blocks.py), after the lost breaks are restored:
it gives a line's first sentence the cue its marker would have had, nothing else.
"""

from __future__ import annotations

from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import SeriesOpeners, marker_info
from jianghua.parse.screens import first_chars

# The cues a glued ordinal word may take: the one it has with its comma (第一， / 首先，).
_SERIES_CUES = ("ORDINAL_MARKER", "SEQUENCE_MARKER")


def read_bare_ordinals(text: str, lines: list[Line]) -> None:
    """Give each paragraph that opens with a glued ordinal word of a series (BARE_ORDINAL)
    the marker's cue, its words after the ordinal the heading's title."""
    bare = terminal_pattern("BARE_ORDINAL").match
    can_open = first_chars("BARE_ORDINAL")
    glued: list[tuple[Line, Sentence]] = []
    for line in lines:
        first = line.sentences[0] if line.sentences else None
        if first is None or first.cue is not None or text[first.start] not in can_open:
            continue  # most lines: one character looked at
        found = bare(text, first.start, first.end)
        if found is not None:
            cue = "ORDINAL_MARKER" if text[first.start] == "第" else "SEQUENCE_MARKER"
            glued.append((line, Sentence(first.start, first.end, cue, found.end(), first.stop)))
    if not glued:
        return
    openers = [line.sentences[0] for line in lines
               if line.sentences and line.sentences[0].cue in _SERIES_CUES]
    members = sorted([*openers, *(s for _, s in glued)], key=lambda s: s.start)
    series = SeriesOpeners(text, members)
    for line, sentence in glued:
        if series.has_neighbour(marker_info(text, sentence)):
            line.sentences[0] = sentence
