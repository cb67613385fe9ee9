"""Loading the rule case files (sqlfluff's std_rule_cases, in TOML).

``tests/checks/cases/<CODE>.toml`` holds ``[[cases]]`` tables, each with a ``name``,
optionally a ``profile``, and either ``pass_str`` (no diagnostic of the rule) or
``fail_str`` with ``expected = [{code, line, column}]`` and, for fixable rules,
``fix_str`` (the text after ``--fix`` with only this rule selected).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CASES = Path(__file__).resolve().parent / "cases"


@dataclass(frozen=True)
class Case:
    code: str
    name: str
    text: str
    passes: bool
    expected: tuple[tuple[str, int, int], ...]
    fix_str: str | None
    profile: str | None

    @property
    def id(self) -> str:
        return f"{self.code}-{self.name}"


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CASES.glob("*.toml")):
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        for table in data.get("cases", []):
            passes = "pass_str" in table
            cases.append(Case(
                code=path.stem, name=table["name"],
                text=table["pass_str"] if passes else table["fail_str"], passes=passes,
                expected=tuple((e["code"], e["line"], e["column"])
                               for e in table.get("expected", [])),
                fix_str=table.get("fix_str"), profile=table.get("profile")))
    return cases


def case_codes() -> set[str]:
    return {path.stem for path in CASES.glob("*.toml")}
