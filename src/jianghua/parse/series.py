"""Markers inside a paragraph: which start headings, which make a list ([列举]).

A marker in the middle of a paragraph starts a heading when its series goes on at the
start of the next paragraph, when the transition just before announced it, or where a
run-together line lost the speaker's paragraphs; a series held whole in one paragraph,
or one whose items open clauses inside a sentence (parse/clauses.py), is the
paragraph's list (OUTLINE: "A heading may start in the middle of a paragraph";
CONVENTIONS: enumerations inside paragraphs). Part of the block stage (blocks.py).
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from jianghua.model import STANDALONE_RANK, MarkerStyle
from jianghua.numerals import is_enclosed
from jianghua.parse.clauses import clause_lists, has_second_member
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import (
    MARKER_PUNCTUATION,
    STYLE_OF_TERMINAL,
    MarkerInfo,
    continues,
    counted_in,
    declared_count,
    speaks_a_count,
)
from jianghua.parse.pieces import (
    SPACES,
    EnumerationInfo,
    Run,
    agenda_declared_before,
    stop_mark,
)

if TYPE_CHECKING:
    from jianghua.parse.edges import SpeechFacts

# In a flattened line, items this long on average are paragraphs, not a list.
_PARAGRAPH_ITEM_CHARS = 150
# What ends a run-in heading's title sentence (OUTLINE: its title is its first sentence).
_TITLE_STOPS = ("。", "！", "!")


class InlineSeries:
    """The block builder's reading of markers inside a paragraph."""

    text: str
    facts: SpeechFacts
    list_opens_line: bool
    sequence_seen: bool  # a 首先/其次 heading was emitted: a 最后 may end it
    announced_line: int  # the line whose hand-over ends in a colon (……以下几点：)
    in_opening: bool  # no heading yet since the speech or its part began
    agenda_seen: bool  # a chair's agenda or step came before
    previewing: bool  # numbered lines after an agenda's announcement preview it
    # The latest heading of each series whose title stood on its line alone (一、……).
    standalone_headings: dict[str, MarkerInfo]

    def marker_sentences(self, line: Line) -> list[tuple[int, MarkerInfo]]:
        marker = self.facts.marker
        return [(i, marker(s)) for i, s in enumerate(line.sentences)
                if s.cue in STYLE_OF_TERMINAL]

    def resolve_inline(self, line: Line, transition_index: int | None,
                       heading_at_start: bool) -> tuple[dict[int, str], list[Run]]:
        """Which mid-line markers start headings (with why), and which runs are
        enumerations."""
        # (the steps of a script run together are no one's points: flat_steps.py)
        steps = self.facts.step_heading_starts
        markers = [marker for marker in self.marker_sentences(line)
                   if line.sentences[marker[0]].start not in steps]
        if not markers or (len(markers) == 1 and markers[0][0] == 0):
            return {}, []
        first = markers[0] if markers[0][0] == 0 and heading_at_start else None
        runs: list[Run] = []
        # The latest run by what would continue it: (key, next ordinal), and (key, None)
        # for a 最后 that ends a 首先/其次 series — one lookup per marker, not a scan.
        waiting: dict[tuple[str, int | None], Run] = {}
        for index, info in markers:
            if index == 0:
                continue
            # A series may hold another between its members (第一个问题：…第一，…第二，…
            # 第二个问题：…, corpus 202): the marker joins the latest run it continues.
            run = waiting.get((info.key, info.ordinal))
            if run is None or not continues(run[-1][1], info):
                run = []
                runs.append(run)
            run.append((index, info))
            if info.ordinal is not None:
                waiting[(info.key, info.ordinal + 1)] = run
                waiting[(info.key, None)] = run
        nxt = self.facts.next_content_line(line)
        next_marker = (self.facts.marker(nxt.sentences[0])
                       if nxt and nxt.sentences[0].cue in STYLE_OF_TERMINAL else None)
        flattened = self.facts.is_flattened(line)
        headings: dict[int, str] = {}
        enumerations: list[Run] = []
        for run in runs:
            head_index, head = run[0]
            if self.previews_declared_agenda(line, head_index):
                enumerations.append(run)
                continue
            if self.previews_on(line, head_index):
                continue
            glued = first is not None and continues(first[1], head)
            goes_on = next_marker is not None and continues(run[-1][1], next_marker)
            announced = transition_index is not None and head_index == transition_index + 1
            reason = ""
            if glued and not goes_on and not flattened and first is not None and (
                    first[1].ordinal == 1):
                # 一是……。二是……。三是……。 all in one paragraph, none going on in the next:
                # one list (corpus 215), as OUTLINE's 十条作风突出问题：一是……十是…….
                self.list_opens_line = True
                enumerations.append([first, *run])
                continue
            if glued:
                reason = "mid-paragraph, continues the series the paragraph opened"
            elif goes_on and (head.ordinal == 1 or len(run) == 1):
                reason = "mid-paragraph, its series goes on in the next paragraph"
            elif announced and (flattened or goes_on or len(run) < 2) and not (
                    flattened and not goes_on and self.semicolon_items(line, run)):
                # The series the transition announced, where its points were paragraphs;
                # held whole in the transition's paragraph, it is that paragraph's list.
                reason = "mid-paragraph, announced by the transition before it"
            elif flattened and self.run_is_paragraphs(line, run):
                reason = "run-together text: where the speaker's paragraph began"
            elif self.ends_line_as_next_part(line, run, next_marker is None and nxt is not None):
                reason = ("ends the paragraph's line: the next standalone heading, its "
                          "line break lost before it")
            elif len(run) >= 2 and head.ordinal == 1:
                enumerations.append(run)
            if reason:
                headings.update((index, f"{sentences_cue(line, index)} {reason}")
                                for index, _ in run)
        return headings, enumerations

    def previews_declared_agenda(self, line: Line, index: int) -> bool:
        """Whether the marker at sentence ``index`` lists an item of the agenda declared
        before it in its line, only items between (今天的会议议程是： 1、……2、…… 现在进行
        大会第一项议程：……), while its steps are still to come: the items preview it
        (gold NOTES: a preview is part of its [议程]) and start no headings."""
        if not agenda_declared_before(line, index):
            return False
        return self.facts.steps_follow(line) or any(
            s.cue == "AGENDA_STEP" for s in line.sentences[index + 1:])

    def previews_on(self, line: Line, index: int) -> bool:
        """……共有四项议程： then 一是……。二是……。 on a line of its own, before the steps:
        the preview goes on past its first item (gold NOTES: a preview is part of its
        [议程]); its other items start no headings and make no list."""
        return self.previewing and all(
            s.cue in STYLE_OF_TERMINAL for s in line.sentences[:index]) and (
            self.facts.steps_follow(line))

    def _after_announcement(self, line: Line, s: Sentence) -> bool:
        """Whether ``s`` opens ``line`` right after the line whose hand-over ends in a
        colon (……做到以下几点：), which announces the points it begins."""
        before = self.facts.content_line_before(line)
        return s is line.sentences[0] and before is not None and (
            before.number == self.announced_line)

    def is_heading_start(self, line: Line, s: Sentence) -> bool:
        """Whether the marker opening ``s`` starts a heading: always, but for a lone
        首先 (no series follows) and a 最后 with no points that ends no series."""
        facts = self.facts
        info = facts.marker(s)
        if info.style is not MarkerStyle.SEQUENCE:
            return True
        word = info.raw.rstrip(MARKER_PUNCTUATION)
        if word == "首先":
            # A lone 首先 in an opening is not a heading (corpus 064: 首先，我代表……),
            # nor one before the 首先 that heads the series (run together: 首先，我代表……
            # 表示欢迎！…… 首先，……。其次，……).
            after = [t for t in line.sentences if t.start > s.start and t.cue == "SEQUENCE_MARKER"]
            if after:
                return not facts.marker(after[0]).raw.startswith("首先") and (
                    facts.series_goes_on(line) or any(
                        facts.marker(t).ordinal in (2, 3) for t in after))
            if terminal_pattern("FIRST_PART_NAMED").match(self.text, s.cue_end, s.end) or (
                    self._after_announcement(line, s)):
                # 首先，讲第一个方面：……, or the first of the points a hand-over just
                # announced (……我希望你们能够做到以下几点： / 首先，……), the copy cut
                # before 其次 or not
                return True
            return facts.series_goes_on(line) and not facts.first_again(line)
        if word == "最后":
            # 最后，with points under it (OUTLINE rule 5) or ending a 首先 series.
            inline = next((facts.marker(t) for t in line.sentences
                           if t.start > s.start and t.cue in STYLE_OF_TERMINAL), None)
            nxt = facts.next_content_line(line)
            next_first = (facts.marker(nxt.sentences[0])
                          if nxt and nxt.sentences[0].cue in STYLE_OF_TERMINAL else None)
            announces = speaks_a_count(self.text, s.cue_end, s.end)
            if announces and self.in_opening and not (self.sequence_seen or self.agenda_seen):
                # 最后，我再讲四点意见。 before any heading or step: the hand-over to the
                # parts, in the word a speech ends with (rule 5's coda comes after the
                # parts, and a chair's after the steps).
                return False
            has_points = (inline is not None and inline.ordinal == 1) or (
                next_first is not None and next_first.ordinal == 1) or (
                # 最后，我再强调一点：…… announces its point (OUTLINE rule 5)
                announces)
            return has_points or self.sequence_seen
        return True

    def is_last_word_hand_over(self, line: Line, s: Sentence) -> bool:
        """最后，我再讲四点意见。 in the opening, before any heading or step: the
        hand-over to the parts, said in the word a speech ends with."""
        return s.cue == "SEQUENCE_MARKER" and self.in_opening and not self.is_heading_start(
            line, s) and speaks_a_count(self.text, s.cue_end, s.end)

    def ends_line_as_next_part(self, line: Line, run: Run, body_follows: bool) -> bool:
        """……落实到每一项。二、找准节点，严格依法组织换届。 and its body on the next line:
        a standalone heading (一、 （一） 1.) whose title ends the line, numbered next
        after the series' last heading, which stood on its own line. A copy lost the
        break before it (OUTLINE: "a heading can start anywhere in a line")."""
        index, info = run[0]
        if len(run) != 1 or index != len(line.sentences) - 1 or not body_follows or (
                info.style not in STANDALONE_RANK):
            return False
        before = self.standalone_headings.get(info.key)
        return before is not None and continues(before, info)

    def run_is_paragraphs(self, line: Line, run: Run) -> bool:
        """In a flattened line, whether a marker run is the speaker's paragraphs.

        Ranked styles (一、 （一）) always are; a floating style is where a space marks
        the lost break (corpus 074), where its items are as long as paragraphs
        (corpus 064) or have bodies of their own (corpus 202), not where they are a short
        list (其一……其二……, corpus 046) or an agenda's items.
        """
        head_index, head = run[0]
        if not self.is_heading_start(line, line.sentences[head_index]):
            return False
        before = self.text[head.start - 1] if head.start else "\n"
        if head.style in STANDALONE_RANK:
            if head.ordinal != 1 and is_enclosed(head.raw[0]) and before not in SPACES:
                # ……决不是战斗。”⑺科学的东西: a one-character ⑺ glued after a stop, no
                # series before it, is a note's call-out in a web copy (corpus 210), not
                # a paragraph the speaker began.
                return False
            return not (self.counted_list(line, run) or self.semicolon_items(line, run))
        if before in SPACES:
            # (Not the items of an agenda declared right before them, 共有七项日程： 一是
            # 请……讲话 二是请……: the agenda's reading decides what those are.)
            return not agenda_declared_before(line, head_index)
        if len(run) < 2:
            return head.ordinal == 1 and self.cut_in_first_point(line, head_index)
        mean = (run[-1][1].start - head.start) / (len(run) - 1)
        return mean >= _PARAGRAPH_ITEM_CHARS or self.items_have_bodies(line, run)

    @staticmethod
    def items_have_bodies(line: Line, run: Run) -> bool:
        """一是领导重视。县委……。各乡镇……。二是……: every member but the last a title
        sentence that ends in a full stop, then a body of its own before the next member.
        Run together, such items are the speaker's paragraphs, while one-sentence items
        after a lead-in stay its list (gold NOTES: one-line texts are paragraphed as
        published, corpus 202)."""
        return all(
            stop_mark(line.sentences[index]) in _TITLE_STOPS and after > index + 1
            for (index, _), (after, _) in pairwise(run))

    def cut_in_first_point(self, line: Line, index: int) -> bool:
        """一是 and its body, then the copy stops mid-sentence (……一是加快……调整。通过几年):
        the first of the speaker's points, its paragraph cut off before 二是 (corpora 106,
        116: a lone 一是 at the cut is a heading). No marker after it in the line."""
        sentences = line.sentences
        return index < len(sentences) - 1 and not sentences[-1].stop and not any(
            s.cue in STYLE_OF_TERMINAL for s in sentences[index + 1:]) and (
            self.facts.copy_stops_after(line))

    def counted_list(self, line: Line, run: Run) -> bool:
        """A lead-in that counts what follows (大会有两项议程： / 现在我宣布三条纪律：) and
        as many members right after it, each one sentence, none with a body: the lead's
        list, read out in one paragraph, even where ranked markers number it (gold NOTES
        130: a preview 1、…2、…3、 is part of its [议程]); a point of a speech has a body."""
        head_index = run[0][0]
        if any(index != head_index + position for position, (index, _) in enumerate(run)):
            return False
        lead = self.colon_lead(line, head_index)
        return lead is not None and declared_count(self.text[lead.start:lead.end])[1] == len(run)

    @staticmethod
    def semicolon_items(line: Line, run: Run) -> bool:
        """Members one sentence each, one right after another, all but the last ending in
        a semicolon (议程共八项：1.……；2.……；3.……。): a list's items, read out in one
        paragraph, not the speaker's paragraphs (CONVENTIONS: enumerations)."""
        head_index = run[0][0]
        return len(run) >= 2 and all(
            index == head_index + position for position, (index, _) in enumerate(run)) and all(
            stop_mark(line.sentences[index]) in ("；", ";") for index, _ in run[:-1])

    @staticmethod
    def colon_lead(line: Line, index: int) -> Sentence | None:
        """The sentence before sentence ``index`` when it ends in a colon: a lead-in to
        what follows it (……三条纪律：1.……)."""
        if index == 0:
            return None
        lead = line.sentences[index - 1]
        return lead if stop_mark(lead) in ("：", ":") else None

    def split_off_counted_lists(self, line: Line, splits: list[tuple[int, int, str]],
                                enumerations: list[EnumerationInfo]) -> None:
        """A list in an agenda's paragraph whose lead counts something else (共有九项
        议程。……现在我宣布三条纪律：1.……) is no preview of the agenda: its lead starts a
        paragraph of its own, under the agenda, that holds the list (an agenda's
        preview is part of it, gold NOTES 130)."""
        for enumeration in enumerations:
            if enumeration.declared_count is None:
                continue
            lead = max((index for index, s in enumerate(line.sentences)
                        if s.start < enumeration.start), default=None)
            piece = max((split for split in splits if split[1] <= (lead or 0)),
                        key=lambda split: split[0], default=None)
            if lead is None or piece is None or piece[2] != "agenda" or piece[1] == lead:
                continue
            agenda = line.sentences[piece[1]]
            if declared_count(self.text[agenda.start:agenda.cue_end])[1] not in (
                    None, enumeration.declared_count):
                splits.append((line.sentences[lead].start, lead, "paragraph"))

    def enumeration(self, line: Line, run: Run) -> EnumerationInfo:
        items = []
        for position, (index, info) in enumerate(run):
            if position + 1 < len(run):
                end = line.sentences[run[position + 1][0]].start
            else:
                end = line.sentences[index].end
            items.append((info, info.start, end))
        count = None
        counted = None
        lead = self.colon_lead(line, run[0][0])
        if lead is not None:
            count = declared_count(self.text[lead.start:lead.end])[1]
            counted = counted_in(self.text, lead.start, lead.end)
        return EnumerationInfo(start=items[0][1], end=items[-1][2], declared_count=count,
                               items=items, count=counted)

    def with_clause_lists(self, line: Line, enumerations: list[EnumerationInfo],
                          excluded: set[int]) -> list[EnumerationInfo]:
        """Add the lists whose items open clauses inside a sentence (parse/clauses.py)."""
        found = clause_lists(self.text, line, self.facts.marker, excluded)
        if not found:
            return enumerations
        for items in found:
            start, end = items[0][1], items[-1][2]
            if any(e.start < end and start < e.end for e in enumerations):
                continue  # overlaps a list found sentence by sentence
            enumerations.append(EnumerationInfo(
                start=start, end=end, declared_count=self.lead_count(start), items=items,
                reason="markers open clauses inside a sentence and count up from one"))
        enumerations.sort(key=lambda e: e.start)
        return enumerations

    def clause_list_opens(self, line: Line) -> bool:
        """Whether the marker that opens ``line`` heads a list whose next member opens a
        clause of the same sentence (一是稳就业，二是办教育，……)."""
        first = line.sentences[0]
        if not has_second_member(self.text, first.start, first.end):
            return False  # most headings: their sentence holds no 二/其次/最后 at all
        return any(items[0][1] == first.start and len(items) >= 2 and items[1][1] < first.end
                   for items in clause_lists(self.text, line, self.facts.marker, set()))

    def lead_count(self, start: int) -> int | None:
        """The count a lead-in declares right before a list (……三道防线：第一道……)."""
        before = self.text[max(0, start - 40):start].rstrip(" \u3000“\"")
        if not before.endswith(("：", ":")):
            return None
        lead = re.split(r"[。！？；!?;]", before[:-1])[-1]
        return declared_count(lead)[1]


def sentences_cue(line: Line, index: int) -> str:
    return line.sentences[index].cue or ""
