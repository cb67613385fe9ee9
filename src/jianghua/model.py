"""The typed result of parsing a speech: pydantic v2 models, discriminated by ``kind``.

Two promises hold for every ``Speech`` (and are enforced by the validators, so a
hand-edited JSON that breaks them is rejected with a message naming the node):

* **Lossless.** Every character of the input belongs to exactly one *piece*: the
  ``text`` + ``eol`` of a leaf node, or of the head of a container (a section, an
  agenda, an agenda item, a closing). Walking the tree in document order and
  concatenating the pieces gives back the input exactly (``render.render_text``).
  A paragraph is split into several pieces only where a structural unit starts
  inside it (a heading glued after a lead-in, the transition sentence at the end of
  an opening paragraph); such a piece has ``eol == ""``.
* **Spans.** Every node has a ``Span`` (code-point offsets into the decoded text,
  1-based line and column). Pieces tile the text in order; a container's span runs
  from its head to its last descendant; inline parts (markers, enumeration items) lie
  inside the piece that holds them.

Rules and renderers work on these models only; the Lark tree never leaves the parser.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator
from pydantic.dataclasses import dataclass as pydantic_dataclass

from jianghua.walk import NESTED, check_positions, walk, walk_tree

__all__ = ["NESTED", "walk", "walk_tree"]  # the tree walk, with the models it walks

# The version this jianghua writes. A minor version adds (optional fields, nodes in new
# places); a reader of 1.x reads every 1.y up to its own (docs/json-model.md, versions).
SCHEMA_VERSION = "1.1"
READABLE_SCHEMA_VERSIONS = ("1.0", "1.1")


# defer_build: the validators are built on first use, not at import. The parser never
# validates (parse.build sets the state directly) and `jianghua outline` never does, so
# they need not pay ~50 ms of start-up for it (python -m jianghua.bench, start-up).
@pydantic_dataclass(frozen=True, slots=True, config=ConfigDict(extra="forbid", defer_build=True))
class Span:
    """Where a node sits in the decoded text.

    ``start``/``end`` are code-point offsets (``end`` exclusive); ``line`` and
    ``column`` are 1-based and count code points, as editors and ``jianghua check``
    report them. ``end_line``/``end_column`` point at the position just past the end.

    A slotted dataclass rather than a model: every node has one, and a per-instance
    ``__dict__`` made spans a third of a parsed speech's memory (benchmark, 10 MB).
    """

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    end_line: int = Field(ge=1)
    end_column: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        if (self.end_line, self.end_column) < (self.line, self.column):
            raise ValueError("span ends on a line/column before the one it starts on")
        return self

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


class MarkerStyle(str, Enum):
    """Families of ordinal markers (序数). See CONVENTIONS: heading styles."""

    PART = "part"  # 第一部分 / 第一章 / 第一篇: above everything
    CHINESE = "chinese"  # 一、 (also 一. 一， and a bare 一 before a space): GB/T 9704 level 1
    CHINESE_PAREN = "chinese_paren"  # （一） (一): GB/T 9704 level 2
    ARABIC = "arabic"  # 1. 1、 １．: GB/T 9704 level 3
    ARABIC_PAREN = "arabic_paren"  # （1） (1): GB/T 9704 level 4
    CIRCLED = "circled"  # ① ②: below （1）
    ORDINAL = "ordinal"  # 第一， 第一、 第一点， 第二个问题：: floats
    SHI = "shi"  # 一是 / 一要 / 一抓 / 一靠: floats, run-in
    SEQUENCE = "sequence"  # 首先， 其次， 再次， 最后，: floats, run-in
    QI = "qi"  # 其一， 其二，: floats, run-in


#: GB/T 9704-2012 §7.3.3 orders the standalone levels 一、 › （一） › 1. › （1）; a part
#: heading (第一部分) sits above them and circled digits below. Floating styles have no
#: fixed rank: their depth comes from where they are first met (OUTLINE.md, rule 3).
STANDALONE_RANK: dict[MarkerStyle, int] = {
    MarkerStyle.PART: 0,
    MarkerStyle.CHINESE: 1,
    MarkerStyle.CHINESE_PAREN: 2,
    MarkerStyle.ARABIC: 3,
    MarkerStyle.ARABIC_PAREN: 4,
    MarkerStyle.CIRCLED: 5,
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # see Span


class Marker(_Model):
    """An ordinal marker exactly as written (``raw``), with what it means.

    ``ordinal`` is the position it claims (二 → 2, 最后 → the last, recorded as
    ``None`` because it claims no number); ``punctuation`` is the trailing mark that
    is part of the marker (``、`` ``，`` ``.`` ``）`` …) or ``""``.
    """

    raw: str
    style: MarkerStyle
    ordinal: int | None = Field(default=None, ge=1)
    punctuation: str = ""
    span: Span

    @model_validator(mode="after")
    def _raw_fits_span(self) -> Marker:
        if len(self.raw) != self.span.end - self.span.start:
            raise ValueError(f"marker {self.raw!r} does not fill its span")
        return self


# defer_build as for Span.
@pydantic_dataclass(frozen=True, slots=True, config=ConfigDict(extra="forbid", defer_build=True))
class DeclaredCount:
    """A count a lead-in announces, as written: 三点 of 下面，我讲三点意见, 两项 of
    会议有两项议程, 十条 of 存在十条问题：. ``value`` is None for 几点/若干/XX个.

    A slotted dataclass, like ``Span``: a speech has thousands (benchmark, 10 MB).
    """

    raw: str
    value: Annotated[int | None, Field(ge=1)]  # required, null allowed: JSON always says
    span: Span

    @model_validator(mode="after")
    def _raw_fits_span(self) -> DeclaredCount:
        if len(self.raw) != self.span.end - self.span.start:
            raise ValueError(f"count {self.raw!r} does not fill its span")
        return self


class _Piece(_Model):
    """A node that owns a contiguous slice of the source: ``text`` then ``eol``."""

    # Declared here only to put ``kind`` first in every node's JSON; each node class
    # narrows it to its own literal, which the unions discriminate on.
    kind: str
    span: Span
    text: str
    eol: Literal["\n", "\r\n", "\r", ""] = "\n"

    @model_validator(mode="after")
    def _text_fits_span(self) -> _Piece:
        own = len(self.text) + len(self.eol)
        head_end = self.span.start + own
        # A leaf's span is exactly its text; a container's runs on over its contents.
        if head_end > self.span.end or (head_end != self.span.end
                                        and not isinstance(self, _Container)):
            raise ValueError(
                f"{getattr(self, 'kind', 'node')} at line {self.span.line}: its text is "
                f"{own} characters but its span holds {self.span.end - self.span.start}"
            )
        return self

    @property
    def head_end(self) -> int:
        """Offset just past this node's own text and line ending."""
        return self.span.start + len(self.text) + len(self.eol)


class EnumerationItem(_Model):
    """One item of a list that lives inside a paragraph (一是……。二是……。)."""

    marker: Marker
    span: Span


class Enumeration(_Model):
    """A list inside one paragraph that is not a run of headings (OUTLINE: [列举]).

    ``declared_count`` is the count announced before it (存在十条作风突出问题：) or
    ``None``.
    """

    kind: Literal["enumeration"] = "enumeration"
    span: Span
    declared_count: int | None = Field(default=None, ge=1)
    count: DeclaredCount | None = None  # where declared_count is written
    items: list[EnumerationItem] = Field(min_length=2)


class Blank(_Piece):
    """An empty or whitespace-only line (full-width spaces and NBSP included)."""

    kind: Literal["blank"] = "blank"


class Title(_Piece):
    """A title or header line before the speech proper (OUTLINE: [标题])."""

    kind: Literal["title"] = "title"
    title: str


class Salutation(_Piece):
    """A form of address: 同志们： / 各位领导、同志们： / a re-address 同志们！."""

    kind: Literal["salutation"] = "salutation"
    salutation: str


class Paragraph(_Piece):
    """Body text: opening, body of a heading, or anything not otherwise marked."""

    kind: Literal["paragraph"] = "paragraph"
    enumerations: list[Enumeration] = Field(default_factory=list)


class Transition(_Piece):
    """The sentence handing over to the body (下面，我讲几点意见。)."""

    kind: Literal["transition"] = "transition"
    sentence: str
    declared_count: int | None = Field(default=None, ge=1)
    count: DeclaredCount | None = None  # the counted phrase (几点 too), as written


class _Container(_Piece):
    """A piece that heads further nodes; its span runs to its last descendant."""

    @model_validator(mode="after")
    def _descendants_inside(self) -> _Container:
        cursor = self.head_end
        for child in self._ordered_children():
            if child.span.start != cursor:
                raise ValueError(
                    f"{child.kind} at line {child.span.line} should start at offset "
                    f"{cursor} (right after what precedes it in its "
                    f"{self.kind} at line {self.span.line}), not {child.span.start}"
                )
            cursor = child.span.end
        if cursor != self.span.end:
            raise ValueError(
                f"{self.kind} at line {self.span.line} ends at offset {self.span.end} "
                f"but its contents end at {cursor}"
            )
        return self

    def _ordered_children(self) -> list[Node]:
        raise NotImplementedError


class HeadingHints(_Model):
    """What a Word document said about a heading's paragraph.

    Hints only: the speech's own conventions decide the structure (a drafter's
    "Heading 2" style on a 一是 line does not make it a second-level heading).
    """

    style: str | None = None  # paragraph style name ("Heading 1", "标题 1", WPS "2")
    outline_level: int | None = Field(default=None, ge=0)  # 0-based, w:outlineLvl
    numbered_by_word: bool = False  # the marker is Word's automatic numbering label


class Section(_Container):
    """A numbered heading with its body and the headings nested under it.

    ``children`` are its sub-headings in order; a part (一、……) may go on after its last
    sub-heading with a passage of its own, opened by a re-address (各位代表！ and the
    paragraphs after it): those nodes follow the sub-headings in ``children``. A part of
    a chair's script (一、预备会议) holds its own address, agenda and closing (OUTLINE:
    host scripts in several parts): ``body`` may hold an ``Agenda`` and a ``Closing``.
    """

    kind: Literal["section"] = "section"
    marker: Marker
    title: str
    standalone: bool
    #: The series it belongs to, as the nesting pass grouped it: the marker's style,
    #: plus the counting word of 一是/一要 and 第一点/第一个问题 (``shi:是``), or ``bare``
    #: for a bare 一 (``chinese:bare``). Headings of one series share it.
    series: str | None = None
    #: Where the marker's number is written, as ``[start, end)`` offsets into
    #: ``marker.raw`` (二 of （二） is ``[1, 2]``); None for 首先/其次/最后, which have
    #: none. Here rather than on ``Marker``: a sixth field there doubled every marker's
    #: field table (benchmark: peak memory at 10 MB).
    numeral: tuple[int, int] | None = None
    #: The count a heading that ends in a colon announces (最后，我再强调两个方面：).
    count: DeclaredCount | None = None
    hints: HeadingHints | None = None
    enumerations: list[Enumeration] = Field(default_factory=list)
    body: list[SectionBodyNode] = Field(default_factory=list)
    children: list[SectionChild] = Field(default_factory=list)

    def _ordered_children(self) -> list[Node]:
        return [*self.body, *self.children]

    @property
    def sections(self) -> list[Section]:
        """The sub-headings among ``children``."""
        return [child for child in self.children if isinstance(child, Section)]

    @field_validator("numeral", mode="before")
    @classmethod
    def _pair(cls, value: object) -> object:
        # JSON has no tuples: the [start, end] array read back (strict mode refuses it).
        return tuple(value) if isinstance(value, list) else value

    @model_validator(mode="after")
    def _marker_inside(self) -> Section:
        if not (self.span.start <= self.marker.span.start
                and self.marker.span.end <= self.span.start + len(self.text)):
            raise ValueError(f"marker {self.marker.raw!r} lies outside its heading line")
        if self.numeral is not None and not (
                0 <= self.numeral[0] < self.numeral[1] <= len(self.marker.raw)):
            raise ValueError(f"numeral {list(self.numeral)} lies outside marker "
                             f"{self.marker.raw!r}")
        return self


class AgendaItem(_Container):
    """One step of a meeting's agenda (进行第一项议程，请……发言；)."""

    kind: Literal["agenda_item"] = "agenda_item"
    sentence: str
    ordinal: int | None = Field(default=None, ge=1)
    body: list[BodyNode] = Field(default_factory=list)
    children: list[Section] = Field(default_factory=list)

    def _ordered_children(self) -> list[Node]:
        return [*self.body, *self.children]


class Agenda(_Container):
    """An agenda announcement (会议有两项议程) and the steps that carry it out."""

    kind: Literal["agenda"] = "agenda"
    declared_count: int | None = Field(default=None, ge=1)
    count: DeclaredCount | None = None  # where declared_count is written
    body: list[BodyNode] = Field(default_factory=list)
    items: list[AgendaItem] = Field(default_factory=list)

    def _ordered_children(self) -> list[Node]:
        return [*self.body, *self.items]


class Closing(_Container):
    """The closing (我就讲到这里，谢谢大家！); ``body`` holds any text after it.

    ``enumerations`` are the lists inside the closing's own paragraph (会后，大家一是要
    ……；二是要……, corpus 102): a closing is a paragraph too.
    """

    kind: Literal["closing"] = "closing"
    sentence: str
    enumerations: list[Enumeration] = Field(default_factory=list)
    body: list[BodyNode] = Field(default_factory=list)

    def _ordered_children(self) -> list[Node]:
        return list(self.body)


BodyNode = Annotated[
    Paragraph | Blank | Salutation | Transition | Title,
    Field(discriminator="kind"),
]

SectionBodyNode = Annotated[
    Paragraph | Blank | Salutation | Transition | Title | Agenda | Closing,
    Field(discriminator="kind"),
]

SectionChild = Annotated[
    Section | Salutation | Paragraph | Blank | Transition | Agenda | Closing,
    Field(discriminator="kind"),
]

Node = Annotated[
    Title | Salutation | Paragraph | Blank | Transition | Section | Agenda | AgendaItem | Closing,
    Field(discriminator="kind"),
]

TopNode = Annotated[
    Title | Salutation | Paragraph | Blank | Transition | Section | Agenda | Closing,
    Field(discriminator="kind"),
]


class Source(_Model):
    """Where the text came from and how it was stored, so it can be written back."""

    path: str | None = None
    format: Literal["text", "docx"] = "text"
    encoding: str = "utf-8"
    bom: bool = False
    # What reading the source reported instead of dropping (a .docx's text boxes,
    # tracked changes, page headers left out …).
    warnings: list[str] = Field(default_factory=list)
    # A .docx's paragraphs, from the reader (jianghua.read.source) to the parser
    # (jianghua.api.parse), which puts them on Speech.paragraphs; never serialised here.
    _paragraphs: list[SourceParagraph] | None = PrivateAttr(default=None)

    def carry_paragraphs(self, paragraphs: list[SourceParagraph] | None) -> None:
        """Hand a .docx's paragraphs to ``parse`` along with this source."""
        self._paragraphs = paragraphs

    @property
    def carried_paragraphs(self) -> list[SourceParagraph] | None:
        return self._paragraphs


class SourceParagraph(_Model):
    """One paragraph of a .docx source; line ``index + 1`` of the text holds it.

    A span maps back into the document as paragraph ``span.line - 1``, character
    ``span.column - 1 - len(label)`` of the paragraph's own text (negative: inside the
    numbering label Word draws).
    """

    index: int = Field(ge=0)
    label: str = ""  # Word's automatic numbering label, as a reader sees it (一、 （一）)
    style: str | None = None
    outline_level: int | None = Field(default=None, ge=0)
    origin: Literal["body", "table", "textbox", "footnote", "endnote"] = "body"


class Speech(_Model):
    """A whole speech: its top-level nodes in document order."""

    schema_version: Literal["1.0", "1.1"] = SCHEMA_VERSION
    kind: Literal["speech"] = "speech"
    source: Source = Field(default_factory=Source)
    length: int = Field(ge=0, description="number of code points in the decoded text")
    nodes: list[TopNode] = Field(default_factory=list)
    # For a .docx source: its paragraphs, one per line of the text (see SourceParagraph).
    paragraphs: list[SourceParagraph] | None = None

    @model_validator(mode="before")
    @classmethod
    def _known_version(cls, data: object) -> object:
        if isinstance(data, dict) and "schema_version" in data:
            version = data["schema_version"]
            if version not in READABLE_SCHEMA_VERSIONS:
                raise ValueError(
                    f"schema_version {version!r} is not supported (this jianghua reads "
                    f"{', '.join(map(repr, READABLE_SCHEMA_VERSIONS))})"
                )
        return data

    @model_validator(mode="after")
    def _tiles_the_text(self) -> Speech:
        cursor = 0
        for node in self.nodes:
            if node.span.start != cursor:
                raise ValueError(
                    f"top-level {node.kind} at line {node.span.line} starts at offset "
                    f"{node.span.start}, but the previous node ended at {cursor}"
                )
            cursor = node.span.end
        if cursor != self.length:
            raise ValueError(f"nodes cover {cursor} characters but the text has {self.length}")
        check_positions(self.nodes)
        for position, paragraph in enumerate(self.paragraphs or ()):
            if paragraph.index != position:
                raise ValueError(f"paragraphs[{position}] has index {paragraph.index}; "
                                 "paragraph i is line i + 1 of the text")
        return self


# No model_rebuild() here: with defer_build the forward references (BodyNode, Section)
# are resolved when a model is first validated, by which time all are defined.
