"""The nodes of a speech: pieces (title, salutation, paragraph, transition, blank) and
containers (section, agenda, agenda item, closing), discriminated by ``kind``."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from jianghua.model.marks import DeclaredCount, Marker, Span, _Model


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
