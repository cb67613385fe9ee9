"""Steps numbered as headings are: which lines of a chair's script numbered 一、二、 are
its agenda's steps, not points of a speech (OUTLINE: a heading-like line that is really
an agenda item). Part of the look-ahead (edges.py's ``SpeechFacts``).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TypeVar

from jianghua.model import STANDALONE_RANK, MarkerStyle
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import (
    STYLE_OF_TERMINAL,
    MarkerInfo,
    declared_count,
    marker_info,
    step_ordinal,
)
from jianghua.parse.steps import titled_as_script

# A run of lines numbered as the steps are is at least this long (1、 2、 3、).
_MIN_TIED_RUN = 3


class NumberedStepLines:
    """The step lines of ``SpeechFacts`` (which provides what is declared here)."""

    text: str
    lines: list[Line]
    front_end: int
    content_lines: list[Line]
    _marker_lines: list[Line]
    marker: Callable[[Sentence], MarkerInfo]
    next_content_line: Callable[[Line], Line | None]

    def _numbered_step_lines(self) -> dict[int, int]:
        """The step lines (``_step_lines``) but the last where its words close the
        programme (八、×××同志追悼会到此结束 / （十一）司仪宣布追悼会结束。): that line is
        the script's closing, numbered like the steps (OUTLINE: the closing is the end,
        after the last step; a CLOSING formula)."""
        steps = self._step_lines()
        last = max(steps, default=0)
        if last:
            line = self.lines[last - 1]
            if terminal_pattern("CLOSING").match(self.text, line.sentences[0].cue_end, line.end):
                del steps[last]
        return steps

    def _step_lines(self) -> dict[int, int]:
        """Lines numbered as headings are (一、运动员入场式 / 二、升国旗，奏国歌 …) after
        an agenda's count (开幕式共有七项议程), each with the chair's words under it:
        the steps themselves, line → ordinal (OUTLINE: a heading-like line that is
        really an agenda item; corpus 130's 一、审议……). Only where there are as many
        as declared, counting from one (asked only where no step is numbered 进行第一项);
        lines all one after another, with nothing between any two, preview the agenda
        instead. A step line may say more than its name (三、签订责任书。请……上台。)."""
        announcement = next(((line, s) for line in self.content_lines for s in line.sentences
                             if s.cue == "AGENDA_DECL"), None)
        if announcement is None:
            return self._performed_step_lines()
        announced_line = announcement[0].number
        declared = declared_count(self.text[announcement[1].start:announcement[1].cue_end])[1]
        if declared is None or declared < 2:
            return {}
        run = self._numbered_run(after=announced_line)
        if not run and self._previews_first(announcement[0]):
            # ……有三项议程：1、通过……。 then 2、…… 3、……: the preview's first item
            # stands in the announcement's line, the rest under it
            run = self._numbered_run(after=announced_line, first=2)
            if len(run) == declared - 1 and not self._spaced(run):
                run = self._numbered_run(after=run[-1].number)
        if len(run) == declared and not self._spaced(run):
            # 一、……二、……三、…… one after another preview the agenda; the chair then
            # takes the items up in turn, numbered again (现在逐项进行。一、……), and those
            # lines are the steps (OUTLINE: only the steps there are listed).
            run = self._numbered_run(after=run[-1].number)
        if len(run) != declared or not self._spaced(run):
            return {}
        # Hand-overs or a transition between the count and the first line: the steps were
        # those, and the numbered lines are the chair's own points (下面，我再讲三点意见。).
        handover = terminal_pattern("HANDOVER")
        for line in self.content_lines:
            if announced_line < line.number < run[0].number and (
                    any(s.cue == "TRANSITION" for s in line.sentences)
                    or handover.search(self.text, line.content_start, line.end)):
                return {}
        return {line.number: ordinal for ordinal, line in enumerate(run, 1)}

    def _previews_first(self, line: Line) -> bool:
        """Whether a standalone marker numbered one (1、 一、) opens a sentence of the
        announcement's ``line`` after its first: the preview begins there."""
        firsts = (self.marker(s) for s in line.sentences[1:] if s.cue in STYLE_OF_TERMINAL)
        return any(info.style in STANDALONE_RANK and info.ordinal == 1 for info in firsts)

    def _spaced(self, run: list[Line]) -> bool:
        """Whether the chair's words or a direction stand between two of ``run``'s lines."""
        return any(self.next_content_line(before) is not line for before, line in pairwise(run))

    def _performed_step_lines(self) -> dict[int, int]:
        """Where no agenda is declared, lines numbered as headings are the steps when
        most of them perform what they name (一、全体肃立，默哀三分钟 / 二、请……致悼词 /
        四、向……遗像三鞠躬): the chair numbers what happens, not points of a speech
        (OUTLINE: a heading-like line that is really an agenda item). In a text titled
        as a chair's script, one such line is enough where the chair has not handed over
        to points of his own before them (下面，我讲几点意见：). Line → ordinal."""
        after = self.front_end
        while True:
            # The copy may have lost the first (一、追悼会开始 in the opening's paragraph).
            run = self._numbered_run(after=after) or self._numbered_run(after=after, first=2)
            if len(run) < 2:
                return {}
            if self._programme_run(run):
                break
            # Rules the chair reads out first (下面先宣布几条大会纪律：1、……2、……) may be
            # numbered before the programme is (一、宣布大会开始，奏国歌 / 二、……); any
            # other run is no programme, nor is what follows it.
            if not self._read_as_rules(run):
                return {}
            after = run[-1].number
        # Each line by its own number: after a lost first (首先，升国旗。 then 二、……), the
        # step before 二 is the one the numbering implies (steps.py).
        first = self.marker(run[0].sentences[0]).ordinal or 1
        return {line.number: ordinal for ordinal, line in enumerate(run, first)}

    def _read_as_rules(self, run: list[Line]) -> bool:
        """Whether the chair announces the numbered ``run`` as rules he reads out, at the
        end of the line before it (下面先宣布几条大会纪律：, RULES_READ)."""
        before = self.content_line_before(run[0])
        return before is not None and terminal_pattern("RULES_READ").search(
            self.text, before.sentences[-1].start, before.end) is not None

    def _programme_run(self, run: list[Line]) -> bool:
        """Whether the numbered ``run`` is the chair's programme: most of its lines
        perform what they name, or one does in a text titled as a chair's script where
        he has not handed over to points of his own before them."""
        numbered = {line.number for line in run}
        performed = sum(self._performs_its_name(line, numbered) for line in run)
        if performed == len(run):
            return True
        # A hand-over before them (下面，我讲几点意见： / a report's 我代表……向大会汇报)
        # announces the speaker's own points: 一、首先，汇报一下我个人的思想工作情况 is
        # one, though it names an act.
        if any(s.cue == "TRANSITION" for line in self.content_lines
               if line.number < run[0].number for s in line.sentences):
            return False
        # More than half: of two points, one whose body tells of a ceremony (刚才大家进行了
        # ……宣誓，我很受感动) makes no programme.
        return performed * 2 > len(run) or (performed >= 1 and titled_as_script(
            self.text, self.lines, self.front_end))

    def _performs_its_name(self, line: Line, numbered: set[int]) -> bool:
        """Whether a numbered line is a step done: its own words hand the floor over or
        perform a ceremony (二、默哀三分钟), its name ends in the act (四、少先队员献词) or
        the chair moves on in it (一、下面请……); or the chair's words under it do (三、
        致悼词 / 现在，请……同志致悼词。), or a stage direction under it (一、大会开始 /
        （鸣鞭）。), or the hosts' voices take it up (二、开场舞 / 男：……): a 晚会's
        programme item, which a speech's point never is (SPEAKER_TAG)."""
        text, start, end = self.text, line.sentences[0].cue_end, line.end
        if self._performs(start, end) or terminal_pattern("STEP_NAMED").search(
                text, start, end) or terminal_pattern("MOVE_ON_STEP").match(text, start, end):
            return True
        under = self.next_content_line(line)
        # (Not the next run's first line: 3、……秩序。 then 一、宣布大会开始，奏国歌.)
        return under is not None and under.number not in numbered and (
            under.sentences[0].cue not in STYLE_OF_TERMINAL) and (
            self._performs(under.content_start, under.sentences[0].end)
            or under.sentences[0].cue == "DIRECTION"
            or self._hosts_take_up(under.start, under.end))

    def _performs(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` hands the floor over or performs a ceremony."""
        return any(terminal_pattern(name).search(self.text, start, end) is not None
                   for name in ("HANDOVER", "CEREMONY"))

    def _tied_step_lines(self) -> dict[int, int]:
        """Where steps are numbered 进行第N项, a run of lines numbered 1、2、3、… of which
        some say their step's number again (2、进行第二项议程…… / 4、下面，进行第四项议程):
        the numbers are the steps', so every line of the run is a step, the ones that
        name no 第N项 too (3、现在由……作大会报告 / 7、刘校长讲话). Line → ordinal; none
        where no line ties its number to its step's."""
        open_runs: dict[str, list[tuple[Line, MarkerInfo]]] = {}  # by marker style
        runs: list[list[tuple[Line, MarkerInfo]]] = []
        for line in self.content_lines:
            info = self._leading_marker(line) if line.number > self.front_end else None
            if info is None or info.style not in STANDALONE_RANK:
                continue
            run = open_runs.get(info.key, [])
            if info.ordinal != len(run) + 1:  # its numbering starts again: a run ends
                if run:
                    runs.append(run)
                run = open_runs[info.key] = []
                if info.ordinal != 1:
                    continue
            run.append((line, info))
            open_runs[info.key] = run
        runs += [run for run in open_runs.values() if run]
        return {step.number: ordinal for run in runs
                if len(run) >= _MIN_TIED_RUN and any(self._ties(*step) for step in run)
                for ordinal, (step, _) in enumerate(run, 1)}

    def _ties(self, line: Line, info: MarkerInfo) -> bool:
        """Whether ``line`` numbered ``info`` names its step by the same number (2、进行第
        二项议程)."""
        first = line.sentences[0]
        return first.cue == "AGENDA_STEP" and step_ordinal(self.text, first) == info.ordinal

    def _leading_marker(self, line: Line) -> MarkerInfo | None:
        """The standalone marker a line opens with, also where the step's cue took the
        line's first words (2、进行第二项议程: AGENDA_STEP)."""
        first = line.sentences[0]
        if first.cue in STYLE_OF_TERMINAL:
            return self.marker(first)
        if first.cue != "AGENDA_STEP":
            return None
        for name in STYLE_OF_TERMINAL:
            found = terminal_pattern(name).match(self.text, first.start, first.cue_end)
            if found is not None:
                return marker_info(self.text, Sentence(first.start, found.end(), name,
                                                       found.end(), ""))
        return None

    def _numbered_run(self, *, after: int, first: int = 1) -> list[Line]:
        """The lines after line ``after`` that open with a standalone marker (一、 （一）
        1.) of the first one's style, when they are one run counting from ``first``; else
        none (``counting_run``). Not 第一部分：……: a script's parts hold its steps (OUTLINE:
        a chair's script in several parts), whatever they are named for (第二部分：介绍嘉宾)."""
        return counting_run([line for line in self._marker_lines if line.number > after and (
            self.marker(line.sentences[0]).style is not MarkerStyle.PART)],
                            lambda line: self.marker(line.sentences[0]), first)

    def _hosts_take_up(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is the hosts' voices taking an item up (男：……,
        SPEAKER_TAG) or the host's label (主持人说：, HOST_LABEL)."""
        return terminal_pattern("SPEAKER_TAG").match(self.text, start, end) is not None or (
            terminal_pattern("HOST_LABEL").fullmatch(self.text, start, end) is not None)


Item = TypeVar("Item")


def counting_run(items: list[Item], marker: Callable[[Item], MarkerInfo],
                 first: int) -> list[Item]:
    """The ``items`` (lines, or sentences run together) whose ``marker`` is of a
    standalone style, the first one's, when they are one run counting from ``first``;
    else none. Another style between them is what a step reads out (四、……规则：/ 1、……)."""
    run: list[Item] = []
    for item in items:
        info = marker(item)
        if info.style not in STANDALONE_RANK or (run and info.key != marker(run[0]).key):
            continue
        if info.ordinal != len(run) + first:
            # Numbering that starts again at one ends the run (the page's next script, a
            # guide after it: 追悼会主持词范文二 / 一、……); any other gap says the items
            # are no one run.
            return run if run and info.ordinal == 1 else []
        run.append(item)
    return run
