"""Stage 3: lines of cued sentences → a flat run of typed pieces (blocks).

The grammar says what each part *looks like*; this stage decides what a cue *means*
where it stands, using the context a reader uses:

* front matter: the short unpunctuated lines before the speech proper are titles; a
  date line and a speaker line are front matter but not titles (gold/corpus NOTES);
* a vocative opens the speech or a part (``同志们：``), re-addresses the audience as
  a sentence of its own (``同志们！``), or is just the start of a sentence
  (``同志们，让我们……``), which is body text — except as the very first line (corpus 028);
* a transition counts only in an opening (before the first heading of its part) and
  only when headings follow;
* a marker in the middle of a paragraph starts a heading when its series goes on at
  the start of the next paragraph or when the transition just before announced it
  (OUTLINE: "A heading may start in the middle of a paragraph"); otherwise two or more
  of them make an inline enumeration ([列举]), one alone is just text;
* a lone ``首先，`` is not a heading (corpus NOTES: no 其次/最后 series), and a
  ``最后，`` with no points under it at the end of a speech is the closing;
* the closing is found from the end: a closing formula, a call to action, or the
  text after a final re-address.

A piece never rewrites text: it is a slice ``[start, end)`` of the input plus the
line ending if the slice ends its line. Nesting is the next stage's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jianghua.model import STANDALONE_RANK, MarkerStyle
from jianghua.numerals import number_value
from jianghua.parse.clauses import clause_lists, split_glued_markers
from jianghua.parse.edges import EXCLAIM_OR_COLON, SENTENCE_END, SPACES, SpeechFacts
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import (
    MARKER_PUNCTUATION,
    STYLE_OF_TERMINAL,
    CountInfo,
    MarkerInfo,
    continues,
    counted_in,
    declared_count,
)

# A title is at least this long: a shorter genre-ending piece glued after a title
# continues it.
_MIN_TITLE_CHARS = 6
# A label glued before a title (文章标题:) is this short.
_MAX_LABEL_CHARS = 8
# A speaker's line (title and name) glued before a salutation is this short.
_MAX_SPEAKER_CHARS = 24
# A speaker's name (2–4 characters) glued before the salutation.
_MIN_NAME_CHARS, _MAX_NAME_CHARS = 2, 4
# In a flattened line, items this long on average are paragraphs, not a list.
_PARAGRAPH_ITEM_CHARS = 150
# A re-address in the middle of a paragraph is short (同志们！ / 各位同事：).
_MAX_INLINE_VOCATIVE_CHARS = 16


@dataclass(slots=True)
class EnumerationInfo:
    start: int
    end: int
    declared_count: int | None
    items: list[tuple[MarkerInfo, int, int]]  # marker, item start, item end
    reason: str = "markers count up from one, sentence by sentence, in one paragraph"
    count: CountInfo | None = None  # where declared_count is written


@dataclass(slots=True)
class Block:
    kind: str  # title salutation paragraph blank transition heading agenda agenda_item closing
    start: int
    end: int  # end of the text, before the line ending
    eol: str
    line: int
    sentences: list[Sentence] = field(default_factory=list)
    text_value: str = ""  # the tag text: title, salutation, sentence …
    marker: MarkerInfo | None = None
    standalone: bool = False
    declared_count: int | None = None
    ordinal: int | None = None
    enumerations: list[EnumerationInfo] = field(default_factory=list)
    reason: str = ""  # why the piece is of its kind (``jianghua tree --explain``)
    count: CountInfo | None = None  # where a declared count is written (checks read it)


_Run = list[tuple[int, MarkerInfo]]  # (sentence index, marker) of one marker series
_Split = tuple[int, int, str]  # (offset, sentence index, kind of piece starting there)


class _Builder:
    def __init__(self, text: str, lines: list[Line]) -> None:
        self.text = text
        self.lines = lines
        self.facts = SpeechFacts(text, lines)
        self.blocks: list[Block] = []
        self.in_opening = True  # no heading yet since the speech or its part began
        # After 会议有三项议程 and before its first step, numbered lines preview the
        # items: part of the announcement, or the items themselves if no step follows
        # (OUTLINE: Agendas and closings; corpus 067).
        self.previewing = False
        self.steps_follow = False
        self.started = False  # any speech content emitted (for a comma-ended salutation)
        self.closed = False
        self.sequence_seen = False  # a 首先/其次 heading was emitted: a 最后 may end it
        self.agenda_seen = False  # an agenda or a step was emitted: this is a chair's script
        # Why each piece is what it is, by its start (``jianghua tree --explain``).
        self.reasons: dict[int, str] = {}
        self.first_part: dict[int, int] = {}  # line → index of its first part heading
        self.reason = ""

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
                                  text_value=self.text[line.content_start:line.end].strip(SPACES))
                block.reason = ("front matter: a short line before the speech that names it"
                                if kind == "title" else
                                "front matter, not a title (a date, byline or speaker)")
                self.started = started
            else:
                self.build_line(line)
        return self.blocks

    def build_line(self, line: Line) -> None:
        sentences = line.sentences
        closing_at = self.facts.closing_at
        splits: list[_Split] = []
        transition_index: int | None = None
        heading_at_start = False
        begin = 0 if self.started else self.peel_front_matter(line, splits)
        for index in range(begin, len(sentences)):
            s = sentences[index]
            kind = self.sentence_kind(line, index, s, first=index == begin)
            if kind is None:
                continue
            if kind == "transition":
                transition_index = index
            if kind == "heading" and index == 0:
                heading_at_start = True
            splits.append((s.start, index, kind))
            self.reasons[s.start] = self.reason
            if kind == "salutation":
                self.split_after_vocative(s, index, splits)
            if kind == "transition" and index + 1 < len(sentences):
                splits.append((s.end, index + 1, "paragraph"))
        self.list_opens_line = False
        headings, runs = self.resolve_inline(line, transition_index, heading_at_start)
        if self.list_opens_line:
            # The paragraph holds the whole series: its opening marker heads a list, not a
            # heading (CONVENTIONS: enumerations inside paragraphs; corpus 215).
            splits[:] = [(offset, index, "paragraph" if index == 0 else kind)
                         for offset, index, kind in splits]
            self.reasons[sentences[0].start] = ""
        taken = {index for _, index, kind in splits if kind != "paragraph" or index != 0}
        for index in sorted(headings):
            if closing_at is None or sentences[index].start < closing_at:
                splits.append((sentences[index].start, index, "heading"))
                self.reasons[sentences[index].start] = headings[index]
        enumerations = [self.enumeration(line, run) for run in runs
                        if all(index not in taken and index not in headings
                               for index, _ in run)]
        claimed = {index for _, index, kind in splits if kind != "paragraph"} | set(headings)
        enumerations = self.with_clause_lists(line, enumerations, claimed)
        self.emit_pieces(line, _ordered(splits, sentences), enumerations)

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

    def lead_count(self, start: int) -> int | None:
        """The count a lead-in declares right before a list (……三道防线：第一道……)."""
        before = self.text[max(0, start - 40):start].rstrip(" \u3000“\"")
        if not before.endswith(("：", ":")):
            return None
        lead = re.split(r"[。！？；!?;]", before[:-1])[-1]
        return declared_count(lead)[1]

    def split_after_vocative(self, s: Sentence, index: int, splits: list[_Split]) -> None:
        """What follows a salutation in its sentence is body text, or the closing."""
        rest = self.text[s.cue_end:s.end]
        if not rest.strip(SPACES):
            return
        rest_start = s.cue_end + len(rest) - len(rest.lstrip(SPACES))
        closing_at = self.facts.closing_at
        if closing_at in (s.cue_end, rest_start):
            self.closed = True
            splits.append((closing_at, index, "closing"))  # type: ignore[arg-type]
        else:
            splits.append((s.cue_end, index, "paragraph"))

    def emit_pieces(self, line: Line, ordered: list[_Split],
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

    def peel_front_matter(self, line: Line, splits: list[_Split]) -> int:
        """Split a title, date and label glued before the salutation (corpora 034,
        044, 064); returns the index of the first sentence of the speech proper."""
        sentences = line.sentences
        index = 0
        while index < len(sentences):
            s = sentences[index]
            glued_label = (s.cue is None and index + 1 < len(sentences)
                           and sentences[index + 1].cue == "TITLE_HEAD"
                           and s.end - s.start <= _MAX_LABEL_CHARS)
            if s.cue == "TITLE_HEAD" and index and sentences[index - 1].cue == "TITLE_HEAD" \
                    and len(self.text[s.start:s.cue_end].strip(SPACES)) < _MIN_TITLE_CHARS:
                index += 1  # ……讲话 + 精神发言稿: the rest of one title (corpus 128), which a
                continue    # repeated page title (……讲话……讲话, 034) is not
            if s.cue == "TITLE_HEAD" or glued_label:
                page = terminal_pattern("PAGE_MARKER").search(self.text, s.start, s.cue_end)
                title_at = s.start
                if page is not None and not self.text[s.start:page.start()].strip(SPACES):
                    splits.append((s.start, index, "paragraph"))  # a viewer's page marker
                    title_at = page.end()
                splits.append((title_at, index, "title"))
                self.reasons[title_at] = "TITLE_HEAD glued before the salutation or date"
                dash = terminal_pattern("SUBTITLE_DASH").search(self.text, s.start + 2, s.end)
                if dash is not None:
                    # ……合作——在……上的讲话: a subtitle is a title line of its own (208).
                    splits.append((dash.start(), index, "title"))
                    self.reasons[dash.start()] = "TITLE_HEAD: the subtitle after the dash"
                index += 2 if glued_label else 1  # 文章标题: + the title: one [标题]
            elif s.cue == "DATE_LINE":
                splits.append((s.start, index, "paragraph"))
                index += 1
            elif s.cue in (None, "VOCATIVE") and index and sentences[index - 1].cue == (
                    "DATE_LINE") and self.split_speaker_from_salutation(line, index):
                vocative = sentences[index + 1]  # the sentence is now speaker + salutation
                splits.append((s.start, index, "paragraph"))
                splits.append((vocative.start, index + 1, "salutation"))
                self.reasons[vocative.start] = "VOCATIVE after the date and the speaker"
                if self.text[vocative.cue_end:vocative.end].strip(SPACES):
                    splits.append((vocative.cue_end, index + 1, "paragraph"))
                self.started = True
                return index + 2
            elif s.cue == "VOCATIVE" and index and sentences[index - 1].cue == "DATE_LINE":
                # The speaker's name glued after the date: 习近平同志们： (corpus 064).
                address = terminal_pattern("ADDRESS_WORD").search(self.text, s.start, s.cue_end)
                name_length = address.start() - s.start if address else 0
                if address is None or not _MIN_NAME_CHARS <= name_length <= _MAX_NAME_CHARS:
                    break
                splits.append((s.start, index, "paragraph"))
                splits.append((address.start(), index, "salutation"))
                self.reasons[address.start()] = "VOCATIVE after the date and the speaker's name"
                if self.text[s.cue_end:s.end].strip(SPACES):
                    splits.append((s.cue_end, index, "paragraph"))
                self.started = True
                return index + 1
            else:
                break
        return index

    def split_speaker_from_salutation(self, line: Line, index: int) -> bool:
        """中华人民共和国主席 习近平尊敬的普京总统，……： after the date: the speaker's line
        glued to a salutation that opens with 尊敬的/各位…… (corpus 208). Splits the
        sentence where the salutation starts, so it is read as a vocative."""
        s = line.sentences[index]
        prefix = terminal_pattern("ADDRESS_PREFIX").search(
            self.text, s.start, min(s.end, s.start + _MAX_SPEAKER_CHARS))
        if prefix is None or prefix.start() == s.start:
            return False
        vocative = terminal_pattern("VOCATIVE").match(self.text, prefix.start(), s.end)
        if vocative is None:
            return False
        line.sentences[index:index + 1] = [
            Sentence(start=s.start, end=prefix.start(), cue=None, cue_end=s.start, stop=""),
            Sentence(start=prefix.start(), end=s.end, cue="VOCATIVE", cue_end=vocative.end(),
                     stop=s.stop)]
        return True

    # ------------------------------------------------------------ inline series --
    def marker_sentences(self, line: Line) -> list[tuple[int, MarkerInfo]]:
        marker = self.facts.marker
        return [(i, marker(s)) for i, s in enumerate(line.sentences)
                if s.cue in STYLE_OF_TERMINAL]

    def resolve_inline(self, line: Line, transition_index: int | None,
                       heading_at_start: bool) -> tuple[dict[int, str], list[_Run]]:
        """Which mid-line markers start headings (with why), and which runs are
        enumerations."""
        markers = self.marker_sentences(line)
        if not markers or (len(markers) == 1 and markers[0][0] == 0):
            return {}, []
        first = markers[0] if markers[0][0] == 0 and heading_at_start else None
        runs: list[_Run] = []
        # The latest run by what would continue it: (key, next ordinal), and (key, None)
        # for a 最后 that ends a 首先/其次 series — one lookup per marker, not a scan.
        waiting: dict[tuple[str, int | None], _Run] = {}
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
        enumerations: list[_Run] = []
        for run in runs:
            head_index, head = run[0]
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
            elif announced:
                reason = "mid-paragraph, announced by the transition before it"
            elif flattened and self.run_is_paragraphs(line, run):
                reason = "run-together text: where the speaker's paragraph began"
            elif len(run) >= 2 and head.ordinal == 1:
                enumerations.append(run)
            if reason:
                headings.update((index, f"{sentences_cue(line, index)} {reason}")
                                for index, _ in run)
        return headings, enumerations

    def run_is_paragraphs(self, line: Line, run: _Run) -> bool:
        """In a flattened line, whether a marker run is the speaker's paragraphs.

        Ranked styles (一、 （一）) always are; a floating style is where a space marks
        the lost break (corpus 074) or where its items are as long as paragraphs
        (corpus 064), not where they are a short list (其一……其二……, corpus 046).
        """
        head_index, head = run[0]
        if not self.is_heading_start(line, line.sentences[head_index]):
            return False
        if head.style in STANDALONE_RANK:
            return True
        before = self.text[head.start - 1] if head.start else "\n"
        if before in SPACES:
            return True
        if len(run) < 2:
            return False
        mean = (run[-1][1].start - head.start) / (len(run) - 1)
        return mean >= _PARAGRAPH_ITEM_CHARS

    def enumeration(self, line: Line, run: _Run) -> EnumerationInfo:
        items = []
        for position, (index, info) in enumerate(run):
            if position + 1 < len(run):
                end = line.sentences[run[position + 1][0]].start
            else:
                end = line.sentences[index].end
            items.append((info, info.start, end))
        lead_index = run[0][0] - 1
        count = None
        counted = None
        if lead_index >= 0:
            lead = line.sentences[lead_index]
            if lead.stop.rstrip(SPACES)[-1:] in ("：", ":"):
                count = declared_count(self.text[lead.start:lead.end])[1]
                counted = counted_in(self.text, lead.start, lead.end)
        return EnumerationInfo(start=items[0][1], end=items[-1][2], declared_count=count,
                               items=items, count=counted)

    # --------------------------------------------------------------- decisions --
    def sentence_kind(self, line: Line, index: int, s: Sentence, *, first: bool) -> str | None:
        """The kind of piece that sentence ``index`` starts, or None (no split).

        ``self.reason`` says why, for ``jianghua tree --explain``.
        """
        facts = self.facts
        because = self.because
        if s.start == facts.closing_at:
            self.closed = True
            return because("closing", facts.closing_reason)
        if s.cue == "VOCATIVE":
            ending = self.text[s.cue_end - 1]
            if first and (ending in EXCLAIM_OR_COLON or not self.started):
                self.in_opening = True
                return because("salutation", "VOCATIVE, opens the speech or a part")
            if facts.is_own_vocative(s) and s.cue_end - s.start <= _MAX_INLINE_VOCATIVE_CHARS:
                return because("salutation", "VOCATIVE, a sentence of its own: a re-address")
        if self.closed:
            return because("paragraph", "after the closing") if first else None
        if s.cue == "AGENDA_DECL" and facts.agenda_named and not terminal_pattern(
                "AGENDA_NAME").search(self.text, s.start, s.cue_end):
            # 主要内容有三项 where the 议程 is declared too: its contents, not the agenda.
            return because("paragraph", "counts 内容 where the 议程 is declared") if first else None
        if s.cue == "AGENDA_DECL":
            self.in_opening = True
            self.previewing = True
            self.steps_follow = facts.steps_follow(line) or any(
                t.cue == "AGENDA_STEP" for t in line.sentences[index + 1:])
            return because("agenda", "AGENDA_DECL declares the agenda")
        if s.cue == "AGENDA_STEP":
            self.in_opening = True
            self.previewing = False
            return because("agenda_item", "AGENDA_STEP, a numbered step")
        if first and line.number in facts.handover_lines:
            self.in_opening = True
            self.previewing = False
            return because("agenda_item", "HANDOVER, an unnumbered step of a chair's script")
        if self.previewing and first and s.cue in STYLE_OF_TERMINAL:
            if self.steps_follow:
                return because("paragraph", "previews an agenda whose steps follow")
            return because("agenda_item", f"{s.cue} previews the agenda, no step follows")
        if first and s.cue in STYLE_OF_TERMINAL and facts.chair_script and terminal_pattern(
                "HANDOVER").match(self.text, s.cue_end, s.end):
            # 一、请……讲话； in a chair's script is a step (OUTLINE: a heading-like line that
            # is really an agenda item).
            self.in_opening = True
            return because("agenda_item", f"{s.cue} opening a hand-over (HANDOVER): a step")
        headings_follow = facts.markers_follow(line) or index + 1 < len(line.sentences)
        if s.cue == "TRANSITION" and headings_follow and self.is_second_transition(
                line, index, s):
            return because("transition", "TRANSITION that adds (AGAIN) after the body began")
        if self.in_opening and headings_follow and not self.part_open_in_line(line, index):
            if s.cue == "TRANSITION":
                return because("transition", "TRANSITION in the opening, headings follow")
            if self.is_transition_after_vocative(s):
                return because("transition", "TRANSITION after an address, in the opening")
            if self.is_lead_in_to_first_heading(line, index, s):
                return because("transition", "lead-in ending in a colon before the first heading")
        if first and line.number in facts.preview_lines:
            return because("paragraph", "previews the parts that follow (OUTLINE rule 8)")
        if first and s.cue in STYLE_OF_TERMINAL and self.is_heading_start(line, s):
            self.in_opening = False
            return because("heading", f"{s.cue} opens a paragraph")
        return because("paragraph", "") if first else None

    def because(self, kind: str, reason: str) -> str:
        self.reason = reason
        return kind

    def is_second_transition(self, line: Line, index: int, s: Sentence) -> bool:
        """A hand-over after the body began that says it adds points (接下来，我再强调
        四点意见：): a second [过渡] that closes every open heading (OUTLINE rule 7)."""
        if self.in_opening and not self.part_open_in_line(line, index):
            return False
        return (s is line.sentences[0] or self.facts.is_flattened(line)) and (
            terminal_pattern("AGAIN").search(self.text, s.start, s.end) is not None)

    def part_open_in_line(self, line: Line, index: int) -> bool:
        """In a speech run together on one line, whether a part heading (一、) came
        earlier on it: the opening is over (corpus 203: 这里，我提几点希望 is in 二、)."""
        if not self.facts.is_flattened(line):
            return False
        first = self.first_part.get(line.number)
        if first is None:
            first = self.first_part[line.number] = next(
                (i for i, t in enumerate(line.sentences)
                 if t.cue in ("CHINESE_MARKER", "PART_MARKER")), len(line.sentences))
        return first < index

    def is_transition_after_vocative(self, s: Sentence) -> bool:
        """同学们，……我给大家提几点希望： — the address opens the hand-over sentence
        (corpus 114); the cue found at its start is the vocative, so look past it."""
        if s.cue != "VOCATIVE" or self.text[s.cue_end - 1] not in "，,":
            return False
        words_end = s.start + len(self.text[s.start:s.end].rstrip(SPACES + SENTENCE_END + "：:"))
        return terminal_pattern("TRANSITION").fullmatch(self.text, s.cue_end,
                                                        words_end) is not None

    def is_lead_in_to_first_heading(self, line: Line, index: int, s: Sentence) -> bool:
        """The last sentence of the opening, ending in a colon, right before the first
        heading (一是…… / 第一，……): it hands over to the body though it counts nothing
        (……要对同学们说： corpus 116; CONVENTIONS: 过渡 ``……强调以下几点：``)."""
        if index + 1 != len(line.sentences) or s.stop not in "：:" or not s.stop:
            return False
        if self.agenda_seen:
            return False  # a chair's 分工如下： introduces a schedule, not the body (067)
        nxt = self.facts.next_content_line(line)
        if nxt is None or nxt.sentences[0].cue not in STYLE_OF_TERMINAL:
            return False
        return self.facts.marker(nxt.sentences[0]).ordinal == 1

    def is_heading_start(self, line: Line, s: Sentence) -> bool:
        facts = self.facts
        info = facts.marker(s)
        if info.style is not MarkerStyle.SEQUENCE:
            return True
        word = info.raw.rstrip(MARKER_PUNCTUATION)
        if word == "首先":
            # A lone 首先 in an opening is not a heading (corpus 064: 首先，我代表……).
            return facts.series_goes_on(line) or any(
                t.cue == "SEQUENCE_MARKER" and facts.marker(t).ordinal in (2, 3)
                for t in line.sentences if t.start > s.start)
        if word == "最后":
            # 最后，with points under it (OUTLINE rule 5) or ending a 首先 series.
            inline = next((facts.marker(t) for t in line.sentences
                           if t.start > s.start and t.cue in STYLE_OF_TERMINAL), None)
            nxt = facts.next_content_line(line)
            next_first = (facts.marker(nxt.sentences[0])
                          if nxt and nxt.sentences[0].cue in STYLE_OF_TERMINAL else None)
            has_points = (inline is not None and inline.ordinal == 1) or (
                next_first is not None and next_first.ordinal == 1)
            return has_points or self.sequence_seen
        return True

    # ------------------------------------------------------------------ pieces ---
    def emit(self, kind: str, start: int, end: int, eol: str, line: Line, *,
             sentences: list[Sentence] | None = None, text_value: str = "") -> Block:
        if kind not in ("blank", "title"):
            self.started = True
        if kind in ("agenda", "agenda_item"):
            self.agenda_seen = True
        block = Block(kind=kind, start=start, end=end, eol=eol, line=line.number,
                      sentences=sentences or [], text_value=text_value)
        self.blocks.append(block)
        return block

    def describe(self, block: Block, offset: int) -> None:
        """Fill in what each kind of piece says: its tag text, marker, counts."""
        text = self.text
        first = block.sentences[0] if block.sentences else None
        if block.kind == "salutation":
            label = terminal_pattern("COLLECTION_LABEL").match(text, offset)
            start = label.end() if label else offset
            block.text_value = text[start:first.cue_end if first else block.end].strip(SPACES)
        elif block.kind == "heading" and first is not None:
            info = self.facts.marker(first)
            block.marker = info
            if info.style is MarkerStyle.SEQUENCE:
                self.sequence_seen = True
            block.standalone = not any(text[t.start:t.end].strip(SPACES)
                                       for t in block.sentences[1:])
            title = text[info.end:block.end] if block.standalone else text[info.end:first.end]
            block.text_value = title.strip(SPACES)
            if block.text_value.endswith(("：", ":")):  # a heading that announces points
                block.count = counted_in(text, info.end, info.end + len(title))
        elif block.kind == "transition" and first is not None:
            block.text_value = text[first.start:first.end].strip(SPACES)
            block.declared_count = declared_count(block.text_value)[1]
            block.count = counted_in(text, first.start, first.end)
        elif block.kind in ("agenda_item", "closing") and first is not None:
            stops = SENTENCE_END if block.kind == "agenda_item" else SENTENCE_END + "：:"
            block.text_value = self.first_sentence(offset, block.end, stops=stops)
            if block.kind == "agenda_item":
                # The step's number is the count just before 项 (the cue ends there):
                # not a digit in what precedes 进行.
                counts = terminal_pattern("COUNT").findall(text, first.start, first.cue_end)
                block.ordinal = number_value(counts[-1]) if counts else None
        elif block.kind == "title":
            block.text_value = text[offset:block.end].strip(SPACES)
        elif block.kind == "agenda" and first is not None:
            block.text_value = text[first.start:first.cue_end].strip(SPACES)
            block.declared_count = declared_count(block.text_value)[1]
            block.count = counted_in(text, first.start, first.cue_end)

    def first_sentence(self, start: int, end: int, *, stops: str) -> str:
        """From ``start`` up to and including the first run of ``stops``."""
        text = self.text
        for position in range(start, end):
            if text[position] in stops:
                stop_end = position + 1
                while stop_end < end and text[stop_end] in stops:  # 。” or ！！
                    stop_end += 1
                return text[start:stop_end].strip(SPACES)
        return text[start:end].strip(SPACES)


def sentences_cue(line: Line, index: int) -> str:
    return line.sentences[index].cue or ""


def _ordered(splits: list[_Split], sentences: list[Sentence]) -> list[_Split]:
    """Splits by offset; where one offset is split twice the stronger reading wins
    (a heading over a paragraph). The line always starts a piece."""
    by_offset: dict[int, _Split] = {}
    for split in sorted(splits):
        if split[0] in by_offset and split[2] == "paragraph":
            continue
        by_offset[split[0]] = split
    ordered = sorted(by_offset.values())
    if not ordered or ordered[0][0] != sentences[0].start:
        ordered.insert(0, (sentences[0].start, 0, "paragraph"))
    return ordered


def build_blocks(text: str, lines: list[Line]) -> list[Block]:
    """Cut the lines into typed pieces. Pure: same text, same blocks."""
    split_glued_markers(text, lines)
    return _Builder(text, lines).build()
