"""Positions and markers: the ``Span`` every node has, marker styles and their GB/T
9704 ranks, a ``Marker`` as written, a ``DeclaredCount``; and the base all models share."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.dataclasses import dataclass as pydantic_dataclass


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
        _fills_span(self.raw, self.span, "marker")
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
        _fills_span(self.raw, self.span, "count")
        return self


def _fills_span(raw: str, span: Span, what: str) -> None:
    """A marker or a count is exactly the text its span covers."""
    if len(raw) != span.end - span.start:
        raise ValueError(f"{what} {raw!r} does not fill its span")
