"""Lists inside a sentence: ordinal markers that open a clause, not a sentence.

The grammar lexes cues where a sentence starts; a list often runs on with commas
(``开这个会，一是同大家谈谈心，二是给大家鼓鼓劲，三是……`` corpus 203; ``其一,……,其二,……``
corpus 112; ``“第一是……”，“第二是……”`` corpus 205). Such a list is one paragraph's
``[列举]`` (CONVENTIONS: enumerations inside paragraphs), never a heading. This module
finds the markers that open a clause — after ，、；： or an opening quote — with the
grammar's own marker terminals, and forms the runs that count up from one.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise

from jianghua.model import MarkerStyle
from jianghua.numerals import SEQUENCE_ORDINALS, int_to_chinese, number_value
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import (
    MARKER_PUNCTUATION,
    STYLE_OF_TERMINAL,
    MarkerInfo,
    continues,
    marker_info,
)
from jianghua.parse.screens import first_chars

# Markers that may open a clause inside a sentence. Arabic 1. and circled ① are left
# out: inside a sentence they are decimals, dates and footnote marks more often than
# ordinals.
_CLAUSE_MARKERS = ("SHI_MARKER", "ORDINAL_MARKER", "QI_MARKER", "SEQUENCE_MARKER",
                   "CHINESE_MARKER", "CHINESE_PAREN_MARKER")
# An item must say something: 一、二等奖 is a prize, not a list of two. A 一要/一是 item
# may be one word (一要看，二要帮, corpus 025).
_MIN_ITEM_CHARS = 4


# Lists counted with a numeral and the same word (一整…二整) are one series per word; bare
# numerals, each with a word of its own, count as a list from three items on.
_LIST_KEY = "list:"
_ORDINAL_LIST_KEY = "ordinal-list:"
_MIN_BARE_ITEMS = 3


def _min_item(info: MarkerInfo) -> int:
    return 1 if info.style in (MarkerStyle.SHI, MarkerStyle.ORDINAL, MarkerStyle.QI) \
        else _MIN_ITEM_CHARS

Candidate = tuple[MarkerInfo, int, bool]  # marker, its sentence's end, opens a sentence

# A list has a second member, and each way of writing one holds one of these: the
# numeral 二 (二是, 第二, （二）, 其二, 二整), 其次, or the 最后 that ends a 首先 series
# (markers.continues).
_SECOND_MEMBERS = (int_to_chinese(2), *(word for word, ordinal in SEQUENCE_ORDINALS.items()
                                       if ordinal == 2), "最后")


def has_second_member(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a way of writing a list's second member."""
    return any(text.find(second, start, end) >= 0 for second in _SECOND_MEMBERS)


def _add_marker(candidates: list[Candidate], info: MarkerInfo, sentence_end: int,
                opens: bool) -> None:
    """A marker as a list member; a 第X marker also as a member of an ordinal list,
    which counts whatever the ordinal counts (第一条是……，第二条也……, corpus 213)."""
    candidates.append((info, sentence_end, opens))
    loose = _with_ordinal_list_key(info)
    if loose is not None:
        candidates.append((loose, sentence_end, opens))


# Where a clause opens inside a sentence: after ，、；： or an opening quote.
_CLAUSE_STOP = "[，,、；;：:“\"]"


def after_lead(lead: str, names: tuple[str, ...]) -> re.Pattern[str]:
    """The grammar's terminals ``names`` as named alternatives, each found after
    ``lead`` (a look-behind); ``match.lastgroup`` tells which one matched."""
    alternatives = "|".join(f"(?P<{name}>{terminal_pattern(name).pattern})" for name in names)
    return re.compile(lead + "(?:" + alternatives + ")")


@functools.cache
def _clause_marker_pattern() -> re.Pattern[str]:
    return after_lead(f"(?<={_CLAUSE_STOP})[ \u3000]*", _CLAUSE_MARKERS)


@functools.cache
def _clause_opening() -> re.Pattern[str]:
    """A clause stop followed by a character some clause marker or list word can start
    with (the characters come from the grammar's terminals, parse/screens.py)."""
    firsts = first_chars(*_CLAUSE_MARKERS, "SEQUENCE_WORD", "LIST_ITEM")
    opening = "".join(sorted(re.escape(ch) for ch in firsts))
    return re.compile(_CLAUSE_STOP + r"[ \u3000]*[" + opening + "]")


@functools.cache
def _list_word_pattern() -> re.Pattern[str]:
    return after_lead(f"(?<={_CLAUSE_STOP})[ \u3000]*", ("SEQUENCE_WORD", "LIST_ITEM"))


# An ordinal item (第一板块为……) or a bare 首先 (首先要统一思想，其次要……) may also open a
# sentence or a line: with no stop after it, it is no sentence cue, so only a list can
# claim it there.
_ITEM_STOP = "[，,、；;：:“\"。！？!?\n\r]"
_SENTENCE_ITEMS = ("ORDINAL_ITEM", "SEQUENCE_WORD")


@functools.cache
def _sentence_item_pattern() -> re.Pattern[str]:
    return after_lead(f"(?:(?<={_ITEM_STOP})|\\A)[ \u3000]*", _SENTENCE_ITEMS)


@functools.cache
def _sentence_item_opening() -> re.Pattern[str]:
    """Where such an item may open a sentence: a stop, then a character one can start
    with (the characters come from the grammar's terminals; screens a line)."""
    firsts = "".join(sorted(re.escape(ch) for ch in first_chars(*_SENTENCE_ITEMS)))
    return re.compile(f"(?:{_ITEM_STOP}|\\A)[ \u3000]*[{firsts}]")


@functools.cache
def _glued_first_pattern() -> re.Pattern[str]:
    return after_lead("", ("GLUED_FIRST",))


def _ordinal_list_key(raw: str, numeral_end: int) -> str:
    """The key an ordinal list's items share: the first character of what the ordinal
    counts (第一条是 and 第二条也 both count 条; 第一， and 第二是 count nothing)."""
    word = raw[numeral_end:].rstrip(MARKER_PUNCTUATION).removesuffix("是")
    return f"{_ORDINAL_LIST_KEY}{word[:1]}"


# How many characters after the numeral tell a list from numbered names.
_NAME_CHARS = 4


def _numbered_names(text: str, members: list[Candidate]) -> bool:
    """Numbered names, not a list: the same words follow every ordinal (第一个五年计划
    期间……第二个五年计划, corpus 025; 一产增加值……；二产增加值……, the industries),
    where a list's items each say something else (第一条保护他，第二条批评他, 一整主观
    主义，二整宗派主义, 213)."""
    after = {text[start:start + _NAME_CHARS] for start in (
        info.start + (info.numeral[1] if info.numeral is not None else len(info.raw) - 1)
        for info, _, _ in members)}
    return len(after) == 1


def _ordinal_item(found: re.Match[str], start: int) -> MarkerInfo:
    """第一 of 第一板块: the ordinal, counting what its next character names."""
    raw = found.group("ORDINAL_ITEM")
    numeral = terminal_pattern("CN_NUMERAL").match(raw, 1)
    assert numeral is not None
    ordinal_raw = raw[:numeral.end()]
    return MarkerInfo(raw=ordinal_raw, style=MarkerStyle.ORDINAL,
                      ordinal=number_value(numeral.group()), punctuation="", start=start,
                      end=start + len(ordinal_raw), key=_ordinal_list_key(raw, numeral.end()),
                      numeral=(1, numeral.end()))


def _with_ordinal_list_key(info: MarkerInfo) -> MarkerInfo | None:
    """A 第X marker again, keyed as an ordinal list (None for other styles)."""
    if info.style is not MarkerStyle.ORDINAL or info.numeral is None:
        return None
    return replace(info, key=_ordinal_list_key(info.raw, info.numeral[1]))


def _list_word(found: re.Match[str], start: int, key: str | None = None) -> MarkerInfo:
    """A list's bare counting word (首先 / 一整): one series per word (一整…二整)."""
    raw = found.group(found.lastgroup)  # type: ignore[arg-type]
    if found.lastgroup == "SEQUENCE_WORD":
        return MarkerInfo(raw=raw, style=MarkerStyle.SEQUENCE, ordinal=SEQUENCE_ORDINALS.get(raw),
                          punctuation="", start=start, end=start + len(raw), key="sequence:")
    return MarkerInfo(raw=raw, style=MarkerStyle.SHI, ordinal=number_value(raw[:-1]),
                      punctuation="", start=start, end=start + len(raw),
                      key=key or f"{_LIST_KEY}{raw[-1]}")


def clause_lists(text: str, line: Line, marker: Callable[[Sentence], MarkerInfo],
                 excluded: set[int]) -> list[list[tuple[MarkerInfo, int, int]]]:
    """Runs of markers in ``line`` that count up from one and open at least one clause
    inside a sentence: each a list of (marker, item start, item end).

    ``excluded``: indexes of sentences already taken (headings, agenda steps…): a run
    through one of them is not an in-paragraph list.
    """
    # Most lines hold no clause marker: one cheap pass (a clause stop, then a character
    # a marker can start with) says so; then one pass per pattern, not per sentence.
    begin, end = line.content_start, line.end
    if not has_second_member(text, begin, end):
        return []  # no list without a second member (二是, 第二, 其二, 其次, or 最后)
    clause_opening = _clause_opening().search(text, begin, end) is not None
    item_opening = _sentence_item_opening().search(text, begin, end) is not None
    if not clause_opening and not item_opening:
        return []
    clause_markers = list(_clause_marker_pattern().finditer(text, begin, end)) \
        if clause_opening else []
    list_words = list(_list_word_pattern().finditer(text, begin, end)) if clause_opening else []
    sentence_items = list(_sentence_item_pattern().finditer(text, begin, end))
    # A glued first item heads a list only if a later member opens a clause.
    glued_firsts = list(_glued_first_pattern().finditer(text, begin, end)) \
        if clause_opening else []
    if not clause_markers and not list_words and not sentence_items:
        return []
    sentences = line.sentences
    starts = [s.start for s in sentences]
    candidates: list[Candidate] = []
    blocked: list[tuple[int, int]] = []
    for index, s in enumerate(sentences):
        if index in excluded:
            blocked.append((s.start, s.end))
        if s.cue in STYLE_OF_TERMINAL:
            _add_marker(candidates, marker(s), s.end, True)
    found_at: set[int] = set()
    for found in clause_markers:
        at = found.start(found.lastgroup)  # type: ignore[arg-type]
        s = sentences[bisect_right(starts, at) - 1]
        if at < s.cue_end and s.cue in STYLE_OF_TERMINAL:
            continue  # inside the sentence's own marker
        clause = Sentence(start=at, end=s.end, cue=found.lastgroup, cue_end=found.end(),
                          stop="")
        _add_marker(candidates, marker_info(text, clause), s.end, False)
        found_at.add(at)
    for found in glued_firsts:
        # Only a first item: it heads a list whose next member opens a clause.
        at = found.start()
        s = sentences[bisect_right(starts, at) - 1]
        if at < s.cue_end and s.cue in STYLE_OF_TERMINAL:
            continue
        cue = "ORDINAL_MARKER" if text.startswith("第", at) else "SHI_MARKER"
        glued = marker_info(text, Sentence(start=at, end=s.end, cue=cue,
                                           cue_end=found.end(), stop=""))
        if glued.ordinal == 1:
            _add_marker(candidates, glued, s.end, False)
    words_at = {found.start(found.lastgroup) for found in list_words}  # type: ignore[arg-type]
    for found in sentence_items:
        at = found.start(found.lastgroup)  # type: ignore[arg-type]
        s = sentences[bisect_right(starts, at) - 1]
        if at < s.cue_end and s.cue in STYLE_OF_TERMINAL:
            continue  # the sentence's own 第X，/首先， marker, already a candidate
        if found.lastgroup == "ORDINAL_ITEM":
            candidates.append((_ordinal_item(found, at), s.end, False))
        elif at not in words_at:  # 首先 opening a sentence; after a comma it is found above
            candidates.append((_list_word(found, at), s.end, False))
    for found in list_words:
        at = found.start(found.lastgroup)  # type: ignore[arg-type]
        s = sentences[bisect_right(starts, at) - 1]
        if (at >= s.cue_end or s.cue not in STYLE_OF_TERMINAL) and at not in found_at:
            word = _list_word(found, at)
            if word.key.startswith(_LIST_KEY):
                # 一国际，二国内，三边区，四本部: numerals counting on, each with its own
                # word; tried before the series of one word (一国…二国) at the same place
                candidates.append((_list_word(found, at, key=_LIST_KEY), s.end, False))
            candidates.append((word, s.end, False))
    if len(candidates) < 2:
        return []
    candidates.sort(key=lambda candidate: candidate[0].start)  # stable: order kept at a start
    runs = []
    used: set[int] = set()  # starts of items already in a list
    for position, (head, _, _) in enumerate(candidates):
        if head.start in used or head.ordinal != 1:
            continue
        run = [position]
        for later in range(position + 1, len(candidates)):
            info = candidates[later][0]
            if info.key != head.key:
                continue
            if continues(candidates[run[-1]][0], info):
                run.append(later)
            elif info.ordinal is not None:
                break  # the series restarts or skips: it ends here
        members = [candidates[i] for i in run]
        if len(run) < (_MIN_BARE_ITEMS if head.key == _LIST_KEY else 2) or all(
                opens for _, _, opens in members):
            continue  # sentence-level lists are blocks.py's
        if any(start <= info.start < end for info, _, _ in members for start, end in blocked):
            continue
        if any(info.start in used for info, _, _ in members):
            continue  # its items are another list's, keyed otherwise
        if head.key.startswith((_ORDINAL_LIST_KEY, _LIST_KEY)) and _numbered_names(text, members):
            continue
        if head.style is MarkerStyle.SEQUENCE and _told_in_steps(text, members):
            continue
        items = []
        for i, (info, sentence_end, _) in enumerate(members):
            end = members[i + 1][0].start if i + 1 < len(members) else sentence_end
            items.append((info, info.start, end))
        if any(end - info.end < _min_item(info) for info, _, end in items):
            continue
        used.update(info.start for info, _, _ in items)
        runs.append(items)
    return runs


def _told_in_steps(text: str, members: list[Candidate]) -> bool:
    """Whether a 首先…最后 run has an uncounted step word between two of its members
    (首先是班级推选，然后由学校确定，最后由学校联评): a procedure told, not a list."""
    then = terminal_pattern("THEN_WORD")
    return any(then.search(text, before[0].end, after[0].start) is not None
               for before, after in pairwise(members))
