"""Every rule against its case file: passing text, failing text with positions, fix."""

from __future__ import annotations

import pytest
from cases_support import Case, case_codes, load_cases

from jianghua.api import parse
from jianghua.checks import all_rules, check
from jianghua.checks.fixes import fix_text, structure

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case(case: Case) -> None:
    found = check(parse(case.text), select=[case.code], profile=case.profile)
    positions = [(d.code, d.line, d.column) for d in found]
    if case.passes:
        assert positions == [], [d.message for d in found]
        return
    assert positions == list(case.expected), [d.message for d in found]
    for diagnostic in found:
        assert diagnostic.message and diagnostic.end >= diagnostic.start
    if case.fix_str is None:
        return

    def checker(speech, text):
        return check(speech, text=text, select=[case.code], profile=case.profile)

    result = fix_text(case.text, checker)
    assert result.text == case.fix_str
    assert structure(parse(result.text)) == structure(parse(case.text))
    again = fix_text(result.text, checker)  # idempotent
    assert again.text == result.text and again.fixed == 0


def test_every_rule_has_a_case_file() -> None:
    codes = {rule.code for rule in all_rules()}
    assert codes - case_codes() == set(), "rules without tests/checks/cases/<CODE>.toml"
    assert case_codes() - codes == set(), "case files for rules that do not exist"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_every_rule_has_a_passing_and_a_failing_case(rule) -> None:
    mine = [case for case in CASES if case.code == rule.code]
    assert any(case.passes for case in mine)
    assert any(not case.passes for case in mine)
    if rule.fixable:
        assert any(case.fix_str is not None for case in mine), "a fixable rule needs a fix_str"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_docstring_examples_behave(rule) -> None:
    """The 错误示例 of a rule's documentation is reported, the 正确示例 is not."""
    bad, good = _examples(rule.doc())
    profile = "draft"
    assert [d for d in check(parse(good), select=[rule.code], profile=profile)] == []
    assert [d for d in check(parse(bad), select=[rule.code], profile=profile)] != []


def _examples(doc: str) -> tuple[str, str]:
    blocks: dict[str, list[str]] = {}
    current = None
    for line in doc.splitlines():
        if line.startswith(("错误示例", "正确示例")):
            current = line[:4]
            blocks[current] = []
        elif current and (line.startswith("    ") or not line.strip()):
            blocks[current].append(line[4:])
        elif current and line.strip():
            current = None
    return ("\n".join(blocks["错误示例"]).strip() + "\n",
            "\n".join(blocks["正确示例"]).strip() + "\n")
