"""Run-together lines: where a marker glued to the words before it, or after a space,
starts what was a paragraph of its own.

A web copy that lost its paragraph breaks keeps its markers, glued to the words before
them (……/摄第一，……) or after the space that stood for the break (……三个关系 （一）处理好……).
This module finds those that open a sentence, the numbered run (1、…2、…3、) that a
roll call glues into one line; glued_steps.py finds a chair's steps and hand-overs run
on with no stop between them, spaced.py reads the spaces of paragraphs joined with
spaces, glued_titles.py a title glued to its body, and glued_after.py the words after a
page's chrome glued before them. Part of the block stage (blocks.py).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection

from jianghua.model import MarkerStyle
from jianghua.parse.chunks import read_past_chunk_numbers
from jianghua.parse.clauses import after_lead
from jianghua.parse.glued_after import (
    split_after_closing_label,
    split_after_omission,
    split_after_page_counter,
    split_after_photo_credit,
    split_after_site_address,
    split_after_step_by_step,
)
from jianghua.parse.glued_steps import split_glued_agenda, split_glued_handovers, split_glued_steps
from jianghua.parse.glued_titles import split_glued_titles
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import (
    STYLE_OF_TERMINAL,
    MarkerInfo,
    SeriesOpeners,
    continues,
    marker_info,
)
from jianghua.parse.spaced import (
    cut_at,
    spaced_lines,
    split_chunk_title,
    split_spaced_addresses,
    split_spaced_front,
    split_spaced_label,
    split_spaced_titles,
)
from jianghua.parse.speakers import split_glued_host_labels

# Markers that may be glued to the words before them when paragraphs were run together
# (……新华社记者 鞠鹏/摄第一，创造了……, corpus 202). Only 第X， and 第X： : a bare 一， or
# 第一、 glued to a word is far more often part of it (统一，…… 质量第一、效益优先, 204);
# 一是 only where its next member follows close by (思想统一是前提 is no list), 二是 also
# going on from the 一是 that opens its sentence (一是请……讲话二是请……); a bracketed
# （一） is part of no word (……主要任务（一）坚定不移……).
_GLUED_MARKERS = ("ORDINAL_MARKER", "SHI_MARKER", "CHINESE_PAREN_MARKER")
# After a space, the lost break of paragraphs joined with spaces (……三个关系 （一）处理好……),
# a marker of any standalone style may open a paragraph too.
_SPACED_MARKERS = ("CHINESE_MARKER", "CHINESE_PAREN_MARKER", "ARABIC_PAREN_MARKER",
                   "ORDINAL_MARKER", "SHI_MARKER")
# A line this long, of more sentences than this, was many paragraphs: as long as
# is_flattened's line, which copies cut to a page's first 2,000 bytes still reach.
_RUN_TOGETHER_CHARS = 300
_RUN_TOGETHER_SENTENCES = 5
# A series whose members all stand inside sentences has at least this many of them,
# after spaces or glued; glued, each some characters after the last.
_MIN_SPACED_SERIES = 2
_MIN_GLUED_SERIES = 3
_MIN_ITEM_CHARS = 2
# Glued to the words before it, 一、 is often a word's end (统一、 唯一、): a 、-marker
# glued there counts from two up, going on from a member that opens its sentence.
_MIN_GLUED_CHINESE_ORDINAL = 2
# Rounds of cutting glued markers, each going on from the members the last one cut.
_GLUED_ROUNDS = 4
# How far on the next member of the series is looked for.
_SERIES_REACH = 3000
_SHI_REACH = 300


@functools.cache
def _glued_marker_pattern() -> re.Pattern[str]:
    """Every marker that may be glued (after a word) or spaced (after a space); which it
    is, and whether its style may be, is read off the character before it."""
    names = tuple(dict.fromkeys((*_GLUED_MARKERS, *_SPACED_MARKERS)))
    return after_lead(r"(?<=[\u4e00-\u9fff）)”》/ \u3000])", names)


def restore_lost_breaks(text: str, lines: list[Line]) -> None:
    """Where a copy lost the speaker's line breaks, start sentences where they were:
    after a viewer's chunk numbers (chunks.py), at spaced titles, glued markers and
    glued steps. The block stage's first pass (blocks.py)."""
    read_past_chunk_numbers(text, lines)
    split_after_site_address(text, lines)
    split_after_page_counter(text, lines)
    split_after_photo_credit(text, lines)
    split_after_omission(text, lines)
    spaced = spaced_lines(text, lines)  # the passes cut sentences, never the lines
    split_spaced_label(text, lines, spaced)
    split_spaced_titles(text, lines, spaced)
    split_spaced_front(text, lines, spaced)
    split_chunk_title(text, lines)
    split_glued_host_labels(text, lines)
    split_glued_markers(text, lines)
    split_prefixed_markers(text, lines)
    mark_recaps(text, lines)
    split_glued_titles(text, lines)
    split_glued_steps(text, lines, spaced)
    split_glued_handovers(text, lines)
    split_glued_agenda(text, lines)
    split_after_step_by_step(text, lines)
    split_after_closing_label(text, lines)
    split_spaced_addresses(text, lines, spaced)


def split_glued_markers(text: str, lines: list[Line]) -> None:
    """Where run-together text glued a marker to the words before it, start a sentence
    there — but only when the marker's series goes on: its next member opens a sentence
    further on the same line, with no other member between (OUTLINE: "a heading can
    start anywhere in a line"). The marker is then found like any other; what it means
    (a heading, a list) is decided as for any sentence."""
    pattern = _glued_marker_pattern()
    for line in lines:
        if not is_run_together(line):
            continue
        # A member cut here opens its sentence, and the next one glued after it may go
        # on from it (……七、……分工八、……要求九、……): ask again while cuts are made.
        for _ in range(_GLUED_ROUNDS):
            if not _split_glued_in(text, line, pattern):
                break


def _split_glued_in(text: str, line: Line, pattern: re.Pattern[str]) -> bool:
    """One round of ``split_glued_markers`` over ``line``: whether it cut anywhere."""
    openers = SeriesOpeners(text, [s for s in line.sentences if s.cue in STYLE_OF_TERMINAL])
    counted = _stranded_series(text, line, pattern, openers.by_key)
    if not openers.by_key and not counted:
        return False
    pieces: list[Sentence] = []
    for s in line.sentences:
        cuts: list[Sentence] = []  # the glued markers that open a sentence, in order
        member = marker_info(text, s) if s.cue in STYLE_OF_TERMINAL else None
        for found in pattern.finditer(text, s.cue_end, s.end):
            glued = Sentence(start=found.start(), end=s.end, cue=found.lastgroup,
                             cue_end=found.end(), stop=s.stop)
            if found.start() in counted:
                cuts.append(glued)
                continue
            spaced = text[found.start() - 1] in " \u3000" or _after_credit(text, found.start())
            info = marker_info(text, glued)
            if not spaced and found.lastgroup not in _GLUED_MARKERS and not (
                    found.lastgroup == "CHINESE_MARKER" and info.punctuation == "、"
                    and (info.ordinal or 0) >= _MIN_GLUED_CHINESE_ORDINAL):
                continue
            shi = info.style is MarkerStyle.SHI
            if not shi and not spaced and found.lastgroup == "ORDINAL_MARKER" and (
                    info.punctuation not in ("，", "：", ":", ",")):
                continue
            if spaced and found.lastgroup == "CHINESE_MARKER" and not info.punctuation:
                continue  # 一 个: a bare numeral after a space is no marker
            reach = _SHI_REACH if shi else _SERIES_REACH
            if info.ordinal is not None and (
                    openers.goes_on(info, found.start(), reach, back=not shi) or (
                        shi and member is not None and continues(member, info)
                        and found.start() - member.start <= _SHI_REACH)):
                # (一是请……讲话二是请……讲话: a stopless 二是 goes on from the member
                # that opens its sentence, or from the one cut before it there.)
                cuts.append(glued)
                member = info
        pieces.extend(cut_at(s, cuts))
    cut = len(pieces) > len(line.sentences)
    line.sentences = _with_their_titles(pieces)
    return cut


def _after_credit(text: str, start: int) -> bool:
    """Whether ``start`` follows a photo credit's end (……/摄), a lost break (CREDIT_END)."""
    return terminal_pattern("CREDIT_END").search(text, max(0, start - 2), start) is not None


def _stranded_series(text: str, line: Line, pattern: re.Pattern[str],
                     opened: Collection[str]) -> set[int]:
    """Where every member of a series stands inside the sentences of a run-together line,
    none opening a sentence for ``SeriesOpeners`` to find: after spaces (……演讲赛议程 一、首先，
    …… 二、接下来…… 三、介绍……), or glued to the words before them, where no space was
    kept (……程序如下一、请……宣布开幕二、全体起立……三、……). The members counting up from
    one with their punctuation (一、 not 一 个) are where the lost breaks were: two or
    more after spaces; three or more, each some words after the last, where any is glued
    (一、二年级 counts nothing). Not a series ``opened`` (by key) at a sentence start
    elsewhere on the line: a page's table of contents before the speech says its
    headings again. The starts of such runs."""
    runs: dict[str, list[tuple[int, int, bool]]] = {}  # key → (start, end, glued), in order
    for s in line.sentences:
        for found in pattern.finditer(text, s.cue_end, s.end):
            if found.lastgroup not in _SPACED_MARKERS:
                continue
            info = marker_info(text, Sentence(found.start(), s.end, found.lastgroup,
                                              found.end(), s.stop))
            if not info.punctuation or info.ordinal is None or info.key in opened:
                continue  # (a series that opens sentences too: ``SeriesOpeners`` decides)
            glued = text[found.start() - 1] not in " \u3000"
            if glued and found.lastgroup == "CHINESE_MARKER" and info.punctuation != "、":
                continue  # 其一，其二， (another marker's numeral) or 一，……: no heading's
            run = runs.setdefault(info.key, [])
            if info.ordinal == len(run) + 1 and not (
                    run and found.start() - run[-1][1] < _MIN_ITEM_CHARS):
                run.append((found.start(), found.end(), glued))
    return {start for run in runs.values()
            if len(run) >= (_MIN_GLUED_SERIES if any(glued for *_, glued in run)
                            else _MIN_SPACED_SERIES)
            for start, *_ in run}


def _with_their_titles(pieces: list[Sentence]) -> list[Sentence]:
    """A glued marker whose colon ended the sentence it was found in (……党八股的第六条罪
    状是：甲乙丙丁，……) heads the next one: the two are one sentence, as the scanner reads
    a marker and its title at a sentence's start."""
    joined: list[Sentence] = []
    for piece in pieces:
        before = joined[-1] if joined else None
        if before is not None and before.cue in STYLE_OF_TERMINAL and (
                before.cue_end >= before.end) and piece.cue is None:
            joined[-1] = Sentence(start=before.start, end=piece.end, cue=before.cue,
                                  cue_end=before.cue_end, stop=piece.stop)
            continue
        joined.append(piece)
    return joined


def mark_recaps(text: str, lines: list[Line]) -> None:
    """In a run-together line, a sentence that sums up the points just made (……祸国殃民。
    上面这八条，就是……) began a paragraph of its own: it is marked (POINTS_RECAP) so the
    block stage starts one there, as at a line's start (nesting.py closes the series)."""
    recap = terminal_pattern("POINTS_RECAP").match
    for line in lines:
        if not is_run_together(line):
            continue
        for s in line.sentences[1:]:
            if s.cue is None and recap(text, s.start, s.end):
                s.cue, s.cue_end = "POINTS_RECAP", s.start


def split_prefixed_markers(text: str, lines: list[Line]) -> None:
    """党八股的第一条罪状是：…… / 我想说的第二句话，是……: a paragraph that names its
    subject before its ordinal. Where members of the series open paragraphs with such a
    prefix or without one (第七条罪状是：……), each prefixed one starts a sentence at its
    marker, the prefix left out of it (gold NOTES 210), so it is read as any member is.
    A prefixed ordinal with no member of its series next to it is the speaker's words
    (我们的第一个任务是……, said once)."""
    prefix = terminal_pattern("MARKER_PREFIX").match
    ordinal = terminal_pattern("ORDINAL_MARKER").match
    found: list[tuple[Line, Sentence]] = []
    for line in lines:
        first = line.sentences[0] if line.sentences else None
        if first is None or first.cue is not None or text.find("的第", first.start, first.end) < 0:
            continue  # most lines: one substring search
        lead = prefix(text, first.start, first.end)
        marker = ordinal(text, lead.end(), first.end) if lead else None
        if marker is not None:
            found.append((line, Sentence(start=lead.end(), end=first.end, cue="ORDINAL_MARKER",
                                         cue_end=marker.end(), stop=first.stop)))
    if not found:
        return
    openers = [s for line in lines for s in line.sentences if s.cue == "ORDINAL_MARKER"]
    series = SeriesOpeners(text, sorted([*openers, *(glued for _, glued in found)],
                                   key=lambda s: s.start))
    for line, glued in found:
        if not series.goes_on(marker_info(text, glued), glued.start, _SERIES_REACH, back=True):
            continue
        # The marker's colon ended the sentence the prefix began (……罪状是：): it heads
        # the next one, as a glued marker does.
        prefix, marker = cut_at(line.sentences[0], [glued])
        prefix.cue, prefix.cue_end = "MARKER_PREFIX", glued.start
        line.sentences[:2] = _with_their_titles([prefix, marker, *line.sentences[1:2]])


def is_run_together(line: Line) -> bool:
    """A line that holds what were many paragraphs (the same test as parse/edges.py's
    ``is_flattened``, which needs the whole speech: here one line is judged alone)."""
    return line.end - line.content_start > _RUN_TOGETHER_CHARS and (
        len(line.sentences) > _RUN_TOGETHER_SENTENCES)


# A numbered run glued into one line counts from one and goes on at least this far
# (1、市中院2、市检察院3、……12、市残联, corpus 102).
_MIN_GLUED_ITEMS = 3


def glued_numbered_list(text: str, line: Line, index: int = 0) -> list[tuple[MarkerInfo, int, int]]:
    """A line (or its sentence ``index``, after a lead such as 发言顺序：) that opens with
    1、 and holds 2、 3、 … glued into its words: one list (a speaker order, a roll call),
    not headings — whose other members never start a paragraph (gold NOTES 102). Items
    are (marker, start, end); empty if there is none."""
    sentences = line.sentences
    if len(sentences) <= index or sentences[index].cue != "ARABIC_MARKER":
        return []
    first = marker_info(text, sentences[index])
    if first.ordinal != 1:
        return []
    members = [first]
    for found in terminal_pattern("ARABIC_MARKER").finditer(text, first.end, line.end):
        glued = Sentence(start=found.start(), end=line.end, cue="ARABIC_MARKER",
                         cue_end=found.end(), stop="")
        info = marker_info(text, glued)
        if continues(members[-1], info):
            members.append(info)
    # Mid-line, every member is glued (none starts a sentence of its own): a list that
    # also holds sentences' markers may be the speaker's lines, run together.
    starts = {s.start for s in sentences}
    opening = [info.start in starts for info in members[1:]]
    if len(members) < _MIN_GLUED_ITEMS or all(opening) or (index and any(opening)):
        return []
    # The last member ends with its sentence: a lead's list stops where the chair goes on.
    last_end = next(s.end for s in sentences if s.end > members[-1].start)
    return [(info, info.start, members[i + 1].start if i + 1 < len(members) else last_end)
            for i, info in enumerate(members)]
