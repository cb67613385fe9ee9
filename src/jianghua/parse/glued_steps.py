"""Run-together lines of a chair's script: where the chair runs on from one step, remark
or opening into the next step, hand-over or agenda with no stop between them, start a
sentence where the speaker's paragraph would have.

Each pass cuts sentences, never lines; glued.py runs them among the block stage's first
pass (restore_lost_breaks), after the glued markers and titles are found.
"""

from __future__ import annotations

import itertools
import re

from jianghua.parse.glued_titles import cut_after_title
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import step_ordinal
from jianghua.parse.pieces import EXCLAIM_OR_COLON, SENTENCE_END
from jianghua.parse.spaced import NUMBERED_AFTER_GAP, cut_at, spaced_steps, step_paragraph

# A comma a chair's hand-over may follow inside his sentence, and how many hand-overs at
# sentence starts make the text a chair's script for that.
_CLAUSE_BREAK = re.compile("[，,][ \u3000]*")
# Before an agenda's announcement, the space of a lost paragraph break does as well
# (参加今天会议的有xxxx 会议共有3项议程——……).
_AGENDA_BREAK = re.compile("[，,][ \u3000]*|(?<=[^ \u3000，,])[ \u3000]+")
_MIN_HANDOVERS = 2
# Words a WELCOME_HANDOVER holds one of.
_WELCOME_WORDS = ("有请", "掌声")
# How a sentence starts where the chair asks from its first word.
_ASKING = ("请", "有请", "让我们")


def split_glued_agenda(text: str, lines: list[Line]) -> None:
    """……圆满地完成了各项任务，今天，我们在这里举行闭幕式，今天的闭幕式主要有四项议程，第一，
    …… — the chair runs on from his opening into the agenda's announcement after a comma
    (or a space), in a sentence longer than AGENDA_DECL's lead-in reaches, or in the
    sentence his address opens: the clause that declares it starts a sentence of its own,
    as a paragraph break would have."""
    declares = terminal_pattern("AGENDA_DECL").match
    for line in lines:
        if text.find("议程", line.content_start, line.end) < 0:
            continue  # most lines
        pieces: list[Sentence] = []
        for s in line.sentences:
            # After the address that opens its sentence too (各位委员、同志们:现在举行……
            # 闭幕大会,共有5项议程:1、……, a script run together): the words after it.
            words = s.cue_end if s.cue == "VOCATIVE" else s.start
            cut = None if s.cue not in (None, "VOCATIVE") or (
                text.find("议程", words, s.end) < 0) else next(
                (found.end() for found in _AGENDA_BREAK.finditer(text, words, s.end)
                 if declares(text, found.end(), s.end)), None)
            if cut is None:
                pieces.append(s)
                continue
            pieces += cut_after_title(text, s, cut)
        line.sentences = pieces


# A step's words a chair runs on into, with no stop before them (……请县长讲话接下来进行
# 第三项……): the lead word or the meeting named before its verb (STEP_VERB), if any, is
# where it starts.
_LEAD_REACH = 4


def split_glued_steps(text: str, lines: list[Line], spaced_numbers: frozenset[int]) -> None:
    """Where a chair's steps run on one after another with no stop between them
    (请同志致开幕词下面进行会议第二项，请……献词进行会议第三项，……), start a sentence at
    each: the issue's run-together example, outlined as the chair paragraphed it. Only
    in a script that already holds a numbered step (AGENDA_STEP) at a sentence start;
    there, a step the chair runs on into after a recap (刚才大家听取了……报告，现在进行
    第二项议程，……) starts where 现在 does, on any line (OUTLINE: even mid-sentence)."""
    step = terminal_pattern("AGENDA_STEP")
    verb = terminal_pattern("STEP_VERB").search
    leads = (terminal_pattern("STEP_LEAD"), terminal_pattern("STEP_SUBJECT"))
    if not any(s.cue == "AGENDA_STEP" for line in lines for s in line.sentences):
        return
    last = 0  # the ordinal of the last numbered step so far
    for line in lines:
        spaced = line.number in spaced_numbers
        if verb(text, line.content_start, line.end) is None and not spaced and (
                NUMBERED_AFTER_GAP.search(text, line.content_start, line.end) is None) and (
                text.find("第", line.content_start, line.end) < 0):
            continue  # most lines: no slice of the line made to ask
        pieces: list[Sentence] = []
        for s in line.sentences:
            if s.cue == "AGENDA_STEP":
                last = step_ordinal(text, s) or last
            cuts = spaced_steps(text, s, numbered_only=not spaced)
            found_verb = verb(text, s.cue_end + 1, s.end)
            while found_verb is not None:
                start = _lead_start(text, s, found_verb.start(), leads)
                after_stop = text[start - 1] in SENTENCE_END + EXCLAIM_OR_COLON
                found = None if after_stop else step.match(text, start, s.end)
                if found is not None and all(cut.start != start for cut in cuts):
                    cuts.append(Sentence(start, s.end, "AGENDA_STEP", found.end(), s.stop))
                found_verb = verb(text, found_verb.end(), s.end)
            last = max([last, *(step_ordinal(text, cut) or 0 for cut in cuts
                                if cut.cue == "AGENDA_STEP")])
            if (next_step := _next_step_glued(text, s, last, leads)) is not None and not any(
                    cut.start <= next_step.start < cut.cue_end for cut in cuts):
                cuts.append(next_step)
                last += 1
            cuts.sort(key=lambda cut: cut.start)
            cuts.extend(_recap_after_last_step(text, s, cuts))
            pieces.extend(cut_at(s, cuts))
        line.sentences = [*itertools.chain.from_iterable(
            step_paragraph(text, piece) for piece in pieces)] if spaced else pieces


def _next_step_glued(text: str, s: Sentence, last: int,
                     leads: tuple[re.Pattern[str], ...]) -> Sentence | None:
    """The step numbered next after step ``last`` glued inside ``s`` with no verb and no
    stop before it (……（签订顺序为：……镇）第四项：请……讲话。): the chair's series goes on
    where its next number stands, as a glued heading's does (OUTLINE: run-together text),
    from the ``leads`` just before it (会议第二项)."""
    if not last:
        return None
    step = terminal_pattern("AGENDA_STEP")
    at = text.find("第", s.cue_end + 1, s.end)
    while at >= 0:
        start = _lead_start(text, s, at, leads)
        found = step.match(text, start, s.end)
        if found is not None and start > s.start and (
                text[start - 1] not in SENTENCE_END + EXCLAIM_OR_COLON):
            glued = Sentence(start, s.end, "AGENDA_STEP", found.end(), s.stop)
            if step_ordinal(text, glued) == last + 1:
                return glued
        at = text.find("第", at + 1, s.end)
    return None


def _recap_after_last_step(text: str, s: Sentence, cuts: list[Sentence]) -> list[Sentence]:
    """……进行会议第七项，请旗委书记作重要讲话刚才，书记强调了……: the chair's recap
    glued to the last of the steps run on in ``s`` (cut where ``cuts`` start) starts a
    sentence of its own, so the step's text ends with its act (RECAP_AFTER_STEP)."""
    last = cuts[-1] if cuts else s
    if last.cue != "AGENDA_STEP":
        return []
    recap = terminal_pattern("RECAP_AFTER_STEP").search(text, last.cue_end, s.end)
    return [Sentence(recap.start(), s.end, None, recap.start(), s.stop)] if recap else []


def _lead_start(text: str, s: Sentence, at: int, leads: tuple[re.Pattern[str], ...]) -> int:
    """Where the step whose verb is at ``at`` starts: at the lead words just before it,
    a subject (大会) and a lead before that (……同志讲话下面大会进行第一项：), or at ``at``."""
    start = at
    for _ in range(2):
        lead_end = start - 1 if text[start - 1] in "，," else start  # 下面，进行……
        for back in range(_LEAD_REACH, 1, -1):  # 接下来 / 下面 / 仪式 just before
            if lead_end - back > s.cue_end and any(
                    lead.fullmatch(text, lead_end - back, lead_end) for lead in leads):
                start = lead_end - back
                break
        else:
            break
    return start


def split_glued_handovers(text: str, lines: list[Line]) -> None:
    """Where the chair runs on from a remark into a hand-over after a comma (今天是个喜庆
    的日子，……，下面请xxx宣读……决定。), start a sentence at the lead word: the step starts
    there (OUTLINE: an item's text starts where the step starts, even mid-sentence). Only
    in a script whose chair already hands over at sentence starts, twice or more."""
    lead = terminal_pattern("STEP_LEAD")
    move_on = terminal_pattern("MOVE_ON")
    handover = terminal_pattern("HANDOVER").match
    performs = (terminal_pattern("HANDOVER").search, terminal_pattern("CEREMONY").search)
    openers = (s for line in lines for s in line.sentences
               if s.cue in (None, "SEQUENCE_MARKER") and (
                   lead.match(text, s.start, s.end) or handover(text, s.start, s.end))
               and any(found(text, s.start, s.end) for found in performs))
    found = list(itertools.islice(openers, _MIN_HANDOVERS))
    if not found or (len(found) < _MIN_HANDOVERS and terminal_pattern("SCRIPT_TITLE").search(
            text, 0, found[0].start) is None):
        # Not a chair's script (the rest of the text is not looked at): one titled so
        # (抗旱捐款主持稿) may hand over at a sentence start only once.
        return
    welcome = terminal_pattern("WELCOME_HANDOVER").match
    chair_acts = terminal_pattern("CHAIR_ACTION").match  # ……报告，接下来是对……进行测评
    for line in lines:
        if move_on.search(text, line.content_start, line.end) is None and all(
                text.find(word, line.content_start, line.end) < 0 for word in _WELCOME_WORDS):
            continue  # most lines: no lead word, no one asked up or applauded at all
        last = line.sentences[-1] if line.sentences else None
        pieces: list[Sentence] = []
        for s in line.sentences:
            cuts = [Sentence(found.end(), s.end, None, found.end(), s.stop)
                    for found in _CLAUSE_BREAK.finditer(text, s.cue_end + 1, s.end)
                    if ((moved := move_on.match(text, found.end(), s.end)) and (handover(
                        text, moved.end(), s.end) or chair_acts(text, found.end(), s.end)))
                    or (s is last and _ends_welcoming(
                            text, s, welcome(text, found.end(), s.end)))
                    ] if s.cue is None else []
            pieces.extend(cut_at(s, cuts) if cuts else [s])
        line.sentences = pieces


def _ends_welcoming(text: str, s: Sentence, found: re.Match[str] | None) -> bool:
    """……亲临我们开幕式，让我们以热烈的掌声欢迎副市长讲话。: the paragraph that introduces
    the speaker ends handing him the floor, in its last clause (WELCOME_HANDOVER) — not
    where the chair asks in the clause before (……，请听……决心，有请……发言。: one step) or
    moves on to it with a lead word (下面，让我们……)."""
    if found is None or _CLAUSE_BREAK.search(text, found.end(), s.end) is not None:
        return False
    gaps = list(_CLAUSE_BREAK.finditer(text, s.start, found.start()))
    before = gaps[-2].end() if len(gaps) > 1 else s.start
    # 下面，让我们以热烈的掌声欢迎……: the sentence is the hand-over from its lead word
    return not text.startswith(_ASKING, before) and terminal_pattern("STEP_LEAD").fullmatch(
        text, before, gaps[-1].start()) is None
