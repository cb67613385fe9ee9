"""Paragraphs joined with spaces: where a space stands for a line break a copy lost.

A web copy that joined its paragraphs with spaces (……请予审议。 一、过去一年工作回顾 过去
一年，……) keeps a space where each paragraph began. This module starts a sentence there:
after a standalone heading's title, between the page's titles and the address, before a
numbered step or a stopless step's next paragraph, before an address that opens the
chair's last paragraph, after the title a viewer's first chunk runs into the opening
(OUTLINE: outline run-together text as the speaker would have paragraphed it). Part of
the block stage's first pass (glued.py).
"""

from __future__ import annotations

import itertools
import re

from jianghua.parse.front_lines import MAX_TITLE_CHARS
from jianghua.parse.glued_titles import cut_after_title, cut_titles, opens_standalone_heading
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import STYLE_OF_TERMINAL
from jianghua.parse.pieces import (
    EXCLAIM_OR_COLON,
    PADDED_NUMBER_CHARS,
    SENTENCE_END,
    SPACES,
    address_to_colon,
    has_han,
)
from jianghua.parse.scan import rescanned, sentence_ending

# The spaces that stand for a lost paragraph break, and the least a paragraph after one
# says (a space inside a short sentence is part of it: 坚持 党的领导。).
_BREAK_SPACES = " \u3000\u00a0"
_MIN_BODY_CHARS = 6
# A line of paragraphs joined with spaces holds a few spaces after a stop, each before
# the next paragraph's first word.
_BREAK_AFTER_STOP = re.compile("[。！？；：!?;:”][ \u3000\u00a0]+(?=[\u4e00-\u9fff（(“《])")
_MIN_BREAKS = 2
# A lost line break inside front matter joined with spaces: several spaces, or one
# full-width space, then words; the address is among the line's first few sentences.
_FRONT_SENTENCES = 4
_FRONT_GAP = re.compile("(?: {2,}|\u3000+)(?=[^ \u3000\r\n])")
# Any gap; one before a step that opens with its number (……礼毕 第一项议程：); one
# between two words, where a paragraph may have ended (a gap beside a digit or a letter
# is the copy's word spacing: 周 x 同志, 第 28 个).
_GAP = re.compile("[ \u3000\u00a0]+")
NUMBERED_AFTER_GAP = re.compile("[ \u3000\u00a0]+(?=第[一二三四五六七八九十0-9]+[项項])")
_PARAGRAPH_GAP = re.compile("(?<=[\u4e00-\u9fff])[ \u3000\u00a0]+(?=[\u4e00-\u9fff])")
_STOP_CHARS = SENTENCE_END + EXCLAIM_OR_COLON  # every stop (pieces.py)


def cut_at(s: Sentence, cuts: list[Sentence]) -> list[Sentence]:
    """Sentence ``s`` cut where each of ``cuts`` starts (in order, each with its cue):
    each piece ends where the next begins; the last keeps the stop ``s`` ended with."""
    starts = [s, *cuts]
    return [Sentence(start=piece.start, end=after.start if after else s.end, cue=piece.cue,
                     cue_end=piece.cue_end, stop="" if after else s.stop)
            for piece, after in itertools.zip_longest(starts, starts[1:])]


def split_spaced_titles(text: str, lines: list[Line], spaced: frozenset[int]) -> None:
    """Where paragraphs were joined with spaces, a heading that stood on a line of its
    own runs on into its first paragraph (一、提高认识，增强责任感 一是要站在……。): its
    title ends at the last space before the sentence's stop, and what follows the space
    starts a sentence of its own, read again for its cue (OUTLINE: outline run-together
    text as the speaker would have paragraphed it; corpus 112 and 028 space-joined).
    The last space, not the first: a title may hold one (强化担当 狠抓落实)."""
    for line in lines:
        if not any(s.cue in STYLE_OF_TERMINAL for s in line.sentences):
            continue  # no heading among them
        if line.number in spaced:
            cut_titles(text, line, _title_space)
        else:
            # A copy cut short may keep one break only, the one before the heading
            # (……下面我讲四点： 一、思想上重视 河长制工作……): that space after a stop
            # says the paragraphs were joined so, and its title ends at a space too.
            cut_titles(text, line, _title_space_after_break)


def split_spaced_label(text: str, lines: list[Line], spaced: frozenset[int]) -> None:
    """Where paragraphs were joined with spaces, a collection's item label opening a
    line (第一篇:……主持词 ……) runs its title on into the rest of the front: it labels
    the title, it opens no part (OUTLINE: a collection label glued to a title stays in
    that line). Where the words after the label name a document up to the first space,
    label and title are the first title, and what follows the space is read again (the
    front's other titles and the address, split_spaced_front)."""
    for line in lines:
        if line.number not in spaced or not line.sentences:
            continue
        first = line.sentences[0]
        if first.cue != "PART_MARKER" or "篇" not in text[first.start:first.cue_end]:
            continue
        gap = _gap_after_title(text, first, first.cue_end)
        if gap is not None:
            line.sentences[:1] = _titled(first, gap, rescanned(text, first, gap.end()))


def split_spaced_front(text: str, lines: list[Line], spaced: frozenset[int]) -> None:
    """Where paragraphs were joined with spaces, the page's title, the speech's title and
    its address run on at the line's start (……讲话5篇    ……讲话篇1   尊敬的……：): each gap
    of several spaces before the address's colon is a lost line break. The pieces before
    the address are titles where they name a document (DOCUMENT_NAME), front matter
    otherwise; the address is read again from where its piece starts (OUTLINE: titles
    and salutations in messy text; front.py reads what the pieces are)."""
    names = terminal_pattern("DOCUMENT_NAME").search
    for line in lines:
        if line.number not in spaced:
            continue
        at = next((position for position, s in enumerate(line.sentences[:_FRONT_SENTENCES])
                   if s.cue == "VOCATIVE" or (s.cue is None and _ends_in_spaced_address(text, s))),
                  None)
        if at is None:
            # single spaces: the first of the front's cue-less sentences that ends in one
            for position, s in enumerate(line.sentences[:_FRONT_SENTENCES]):
                if s.cue is not None or _split_address_after_space(text, line, position):
                    break
            continue
        address = line.sentences[at]
        address_end = address.cue_end if address.cue == "VOCATIVE" else address.end
        gaps = [gap.end() for gap in _FRONT_GAP.finditer(text, line.content_start, address_end)
                if has_han(text, line.content_start, gap.start())]
        if not gaps:
            continue
        rest = (rescanned(text, address, gaps[-1]) if address.cue == "VOCATIVE"
                else _address_from(text, address, gaps[-1]))
        bounds = list(itertools.pairwise([line.content_start, *gaps]))
        if not rest or rest[0].cue != "VOCATIVE" or any(
                s.cue not in (None, "TITLE_HEAD") for s in line.sentences[:at]) or any(
                end - start > MAX_TITLE_CHARS for start, end in bounds):
            continue  # no gap, one inside the address, a date before it, or no title lines
        pieces: list[Sentence] = []
        for start, end in bounds:
            title = names(text, start, end) is not None
            pieces.append(Sentence(start, end, "TITLE_HEAD" if title else None,
                                   end if title else start, ""))
        line.sentences[:at + 1] = [*pieces, *rest]


def _split_address_after_space(text: str, line: Line, position: int) -> bool:
    """A line's first sentence that runs a page's chrome and the title into the address
    with single spaces (……阅读模式 打印 …… 在……团拜会上的致辞 尊敬的各位领导，同志们：):
    the address runs from the first space after which its words reach the colon, where
    the words before it, after the space before them, are the title: they name a
    document (DOCUMENT_NAME). The chrome before them is front matter (front.py).
    Whether sentence ``position`` was split so."""
    s = line.sentences[position]
    gaps = [gap for gap in _GAP.finditer(text, s.start, s.end)
            if has_han(text, s.start, gap.start())]
    at = next((gap for gap in gaps if address_to_colon(text, gap.end(), s.end) is not None),
              None)
    if at is None:
        return False
    rest = rescanned(text, s, at.end())
    if not rest or rest[0].cue != "VOCATIVE":
        return False
    before = [gap for gap in gaps if gap.end() < at.start()]
    title_start = before[-1].end() if before else s.start
    named = terminal_pattern("DOCUMENT_NAME").search(text, title_start, at.start())
    if at.start() - title_start > MAX_TITLE_CHARS or named is None:
        return False  # no title right before the address: the front is front.py's
    chrome = [Sentence(s.start, title_start, None, s.start, "")] if title_start > s.start else []
    line.sentences[position:position + 1] = [
        *chrome, Sentence(title_start, at.end(), "TITLE_HEAD", at.start(), ""), *rest]
    return True


def _ends_in_spaced_address(text: str, s: Sentence) -> bool:
    """Whether a sentence with no cue ends in an address after a gap of spaces (……讲稿文
    ——铭记初心担使命  同志们:): the rest of a title that TITLE_HEAD cut at its genre word,
    run on into the address."""
    gaps = list(_FRONT_GAP.finditer(text, s.start, s.end))
    return bool(gaps) and bool(_address_from(text, s, gaps[-1].end()))


def _address_from(text: str, s: Sentence, at: int) -> list[Sentence]:
    """The address that ends sentence ``s`` at its colon from offset ``at``, as a
    sentence of its own (none if the words from ``at`` are not one)."""
    end = address_to_colon(text, at, s.end)
    return [] if end is None else [Sentence(at, s.end, "VOCATIVE", end, s.stop)]


def split_chunk_title(text: str, lines: list[Line]) -> None:
    """A viewer's first chunk runs the title into the report's opening with one space
    between (1、乡镇人大主席团工作报告 现在，我受……委托向大会报告工作): where the words
    before the line's first space name a document and a transition or an address follows
    it, the title is a sentence of its own (OUTLINE: titles in messy text)."""
    for line in lines:
        if not line.chunk or not line.sentences:
            continue
        first = line.sentences[0]
        gap = _gap_after_title(text, first, first.start)
        if gap is None:
            continue
        rest = rescanned(text, first, gap.end())
        if rest and rest[0].cue in ("TRANSITION", "VOCATIVE"):
            line.sentences[:1] = _titled(first, gap, rest)


def _gap_after_title(text: str, s: Sentence, words_from: int) -> re.Match[str] | None:
    """The first gap in sentence ``s`` after ``words_from`` where the words before it
    end naming a document (DOCUMENT_NAME), a title's length from the sentence's start;
    None where there is no such gap."""
    gap = _GAP.search(text, words_from, s.end)
    if gap is None or gap.start() - s.start > MAX_TITLE_CHARS or not any(
            found.end() == gap.start()
            for found in terminal_pattern("DOCUMENT_NAME").finditer(text, words_from,
                                                                    gap.start())):
        return None
    return gap


def _titled(s: Sentence, gap: re.Match[str], rest: list[Sentence]) -> list[Sentence]:
    """Sentence ``s`` as its title up to ``gap`` (a TITLE_HEAD), then ``rest``."""
    return [Sentence(s.start, gap.end(), "TITLE_HEAD", gap.start(), ""), *rest]


def _title_space(text: str, s: Sentence) -> int | None:
    """Where the paragraph after a standalone heading's title starts in the heading's
    sentence ``s`` (after the last space before its stop), or None where it holds none
    (or no title before it)."""
    if not s.stop or not opens_standalone_heading(text, s):
        return None
    content_end = _content_end(text, s)
    space = max(text.rfind(char, s.cue_end, content_end) for char in _BREAK_SPACES)
    while space > s.cue_end and _no_break(text, s.cue_end, space):
        space = max(text.rfind(char, s.cue_end, space) for char in _BREAK_SPACES)
    if space < 0 or not has_han(text, s.cue_end, space) or (
            content_end - (space + 1) < _MIN_BODY_CHARS):
        return None
    return space + 1


def _title_space_after_break(text: str, s: Sentence) -> int | None:
    """``_title_space`` for a heading that a lost break put mid-line: after a stop and
    the spaces that stand for the break."""
    before = s.start
    while before > 0 and text[before - 1] in _BREAK_SPACES:
        before -= 1
    if before == s.start or before == 0 or text[before - 1] not in _STOP_CHARS:
        return None
    return _title_space(text, s)


def _no_break(text: str, start: int, space: int) -> bool:
    """Whether the space at ``space`` (in a sentence from ``start``) cannot be a lost
    paragraph break: a PDF's padding after a number set in half-width (2006 年, 由 17 人,
    a template's 20xx 年), or a space inside a book title (《2005 年……和 2006 年……》)."""
    if text[space - 1] in PADDED_NUMBER_CHARS:
        return True
    before = text[start:space]
    return before.count("《") > before.count("》")


def _content_end(text: str, s: Sentence) -> int:
    """The end of ``s`` before its stops and the spaces after them."""
    end = s.end
    while end > s.cue_end and (text[end - 1] in SPACES or text[end - 1] in _STOP_CHARS):
        end -= 1
    return end


def spaced_lines(text: str, lines: list[Line]) -> frozenset[int]:
    """The lines of paragraphs joined with spaces, found once for every pass that asks
    (after a viewer's chunk numbers are read past: a chunk needs one break)."""
    return frozenset(line.number for line in lines if joined_with_spaces(text, line))


def joined_with_spaces(text: str, line: Line) -> bool:
    """A line of paragraphs joined with spaces: a few stops, each followed by spaces
    before the next paragraph's first word (one in a viewer's chunk: a piece of it)."""
    breaks = 1 if line.chunk else _MIN_BREAKS
    return next(itertools.islice(_BREAK_AFTER_STOP.finditer(text, line.content_start, line.end),
                                 breaks - 1, None), None) is not None


def split_spaced_addresses(text: str, lines: list[Line], spaced: frozenset[int]) -> None:
    """Paragraphs joined with spaces: an address after a space between two words
    (……李 x 老师 领导们，老师们，今天的会议……) starts a paragraph (OUTLINE: run-together
    text) — in a sentence with no cue after one that ended: a title or heading before
    the first address is the front matter's to read (front.py). Once the speech is under
    way, so does whatever follows a leader of dots after a space (…… 下面，请……), and the
    chair's lead word and hand-over after a space in any sentence (……讲话 现在，请……)."""
    vocative = terminal_pattern("VOCATIVE").match
    # The dots opening a sentence stand for what the copy left out (an omitted speech),
    # a paragraph of their own.
    leader_gap = terminal_pattern("LEADER_GAP").match
    opens = (terminal_pattern("ADDRESS_PREFIX").match, terminal_pattern("ADDRESS_WORD").match)

    def address_at(gap: re.Match[str], end: int) -> bool:
        # 各位委员： / 领导们，老师们， — not 镇代镇长 各位代表： (a speaker's line before
        # the address, which front.py reads) — after the gap itself
        return any(match(text, gap.end(), end) for match in opens) and (
            vocative(text, gap.end(), end) is not None)

    for line in lines:
        if line.number not in spaced:
            continue
        pieces: list[Sentence] = []
        said = False  # a sentence of the line ended before: the speech is under way
        waiting = list(reversed(line.sentences))
        while waiting:
            s = waiting.pop()
            leader = leader_gap(text, s.start, s.end) if said else None
            if leader is not None:  # the dots themselves say nothing: no cue
                pieces.append(Sentence(s.start, leader.end(), None, s.start, ""))
                waiting.extend(reversed(rescanned(text, s, leader.end())))
                continue
            gap = None if not said else (None if s.cue is not None else next(
                (gap for gap in _PARAGRAPH_GAP.finditer(text, s.cue_end, s.end)
                 if address_at(gap, s.end)), None)) or _hand_over_after_gap(text, s)
            if gap is None:
                pieces.append(s)
            else:  # what follows the break is asked again (现在，请…… 现在，请……)
                head, *rest = cut_at(s, rescanned(text, s, gap.end()))
                pieces.append(head)
                waiting.extend(reversed(rest))
            said = said or sentence_ending(text[s.start:s.end]) in SENTENCE_END
        line.sentences = pieces


def _hand_over_after_gap(text: str, s: Sentence) -> re.Match[str] | None:
    """The gap before the chair's lead word and hand-over inside a sentence (……**同志
    讲话 现在，请**同志布置工作): a paragraph of the chair's that started there."""
    lead = terminal_pattern("MOVE_ON_STEP").match
    handover = terminal_pattern("HANDOVER").search
    return next((gap for gap in _GAP.finditer(text, max(s.cue_end, s.start + 1), s.end)
                 if lead(text, gap.end(), s.end) and handover(text, gap.end(), s.end)), None)


def step_paragraph(text: str, s: Sentence) -> list[Sentence]:
    """Paragraphs joined with spaces: a step with no stop of its own ends at the first
    space between two words (会议第六项，授奖 让我们再次……！), where its paragraph ended;
    a space beside a digit or a letter is the copy's word spacing (周 x 同志, 第 28 个),
    and one where a name was left blank (由 宣读……, BLANK_NAME) is the template's."""
    if s.cue != "AGENDA_STEP":
        return [s]
    blank = terminal_pattern("BLANK_NAME").fullmatch
    gap = next((gap for gap in _PARAGRAPH_GAP.finditer(text, s.cue_end, s.end)
                if not blank(text, gap.start(), gap.end())), None)
    if gap is None or s.end - gap.end() < _MIN_BODY_CHARS:
        return [s]
    return cut_after_title(text, s, gap.end())


def spaced_steps(text: str, s: Sentence, *, numbered_only: bool) -> list[Sentence]:
    """Paragraphs joined with spaces: a step right after a space inside ``s`` (……作主题
    报告 第三项，请……致贺词。) starts the paragraph the space stands for. In any other
    line only a step that opens with its number does (……奏国歌 礼毕 第一项议程：……)."""
    step = terminal_pattern("AGENDA_STEP")
    cuts: list[Sentence] = []
    for gap in (NUMBERED_AFTER_GAP if numbered_only else _GAP).finditer(
            text, s.cue_end + 1, s.end):
        found = step.match(text, gap.end(), s.end)
        if found is not None and has_han(text, s.start, gap.start()):
            cuts.append(Sentence(gap.end(), s.end, "AGENDA_STEP", found.end(), s.stop))
    return cuts
