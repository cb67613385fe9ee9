"""How a text of several parts closes: each part of a chair's script before the next,
each speech of a collection before the next one's title, and the script whose last
paragraphs sum the meeting up (OUTLINE: host scripts in several parts; gold NOTES 102,
130). Part of the look-ahead (edges.py's ``SpeechFacts``, with ``Closings``, whose
closing search it extends and whose helpers it uses).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from jianghua.parse.closings import CLOSING_REASONS
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import STYLE_OF_TERMINAL, MarkerInfo
from jianghua.parse.pieces import words_after_address

__all__ = ["ChairClosings"]

_Paragraphs = list[tuple[Line, list[Sentence]]]
# The closings that say the part is over (……到此结束 / 各项议程已全部完成).
_SAYS_IT_CLOSES = frozenset({"formula", "agenda_done", "programme"})


class ChairClosings:
    """The chair's-script closing decisions of ``SpeechFacts``."""

    text: str
    lines: list[Line]
    handover_starts: set[int]
    part_lines: set[int]
    segment_lines: set[int]  # part lines that name a segment of a ceremony (一、开场白)
    document_lines: dict[int, int]
    address_documents: frozenset[int]
    chair_script: bool
    closing_reason: str
    _line_of: Callable[[int], int]
    _tail_paragraphs: Callable[..., _Paragraphs]
    _closing_run_start: Callable[[_Paragraphs], tuple[int, str] | None]
    closing_after: Callable[..., int | None]
    is_comma_vocative: Callable[[Sentence], bool]
    is_formula: Callable[[Sentence], bool]
    marker: Callable[[Sentence], MarkerInfo]
    _first_item_after_blurb: Callable[[Line], bool]

    def part_closings(self) -> dict[int, str]:
        """Where each part of a chair's script but the last closes (its last paragraphs
        before the next part: 各位委员，预备会议各项议程已全部完成。散会。), with why; the
        last part's closing is the speech's."""
        found: dict[int, str] = {}
        parts = sorted(self.part_lines)
        for number, following in pairwise(parts):
            start, until = self.lines[number - 1].start, self.lines[following - 1].start
            # the part's own lines, not the whole speech's for each part (linear in parts)
            steps = [s.start for line in self.lines[number - 1:following - 1]
                     for s in line.sentences
                     if s.cue == "AGENDA_STEP" or s.start in self.handover_starts]
            after = self._step_paragraph_end(steps[-1]) if steps else start
            closing = self._closing_run_start(self._tail_paragraphs(after, until))
            if closing is not None and (closing[1] in _SAYS_IT_CLOSES
                                        or number not in self.segment_lines):
                # A segment of a ceremony (一、开场白 / 二、介绍评委) ends where the next
                # begins: only words that say so close it, no call or wish of the hosts'.
                found[closing[0]] = CLOSING_REASONS[closing[1]] + " of its part"
        return found

    def document_closings(self) -> dict[int, str]:
        """Where each speech but the last of a collection closes: in its last paragraphs
        before the next one's title (……最后，祝……开工大吉。谢谢大家！ then 开工典礼致辞
        篇2) or its address (page_runs.py), after its last heading or step."""
        found: dict[int, str] = {}
        start = 0
        reason = self.closing_reason  # the whole speech's, kept
        for title in sorted({*self.document_lines, *self.address_documents}):
            until = self.lines[title - 1].start
            if self._first_item_after_blurb(self.lines[title - 1]):
                start = until  # before a collection's first item: its page's blurb only
                continue
            after = self._last_heading_or_step(start, title)
            closing = self.closing_after(after, until)
            if closing is not None:
                found[closing] = self.closing_reason + " of its speech"
            start = until
        self.closing_reason = reason
        return found

    def _last_heading_or_step(self, start: int, title: int) -> int:
        """Where the last heading or step of the speech from offset ``start`` up to line
        ``title`` starts (``start``: none); a 最后，wish with nothing under it closes."""
        last = start
        for line in self.lines[self._line_of(start) - 1:title - 1]:
            if not line.sentences:
                continue
            head = line.sentences[0]
            if head.cue in STYLE_OF_TERMINAL and not self.marker(head).raw.startswith("最后"):
                last = max(last, head.start)
            for s in line.sentences:
                if s.cue == "AGENDA_STEP" or s.start in self.handover_starts:
                    last = max(last, s.start)
        return last

    def _chair_sums_up(self, paragraphs: _Paragraphs) -> int | None:
        """A chair's script whose last paragraphs do not close, but sum the meeting up
        after saying its agenda is done (各位领导，同志们：今天会议已完成各项议程。刚才，……,
        cut off or ending in the chair's requests): the closing starts at the formula
        (corpus 130's 各项议程进行完毕), as no heading or step follows it."""
        if not self.chair_script:
            return None
        at = self.agenda_done_at(paragraphs)
        if at is not None:
            self.closing_reason = CLOSING_REASONS["agenda_done"]
            return at
        # No formula: the chair's summary of the meeting (在这次座谈会上，……) is the
        # script's last part, as a speech's recap is (corpus 102's closing paragraph) —
        # unless the chair goes on to points of his own (我再强调三点：, corpus 106).
        if any(s.cue == "TRANSITION" for _, sentences in paragraphs for s in sentences):
            return None
        for _, sentences in paragraphs:
            if self.chair_recaps(sentences):
                self.closing_reason = ("CHAIR_RECAP: after the last step the chair sums "
                                       "the meeting up")
                return sentences[0].start
        return None

    def agenda_done_at(self, paragraphs: _Paragraphs) -> int | None:
        """In a chair's script, where the chair first says the agenda is done (今天的会议
        议程进行完毕。, a CLOSING formula) among the last paragraphs: the closing part
        starts there, whatever remarks and wishes follow (gold NOTES: corpus 130's
        会议的主要议程就进行到这里); None if he does not."""
        if not self.chair_script:
            return None
        for _, sentences in paragraphs:
            for s in sentences:
                at = self._formula_at(s)
                if at is not None:
                    return at
        return None

    def chair_recaps(self, sentences: list[Sentence]) -> bool:
        """Whether a paragraph of a chair's script opens by summing the meeting up
        (各位领导、同志们，在这次座谈会上，……), after its address if it has one."""
        if not self.chair_script:
            return False
        first = sentences[0]
        words = (words_after_address(self.text, first) if self.is_comma_vocative(first)
                 else first.start)
        return terminal_pattern("CHAIR_RECAP").match(self.text, words, first.end) is not None

    def _formula_at(self, s: Sentence) -> int | None:
        """Where a closing formula starts in ``s``: at its start, or after the address
        that opens it (同志们：今天会议已完成各项议程。)."""
        if self.is_formula(s):
            return s.start
        if s.cue != "VOCATIVE":
            return None
        at = words_after_address(self.text, s)
        if terminal_pattern("CLOSING").match(self.text, at, s.end) is None:
            return None
        # 各位老师，全体同学，……各项议程到此全部结束，……: an address joined by its comma
        # is part of the sentence (OUTLINE), which the closing starts with.
        return s.start if self.is_comma_vocative(s) else at

    def _step_paragraph_end(self, step: int) -> int:
        """Where the paragraph of the step at ``step`` ends: what the chair says within a
        step (同意的请举手。通过。) is the step's."""
        line = self.lines[self._line_of(step) - 1]
        return line.sentences[-1].start
