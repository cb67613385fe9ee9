"""Where words start afresh after what a copy glued before them: a site's name and
address, a viewer's page counter, a photo's credit, the dots that stand for a speech
left out, a chair's 逐项进行 or a script's 结束语 label. Each is chrome or a lead, and
the words after it open a sentence of their own, as after the lost line break they
would. Part of restore_lost_breaks (glued.py), the block stage's first pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.pieces import SENTENCE_END, has_han
from jianghua.parse.scan import rescanned
from jianghua.parse.spaced import cut_at

# The words STEP_BY_STEP and CLOSING_LABEL need, looked for in a line before either is.
_STEP_BY_STEP_WORDS = re.compile("逐项")
_CLOSING_WORDS = re.compile("结[ \u3000]*[束语語]")
_PAGE_WORD = re.compile("页")
_CREDIT_WORD = re.compile("摄")


def split_after_step_by_step(text: str, lines: list[Line]) -> None:
    """……三是……讲话。下面逐项进行，首先请……传达……。 — the chair moves into the agenda
    (STEP_BY_STEP) and hands over to its first step after a comma: the step starts a
    sentence of its own, as after 下面逐项进行。 it does."""
    _split_after(text, lines, _STEP_BY_STEP_WORDS, terminal_pattern("STEP_BY_STEP").search)


def split_after_closing_label(text: str, lines: list[Line]) -> None:
    """……大家欢迎。 结 束 语 同志们: 我市…… — a script's label for its closing run on
    into the words it labels (CLOSING_LABEL): they start a sentence of their own, as on
    the label's next line (closings.py)."""
    _split_after(text, lines, _CLOSING_WORDS, terminal_pattern("CLOSING_LABEL").match)


def _split_after(text: str, lines: list[Line], hint: re.Pattern[str],
                 find: Callable[[str, int, int], re.Match[str] | None], *,
                 first: bool = True, into_address: bool = False) -> None:
    """Cut each sentence where what ``find`` finds in it ends, words following; only in
    lines where ``hint`` finds something (most lines: one search), and not in a line's
    first sentence unless ``first``. What is found inside an address's words is cut
    there only ``into_address`` (the address read the words before it into itself)."""
    for line in lines:
        if hint.search(text, line.content_start, line.end) is None:
            continue
        pieces: list[Sentence] = [] if first else line.sentences[:1]
        for s in line.sentences[len(pieces):]:
            found = find(text, s.start, s.end) if s.cue in (None, "VOCATIVE") else None
            inside = found is not None and s.cue == "VOCATIVE" and (
                s.start < found.start() < s.cue_end)
            if found is None or found.end() >= s.end or (inside and not into_address):
                pieces.append(s)
                continue
            if s.cue == "VOCATIVE" and found.start() > s.start and not inside:
                # 同志们，下面逐项进行，首先请……: the address, then the words it found
                pieces.append(Sentence(s.start, s.cue_end, "VOCATIVE", s.cue_end, ""))
                pieces.append(Sentence(s.cue_end, found.end(), None, s.cue_end, ""))
            else:
                # What was found is no cue's (结 束 语 read as an address's first words).
                pieces.append(Sentence(s.start, found.end(), None, s.start, ""))
            pieces += rescanned(text, s, found.end())
        line.sentences = pieces


def split_after_site_address(text: str, lines: list[Line]) -> None:
    """A line that opens with a site's name and address glued to the page's words
    (……www.mishuzj.com在……上的讲话同志们：……) starts them afresh after it: no sentence of
    a speech holds a web address, and the title and address after it are read as any
    run-together start is (OUTLINE: titles in messy text)."""
    site = terminal_pattern("SITE_ADDRESS")
    for line in lines:
        if not line.sentences or text.find("www.", line.content_start,
                                           line.sentences[0].end) < 0:
            continue  # (most lines: one substring search, not the pattern's lazy scan)
        if found := site.match(text, line.content_start, line.sentences[0].end):
            first = line.sentences[0]
            chrome = Sentence(start=first.start, end=found.end(), cue=None,
                              cue_end=first.start, stop="")
            line.sentences[:1] = [chrome, *rescanned(text, first, found.end())]


def split_after_page_counter(text: str, lines: list[Line]) -> None:
    """……委员。第 1 页 共 2 页 5、通过有关决议。: a viewer's page counter left inside a
    run-together line (PAGE_COUNTER) is chrome, and the words after it start afresh, as
    after a line of its own they do. One glued before a line's first words is the front
    matter's to read (第1页共9页在……上的讲话, front.py)."""
    counter = terminal_pattern("PAGE_COUNTER").match

    def counter_before_words(text: str, start: int, end: int) -> re.Match[str] | None:
        found = counter(text, start, end)
        return found if found is not None and has_han(text, found.end(), end) else None

    _split_after(text, lines, _PAGE_WORD, counter_before_words, first=False)


def split_after_omission(text: str, lines: list[Line]) -> None:
    """……会议精神。………下面，请……汇报……。………下面，请……讲话。: a script run together
    keeps the dots that stood on a line of their own for each speech it leaves out
    (OMISSION), glued to the chair's next words; those start afresh, as on the dots' next
    line, and the dots say nothing (after a space, spaced.py cuts there too). After a
    sentence's stop — not after a label's colon: 目录/提纲：……一、…… is a table of
    contents cut short — or mid-sentence where the chair moves on to a hand-over after
    them (……欢迎某某讲话……下面请某某讲话。) or speaks to the meeting again (……宣读表彰决定
    ……各位委员、同志们，……圆满完成了各项议程……)."""
    omission = terminal_pattern("OMISSION")
    lead, handover = terminal_pattern("MOVE_ON_STEP").match, terminal_pattern("HANDOVER").search
    address = terminal_pattern("VOCATIVE").match
    for line in lines:
        if omission.search(text, line.content_start, line.end) is None:
            continue  # most lines
        pieces: list[Sentence] = []
        waiting = list(reversed(line.sentences))
        while waiting:
            s = waiting.pop()
            after_stop = bool(pieces) and text[s.start - 1] in SENTENCE_END
            dots = omission.match(text, s.start, s.end) if after_stop else None
            if dots is None and s.cue in (None, "AGENDA_STEP"):
                dots = next((found for found in omission.finditer(text, s.cue_end, s.end)
                             if found.start() > s.start and (
                                 (lead(text, found.end(), s.end)
                                  and handover(text, found.end(), s.end))
                                 or address(text, found.end(), s.end))), None)
            if dots is None:
                pieces.append(s)
                continue
            rest = rescanned(text, s, dots.end())
            if dots.start() > s.start:
                pieces.extend(cut_at(s, [Sentence(dots.start(), dots.end(), None,
                                                  dots.start(), ""), *rest])[:2])
            else:
                pieces.append(Sentence(s.start, dots.end(), None, s.start, ""))
            waiting.extend(reversed(rest))
        line.sentences = pieces


def split_after_photo_credit(text: str, lines: list[Line]) -> None:
    """……新华社记者 鞠鹏/摄同志们！……: a news copy run together glues the paragraph after
    a photo's caption to its credit (CREDIT_END); the words after the credit start
    afresh, as after the lost break they would — a re-address read whole, not from the
    caption's words (a glued marker is cut there too, glued.split_glued_markers)."""
    credit = terminal_pattern("CREDIT_END").search

    def credit_before_words(text: str, start: int, end: int) -> re.Match[str] | None:
        found = credit(text, start, end)
        return found if found is not None and has_han(text, found.end(), end) else None

    _split_after(text, lines, _CREDIT_WORD, credit_before_words, into_address=True)
