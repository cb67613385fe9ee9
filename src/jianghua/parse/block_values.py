"""What each piece of the block stage says: its tag text, marker and counts, filled in
as the builder emits it (blocks.py). A heading's title, standalone or run in; a
transition's and an agenda's declared count; a step's or closing's first sentence
(OUTLINE: the text of [议程项], [过渡] and [结束语] is one sentence)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jianghua.model import MarkerStyle
from jianghua.parse.lines import terminal_pattern
from jianghua.parse.markers import (
    STYLE_OF_TERMINAL,
    MarkerInfo,
    counted_in,
    declared_count,
    step_ordinal,
    step_start,
)
from jianghua.parse.pieces import SENTENCE_END, SPACES, Block, first_sentence

if TYPE_CHECKING:
    from jianghua.parse.edges import SpeechFacts

# A heading line this short with only colons in it is a title (（一）历史维度：……).
_MAX_COLON_TITLE_CHARS = 40


class BlockValues:
    """The block builder's last word on a piece: what it says."""

    text: str
    facts: SpeechFacts
    sequence_seen: bool  # a 首先/其次 heading was emitted: a 最后 may end it
    # The latest heading of each series whose title stood on its line alone (一、……).
    standalone_headings: dict[str, MarkerInfo]

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
            # A line that is only a title, though a colon stands in it (（一）特别的假期：
            # 汗水铸就新校园), is a standalone heading: no sentence of a body ends in it.
            block.standalone = not any(text[t.start:t.end].strip(SPACES)
                                       for t in block.sentences[1:]) or (
                block.end - block.start <= _MAX_COLON_TITLE_CHARS
                and all(t.stop in ("", "：", ":") for t in block.sentences))
            if block.standalone:
                self.standalone_headings[info.key] = info
            title = text[info.end:block.end] if block.standalone else text[info.end:first.end]
            block.text_value = title.strip(SPACES)
            if block.text_value.endswith(("：", ":")):  # a heading that announces points
                block.count = counted_in(text, info.end, info.end + len(title))
        elif block.kind == "transition" and first is not None:
            start = max(offset, first.start)  # after a salutation in its sentence
            block.text_value = text[start:first.end].strip(SPACES)
            block.declared_count = declared_count(block.text_value)[1]
            block.count = counted_in(text, start, first.end)
        elif block.kind in ("agenda_item", "closing") and first is not None:
            # OUTLINE: a colon ends a [过渡] only (现在，我宣布：……结业！ is one sentence); a
            # sentence cut at a lost paragraph break's space ends there (……授奖 让我们……！).
            # A step's sentence cut before a recap glued to its act (……作重要讲话刚才，……,
            # glued.py) ends there too, and so does one cut before the dots that stand
            # for the speech it hands over to (……欢迎某某讲话……下面请……, glued_after.py).
            end = first.end if not first.stop and (
                text[first.end - 1] in SPACES or (
                    block.kind == "agenda_item" and first.cue == "AGENDA_STEP")
                or terminal_pattern("OMISSION").match(text, first.end)) else block.end
            offset = max(offset, step_start(text, first)) if first.cue == "AGENDA_STEP" else offset
            # A host's label glued after the step's name (第一项议程：宣布大会开始主持人：……,
            # speakers.py) starts the host's words: the step's name ends before it.
            label = terminal_pattern("HOST_LABEL").fullmatch
            end = next((t.start for t in block.sentences[1:] if t.start < end
                        and label(text, t.start, t.end)), end)
            block.text_value = first_sentence(self.text, offset, end, stops=SENTENCE_END)
            if block.kind == "agenda_item":
                block.ordinal = step_ordinal(text, first)
                if first.cue in STYLE_OF_TERMINAL:
                    block.numbered_as = self.facts.marker(first).style
        elif block.kind == "title":
            block.text_value = text[offset:block.end].strip(SPACES)
        elif block.kind == "agenda" and first is not None:
            block.text_value = text[first.start:first.cue_end].strip(SPACES)
            block.declared_count = declared_count(block.text_value)[1]
            block.count = counted_in(text, first.start, first.cue_end)

