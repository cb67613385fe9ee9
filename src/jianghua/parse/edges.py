"""Facts about a whole speech that the block decisions look ahead for.

Where the front matter ends, where the closing starts, the next non-blank line after
each line, whether more headings, agenda steps or a 其次/最后 follow: each is computed
once, in one pass over the lines, so cutting the speech into blocks stays linear in
its length (the benchmark's 10 MB case and the 100,000-heading hostile input).
"""

from __future__ import annotations

from bisect import bisect_right

from jianghua.parse.lexicon import char_class
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import (
    STYLE_OF_TERMINAL,
    MarkerInfo,
    continues,
    marker_info,
    speaks_a_count,
)
from jianghua.parse.steps import handover_steps, is_chair_script

# Stops that end a title or an agenda item sentence (OUTLINE: 议程项 stops before ：).
SENTENCE_END = "。！？；!?;"
EXCLAIM_OR_COLON = "：:！!"
# The spaces a speech is indented with: the grammar's INDENT class, not a second copy.
SPACES = char_class("INDENT")
# Front matter is short: a title line longer than this is body text.
_MAX_TITLE_CHARS = 60
# No line of front matter (a byline, a date, a blurb) is this long.
_MAX_FRONT_LINE_CHARS = 300
# A re-address that opens the closing part is looked for among this many last lines.
_CLOSING_WINDOW = 4
# The closing part is at most this many paragraphs (a call, wishes, slogans, thanks).
_CLOSING_PARAGRAPHS = 10
# A slogan or wish line that may close a speech (……万岁！ 预祝大会圆满成功！) is this short.
_MAX_SLOGAN_CHARS = 40
# Why the closing starts where it does, by the first paragraph of the closing run.
_CLOSING_REASONS = {
    "formula": "CLOSING formula, the last part",
    "call": "CALL 让我们……, the last part",
    "wish": "最后，with no points under it, at the end",
    "slogan": "slogans and wishes end the speech",
    "thanks": "the last paragraph before the closing thanks (THANKS)",
    "thanked": "the paragraph the closing thanks (THANKS) end",
    "recap": "RECAP: the last paragraph sums the speech up",
}
# A speaker's name on a front line (习近平, 朱镕基, XX).
_MAX_NAME_CHARS = 4
# Each half of a title of two parallel phrases is at least this long (凝心聚力 担当作为).
_MIN_PHRASE_CHARS = 4
# A speech whose paragraphs were run together: this few lines, one this long.
_FLATTENED_MAX_LINES = 3
_FLATTENED_MIN_CHARS = 300
# A 首先 heads a series only if one of these follows it.
_SERIES_GOES_ON = ("其次", "再次", "最后")


class SpeechFacts:
    """Look-ahead facts about ``text`` split into ``lines``, computed once."""

    def __init__(self, text: str, lines: list[Line]) -> None:
        self.text = text
        self.lines = lines
        self.content_lines = [line for line in lines if not line.is_blank]
        self._markers: dict[int, MarkerInfo] = {}
        self._next_content: list[Line | None] = [None] * (len(lines) + 1)
        self._line_starts = [line.start for line in lines]
        following: Line | None = None
        for line in reversed(lines):
            self._next_content[line.number] = following
            if not line.is_blank:
                following = line
        self.last_marker_line = 0
        self.last_step_line = 0
        self.last_series_line = 0
        self._marker_lines: list[Line] = []  # lines that open with a marker
        for line in self.content_lines:
            first = line.sentences[0]
            if first.cue in STYLE_OF_TERMINAL:
                self.last_marker_line = line.number
                self._marker_lines.append(line)
                if self.marker(first).raw[:2] in _SERIES_GOES_ON:
                    self.last_series_line = line.number
            if any(s.cue == "AGENDA_STEP" for s in line.sentences):
                self.last_step_line = line.number
        self.front_end = self._front_matter_end()
        self.agenda_named = any(
            s.cue == "AGENDA_DECL" and terminal_pattern("AGENDA_NAME").search(
                text, s.start, s.cue_end) for line in self.content_lines for s in line.sentences)
        self.preview_lines = self._preview_lines()
        self.closing_reason = ""
        cues = {s.cue for line in self.content_lines for s in line.sentences}
        handovers = handover_steps(text, lines, self.front_end, cues, self.is_flattened)
        self.handover_lines = {line.number for line, _ in handovers}
        self.handover_starts = {s.start for _, s in handovers}
        self.chair_script = bool(self.handover_lines) or is_chair_script(
            text, lines, self.front_end, cues)
        if self.handover_lines:
            self.last_step_line = max(self.last_step_line, *self.handover_lines)
        self.closing_at = self._closing_start()

    # -------------------------------------------------------------- look-ahead --
    def marker(self, sentence: Sentence) -> MarkerInfo:
        """The marker opening ``sentence`` (cached: blocks asks about each many times)."""
        info = self._markers.get(sentence.start)
        if info is None:
            info = self._markers[sentence.start] = marker_info(self.text, sentence)
        return info

    def next_content_line(self, line: Line) -> Line | None:
        return self._next_content[line.number]

    def markers_follow(self, line: Line) -> bool:
        return line.number < self.last_marker_line

    def steps_follow(self, line: Line) -> bool:
        return line.number < self.last_step_line

    def series_goes_on(self, line: Line) -> bool:
        """Whether a later line starts with 其次/再次/最后 (so a 首先 here heads a series);
        a 最后 that is the closing wish continues none (corpus 100)."""
        last = self.last_series_line
        if last and self.closing_at is not None and self.lines[last - 1].start >= (
                self.closing_at - len(self.marker(self.lines[last - 1].sentences[0]).raw)):
            last = self._series_line_before(last)
        return line.number < last

    def _series_line_before(self, number: int) -> int:
        for line in reversed(self._marker_lines):
            if line.number < number and self.marker(line.sentences[0]).raw[:2] in _SERIES_GOES_ON:
                return line.number
        return 0

    def is_flattened(self, line: Line) -> bool:
        """A whole speech pasted as one line (corpus 046, 064, 074): its paragraph
        breaks are lost, so a marker anywhere in it may start a paragraph."""
        return len(self.content_lines) <= _FLATTENED_MAX_LINES and (
            line.end - line.content_start > _FLATTENED_MIN_CHARS)

    def is_own_vocative(self, s: Sentence) -> bool:
        """A vocative that is a sentence of its own (同志们！ / 各位同事：), not the start
        of one (同志们，让我们……): its own ending is an exclamation mark or a colon."""
        if s.cue != "VOCATIVE":
            return False
        # A line that is only the address (同志们), OUTLINE: "even without a final ："
        return self.text[s.cue_end - 1] in EXCLAIM_OR_COLON or (
            not self.text[s.cue_end:s.end].strip(SPACES) and self.text[s.cue_end - 1] not in "，,")

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
        for number, run in enumerate(runs):
            head = self.marker(run[0].sentences[0])
            if len(run) < 2 or head.ordinal != 1 or not all(
                    len(line.sentences) == 1 and line.end - line.content_start <= _MAX_TITLE_CHARS
                    for line in run):
                continue
            # Read as one list: each line but the last ends in a list's ；, not a full stop
            # (一是……。二是……。一是…… restarts a numbering, which check reports: JH102).
            if not all(line.sentences[0].stop in "；;，,、" and line.sentences[0].stop
                       for line in run[:-1]):
                continue
            # The very next marker line starts the same series again: （一） then （一）, not
            # 一、（一）（二） 二、（一） where a part heading comes between.
            following = runs[number + 1][0] if number + 1 < len(runs) else None
            if following is not None and self.marker(following.sentences[0]).key == head.key \
                    and self.marker(following.sentences[0]).ordinal == 1:
                previews.update(line.number for line in run)
        return previews

    # ------------------------------------------------------------ front matter --
    def _front_matter_end(self) -> int:
        """Number of leading lines that are front matter (titles, date, speaker)."""
        count = 0
        for line in self.lines:
            if not line.is_blank and not self._looks_like_front_line(line):
                break
            count += 1
        # Trailing blank lines belong to the speech, not the header.
        while count and self.lines[count - 1].is_blank:
            count -= 1
        return count

    def _looks_like_front_line(self, line: Line) -> bool:
        first = line.sentences[0]
        if line.end - line.content_start > _MAX_FRONT_LINE_CHARS or (
                line.end - line.content_start > _MAX_TITLE_CHARS
                and any(s.cue == "VOCATIVE" for s in line.sentences[1:])):
            # A byline or date that runs on into the salutation, or on and on, is a
            # whole speech run together into one line (更新时间:……作者:……同志们:……):
            # its front matter is peeled off sentence by sentence (front.py).
            return False
        if first.cue == "DATE_LINE" or self.is_byline(line):
            return True
        if first.cue not in (None, "TITLE_HEAD"):
            return False
        content = self.text[line.content_start:line.end].strip(SPACES)
        if len(content) > _MAX_TITLE_CHARS or content[-1:] in "：:":
            return False  # a lead-in (……我再强调三点：) is speech, not a title (corpus 108)
        return not any(ch in SENTENCE_END for s in line.sentences for ch in s.stop)

    def is_byline(self, line: Line) -> bool:
        """Site or news chrome (时间:…, 作者:…, 新华社……电): front matter, never a title."""
        return (terminal_pattern("BYLINE").match(self.text, line.content_start, line.end)
                or terminal_pattern("SITE_DATE").search(self.text, line.content_start,
                                                        line.end)) is not None

    def front_kind(self, line: Line) -> str:
        """A date line, speaker line or subtitle is front matter but not a [标题]."""
        content = self.text[line.content_start:line.end].strip(SPACES)
        if line.sentences[0].cue == "DATE_LINE" or self.is_byline(line) or \
                terminal_pattern("BARE_DATE").fullmatch(content):
            return "paragraph"
        parts = content.replace("\u3000", " ").split()
        parallel = len(parts) == 2 and len(parts[0]) == len(parts[1]) >= _MIN_PHRASE_CHARS
        if len(content) <= _MAX_NAME_CHARS or (
                len(parts) == 2 and len(parts[1]) <= _MAX_NAME_CHARS and len(content) <= 16
                and not parallel):
            # 习近平 / 市委书记 XX / 国务院总理 朱镕基 — not a title of two parallel phrases
            # (坚定信心 真抓实干: 对仗, CONVENTIONS)
            return "paragraph"
        names = content.replace("，", "、").split("、")
        if len(names) >= 2 and all(1 < len(name) <= _MAX_NAME_CHARS for name in names):
            return "paragraph"  # the speakers: 戚本禹、张春桥、谢富治 (corpus 122)
        # A subtitle (——在……会议上的讲话) is a title line of its own (OUTLINE: [标题]).
        return "title"

    # ----------------------------------------------------------------- closing --
    def _closing_start(self) -> int | None:
        """Offset where the closing starts, or None (fragments often have none).

        The closing is the end of the speech, after its last heading and its last
        agenda step (a call between two steps of a ceremony closes nothing). A final
        re-address (同志们！) starts the closing part right after it (corpora 041, 049,
        064). Otherwise the closing part is the run of final paragraphs that close: a
        formula, a call (让我们……), a 最后，wish, short slogans and wishes
        (……万岁！ 预祝大会圆满成功！), thanks — and it starts at the first of them (OUTLINE:
        "the 结束语 is the first of them"). A run that only thanks (谢谢大家。) closes the
        paragraph before it (corpora 219, 223). Back matter (news tails, photo captions,
        stage directions in brackets) is passed over.
        """
        # Only what follows the last heading or step (-1: there is none).
        after = max(self._last_heading_start(), self._last_step_start())
        if after == 0 and not (self.last_marker_line or self.last_step_line):
            after = -1
        paragraphs = self._tail_paragraphs(after)
        readdress = self._final_readdress(paragraphs[-_CLOSING_WINDOW:])
        closing = self._closing_run_start(paragraphs)
        # A call or wish in a later paragraph than the re-address starts the closing
        # there: 女士们、先生们、朋友们！ then a body paragraph, then 最后，我衷心祝愿……
        # (corpora 049, 206); otherwise the closing starts right after the re-address.
        if readdress is None or (
                closing is not None and self._line_of(closing) > self._line_of(readdress)):
            return closing
        self.closing_reason = "after the final re-address (VOCATIVE ！), the last part"
        return readdress

    def _line_of(self, offset: int) -> int:
        return bisect_right(self._line_starts, offset)

    def _closing_run_start(self, paragraphs: list[tuple[Line, list[Sentence]]]) -> int | None:
        """Start of the final run of closing paragraphs (see ``_closing_start``)."""
        run: list[tuple[str, Sentence]] = []  # (kind, where it starts), last first
        for line, sentences in reversed(paragraphs[-_CLOSING_PARAGRAPHS:]):
            kind = self._closing_paragraph(line, sentences)
            if kind is None and not run and self._sums_up(sentences):
                kind = ("recap", sentences[0])
            if kind is None and run and run[-1][0] in ("call", "formula") and (
                    self.is_comma_vocative(sentences[0])):
                # 同志们，…… then 让我们…… or 我就讲到这里: the closing words start with the
                # address (corpus 221, samples/04; CONVENTIONS: closing 同志们，让我们……).
                # Not before a 最后，: that word itself starts the closing (corpus 100).
                kind = ("formula", sentences[0])
            if kind is None:
                break
            run.append(kind)
        if not run:
            return None
        if all(kind == "thanks" for kind, _ in run):
            # Thanks alone: the closing is the last paragraph before them (corpus 219).
            before = len(paragraphs) - len(run) - 1
            self.closing_reason = _CLOSING_REASONS["thanks"]
            return paragraphs[before][1][0].start if before >= 0 else None
        # The first closing paragraph of the run that is not only thanks.
        kind, first = next((kind, s) for kind, s in reversed(run) if kind != "thanks")
        self.closing_reason = _CLOSING_REASONS[kind]
        return first.start

    def _sums_up(self, sentences: list[Sentence]) -> bool:
        """The speech's last paragraph sums it up in its first two sentences (RECAP)."""
        recap = terminal_pattern("RECAP")
        return any(recap.search(self.text, s.start, s.end) for s in sentences[:2])

    def is_comma_vocative(self, s: Sentence) -> bool:
        """A vocative that starts its sentence (同志们，让我们……), not one of its own."""
        return s.cue == "VOCATIVE" and self.text[s.cue_end - 1] in "，,"

    def _tail_paragraphs(self, after: int) -> list[tuple[Line, list[Sentence]]]:
        """The sentences after ``after``, by paragraph, without back matter."""
        back_matter = terminal_pattern("BACK_MATTER")
        paragraphs: list[tuple[Line, list[Sentence]]] = []
        for line in self.content_lines:
            if line.end <= after:
                continue
            if back_matter.match(self.text, line.content_start, line.end):
                if self.text[line.content_start:line.end].strip(SPACES)[:2] in ("图片", "注：",
                                                                                 "注:", "注释"):
                    break  # a footnote or photo block: the rest is back matter too
                continue
            kept = [s for s in line.sentences if s.start > after
                    and not back_matter.match(self.text, s.start, line.end)]
            if kept:
                paragraphs.append((line, kept))
        return paragraphs

    def _final_readdress(self, paragraphs: list[tuple[Line, list[Sentence]]]) -> int | None:
        """Where the closing starts after a final re-address (同志们！), if there is one."""
        found: int | None = None
        for _, sentences in paragraphs:
            for s in sentences:
                if self.is_own_vocative(s) and self.text[s.cue_end - 1] in "！!":
                    found = s.cue_end
        if found is None:
            return None
        rest = self.text[found:]
        skipped = len(rest) - len(rest.lstrip(SPACES + "\r\n"))
        return found + skipped if found + skipped < len(self.text) else None

    def _closing_paragraph(self, line: Line,
                           sentences: list[Sentence]) -> tuple[str, Sentence] | None:
        """Whether a paragraph at the end closes the speech, how, and where it starts."""
        text = self.text
        thanks = terminal_pattern("THANKS")
        call = terminal_pattern("CALL")
        if all(thanks.fullmatch(text[s.start:s.end].strip(SPACES)) for s in sentences):
            return "thanks", sentences[0]
        for position, s in enumerate(sentences):
            if position and thanks.fullmatch(text[s.start:s.end].strip(SPACES)) and (
                    not self.is_flattened(line)):
                # ……建功立业。谢谢大家！: the thanks close the paragraph they end, as
                # thanks alone close the one before them (corpora 219, 223).
                return "thanked", sentences[0]
            body = text[s.cue_end if s.cue == "VOCATIVE" else s.start:s.end]
            # 同志们，……。让我们……: the closing words start with the address (samples/07).
            start = sentences[0] if self.is_comma_vocative(sentences[0]) else s
            if call.match(body.lstrip(SPACES + "，,")):
                return "call", start
            if s.cue == "CLOSING":
                return "formula", start
            if self.is_closing_wish(line, s):
                return "wish", s
        words = sum(s.end - s.start for s in sentences)
        ends = [text[s.start:s.end].rstrip(SPACES)[-1:] for s in sentences]
        if (words <= _MAX_SLOGAN_CHARS and sentences[0].cue is None
                and all(end in "！!；;：:" for end in ends) and ends[-1] not in "：:"):
            return "slogan", sentences[0]
        return None

    def _first_series_start(self) -> int:
        """Start of the first line opening with 其次/再次: a series that a 最后 may end
        (a lone 首先，我代表…… in an opening is no series, gold NOTES)."""
        for line in self._marker_lines:
            raw = self.marker(line.sentences[0]).raw
            if raw[:2] in ("其次", "再次"):
                return line.sentences[0].start
        return len(self.text)

    def _last_step_start(self) -> int:
        """Where the last agenda step's paragraph ends (0 if none): the closing comes
        after it, and what the chair says within a step (有请……发言！) is the step's."""
        if not self.last_step_line:
            return 0
        line = self.lines[self.last_step_line - 1]
        steps = [s.start for s in line.sentences
                 if s.cue == "AGENDA_STEP" or s.start in self.handover_starts]
        if self.is_flattened(line) or len(steps) > 1:
            return max(steps)  # the paragraphs are lost: the step sentence itself
        return line.sentences[-1].start

    def _last_heading_start(self) -> int:
        """Start of the last sentence that may open a heading (0 if none)."""
        last = 0
        if len(self.content_lines) <= _FLATTENED_MAX_LINES:
            for line in self.content_lines:
                if self.is_flattened(line):
                    for s in line.sentences:
                        if s.cue in STYLE_OF_TERMINAL and not self.is_closing_wish(line, s):
                            last = max(last, s.start)
        for line in reversed(self._marker_lines):
            if not self.is_closing_wish(line, line.sentences[0]):
                return max(last, line.sentences[0].start)
        return last

    def is_closing_wish(self, line: Line, s: Sentence) -> bool:
        """``最后，……`` at the end with no points under it, ending no 首先/其次 series:
        the closing wish or word, not a heading (corpora 049, 200, 205, 218; OUTLINE:
        "最后，… with no sub-points under it, at the end of the speech")."""
        if s.cue != "SEQUENCE_MARKER" or not self.marker(s).raw.startswith("最后"):
            return False
        if line.number < self.last_marker_line:
            return False
        if s is not line.sentences[0] and not self.is_flattened(line):
            return False
        if any(t.cue in STYLE_OF_TERMINAL for t in line.sentences if t.start > s.start):
            return False  # 最后，我再强调两点：一是…… has points under it (OUTLINE rule 5)
        if terminal_pattern("HANDOVER").search(self.text, s.cue_end, s.end):
            return False  # 最后，请……作重要讲话: the chair hands the floor on, a step
        if speaks_a_count(self.text, s.cue_end, s.end):
            return False  # 最后，我再强调一点：…… speaks for the whole speech (OUTLINE rule 5)
        return self._first_series_start() >= s.start
