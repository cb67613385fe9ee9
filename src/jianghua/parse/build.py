"""Stage 5: the nested blocks → the pydantic ``Speech``.

Models are made without validation: the parser's output is correct by construction
(the round-trip and invariant tests validate every parse in full), so paying for
validation on every parse would only slow batch conversion down. Documents read back
from JSON are validated in full (``jianghua.render.json.load_speech``). Even pydantic's
``model_construct`` costs a loop over the fields and their defaults per object, three
quarters of this stage on a large speech, so ``_make`` sets the instance state
directly; every field is always given.
"""

from __future__ import annotations

from bisect import bisect_right
from sys import intern

from jianghua.model import (
    Agenda,
    AgendaItem,
    Blank,
    Closing,
    DeclaredCount,
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
from jianghua.parse.blocks import EnumerationInfo, MarkerInfo
from jianghua.parse.markers import CountInfo
from jianghua.parse.nesting import TreeNode

_FIELD_ORDER: dict[type, tuple[tuple[str, ...], set[str]]] = {}


def _make(cls, **fields):
    """A model instance from trusted, complete ``fields`` (see the module docstring).

    Fields are laid out in declaration order, as validation would, so a parsed speech
    and the same speech read back from JSON serialize to the same bytes. Every field
    is set, so all instances of a class share one "fields set": a set per object was
    over half the memory of a parsed speech (pydantic only ever adds names to it, and
    they are all in it already).
    """
    known = _FIELD_ORDER.get(cls)
    if known is None:
        known = _FIELD_ORDER[cls] = (tuple(cls.model_fields), set(cls.model_fields))
    order, fields_set = known
    state = {name: fields[name] for name in order}  # KeyError: a field was left out
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", state)
    object.__setattr__(obj, "__pydantic_fields_set__", fields_set)
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


def _span(start: int, end: int, line: int, column: int, end_line: int,
          end_column: int) -> Span:
    """A Span from trusted values, without the dataclass's validating ``__init__``."""
    span = object.__new__(Span)
    setter = object.__setattr__  # Span is frozen: plain assignment is refused
    setter(span, "start", start)
    setter(span, "end", end)
    setter(span, "line", line)
    setter(span, "column", column)
    setter(span, "end_line", end_line)
    setter(span, "end_column", end_column)
    return span


class _Positions:
    """Offset → (line, column), 1-based, by binary search over line starts.

    Spans reuse int objects rather than making new ones: a line's number comes from
    one shared list, and an offset that is a line start (where most pieces begin and
    end) is the very int in ``line_starts``. Above 256 every int is an object of its
    own (28 bytes), and four per span were a tenth of a parsed speech (benchmark:
    peak memory at 10 MB).
    """

    def __init__(self, line_starts: list[int]) -> None:
        self.starts = line_starts
        self.numbers = list(range(1, len(line_starts) + 1))

    def span(self, start: int, end: int) -> Span:
        starts = self.starts
        index = bisect_right(starts, start) - 1
        line_start = starts[index]
        if start == line_start:
            start, column = line_start, 1
        else:
            column = start - line_start + 1
        end_index = bisect_right(starts, end, index) - 1
        line_start = starts[end_index]
        if end == line_start:
            end, end_column = line_start, 1
        else:
            end_column = end - line_start + 1
        numbers = self.numbers
        return _span(start, end, numbers[index], column, numbers[end_index], end_column)


class _SpeechBuilder:
    def __init__(self, text: str, line_starts: list[int]) -> None:
        self.text = text
        self.positions = _Positions(line_starts)

    def marker(self, info: MarkerInfo) -> Marker:
        return _make(Marker, raw=info.raw, style=info.style, ordinal=info.ordinal,
                punctuation=info.punctuation,
                span=self.positions.span(info.start, info.end))

    def count(self, info: CountInfo | None) -> DeclaredCount | None:
        if info is None:
            return None
        count = object.__new__(DeclaredCount)  # trusted values, as in _span
        setter = object.__setattr__
        setter(count, "raw", self.text[info.start:info.end])
        setter(count, "span", self.positions.span(info.start, info.end))
        setter(count, "value", info.value)
        return count

    def enumeration(self, info: EnumerationInfo) -> Enumeration:
        items = [_make(EnumerationItem, marker=self.marker(marker),
                span=self.positions.span(start, end))
                 for marker, start, end in info.items]
        return _make(Enumeration, kind="enumeration",
                span=self.positions.span(info.start, info.end),
                declared_count=info.declared_count, count=self.count(info.count), items=items)

    def node(self, tree: TreeNode):  # -> Node
        block = tree.block
        assert block is not None
        body = [self.node(child) for child in tree.body]
        children = [self.node(child) for child in tree.children]
        # Consume the tree as it is converted, so blocks are freed as models appear
        # rather than all at the end (peak memory, benchmark at 10 MB).
        tree.body.clear()
        tree.children.clear()
        head_end = block.end + len(block.eol)
        last = (children or body)
        end = last[-1].span.end if last else head_end
        common = {"span": self.positions.span(block.start, end),
                  "text": self.text[block.start:block.end], "eol": block.eol}
        kind = block.kind
        if kind == "heading":
            assert block.marker is not None
            return _make(
                Section, kind="section", marker=self.marker(block.marker), title=block.text_value,
                standalone=block.standalone, series=intern(block.marker.key),
                numeral=block.marker.numeral, count=self.count(block.count), hints=None,
                enumerations=[self.enumeration(e) for e in block.enumerations],
                body=body, children=children, **common)
        if kind == "agenda":
            return _make(Agenda, kind="agenda", declared_count=block.declared_count,
                count=self.count(block.count), body=body, items=children, **common)
        if kind == "agenda_item":
            return _make(AgendaItem, kind="agenda_item", sentence=block.text_value,
                ordinal=block.ordinal, body=body,
                children=children, **common)
        if kind == "closing":
            return _make(Closing, kind="closing", sentence=block.text_value,
                body=body, **common)
        if kind == "title":
            return _make(Title, kind="title", title=block.text_value, **common)
        if kind == "salutation":
            return _make(Salutation, kind="salutation", salutation=block.text_value,
                **common)
        if kind == "transition":
            return _make(Transition, kind="transition", sentence=block.text_value,
                declared_count=block.declared_count, count=self.count(block.count), **common)
        if kind == "blank":
            return _make(Blank, kind="blank", **common)
        enumerations = [self.enumeration(e) for e in block.enumerations]
        return _make(Paragraph, kind="paragraph", enumerations=enumerations, **common)

    def speech(self, root: TreeNode, source: Source) -> Speech:
        nodes = []
        pending = root.body
        for index, child in enumerate(pending):
            pending[index] = None  # type: ignore[call-overload]  # release it once converted
            nodes.append(self.node(child))
        pending.clear()
        return _make(Speech, schema_version="1.0", kind="speech", source=source,
                length=len(self.text), nodes=nodes, paragraphs=None)


def build_speech(text: str, line_starts: list[int], root: TreeNode, source: Source) -> Speech:
    """``line_starts``: the offset each line starts at (positions are derived from them)."""
    return _SpeechBuilder(text, line_starts).speech(root, source)
