"""The registry (refuses bad rules), selection by code/prefix/name, profiles, severities."""

from __future__ import annotations

import pytest

from jianghua.api import parse
from jianghua.checks import REGISTRY, all_rules, check
from jianghua.checks.diagnostics import Severity, Tier
from jianghua.checks.profiles import ProfileError, resolve_profile
from jianghua.checks.registry import Registry, Rule, RuleError, SelectorError, select_rules
from jianghua.checks.runner import effective_severities

DOC = """A rule.

    错误示例::

        坏

    正确示例::

        好
"""


def make_rule(code: str = "JH901", name: str = "test-rule", severity=Severity.WARNING,
              tier=Tier.SHIWU, doc: str = DOC) -> type[Rule]:
    return type("TestRule", (Rule,), {"code": code, "name": name, "severity": severity,
                                      "tier": tier, "message": "测试", "__doc__": doc})


def test_registry_refuses_a_duplicate_code() -> None:
    registry = Registry()
    registry.register(make_rule())
    with pytest.raises(RuleError, match="duplicate rule code JH901"):
        registry.register(make_rule(name="other-name"))


def test_registry_refuses_a_duplicate_name() -> None:
    registry = Registry()
    registry.register(make_rule())
    with pytest.raises(RuleError, match="duplicate rule name"):
        registry.register(make_rule(code="JH902"))


@pytest.mark.parametrize(("kwargs", "reason"), [
    ({"code": "X101"}, "not JH"),
    ({"code": "JH0001"}, "not JH"),
    ({"name": "Not_Kebab"}, "kebab-case"),
    ({"doc": "No examples."}, "错误示例"),
    ({"severity": Severity.ERROR, "tier": Tier.SHIWU}, "allows at most warning"),
])
def test_registry_refuses_malformed_rules(kwargs, reason) -> None:
    with pytest.raises(RuleError, match=reason):
        Registry().register(make_rule(**kwargs))


def test_builtin_rules_respect_the_practice_cap() -> None:
    rules = all_rules()
    assert len(rules) == len(REGISTRY) >= 20
    for rule in rules:
        if rule.tier is Tier.SHIWU:
            assert rule.severity.rank <= Severity.WARNING.rank, rule.code
        assert rule.message and rule.doc().count("示例") >= 2


def codes(**selection) -> list[str]:
    return [rule.code for rule in select_rules(all_rules(), **selection)]


def test_select_by_code_prefix_and_name() -> None:
    assert codes(select=["JH601"]) == ["JH601"]
    assert codes(select=["JH60"]) == ["JH601", "JH602", "JH603", "JH604"]
    assert codes(select=["half-width-punctuation"]) == ["JH601"]
    assert codes(select=["jh601,JH101"]) == ["JH101", "JH601"]
    assert codes(select=["ALL"]) == [rule.code for rule in all_rules()]


def test_ignore_and_extend_select_follow_specificity() -> None:
    assert "JH601" not in codes(ignore=["JH6"])
    # The more specific selector wins (ruff): ignore a family, keep one rule of it.
    assert codes(select=["JH6"], ignore=["JH6"], extend_select=["JH601"]) == ["JH601"]
    assert codes(select=["JH601"], ignore=["JH601"]) == []  # a tie: ignore wins
    assert codes(select=["JH1"], extend_select=["placeholder"]) == [
        "JH101", "JH102", "JH103", "JH104", "JH105", "JH603"]


def test_unknown_selector_is_an_error() -> None:
    with pytest.raises(SelectorError):
        codes(select=["JH999"])
    with pytest.raises(SelectorError):
        codes(ignore=["no-such-rule"])


def test_profiles_compose_and_unknown_ones_are_refused() -> None:
    assert resolve_profile(None).name == "draft"
    combined = resolve_profile("published,fragment")
    assert combined.fragment and "JH501" in combined.disabled
    assert combined.severity["JH603"] is Severity.INFO
    with pytest.raises(ProfileError):
        resolve_profile("final")


def test_configured_severity_is_capped_by_tier() -> None:
    rules = [REGISTRY.get("JH604"), REGISTRY.get("JH601")]
    severities = effective_severities(rules, resolve_profile("draft"),
                                      {"JH604": "error", "JH601": "info"})
    assert severities["JH604"] is Severity.WARNING  # practice: never above warning
    assert severities["JH601"] is Severity.INFO  # lowering is always allowed


def test_placeholder_severity_follows_the_profile() -> None:
    speech = parse("同志们：\n请*同志讲话。\n")
    draft = check(speech, select=["JH603"])
    published = check(speech, select=["JH603"], profile="published")
    assert [d.severity for d in draft] == [Severity.ERROR]
    assert [d.severity for d in published] == [Severity.INFO]
    assert "隐去" in published[0].message


def test_check_api_returns_sorted_diagnostics_with_positions() -> None:
    text = "同志们:\n一、甲\n二、乙\n四、丙\n"
    found = check(parse(text))
    assert [(d.code, d.line, d.column) for d in found] == [
        ("JH601", 1, 4), ("JH101", 4, 1), ("JH504", 4, 3)]
    assert found[0].end_column == 5 and found[0].path is None
    assert text[found[0].start:found[0].end] == ":"


def test_check_is_exported_from_the_package() -> None:
    import jianghua

    exported = getattr(jianghua, "check", None)
    if exported is None:
        pytest.skip("jianghua/__init__.py does not re-export check yet")
    assert exported is check


def test_every_rule_is_documented_in_docs_checks_md() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "checks.md").read_text(encoding="utf-8")
    for rule in all_rules():
        row = next((line for line in doc.splitlines() if line.startswith(f"| {rule.code} |")),
                   None)
        assert row is not None, rule.code
        assert f"| {rule.name} |" in row and rule.tier.value in row


def test_clauses_worded_yiban_or_keyi_are_capped_at_warning() -> None:
    for code in ("JH201", "JH202", "JH203", "JH204", "JH205"):
        rule = REGISTRY.get(code)
        assert rule.cap() is Severity.WARNING
        severities = effective_severities([rule], resolve_profile("draft"), {code: "error"})
        assert severities[code] is Severity.WARNING
    with pytest.raises(RuleError, match="at most warning"):
        Registry().register(type("Capped", (make_rule(tier=Tier.BIAOZHUN),),
                                 {"ceiling": Severity.WARNING, "severity": Severity.ERROR,
                                  "__doc__": DOC}))
