"""Steps numbered as headings are, in a script run together into one line: which of its
numbered sentences (一、请……宣读……。二、颁奖……三、请……讲话。) are the agenda's steps,
as step_lines.py decides for lines numbered so. The speaker's paragraphs are lost, so
each marker of a standalone style in the line is where one began (issue: run-together
text; OUTLINE: a heading-like line that is really an agenda item). Part of the
look-ahead (edges.py's ``SpeechFacts``).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from jianghua.model import STANDALONE_RANK
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import STYLE_OF_TERMINAL, MarkerInfo, declared_count
from jianghua.parse.pieces import SPACES, has_han
from jianghua.parse.steps import titled_as_script

# A stage direction run on after a numbered item says at least this much (（鸣鞭）).
_MIN_DIRECTION_CHARS = 2


class FlatStepSentences:
    """The run-together step decisions of ``SpeechFacts`` (which provides what is
    declared here)."""

    text: str
    lines: list[Line]
    front_end: int
    content_lines: list[Line]
    marker: Callable[[Sentence], MarkerInfo]
    is_flattened: Callable[[Line], bool]
    _performs: Callable[[int, int], bool]

    def _flat_step_starts(self) -> dict[int, int]:
        """The numbered sentences of run-together lines that are steps, start → ordinal:
        a run counting from one (or two, the first lost to the opening) of which most
        perform what they name, or one does in a text titled as a chair's script where
        no transition came before them — the rule for lines (``_performed_step_lines``).
        After an agenda's announcement, only a run as long as any count it declared,
        with the chair's words between its items — or the items it lists where nothing
        is carried out after them (``_announced_run``). The run-together lines are read
        as one flow: a viewer's chunks cut the text anywhere (corpus 130)."""
        flow = [s for line in self.content_lines
                if line.number > self.front_end and self.is_flattened(line)
                for s in line.sentences]
        run = self._numbered_sentences(flow)
        if len(run) < 2:
            return {}
        before = flow[:flow.index(run[0])]
        announcement = next((s for s in reversed(before) if s.cue == "AGENDA_DECL"), None)
        declared = declared_count(self.text[announcement.start:announcement.cue_end])[1] if (
            announcement is not None) else None
        if announcement is not None and not self._flow_spaced(flow, run):
            # 有三项议程：1、……。2、……。3、……。下面逐项进行。1、……请……宣读……: the
            # preview, then the chair takes the items up in turn, numbered again — those
            # are the steps (as on lines: step_lines.py's ``_step_lines``), where no
            # transition to points of the chair's own comes between.
            again = self._numbered_sentences(flow[flow.index(run[-1]) + 1:])
            taken_up = flow[:flow.index(again[0])] if again else []
            if len(again) == len(run) and self._flow_spaced(flow, again) and (
                    self._announced_run(flow, again, taken_up, len(run))):
                run, before = again, taken_up
        if announcement is not None and not self._announced_run(flow, run, before, declared):
            return {}
        if announcement is None and not self._performed_run(flow, run, before):
            return {}
        first = self.marker(run[0]).ordinal or 1
        return {s.start: ordinal for ordinal, s in enumerate(run, first)}

    def _numbered_sentences(self, flow: list[Sentence]) -> list[Sentence]:
        """The sentences of ``flow`` that open with a standalone marker of the first
        one's style, counting from one or two; none where the count skips (the same as
        ``_numbered_run`` does for lines). Another style between them is what a step
        reads out (二、颁奖（1、请……；2、请……）)."""
        markers = [s for s in flow if s.cue in STYLE_OF_TERMINAL and (
            self.marker(s).style in STANDALONE_RANK)]
        for first in (1, 2):
            run: list[Sentence] = []
            for s in markers:
                info = self.marker(s)
                if run and info.key != self.marker(run[0]).key:
                    continue
                if info.ordinal != len(run) + first:
                    if not (run and info.ordinal == 1):
                        run = []  # a count that skips: no one run
                    break  # (numbering that starts again at one ends the run)
                run.append(s)
            if run:
                return run
        return []

    def _performed_run(self, flow: list[Sentence], run: list[Sentence],
                       before: list[Sentence]) -> bool:
        """Whether most of ``run`` performs what it names, or one does in a chair's script
        with no transition before the run."""
        performed = sum(self._performs_in_flow(flow, s, run) for s in run)
        if performed * 2 >= len(run):
            return True
        transition = any(s.cue == "TRANSITION" for s in before) or any(
            s.cue == "TRANSITION" for line in self.content_lines
            if line.number <= self.front_end for s in line.sentences)
        return performed >= 1 and not transition and titled_as_script(
            self.text, self.lines, self.front_end)

    def _announced_run(self, flow: list[Sentence], run: list[Sentence],
                       before: list[Sentence], declared: int | None) -> bool:
        """Whether ``run``, after the agenda's announcement, is the steps: no hand-over
        or transition between the announcement and the first, as many as a count
        declared, and the chair's words between two of them — or, where nothing is
        carried out after them (no step, hand-over or ceremony), its items however they
        stand (OUTLINE: where only the announcement is there, its items are the
        steps; the chair's own points may follow)."""
        if declared is not None and len(run) != declared:
            return False
        announced = max(index for index, s in enumerate(before) if s.cue == "AGENDA_DECL")
        handover = terminal_pattern("HANDOVER").search
        if any(s.cue == "TRANSITION" or handover(self.text, s.start, s.end)
               for s in before[announced + 1:]):
            return False
        return (declared is not None and self._flow_spaced(flow, run)) or self._nothing_done_after(
            flow, run)

    @staticmethod
    def _flow_spaced(flow: list[Sentence], run: list[Sentence]) -> bool:
        """Whether the chair's words stand between two of ``run``'s items."""
        return any(flow.index(after) - flow.index(item) > 1 for item, after in pairwise(run))

    def _nothing_done_after(self, flow: list[Sentence], run: list[Sentence]) -> bool:
        """Whether no step, hand-over, ceremony or act of the chair's (下面进行投票选举,
        CHAIR_ACTION) follows ``run``: the copy gives the announcement's items and no
        more of the meeting."""
        chair_acts = terminal_pattern("CHAIR_ACTION").search
        after = flow[flow.index(run[-1]) + 1:]
        return not any(s.cue == "AGENDA_STEP" or self._performs(s.start, s.end)
                       or chair_acts(self.text, s.start, s.end) for s in after)

    def _performs_in_flow(self, flow: list[Sentence], s: Sentence, run: list[Sentence]) -> bool:
        """Whether numbered sentence ``s`` is a step done: its words hand the floor over,
        perform a ceremony or end in the act (as ``_performs_its_name`` reads a line's),
        or a stage direction follows its name in it (一、大会开始 （鸣鞭）。), or the
        sentence after it hands over, is a stage direction or a host's tag — what would
        have stood under it on a line of its own. (Not a lead word alone: run together,
        一、首先是“感谢”。 may be a speaker's first point.)"""
        text, start = self.text, s.cue_end
        if self._performs(start, s.end) or terminal_pattern("STEP_NAMED").search(
                text, start, s.end) or self._directs(start, s.end):
            return True
        index = flow.index(s) + 1
        if index == len(flow) or flow[index] in run:
            return False
        under = flow[index]
        return self._performs(under.start, under.end) or (
            under.cue == "DIRECTION" and self._directs(under.start, under.end)) or (
            terminal_pattern("SPEAKER_TAG").match(text, under.start, under.end) is not None
            or terminal_pattern("HOST_LABEL").fullmatch(text, under.start, under.end) is not None)

    def _directs(self, start: int, end: int) -> bool:
        """Whether a stage direction stands in ``text[start:end]``: words in brackets that
        say what happens (（鸣鞭）), not a blank score ((分))."""
        return any(len(self.text[found.start():found.end()].strip(SPACES + "（()）…")) >=
                   _MIN_DIRECTION_CHARS and has_han(self.text, found.start(), found.end())
                   for found in terminal_pattern("DIRECTION").finditer(self.text, start, end))
