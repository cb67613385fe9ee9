"""Hard wraps: where a copy from a PDF or a fixed-width page broke its paragraphs.

Such a copy ends a line wherever the page's width ran out, mid-sentence, and a
paragraph becomes a run of lines of one length (a 讲话 from a document site: 25
characters a line, the first one short by its lost indentation, the last one shorter).
Read line by line, each piece is a paragraph of its own: its first words look like a
title, a 书记， that a wrap put first looks like an address. The cues are read through a
copy with those line ends taken out (fold.py), so each paragraph is one line again; the
nodes keep the text as written, line ends included, and their spans point at the lines
as the file has them.

A page's width is the one most of its long lines share. A line of that width goes on in
the next line unless that one is indented, opens with a bracket or with a host's label
(女：). Where the line ends on a stop (a sentence may end at the margin), or one of the
two lines opens with a heading's marker (a heading may be as wide as the page), it goes
on only into a line as wide as the page: a new paragraph's first line is short by its
indentation. The shapes are the grammar's: WRAP_STOPPED, WRAP_NEW_LINE, WRAP_MARKER.
A document site's copy may join the page's lines with spaces instead of line ends:
``space_breaks`` reads the pieces between its spaces as the page's lines.

A text is read as wrapped only where several lines of that width stop mid-sentence with
prose punctuation in them (WRAP_PROSE): a page's list of titles, a host's lines of one
length that each end on a stop, are no wrapped paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from jianghua.parse.lexicon import terminal_pattern
from jianghua.parse.pieces import SPACES

__all__ = ["page_breaks", "space_breaks", "wrap_breaks"]

# Lines shorter than this many columns are titles, names, dates and a paragraph's last
# line: they say nothing of the page's width.
_MIN_LONG = 24
# A page's lines differ by a column or two where it spaced out its half-width text
# (_SLACK); a line that runs to the width is at most _LONG_BY columns over it (a stop
# hung in the margin) and at most _SHORT_BY short of it: a paragraph's first line lost
# its indent, four columns, and a line may end a character early where the next one
# would have opened with a stop (禁则).
_SLACK = 2
_SHORT_BY = 7
_LONG_BY = 4
# How many lines must run to the width, and how many of them stop mid-sentence with
# prose punctuation in them, before the text is read as wrapped.
_MIN_FULL_LINES = 6
_MIN_OPEN_LINES = 4
# The longest marker or count (第一个问题：, 十二个方面) is shorter than this.
_CUE_REACH = 8
# A sentence, and so a marker, starts after a stop (grammar: STOP), a closing quote or
# a space after one.
_SENTENCE_STARTS_AFTER = "。！？；：!?;:”’」』 \u3000"
_GAP = re.compile(r"[ \u3000\u00a0]+")
# A copy double-spaces its lines where this share of them has a blank line after it.
_DOUBLE_SPACED_SHARE = 0.9
# A Chinese page sets its punctuation in a character's box, typed half-width or not: a
# line of ，and one of , run to the same margin (CONVENTIONS: half-width punctuation).
_BOXED_PUNCTUATION = b",:;!?()"


def page_breaks(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]],
                                     list[tuple[int, int]]]:
    """``wrap_breaks`` and ``space_breaks`` of ``text``, and the lines that hold only a
    page's number (— 2 —, PAGE_NUMBER, without their line ends), its lines read once."""
    numbers: list[tuple[int, int]] = []
    lines = _lines(text, numbers)
    return _wrap_breaks(text, lines), _space_breaks(text, lines), numbers


def wrap_breaks(text: str) -> list[tuple[int, int]]:
    """The line ends (with the spaces before them) that a page's width put inside a
    paragraph, as ``(start, end)`` offsets, in order; none for a text that keeps its
    paragraphs on their own lines."""
    return _wrap_breaks(text, _lines(text))


def space_breaks(text: str) -> list[tuple[int, int]]:
    """The spaces that stand for a page's line ends in a line that joined a wrapped
    page's lines with spaces (……全面从严治 党向纵深推进 同志们: ……): a document site's
    copy of a PDF. The spaces where its paragraphs ended stay."""
    return _space_breaks(text, _lines(text))


def _wrap_breaks(text: str, lines: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    if len(lines) <= _MIN_FULL_LINES:
        return []
    return _breaks(text, _past_blank_lines(_past_margin(text, lines)))


def _past_margin(text: str, lines: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """A copy that sets every line in from the edge (each of a page's lines made a
    paragraph of its own, indented 　　) says nothing by that indent: each line is read
    from past it, so only a line set in further opens a paragraph (CONVENTIONS: indents
    of full-width spaces, NBSP)."""
    indent = terminal_pattern("INDENT")
    indents = [found.group() if (found := indent.match(text, start)) else ""
               for start, end, _ in lines if end > start]
    margin = min(indents, default="")
    while margin and not all(each.startswith(margin) for each in indents):
        margin = margin[:-1]
    if not margin:
        return lines
    return [(start + len(margin), end, line_end) if end > start else (start, end, line_end)
            for start, end, line_end in lines]


def _past_blank_lines(lines: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """A copy that puts a blank line after every line of its page (a PDF's text, a page
    that double-spaces its lines) says nothing by its blank lines: its lines are read as
    if they followed one another, each one's ending running to the next one's words."""
    words = [line for line in lines if line[1] > line[0]]
    spaced = [line_end < next_start for (_, _, line_end), (next_start, _, _)
              in pairwise(words)]
    # The page's chrome above and below the speech (文档库 …… / 当前位置：…… at the top,
    # 上一篇：…… 下一篇：…… at the foot) may be set without the blank lines: the share is
    # counted between the first line a blank one follows and the last.
    if True in spaced:
        spaced = spaced[spaced.index(True):len(spaced) - spaced[::-1].index(True)]
    if len(spaced) < _MIN_FULL_LINES or sum(spaced) < len(spaced) * _DOUBLE_SPACED_SHARE:
        return lines
    return [(start, end, next_start) for (start, end, _), (next_start, _, _)
            in pairwise(words)] + [words[-1]]


def _space_breaks(text: str, lines: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    breaks: list[tuple[int, int]] = []
    for start, end, _ in lines:
        # Long enough to hold a page's lines (characters, two columns each).
        if end - start >= _MIN_FULL_LINES * _MIN_LONG // 2:
            pieces = _pieces(text, start, end)
            if len(pieces) >= _MIN_FULL_LINES:
                breaks += _breaks(text, pieces)
    return breaks


def _breaks(text: str, lines: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Where the ``lines`` (start, end of words, end of what parts them) of one page
    run on into the next, as the stretches between them to read past."""
    columns = [_columns(text[start:end]) for start, end, _ in lines]
    width = _page_width(columns)
    if width is None:
        return []
    page = _Page(text, lines, columns, width)
    prose = terminal_pattern("WRAP_PROSE")
    if sum(1 for index, (start, end, _) in enumerate(lines)
           if page.mid_sentence(index) and prose.search(text, start, end)) < _MIN_OPEN_LINES:
        return []
    new_line = terminal_pattern("WRAP_NEW_LINE")
    breaks: list[tuple[int, int]] = []
    continued = False  # the line goes on from the one before it
    for index, ((start, end, line_end), (next_start, next_end, _)) in enumerate(
            pairwise(lines)):
        continued = (page.full(index) and next_end > next_start
                     and (continued or prose.search(text, start, end) is not None)
                     and new_line.match(text, next_start) is None
                     and page.goes_on(index))
        if continued and not _splits_marker(text, start, end, next_start):
            breaks.append((end, line_end))
    return breaks


class _Page:
    """A text's lines as a page of one width sets them."""

    def __init__(self, text: str, lines: list[tuple[int, int, int]], columns: list[int],
                 width: int) -> None:
        self.text, self.lines, self.columns, self.width = text, lines, columns, width
        self.stopped = terminal_pattern("WRAP_STOPPED")
        self.marker = terminal_pattern("WRAP_MARKER")
        self.stop = terminal_pattern("STOP")

    def full(self, index: int) -> bool:
        return self.width - _SHORT_BY <= self.columns[index] <= self.width + _LONG_BY

    def mid_sentence(self, index: int) -> bool:
        start, end, _ = self.lines[index]
        return self.full(index) and self.stopped.search(self.text, start, end) is None

    def goes_on(self, index: int) -> bool:
        """Whether the full line at ``index`` goes on in the next one."""
        mid_sentence = self.mid_sentence(index)
        whole_heading = self._whole_heading(index)
        next_marked = self.marker.match(self.text, self.lines[index + 1][0]) is not None
        if not mid_sentence and self._whole_heading(index + 1):
            return False  # a sentence ended at the margin, and a heading follows
        if mid_sentence and not next_marked and not whole_heading:
            return True
        # A sentence that ended at the margin, a heading's marker: a line as wide as the
        # page shows the paragraph goes on, and so does the rest of a heading or of its
        # first sentence (一、请……宣读《关于……的通 / 报》；): a short line, not a paragraph's
        # first, that stops nowhere but at its end.
        following = self.columns[index + 1]
        next_start, next_end, _ = self.lines[index + 1]
        stop = self.stop.search(self.text, next_start, next_end)
        return (self.width - _SLACK < following <= self.width + _LONG_BY
                or (whole_heading and not next_marked and not self.full(index + 1)
                    and (stop is None or stop.end() >= next_end)))

    def _whole_heading(self, index: int) -> bool:
        """Whether the line opens with a heading's marker (past any indent) and holds no
        stop after it: it may be a whole standalone heading."""
        start, end, _ = self.lines[index]
        indented = terminal_pattern("INDENT").match(self.text, start)
        found = self.marker.match(self.text, indented.end() if indented else start)
        return found is not None and self.stop.search(self.text, found.end(), end) is None


def _splits_marker(text: str, start: int, end: int, next_start: int) -> bool:
    """Whether a marker would run across the line end (……。二|是) where a sentence starts,
    as the scan tries it (统一|,建设 holds no 一,): a marker's raw text is one line's. A
    count the page broke (讲三|点意见) is read whole, its raw text across the break."""
    reach = max(start, end - _CUE_REACH)
    before = text[reach:end]
    around = before + text[next_start:next_start + _CUE_REACH]
    marker = terminal_pattern("WRAP_MARKER")
    for at in range(len(before)):
        if at + reach == start or around[at - 1] in _SENTENCE_STARTS_AFTER:
            found = marker.match(around, at)
            if found is not None and found.end() > len(before):
                return True
    return False


def _lines(text: str, numbers: list[tuple[int, int]] | None = None
           ) -> list[tuple[int, int, int]]:
    """Each line as (start, end of its words, end of its line ending). A page's number on
    a line of its own (— 2 —, PAGE_NUMBER) is part of the line ending before it: a
    paragraph the page broke there runs on past it. Where each such line's number
    stands is added to ``numbers``."""
    lines: list[tuple[int, int, int]] = []
    start = 0
    page_number = terminal_pattern("PAGE_NUMBER")
    for newline in terminal_pattern("NEWLINE").finditer(text):
        end = newline.start()
        number = page_number.match(text, start, end + 1)
        if number is not None and numbers is not None:
            numbers.append(number.span())
        if lines and number is not None:
            before_start, before_end, _ = lines[-1]
            lines[-1] = (before_start, before_end, newline.end())
            start = newline.end()
            continue
        lines.append((start, start + len(text[start:end].rstrip(SPACES)), newline.end()))
        start = newline.end()
    lines.append((start, start + len(text[start:].rstrip(SPACES)), len(text)))
    return lines


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """The words of ``text[start:end]`` between its spaces, each as (start, end, where
    the next one starts)."""
    pieces: list[tuple[int, int, int]] = []
    for gap in _GAP.finditer(text, start, end):
        if gap.start() > start:
            pieces.append((start, gap.start(), gap.end()))
        start = gap.end()
    if end > start:
        pieces.append((start, end, end))
    return pieces


def _columns(words: str) -> int:
    """How wide a page sets ``words``: a character two columns, its punctuation too,
    half-width or not; an ASCII letter, digit or space one."""
    narrow = words.encode("ascii", "ignore").translate(None, _BOXED_PUNCTUATION)
    return 2 * len(words) - len(narrow)


def _page_width(columns: list[int]) -> int | None:
    """The width most long lines share, within a column or two; None when too few
    lines come near it, or fewer than half the long lines do."""
    long_lines = Counter(width for width in columns if width >= _MIN_LONG)
    total = sum(long_lines.values())
    if total < _MIN_FULL_LINES:
        return None
    width = max(long_lines, key=lambda width: (
        sum(long_lines[near] for near in range(width - 1, width + 2)), width))
    full = sum(count for near, count in long_lines.items()
               if width - _SHORT_BY <= near <= width + _LONG_BY)
    if full < _MIN_FULL_LINES or full * 2 < total:
        return None
    return width
