"""Stage 3: lines of cued sentences → a flat run of typed pieces (blocks).

The grammar says what each part *looks like*; this stage decides what a cue *means*
where it stands, using the context a reader uses:

* front matter: which lines before the address are titles (front_lines.py, front.py);
* a vocative opens the speech or a part (``同志们：``), re-addresses the audience as
  a sentence of its own (``同志们！``), or is just the start of a sentence
  (``同志们，让我们……``), which is body text — except as the very first line (corpus 028);
* a transition counts only in an opening, where points follow (transitions.py);
* an agenda is declared, its steps carried out or only previewed (agenda_kinds.py);
* a marker in the middle of a paragraph starts a heading when its series goes on at
  the start of the next paragraph or when the transition just before announced it
  (OUTLINE: "A heading may start in the middle of a paragraph"); otherwise two or more
  of them make an inline enumeration ([列举]), one alone is just text;
* a lone ``首先，`` is no heading; a ``最后，`` with no points under it closes (series.py);
* the closing is found from the end (closings.py).

A piece is a slice ``[start, end)`` of the input plus its line ending; nesting is next.
"""

from __future__ import annotations

from jianghua.numerals import number_value
from jianghua.parse.agenda_kinds import AgendaKinds
from jianghua.parse.bare_ordinals import read_bare_ordinals
from jianghua.parse.block_values import BlockValues
from jianghua.parse.edges import SpeechFacts
from jianghua.parse.front import FrontMatter
from jianghua.parse.glued import glued_numbered_list, restore_lost_breaks
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import STYLE_OF_TERMINAL, MarkerInfo
from jianghua.parse.pieces import Block, EnumerationInfo, Split, ordered_splits
from jianghua.parse.salutations import Salutations
from jianghua.parse.series import InlineSeries
from jianghua.parse.speakers import read_past_speaker_tags
from jianghua.parse.transitions import Transitions


class _Builder(FrontMatter, AgendaKinds, InlineSeries, Transitions, Salutations, BlockValues):
    def __init__(self, text: str, lines: list[Line]) -> None:
        self.text = text
        self.lines = lines
        self.facts = SpeechFacts(text, lines)
        self.blocks: list[Block] = []
        self.open_speech()
        self.steps_follow = False
        self.sequence_seen = False  # a 首先/其次 heading was emitted: a 最后 may end it
        self.announced_line = 0  # the line whose hand-over ends in a colon (……以下几点：)
        self.standalone_headings: dict[str, MarkerInfo] = {}
        # Why each piece is what it is, by its start (``jianghua tree --explain``).
        self.reasons: dict[int, str] = {}
        self.first_part: dict[int, int] = {}  # line → index of its first part heading
        self.reason = ""

    def open_speech(self) -> None:
        """The state a speech starts in: the text's first, or a collection's next after
        its title (page_runs.py)."""
        self.in_opening = True  # no heading yet since the speech or its part began
        # After 会议有三项议程 and before its first step, numbered lines preview the
        # items: part of the announcement, or the items themselves if no step follows
        # (OUTLINE: Agendas and closings; corpus 067).
        self.previewing = False
        self.preview_rank: int | None = None
        # The line whose announcement listed its items itself (……有三项：一是……；二是……；
        # 最后，……): numbered lines after it preview nothing more.
        self.listed_at = 0
        self.stepped = False  # a step was carried out (awards called up are its sub-steps)
        self.award_call: MarkerInfo | None = None
        self.addressed = False  # the speech's opening address was found
        self.started = False  # any speech content emitted (for a comma-ended salutation)
        self.document_front = False  # between a collection's next title and its speech
        self.closed = False
        # An agenda or a step was emitted since the speech's or its part's address; an
        # agenda was announced since then.
        self.agenda_seen = self.agenda_declared = False
        # The opening's hand-over was found: a lead-in after it (现将……总结如下：) is body.
        self.handed_over = False

    # ------------------------------------------------------------------ build ----
    def build(self) -> list[Block]:
        facts = self.facts
        for line in self.lines:
            if line.is_blank and line.start == line.end and not line.eol:
                continue  # after the final line ending: no line at all (and "" is none)
            if line.is_blank:
                self.emit("blank", line.start, line.end, line.eol, line)
            elif line.number <= facts.front_end:
                # Front matter (a date, a byline, a speaker) has not started the speech:
                # a comma-ended salutation may still open it (corpus 134).
                started = self.started
                kind = facts.front_kind(line)
                block = self.emit(kind, line.start, line.end, line.eol, line,
                                  sentences=line.sentences,
                                  text_value=facts.front_title(line))
                block.reason = ("front matter: a short line before the speech that names it"
                                if kind == "title" else
                                "front matter, not a title (a date, byline or speaker)")
                self.started = started
            elif line.number in facts.document_lines:
                # The next speech's title: that speech opens afresh (page_runs.py).
                block = self.emit("title", line.start, line.end, line.eol, line,
                                  sentences=line.sentences, text_value=facts.front_title(line))
                block.reason = "a title mid-text before an address: the next speech begins"
                self.open_speech()
                self.document_front = True
            elif self.document_front and facts.is_byline(line):
                # 【2】……主持词 / 主持人×××： / 各位会员，……: the next speech's byline is its
                # front matter, and a comma address after it still opens that speech.
                self.emit("paragraph", line.start, line.end, line.eol, line,
                          sentences=line.sentences).reason = "front matter of the next speech"
                self.started = False
            else:
                self.document_front = False
                if line.number in facts.address_documents:
                    self.open_speech()  # the next speech's address (page_runs.py)
                self.build_line(line)
        return self.blocks

    def build_line(self, line: Line) -> None:
        sentences = line.sentences
        closing_at = self.facts.closing_at
        closing_starts = self.facts.closing_starts
        handover_starts = self.facts.handover_starts
        splits: list[Split] = []
        transition_index: int | None = None
        heading_at_start = False
        begin = 0 if self.started else self.peel_front_matter(line, splits)
        if begin >= len(sentences) and not self.started:
            # The whole line is front matter (a title, a blurb quoting the speech's list:
            # 【导  读】……第一类是……第二类是……): it holds no heading and no list.
            self.emit_pieces(line, ordered_splits(splits, sentences), [])
            return
        if begin < len(sentences) and self.split_address_before_agenda(line, begin):
            sentences = line.sentences
        last = len(sentences) - 1
        for index in range(begin, len(sentences)):
            s = sentences[index]
            if s.cue is None and begin < index < last and s.start not in closing_starts and (
                    s.start not in handover_starts) and not (
                    sentences[index + 1].cue in STYLE_OF_TERMINAL and (
                        s.stop in ("：", ":") or self.speaker_hands_over(s))):
                # Inside a paragraph a sentence without a cue starts nothing: of
                # sentence_kind's rules only the closing, an unnumbered step, the first
                # sentence and a lead-in that ends the line or a marker's sentence apply
                # to it (most sentences: benchmark) — a lead-in ending in its colon, or
                # the speaker saying what he will do (……我再重点讲“四个强化”……。一、……).
                continue
            # (党八股的第二条罪状是：: the marker after its subject opens the paragraph)
            opens = index == begin or (index == begin + 1
                                       and sentences[begin].cue == "MARKER_PREFIX")
            kind = self.sentence_kind(line, index, s, first=opens)
            if kind is None:
                continue
            if kind == "transition":
                transition_index = index
            if kind == "heading" and index == 0:
                heading_at_start = True
            if kind == "title":
                # A title run together before the address is read as any such title line
                # is, page code before it cut off (……ar-SA } 市长在……上的讲话 同志们：).
                self.title_lines(s.start, s.end, index, splits, self.reason)
                continue
            address = self.address_starts_later(s) if kind == "salutation" else None
            if address is not None:
                # 国务院总理 某某各位代表：: the speaker's line before the address is text
                splits.append((s.start, index, "paragraph"))
                splits.append((address, index, kind))
                self.reasons[address] = self.reason
                if self.split_after_vocative(line, s, index, splits):
                    transition_index = index
                continue
            splits.append((s.start, index, kind))
            self.reasons[s.start] = self.reason
            if kind == "salutation" and self.split_after_vocative(line, s, index, splits):
                transition_index = index
            if kind == "transition" and index + 1 < len(sentences):
                splits.append((s.end, index + 1, "paragraph"))
        self.list_opens_line = False
        headings, runs = self.resolve_inline(line, transition_index, heading_at_start)
        glued = glued_numbered_list(self.text, line) if heading_at_start else []
        # ……发言顺序：1、市中院2、市检察院3、……, run together after its lead: the same list.
        inside = None if glued else next(((index, found) for index in sorted(headings) if (
            found := glued_numbered_list(self.text, line, index))), None)
        if glued:
            headings, runs = {}, []
            self.list_opens_line = True
        elif inside:  # its own paragraph, as on a line of its own (gold NOTES 102)
            del headings[inside[0]]
            splits.append((sentences[inside[0]].start, inside[0], "paragraph"))
        elif heading_at_start and not headings and self.clause_list_opens(line):
            # 一是稳就业，二是办教育，三是……: the series goes on in the opening sentence
            # itself, so the paragraph is its list (CONVENTIONS: enumerations).
            self.list_opens_line = True
        if self.list_opens_line:
            # The paragraph holds the whole series: its opening marker heads a list, not a
            # heading (CONVENTIONS: enumerations inside paragraphs; corpus 215).
            splits[:] = [(offset, index, "paragraph" if index == 0 else kind)
                         for offset, index, kind in splits]
            self.reasons[sentences[0].start] = ""
        taken = {index for _, index, kind in splits if kind != "paragraph"}
        for index in sorted(headings):
            if closing_at is None or sentences[index].start < closing_at:
                splits.append((sentences[index].start, index, "heading"))
                self.reasons[sentences[index].start] = headings[index]
        enumerations = [self.enumeration(line, run) for run in runs
                        if all(index not in taken and index not in headings
                               for index, _ in run)]
        claimed = {index for _, index, kind in splits if kind != "paragraph"} | set(headings)
        enumerations = self.with_clause_lists(line, enumerations, claimed)
        self.split_off_counted_lists(line, splits, enumerations)
        listed = glued or (inside[1] if inside else [])
        if listed:
            enumerations = sorted([*(enumerations if inside else []), EnumerationInfo(
                start=listed[0][1], end=listed[-1][2], declared_count=None, items=listed,
                reason="1、…2、…3、 glued into one line: a list, not headings")],
                key=lambda enumeration: enumeration.start)
        # A list has two items or more (the model's rule): a lone preview item is none.
        self.emit_pieces(line, ordered_splits(splits, sentences),
                         [e for e in enumerations if len(e.items) >= 2])

    def emit_pieces(self, line: Line, ordered: list[Split],
                    enumerations: list[EnumerationInfo]) -> None:
        sentences = line.sentences
        pending = 0  # enumerations are sorted, and so are pieces: one sweep
        for position, (offset, index, kind) in enumerate(ordered):
            start = line.start if position == 0 else offset
            last = position + 1 == len(ordered)
            end = line.end if last else ordered[position + 1][0]
            # Sentences of this piece: from its split's sentence up to the next split's,
            # including that one when the next split falls inside it (a salutation).
            stop = len(sentences)
            if not last:
                next_offset, next_index, _ = ordered[position + 1]
                stop = next_index if sentences[next_index].start == next_offset else next_index + 1
            block = self.emit(kind, start, end, line.eol if last else "", line,
                              sentences=sentences[index:stop])
            block.reason = self.reasons.get(offset, "")
            mine = []
            while pending < len(enumerations) and enumerations[pending].start < end:
                if start <= enumerations[pending].start and enumerations[pending].end <= end:
                    mine.append(enumerations[pending])
                pending += 1
            if kind != "agenda":  # an agenda's inline preview is part of it (gold NOTES)
                block.enumerations = mine
            self.describe(block, offset)
            block.sentences = []  # described: later stages read only the block's fields

    # --------------------------------------------------------------- decisions --
    def sentence_kind(self, line: Line, index: int, s: Sentence, *, first: bool) -> str | None:
        """The kind of piece that sentence ``index`` starts, or None (no split).

        ``self.reason`` says why, for ``jianghua tree --explain``.
        """
        facts = self.facts
        because = self.because
        closing = facts.closing_starts.get(s.start)
        if closing is not None:
            self.closed = True
            return because("closing", closing)
        if first and line.number in facts.part_lines:
            self.closed = False  # a chair's next part: its closing is still to come
        if s.cue == "TITLE_HEAD" and not first and self.titles_the_address(line, index):
            return because("title", "TITLE_HEAD right before the speech's first address, "
                                    "run together")
        if s.cue == "POINTS_RECAP":  # (run together: glued.py marked it)
            return because("paragraph", "POINTS_RECAP sums up the points: a paragraph")
        if line.number >= facts.back_block_line:
            return because("paragraph", "the page's back matter (相关文章 …)") if first else None
        if s.cue == "VOCATIVE" and (
                kind := self.salutation_kind(line, index, s, first=first)) is not None:
            return kind
        if self.closed:
            return because("paragraph", "after the closing") if first else None
        decided, kind = self.agenda_kind(line, index, s, first=first)
        if decided:
            return kind
        # Asked only where it can matter: a transition, or anything in the opening.
        headings_follow = (s.cue == "TRANSITION" or self.in_opening) and self.points_follow(
            line, index, s)
        if s.cue == "TRANSITION" and headings_follow and self.is_second_transition(
                line, index, s):
            return because("transition", "TRANSITION that adds (AGAIN) after the body began")
        # (A report's formula among a chair's steps is what a step holds: 第三项议程：宣布
        # 候选人名单 主持人：我代表选举委员会向大会报告……情况。)
        if self.in_opening and (headings_follow or (
                self.opens_a_report(s) and not self.agenda_seen)) and (
                not self.part_open_in_line(line, index)) and not self.after_the_hand_over(s):
            # (A colon ending the hand-over announces the points: a lone 首先 after it
            # is the first of them, series.py.)
            if s.cue == "TRANSITION" and not self.reads_the_rules(s) and (
                    not self.hands_over_later_in_line(line, index)):
                self.announced_line = line.number if s.stop in "：:" else 0
                return because("transition", "TRANSITION in the opening, headings follow "
                                             "or a report opens (REPORT_FORMULA)")
            if self.is_transition_after_vocative(s):
                return because("transition", "TRANSITION after an address, in the opening")
            if self.is_lead_in_to_first_heading(line, index, s):
                self.announced_line = line.number if s.stop in "：:" else 0
                return because("transition", "lead-in ending in a colon before the first heading")
        if self.is_last_word_hand_over(line, s):  # (OUTLINE rule 5's coda follows parts)
            return because("transition", "最后 announcing the points before any heading")
        if first and line.number in facts.preview_lines:
            return because("paragraph", "previews the parts that follow (OUTLINE rule 8)")
        if first and s.cue in STYLE_OF_TERMINAL and self.numbers_its_step(line, index, s):
            return because("paragraph", f"{s.cue} numbers the step its paragraph carries out "
                                        "(……下面，大会进行第一项：……): the step, no heading")
        if first and s.cue in STYLE_OF_TERMINAL and self.numbers_the_speech(line, s):
            return because("paragraph", "a bare number before the first address: the "
                                        "collection item's label, no heading")
        if first and s.cue in STYLE_OF_TERMINAL and self.is_heading_start(line, s):
            self.in_opening = False
            return because("heading", f"{s.cue} opens a paragraph")
        return because("paragraph", "") if first else None

    def because(self, kind: str, reason: str) -> str:
        self.reason = reason
        self.handed_over = self.handed_over or kind == "transition"
        if kind in ("agenda", "agenda_item"):
            self.agenda_seen = True  # for what follows on its line, too (run-together)
            self.agenda_declared = self.agenda_declared or kind == "agenda"
        return kind

    # ------------------------------------------------------------------ pieces ---
    def emit(self, kind: str, start: int, end: int, eol: str, line: Line, *,
             sentences: list[Sentence] | None = None, text_value: str = "") -> Block:
        if kind not in ("blank", "title"):
            self.started = True
        if kind in ("agenda", "agenda_item"):
            self.agenda_seen = True
            if kind == "agenda_item":
                self.stepped = True
        opens_part = kind == "heading" and line.number in self.facts.part_lines
        if opens_part:
            self.in_opening = True  # the part opens with its own address and agenda
            self.handed_over = False
        if opens_part or kind == "transition" or (
                kind == "paragraph" and sentences and sentences[0].cue == "VOCATIVE"):
            # the chair's own points follow a transition, or his turning to the audience
            # (同志们，今天我们……召开了……会议。 then 一是……): no step of the preview
            self.previewing = False
        block = Block(kind=kind, start=start, end=end, eol=eol, line=line.number,
                      sentences=sentences or [], text_value=text_value, opens_part=opens_part,
                      sentence_count=len(sentences or []))
        if kind == "paragraph" and (recap := terminal_pattern("POINTS_RECAP").match(
                self.text, max(start, line.content_start), end)):
            counted = terminal_pattern("COUNT").search(self.text, recap.start(), recap.end())
            block.sums_up = number_value(counted.group()) if counted else None
        if kind == "paragraph" and self.stepped and sentences:
            first = sentences[0]
            block.resumes = terminal_pattern("CHAIR_RESUMES").match(
                self.text, first.cue_end if first.cue == "VOCATIVE" else max(
                    start, line.content_start)) is not None
        self.blocks.append(block)
        return block


def build_blocks(text: str, lines: list[Line]) -> list[Block]:
    """Cut the lines into typed pieces. Pure: same text, same blocks."""
    read_past_speaker_tags(text, lines)
    restore_lost_breaks(text, lines)
    read_bare_ordinals(text, lines)
    return _Builder(text, lines).build()
