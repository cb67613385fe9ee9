"""``jianghua check``: the command-line side of the checks.

``cli.main`` registers the subcommand with ``add_parser(subparsers)``, which also adds
``rules`` (``cli.rules``) unless it is already there; ``main(argv)`` runs ``check``
on its own, for tests. This module reads the options, the configuration and the
inputs, runs the checks and reports; where ``--fix``/``--diff`` write their results is
``write_fixes``; which files are read, stdin ``--fix`` and ``-j`` are ``check_inputs``.
Exit codes (flake8/ruff): 0 no finding at or above ``--fail-on`` (default error), 1
findings, 2 a usage or input error; ``--exit-zero`` and ``--exit-non-zero-on-fix`` as
in ruff.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter

from jianghua.api import parse
from jianghua.checks.config import Config, ConfigError, clear_cache, load_config
from jianghua.checks.diagnostics import Diagnostic, Severity
from jianghua.checks.formats import (
    Palette,
    format_concise,
    format_github,
    format_human,
    format_json,
    format_sarif,
    format_statistics,
)
from jianghua.checks.profiles import PROFILES, ProfileError, resolve_profile
from jianghua.checks.registry import SelectorError, all_rules, normalise_selectors
from jianghua.checks.runner import check
from jianghua.cli.atomic import atomic_write, refuse_inputs
from jianghua.cli.check_inputs import (
    CHECK_SUFFIXES,
    Checked,
    checked_items,
    explain_format,
    fix_stdin,
    run_parallel,
)
from jianghua.cli.check_options import EXAMPLES, configure
from jianghua.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    STDIN,
    Formatter,
    error,
    write,
    write_output,
)
from jianghua.cli.rules import add_rules_parser
from jianghua.cli.write_fixes import fix_one, fix_problem, fixed_copy
from jianghua.errors import JianghuaError
from jianghua.model import Speech
from jianghua.read import inputs

__all__ = ["CHECK_SUFFIXES", "add_parser", "build_parser", "main", "run"]

def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``check`` (and ``rules``, if no one has) on ``cli.py``'s subparsers."""
    parser = subparsers.add_parser(
        "check", help="像资深编辑一样检查讲话稿 (review a speech's structure and form)",
        description="检查讲话稿的结构与格式：序数、层级、标题、条数、称谓与结束语、标点与常见错字。\n"
                    "Review a speech like a senior editor: numbering, levels, headings, "
                    "declared counts, salutation and closing, punctuation and common slips.",
        epilog=EXAMPLES, formatter_class=Formatter)
    configure(parser)
    parser.set_defaults(func=run)
    add_rules_parser(subparsers)
    return parser


# --- check -------------------------------------------------------------------------


def _settings(args: argparse.Namespace, config: Config, shown: str | None = None) -> dict:
    select = args.select if args.select else config.select
    return {
        "select": select,
        "ignore": [*config.ignore, *config.ignores_for(shown), *(args.ignore or [])],
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
    if args.fix and STDIN in args.inputs and (len(args.inputs) > 1 or args.output):
        return ("--fix - 把修复后的全文写到标准输出，只能单独使用，不能加 -o (--fix - writes the "
                "fixed text to stdout: stdin alone, without -o)")
    if args.in_place and (not args.fix or args.output):
        return ("--in-place 只能与 --fix 一起使用，且不能再用 -o 指定 .docx (--in-place goes with "
                "--fix and without -o FILE.docx)")
    return None


def _read(path: str, encoding: str | None):
    try:
        return inputs.read_input(path, encoding)
    except JianghuaError as exc:
        raise explain_format(path, exc) from None


def _selectors(values: list[str] | None) -> tuple[str, ...]:
    return tuple(p.strip() for v in values or () for p in v.split(",") if p.strip())


def _palette(args: argparse.Namespace) -> Palette:
    """Colour as ``tree`` has it: on a terminal unless NO_COLOR (https://no-color.org)
    or TERM=dumb; ``--color always`` forces it, also into a pipe."""
    if args.color == "never" or (args.color == "auto" and os.environ.get("NO_COLOR")):
        return Palette(False)
    if args.color == "always":
        return Palette(True)
    if args.output or os.environ.get("TERM") == "dumb":
        return Palette(False)
    if os.environ.get("FORCE_COLOR"):
        return Palette(True)
    isatty = getattr(sys.stdout, "isatty", None)
    return Palette(bool(isatty and isatty()))


def run(args: argparse.Namespace) -> int:
    """The ``check`` subcommand; returns the exit code."""
    problem = _validate(args)
    if problem:
        error(f"jianghua check: 错误：{problem}")
        return EXIT_USAGE
    clear_cache()
    try:
        explicit = load_config(args.config) if args.config else None
        checked, all_excluded = checked_items(args, explicit, _selectors(args.exclude))
    except ConfigError as exc:
        error(str(exc))
        return EXIT_USAGE
    if args.show_settings:
        return _show_settings(args, checked)
    if all_excluded:
        error("jianghua check: 错误：所有文件都被 exclude 排除 (error: every file is excluded)")
        return EXIT_USAGE
    if args.fix and args.inputs == [STDIN]:
        return _fix_stdin(args, checked[0])
    problem = fix_problem(args, [c.item for c in checked if not _docx_left(args, c)])
    if problem:
        error(f"jianghua check: 错误：{problem}")
        return EXIT_USAGE
    try:  # `check --fix a.txt -o a.txt` left only the report
        refuse_inputs(args.output, [c.item.path for c in checked if c.item.error is None],
                      "jianghua check")
    except JianghuaError as exc:
        error(exc.message)
        return EXIT_USAGE
    return _check_all(args, checked)


def _emit(text: str, output: str | None) -> None:
    """The report or the diff: to stdout, or atomically to ``output`` (ten concurrent
    runs writing one file left corrupt JSON when it was opened ``"wb"``)."""
    if output:
        atomic_write(output, text.encode("utf-8"))
    else:
        write(text)


def _docx_left(args: argparse.Namespace, c: Checked) -> bool:
    """A .docx found in a folder by ``--fix`` without ``--in-place``: checked, not
    rewritten (a folder of .txt drafts with one .docx among them is still fixed)."""
    return (bool(args.fix) and not args.in_place and not c.explicit and c.error is None
            and c.item.path.lower().endswith(".docx"))


class _Run:
    """What the loop over the files gathers."""

    def __init__(self) -> None:
        self.texts: dict[str | None, str] = {}
        self.diagnostics: list[Diagnostic] = []
        self.diffs: list[str] = []
        self.applied: list[Diagnostic] = []
        self.input_error = False
        self.failing = False
        self.files = 0

    def add(self, shown: str | None, text: str, found: list[Diagnostic],
            threshold: Severity) -> None:
        self.files += 1
        self.texts[shown] = text
        self.diagnostics.extend(found)
        self.failing = self.failing or any(d.severity.rank >= threshold.rank for d in found)


def _check_all(args: argparse.Namespace, checked: list[Checked]) -> int:
    state = _Run()
    parallel = None
    if args.jobs > 1 and not (args.fix or args.diff):
        parallel = run_parallel([(c.item.path, c.shown, args.encoding,
                                  _settings(args, c.config, c.shown))
                                 for c in checked if c.error is None], args.jobs)
    for c in checked:
        if c.error is not None:
            error(c.error.message)
            state.input_error = True
            continue
        assert c.config is not None
        threshold = _fail_on(args, c.config)
        if parallel is not None:
            text, found = next(parallel)
            if text is None:
                error(str(found))
                state.input_error = True
                continue
            state.add(c.shown, text, found, threshold)  # type: ignore[arg-type]
            continue
        try:
            text, source = _read(c.item.path, args.encoding)
        except JianghuaError as exc:
            error(exc.message)
            state.input_error = True
            continue
        settings = _settings(args, c.config, c.shown)

        def checker(speech: Speech, text: str, shown=c.shown,
                    settings=settings) -> list[Diagnostic]:
            return check(speech, text=text, path=shown, **settings)

        if (args.fix or args.diff) and not _docx_left(args, c):
            outcome = fix_one(c.item.path, c.shown, text, source, checker, args, state.diffs,
                              applied=state.applied)
            if outcome is None:
                state.input_error = True
                continue
            text, found, _ = outcome
        else:
            if _docx_left(args, c):
                error(f"{c.item.path}: 注意：未修改 .docx（批量 --fix 只改写文本文件，加 "
                      f"--in-place 才改写 .docx） (note: not rewritten; --fix on a folder "
                      f"rewrites .docx files only with --in-place)")
            found = checker(parse(text, source=source), text)
        state.add(c.shown, text, found, threshold)
    if args.diff:
        _emit("".join(state.diffs), args.output)
        if state.input_error:
            return EXIT_USAGE
        return EXIT_FINDINGS if state.diffs and not args.exit_zero else EXIT_OK
    # Nothing could be read: a human summary would claim "no problems found" about
    # files never checked; machine formats still get their (empty) document.
    if state.files or args.format in ("json", "github", "sarif"):
        _emit(_report(state.diagnostics, state.texts, args, state.files, _palette(args)),
              None if fixed_copy(args) else args.output)
    if args.fix:
        _fixes_note(args, state.applied)
    return _exit(args, state.input_error, state.failing, len(state.applied))


def _exit(args: argparse.Namespace, input_error: bool, failing: bool, fixed: int) -> int:
    if input_error:
        return EXIT_USAGE
    if args.exit_zero:
        return EXIT_OK
    if failing or (args.exit_non_zero_on_fix and fixed):
        return EXIT_FINDINGS
    return EXIT_OK


def _fixes_note(args: argparse.Namespace, applied: list[Diagnostic]) -> None:
    """What ``--fix`` did, on stderr: each fix with ``--show-fixes``, then the count."""
    if args.show_fixes:
        for d in applied:
            description = d.fix.description if d.fix else d.message
            error(f"{d.path or '<stdin>'}:{d.line}:{d.column} {d.code} {description}")
    if applied and not args.quiet:
        counts = Counter(d.code for d in applied)
        rules = "，".join(f"{code} ×{n}" for code, n in counts.most_common())
        error(f"已修复 {len(applied)} 处 (fixed {len(applied)})"
              + (f"：{rules}" if args.show_fixes else ""))


def _fix_stdin(args: argparse.Namespace, c: Checked) -> int:
    """``check --fix -``: the fixed text (or .docx) on stdout, the report on stderr."""
    if c.error is not None:
        error(c.error.message)
        return EXIT_USAGE
    assert c.config is not None
    settings = _settings(args, c.config, c.shown)

    def checker(speech: Speech, text: str) -> list[Diagnostic]:
        return check(speech, text=text, path=c.shown, **settings)

    try:
        data, text, found, applied = fix_stdin(c.shown, args.encoding, checker)
    except JianghuaError as exc:
        error(exc.message)
        return EXIT_USAGE
    write_output(data, None)
    colour = Palette(args.color == "always")
    report = _report(found, {c.shown: text}, args, 1, colour)
    if report.strip():
        sys.stderr.write(report)
        sys.stderr.flush()
    _fixes_note(args, applied)
    threshold = _fail_on(args, c.config)
    failing = any(d.severity.rank >= threshold.rank for d in found)
    return _exit(args, False, failing, len(applied))


def _show_settings(args: argparse.Namespace, checked: list[Checked]) -> int:
    """ruff's ``--show-settings``: the settings for the first file, as JSON."""
    first = next((c for c in checked if c.error is None), None)
    if first is None or first.config is None:
        for c in checked:
            error(c.error.message if c.error else f"{c.item.path}")
        return EXIT_USAGE
    from jianghua.checks.runner import active_rules

    effective = _settings(args, first.config, first.shown)
    rules = active_rules(select=effective["select"], ignore=effective["ignore"],
                         extend_select=effective["extend_select"],
                         profile=effective["profile"])
    data = {"file": first.shown, **first.config.settings(),
            "effective": {"select": effective["select"], "ignore": effective["ignore"],
                          "extend-select": effective["extend_select"],
                          "profile": effective["profile"] or "draft",
                          "fail-on": _fail_on(args, first.config).value,
                          "rules": [rule.code for rule in rules]}}
    write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _report(diagnostics: list[Diagnostic], texts: dict[str | None, str],
            args: argparse.Namespace, files: int, palette: Palette) -> str:
    if args.statistics:
        return format_statistics(diagnostics, as_json=args.format == "json")
    if args.format == "json":
        return format_json(diagnostics)
    if args.format == "github":
        return format_github(diagnostics)
    if args.format == "sarif":
        from jianghua import __version__

        return format_sarif(diagnostics, texts, __version__)
    if args.format == "concise":
        return format_concise(diagnostics, texts, files=files, palette=palette,
                              quiet=args.quiet)
    return format_human(diagnostics, texts, files=files, show_source=args.show_source,
                        palette=palette, quiet=args.quiet)


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
