"""The pieces the block stage cuts a speech into, shared by its modules (blocks.py and
the decisions it is built from: front.py, series.py, transitions.py) and read by
nesting and build."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jianghua.model import MarkerStyle
from jianghua.parse.lexicon import char_class
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import STYLE_OF_TERMINAL, CountInfo, MarkerInfo
from jianghua.parse.scan import closing_quotes

# Stops that end a title or an agenda item sentence (OUTLINE: 议程项 stops before ：).
SENTENCE_END = "。！？；!?;"
EXCLAIM_OR_COLON = "：:！!"
# The spaces a speech is indented with: the grammar's INDENT class, not a second copy.
SPACES = char_class("INDENT")
# A speech whose paragraphs were run together has this few content lines (edges.py's
# is_flattened; the closing search asks it too).
FLATTENED_MAX_LINES = 3
# A number set in half-width, or a template's blank for one (20xx, XX): a space beside one
# is the copy's padding (2006 年, 市长在 201x 年), not a lost line break.
PADDED_NUMBER_CHARS = "0123456789０１２３４５６７８９Xx×"
_HAN = re.compile("[\u4e00-\u9fff]")


def stop_mark(s: Sentence) -> str:
    """The stop that ends ``s`` (。 ： ；), without the spaces after it; "" for none."""
    return s.stop.rstrip(SPACES)[-1:]


def ends_a_sentence(line: Line) -> bool:
    """Whether a sentence of ``line`` ends in a full stop (。！？；), not only colons:
    body text does, a title does not."""
    return any(s.stop and s.stop in SENTENCE_END for s in line.sentences)


def words_after_address(text: str, s: Sentence, skip: str = SPACES) -> int:
    """Where the words of ``s`` start after the address that opens it (同志们，……), and
    after the characters in ``skip``; at its start if it opens with none."""
    at = s.cue_end if s.cue == "VOCATIVE" else s.start
    while at < s.end and text[at] in skip:
        at += 1
    return at


def words_end(text: str, start: int, end: int) -> int:
    """Where ``text[start:end]`` ends but for the spaces after its last word."""
    while end > start and text[end - 1] in SPACES:
        end -= 1
    return end


def address_to_colon(text: str, at: int, end: int) -> int | None:
    """Where the address that runs from ``at`` to the colon ending ``text[at:end]``
    (spaces after it aside) ends, the colon included; None if those words are not one
    (……  同志们: / ……主持词各位代表（职工）:)."""
    end = words_end(text, at, end)
    if end <= at or text[end - 1] not in "：:":
        return None
    found = terminal_pattern("VOCATIVE").match(text, at, end)
    return end if found is not None and found.end() == end else None


def agenda_declared_before(line: Line, index: int) -> bool:
    """Whether the line's AGENDA_DECL comes before sentence ``index`` with only marker
    sentences (the agenda's items listed so far) between them (……议程有三项：一是……；
    二是……)."""
    before = index - 1
    while before >= 0 and line.sentences[before].cue in STYLE_OF_TERMINAL:
        before -= 1
    return before >= 0 and line.sentences[before].cue == "AGENDA_DECL"


# A page's keyword line lists at least this many words this short (镇政府,工作报告,2023 /
# 先祖,祭祀,清明节,仪式,主持).
_MIN_KEYWORDS = 3
_MAX_KEYWORD_CHARS = 4
_KEYWORD_SEPARATOR = re.compile("[，,、]")


def is_keywords(words: str) -> bool:
    """Whether ``words`` (a line's content) is a page's keywords, no title."""
    keywords = _KEYWORD_SEPARATOR.split(words)
    return len(keywords) >= _MIN_KEYWORDS and all(
        0 < len(word) <= _MAX_KEYWORD_CHARS for word in keywords)


def has_han(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a Chinese character (an English line beside the
    speech holds none: gold NOTES, bilingual text is ignored)."""
    return first_han(text, start, end) is not None


def first_han(text: str, start: int, end: int) -> int | None:
    """Where the first Chinese character of ``text[start:end]`` stands, if any."""
    found = _HAN.search(text, start, end)
    return found.start() if found else None


@dataclass(slots=True)
class EnumerationInfo:
    start: int
    end: int
    declared_count: int | None
    items: list[tuple[MarkerInfo, int, int]]  # marker, item start, item end
    reason: str = "markers count up from one, sentence by sentence, in one paragraph"
    count: CountInfo | None = None  # where declared_count is written


@dataclass(slots=True)
class Block:
    kind: str  # title salutation paragraph blank transition heading agenda agenda_item closing
    start: int
    end: int  # end of the text, before the line ending
    eol: str
    line: int
    sentences: list[Sentence] = field(default_factory=list)
    text_value: str = ""  # the tag text: title, salutation, sentence …
    marker: MarkerInfo | None = None
    standalone: bool = False
    declared_count: int | None = None
    ordinal: int | None = None
    enumerations: list[EnumerationInfo] = field(default_factory=list)
    reason: str = ""  # why the piece is of its kind (``jianghua tree --explain``)
    count: CountInfo | None = None  # where a declared count is written (checks read it)
    # A heading that opens a part of a chair's script (一、预备会议): its address, agenda
    # and closing nest under it (OUTLINE: host scripts in several parts).
    opens_part: bool = False
    # A paragraph that sums up the points just made (上面这八条，就是……): how many it
    # counts; the series of that many is closed after it (gold NOTES 210).
    sums_up: int | None = None
    # A paragraph where the chair speaks again after a step (同志们，刚才，……): after the
    # last step, the step is over and the points that follow are his own (nesting.py).
    resumes: bool = False
    # A step numbered as a heading is (一、请……讲话。): its marker's style, so that a
    # heading of that style after it starts past the steps (nesting.py).
    numbered_as: MarkerStyle | None = None
    # How many sentences the piece holds: a run-in heading's title and the body after it
    # on its line (nesting.py weighs a point's body).
    sentence_count: int = 0


Run = list[tuple[int, MarkerInfo]]  # (sentence index, marker) of one marker series
Split = tuple[int, int, str]  # (offset, sentence index, kind of piece starting there)


def ordered_splits(splits: list[Split], sentences: list[Sentence]) -> list[Split]:
    """Splits by offset; where one offset is split twice the stronger reading wins
    (a heading over a paragraph). The line always starts a piece."""
    by_offset: dict[int, Split] = {}
    for split in sorted(splits):
        if split[0] in by_offset and split[2] == "paragraph":
            continue
        by_offset[split[0]] = split
    ordered = sorted(by_offset.values())
    if not ordered or ordered[0][0] != sentences[0].start:
        ordered.insert(0, (sentences[0].start, 0, "paragraph"))
    return ordered


def first_sentence(text: str, start: int, end: int, *, stops: str) -> str:
    """From ``start`` (after a comma: ……，现在进行第二项议程 starts at 现在, OUTLINE;
    after an ellipsis, the end of a direction or a colon whose speaker's name a copy left
    out: ……会议进行第二项议程。 / ：老节日，如好酒……) up to and
    including the first run of ``stops``."""
    while start < end and text[start] in "，,…⋯）)：:":
        start += 1
    if text[start:start + 1] in ("-", "－") and text[start + 1:start + 2] not in ("-", "－"):
        start += 1  # a stray hyphen (。-大会进行第二项), not a blank name (--小学……)
    quotes = closing_quotes()
    for position in range(start, end):
        if text[position] in stops:
            stop_end = position + 1
            while stop_end < end and (text[stop_end] in stops or text[stop_end] in quotes):
                stop_end += 1  # ！！ or 。”
            return text[start:stop_end].strip(SPACES)
    return text[start:end].strip(SPACES)
