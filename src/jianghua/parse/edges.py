"""Facts about a whole speech that the block decisions look ahead for.

Where the front matter ends, where the closing starts, the next non-blank line after
each line, whether more headings, agenda steps or a 其次/最后 follow: each is computed
once, in one pass over the lines, so cutting the speech into blocks stays linear in
its length (the benchmark's 10 MB case and the 100,000-heading hostile input).
"""

from __future__ import annotations

import functools
import itertools
import re

from jianghua.model import STANDALONE_RANK
from jianghua.parse.chair_closings import ChairClosings
from jianghua.parse.chair_parts import ChairParts
from jianghua.parse.closings import Closings
from jianghua.parse.flat_steps import FlatStepSentences
from jianghua.parse.front_lines import MAX_TITLE_CHARS, FrontLines
from jianghua.parse.glued_titles import MIN_CUT_TITLE_CHARS
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import (
    STYLE_OF_TERMINAL,
    MarkerInfo,
    continues,
    marker_info,
)
from jianghua.parse.page_runs import PageRuns
from jianghua.parse.pieces import (
    EXCLAIM_OR_COLON,
    FLATTENED_MAX_LINES,
    SPACES,
    ends_a_sentence,
    has_han,
    words_end,
)
from jianghua.parse.step_lines import NumberedStepLines
from jianghua.parse.steps import handover_steps, is_chair_script

__all__ = ["SpeechFacts"]

# A speech whose paragraphs were run together: one line this long (FLATTENED_MAX_LINES).
_FLATTENED_MIN_CHARS = 300
# Cues that, with more after them in a line, say the line is a whole speech or script
# run together: a hand-over, or a title glued to what follows it (……表态发言各位代表：……).
_HAND_OVERS = frozenset({"TRANSITION", "AGENDA_DECL", "AGENDA_STEP", "TITLE_HEAD"})
# A 首先 heads a series only if one of these follows it.
_SERIES_GOES_ON = ("其次", "再次", "最后")
# A previewed part's title said again later is at least this long (not 总体要求 alone).
_MIN_SAID_AGAIN_CHARS = 6
# Where a line ends, after any spaces.
_LINE_END = re.compile(r"[ \u3000]*(?:\r|\n|$)")


class SpeechFacts(Closings, ChairClosings, ChairParts, NumberedStepLines, FlatStepSentences,
                  FrontLines, PageRuns):
    """Look-ahead facts about ``text`` split into ``lines``, computed once."""

    def __init__(self, text: str, lines: list[Line]) -> None:
        self.text = text
        self.lines = lines
        self.content_lines = [line for line in lines if not line.is_blank]
        self._markers: dict[int, MarkerInfo] = {}
        self._next_content: list[Line | None] = [None] * (len(lines) + 1)
        self._line_starts = [line.start for line in lines]
        self._bulk_line = self._bulk_of_text()
        self._back_from = self._back_block_from()
        self._many_speech_lines = self._counts_many_speech_lines()
        following: Line | None = None
        for line in reversed(lines):
            self._next_content[line.number] = following
            if not line.is_blank:
                following = line
        self.last_marker_line = 0
        self.last_step_line = 0
        self.first_step_line = 0  # the first numbered step's (AGENDA_STEP), 0: none
        self.last_series_line = 0
        self._marker_lines: list[Line] = []  # lines that open with a marker
        cues: set[str | None] = set()  # every cue the text holds
        for line in self.content_lines:
            sentences = line.sentences
            first = sentences[0]
            if first.cue in STYLE_OF_TERMINAL:
                self.last_marker_line = line.number
                self._marker_lines.append(line)
                if self.marker(first).raw[:2] in _SERIES_GOES_ON:
                    self.last_series_line = line.number
            line_cues = {s.cue for s in sentences}
            if "AGENDA_STEP" in line_cues:
                self.last_step_line = line.number
                self.first_step_line = self.first_step_line or line.number
            cues |= line_cues
        self.front_end = self._front_matter_end()
        self.document_lines = self.later_documents()
        self.address_documents = self.speeches_after_closing()
        self.agenda_named = "AGENDA_DECL" in cues and any(
            s.cue == "AGENDA_DECL" and terminal_pattern("AGENDA_NAME").search(
                text, s.start, s.cue_end) for line in self.content_lines for s in line.sentences)
        self.preview_lines = self._preview_lines()
        self.closing_reason = ""
        announced = is_chair_script(text, lines, self.front_end, cues)
        segments = self.segment_parts(scripted=announced)
        self.segment_lines = set().union(*segments.values())
        self.part_lines = self._chair_parts(segments, scripted=announced)
        # 一、运动员入场式 … under 共有七项议程: steps numbered as headings are — and so,
        # in any text, are numbered lines most of which perform what they name (二、奏国际歌
        # / 全体起立，奏国际歌……): the numbering of a script that names no genre.
        self.step_heading_lines = (
            self._numbered_step_lines() if "AGENDA_STEP" not in cues else
            self._tied_step_lines()) if not self.part_lines else {}
        # The same numbering in a script run together into one line, by sentence.
        self.step_heading_starts = (self._flat_step_starts() if "AGENDA_STEP" not in cues
                                    and not self.part_lines else {})
        numbered_at = {lines[number - 1].sentences[0].start: ordinal
                       for number, ordinal in self.step_heading_lines.items()}
        handovers = handover_steps(text, lines, self.front_end, cues, self.is_flattened,
                                   self.part_lines, numbered_at | self.step_heading_starts)
        self.handover_lines = {line.number for line, _ in handovers}
        self.handover_starts = {s.start for _, s in handovers}
        self.chair_script = bool(self.handover_lines) or announced
        flat_step_lines = {self._line_of(start) for start in self.step_heading_starts}
        if self.handover_lines or self.step_heading_lines or flat_step_lines:
            self.last_step_line = max(self.last_step_line, *self.handover_lines,
                                      *self.step_heading_lines, *flat_step_lines)
        self.closing_at = self._closing_start()
        # Every closing: the speech's, and one ending each part of a chair's script.
        self.closing_starts = self.part_closings() | self.document_closings()
        if self.closing_at is not None:
            self.closing_starts[self.closing_at] = self.closing_reason

    # -------------------------------------------------------------- look-ahead --
    def marker(self, sentence: Sentence) -> MarkerInfo:
        """The marker opening ``sentence`` (cached: blocks asks about each many times)."""
        info = self._markers.get(sentence.start)
        if info is None:
            info = self._markers[sentence.start] = marker_info(self.text, sentence)
        return info

    def opens_standalone(self, sentence: Sentence) -> bool:
        """Whether ``sentence`` opens with a standalone heading's marker (一、 （一） 1.)."""
        return sentence.cue in STYLE_OF_TERMINAL and self.marker(sentence).style in STANDALONE_RANK

    def next_content_line(self, line: Line) -> Line | None:
        return self._next_content[line.number]

    def content_line_before(self, line: Line) -> Line | None:
        for number in range(line.number - 2, -1, -1):
            if not self.lines[number].is_blank:
                return self.lines[number]
        return None

    def is_direction(self, line: Line) -> bool:
        """A line wholly in brackets: a stage direction or time note in a chair's script
        (（稍候） （上午8:30　主持人：……）, CONVENTIONS), which says nothing itself."""
        return terminal_pattern("BACK_MATTER").match(self.text, line.content_start,
                                                     line.end) is not None and (
            self.text[line.content_start] in "（(")

    def copy_stops_after(self, line: Line) -> bool:
        """Whether the copy stops after ``line``, though the speech went on: the next line
        is a viewer's notice that it hides the rest (HIDDEN_TEXT), the page's back
        matter (BACK_MATTER), a journal page's English translation of its excerpt, or
        the title of a speech the page starts over with (its copy of the same speech,
        page_runs.py), or there is none."""
        following = self.next_content_line(line)
        return following is None or following.number in self.document_lines or any(
            terminal_pattern(name).match(self.text, following.content_start, following.end)
            for name in ("HIDDEN_TEXT", "BACK_MATTER")) or not has_han(
            self.text, following.content_start, following.end)  # a machine's English

    def markers_follow(self, line: Line) -> bool:
        return line.number < self.last_marker_line

    def steps_follow(self, line: Line) -> bool:
        return line.number < self.last_step_line

    def series_goes_on(self, line: Line) -> bool:
        """Whether a later line starts with 其次/再次/最后 (so a 首先 here heads a series);
        a 最后 that is the closing wish continues none (corpus 100)."""
        last = self.last_series_line
        # The line's content, not its start: an indent must not change the answer.
        if last and self.closing_at is not None and self.lines[last - 1].content_start >= (
                self.closing_at - len(self.marker(self.lines[last - 1].sentences[0]).raw)):
            last = self._series_line_before(last)
        return line.number < last

    def first_again(self, line: Line) -> bool:
        """Whether the next line after ``line`` that opens with 首先/其次/再次/最后 opens
        with 首先 again: the series starts there."""
        for later in self._marker_lines:
            if later.number > line.number and later.sentences[0].cue == "SEQUENCE_MARKER":
                return self.marker(later.sentences[0]).raw.startswith("首先")
        return False

    def _series_line_before(self, number: int) -> int:
        for line in reversed(self._marker_lines):
            if line.number < number and self.marker(line.sentences[0]).raw[:2] in _SERIES_GOES_ON:
                return line.number
        return 0

    def is_flattened(self, line: Line) -> bool:
        """A whole speech pasted as one line (corpus 046, 064, 074): its paragraph
        breaks are lost, so a marker anywhere in it may start a paragraph — as may one
        in a viewer's chunk of such a text (corpus 130)."""
        if line.chunk or self._title_cut_from_body(line):
            return True
        if self._many_speech_lines and line.number != self._bulk_line:
            return False
        # Long, or short but holding a hand-over or an agenda with more after it: a whole
        # short speech or script (……同志们：……下面，我讲三点意见。第一，……谢谢大家！), the
        # hand-over maybe in the address's sentence (各位代表：现在，我代表……报告工作), is
        # no one paragraph.
        transition = terminal_pattern("TRANSITION").match
        return line.end - line.content_start > _FLATTENED_MIN_CHARS or any(
            s.cue in _HAND_OVERS or (s.cue == "VOCATIVE" and transition(
                self.text, s.cue_end, s.end)) for s in line.sentences[:-1])

    def _title_cut_from_body(self, line: Line) -> bool:
        """Whether the line opens with a standalone heading whose title the block stage cut
        from the body glued to it (glued_titles.py: no stop of its own, more after it):
        the line break after the title was lost, and so were the paragraphs' after it
        (……的责任感和使命感一是……。……二是……)."""
        first = line.sentences[0]
        return len(line.sentences) > 1 and not first.stop and (
            first.end - first.cue_end >= MIN_CUT_TITLE_CHARS) and self.opens_standalone(first)

    @functools.cached_property
    def first_speech_line(self) -> Line | None:
        """The first line with words after the front matter."""
        return next((line for line in self.content_lines if line.number > self.front_end),
                    None)

    def _counts_many_speech_lines(self) -> bool:
        """Whether the text has more lines of its own than a speech pasted as one line
        does (is_flattened): the lines a page's footer adds (上一篇：…… 下一篇：……,
        相关推荐 and its links) are not the speech's. Counted only that far, once."""
        back_matter = terminal_pattern("BACK_MATTER").match
        own = (line for line in self.content_lines if line.number < self._back_from
               and back_matter(self.text, line.content_start, line.end) is None)
        return next(itertools.islice(own, FLATTENED_MAX_LINES, None), None) is not None

    def _bulk_of_text(self) -> int:
        """The line that holds most of the text (0: none does). A web page's chrome —
        a title, a breadcrumb, a source line, links — adds lines around a speech pasted
        as one line; the speech is still one line (is_flattened)."""
        lengths = [(line.end - line.content_start, line.number) for line in self.content_lines]
        if not lengths:
            return 0
        longest, number = max(lengths)
        if any(self._heading_alone(line) and not self._among_site_notices(line)
               for line in self.content_lines if line.number != number):
            return 0  # 一、…… on a line of its own: the speech kept its breaks
        return number if longest * 2 >= sum(length for length, _ in lengths) else 0

    def _heading_alone(self, line: Line) -> bool:
        """A standalone heading (一、 （一） 1.) that is all its line holds."""
        first = line.sentences[0]
        return len(line.sentences) == 1 and not first.stop and self.opens_standalone(first)

    @functools.cached_property
    def guest_list_starts(self) -> dict[int, int]:
        """Where a guest list runs, line → the offset it starts from on that line: after
        the sentence that introduces it (今天光临开幕式的领导和嘉宾有：) on its own line if
        the list goes on there, then the lines after it up to the first that ends in a
        full stop (each guest's may end in ；). Offices and names, which a line with only
        an office (上饶市人民政府副市长) does not address."""
        found: dict[int, int] = {}
        listing = False
        introduces = terminal_pattern("GUEST_LIST").fullmatch
        for line in self.content_lines:
            if listing:
                found[line.number] = line.start
                listing = self.text[line.content_start:line.end].rstrip(SPACES)[-1:] not in (
                    "。！？!?")
            for s in line.sentences:
                # (a colon ends the introduction: a look at the end before the pattern)
                if self.text[words_end(self.text, s.start, s.end) - 1] in "：:" and (
                        introduces(self.text, s.start, s.end)):
                    listing = s is line.sentences[-1]
                    if not listing:
                        found[line.number] = s.end  # 参加今天活动的有：在家的局领导和……。
        return found

    def in_guest_list(self, line: Line, s: Sentence) -> bool:
        """Whether sentence ``s`` of ``line`` stands in a guest list."""
        start = self.guest_list_starts.get(line.number)
        return start is not None and s.start >= start

    @functools.cached_property
    def back_block_line(self) -> int:
        """The line a page's block of back matter starts on (相关文章 and what follows:
        links, a summary that repeats the speech's start) after the speech began; past
        the last if none (a 推荐阅读 blurb above the speech starts none)."""
        first = self.first_speech_line
        return self._back_from if first is not None and self._back_from > first.number else (
            len(self.lines) + 1)

    def is_own_vocative(self, s: Sentence) -> bool:
        """A vocative that is a sentence of its own (同志们！ / 各位同事：), not the start
        of one (同志们，让我们……): its own ending is an exclamation mark or a colon."""
        if s.cue != "VOCATIVE":
            return False
        # A line that is only the address (同志们), OUTLINE: "even without a final ：",
        # whatever it ends in (尊敬的领导，尊贵的宾客， between a script's parts): the
        # next line's sentence is not joined to it.
        # So is one whose comma leads into the greeting (各位领导、老师、同学们，大家好：).
        return self.text[s.cue_end - 1] in EXCLAIM_OR_COLON or (
            not self.text[s.cue_end:s.end].strip(SPACES) and (
                self.text[s.cue_end - 1] not in "，," or _LINE_END.match(self.text, s.end))) or (
            self.text[s.cue_end - 1] in "，," and terminal_pattern("GREETING_AFTER").match(
                self.text, s.cue_end) is not None)

    def _preview_lines(self) -> set[int]:
        """Lines that preview the parts before the parts themselves: （一）……；（二）……；
        on lines of their own, then （一）…… again with its body (OUTLINE rule 8: "on
        lines of its own it is not listed"; corpus 122). A run of short one-sentence
        marker lines counting from one, whose series starts again at one later on."""
        previews: set[int] = set()
        runs: list[list[Line]] = []
        for line in self._marker_lines:
            info = self.marker(line.sentences[0])
            last = runs[-1][-1] if runs else None
            if last is not None and continues(self.marker(last.sentences[0]), info) and (
                    self.next_content_line(last) is line):
                runs[-1].append(line)
            else:
                runs.append([line])
        address = self._first_address_line()
        for number, run in enumerate(runs):
            head = self.marker(run[0].sentences[0])
            if len(run) < 2 or head.ordinal != 1 or not all(
                    len(line.sentences) == 1 and line.end - line.content_start <= MAX_TITLE_CHARS
                    for line in run):
                continue
            if run[-1].number < address and self._only_titles_between(run[-1], address):
                # The page's table of contents (目录/提纲：一、…… 二、……) before the speech's
                # address: the parts are previewed, the speech has not begun.
                previews.update(line.number for line in run)
                continue
            if self._titles_said_again(run):
                # 第一、充分认清……重要性 / 第二、…… on lines of their own, then 首先，讲第一个
                # 方面：充分认清……重要性。: the part's title said again where it is given.
                previews.update(line.number for line in run)
                continue
            # Read as one list: each line but the last ends in a list's ；, not a full stop
            # (一是……。二是……。一是…… restarts a numbering, which check reports: JH102).
            if not all(line.sentences[0].stop in "；;，,、" and line.sentences[0].stop
                       for line in run[:-1]):
                continue
            # The very next marker line starts the same series again: （一） then （一）, not
            # 一、（一）（二） 二、（一） where a part heading comes between.
            following = runs[number + 1][0] if number + 1 < len(runs) else None
            if following is None or self.marker(following.sentences[0]).ordinal != 1:
                continue
            key = self.marker(following.sentences[0]).key
            # The same series again, or as many parts of another style (一是……；二是……；
            # 三是……。 then 一、 二、 三、: the parts announced, then given).
            if key == head.key or len(run) == self._series_length(following, key):
                previews.update(line.number for line in run)
        return previews

    def _titles_said_again(self, run: list[Line]) -> bool:
        """Whether the first line of ``run`` says its title again, word for word, after
        the run: the parts previewed, then given (the first at least: a copy may be cut
        before the rest)."""
        s = run[0].sentences[0]
        title = self.text[s.cue_end:s.end].strip(SPACES).rstrip("；;，,、。")
        return len(title) >= _MIN_SAID_AGAIN_CHARS and self.text.find(title, run[-1].end) >= 0

    def _first_address_line(self) -> int:
        """The number of the first line that opens with an address ending in a colon
        (同志们：), or 0."""
        for line in self.lines:
            first = line.sentences[0] if line.sentences else None
            if first is not None and first.cue == "VOCATIVE" and \
                    self.text[first.cue_end - 1] in "：:":
                return line.number
        return 0

    def _only_titles_between(self, last: Line, number: int) -> bool:
        """No sentence of the body stands between ``last`` and line ``number``."""
        return not any(ends_a_sentence(line) for line in self.lines[last.number:number - 1])

    def _series_length(self, first: Line, key: str) -> int:
        """How many lines of series ``key`` count up from ``first`` (1, 2, 3 …)."""
        count = 0
        for line in self._marker_lines:
            if line.number < first.number:
                continue
            info = self.marker(line.sentences[0])
            if info.key == key and info.ordinal == count + 1:
                count += 1
        return count
