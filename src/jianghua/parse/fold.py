"""The copy of a speech its cues are read from: simplified, without injected pinyin or junk.

The grammar writes its cues in simplified characters; a speech in traditional ones
(會議的議程有三項, 同志們：, 下麵請……講話) says the same, and so does a page that injected
pinyin after its characters (進(jìn)行第一項, 領(lǐng)導(dǎo)). Before the scan, such a text
is read through a copy: folded one character for one (grammar/traditional.tsv), its
lost indentation read as spaces again (?同志们：), and without its pinyin notes
(PINYIN_NOTE), a paywall's mark (PAYWALL_MARK), what takes no room on the page
(INVISIBLE: zero-width spaces, a PDF's form feeds) or a forum's anti-scraping junk
(JAMMER). The scan and the block stage read the copy;
``restore_blocks`` then gives the blocks the offsets and the words of the text as
written, which the outline and the JSON quote (OUTLINE: titles and markers are copied
as written, junk included). A text with neither is read as it is, at the cost of two
searches.
"""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from jianghua.parse.lexicon import char_class, grammar_text, terminal_pattern
from jianghua.parse.markers import CountInfo, MarkerInfo
from jianghua.parse.pieces import SPACES, Block
from jianghua.parse.records import Line
from jianghua.parse.wraps import page_breaks

__all__ = ["ReadingCopy", "reading_copy", "restore_blocks"]

TABLE_NAME = "traditional.tsv"
# Pinyin is taken out only where a page injected it throughout, not for one (ppt).
_MIN_PINYIN_NOTES = 3
# A question mark where a line's indentation was (a full-width space lost to the wrong
# encoding), before the line's words; read as the space only where many lines have one.
# A line starts after any line end (an old Mac copy's \r too), a byte-order mark or a
# PDF's form feed.
_LOST_INDENT = re.compile("(?:\\A|(?<=[\\r\\n\\ufeff\\f]))[?？](?=[^\\s?？])")
_MIN_LOST_INDENTS = 3


@functools.cache
def _table() -> tuple[dict[int, int], re.Pattern[str]]:
    table: dict[int, int] = {}
    for line in grammar_text(TABLE_NAME).splitlines():
        if line and not line.startswith("#"):
            traditional, simplified = line.split("\t")
            table[ord(traditional)] = ord(simplified)
    return table, re.compile("[" + "".join(map(chr, table)) + "]")


@dataclass(slots=True)
class ReadingCopy:
    """The copy's text, and where each of its characters stands in the text as written
    (``where[i]``; one more entry for its end), or None where offsets are the same.
    ``wraps``: the line ends a page's width put inside paragraphs (wraps.py), left out
    of the copy and of the words the nodes quote."""

    text: str
    where: list[int] | None = None
    wraps: list[tuple[int, int]] = field(default_factory=list)
    wrap_at: dict[int, int] = field(init=False)  # a wrap's end → its start

    def __post_init__(self) -> None:
        self.wrap_at = {end: start for start, end in self.wraps}

    def at(self, offset: int) -> int:
        return offset if self.where is None else self.where[offset]

    def line_start_at(self, offset: int) -> int:
        """``at`` for where a line of the copy starts: right after the line end before
        it, so what the copy left out there (a form feed, a zero-width space) is the
        line's own words."""
        if offset == 0 or self.where is None:
            return offset
        return self.at(offset - 1) + 1 if self.text[offset - 1] in "\r\n" else self.at(offset)

    def end_at(self, offset: int) -> int:
        """``at`` for where something ends: before the wrap it ends at, not past it (a
        marker 一是 at the end of a wrapped line is the two characters it is)."""
        position = self.at(offset)
        return self.wrap_at.get(position, position)

    def line_starts(self, text: str, lines: list[Line]) -> list[int]:
        """Where each line of ``text`` starts: the copy's lines, unless it joined
        wrapped ones, whose spans still count the lines as the file has them."""
        if not self.wraps:
            return [self.line_start_at(line.start) for line in lines]
        return [0, *(match.end() for match in terminal_pattern("NEWLINE").finditer(text))]

    def quote(self, text: str, start: int, end: int) -> str:
        """``text[start:end]`` as the nodes quote it: without the wraps' line ends."""
        words = text[start:end]
        if not self.wraps or ("\n" not in words and "\r" not in words):
            return words
        kept: list[str] = []
        first = max(0, bisect_right(self.wraps, (start, start)) - 1)
        for wrap_start, wrap_end in self.wraps[first:]:
            if wrap_start >= end:
                break
            if wrap_end <= start:
                continue
            kept.append(text[start:max(start, wrap_start)])
            start = wrap_end
        kept.append(text[start:end])
        return "".join(kept)


# What takes no room on the page (INVISIBLE), found with one search before each is.
_INVISIBLE = char_class("INVISIBLE")
_ANY_INVISIBLE = re.compile(f"[{re.escape(_INVISIBLE)}]")
# What a blank line may hold: spaces, and what takes no room on the page.
_NO_WORDS = SPACES + _INVISIBLE
# Full-width digits (２００６年３月５日, a clock １６：３７) read as the ASCII ones every
# pattern knows (CONVENTIONS: full-width and half-width mixed), one for one.
_WIDE_DIGITS = re.compile("[０-９]")
_NARROW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# A tab, a no-break space (U+00A0, a web page's &nbsp;) or a typesetter's en or em space
# is read as the space every pattern knows (CONVENTIONS: indents of NBSP), one for one:
# a host's label set in by a tab (\t乙：……) is the one set in by spaces.
_OTHER_SPACES = re.compile("[\t\u00a0\u2002\u2003]")
_PLAIN_SPACES = str.maketrans("\t\u00a0\u2002\u2003", "    ")


def reading_copy(text: str, *, paragraphs: bool = False) -> ReadingCopy:
    """The copy ``text``'s cues are read from (``text`` itself if it needs none).
    ``paragraphs``: its lines are known to be paragraphs (a .docx's), never wrapped."""
    table, any_traditional = _table()
    if any_traditional.search(text) is not None:
        text = text.translate(table)
    if _WIDE_DIGITS.search(text) is not None:
        text = text.translate(_NARROW_DIGITS)
    if _OTHER_SPACES.search(text) is not None:
        text = text.translate(_PLAIN_SPACES)
    text = _half_width_stops_read(_indentation_restored(_jammer_blanked(
        _markdown_heads_blanked(_markup_blanked(text)))))
    text, invisible = _invisible_marks(text)
    # Spaces that stand for a page's line ends are read past too, but stay in the
    # quotes: they are the page's words as written (gold NOTES 034: 三点意 见:).
    wraps, spaces, numbers = ([], [], []) if paragraphs else _page_breaks_seen(text, invisible)
    text = _page_numbers_blanked(text, wraps, numbers)
    notes = [note.span() for note in terminal_pattern("PINYIN_NOTE").finditer(text)]
    if len(notes) < _MIN_PINYIN_NOTES:
        notes = []
    if "##paid" in text:  # (most texts: one substring search)
        notes += [mark.span() for mark in terminal_pattern("PAYWALL_MARK").finditer(text)]
    notes += invisible
    if not notes and not wraps and not spaces:
        return ReadingCopy(text)
    kept, where = _without(text, sorted(notes + wraps + spaces))
    if not kept:
        return ReadingCopy(text)  # nothing but what takes no room: read as it is
    return ReadingCopy(kept, where, wraps)


def _invisible_marks(text: str) -> tuple[str, list[tuple[int, int]]]:
    """What in ``text`` takes no room on the page (INVISIBLE), to leave out of the copy;
    a line of nothing else (a form feed between two pages) is read as a blank line
    instead, one character for one. As it is where there is none (one search)."""
    if _ANY_INVISIBLE.search(text) is None:
        return text, []
    marks = [mark.span() for mark in terminal_pattern("INVISIBLE").finditer(text)]
    alone = [(start, end) for start, end in marks
             if (start == 0 or text[start - 1] in "\r\n")
             and (end == len(text) or text[end] in "\r\n")]
    if not alone:
        return text, marks
    lone = set(alone)
    return _blanked(text, alone), [span for span in marks if span not in lone]


def _without(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """``text`` without ``spans`` (in order), and where each character of what is left
    stands in ``text`` (one more entry for its end)."""
    kept: list[str] = []
    where: list[int] = []
    position = 0
    for start, end in spans:
        if end <= position:
            continue  # a form feed inside a wrap's line end, left out with it
        start = max(start, position)
        kept.append(text[position:start])
        where.extend(range(position, start))
        position = end
    kept.append(text[position:])
    where.extend(range(position, len(text) + 1))
    return "".join(kept), where


def _page_breaks_seen(text: str, invisible: list[tuple[int, int]]
                      ) -> tuple[list[tuple[int, int]], ...]:
    """``page_breaks`` of ``text`` as the page shows it: without what takes no room on
    it (INVISIBLE), which would make its lines look of other widths and split the
    markers the wraps are read by (三\u200b、); as offsets in ``text``."""
    if not invisible:
        return page_breaks(text)
    seen, where = _without(text, invisible)
    return tuple([(where[start], where[end]) for start, end in spans]
                 for spans in page_breaks(seen))


def _page_numbers_blanked(text: str, wraps: list[tuple[int, int]],
                          numbers: list[tuple[int, int]]) -> str:
    """``text`` with each line that holds only a page's number (``numbers``, as wraps.py
    found them) read as a blank line, one character for one: a PDF's text keeps them
    between the lines of the speech, which says nothing there (the block keeps the
    words as written). A wrap that runs on past one reads past it already."""
    numbers = [(start, end) for start, end in numbers
               if not any(wrap_start <= start and end <= wrap_end
                          for wrap_start, wrap_end in wraps)]
    return _blanked(text, numbers) if numbers else text


# A page that leaked its markup does so throughout; one stray "<br>" may be the speech's.
_MIN_MARKUP_TAGS = 2


def _markup_blanked(text: str) -> str:
    """``text`` with the line-break markup a page leaked into its words (…讲话 <br> 放思想…,
    MARKUP_BREAK) read as spaces, one character for one: the lost line break a space
    stands for in paragraphs joined with spaces. As it is where there is none (one
    search for "<" or "&")."""
    if "<" not in text and "&" not in text:
        return text
    tags = [tag.span() for tag in terminal_pattern("MARKUP_BREAK").finditer(text)]
    return _blanked(text, tags) if len(tags) >= _MIN_MARKUP_TAGS else text


def _markdown_heads_blanked(text: str) -> str:
    """``text`` with the hashes of a Markdown copy's section heads (## 一, MARKDOWN_HEAD)
    read as spaces, one for one, where a heading's marker follows them: the marker
    then opens its line, past an indent. As it is where there is no "#" (one search)."""
    if "#" not in text:
        return text
    marker = terminal_pattern("WRAP_MARKER")
    heads = [head.span() for head in terminal_pattern("MARKDOWN_HEAD").finditer(text)
             if marker.match(text, head.end())]
    return _blanked(text, heads) if heads else text


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each of ``spans`` (in order) read as spaces, one for one."""
    pieces, position = [], 0
    for start, end in spans:
        pieces += [text[position:start], " " * (end - start)]
        position = end
    return "".join([*pieces, text[position:]])


# A forum jams a page with junk in many places; one stray run of short tokens is not it.
_MIN_JAMMER_RUNS = 3
_SYMBOLS = re.compile("[!-/:-@\\[-`{-~]")


def _jammer_blanked(text: str) -> str:
    """``text`` with a forum's anti-scraping junk (JAMMER runs with a symbol in them)
    read as spaces, one character for one, where the page has several runs; as it is
    otherwise (a text with no two ASCII tokens a space apart pays one search)."""
    if re.search("[!-~] [!-~]", text) is None:
        return text
    runs = [run.span() for run in terminal_pattern("JAMMER").finditer(text)
            if _SYMBOLS.search(run.group()) is not None]
    return _blanked(text, runs) if len(runs) >= _MIN_JAMMER_RUNS else text


# A text typed with the keyboard in English mode throughout ends its sentences with a
# half-width full stop (CONVENTIONS: half-width punctuation in Chinese text): a "." after
# a Chinese character or a closing quote or bracket, not a decimal point, a 1. marker or
# an ellipsis "...". Read so only where the text has no "。" at all: a text that has one
# uses a stray "." for a blank or a slip (感谢.部长, 进一步的.安排).
_HALF_WIDTH_STOP = re.compile("(?<=[\u4e00-\u9fff”’\"')）])\\.(?![.0-9])")
_MIN_HALF_WIDTH_STOPS = 2


def _half_width_stops_read(text: str) -> str:
    """``text`` with its half-width full stops read as "。", one character for one,
    where it ends its sentences with them and never with "。"; as it is otherwise."""
    if "。" in text or "." not in text:
        return text
    found = _HALF_WIDTH_STOP.finditer(text)  # enough of them, not all: a long text
    if sum(1 for _ in itertools.islice(found, _MIN_HALF_WIDTH_STOPS)) < _MIN_HALF_WIDTH_STOPS:
        return text
    return _HALF_WIDTH_STOP.sub("。", text)


def _indentation_restored(text: str) -> str:
    """``text`` with the lost indentation of a copy saved in the wrong encoding read as
    one: a full-width space turned ? at the start of most of its lines (?同志们： / ?一、
    请……), one character for one, so the offsets stay."""
    lost = _LOST_INDENT.findall(text)
    if len(lost) < _MIN_LOST_INDENTS or len(lost) * 2 < sum(
            1 for line in text.splitlines() if line.strip()):
        return text
    return _LOST_INDENT.sub("\u3000", text)


def restore_blocks(blocks: list[Block], copy: ReadingCopy, text: str) -> None:
    """Give the blocks read from ``copy`` the offsets and the words of ``text``: each
    quoted string is the stretch of the text its characters came from."""
    at, end_at, line_start_at = copy.at, copy.end_at, copy.line_start_at
    restored: set[int] = set()  # markers a block and its list may share: once each

    def marker(info: MarkerInfo) -> MarkerInfo:
        # Its key, a series' name, stays as read (第一個問題, 第一个问题: one series).
        if id(info) not in restored:
            restored.add(id(info))
            start, end = at(info.start), end_at(info.end)
            if info.numeral is not None:
                first, last = info.numeral
                info.numeral = (at(info.start + first) - start,
                                end_at(info.start + last) - start)
            info.raw, info.start, info.end = text[start:end], start, end
        return info

    for block in blocks:
        if block.kind == "blank" and text[at(block.start):at(block.end)].strip(_NO_WORDS):
            block.kind = "paragraph"  # a page's number read as a blank line (— 2 —)
        if block.text_value:
            found = copy.text.find(block.text_value, block.start)
            if found >= 0:
                value = copy.quote(text, at(found), at(found + len(block.text_value)))
                # A space the copy read past as a page's line end (space_breaks) ends no
                # title: what the copy's words ended at, the value ends at.
                block.text_value = value if block.text_value[-1:] in SPACES else value.rstrip(
                    SPACES)
        empty = block.start == block.end  # (an agenda's head, made before its first step)
        block.start = line_start_at(block.start)
        block.end = block.start if empty else at(block.end)
        if block.marker is not None:
            marker(block.marker)
        _restore_count(block.count, copy)
        for enumeration in block.enumerations:
            enumeration.start, enumeration.end = at(enumeration.start), end_at(enumeration.end)
            _restore_count(enumeration.count, copy)
            enumeration.items = [(marker(info), at(start), end_at(end))
                                 for info, start, end in enumeration.items]


def _restore_count(count: CountInfo | None, copy: ReadingCopy) -> None:
    if count is not None:
        count.start, count.end = copy.at(count.start), copy.end_at(count.end)
