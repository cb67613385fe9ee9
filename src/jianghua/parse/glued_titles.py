"""A standalone heading's title glued to its first paragraph with nothing between them
(一、保护和激发市场主体活力改革开放以来，我国……): a copy that lost the line break after
the title, with no space left where it was (corpus 203; OUTLINE: outline run-together
text as the speaker would have paragraphed it). Part of the block stage's first pass
(glued.py).

A title is a phrase with no subject and no setting; a paragraph opens with its setting
(……以来，/过去的五年，/在……领导下，/随着……) or with the speaker (我在……讲过). Where
such words start mid-clause in a standalone heading's sentence, the title ended just
before them: the grammar's BODY_OPENER. Not at a clause's start (一、加强领导，在县委的
统一领导下，……): the comma before them shows the title runs on there. A body may also
open by saying the title's last words again (……关系中央和地方的关系也是……).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jianghua.model import STANDALONE_RANK
from jianghua.parse.front_lines import MAX_TITLE_CHARS, ends_in_genre
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import STYLE_OF_TERMINAL, marker_info
from jianghua.parse.pieces import SPACES, address_to_colon, has_han, words_end
from jianghua.parse.scan import rescanned

# A title says at least this much before its body, and the body at least this much.
MIN_CUT_TITLE_CHARS = 4
_MIN_BODY_CHARS = 6
# A report's section title that ends in 情况/方面/任务 is this short at most (主要工作情况);
# one that opens with a preposition places its point instead (从……方面, 在……任务上).
_MAX_SECTION_TITLE_CHARS = 10
_PREPOSITIONS = "从在对就把向"
# A body that takes up its title's words repeats at least this many of them.
_MIN_REPEAT_CHARS = 5
# A word the body may say before it repeats them (认真总结……).
_MAX_LEAD_WORD_CHARS = 2
# Words of the title a body takes up stand at most this far from its end (……这次观摩检查
# 活动的总体感受).
_TITLE_AFTER_REPEAT_CHARS = 5
# Two spaces or more (or an ideographic space) between two Chinese words: a lost break.
_LOST_BREAK = re.compile("(?<=[\u4e00-\u9fff])(?:[ ]{2,}|\u3000+)(?=[\u4e00-\u9fff])")
# A space, then a first sub-heading (（一） 1. （1）): a lost break in a standalone heading's
# sentence, where paragraphs were joined with single spaces — or nothing between, right
# after the title's last word (……财政管理审计情况(一)区本级……), which no title runs on past.
_FIRST_SUB_PART = re.compile(
    "(?:[ \u3000]+|(?<=[\u4e00-\u9fff]))"
    "(?:(?=[（(]一[）)])|(?=[1１][.．、](?![0-9０-９]))|(?=[（(][1１][）)]))")
# What ends a clause inside a heading's sentence.
_CLAUSE_ENDS = "，,、；;：:" + SPACES


def split_glued_titles(text: str, lines: list[Line]) -> None:
    """Cut each standalone heading's sentence where its glued body begins; the body is
    read again for its cues."""
    for line in lines:
        if any(s.cue in STYLE_OF_TERMINAL for s in line.sentences):
            cut_titles(text, line, _body_start)


def cut_titles(text: str, line: Line,
               title_end: Callable[[str, Sentence], int | None]) -> None:
    """Cut each of ``line``'s sentences where ``title_end`` says its title ends; what
    follows a cut is asked again (一、……工作 （一）……感 2003年以来，……: the part's title,
    then its first sub-heading's, each glued to what follows it)."""
    pieces: list[Sentence] = []
    waiting = list(reversed(line.sentences))
    while waiting:
        s = waiting.pop()
        cut = title_end(text, s)
        if cut is None:
            pieces.append(s)
            continue
        head, *rest = cut_after_title(text, s, cut)
        pieces.append(head)
        waiting.extend(reversed(rest))
    line.sentences = pieces


def cut_after_title(text: str, s: Sentence, cut: int) -> list[Sentence]:
    """Sentence ``s`` as its title (or step) up to ``cut``, with no stop of its own,
    and what follows, read again for its cues."""
    return [Sentence(start=s.start, end=cut, cue=s.cue, cue_end=s.cue_end, stop=""),
            *rescanned(text, s, cut)]


def opens_standalone_heading(text: str, s: Sentence) -> bool:
    """Whether ``s`` opens with a marker of a standalone style (一、, （一）, 1.): a title
    that may stand alone. 第一，/一是 run on into their sentence: never a title alone."""
    return s.cue in STYLE_OF_TERMINAL and marker_info(text, s).style in STANDALONE_RANK


def _body_start(text: str, s: Sentence) -> int | None:
    """Where the body glued to the standalone heading's title in ``s`` starts, if it does."""
    if not opens_standalone_heading(text, s):
        return None
    title_start = s.cue_end
    while title_start < s.end and text[title_start] in SPACES:
        title_start += 1
    reach = min(s.end, title_start + MAX_TITLE_CHARS)
    for found in terminal_pattern("BODY_OPENER").finditer(text, title_start, reach):
        at = found.start()
        # A space before them may stand for the lost break (……全面胜利 当前，……).
        clause = text[title_start:at].rstrip(SPACES)
        if (len(clause) >= MIN_CUT_TITLE_CHARS and clause[-1] not in _CLAUSE_ENDS
                and s.end - at >= _MIN_BODY_CHARS):
            return at
    address = _address_after_title(text, s, title_start, reach)
    if address is not None:
        return address
    first_point = _first_point_glued(text, title_start, reach)
    if first_point is not None:
        return first_point
    sub_part = _FIRST_SUB_PART.search(text, title_start, reach)
    if sub_part is not None and len(text[title_start:sub_part.start()]) >= MIN_CUT_TITLE_CHARS and (
            text[sub_part.start() - 1] not in _CLAUSE_ENDS):
        # 一、关于“三项创建”工作 (一)提高认识，…… — paragraphs joined with single spaces:
        # a space, then the first of the part's sub-headings, is where its line broke.
        return sub_part.end()
    gap = _LOST_BREAK.search(text, title_start, reach)
    if gap is not None and len(text[title_start:gap.start()]) >= MIN_CUT_TITLE_CHARS and (
            text[gap.start() - 1] not in _CLAUSE_ENDS and s.end - gap.end() >= _MIN_BODY_CHARS):
        # 一、提高国际竞争力迫在眉睫  本次大会的主题是：— two spaces or more where the line
        # break after the title was (a copy that kept the gap, not the break).
        return gap.end()
    section = terminal_pattern("SECTION_END").search(
        text, title_start, min(s.end, title_start + _MAX_SECTION_TITLE_CHARS))
    if section is not None and section.end() - title_start >= MIN_CUT_TITLE_CHARS and (
            s.end - section.end() >= _MIN_BODY_CHARS) and text[title_start] not in _PREPOSITIONS:
        # 一、学校基本情况永乐中学属县直初级中学 — a report's short section title, not a
        # phrase that places the point (从……方面提高站位, 在……任务上).
        return section.end()
    repeat = _body_repeating_title(text, title_start, reach, s.end)
    return repeat if repeat is not None else _body_taking_up_title_words(
        text, title_start, reach, s.end)


def _first_point_glued(text: str, title_start: int, reach: int) -> int | None:
    """Where the title's first run-in point follows it with nothing between (……的责任感
    和使命感一是特殊的季节要求我们……): 一是 after the title's last word, not one that
    ends a word (统一是, 之一是: GLUED_FIRST)."""
    for found in terminal_pattern("GLUED_FIRST").finditer(text, title_start, reach):
        at = found.start()
        if at - title_start >= MIN_CUT_TITLE_CHARS and text.startswith("一是", at):
            return at
    return None


def _address_after_title(text: str, s: Sentence, title_start: int, reach: int) -> int | None:
    """Where the part's address glued to its heading starts, when it ends the sentence
    at its colon (一、预备会议的主持词各位代表（职工）:, 二、正式大会的主持词（由主席团
    执行主席主持） 各位代表:): a chair's script in parts, each with its own salutation
    (OUTLINE), copied without the break after the part's title. The address opens with
    尊敬的/各位 after the title's genre word, its closing bracket or a space, which no
    title runs on past (……向各位代表汇报: is a title)."""
    if text[words_end(text, title_start, s.end) - 1] not in "：:":
        return None
    for prefix in terminal_pattern("ADDRESS_PREFIX").finditer(text, title_start, reach):
        at = prefix.start()
        title = text[title_start:at].rstrip(SPACES)
        if len(title) < MIN_CUT_TITLE_CHARS or not (
                title != text[title_start:at] or title[-1] in "）)"
                or ends_in_genre(title)):
            continue
        if address_to_colon(text, at, s.end) is not None:
            return at
    return None


def _body_repeating_title(text: str, title_start: int, reach: int, end: int) -> int | None:
    """Where a body starts that opens by saying the title's last words again
    (关于做好维护社会稳定工作做好维护社会稳定工作，是……; 中央和地方的关系中央和地方的关系也
    是……, corpus 025): the speaker takes up the heading, which no title does within
    itself. The repeat is a phrase, not a word, right after the words it repeats or a
    word after them (……客观总结20*年的经济工作认真总结20*年的经济工作，……), and the
    subject of the body's first clause (a comma or 是 follows it closely)."""
    subject_end = terminal_pattern("SUBJECT_END")
    for lead in range(_MAX_LEAD_WORD_CHARS + 1):  # a repeat right after the title first
        for at in range(title_start + MIN_CUT_TITLE_CHARS, min(reach, end - _MIN_BODY_CHARS)):
            repeat = at + lead
            if text[at - 1] in _CLAUSE_ENDS or not all(
                    has_han(text, i, i + 1) for i in range(at, repeat)):
                continue
            # Right after the title, a four-character phrase said again is enough (……关于
            # 今年的统计工作统计工作是……): no title doubles its own last words.
            shortest = _MIN_REPEAT_CHARS - (1 if lead == 0 else 0)
            for length in range(min(at - title_start, end - repeat), shortest - 1, -1):
                if text[at - length:at] == text[repeat:repeat + length] and (
                        subject_end.match(text, repeat + length)):
                    return at
    return None


def _body_taking_up_title_words(text: str, title_start: int, reach: int, end: int) -> int | None:
    """Where a body starts whose first clause has for its subject words the title said
    near its end, five Chinese characters at least (……把创建全国文明城市进行到底全国
    文明城市是……; ……的总体感受这次观摩检查活动，……): the speaker takes up his heading,
    as in ``_body_repeating_title``. Right at the body's start: a word before them
    cannot be told from the title's own last word."""
    subject_end = terminal_pattern("SUBJECT_END")
    for at in range(title_start + MIN_CUT_TITLE_CHARS, min(reach, end - _MIN_BODY_CHARS)):
        if text[at - 1] in _CLAUSE_ENDS:
            continue
        length = _MIN_REPEAT_CHARS
        while at + length <= end and has_han(text, at + length - 1, at + length):
            words = text[at:at + length]
            said = text.rfind(words, title_start, at)
            if said < 0:
                break
            if at - (said + length) <= _TITLE_AFTER_REPEAT_CHARS and (
                    subject_end.match(text, at + length)):
                return at
            length += 1
    return None
