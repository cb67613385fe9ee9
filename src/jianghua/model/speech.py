"""The whole ``Speech``: its source, its top-level nodes, and the schema version."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, PrivateAttr, model_validator

from jianghua.model.marks import _Model
from jianghua.model.nodes import TopNode
from jianghua.walk import check_positions

# The version this jianghua writes. A minor version adds (optional fields, nodes in new
# places); a reader of 1.x reads every 1.y up to its own (docs/json-model.md, versions).
SCHEMA_VERSION = "1.1"
READABLE_SCHEMA_VERSIONS = ("1.0", "1.1")


def readable_versions(separator: str = ", ") -> str:
    """The versions this jianghua reads, quoted, for a message."""
    return separator.join(map(repr, READABLE_SCHEMA_VERSIONS))


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
                    f"{readable_versions()})"
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
