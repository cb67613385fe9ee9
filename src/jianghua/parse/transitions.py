"""Where a sentence hands over from the opening to the body ([过渡]) without the
grammar's TRANSITION cue at its start, and where a TRANSITION is not one: after an
address (同学们，……提几点希望：), in the salutation's own sentence (各位代表:现在,我代表
……向大会报告工作), a colon lead-in right before the first heading, a second hand-over
that says 再 (OUTLINE rule 7), none inside a part of a run-together speech. Part of
the block stage (blocks.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import STYLE_OF_TERMINAL, declared_count, step_ordinal
from jianghua.parse.pieces import SENTENCE_END, SPACES, Split, words_after_address

if TYPE_CHECKING:
    from jianghua.parse.edges import SpeechFacts


# How many lines on the chair may carry out an item a numbered line previews.
_PREVIEW_REACH = 16


class Transitions:
    """The block builder's reading of hand-overs that the cue alone does not decide."""

    text: str
    facts: SpeechFacts
    in_opening: bool
    agenda_seen: bool
    first_part: dict[int, int]
    closed: bool
    handed_over: bool
    reasons: dict[int, str]
    # The line last asked about, and the index of its last marker sentence (-1: none).
    _last_marker: tuple[Line | None, int] = (None, -1)

    def split_after_vocative(self, line: Line, s: Sentence, index: int,
                             splits: list[Split]) -> bool:
        """What follows a salutation in its sentence is body text, the closing, or the
        transition (各位代表:现在,我代表市人民政府,向大会报告工作, when the line was run
        together: corpora 079, 217 joined). True for a transition."""
        rest = self.text[s.cue_end:s.end]
        if not rest.strip(SPACES):
            return False
        rest_start = words_after_address(self.text, s)
        closings = self.facts.closing_starts
        closing_at = s.cue_end if s.cue_end in closings else rest_start
        if closing_at in closings:
            self.closed = True
            self.reasons[closing_at] = closings[closing_at]
            splits.append((closing_at, index, "closing"))
            return False
        # A report's formula hands over whether or not the copy kept the headings
        # (opens_a_report); another transition only where points follow.
        if terminal_pattern("TRANSITION").match(self.text, rest_start, s.end) and (
                self.points_follow(line, index, s) or terminal_pattern(
                    "REPORT_FORMULA").search(self.text, rest_start, s.end) is not None):
            splits.append((s.cue_end, index, "transition"))
            self.reasons[s.cue_end] = "TRANSITION right after the salutation, points follow"
            self.handed_over = True
            if index + 1 < len(line.sentences):
                splits.append((s.end, index + 1, "paragraph"))
            return True
        splits.append((s.cue_end, index, "paragraph"))
        return False

    def headings_follow(self, line: Line, index: int) -> bool:
        """Whether a marker follows sentence ``index``: on a later line, or later on its
        own (a run-together line). A transition announces points, so they must follow."""
        if self.facts.markers_follow(line):
            return True
        if self._last_marker[0] is not line:
            last = max((i for i, t in enumerate(line.sentences) if t.cue in STYLE_OF_TERMINAL),
                       default=-1)
            self._last_marker = (line, last)
        return self._last_marker[1] > index

    def points_follow(self, line: Line, index: int, s: Sentence) -> bool:
        """Whether points follow sentence ``index``, so a lead-in there may announce them:
        a marker after it, words after it in a run-together line, or the copy's end
        (a viewer's notice that it hides the rest, HIDDEN_TEXT). After a chair's
        agenda began, a count must say they would have where a copy was cut short
        (……我代表组委会提出以下要求： among the steps announces rules, not points)."""
        return self.headings_follow(line, index) or (
            index + 1 < len(line.sentences) and (
                not self.agenda_seen
                or declared_count(self.text[s.start:s.end])[1] is not None)) or (
            # 我讲三句话，与大家共勉： then 此处隐藏5120个字, or the copy's end: the points
            # are in what the copy hides or lost.
            s.cue == "TRANSITION" and index + 1 == len(line.sentences)
            and (self.facts.copy_stops_after(line)
                 or declared_count(self.text[s.start:s.end])[0]))

    def opens_a_report(self, s: Sentence) -> bool:
        """The opening of a report (我受……委托，向大家做工作报告。) is its [过渡] (OUTLINE)
        whether or not the copy kept the headings after it."""
        return s.cue == "TRANSITION" and terminal_pattern("REPORT_FORMULA").search(
            self.text, s.start, s.end) is not None

    def previews_a_step(self, line: Line, index: int, s: Sentence) -> bool:
        """议程有五项：第一项，……；第二项，……。 then 会议进行第一项议程。: an item named
        in the announcement's paragraph, before the chair carries it out (进行), previews
        it; it is part of the [议程] (gold NOTES: a preview is not tagged again)."""
        text = self.text
        carries_out = terminal_pattern("STEP_VERB").search
        if carries_out(text, s.start, s.cue_end):
            return False  # 进行第一项: the step itself
        own = step_ordinal(text, s)
        if self.facts.steps_follow(line):
            # Unless it is the one step named there, and no later step comes back to it
            # (……共两项议程。第一项议程：捐资助学仪式。 then 请同志们到前面捐款。 and 第二项
            # 议程，……): that is the first step carried out.
            return own is None or any(t.cue == "AGENDA_STEP" and t is not s
                                      for t in line.sentences) or self._comes_back_to(line, own)
        # Run together: the chair goes back to carry out this item or an earlier one (not
        # 下面进行：第一项：奏国歌。第二项：…… performed one after another, corpus 106).
        if own is None:
            return False
        carried_out = (step_ordinal(text, t) for t in line.sentences[index + 1:]
                       if t.cue == "AGENDA_STEP" and carries_out(text, t.start, t.cue_end))
        return any(later is not None and later <= own for later in carried_out)

    def _comes_back_to(self, line: Line, ordinal: int) -> bool:
        """Whether a later line's numbered step is this one or an earlier one."""
        return any(t.cue == "AGENDA_STEP" and (found := step_ordinal(self.text, t)) is not None
                   and found <= ordinal
                   for later in self.facts.lines[line.number:] for t in later.sentences)

    def previews_a_later_step(self, line: Line, s: Sentence) -> bool:
        """今天的颁奖主要有三项议程： / 第一项：领导宣布比赛结果。 / …… then 首先进行第一项
        议程：……: numbered lines under the announcement that the chair carries out again
        later, from the same number or an earlier one, preview the agenda (OUTLINE: where
        the steps are there, only they are listed)."""
        text = self.text
        carries_out = terminal_pattern("STEP_VERB").search
        own = step_ordinal(text, s)
        if own is None or carries_out(text, s.start, s.cue_end):
            return False
        lines = self.facts.lines
        for later in lines[line.number:line.number + _PREVIEW_REACH]:
            for t in later.sentences:
                if t.cue == "AGENDA_STEP" and carries_out(text, t.start, t.cue_end):
                    performed = step_ordinal(text, t)
                    return performed is not None and performed <= own
        return False

    def reads_the_rules(self, s: Sentence) -> bool:
        """Whether the chair reads out the meeting's rules in ``s`` (下面我宣布大会纪律： /
        在开会之前，强调几点纪律：): a formality of his script, no [过渡] to the body."""
        return self.facts.chair_script and terminal_pattern("RULES_READ").search(
            self.text, s.start, s.end) is not None

    def is_second_transition(self, line: Line, index: int, s: Sentence) -> bool:
        """A hand-over after the body began that says it adds points (接下来，我再强调
        四点意见：): a second [过渡] that closes every open heading (OUTLINE rule 7)."""
        if self.in_opening and not self.part_open_in_line(line, index):
            return False
        if index and line.sentences[index - 1].cue == "CLOSING":
            # 党课部分我就讲到这里。下面我代表局党组就……提几点要求。: the speaker has
            # closed what he said so far; the hand-over opens what he adds.
            return True
        # It opens its paragraph, or ends it right before the points (……营商环境就是生产
        # 力。在抓好上述工作的同时，我再强调两点：), or the paragraphs were run together.
        return (s is line.sentences[0] or s is line.sentences[-1]
                or self.facts.is_flattened(line)) and (
            terminal_pattern("AGAIN").search(self.text, s.start, s.end) is not None)

    def hands_over_later_in_line(self, line: Line, index: int) -> bool:
        """……基本评估，我可以概括为三句话。第一句话：……第三句话：……。今天，我主要讲四层
        意思。 一、…… / 耽误大家一点时间，说几句话。……一是……，二是……。借这个机会，我谈以下
        几点感受。 一、……: an opening that hands over twice in one paragraph. The later
        hand-over, right before the first standalone heading, is the [过渡]; the series
        before it is the opening's list (OUTLINE rule 7: headings in the opening do not
        swallow the body). One that says it adds (我再强调……) is a second hand-over
        instead (rule 7); a report's formula stays the hand-over, whatever lead-in follows
        it (after_the_hand_over)."""
        sentences = line.sentences
        if self.opens_a_report(sentences[index]):
            return False
        for later in range(index + 1, len(sentences)):
            t = sentences[later]
            if self.facts.opens_standalone(t):
                return False
            if t.cue == "TRANSITION":
                return terminal_pattern("AGAIN").search(self.text, t.start, t.end) is None and (
                    self._first_part_after(line, later))
        return False

    def _first_part_after(self, line: Line, index: int) -> bool:
        """Whether the first standalone heading (一、 ordinal 1) comes right after sentence
        ``index``: next in its line, or opening the next line."""
        if index + 1 < len(line.sentences):
            after: Sentence | None = line.sentences[index + 1]
        else:
            nxt = self.facts.next_content_line(line)
            after = nxt.sentences[0] if nxt is not None else None
        return after is not None and self.facts.opens_standalone(after) and (
            self.facts.marker(after).ordinal == 1)

    def after_the_hand_over(self, s: Sentence) -> bool:
        """Whether the opening already handed over (OUTLINE: [过渡] is *the* sentence that
        hands over): a lead-in after a report's formula (……向大会作报告，请予审议。现将
        主要工作报告如下：) is body text, unless it says it adds points (接下来，我再强调
        四点意见：, corpus 128)."""
        return self.handed_over and terminal_pattern("AGAIN").search(
            self.text, s.start, s.end) is None

    def part_open_in_line(self, line: Line, index: int) -> bool:
        """In a speech run together on one line, whether a part heading (一、) came
        earlier on it: the opening is over (corpus 203: 这里，我提几点希望 is in 二、)."""
        if not self.facts.is_flattened(line):
            return False
        first = self.first_part.get(line.number)
        if first is None:
            steps = self.facts.step_heading_starts  # (一、请……讲话。 numbers a step)
            first = self.first_part[line.number] = next(
                (i for i, t in enumerate(line.sentences)
                 if t.cue in ("CHINESE_MARKER", "PART_MARKER") and t.start not in steps),
                len(line.sentences))
        return first < index

    def is_transition_after_vocative(self, s: Sentence) -> bool:
        """同学们，……我给大家提几点希望： — the address opens the hand-over sentence
        (corpus 114); the cue found at its start is the vocative, so look past it."""
        if not self.facts.is_comma_vocative(s):
            return False
        words_end = s.start + len(self.text[s.start:s.end].rstrip(SPACES + SENTENCE_END + "：:"))
        # The count may take its nouns after it (提几点希望和要求：), as at a sentence's
        # start: the cue ends at the count, the sentence goes on.
        return terminal_pattern("TRANSITION").match(self.text, s.cue_end,
                                                    words_end) is not None

    def speaker_hands_over(self, s: Sentence) -> bool:
        """The speaker says what he will now do (SPEAKER_HANDOVER: 下面，我简要汇报……)."""
        return terminal_pattern("SPEAKER_HANDOVER").match(self.text, s.start, s.end) is not None

    def _first_heading_after(self, line: Line, index: int) -> bool:
        """Whether sentence ``index`` of a run-together line is followed in it by a first
        standalone heading (……我再重点讲“四个强化”……。一、要强化……), not in a chair's
        script."""
        return index + 1 < len(line.sentences) and not self.facts.chair_script and (
            self.facts.is_flattened(line)) and self._first_part_after(line, index)

    def is_lead_in_to_first_heading(self, line: Line, index: int, s: Sentence) -> bool:
        """The last sentence of the opening, ending in a colon, right before the first
        heading (一是…… / 第一，……): it hands over to the body though it counts nothing
        (……要对同学们说： corpus 116; CONVENTIONS: 过渡 ``……强调以下几点：``); or ending
        its paragraph, where the speaker says what he will do (SPEAKER_HANDOVER). Run
        together, the heading follows in the same line: a first standalone heading
        (在此，我郑重表态：一、永葆……), which there is a paragraph of its own."""
        if not s.stop:
            return False
        last = index + 1 == len(line.sentences)
        if s.stop not in "：:" and (not (last or self._first_heading_after(line, index))
                                   or not self.speaker_hands_over(s)):
            return False  # 下面，我简要汇报一下……。 ends the opening as a colon does
        if s.cue in STYLE_OF_TERMINAL:
            return False  # 一、要明确学习目标： is a heading that announces its points
        if self.agenda_seen:
            return False  # a chair's 分工如下： introduces a schedule, not the body (067)
        if self.reads_the_rules(s):
            return False  # ……，下面我宣布大会纪律： the meeting's rules, read out before it
        if not last:
            # Not in a chair's script, whose steps and schedules follow colons (分工如下：
            # 一、……, 发言顺序：1、……; corpora 067, 102 joined).
            return self._first_heading_after(line, index)
        nxt = self.facts.next_content_line(line)
        if nxt is not None and s.stop not in "：:" and terminal_pattern("MOVE_ON").match(
                self.text, s.start, s.end) and not any(
                t.cue in STYLE_OF_TERMINAL or t.cue == "TRANSITION" for t in nxt.sentences):
            # 下面我和大家谈谈……认识和体会。 then a paragraph that begins the body before
            # its 一、: the speaker said what he moves on to, so the hand-over stands.
            nxt = self.facts.next_content_line(nxt)
        if nxt is None or nxt.sentences[0].cue not in STYLE_OF_TERMINAL or (
                nxt.number in self.facts.step_heading_lines):
            return False  # 下面根据会议议程依次进行： before 一、请……宣读……: the agenda's steps
        return self.facts.marker(nxt.sentences[0]).ordinal == 1
