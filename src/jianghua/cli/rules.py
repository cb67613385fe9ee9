"""``jianghua rules [CODE]``: list the check rules, or show one rule's documentation.

Read-only: it looks at the registry and the profiles, never at a speech. It is
registered by ``cli.check.add_parser`` together with ``check`` (or on its own with
``add_rules_parser``), and shares only the output helpers of ``cli.common``.
"""

from __future__ import annotations

import argparse
import re

from jianghua.checks.profiles import PROFILES
from jianghua.checks.registry import FAMILIES, REGISTRY, all_rules
from jianghua.cli.common import EXIT_OK, EXIT_USAGE, Formatter, error, write

__all__ = ["add_rules_parser", "run_rules"]


def add_rules_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``rules [CODE]``; does nothing if it is already registered."""
    existing = getattr(subparsers, "choices", {}) or {}
    if "rules" in existing:
        return existing["rules"]
    parser = subparsers.add_parser(
        "rules", help="列出检查规则或显示一条规则的说明 (list the check rules, or show one)",
        description="列出 jianghua check 的规则，或显示一条规则的说明与示例。\n"
                    "List the rules of jianghua check, or show one rule's documentation.",
        epilog="示例 (examples):\n  jianghua rules\n  jianghua rules JH601\n"
               "  jianghua rules half-width-punctuation\n  jianghua rules --format json",
        formatter_class=Formatter)
    parser.add_argument("rule", nargs="?", metavar="CODE",
                        help="规则代码或名称 (a rule code or name)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="输出格式 (output format)")
    parser.set_defaults(func=run_rules)
    return parser


def plain(doc: str) -> str:
    """A rule's docstring for a terminal: no reST markup (``--fix`` → --fix, a
    literal block's ``示例::`` → ``示例：``); --format json keeps the source."""
    doc = re.sub(r"``([^`]+)``", r"\1", doc)
    return re.sub(r"::$", "：", doc, flags=re.MULTILINE)


def run_rules(args: argparse.Namespace) -> int:
    """The ``rules`` subcommand; returns the exit code."""
    rules = all_rules()
    if args.rule:
        rule = REGISTRY.get(args.rule)
        if rule is None:
            error(f"jianghua rules: 错误：没有规则 {args.rule} (error: no rule {args.rule})")
            return EXIT_USAGE
        rules = [rule]
    if args.format == "json":
        import json

        data = [{"code": r.code, "name": r.name, "severity": r.severity.value,
                 "tier": r.tier.value, "fixable": r.fixable, "message": r.message,
                 "doc": r.doc()} for r in rules]
        write(json.dumps(data if not args.rule else data[0], ensure_ascii=False, indent=2)
              + "\n")
        return EXIT_OK
    if args.rule:
        rule = rules[0]
        head = (f"{rule.code} {rule.name}\n"
                f"级别 (severity): {rule.severity.value}    来源 (tier): {rule.tier.value}    "
                f"可自动修复 (fixable): {'是 yes' if rule.fixable else '否 no'}\n\n")
        write(head + plain(rule.doc()) + "\n")
        return EXIT_OK
    lines = []
    family = None
    for rule in rules:
        if rule.code[:3] != family:
            family = rule.code[:3]
            zh, en = FAMILIES.get(family, ("", ""))
            lines.append(f"{family}xx {zh} ({en})")
        fix = "修复" if rule.fixable else "    "
        lines.append(f"  {rule.code}  {rule.name:<28} {rule.severity.value:<8} {rule.tier.value}  "
                     f"{fix}  {rule.message}")
    lines.append("")
    lines.append("profiles: " + "；".join(f"{name} — {p.description}"
                                          for name, p in PROFILES.items()))
    write("\n".join(lines) + "\n")
    return EXIT_OK
