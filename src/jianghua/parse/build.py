"""Stage 5: the nested blocks → the pydantic ``Speech``, or the same tree as plain data.

Each node is made as the dict of its fields in declaration order (the order validation
lays them out, so a parsed speech and the same speech read back from JSON serialize to
the same bytes); spans are ``Span`` objects. ``build_speech`` wraps each dict as the
state of a model instance; ``build_data`` leaves them as they are, for ``parse→JSON``,
which orjson writes straight from the dicts (``render.json.data_to_json_bytes``) without
a model ever being made.

Models are made without validation: the parser's output is correct by construction
(the round-trip and invariant tests validate every parse in full), so paying for
validation on every parse would only slow batch conversion down. Documents read back
from JSON are validated in full (``jianghua.render.json.load_speech``). Even pydantic's
``model_construct`` costs a loop over the fields and their defaults per object, three
quarters of this stage on a large speech, so ``_wrap`` sets the instance state
directly; every field is always given (tests/test_build.py checks each kind's keys
against its model's fields).
"""

from __future__ import annotations

from bisect import bisect_right
from sys import intern

from jianghua.model import (
    SCHEMA_VERSION,
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
from jianghua.parse.markers import CountInfo, MarkerInfo
from jianghua.parse.nesting import TreeNode
from jianghua.parse.pieces import EnumerationInfo

_FIELDS_SET: dict[type, set[str]] = {}


def _wrap(cls, state: dict):
    """A model instance whose state is ``state`` (trusted, complete, in field order).

    All instances of a class share one "fields set": a set per object was over half
    the memory of a parsed speech (pydantic only ever adds names to it, and they are
    all in it already).
    """
    fields_set = _FIELDS_SET.get(cls)
    if fields_set is None:
        fields_set = _FIELDS_SET[cls] = set(cls.model_fields)
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", state)
    object.__setattr__(obj, "__pydantic_fields_set__", fields_set)
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


def _data(cls, state: dict) -> dict:
    return state


# Span is a frozen, slotted dataclass: its slots are set through their own descriptors,
# as object.__setattr__ would, without looking each name up (a span per node, marker
# and item: benchmark, parse→JSON).
_SET_SPAN = tuple(Span.__dict__[name].__set__
                  for name in ("start", "end", "line", "column", "end_line", "end_column"))


def _span(start: int, end: int, line: int, column: int, end_line: int,
          end_column: int) -> Span:
    """A Span from trusted values, without the dataclass's validating ``__init__``."""
    span = object.__new__(Span)
    set_start, set_end, set_line, set_column, set_end_line, set_end_column = _SET_SPAN
    set_start(span, start)
    set_end(span, end)
    set_line(span, line)
    set_column(span, column)
    set_end_line(span, end_line)
    set_end_column(span, end_column)
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
    def __init__(self, text: str, line_starts: list[int], make) -> None:
        self.text = text
        self.positions = _Positions(line_starts)
        self.make = make  # _wrap (models) or _data (plain dicts)

    def marker(self, info: MarkerInfo):
        return self.make(Marker, {
            "raw": info.raw, "style": info.style, "ordinal": info.ordinal,
            "punctuation": info.punctuation,
            "span": self.positions.span(info.start, info.end)})

    def count(self, info: CountInfo | None):  # -> DeclaredCount | dict | None
        if info is None:
            return None
        raw = self.text[info.start:info.end]
        span = self.positions.span(info.start, info.end)
        if self.make is _data:
            return {"raw": raw, "value": info.value, "span": span}
        count = object.__new__(DeclaredCount)  # trusted values, as in _span
        setter = object.__setattr__
        setter(count, "raw", raw)
        setter(count, "value", info.value)
        setter(count, "span", span)
        return count

    def enumeration(self, info: EnumerationInfo):
        make, span = self.make, self.positions.span
        items = [make(EnumerationItem, {"marker": self.marker(marker), "span": span(start, end)})
                 for marker, start, end in info.items]
        return make(Enumeration, {"kind": "enumeration", "span": span(info.start, info.end),
                                  "declared_count": info.declared_count,
                                  "count": self.count(info.count), "items": items})

    def node(self, tree: TreeNode):  # -> Node
        block = tree.block
        assert block is not None
        make = self.make
        body = [self.node(child) for child in tree.body]
        children = [self.node(child) for child in tree.children]
        # Consume the tree as it is converted, so blocks are freed as models appear
        # rather than all at the end (peak memory, benchmark at 10 MB).
        tree.body.clear()
        tree.children.clear()
        last = (children or body)
        if last:
            tail = last[-1]
            end = (tail["span"] if type(tail) is dict else tail.span).end
        else:
            end = block.end + len(block.eol)
        kind = block.kind
        span = self.positions.span(block.start, end)
        text = self.text[block.start:block.end]
        eol = block.eol
        if kind == "heading":
            assert block.marker is not None
            return make(Section, {
                "kind": "section", "span": span, "text": text, "eol": eol,
                "marker": self.marker(block.marker), "title": block.text_value,
                "standalone": block.standalone, "series": intern(block.marker.key),
                "numeral": block.marker.numeral, "count": self.count(block.count),
                "hints": None,
                "enumerations": [self.enumeration(e) for e in block.enumerations],
                "body": body, "children": children})
        if kind == "agenda":
            return make(Agenda, {
                "kind": "agenda", "span": span, "text": text, "eol": eol,
                "declared_count": block.declared_count, "count": self.count(block.count),
                "body": body, "items": children})
        if kind == "agenda_item":
            return make(AgendaItem, {
                "kind": "agenda_item", "span": span, "text": text, "eol": eol,
                "sentence": block.text_value, "ordinal": block.ordinal, "body": body,
                "children": children})
        if kind == "closing":
            return make(Closing, {
                "kind": "closing", "span": span, "text": text, "eol": eol,
                "sentence": block.text_value,
                "enumerations": [self.enumeration(e) for e in block.enumerations],
                "body": body})
        if kind == "title":
            return make(Title, {"kind": "title", "span": span, "text": text, "eol": eol,
                                "title": block.text_value})
        if kind == "salutation":
            return make(Salutation, {"kind": "salutation", "span": span, "text": text,
                                     "eol": eol, "salutation": block.text_value})
        if kind == "transition":
            return make(Transition, {
                "kind": "transition", "span": span, "text": text, "eol": eol,
                "sentence": block.text_value, "declared_count": block.declared_count,
                "count": self.count(block.count)})
        if kind == "blank":
            return make(Blank, {"kind": "blank", "span": span, "text": text, "eol": eol})
        return make(Paragraph, {
            "kind": "paragraph", "span": span, "text": text, "eol": eol,
            "enumerations": [self.enumeration(e) for e in block.enumerations]})

    def speech(self, root: TreeNode, source: Source):
        nodes = []
        pending = root.body
        for index, child in enumerate(pending):
            pending[index] = None  # type: ignore[call-overload]  # release it once converted
            nodes.append(self.node(child))
        pending.clear()
        return self.make(Speech, {
            "schema_version": SCHEMA_VERSION, "kind": "speech", "source": source,
            "length": len(self.text), "nodes": nodes, "paragraphs": None})


def build_speech(text: str, line_starts: list[int], root: TreeNode, source: Source) -> Speech:
    """``line_starts``: the offset each line starts at (positions are derived from them)."""
    return _SpeechBuilder(text, line_starts, _wrap).speech(root, source)


def build_data(text: str, line_starts: list[int], root: TreeNode, source: Source) -> dict:
    """The same tree as ``build_speech``, as plain dicts (``source`` stays a model)."""
    return _SpeechBuilder(text, line_starts, _data).speech(root, source)
