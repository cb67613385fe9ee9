"""Agenda steps that carry no number: where a chair hands the floor on.

A chair's script need not number its steps (OUTLINE: "A step need not be numbered"):
``接下来，有请校长致辞``, ``下面，请……发言``, a ceremony item (``全体起立，奏国歌``).
Such a paragraph is a step only in a script
whose steps are all unnumbered, or where the numbering implies it (a first numbered
step 第三项 after two hand-overs) — otherwise, where numbered steps exist, unnumbered
hand-overs outside them are preliminaries or sub-steps (gold NOTES: "Unnumbered host
steps") — and only in what reads as a chair's script: one titled 主持词, one that announces an
agenda, or one that hands over more than once. The patterns are the grammar's
``STEP_LEAD`` and ``HANDOVER`` terminals.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise

from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import STYLE_OF_TERMINAL, declared_count, step_ordinal
from jianghua.parse.scan import sentence_ending
from jianghua.parse.screens import first_chars

# A script read by hosts in turn tags this many of its lines at least (甲：…… 乙：……).
_MIN_TAGGED_LINES = 2
# A host's lead-in before a hand-over in the same paragraph is this short.
_MAX_LEAD_IN_CHARS = 24


Step = tuple[Line, Sentence]  # a step's line and the sentence that opens it
# A short clause that opens a sentence, up to its comma (经过二十分钟的角逐，).
_LEAD_IN_CLAUSE = re.compile(f"[^，,。！？；：:!?;\r\n]{{1,{_MAX_LEAD_IN_CHARS}}}[，,][ \u3000]*")


def lead_in_comma(text: str, start: int, end: int) -> int | None:
    """Where the words after a short clause opening the sentence at ``start`` begin."""
    found = _LEAD_IN_CLAUSE.match(text, start, end)
    return found.end() if found is not None else None


def handover_steps(text: str, lines: list[Line], front_end: int, cues: set[str | None],
                   flattened: Callable[[Line], bool], parts: set[int],
                   numbered_at: dict[int, int] | None = None) -> list[Step]:
    """The sentences (after the front matter) that open an unnumbered step, with their
    lines: a line's first sentence — or any sentence of a ``flattened`` line, a script
    run together into one line (下面,首先请……宣读……;下面,请……讲话。, issue's run-together
    example). ``cues``: every cue the text holds; ``parts``: the lines that open the
    parts of a chair's script, each of which numbers its steps afresh;
    ``numbered_at``: steps numbered as headings are (一、运动员入场式), on lines of their
    own or run together, sentence start → ordinal."""
    lead = terminal_pattern("STEP_LEAD")
    handover = terminal_pattern("HANDOVER")
    ceremony = terminal_pattern("CEREMONY")
    host_label = terminal_pattern("HOST_LABEL")
    several = terminal_pattern("IN_TURN")
    numbered_step = terminal_pattern("AGENDA_STEP").search
    host_tag = terminal_pattern("SPEAKER_TAG").fullmatch
    step_by_step = terminal_pattern("STEP_BY_STEP").fullmatch
    # The chair's own steps (下面由……作报告 / 现在宣布计票结果 / 下面开始选举) only in a
    # chair's script, and only where he numbers none: between numbered steps they are
    # what a step holds (大会第二项 …… 下面我们进行表决；).
    scripted = is_chair_script(text, lines, front_end, cues) or _read_by_hosts(lines)
    chair_action = (terminal_pattern("CHAIR_ACTION").match
                    if scripted and "AGENDA_STEP" not in cues and not numbered_at else None)

    last_request = terminal_pattern("LAST_REQUEST").match
    # The characters a step's sentence can start with, read off the grammar.
    can_open = first_chars("STEP_LEAD", "HANDOVER", "CEREMONY")

    def hands_over(start: int, end: int) -> bool:
        if text[start] not in can_open:
            # 经过二十分钟的角逐，让我们一起来欣赏……: a short clause before the hand-over,
            # or before a ceremony item (正式比赛开始前，请全体起立，唱国歌。)
            comma = lead_in_comma(text, start, end)
            return comma is not None and (handover.match(text, comma, end) is not None
                                          or ceremony.match(text, comma, end) is not None)
        return ((lead.match(text, start, end) is not None
                 or handover.match(text, start, end) is not None
                 or ceremony.match(text, start, end) is not None) and (
            handover.search(text, start, end) is not None
            or ceremony.search(text, start, end) is not None)) or (
            chair_action is not None and chair_action(text, start, end) is not None) or (
            scripted and last_request(text, start, end) is not None)

    def moves_on(start: int, end: int) -> bool:
        # Within a paragraph the chair moves to the next step with a lead word (下面，
        # 接下来，) or a ceremony; a bare 请……上台领奖 after a step is that step's
        # sub-step (OUTLINE: "sub-steps inside one item … are not listed again").
        return lead.match(text, start, end) is not None or (
            ceremony.match(text, start, end) is not None) or (
            # after the space of a lost paragraph break (paragraphs joined with spaces)
            start > 0 and text[start - 1] in " \u3000")

    def moves_on_after_step(s: Sentence) -> bool:
        # After a step in its paragraph, a hand-over moves on to the next with a lead
        # word (……宣读……。 下面，请……讲话。): 首先 opens the step's own sub-steps
        # (下面进入抽奖环节！……首先抽取三等奖，有请……).
        found = lead.match(text, s.start, s.end)
        return found is not None and found.group() != "首先"

    steps: list[Step] = []
    in_turn = False  # the last step gave the floor to several, one after another
    for line in lines:
        if line.is_blank or line.number <= front_end:
            continue
        # A stage direction before it (（发言毕）下面，请……) is a sentence of its own, and so
        # is the host's label 主持人：下面，有请…… (a two-host tag, 男：, is read past
        # already: speakers.py).
        head = line.sentences[0]
        opens = 1 if len(line.sentences) > 1 and (head.cue == "DIRECTION" or host_label.fullmatch(
            text, head.start, head.end) is not None) else 0
        first = line.sentences[opens]
        stepped = first.cue in (None, "SEQUENCE_MARKER") and hands_over(first.start, line.end)
        if stepped and in_turn and lead.match(text, first.start, line.end) is None:
            # 下面，请各位副市长发言。 / 请赵XX副市长发言…… / 请钱XX副市长发言……: each
            # speaker of a step given to several in turn is its sub-step (OUTLINE: "sub-
            # steps inside one item … are not listed again"), until the chair moves on.
            continue
        if stepped:
            steps.append((line, first))
        if stepped or any(t.cue != "DIRECTION" for t in line.sentences):
            # (an award the leaders present, 请各位领导为……颁发证书, gives no one the floor)
            gives_several = several.search(text, first.start, first.end) is not None and (
                handover.search(text, first.start, first.end) is not None)
            # 下面进行典型发言：首先请……；: the act named, its speakers after the colon —
            # at the line's end or handed the floor there, not a label's value in the
            # step's own sentence (请欣赏……，演出单位：市……小学。, a gala's programme item)
            after = line.sentences[opens + 1] if len(line.sentences) > opens + 1 else None
            announces = sentence_ending(text[first.start:first.end]) in "：:" and (
                after is None or hands_over(after.start, after.end))
            in_turn = stepped and (gives_several or announces)
        # Steps one after another inside a line (……下面,首先请……宣读……;下面,请……
        # 讲话。): each hand-over sentence, up to the first numbered item of the line —
        # after one, a hand-over is that item's sub-step (corpus 130: 一、审议……。请工作
        # 人员宣读……; 现在进行第二项议程：颁奖。), and so where the line opens with one.
        inside: list[Step] = []
        before = line.sentences[opens]
        numbered = before.cue == "AGENDA_STEP" or (
            before.cue in STYLE_OF_TERMINAL and before.cue != "SEQUENCE_MARKER")
        previewed = False  # in the items an agenda's count lists after it
        # Run together, a numbered step is no paragraph's end: after the last one of the
        # line, the chair's hand-over that moves on with a lead word (……第一项议程：升
        # 国旗。……下面，让我们以热烈的掌声欢迎张校长讲话。) is the next step, as on a
        # line of its own; before it, what the steps between hold is theirs, and so is
        # an act the step names (……表彰……并颁奖。……下面为……进行颁奖。), no floor given.
        numbered_steps = [t.start for t in line.sentences if t.cue == "AGENDA_STEP"]
        # (flattened asked only of a line with a numbered step: few are)
        last_numbered = numbered_steps[-1] if numbered_steps and flattened(line) else -1
        after_numbered = False
        for s in line.sentences[opens + 1:] if not numbered else ():
            numbers_it = s.cue in STYLE_OF_TERMINAL and s.cue != "SEQUENCE_MARKER"
            previewed = (previewed or before.cue == "AGENDA_DECL") and numbers_it and (
                numbered_step(text, s.start, s.end) is None)
            if previewed:
                # 会议共有三项议程：一是检讨发言；二是通报情况；三是领导讲话。首先，请……:
                # the count's items, run on after it: a preview, no step's number (but
                # one that runs on into a step, ……讲话下面，进行会议第一项……, ends them)
                before = s
                continue
            if s.cue == "AGENDA_STEP" and s.start == last_numbered:
                after_numbered = True
                before = s
                continue
            if s.cue == "AGENDA_STEP" or numbers_it:
                break
            # A host's tag before it (……。男：请欣赏……) is where a host's line began, in a
            # script for two run together.
            tagged = host_tag(text, before.start, before.end) is not None
            if s.cue in (None, "SEQUENCE_MARKER") and hands_over(s.start, s.end) and (
                    not (inside or stepped) or tagged or moves_on(s.start, s.end)) and (
                    not after_numbered or (moves_on_after_step(s) and handover.search(
                        text, s.start, s.end) is not None)):
                # 接下来，我们将颁发……证书。请各班代表依次上台领取。: the chair moved on
                # in the sentence before; the step starts there (OUTLINE: an item's text
                # starts where the step starts).
                moved_on = before.cue is None and lead.match(text, s.start, s.end) is None and (
                    moves_on_after_step(before)) and not (inside and inside[-1][1] is before)
                inside.append((line, before if moved_on else s))
            before = s
        if len(inside) >= 2 or (inside and flattened(line)) or (
                len(inside) == 1 and stepped and moves_on_after_step(inside[0][1])) or (
                len(inside) == 1 and not stepped and (
                    inside[0][1].start - line.content_start <= _MAX_LEAD_IN_CHARS
                    or _ends_paragraph(text, line, inside[0][1])
                    or lead.match(text, inside[0][1].start, inside[0][1].end) is not None)):
            # …… or one hand-over after a short lead-in (诗言志，歌咏怀。请欣赏第二个
            # 节目……), one that ends the host's paragraph however long its lead-in
            # (感谢……！青春是一团火……。请欣赏……《……》。), or one the chair moves on to
            # with a lead word (……情况清楚。接下来，请各位企业家畅所欲言，……).
            steps += inside
        elif numbered:
            # ……三是……讲话。下面逐项进行，首先请……: after a preview of the items the chair
            # moves into them, and his next hand-over is the first step.
            steps += [(line, s) for before, s in pairwise(line.sentences)
                      if s.cue is None and step_by_step(text, before.start, before.end)
                      and hands_over(s.start, s.end)]
    if parts:
        return [step for part in _split_at(lines, parts) for step in _implied_by_numbers(
            text, part, [s for s in steps if part[0].number <= s[0].number <= part[-1].number],
            unnumbered_are_steps=True)]
    if "AGENDA_STEP" in cues or numbered_at:
        return _implied_by_numbers(text, lines, steps, numbered_at=numbered_at or {})
    if "AGENDA_DECL" in cues:
        # The agenda starts where the chair announces it: a formality before that (……现在
        #我宣布开幕。请全体起立，奏国歌。本次大会共有以下几项议程：) belongs to the opening,
        # as a hand-over before the announcement does where the steps are numbered.
        announced_at = next(s.start for line in lines for s in line.sentences
                            if s.cue == "AGENDA_DECL")
        steps = [step for step in steps if step[1].start > announced_at]
    if len(steps) >= 2:
        return steps
    # One hand-over is a step where the text is a chair's script, or read by hosts, or
    # where a stage direction after it marks the act it gives the floor for.
    return steps if scripted or any(
        _acted_out(lines, step) for step in steps) else []


def _acted_out(lines: list[Line], step: Step) -> bool:
    """Whether a stage direction follows the hand-over in its paragraph or opens the next
    (接下来，有请校长讲话。…… then （校长讲话）, or ……讲话。（掌声）): the script marks
    where the act it gives the floor for takes place, as only a chair's script does."""
    line, sentence = step
    if any(s.cue == "DIRECTION" for s in line.sentences[line.sentences.index(sentence) + 1:]):
        return True
    following = next((later for later in lines[line.number:] if not later.is_blank), None)
    return following is not None and following.sentences[0].cue == "DIRECTION"


def _ends_paragraph(text: str, line: Line, step: Sentence) -> bool:
    """Whether ``step`` is its line's last sentence but for stage directions and calls
    for applause after it (……请欣赏……。（掌声） / ……请欣赏……歌曲。掌声欢迎！)."""
    after = line.sentences[line.sentences.index(step) + 1:]
    applause = terminal_pattern("APPLAUSE").fullmatch
    return all(s.cue == "DIRECTION" or applause(text, s.start, s.end) is not None
               for s in after)


def _split_at(lines: list[Line], parts: set[int]) -> list[list[Line]]:
    """``lines`` cut where each part starts (the lines before the first part too)."""
    pieces: list[list[Line]] = [[]]
    for line in lines:
        if line.number in parts and pieces[-1]:
            pieces.append([])
        pieces[-1].append(line)
    return [piece for piece in pieces if piece]


def _implied_by_numbers(text: str, lines: list[Line], handovers: list[Step], *,
                        unnumbered_are_steps: bool = False,
                        numbered_at: dict[int, int] | None = None) -> list[Step]:
    """Where steps are numbered, the unnumbered hand-overs the numbering implies: a
    script whose first numbered step is 第三项 has had two steps before it (首先，请全体
    起立，奏国歌。接下来，请……作报告。下面进行第三项，……). That many hand-overs
    between the agenda's announcement and that step, or fewer (an item done without
    one: 递交目标责任状), are those steps; more say they are preliminaries or sub-steps
    (gold NOTES: "Unnumbered host steps")."""
    announced_at = -1
    declared: int | None = None
    numbered: list[tuple[Sentence, int | None]] = []  # each numbered step, its ordinal
    for line in lines:
        for index, s in enumerate(line.sentences):
            if s.cue == "AGENDA_DECL" and not numbered:
                if announced_at < 0:
                    announced_at = s.start
                declared = declared or declared_count(text[s.start:s.cue_end])[1]
            elif s.cue == "AGENDA_STEP":
                numbered.append((_with_its_name(text, line, index),
                                 step_ordinal(text, s, declared)))
            elif numbered_at and s.start in numbered_at:
                numbered.append((s, numbered_at[s.start]))
    if not numbered:
        # A part of a chair's script that numbers none of its steps: all of them are.
        return handovers if unnumbered_are_steps else []
    (first_step, first), (last_step, last) = numbered[0], numbered[-1]
    first_at, last_at = first_step.start, last_step.start
    before = [h for h in handovers if announced_at < h[1].start < first_at]
    steps = before if first is not None and (
        len(before) <= first - 1 or _counts_segments(text, first_step)) else []
    # After the last numbered step, as many as the declared count still wants (会议
    # 共有三项议程 … 第二项 … 下面，请……讲话): any other number, and they are sub-steps.
    after = [h for h in handovers if h[1].start > last_at]
    if declared is not None and last is not None and after and len(after) == declared - last:
        # (unless they are more speakers of the step's own speech: 第一项议程：委员大会发言
        # …… 下面请……发言；, however many steps the count still wants)
        if not _speakers_of(text, last_step, after):
            steps += after
    elif declared is None and (speeches := _speeches_after_acts(text, numbered, after)):
        # 一、宣奖 二、颁奖 …… 下面，请学校校长致闭幕词。: no speech is an award's or a
        # ceremony's sub-step; the chair has moved on to the next step.
        steps += speeches
    elif declared is None or last is None or declared > last:
        # 最后，请……作重要讲话 opening its paragraph: the chair names it the last step,
        # numbered or not (a sub-step is called within its step, never 最后 of the agenda).
        steps += [h for h in after if h[1] is h[0].sentences[0]
                  and text.startswith("最后", h[1].start)][-1:]
    return steps


def _counts_segments(text: str, step: Sentence) -> bool:
    """Whether numbered ``step`` counts the programme's segments (进入今天的第一个环节——
    文艺表演), not its steps: a segment holds several, and the hand-overs before the first
    (接下来，有请校长致辞。) are steps outside the programme's segments, not a preface."""
    return terminal_pattern("SEGMENT_WORD").search(text, step.start, step.cue_end) is not None


def _with_its_name(text: str, line: Line, index: int) -> Sentence:
    """The numbered step opening sentence ``index`` of ``line``, with the name its colon
    introduces (下面进行会议第一项议程：委员大会发言……), the next sentence of its line:
    what the step is, to compare acts by."""
    step = line.sentences[index]
    if sentence_ending(text[step.start:step.end]) not in "：:" or index + 1 == len(line.sentences):
        return step
    return replace(step, end=line.sentences[index + 1].end)


def _speakers_of(text: str, step: Sentence, after: list[Step]) -> bool:
    """Whether every hand-over in ``after`` gives the floor for the speech the numbered
    ``step`` names (委员大会发言, then 下面请……发言；): its speakers, its sub-steps."""
    speech = terminal_pattern("FLOOR_FOR_SPEECH").search
    named = speech(text, step.start, step.end)
    return named is not None and all(
        (found := speech(text, h.start, h.end)) is not None and found.group() == named.group()
        for _, h in after)


def _speeches_after_acts(text: str, numbered: list[tuple[Sentence, int | None]],
                         after: list[Step]) -> list[Step]:
    """The hand-overs in ``after`` (the last numbered step's) that the chair moves on to
    with a lead word (下面，接下来，) to give the floor for a speech, where no numbered step
    gave the floor for one: they are steps of their own, however many there are. Where a
    numbered step was a speech (第一项议程：委员大会发言), further speakers are its own."""
    speech = terminal_pattern("FLOOR_FOR_SPEECH").search
    if any(speech(text, s.start, s.end) for s, _ in numbered):
        return []
    move_on = terminal_pattern("MOVE_ON").match
    return [h for h in after if move_on(text, h[1].start, h[1].end)
            and speech(text, h[1].start, h[1].end)]


def is_chair_script(text: str, lines: list[Line], front_end: int,
                    cues: set[str | None]) -> bool:
    """Whether the text reads as a chair's script: titled 主持词, or announcing or
    carrying out an agenda (``cues``: every cue the text holds)."""
    return bool(cues & {"AGENDA_DECL", "AGENDA_STEP"}) or titled_as_script(
        text, lines, front_end)


def _read_by_hosts(lines: list[Line]) -> bool:
    """Whether lines open with hosts' tags (甲：…… 乙：……), which the block stage reads
    past (speakers.py): a script for hosts, whose hand-overs are its steps."""
    return sum(line.tagged for line in lines) >= _MIN_TAGGED_LINES


def titled_as_script(text: str, lines: list[Line], front_end: int) -> bool:
    """Whether the text's title names a chair's script (……主持词, ……仪式议程): a front
    line's, or the first line's after them, where a title may be glued to the speech."""
    title = terminal_pattern("SCRIPT_TITLE").search
    first = next((line for line in lines[front_end:] if not line.is_blank), None)
    return any(title(text, line.content_start, line.end)
               for line in [*lines[:front_end], *([first] if first else [])])
