"""The base class every rule derives from, apart from the registry that lists them.

Rules import this module, never ``registry``: the registry imports the rules (lazily,
through ``jianghua.checks.rules.get_rules``), so the two no longer import each other.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from jianghua.checks.diagnostics import Diagnostic, Fix, Severity, Tier

if TYPE_CHECKING:
    from jianghua.checks.context import CheckContext

__all__ = ["Rule", "RuleError", "severity_cap"]


class RuleError(ValueError):
    """A rule class that the registry refuses."""


def severity_cap(tier: Tier) -> Severity:
    """The highest severity a rule of ``tier`` may report by default.

    Practice (实务) is advice, never an error (issue 3). Standards' 一般/可以 clauses are
    capped by the rule itself choosing warning; see each rule's docstring.
    """
    return Severity.WARNING if tier is Tier.SHIWU else Severity.ERROR


class Rule:
    """Base class of every rule. Subclasses set the class attributes and ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    tier: ClassVar[Tier]
    message: ClassVar[str]
    #: Whether the rule offers fixes (``--fix``); shown in ``jianghua rules``.
    fixable: ClassVar[bool] = False
    #: The highest severity the rule may report, if lower than its tier allows: a
    #: standard's clause worded 一般/可以 (or an informative appendix) caps at warning.
    ceiling: ClassVar[Severity | None] = None

    @classmethod
    def cap(cls) -> Severity:
        tier_cap = severity_cap(cls.tier)
        if cls.ceiling is not None and cls.ceiling.rank < tier_cap.rank:
            return cls.ceiling
        return tier_cap

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:  # pragma: no cover
        raise NotImplementedError

    # -- helpers for subclasses -------------------------------------------------------
    def report(self, context: CheckContext, start: int, end: int, message: str | None = None,
               *, fix: Fix | None = None) -> Diagnostic:
        """A diagnostic of this rule over ``text[start:end]`` (at least one character
        where the text has one, so a caret can point at it)."""
        return context.diagnostic(self, start, end, message or self.message, fix)

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.doc().splitlines()[0] if cls.__doc__ else cls.message
