"""Facts about a whole speech that the block decisions look ahead for.

Where the front matter ends, where the closing starts, the next non-blank line after
each line, whether more headings, agenda steps or a 其次/最后 follow: each is computed
once, in one pass over the lines, so cutting the speech into blocks stays linear in
its length (the benchmark's 10 MB case and the 100,000-heading hostile input).
"""

from __future__ import annotations

from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import STYLE_OF_TERMINAL, MarkerInfo, marker_info

# Stops that end a title or an agenda item sentence (OUTLINE: 议程项 stops before ：).
SENTENCE_END = "。！？；!?;"
EXCLAIM_OR_COLON = "：:！!"
SPACES = " \t\u3000\u00a0\u2002\u2003\ufeff"
# Front matter is short: a title line longer than this is body text.
_MAX_TITLE_CHARS = 60
# The closing is looked for among this many last non-blank lines.
_CLOSING_WINDOW = 4
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
        """Whether a later line starts with 其次/再次/最后 (so a 首先 here heads a series)."""
        return line.number < self.last_series_line

    def is_flattened(self, line: Line) -> bool:
        """A whole speech pasted as one line (corpus 046, 064, 074): its paragraph
        breaks are lost, so a marker anywhere in it may start a paragraph."""
        return len(self.content_lines) <= _FLATTENED_MAX_LINES and (
            line.end - line.content_start > _FLATTENED_MIN_CHARS)

    def is_own_vocative(self, s: Sentence) -> bool:
        """A vocative that is a sentence of its own (同志们！ / 各位同事：), not the start
        of one (同志们，让我们……): its own ending is an exclamation mark or a colon."""
        return s.cue == "VOCATIVE" and self.text[s.cue_end - 1] in EXCLAIM_OR_COLON

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
        if first.cue == "DATE_LINE":
            return True
        if first.cue not in (None, "TITLE_HEAD"):
            return False
        content = self.text[line.content_start:line.end].strip(SPACES)
        if len(content) > _MAX_TITLE_CHARS:
            return False
        return not any(ch in SENTENCE_END for s in line.sentences for ch in s.stop)

    def front_kind(self, line: Line) -> str:
        """A date line, speaker line or subtitle is front matter but not a [标题]."""
        content = self.text[line.content_start:line.end].strip(SPACES)
        if line.sentences[0].cue == "DATE_LINE":
            return "paragraph"
        parts = content.replace("\u3000", " ").split()
        if len(content) <= 4 or (len(parts) == 2 and len(content) <= 16):
            return "paragraph"  # 习近平 / 市委书记 XX
        if content.startswith(("——", "—", "--")):
            return "paragraph"  # a subtitle: ——在XX会议上 (date and occasion)
        return "title"

    # ----------------------------------------------------------------- closing --
    def _closing_start(self) -> int | None:
        """Offset where the closing starts, or None (fragments often have none).

        Looks after the last heading in the last few lines for the first closing
        formula, call (让我们……) or final wish; a re-address (同志们！) before it starts
        the closing part, which then begins right after the vocative (corpora 041,
        049, 064).
        """
        after = self._last_heading_start()
        call = terminal_pattern("CALL")
        formula: int | None = None
        vocative_end: int | None = None
        for line in self.content_lines[-_CLOSING_WINDOW:]:
            for s in line.sentences:
                if s.start < after or formula is not None:
                    continue
                body = self.text[s.cue_end if s.cue == "VOCATIVE" else s.start:s.end]
                opens_paragraph = s is line.sentences[0]
                if (s.cue == "CLOSING" or call.match(body.lstrip(SPACES + "，,"))
                        or self.is_closing_wish(line, s)
                        # 同志们，…… opening the last paragraphs: the closing part (seed 003)
                        or (opens_paragraph and s.cue == "VOCATIVE"
                            and self.text[s.cue_end - 1] in "，,")):
                    formula = s.start
                elif self.is_own_vocative(s) and self.text[s.cue_end - 1] in "！!":
                    vocative_end = s.cue_end
        if vocative_end is None:
            return formula
        rest = self.text[vocative_end:formula if formula is not None else len(self.text)]
        return vocative_end + (len(rest) - len(rest.lstrip(SPACES + "\r\n")))

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
        """``最后，我衷心祝愿……！`` at the end, with no points under it (corpus 049)."""
        if s.cue != "SEQUENCE_MARKER" or not self.marker(s).raw.startswith("最后"):
            return False
        if s is not line.sentences[0] or line.number != self.last_marker_line:
            return False
        return not self.text[s.end:line.end].strip(SPACES) or self.text[s.end - 1] in "！!"
