"""Stage 5: the nested blocks → the pydantic ``Speech``.

Models are made with ``model_construct``: the parser's output is correct by
construction (the round-trip and invariant tests check that), so paying for
validation on every parse would only slow batch conversion down. Documents read back
from JSON are validated in full (``jianghua.io.load_speech``).
"""

from __future__ import annotations

from bisect import bisect_right

from jianghua.blocks import EnumerationInfo, MarkerInfo
from jianghua.models import (
    Agenda,
    AgendaItem,
    Blank,
    Closing,
    Enumeration,
    EnumerationItem,
    Marker,
    Paragraph,
    Salutation,
    Section,
    Source,
    Span,
    Speech,
    Title,
    Transition,
)
from jianghua.nesting import TreeNode
from jianghua.parser import Line


class _Positions:
    """Offset → (line, column), 1-based, by binary search over line starts."""

    def __init__(self, lines: list[Line], length: int) -> None:
        self.starts = [line.start for line in lines]
        self.length = length

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.at(start)
        end_line, end_column = self.at(end)
        return Span.model_construct(start=start, end=end, line=line, column=column,
                                    end_line=end_line, end_column=end_column)


class _SpeechBuilder:
    def __init__(self, text: str, lines: list[Line]) -> None:
        self.text = text
        self.positions = _Positions(lines, len(text))

    def marker(self, info: MarkerInfo) -> Marker:
        return Marker.model_construct(raw=info.raw, style=info.style, ordinal=info.ordinal,
                                      punctuation=info.punctuation,
                                      span=self.positions.span(info.start, info.end))

    def enumeration(self, info: EnumerationInfo) -> Enumeration:
        items = [EnumerationItem.model_construct(marker=self.marker(marker),
                                                 span=self.positions.span(start, end))
                 for marker, start, end in info.items]
        return Enumeration.model_construct(kind="enumeration",
                                           span=self.positions.span(info.start, info.end),
                                           declared_count=info.declared_count, items=items)

    def node(self, tree: TreeNode):  # -> Node
        block = tree.block
        assert block is not None
        body = [self.node(child) for child in tree.body]
        children = [self.node(child) for child in tree.children]
        head_end = block.end + len(block.eol)
        last = (children or body)
        end = last[-1].span.end if last else head_end
        common = {"span": self.positions.span(block.start, end),
                  "text": self.text[block.start:block.end], "eol": block.eol}
        kind = block.kind
        if kind == "heading":
            assert block.marker is not None
            return Section.model_construct(
                kind="section", marker=self.marker(block.marker), title=block.text_value,
                standalone=block.standalone,
                enumerations=[self.enumeration(e) for e in block.enumerations],
                body=body, children=children, **common)
        if kind == "agenda":
            return Agenda.model_construct(kind="agenda", declared_count=block.declared_count,
                                          body=body, items=children, **common)
        if kind == "agenda_item":
            return AgendaItem.model_construct(kind="agenda_item", sentence=block.text_value,
                                              ordinal=block.ordinal, body=body,
                                              children=children, **common)
        if kind == "closing":
            return Closing.model_construct(kind="closing", sentence=block.text_value,
                                           body=body, **common)
        if kind == "title":
            return Title.model_construct(kind="title", title=block.text_value, **common)
        if kind == "salutation":
            return Salutation.model_construct(kind="salutation", salutation=block.text_value,
                                              **common)
        if kind == "transition":
            return Transition.model_construct(kind="transition", sentence=block.text_value,
                                              declared_count=block.declared_count, **common)
        if kind == "blank":
            return Blank.model_construct(kind="blank", **common)
        return Paragraph.model_construct(
            kind="paragraph", enumerations=[self.enumeration(e) for e in block.enumerations],
            **common)

    def speech(self, root: TreeNode, source: Source) -> Speech:
        nodes = [self.node(child) for child in root.body]
        return Speech.model_construct(schema_version="1.0", kind="speech", source=source,
                                      length=len(self.text), nodes=nodes)


def build_speech(text: str, lines: list[Line], root: TreeNode, source: Source) -> Speech:
    return _SpeechBuilder(text, lines).speech(root, source)
