"""The records the front end hands to the block decisions: lines of sentences."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Sentence:
    """A sentence: an optional cue, then text, then an optional run of stops.

    ``cue`` is the grammar terminal that opened it (``SHI_MARKER``, ``VOCATIVE``,
    ``TRANSITION`` …) or ``None``. Offsets are absolute; ``cue_end`` equals ``start``
    when there is no cue.
    """

    start: int
    end: int
    cue: str | None
    cue_end: int
    stop: str  # the stop that ends it (its last one: ！ of ？！), "" for an unterminated tail


@dataclass(slots=True)
class Line:
    """A physical line: indentation, sentences, and its line ending."""

    number: int  # 1-based
    start: int
    content_start: int  # after indentation
    end: int  # before the line ending
    eol: str
    sentences: list[Sentence] = field(default_factory=list)
    # A document viewer's chunk (parse/chunks.py): a piece of a text run together.
    chunk: bool = False
    # Opened by a host's tag (甲：…… 男：…… 刘：……), read past (parse/speakers.py).
    tagged: bool = False

    @property
    def is_blank(self) -> bool:
        return not self.sentences
