"""What a check reports: a ``Diagnostic`` with its place in the text and maybe a ``Fix``.

Positions follow ``models.Span``: ``line``/``column`` are 1-based and count code points
(not bytes, not display cells), ``end_line``/``end_column`` point just past the end, as
SARIF's ``endColumn`` does. ``start``/``end`` are the code-point offsets behind them,
kept for fixes and renderers; they are not part of the JSON output.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from itertools import pairwise
from typing import NamedTuple


class Severity(str, Enum):
    """How serious a finding is. Ordered: info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def label_zh(self) -> str:
        return _LABEL_ZH[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
_LABEL_ZH = {Severity.INFO: "提示", Severity.WARNING: "警告", Severity.ERROR: "错误"}


class Tier(str, Enum):
    """Where a rule comes from.

    * 国标: GB/T 9704-2012 《党政机关公文格式》 (heading levels, §7.3.3);
    * 标准: GB/T 15834-2011 《标点符号用法》 or GB/T 15835-2011 《出版物上数字用法》;
    * 实务: common editorial practice (CONVENTIONS.md, the seeds and the corpus).

    A rule from practice, or one a standard words with 一般/可以, never reports above
    warning (``registry.check_severity_cap``).
    """

    GUOBIAO = "国标"
    BIAOZHUN = "标准"
    SHIWU = "实务"


class Edit(NamedTuple):
    """Replace ``text[start:end]`` (code-point offsets) with ``replacement``.

    Edits and fixes are named tuples: immutable, hashable, and cheap to make (a text
    with half-width punctuation throughout has hundreds of fixes). ``fixes.py`` checks
    that the edits it applies are forward ranges that do not overlap.
    """

    start: int
    end: int
    replacement: str


class Fix(NamedTuple):
    """A safe, mechanical repair: non-overlapping edits applied together or not at all."""

    description: str
    edits: tuple[Edit, ...]


def make_fix(description: str, *edits: tuple[int, int, str]) -> Fix:
    """A fix from ``(start, end, replacement)`` triples."""
    return Fix(description, tuple(Edit(*edit) for edit in edits))


def check_fix(fix: Fix) -> None:
    """Raise ``ValueError`` unless the fix's edits are forward and disjoint."""
    if not fix.edits:
        raise ValueError("a fix needs at least one edit")
    ordered = sorted(fix.edits)
    for edit in ordered:
        if not 0 <= edit.start <= edit.end:
            raise ValueError(f"edit [{edit.start}, {edit.end}) is not a forward range")
    for before, after in pairwise(ordered):
        if after.start < before.end:
            raise ValueError("the edits of one fix overlap")


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding of one rule at one place.

    A plain frozen dataclass rather than a pydantic model: a text with half-width
    punctuation throughout has hundreds of findings, and building them must stay
    cheap (checking may add at most half again to parsing time).
    """

    code: str
    name: str
    severity: Severity
    tier: Tier
    message: str
    path: str | None
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    fix: Fix | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path or "", self.start, self.end, self.code)

    def to_json(self) -> dict:
        """The JSON form ``--format json`` prints: the documented keys, ``fix`` if any."""
        data = {
            "code": self.code, "name": self.name, "severity": self.severity.value,
            "tier": self.tier.value, "message": self.message, "path": self.path,
            "line": self.line, "column": self.column, "end_line": self.end_line,
            "end_column": self.end_column,
        }
        if self.fix is not None:
            data["fix"] = {"description": self.fix.description,
                           "edits": [{"start": e.start, "end": e.end,
                                      "replacement": e.replacement} for e in self.fix.edits]}
        return data
