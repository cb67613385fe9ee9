"""Rules and the registry that holds them (flake8/ruff/sqlfluff style).

A rule is one small class: a stable ``code`` (``JH`` + three digits), a kebab-case
``name``, a default ``severity``, a source ``tier``, a one-line Chinese ``message``, a
docstring with a bad and a good example (``错误示例`` / ``正确示例``) that is the rule's
documentation (``jianghua rules CODE``), and ``check(context)`` yielding diagnostics.

Code families (documented in ``jianghua rules``):

* JH1xx numbering — skipped, repeated, out-of-order ordinals; lists not from one; lone items
* JH2xx marker styles and punctuation; heading levels
* JH3xx headings — their closing punctuation and parallel pattern (对仗)
* JH4xx declared counts — 讲三点意见, 两项议程, 十条问题
* JH5xx speech shape — salutation, closing, agenda order
* JH6xx text — half-width punctuation, unpaired marks, placeholders, one-character slips

The registry refuses a duplicate code or name, a malformed one, a rule without
examples, and a default severity above the cap of its tier.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from jianghua.checks.rule import Rule, RuleError, severity_cap

__all__ = ["FAMILIES", "REGISTRY", "Registry", "Rule", "RuleError", "SelectorError",
           "all_rules", "normalise_selectors", "register", "select_rules", "severity_cap"]

CODE_RE = re.compile(r"^JH[1-9][0-9]{2}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

FAMILIES: dict[str, tuple[str, str]] = {
    "JH1": ("序数编号", "numbering"),
    "JH2": ("序数形式与层级", "marker styles and levels"),
    "JH3": ("标题", "headings"),
    "JH4": ("声明的数目", "declared counts"),
    "JH5": ("讲话结构", "speech shape"),
    "JH6": ("文字与标点", "text and punctuation"),
}


class Registry:
    """Rule classes by code. ``register`` is a class decorator (for rules of one's own).

    ``builtins``, if given, returns the rule classes to register on first use: the
    built-in rules are imported only when a check or ``jianghua rules`` needs them.
    """

    def __init__(self, builtins: Callable[[], Iterable[type[Rule]]] | None = None) -> None:
        self._rules: dict[str, type[Rule]] = {}
        self._sorted: list[type[Rule]] | None = None
        self._builtins = builtins

    def _load(self) -> dict[str, type[Rule]]:
        if self._builtins is not None:
            builtins, self._builtins = self._builtins, None
            for rule in builtins():
                self.register(rule)
        return self._rules

    def register(self, cls: type[Rule]) -> type[Rule]:
        for attribute in ("code", "name", "severity", "tier", "message"):
            if not hasattr(cls, attribute):
                raise RuleError(f"rule {cls.__name__} has no {attribute!r}")
        if not CODE_RE.match(cls.code):
            raise RuleError(f"rule {cls.__name__}: code {cls.code!r} is not JH + 3 digits")
        if not NAME_RE.match(cls.name):
            raise RuleError(f"rule {cls.code}: name {cls.name!r} is not kebab-case")
        rules = self._load()
        if cls.code in rules:
            raise RuleError(f"duplicate rule code {cls.code}: {cls.__name__} and "
                            f"{self._rules[cls.code].__name__}")
        if any(rule.name == cls.name for rule in self._rules.values()):
            raise RuleError(f"duplicate rule name {cls.name!r} ({cls.code})")
        doc = cls.doc()
        if "错误示例" not in doc or "正确示例" not in doc:
            raise RuleError(f"rule {cls.code}: the docstring needs 错误示例 and 正确示例")
        if cls.severity.rank > cls.cap().rank:
            raise RuleError(f"rule {cls.code}: tier {cls.tier.value} allows at most "
                            f"{cls.cap().value}, not {cls.severity.value}")
        self._rules[cls.code] = cls
        self._sorted = None
        return cls

    def __iter__(self) -> Iterator[type[Rule]]:
        if self._sorted is None:
            self._sorted = sorted(self._load().values(), key=lambda rule: rule.code)
        return iter(self._sorted)

    def __len__(self) -> int:
        return len(self._load())

    def __contains__(self, code: object) -> bool:
        return code in self._load()

    def get(self, code_or_name: str) -> type[Rule] | None:
        rules = self._load()
        wanted = code_or_name.strip()
        if wanted.upper() in rules:
            return rules[wanted.upper()]
        return next((rule for rule in rules.values() if rule.name == wanted), None)

    def codes(self) -> list[str]:
        return [rule.code for rule in self]


def _builtin_rules() -> tuple[type[Rule], ...]:
    from jianghua.checks.rules import get_rules  # the rules: imported on first use

    return get_rules()


#: The registry every built-in rule is in (``jianghua.checks.rules.get_rules``, loaded
#: on first use) and any rule registered with ``register``.
REGISTRY = Registry(_builtin_rules)
register = REGISTRY.register


def all_rules() -> list[type[Rule]]:
    """Every registered rule, by code."""
    return list(REGISTRY)


# -- selection: --select / --ignore / --extend-select ------------------------------------


class SelectorError(ValueError):
    """A selector that names no rule (a usage error: exit code 2)."""


def _specificity(selector: str, rule: type[Rule]) -> int | None:
    """How specifically ``selector`` names ``rule`` (longer prefix: more specific), or
    None if it does not. ``ALL`` is the least specific, a name as specific as a code."""
    if selector == "ALL":
        return 0
    if selector == rule.name or selector == rule.code:
        return len(rule.code)
    if rule.code.startswith(selector):
        return len(selector)
    return None


def normalise_selectors(selectors: Iterable[str] | None,
                        rules: Iterable[type[Rule]]) -> list[str]:
    """Split comma-separated selectors, upper-case codes, and refuse unknown ones."""
    known = list(rules)
    result: list[str] = []
    for item in selectors or ():
        for part in str(item).split(","):
            part = part.strip()
            if not part:
                continue
            selector = part if any(rule.name == part for rule in known) else part.upper()
            if not any(_specificity(selector, rule) is not None for rule in known):
                raise SelectorError(part)
            result.append(selector)
    return result


def select_rules(rules: Iterable[type[Rule]], *, select: Iterable[str] | None = None,
                 ignore: Iterable[str] | None = None,
                 extend_select: Iterable[str] | None = None) -> list[type[Rule]]:
    """The rules that ``select`` (default: all) plus ``extend_select`` enable and
    ``ignore`` does not disable. As in ruff, the most specific selector decides
    (``--ignore JH6 --extend-select JH601`` keeps JH601); on a tie ``ignore`` wins."""
    rules = list(rules)
    chosen = normalise_selectors(select, rules) if select else ["ALL"]
    chosen += normalise_selectors(extend_select, rules)
    dropped = normalise_selectors(ignore, rules)
    result = []
    for rule in rules:
        keep = max((s for s in (_specificity(x, rule) for x in chosen) if s is not None),
                   default=None)
        drop = max((s for s in (_specificity(x, rule) for x in dropped) if s is not None),
                   default=None)
        if keep is not None and (drop is None or keep > drop):
            result.append(rule)
    return result
