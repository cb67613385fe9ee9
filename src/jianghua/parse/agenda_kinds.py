"""The agenda decisions of the block stage: whether a sentence declares a chair's
agenda, carries out one of its steps, or only previews them (OUTLINE: Agendas and
closings). Mixed into blocks.py's builder, whose state (``previewing``, ``agenda_seen``,
``in_opening``…) it reads and sets; the patterns are the grammar's (AGENDA_DECL,
AGENDA_STEP, AGENDA_NAME, HANDOVER)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from jianghua.model import STANDALONE_RANK
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import (
    STYLE_OF_TERMINAL,
    MarkerInfo,
    continues,
    declared_count,
    step_ordinal,
)
from jianghua.parse.pieces import (
    EXCLAIM_OR_COLON,
    SENTENCE_END,
    SPACES,
    Block,
    agenda_declared_before,
)
from jianghua.parse.scan import sentence_ending

if TYPE_CHECKING:
    from jianghua.parse.edges import SpeechFacts

# What ``agenda_kind`` says of a sentence: (decided, kind). Not decided: the sentence is
# no part of an agenda, and the other decisions read it; decided with kind None: it
# starts no piece of its own (it stays in its paragraph).
Decision = tuple[bool, str | None]
_UNDECIDED: Decision = (False, None)
# A preview item says this much that the chair says again (宣读文件, 通过选举办法).
_MIN_PREVIEW_CHARS = 4
# The act a step names at its end (……述职。), which its speakers' lines name again.
_ACT_CHARS = 2
_STOPS = SENTENCE_END + EXCLAIM_OR_COLON + "，,"  # every stop, and the comma
_HAN_WORD = re.compile("[\u4e00-\u9fff]+")


# An announcement that lists this many items in its own line has previewed them all
# (……主要内容有三项：一是……；二是……；最后，……): a numbered line after it is the
# chair's point or a step, no preview (held-out 述评会 script: 1、述职时…… requirements).
_MIN_LISTED_ITEMS = 2

# Markers a chair numbers the sub-steps of a numbered step with (首先，…… / （1）……).
_SUB_STEP_MARKERS = frozenset({"SEQUENCE_MARKER", "ARABIC_PAREN_MARKER", "CHINESE_PAREN_MARKER",
                               "CIRCLED_MARKER"})

class AgendaKinds:
    """The agenda half of ``sentence_kind`` (blocks.py provides what is declared here)."""

    text: str
    facts: SpeechFacts
    previewing: bool
    preview_rank: int | None  # the rank of the first numbered line that previews it
    listed_at: int  # the line whose announcement listed its items itself
    stepped: bool  # a step was carried out since the speech or its part began
    award_call: MarkerInfo | None  # the latest numbered sub-step calling winners up
    steps_follow: bool
    in_opening: bool
    agenda_seen: bool
    agenda_declared: bool
    blocks: list[Block]  # the pieces emitted so far

    if TYPE_CHECKING:  # the builder's and Transitions' (declared only, so as not to
        # shadow them in the builder's method order)
        def because(self, kind: str, reason: str) -> str: ...
        def previews_a_step(self, line: Line, index: int, s: Sentence) -> bool: ...
        def previews_a_later_step(self, line: Line, s: Sentence) -> bool: ...

    def _under_previewed_item(self, s: Sentence) -> bool:
        """Whether marker ``s`` is of a lower standalone style than the items the
        agenda's preview numbered (1. after 二、……): a point within an item."""
        rank = STANDALONE_RANK.get(self.facts.marker(s).style)
        return self.preview_rank is not None and rank is not None and rank > self.preview_rank

    def agenda_kind(self, line: Line, index: int, s: Sentence, *, first: bool) -> Decision:
        """Sentence ``index`` as a chair's agenda, its step or a preview of its steps."""
        facts = self.facts
        because = self.because

        def paragraph(reason: str) -> Decision:
            return (True, because("paragraph", reason)) if first else (True, None)

        if s.cue == "DIRECTION" and terminal_pattern("AGENDA_NAME").search(
                self.text, s.start, s.end):
            self.agenda_seen = True  # （按活动议程进行）: the steps, left out of the script
        if s.cue == "AGENDA_DECL":
            words = self.text[s.start:s.cue_end]
            if facts.agenda_named and not terminal_pattern("AGENDA_NAME").search(words):
                # 主要内容有三项 where the 议程 is declared too: its contents, not the agenda.
                return paragraph("counts 内容 where the 议程 is declared")
            if self._recounts_done(line, index):
                # 今天的会议……有4个议程：一是观看了……；二是发展了……: the speaker looking
                # back on what the meeting did, a list in his paragraph, no agenda.
                return paragraph("the items it counts are told as done (DONE_ACT)")
            if self.agenda_seen and (declared_count(words)[1] is None or self.agenda_declared):
                # ……主要议程如下：1、…… within a step, or 大会建议议程共五项： once the
                # preliminary meeting's own was announced: the agenda it puts to the vote
                return paragraph("an agenda inside a step")
            self.in_opening = True
            self.previewing = True
            self.preview_rank = None
            items = sum(t.cue in STYLE_OF_TERMINAL for t in line.sentences[index + 1:])
            self.listed_at = line.number if items >= _MIN_LISTED_ITEMS else 0
            self.steps_follow = facts.steps_follow(line) or any(
                t.cue == "AGENDA_STEP" for t in line.sentences[index + 1:])
            return True, because("agenda", "AGENDA_DECL declares the agenda")
        if s.cue == "AGENDA_STEP" and self.previewing and not first and self.previews_a_step(
                line, index, s):
            return True, None  # 议程有五项：第一项，……；第二项，…… in the announcement's paragraph
        if s.cue == "AGENDA_STEP" and self.previewing and first and self.previews_a_later_step(
                line, s):
            return True, because("paragraph", "previews a step the chair carries out later")
        if s.cue == "AGENDA_STEP":
            return self._step("AGENDA_STEP, a numbered step")
        if first and line.number in facts.step_heading_lines:
            return self._step(f"{s.cue} numbers a step of the declared agenda, "
                              "the chair's words under it")
        if s.start in facts.step_heading_starts:
            return self._step(f"{s.cue} numbers a step, run together: most of the run "
                              "performs what it names")
        if first and s.cue in STYLE_OF_TERMINAL and self.calls_up_in_turn(line, s):
            return paragraph(f"{s.cue} numbers a step's sub-step: the winners or speakers "
                             "it calls up in turn")
        if s.start in facts.handover_starts:
            if terminal_pattern("CHAIR_ACTION").match(self.text, s.start, s.end):
                return self._step("CHAIR_ACTION, a step the chair gives by 由 or carries "
                                  "out himself")
            return self._step("HANDOVER, an unnumbered step of a chair's script")
        if first and s.cue in STYLE_OF_TERMINAL and self.names_a_later_step(line, s):
            # The run of numbered lines it opens previews the agenda (as after 议程如下：).
            self.previewing = self.steps_follow = True
            return True, because("paragraph", "previews a step carried out later, where its "
                                              "words come again (no announcement)")
        if self.previewing and first and s.cue in STYLE_OF_TERMINAL and not (
                0 < self.listed_at < line.number) and (
                self.steps_follow or not self._under_previewed_item(s)):
            # (Where the preview is all there is, a line of a lower style, 1. under 二、……
            # 要求, is a point of that item, read as a heading under it: OUTLINE, headings
            # read out within one agenda item.)
            if self.preview_rank is None:
                self.preview_rank = STANDALONE_RANK.get(facts.marker(s).style)
            if self.steps_follow:
                return True, because("paragraph", "previews an agenda whose steps follow")
            return True, because("agenda_item", f"{s.cue} previews the agenda, no step follows")
        if self.previewing and not self.steps_follow and s.cue in STYLE_OF_TERMINAL and (
                not facts.markers_follow(line)) and self._lists_the_declared_agenda(
                line, index) and not (s.cue != "SEQUENCE_MARKER" and any(
                    t.start in facts.handover_starts for t in line.sentences[index + 1:])):
            # 具体内容有三项：一是……；二是……；三是……。 and the copy stops (no step, no
            # numbered line after it, nor a hand-over after a numbered item — 首先，对……进行
            # 评议。 carries the first out): the items are the agenda's (OUTLINE:
            # where only the announcement is there, its items are the 议程项 lines), in
            # its own line.
            return True, because("agenda_item", f"{s.cue} lists the agenda declared before it "
                                                "in its line, no step follows")
        if first and s.cue in STYLE_OF_TERMINAL and facts.chair_script and terminal_pattern(
                "HANDOVER").match(self.text, s.cue_end, s.end) and not (
                s.cue in _SUB_STEP_MARKERS and line.number > facts.first_step_line > 0):
            # 一、请……讲话； in a chair's script is a step (OUTLINE: a heading-like line that
            # is really an agenda item) — but not 首先，请……汇报 or (1)请……上台领奖 after a
            # numbered step (第一项：请……组长依次汇报 / 第三项议程：颁奖), whose speakers or
            # winners it calls in turn: a sub-step (OUTLINE: not listed again).
            self.in_opening = True
            return True, because("agenda_item", f"{s.cue} opening a hand-over (HANDOVER): a step")
        return _UNDECIDED

    def _recounts_done(self, line: Line, index: int) -> bool:
        """Whether the items listed after declaration ``index`` in its line (two or more
        of the first item's style) all tell what was done (一是观看了……；二是发展了……)."""
        done = terminal_pattern("DONE_ACT")
        items = [t for t in line.sentences[index + 1:] if t.cue in STYLE_OF_TERMINAL]
        if not items:
            return False
        style = self.facts.marker(items[0]).style
        items = [t for t in items if self.facts.marker(t).style == style]
        return len(items) >= 2 and all(done.match(self.text, t.cue_end, t.end) for t in items)

    def calls_up_in_turn(self, line: Line, s: Sentence) -> bool:
        """Whether numbered ``s`` (opening ``line``) after a step calls winners up or has
        them given their awards ((1)请……上台领奖； / 1、请县领导为……颁奖。), or right
        after a step that announces its speakers (二、代表人员发言：) hands the floor to
        one after the host's words (1、……。下面请……讲话。), or goes on from a numbered
        line that did (2、请县领导为获得“, the copy cut): the step's sub-steps, neither
        steps nor headings (OUTLINE: sub-steps inside one item are not listed again)."""
        if not self.stepped:
            return False  # a speech's headings: nothing to look for
        info = self.facts.marker(s)
        follows = self.award_call is not None and continues(self.award_call, info)
        # A run of them starts at 1 within its step: 三、颁奖 after two steps is the third.
        if not follows and not (info.ordinal == 1 and (terminal_pattern("AWARD_CALL").match(
                self.text, s.cue_end, line.end) or self._speaker_after_announced_step(line, s))):
            return False
        self.award_call = info  # the run's latest, for the next line to go on from
        return True

    def _speaker_after_announced_step(self, line: Line, s: Sentence) -> bool:
        """Whether numbered ``s`` follows a step that names an act and a colon (二、代表人员
        发言：), and its paragraph hands the floor on after the host's first words; or
        follows a step and names who does its act, in the step's own words (大会第六项：
        由……工作人员述职。 then 1、……副主任……述职。)."""
        step = next((block for block in reversed(self.blocks) if block.kind != "blank"), None)
        if step is None or step.kind != "agenda_item":
            return False
        act = self.text[step.start:step.end].rstrip(SPACES + _STOPS)[-_ACT_CHARS:]
        named = self.text[s.cue_end:s.end].rstrip(SPACES + _STOPS)
        if len(act) == _ACT_CHARS and _HAN_WORD.fullmatch(act) and named.endswith(act):
            return True
        if sentence_ending(self.text[step.start:step.end]) not in "：:":
            return False
        handover = terminal_pattern("HANDOVER")
        return handover.match(self.text, s.cue_end, s.end) is None and handover.search(
            self.text, s.end, line.end) is not None

    @staticmethod
    def _lists_the_declared_agenda(line: Line, index: int) -> bool:
        """Whether sentence ``index`` of ``line`` is an item of the agenda its line
        declares (agenda_declared_before), and no marker or step comes in the line after
        the items (a viewer's chunk run on into the steps, corpus 130)."""
        sentences = line.sentences
        after = index + 1
        while after < len(sentences) and sentences[after].cue in STYLE_OF_TERMINAL:
            after += 1
        return agenda_declared_before(line, index) and not any(
            t.cue in STYLE_OF_TERMINAL or t.cue == "AGENDA_STEP" for t in sentences[after:])

    def names_a_later_step(self, line: Line, s: Sentence) -> bool:
        """1、宣读……文件； on its own line before a chair's first numbered step, whose words
        the chair says again carrying it out (下面，进行第一项议程。宣读……文件。): a preview of
        the agenda with no announcement before it (gold NOTES: a preview is part of its
        [议程]), not a heading."""
        facts = self.facts
        if not (facts.chair_script and 0 < line.number < facts.first_step_line) or (
                self.agenda_seen or len(line.sentences) > 1 or line.number in facts.part_lines):
            return False  # (一、预备会议 heads a part of the script, whose name comes again)
        words = self.text[s.cue_end:s.end].strip(SPACES + "；;。，,")
        if len(words) < _MIN_PREVIEW_CHARS:
            return False
        return self.text.find(words, facts.lines[facts.first_step_line - 1].start) >= 0

    def numbers_its_step(self, line: Line, index: int, s: Sentence) -> bool:
        """一、俗话说得好：……。下面，大会进行第一项：请……致辞。 — a chair's paragraph
        numbered as the step it carries out further on: the step (AGENDA_STEP of the same
        number, before the paragraph's next marker) is the [议程项], the number no
        heading (OUTLINE: a heading-like line that is really an agenda item)."""
        if not self.facts.chair_script:
            return False
        ordinal = self.facts.marker(s).ordinal
        for later in line.sentences[index + 1:]:
            if later.cue in STYLE_OF_TERMINAL:
                return False
            if later.cue == "AGENDA_STEP":
                return ordinal is not None and step_ordinal(self.text, later) == ordinal
        return False

    def _step(self, reason: str) -> Decision:
        """A step carried out: the announcement's previews are over."""
        self.in_opening = True
        self.previewing = False
        return True, self.because("agenda_item", reason)
