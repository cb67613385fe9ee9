"""Where the speaker's words end: a message's sign-off under the last paragraph (the
signer, the date, the hall) and a page's back matter (相关推荐 and its links, 注： and its
notes, 上一篇：……), which close nothing themselves; and the paragraphs of the speech's
tail that closings.py and chair_closings.py search. The patterns are the grammar's
BACK_MATTER, BACK_BLOCK, DATE_LINE and BARE_DATE terminals.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Callable

from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import STYLE_OF_TERMINAL
from jianghua.parse.names import is_signer
from jianghua.parse.pieces import SENTENCE_END, SPACES, has_han

# Lines a sign-off may have under its date (a hall, a page's stray rule), and how long
# a place line is.
_SIGN_OFF_PLACE_LINES = 2
_MAX_PLACE_CHARS = 16
# A page's block of back matter at the end (相关推荐 and its links) has this many lines.
_BACK_BLOCK_LINES = 10
# The stops that end a sentence of prose (a title or a tag line has none of them twice).
_PROSE_STOPS = frozenset("。！？!?")


class SpeechTail:
    """The end-of-text facts of ``Closings`` (which provides what is declared here)."""

    text: str
    lines: list[Line]
    _line_starts: list[int]
    back_block_line: int  # where a block of back matter after the speech starts (edges.py)
    first_speech_line: Line | None  # the first line after the front matter (edges.py)
    is_flattened: Callable[[Line], bool]

    def _line_of(self, offset: int) -> int:
        return bisect_right(self._line_starts, offset)

    def _tail_paragraphs(self, after: int,
                         until: int | None = None) -> list[tuple[Line, list[Sentence]]]:
        """The sentences after ``after`` (and before ``until``), by paragraph, without
        back matter."""
        back_matter = terminal_pattern("BACK_MATTER")
        back_block = terminal_pattern("BACK_BLOCK")
        began = self.first_speech_line
        paragraphs: list[tuple[Line, list[Sentence]]] = []
        # From the line that holds ``after`` on: each part of a chair's script asks for
        # its own tail, which must not cost a pass over the whole speech.
        lines = self.lines
        for number in range(max(self._line_of(after) - 1, 0), len(lines)):
            line = lines[number]  # (no slice: a copy of the rest for each speech)
            if line.is_blank or line.end <= after:
                continue
            if (until is not None and line.start >= until) or line.number >= self._signed_from:
                break
            if back_matter.match(self.text, line.content_start, line.end) and not (
                    (began is None or line.number <= began.number) and self.is_flattened(line)):
                # (A speech run together into one line may open with the page's chrome,
                # 首页 > ……: its sentences are asked one by one below.)
                if back_block.match(self.text, line.content_start, line.end) and (
                        began is not None and line.number > began.number) and (
                        self._prose_above(line)):
                    break  # a footnote, photo or link block: the rest is back matter too
                continue  # (a blog's 标签： above the speech ends nothing)
            if not has_han(self.text, line.content_start, line.end):
                continue  # an English translation beside the speech (gold NOTES)
            if line.sentences[0].start == after and not self.is_flattened(line) and (
                    line.sentences[0].cue in STYLE_OF_TERMINAL) and not line.sentences[-1].stop:
                # The last heading's own paragraph, cut off mid-sentence: the text stops
                # on that point's body (gold NOTES: such texts get no closing), a call in
                # it is the point's.
                continue
            kept = [s for s in line.sentences if s.start > after
                    and not back_matter.match(self.text, s.start, line.end)]
            if kept:
                paragraphs.append((line, kept))
        return paragraphs

    @functools.cached_property
    def _signed_from(self) -> int:
        """The line where a message's sign-off starts at the end of the text (the number
        past the last line: none): the signer and the date under the last paragraph
        (香江集团总裁 翟美卿 / 2023年1月21日), which close nothing themselves. Once per
        speech, whichever part's tail asks first."""
        text = self.text
        start = len(self.lines) + 1
        # Under the date, the hall it was given in (2012年4月28日于西安…… / 欧亚论坛欧洲厅)
        # or a page's stray rule (|): passed over on the way up, signing only if a date
        # or signer is found above them.
        place_lines = _SIGN_OFF_PLACE_LINES
        dated = False  # the line below is the sign-off's date: a body may sign above it
        back_matter = terminal_pattern("BACK_MATTER")
        # (Below a block of back matter only once the speech began: a 标签： line above a
        # short speech starts none, edges.py.)
        for line in reversed(self.lines[:self.back_block_line - 1]):
            if not line.is_blank:
                content = text[line.content_start:line.end].strip(SPACES)
                is_date = line.sentences[0].cue == "DATE_LINE" or terminal_pattern(
                    "BARE_DATE").fullmatch(content) is not None
                if start > len(self.lines) and place_lines == _SIGN_OFF_PLACE_LINES and (
                        back_matter.match(content)) and not is_date:
                    continue  # the page's footer under the sign-off (上一篇：…… 下一篇：……)
                if is_date or is_signer(content) or (
                        dated and terminal_pattern("SIGNING_BODY").fullmatch(content)):
                    dated = is_date
                    start = line.number
                    place_lines = 0
                    continue
                if start > len(self.lines) and place_lines and (
                        not has_han(content, 0, len(content)) or self._is_place_line(content)):
                    place_lines -= 1
                    continue
                break
            if start <= len(self.lines):
                start = line.number
        return start

    def _back_block_from(self) -> int:
        """The line where a page's block of back matter starts among the text's last
        lines (相关推荐 and its links, 注： and its notes), or the number past the last
        line: what is under it signs nothing."""
        block, notice = terminal_pattern("BACK_BLOCK"), terminal_pattern("SITE_NOTICE")
        seen = 0
        notices = 0  # the topmost of a document site's numbered notices among them
        for line in reversed(self.lines):
            if line.is_blank:
                continue
            if block.match(self.text, line.content_start, line.end):
                # A page's 關鍵詞： above the speech (its tags, then the title's
                # salutation and paragraphs, real texts) is no back matter: a block
                # follows a speech, so a paragraph of prose stands above it.
                return line.number if self._prose_above(line) else (
                    notices or len(self.lines) + 1)
            if line.sentences[0].cue in STYLE_OF_TERMINAL and notice.search(
                    self.text, line.content_start, line.end):
                # 2. 为防止……本站部分文稿需要会员才可阅读或下载…… 3. 本站所有资源……: the
                # site's numbered notices under a copy it cut, no points of the speech; a
                # blurb's words are a speaker's too (4、……学校为大家准备了……活动).
                notices = line.number
            seen += 1
            if seen == _BACK_BLOCK_LINES:
                break
        return notices or len(self.lines) + 1

    def _prose_above(self, line: Line) -> bool:
        """Whether a paragraph of prose stands above ``line``."""
        return self._first_prose_line < line.number

    @functools.cached_property
    def _first_prose_line(self) -> int:
        """The first line that is a paragraph of prose (two sentences ended by a full
        stop, a question or an exclamation), or the number past the last: asked once,
        however many block labels the page holds."""
        return next((line.number for line in self.lines
                     if sum(s.stop in _PROSE_STOPS for s in line.sentences) >= 2),
                    len(self.lines) + 1)

    @staticmethod
    def _is_place_line(content: str) -> bool:
        """A short line with no stop in it (欧亚论坛欧洲厅): a place, not a sentence."""
        return len(content) <= _MAX_PLACE_CHARS and not any(
            stop in content for stop in SENTENCE_END + "，,：:")
