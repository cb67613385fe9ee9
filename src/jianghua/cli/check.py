"""``jianghua check``: the command-line side of the checks.

``cli.main`` registers the subcommand with ``add_parser(subparsers)``, which also adds
``rules`` (``cli.rules``) unless it is already there; ``main(argv)`` runs ``check``
on its own, for tests. This module reads the options, the configuration and the
inputs, runs the checks and reports; where ``--fix``/``--diff`` write their results is
``write_fixes``. Exit codes (flake8/ruff): 0 no finding at or above ``--fail-on``
(default error), 1 findings, 2 a usage or input error.
"""

from __future__ import annotations

import argparse
import sys

from jianghua.api import parse
from jianghua.checks.config import Config, ConfigError, clear_cache, config_for, load_config
from jianghua.checks.diagnostics import Diagnostic, Severity
from jianghua.checks.formats import FORMATS, format_github, format_human, format_json, format_sarif
from jianghua.checks.profiles import PROFILES, ProfileError, resolve_profile
from jianghua.checks.registry import SelectorError, all_rules, normalise_selectors
from jianghua.checks.runner import check
from jianghua.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    STDIN,
    Formatter,
    error,
    write,
)
from jianghua.cli.rules import add_rules_parser
from jianghua.cli.write_fixes import docx_copy, docx_fix_problem, fix_one
from jianghua.errors import JianghuaError
from jianghua.model import Speech
from jianghua.read import inputs

__all__ = ["CHECK_SUFFIXES", "add_parser", "build_parser", "main", "run"]

_EXAMPLES = """示例 (examples):
  jianghua check 讲话.txt
  jianghua check samples/ --profile published
  jianghua check 讲话.txt --select JH1,JH2 --ignore JH105
  jianghua check 讲话.txt --diff          # 显示可自动修复的改动 (show the fixes)
  jianghua check 讲话.txt --fix           # 改写文件 (write the fixes)
  jianghua check 讲话.docx --fix -o 改后.docx   # 修复后另存 (write a fixed copy)
  jianghua check 讲话.txt --format sarif -o check.sarif
  jianghua rules                          # 列出全部规则 (list the rules)
  jianghua rules JH601                    # 某条规则的说明 (one rule's documentation)
"""


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="FILE",
                        help="讲话稿文件、目录、通配符或 - (speech files, folders, globs, - "
                             "for stdin)")
    selectors = "规则代码、前缀或名称，逗号分隔 (codes, prefixes or names, comma-separated)"
    parser.add_argument("--select", action="append", metavar="RULES",
                        help=f"只检查这些规则 (only these rules): {selectors}")
    parser.add_argument("--ignore", action="append", metavar="RULES",
                        help=f"不检查这些规则 (skip these rules): {selectors}")
    parser.add_argument("--extend-select", action="append", metavar="RULES",
                        help=f"在已选规则外再加上 (add to the selected rules): {selectors}")
    parser.add_argument("--profile", metavar="NAME",
                        help="文本类型 (kind of text): draft（默认 default）| published | "
                             "fragment，可组合 (combinable) 如 published,fragment")
    parser.add_argument("--fail-on", choices=[s.value for s in Severity], default=None,
                        help="达到此级别即以 1 退出，默认 error (exit 1 on findings at or "
                             "above this severity; default error)")
    parser.add_argument("--format", choices=FORMATS, default="human",
                        help="输出格式 (output format), 默认 human")
    fixing = parser.add_mutually_exclusive_group()
    fixing.add_argument("--fix", action="store_true",
                        help="自动修复可安全修复的问题并写回文件；.docx 须加 -o 或 --in-place "
                             "(apply the safe fixes in place; a .docx needs -o or --in-place)")
    fixing.add_argument("--diff", action="store_true",
                        help="只显示修复后的差异，不写文件 (show the fixes as a diff, write "
                             "nothing)")
    parser.add_argument("--in-place", action="store_true",
                        help="与 --fix 一起：直接改写 .docx 原文件 (with --fix: rewrite a .docx "
                             "itself)")
    parser.add_argument("--config", metavar="PATH",
                        help="使用此配置文件，不再向上查找 (use this configuration file)")
    parser.add_argument("--isolated", action="store_true",
                        help="忽略所有配置文件 (ignore configuration files)")
    parser.add_argument("-o", "--output", metavar="PATH",
                        help="把结果写入文件；--fix 一个 .docx 时为修复后的副本 (write the "
                             "report to PATH; with --fix on a .docx: the fixed copy)")
    parser.add_argument("--no-source", dest="show_source", action="store_false",
                        help="human 格式不显示原文行 (human format: no source excerpts)")
    parser.add_argument("--encoding", metavar="NAME",
                        help="输入编码，默认自动识别 (input encoding; detected by default)")


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``check`` (and ``rules``, if no one has) on ``cli.py``'s subparsers."""
    parser = subparsers.add_parser(
        "check", help="像资深编辑一样检查讲话稿 (review a speech's structure and form)",
        description="检查讲话稿的结构与格式：序数、层级、标题、条数、称谓与结束语、标点与常见错字。\n"
                    "Review a speech like a senior editor: numbering, levels, headings, "
                    "declared counts, salutation and closing, punctuation and common slips.",
        epilog=_EXAMPLES, formatter_class=Formatter)
    _configure(parser)
    parser.set_defaults(func=run)
    add_rules_parser(subparsers)
    return parser


# --- check -------------------------------------------------------------------------


def _settings(args: argparse.Namespace, config: Config) -> dict:
    select = args.select if args.select else config.select
    return {
        "select": select,
        "ignore": [*config.ignore, *(args.ignore or [])],
        "extend_select": [*config.extend_select, *(args.extend_select or [])],
        "profile": args.profile or config.profile,
        "severity": config.severity,
    }


def _fail_on(args: argparse.Namespace, config: Config) -> Severity:
    if args.fail_on:
        return Severity(args.fail_on)
    return config.fail_on or Severity.ERROR


def _validate(args: argparse.Namespace) -> str | None:
    """A usage error in the options, or None."""
    try:
        resolve_profile(args.profile)
    except ProfileError as exc:
        return (f"未知的 profile：{exc}（可用：{', '.join(PROFILES)}） (unknown profile {exc}; "
                f"choose from {', '.join(PROFILES)})")
    for option in ("select", "ignore", "extend_select"):
        try:
            normalise_selectors(getattr(args, option), all_rules())
        except SelectorError as exc:
            flag = "--" + option.replace("_", "-")
            return (f"{flag} {exc}：没有这样的规则代码、前缀或名称 ({flag} {exc}: no such rule "
                    f"code, prefix or name; see jianghua rules)")
    if args.fix and STDIN in args.inputs:
        return "--fix 不能用于标准输入，请用 --diff (--fix cannot rewrite stdin; use --diff)"
    if args.in_place and (not args.fix or docx_copy(args)):
        return ("--in-place 只能与 --fix 一起使用，且不能再用 -o 指定 .docx (--in-place goes with "
                "--fix and without -o FILE.docx)")
    return None


def _read(path: str, encoding: str | None):
    return inputs.read_input(path, encoding)


#: What a folder argument is searched for. Not .md: a folder of speeches usually has a
#: README.md that is not one (name a .md speech explicitly to check it).
CHECK_SUFFIXES = (".txt", ".docx")


def _expand(arguments: list[str]):
    return inputs.expand_inputs(arguments, CHECK_SUFFIXES)[0]


def run(args: argparse.Namespace) -> int:
    """The ``check`` subcommand; returns the exit code."""
    problem = _validate(args)
    if problem:
        error(f"jianghua check: 错误：{problem}")
        return EXIT_USAGE
    clear_cache()
    explicit: Config | None = None
    try:
        if args.config:
            explicit = load_config(args.config)
    except ConfigError as exc:
        error(str(exc))
        return EXIT_USAGE
    items = _expand(args.inputs)
    problem = docx_fix_problem(args, items)
    if problem:
        error(f"jianghua check: 错误：{problem}")
        return EXIT_USAGE
    texts: dict[str | None, str] = {}
    diagnostics: list[Diagnostic] = []
    diffs: list[str] = []
    input_error = False
    failing = False
    fixed_total = 0
    files = 0
    for item in items:
        if item.error is not None:
            error(item.error.message)
            input_error = True
            continue
        shown = None if item.path == STDIN else item.path
        try:
            config = explicit or (Config() if args.isolated or shown is None
                                  else config_for(item.path))
            text, source = _read(item.path, args.encoding)
        except ConfigError as exc:
            error(str(exc))
            return EXIT_USAGE
        except JianghuaError as exc:
            error(exc.message)
            input_error = True
            continue
        files += 1
        settings = _settings(args, config)

        def checker(speech: Speech, text: str, shown=shown, settings=settings) -> list[Diagnostic]:
            return check(speech, text=text, path=shown, **settings)

        if args.fix or args.diff:
            outcome = fix_one(item.path, shown, text, source, checker, args, diffs)
            if outcome is None:
                input_error = True
                continue
            text, found, fixed = outcome
            fixed_total += fixed
        else:
            found = checker(parse(text, source=source), text)
        texts[shown] = text
        diagnostics.extend(found)
        threshold = _fail_on(args, config)
        failing = failing or any(d.severity.rank >= threshold.rank for d in found)
    if args.diff:
        write("".join(diffs), args.output)
        return EXIT_USAGE if input_error else (EXIT_FINDINGS if diffs else EXIT_OK)
    # Nothing could be read: a human summary would claim "no problems found" about
    # files never checked; machine formats still get their (empty) document.
    if files or args.format in ("json", "github", "sarif"):
        _report(diagnostics, texts, args, files, None if docx_copy(args) else args.output)
    if args.fix and fixed_total:
        error(f"已修复 {fixed_total} 处 (fixed {fixed_total})")
    if input_error:
        return EXIT_USAGE
    return EXIT_FINDINGS if failing else EXIT_OK


def _report(diagnostics: list[Diagnostic], texts: dict[str | None, str],
            args: argparse.Namespace, files: int, output: str | None) -> None:
    if args.format == "json":
        out = format_json(diagnostics)
    elif args.format == "github":
        out = format_github(diagnostics)
    elif args.format == "sarif":
        from jianghua import __version__

        out = format_sarif(diagnostics, texts, __version__)
    else:
        out = format_human(diagnostics, texts, files=files, show_source=args.show_source)
    write(out, output)


def build_parser() -> argparse.ArgumentParser:
    """A parser with only ``check`` and ``rules``, for ``main`` (tests)."""
    parser = argparse.ArgumentParser(prog="jianghua", formatter_class=Formatter)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``check`` standalone: ``main(["讲话.txt", "--format", "json"])``.

    ``argv`` are the arguments after ``check``; if it starts with ``rules``, that
    subcommand runs instead. Returns the exit code; never raises for user errors.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in ("check", "rules"):
        argv = ["check", *argv]
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        return int(args.func(args))
    except JianghuaError as exc:
        error(exc.message)
        return EXIT_USAGE
