"""Where a chair's script in parts begins each part (OUTLINE: "A chair's script in several
parts … can have a [称谓], an [议程] and a [结束语] in each part"): under part headings of
one style (一、预备会议 / 二、正式大会) or, with none, at each address that opens a new
agenda after a part's closing. Part of the look-ahead (edges.py's ``SpeechFacts``).
"""

from __future__ import annotations

from collections.abc import Callable

from jianghua.model import STANDALONE_RANK
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import MarkerInfo


class ChairParts:
    """The part decisions of ``SpeechFacts`` (which provides what is declared here)."""

    text: str
    content_lines: list[Line]
    _marker_lines: list[Line]
    marker: Callable[[Sentence], MarkerInfo]
    next_content_line: Callable[[Line], Line | None]
    is_direction: Callable[[Line], bool]

    def _chair_parts(self, segments: dict[str, set[int]], *, scripted: bool) -> set[int]:
        """Lines that open a part of a chair's script: a standalone 一、预备会议 whose part
        opens with its own salutation or agenda (OUTLINE: "A chair's script in several
        parts … can have a [称谓], an [议程] and a [结束语] in each part"), or any line
        numbered as one that names a segment of the script (``segments``: 一、开场白 /
        三、颁奖环节). Two at least, of one style. A text that is no chair's script
        (``scripted``) has only its segments' parts."""
        by_key = {key: set(lines) for key, lines in segments.items()}
        for line in self._marker_lines if scripted else ():
            first = line.sentences[0]
            info = self.marker(first)
            nxt = self.next_content_line(line)
            while nxt is not None and self.is_direction(nxt):
                # （上午8:30　主持人：……）between the part's title and its address
                nxt = self.next_content_line(nxt)
            # The part's address may be glued after its title (glued_titles.py).
            opening = (line.sentences[1] if len(line.sentences) == 2
                       else nxt.sentences[0] if len(line.sentences) == 1 and nxt is not None
                       else None)
            if info.style in STANDALONE_RANK and opening is not None and (
                    opening.cue in ("VOCATIVE", "AGENDA_DECL")):
                by_key.setdefault(info.key, set()).add(line.number)
        return max((parts for parts in by_key.values() if len(parts) >= 2), key=len,
                   default=set()) or (self._addressed_parts() if scripted else set())

    def segment_parts(self, *, scripted: bool) -> dict[str, set[int]]:
        """The lines numbered in a style one line of which names a segment of the
        script (一、开场白 / 三、颁奖环节: SEGMENT_NAME), whether or not the text names
        its genre or agenda (a 晚会's hosts take up each part: 男：…… 女：……), or in a
        chair's script (``scripted``) numbered as parts (第一部分：开幕词; a speech's
        第一部分 is its top heading), by that style: its numbering is the parts'."""
        by_style: dict[str, set[int]] = {}
        segmented: set[str] = set()
        segment = terminal_pattern("SEGMENT_NAME").fullmatch
        for line in self._marker_lines:
            first = line.sentences[0]
            info = self.marker(first)
            if info.style in STANDALONE_RANK:
                by_style.setdefault(info.key, set()).add(line.number)
                if segment(self.text, first.cue_end, line.end) or (
                        scripted and "部分" in info.raw):
                    segmented.add(info.key)  # 一、开场白 / 第一部分：开幕词
        return {key: by_style[key] for key in segmented}

    def _addressed_parts(self) -> set[int]:
        """Lines that open a part of a chair's script with no part headings: the
        opening address, and each address of its own (各位领导，……：) that follows a
        part's closing formula (……开幕式到此结束，请各代表队有序退场。) and opens a new
        agenda (今天的闭幕式有三项议程：). Without one such address, no parts."""
        parts: list[int] = []
        opened = closed = False  # a part's agenda began; it has closed since
        candidate = 0  # an address after a closing, waiting for its agenda
        for line in self.content_lines:
            first = line.sentences[0]
            if first.cue == "VOCATIVE" and self.text[first.cue_end - 1] in "：:" and (
                    not parts or closed):
                candidate = line.number
                opened = closed = False
                continue
            cues = {s.cue for s in line.sentences}
            if cues & {"AGENDA_DECL", "AGENDA_STEP"}:
                if candidate:
                    parts.append(candidate)
                    candidate = 0
                opened = True
            if opened and "CLOSING" in cues:
                closed = True
        return set(parts) if len(parts) >= 2 else set()
