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

from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import STYLE_OF_TERMINAL, MarkerInfo, declared_count
from jianghua.parse.pieces import SPACES, has_han
from jianghua.parse.step_lines import counting_run
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
    _hosts_take_up: Callable[[int, int], bool]

    def _flat_step_starts(self) -> dict[int, int]:
        """The numbered sentences of run-together lines that are steps, start → ordinal:
        a run counting from one (or two, the first lost to the opening) of which most
        perform what they name, or one does in a text titled as a chair's script where
        no transition came before them — the rule for lines (``_performed_step_lines``).
        After an agenda's announcement, only a run as long as any count it declared,
        with the chair's words between its items — or the items it lists where nothing
        is carried out after them (``_announced_run``). The run-together lines are read
        as one flow: a viewer's chunks cut the text anywhere (corpus 130). A run is the
        positions of its items in the flow."""
        flow = [s for line in self.content_lines
                if line.number > self.front_end and self.is_flattened(line)
                for s in line.sentences]
        run = self._numbered_positions(flow, 0)
        if len(run) < 2:
            return {}
        before = flow[:run[0]]
        announcement = next((s for s in reversed(before) if s.cue == "AGENDA_DECL"), None)
        declared = declared_count(self.text[announcement.start:announcement.cue_end])[1] if (
            announcement is not None) else None
        if announcement is not None and not _spaced(run):
            # 有三项议程：1、……。2、……。3、……。下面逐项进行。1、……请……宣读……: the
            # preview, then the chair takes the items up in turn, numbered again — those
            # are the steps (as on lines: step_lines.py's ``_step_lines``), where no
            # transition to points of the chair's own comes between.
            again = self._numbered_positions(flow, run[-1] + 1)
            taken_up = flow[:again[0]] if again else []
            if len(again) == len(run) and _spaced(again) and (
                    self._announced_run(flow, again, taken_up, len(run))):
                run, before = again, taken_up
        if announcement is not None and not self._announced_run(flow, run, before, declared):
            return {}
        if announcement is None and not self._performed_run(flow, run, before):
            return {}
        first = self.marker(flow[run[0]]).ordinal or 1
        return {flow[at].start: ordinal for ordinal, at in enumerate(run, first)}

    def _numbered_positions(self, flow: list[Sentence], start: int) -> list[int]:
        """Where in ``flow``, from ``start`` on, the sentences stand that open with a
        standalone marker of the first one's style, counting from one or two
        (``counting_run``, as ``_numbered_run`` reads lines)."""
        markers = [at for at in range(start, len(flow)) if flow[at].cue in STYLE_OF_TERMINAL]
        return counting_run(markers, lambda at: self.marker(flow[at]), 1) or counting_run(
            markers, lambda at: self.marker(flow[at]), 2)

    def _performed_run(self, flow: list[Sentence], run: list[int],
                       before: list[Sentence]) -> bool:
        """Whether most of ``run`` performs what it names, or one does in a chair's script
        with no transition before the run."""
        performed = sum(self._performs_in_flow(flow, at, run) for at in run)
        if performed * 2 >= len(run):
            return True
        transition = any(s.cue == "TRANSITION" for s in before) or any(
            s.cue == "TRANSITION" for line in self.content_lines
            if line.number <= self.front_end for s in line.sentences)
        return performed >= 1 and not transition and titled_as_script(
            self.text, self.lines, self.front_end)

    def _announced_run(self, flow: list[Sentence], run: list[int],
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
        return (declared is not None and _spaced(run)) or self._nothing_done_after(flow, run)

    def _nothing_done_after(self, flow: list[Sentence], run: list[int]) -> bool:
        """Whether no step, hand-over, ceremony or act of the chair's (下面进行投票选举,
        CHAIR_ACTION) follows ``run``: the copy gives the announcement's items and no
        more of the meeting."""
        chair_acts = terminal_pattern("CHAIR_ACTION").search
        return not any(s.cue == "AGENDA_STEP" or self._performs(s.start, s.end)
                       or chair_acts(self.text, s.start, s.end) for s in flow[run[-1] + 1:])

    def _performs_in_flow(self, flow: list[Sentence], at: int, run: list[int]) -> bool:
        """Whether the numbered sentence at ``at`` is a step done: its words hand the
        floor over, perform a ceremony or end in the act (as ``_performs_its_name`` reads
        a line's), or a stage direction follows its name in it (一、大会开始 （鸣鞭）。), or
        the sentence after it hands over, is a stage direction or a host's tag — what
        would have stood under it on a line of its own. (Not a lead word alone: run
        together, 一、首先是“感谢”。 may be a speaker's first point.)"""
        s = flow[at]
        if self._performs(s.cue_end, s.end) or terminal_pattern("STEP_NAMED").search(
                self.text, s.cue_end, s.end) or self._directs(s.cue_end, s.end):
            return True
        if at + 1 == len(flow) or at + 1 in run:
            return False
        under = flow[at + 1]
        return self._performs(under.start, under.end) or (
            under.cue == "DIRECTION" and self._directs(under.start, under.end)) or (
            self._hosts_take_up(under.start, under.end))

    def _directs(self, start: int, end: int) -> bool:
        """Whether a stage direction stands in ``text[start:end]``: words in brackets that
        say what happens (（鸣鞭）), not a blank score ((分))."""
        return any(len(self.text[found.start():found.end()].strip(SPACES + "（()）…")) >=
                   _MIN_DIRECTION_CHARS and has_han(self.text, found.start(), found.end())
                   for found in terminal_pattern("DIRECTION").finditer(self.text, start, end))


def _spaced(run: list[int]) -> bool:
    """Whether the chair's words stand between two of ``run``'s items (flow positions)."""
    return any(after - item > 1 for item, after in pairwise(run))
