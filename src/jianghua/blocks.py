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

from dataclasses import dataclass, field

from jianghua.markers import (
    MARKER_PUNCTUATION,
    STYLE_OF_TERMINAL,
    MarkerInfo,
    continues,
    declared_count,
    marker_info,
)
from jianghua.models import STANDALONE_RANK, MarkerStyle
from jianghua.numerals import number_value
from jianghua.parser import Line, Sentence, terminal_pattern

# Stops that end a title or an agenda item sentence (OUTLINE: 议程项 stops before ：).
_SENTENCE_END = "。！？；!?;"
_EXCLAIM_OR_COLON = "：:！!"
_SPACES = " \t\u3000\u00a0\u2002\u2003\ufeff"
# Front matter is short: a title line longer than this is body text.
_MAX_TITLE_CHARS = 60
# The closing is looked for among this many last non-blank lines.
_CLOSING_WINDOW = 4
# A speech whose paragraphs were run together: this few lines, one this long.
_FLATTENED_MAX_LINES = 3
_FLATTENED_MIN_CHARS = 300
# A label glued before a title (文章标题:) is this short.
_MAX_LABEL_CHARS = 8
# A speaker's name (2–4 characters) glued before the salutation.
_MIN_NAME_CHARS, _MAX_NAME_CHARS = 2, 4
# In a flattened line, items this long on average are paragraphs, not a list.
_PARAGRAPH_ITEM_CHARS = 150


# A 首先 heads a series only if one of these follows it.
_SERIES_GOES_ON = ("其次", "再次", "最后")


@dataclass(slots=True)
class EnumerationInfo:
    start: int
    end: int
    declared_count: int | None
    items: list[tuple[MarkerInfo, int, int]]  # marker, item start, item end


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


_Run = list[tuple[int, MarkerInfo]]  # (sentence index, marker) of one marker series


class _Builder:
    def __init__(self, text: str, lines: list[Line]) -> None:
        self.text = text
        self.lines = lines
        self.blocks: list[Block] = []
        self.content_lines = [ln for ln in lines if not ln.is_blank]

    # ------------------------------------------------------------------ helpers --
    def slice(self, start: int, end: int) -> str:
        return self.text[start:end]

    def is_own_vocative(self, s: Sentence) -> bool:
        """A vocative that is a sentence of its own (同志们！ / 各位同事：), not the start
        of one (同志们，让我们……): its own ending is an exclamation mark or a colon."""
        return s.cue == "VOCATIVE" and self.text[s.cue_end - 1] in _EXCLAIM_OR_COLON

    def next_content_line(self, line: Line) -> Line | None:
        for candidate in self.lines[line.number:]:
            if not candidate.is_blank:
                return candidate
        return None

    # ------------------------------------------------------------- front matter --
    def front_matter_end(self) -> int:
        """Number of leading lines that are front matter (titles, date, speaker)."""
        count = 0
        for line in self.lines:
            if line.is_blank:
                count += 1
                continue
            if not self.looks_like_front_line(line):
                break
            count += 1
        # Trailing blank lines belong to the speech, not the header.
        while count and self.lines[count - 1].is_blank:
            count -= 1
        return count

    def looks_like_front_line(self, line: Line) -> bool:
        first = line.sentences[0]
        if first.cue == "DATE_LINE":
            return True
        if first.cue not in (None, "TITLE_HEAD"):
            return False
        content = self.slice(line.content_start, line.end).strip(_SPACES)
        if len(content) > _MAX_TITLE_CHARS:
            return False
        return not any(ch in _SENTENCE_END for s in line.sentences for ch in s.stop)

    def front_kind(self, line: Line) -> str:
        """A date line or a speaker line is front matter but not a [标题]."""
        content = self.slice(line.content_start, line.end).strip(_SPACES)
        if line.sentences[0].cue == "DATE_LINE":
            return "paragraph"
        parts = content.replace("\u3000", " ").split()
        if len(content) <= 4 or (len(parts) == 2 and len(content) <= 16):
            return "paragraph"  # 习近平 / 市委书记 XX
        if content.startswith(("——", "—", "--")):
            return "paragraph"  # a subtitle: ——在XX会议上 (date and occasion)
        return "title"

    # ------------------------------------------------------------------ closing --
    def closing_start(self) -> int | None:
        """Offset where the closing starts, or None (fragments often have none).

        Looks after the last heading in the last few lines for the first closing
        formula, call (让我们……) or final wish; a re-address (同志们！) before it starts
        the closing part, which then begins right after the vocative (corpora 041,
        049, 064).
        """
        window = self.content_lines[-_CLOSING_WINDOW:]
        after = self.last_heading_start()
        call = terminal_pattern("CALL")
        formula: int | None = None
        vocative_end: int | None = None
        for line in window:
            for s in line.sentences:
                if s.start < after or formula is not None:
                    continue
                body = self.slice(s.cue_end if s.cue == "VOCATIVE" else s.start, s.end)
                opens_paragraph = s is line.sentences[0]
                if (s.cue == "CLOSING" or call.match(body.lstrip(_SPACES + "，,"))
                        or self.is_closing_wish(line, s)
                        # 同志们，…… opening the last paragraphs: the closing part (seed 003)
                        or (opens_paragraph and s.cue == "VOCATIVE"
                            and self.text[s.cue_end - 1] in "，,")):
                    formula = s.start
                elif self.is_own_vocative(s) and self.text[s.cue_end - 1] in "！!":
                    vocative_end = s.cue_end
        if vocative_end is None:
            return formula
        rest = self.text[vocative_end:formula if formula is not None else len(self.text)]
        return vocative_end + (len(rest) - len(rest.lstrip(_SPACES + "\r\n")))

    def last_heading_start(self) -> int:
        """Start of the last sentence that may open a heading (0 if none)."""
        last = 0
        for line in self.content_lines:
            flattened = self.is_flattened(line)
            for index, s in enumerate(line.sentences):
                if (index == 0 or flattened) and s.cue in STYLE_OF_TERMINAL \
                        and not self.is_closing_wish(line, s):
                    last = s.start
        return last

    def is_closing_wish(self, line: Line, s: Sentence) -> bool:
        """``最后，我衷心祝愿……！`` at the end, with no points under it (corpus 049)."""
        if s.cue != "SEQUENCE_MARKER" or not self.slice(s.start, s.cue_end).startswith("最后"):
            return False
        if s is not line.sentences[0] or line is not self._last_marker_line():
            return False
        return not self.slice(s.end, line.end).strip(_SPACES) or self.text[s.end - 1] in "！!"

    def _last_marker_line(self) -> Line | None:
        for line in reversed(self.content_lines):
            if line.sentences[0].cue in STYLE_OF_TERMINAL:
                return line
        return None

    # ------------------------------------------------------------ inline series --
    def marker_sentences(self, line: Line) -> list[tuple[int, MarkerInfo]]:
        return [(i, marker_info(self.text, s)) for i, s in enumerate(line.sentences)
                if s.cue in STYLE_OF_TERMINAL]

    def resolve_inline(self, line: Line, transition_index: int | None,
                       heading_at_start: bool) -> tuple[set[int], list[_Run]]:
        """Which mid-line markers start headings, and which runs are enumerations."""
        markers = self.marker_sentences(line)
        first = markers[0] if markers and markers[0][0] == 0 and heading_at_start else None
        runs: list[_Run] = []
        for index, info in markers:
            if index == 0:
                continue
            run = runs[-1] if runs else None
            if run and continues(run[-1][1], info):
                run.append((index, info))
            else:
                runs.append([(index, info)])
        headings: set[int] = set()
        enumerations: list[_Run] = []
        nxt = self.next_content_line(line)
        next_marker = (marker_info(self.text, nxt.sentences[0])
                       if nxt and nxt.sentences[0].cue in STYLE_OF_TERMINAL else None)
        for run in runs:
            head_index, head = run[0]
            tail = run[-1][1]
            flattened = first is not None and continues(first[1], head)
            goes_on = next_marker is not None and continues(tail, next_marker)
            announced = transition_index is not None and head_index == transition_index + 1
            if flattened or (goes_on and (head.ordinal == 1 or len(run) == 1)) or announced:
                headings.update(index for index, _ in run)
            elif len(run) >= 2 and head.ordinal == 1:
                enumerations.append(run)
        return headings, enumerations

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
        if lead_index >= 0:
            lead = line.sentences[lead_index]
            if lead.stop.rstrip(_SPACES)[-1:] in ("：", ":"):
                count = declared_count(self.slice(lead.start, lead.end))[1]
        return EnumerationInfo(start=items[0][1], end=items[-1][2], declared_count=count,
                               items=items)

    # ------------------------------------------------------------------ build ----
    def build(self) -> list[Block]:
        front = self.front_matter_end()
        closing_at = self.closing_start()
        marker_lines = [ln.number for ln in self.content_lines
                        if ln.sentences[0].cue in STYLE_OF_TERMINAL]
        self.in_opening = True  # no heading yet since the speech or its part began
        # After 会议有三项议程 and before its first step, numbered lines preview the
        # items: part of the announcement, or the items themselves if no step follows
        # (OUTLINE: Agendas and closings; corpus 067).
        self.previewing = False
        self.steps_follow = False
        self.started = False  # any speech content emitted (for a comma-ended salutation)
        self.closed = False
        for line in self.lines:
            if line.is_blank:
                self.emit("blank", line.start, line.end, line.eol, line)
            elif line.number <= front:
                kind = self.front_kind(line)
                self.emit(kind, line.start, line.end, line.eol, line,
                          sentences=line.sentences,
                          text_value=self.slice(line.content_start, line.end).strip(_SPACES))
            else:
                later_markers = any(n > line.number for n in marker_lines)
                self.build_line(line, closing_at, later_markers)
        return self.blocks

    def is_flattened(self, line: Line) -> bool:
        """A whole speech pasted as one line (corpus 046, 064, 074): its paragraph
        breaks are lost, so a marker anywhere in it may start a paragraph."""
        return len(self.content_lines) <= _FLATTENED_MAX_LINES and (
            line.end - line.content_start > _FLATTENED_MIN_CHARS)

    def build_line(self, line: Line, closing_at: int | None, later_markers: bool) -> None:
        sentences = line.sentences
        splits: list[tuple[int, int, str]] = []  # (offset, sentence index, kind)
        transition_index: int | None = None
        heading_at_start = False
        begin = 0 if self.started else self.peel_front_matter(line, splits)
        for index, s in enumerate(sentences):
            if index < begin:
                continue
            kind = self.sentence_kind(line, index, s, closing_at, later_markers,
                                      first=index == begin)
            if kind is None:
                continue
            if kind == "transition":
                transition_index = index
            if kind == "heading" and index == 0:
                heading_at_start = True
            splits.append((s.start, index, kind))
            rest = self.slice(s.cue_end, s.end).strip(_SPACES)
            if kind == "salutation" and rest:
                rest_start = s.cue_end + (len(self.slice(s.cue_end, s.end))
                                          - len(self.slice(s.cue_end, s.end).lstrip(_SPACES)))
                if closing_at in (s.cue_end, rest_start):
                    self.closed = True
                    splits.append((closing_at, index, "closing"))
                else:
                    splits.append((s.cue_end, index, "paragraph"))
            if kind == "transition" and index + 1 < len(sentences):
                splits.append((s.end, index + 1, "paragraph"))
        headings, runs = self.resolve_inline(line, transition_index, heading_at_start)
        if self.is_flattened(line):
            headings.update(i for i, info in self.marker_sentences(line)
                            if i > 0 and self.flattened_heading(line, i, info))
            runs = [run for run in runs if not any(i in headings for i, _ in run)]
        taken = {index for _, index, _ in splits}
        for index in headings:
            if not self.closed or sentences[index].start < (closing_at or 0):
                splits.append((sentences[index].start, index, "heading"))
        # A sentence split twice keeps its stronger reading (heading over paragraph).
        by_offset: dict[int, tuple[int, int, str]] = {}
        for split in sorted(splits):
            offset, index, kind = split
            if offset in by_offset and kind == "paragraph":
                continue
            by_offset[offset] = split
        ordered = sorted(by_offset.values())
        if not ordered or ordered[0][0] != sentences[0].start:
            ordered.insert(0, (sentences[0].start, 0, "paragraph"))
        enumerations = [self.enumeration(line, run) for run in runs
                        if all(index not in taken for index, _ in run)]
        for position, (offset, _index, kind) in enumerate(ordered):
            start = line.start if position == 0 else offset
            last = position + 1 == len(ordered)
            end = line.end if last else ordered[position + 1][0]
            eol = line.eol if last else ""
            piece = [s for s in sentences if start <= s.start < end or (s.start < start < s.end)]
            block = self.emit(kind, start, end, eol, line, sentences=piece)
            if kind != "agenda":  # an agenda's inline preview is part of it (gold NOTES)
                block.enumerations = [e for e in enumerations
                                      if start <= e.start and e.end <= end]
            self.describe(block, offset)

    def peel_front_matter(self, line: Line, splits: list[tuple[int, int, str]]) -> int:
        """Split a title, date and label glued before the salutation (corpora 034,
        044, 064); returns the index of the first sentence of the speech proper."""
        sentences = line.sentences
        index = 0
        while index < len(sentences):
            s = sentences[index]
            glued_label = (s.cue is None and index + 1 < len(sentences)
                           and sentences[index + 1].cue == "TITLE_HEAD"
                           and s.end - s.start <= _MAX_LABEL_CHARS)
            if s.cue == "TITLE_HEAD" or glued_label:
                splits.append((s.start, index, "title"))
                index += 2 if glued_label else 1  # 文章标题: + the title: one [标题]
            elif s.cue == "DATE_LINE":
                splits.append((s.start, index, "paragraph"))
                index += 1
            elif s.cue == "VOCATIVE" and index and sentences[index - 1].cue == "DATE_LINE":
                # The speaker's name glued after the date: 习近平同志们： (corpus 064).
                address = terminal_pattern("ADDRESS_WORD").search(self.text, s.start, s.cue_end)
                name_length = address.start() - s.start if address else 0
                if not _MIN_NAME_CHARS <= name_length <= _MAX_NAME_CHARS:
                    break
                assert address is not None
                splits.append((s.start, index, "paragraph"))
                splits.append((address.start(), index, "salutation"))
                if self.slice(s.cue_end, s.end).strip(_SPACES):
                    splits.append((s.cue_end, index, "paragraph"))
                self.started = True
                return index + 1
            else:
                break
        return index

    def flattened_heading(self, line: Line, index: int, info: MarkerInfo) -> bool:
        """In a flattened line, a marker starts a heading unless it is a lone 首先."""
        if info.style in STANDALONE_RANK:
            return True
        # A floating style starts a paragraph where a space marks the lost break
        # (corpus 074) or where its items are as long as paragraphs (corpus 064), not
        # where they are a short list (其一……其二……, corpus 046).
        before = self.text[info.start - 1] if info.start else "\n"
        if not self.is_heading_start(line, line.sentences[index]):
            return False
        return before in _SPACES or self.run_item_length(line, index) >= _PARAGRAPH_ITEM_CHARS

    def run_item_length(self, line: Line, index: int) -> float:
        """Mean length of the items of the marker run that sentence ``index`` is in."""
        markers = [(i, info) for i, info in self.marker_sentences(line)]
        position = next(p for p, (i, _) in enumerate(markers) if i == index)
        run = [markers[position]]
        for _, info in markers[position + 1:]:
            if not continues(run[-1][1], info):
                break
            run.append((0, info))
        for _, info in reversed(markers[:position]):
            if not continues(info, run[0][1]):
                break
            run.insert(0, (0, info))
        if len(run) < 2:
            return 0.0
        return (run[-1][1].start - run[0][1].start) / (len(run) - 1)

    def sentence_kind(self, line: Line, index: int, s: Sentence, closing_at: int | None,
                      later_markers: bool, first: bool) -> str | None:
        """The kind of piece that sentence ``index`` starts, or None (no split)."""
        if closing_at is not None and s.start == closing_at:
            self.closed = True
            return "closing"
        if s.cue == "VOCATIVE":
            ending = self.text[s.cue_end - 1]
            if first and (ending in _EXCLAIM_OR_COLON or not self.started):
                self.in_opening = True
                return "salutation"
            if self.is_own_vocative(s) and s.cue_end - s.start <= 16:
                return "salutation"
        if self.closed:
            return "paragraph" if first else None
        if s.cue == "AGENDA_DECL":
            self.in_opening = True
            self.previewing = True
            self.steps_follow = any(t.cue == "AGENDA_STEP" for ln in self.lines[line.number:]
                                    for t in ln.sentences)
            return "agenda"
        if s.cue == "AGENDA_STEP":
            self.in_opening = True
            self.previewing = False
            return "agenda_item"
        if self.previewing and first and s.cue in STYLE_OF_TERMINAL:
            return "paragraph" if self.steps_follow else "agenda_item"
        headings_follow = later_markers or index + 1 < len(line.sentences)
        if s.cue == "TRANSITION" and self.in_opening and headings_follow:
            return "transition"
        if first and s.cue in STYLE_OF_TERMINAL and self.is_heading_start(line, s):
            self.in_opening = False
            return "heading"
        return "paragraph" if first else None

    def is_heading_start(self, line: Line, s: Sentence) -> bool:
        info = marker_info(self.text, s)
        if info.style is not MarkerStyle.SEQUENCE:
            return True
        word = info.raw.rstrip(MARKER_PUNCTUATION)
        if word == "首先":
            # A lone 首先 in an opening is not a heading (corpus 064: 首先，我代表……).
            return any(ln.sentences[0].cue == "SEQUENCE_MARKER"
                       and marker_info(self.text, ln.sentences[0]).raw[:2] in _SERIES_GOES_ON
                       for ln in self.content_lines if ln.number > line.number)
        if word == "最后":
            # 最后，with points under it (OUTLINE rule 5) or ending a 首先 series.
            inline = [info for i, info in self.marker_sentences(line) if i > 0]
            nxt = self.next_content_line(line)
            next_first = (marker_info(self.text, nxt.sentences[0])
                          if nxt and nxt.sentences[0].cue in STYLE_OF_TERMINAL else None)
            has_points = (inline and inline[0].ordinal == 1) or (
                next_first is not None and next_first.ordinal == 1)
            ends_series = any(
                b.kind == "heading" and b.marker and b.marker.style is MarkerStyle.SEQUENCE
                for b in self.blocks)
            return bool(has_points or ends_series)
        return True

    def emit(self, kind: str, start: int, end: int, eol: str, line: Line, *,
             sentences: list[Sentence] | None = None, text_value: str = "") -> Block:
        if kind not in ("blank", "title"):
            self.started = True
        block = Block(kind=kind, start=start, end=end, eol=eol, line=line.number,
                      sentences=sentences or [], text_value=text_value)
        self.blocks.append(block)
        return block

    def describe(self, block: Block, offset: int) -> None:
        """Fill in what each kind of piece says: its tag text, marker, counts."""
        text = self.text
        first = block.sentences[0] if block.sentences else None
        if block.kind == "salutation":
            block.text_value = text[offset:first.cue_end if first else block.end].strip(_SPACES)
        elif block.kind == "heading" and first is not None:
            info = marker_info(text, first)
            block.marker = info
            rest = text[info.end:block.end]
            trailing = [s for s in block.sentences[1:] if text[s.start:s.end].strip(_SPACES)]
            block.standalone = not trailing
            title = rest if block.standalone else text[info.end:first.end]
            block.text_value = title.strip(_SPACES)
        elif block.kind in ("transition",) and first is not None:
            block.text_value = text[first.start:first.end].strip(_SPACES)
            block.declared_count = declared_count(block.text_value)[1]
        elif block.kind in ("agenda_item", "closing") and first is not None:
            block.text_value = self.first_sentence(offset, block.end, stops=_SENTENCE_END
                                                   if block.kind == "agenda_item" else
                                                   _SENTENCE_END + "：:")
            if block.kind == "agenda_item":
                found = terminal_pattern("COUNT").search(text, first.start, first.cue_end)
                block.ordinal = number_value(found.group()) if found else None
        elif block.kind == "title":
            block.text_value = text[offset:block.end].strip(_SPACES)
        elif block.kind == "agenda" and first is not None:
            block.text_value = text[first.start:first.cue_end].strip(_SPACES)
            block.declared_count = declared_count(block.text_value)[1]

    def first_sentence(self, start: int, end: int, *, stops: str) -> str:
        text = self.text
        for position in range(start, end):
            if text[position] in stops:
                # Take the whole run of stops (。” or ！！).
                stop_end = position + 1
                while stop_end < end and text[stop_end] in stops:
                    stop_end += 1
                return text[start:stop_end].strip(_SPACES)
        return text[start:end].strip(_SPACES)


def build_blocks(text: str, lines: list[Line]) -> list[Block]:
    """Cut the lines into typed pieces. Pure: same text, same blocks."""
    return _Builder(text, lines).build()
