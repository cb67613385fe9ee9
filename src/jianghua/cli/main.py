"""The ``jianghua`` command: parse, tree, outline, render, validate, schema (and check).

This module only assembles the subcommands (``jianghua.cli``, one module each) and
runs them. Every subcommand is tested through ``main(argv) -> int``. Exit codes follow
flake8 and ruff: 0 success, 1 some input failed (a batch, an invalid document), 2 a
usage or input error (also an internal error, reported in one line;
``JIANGHUA_DEBUG=1`` shows the traceback), 130 interrupted. A ``JianghuaError`` reaches
the user as its one-line ``.message``, never as a traceback.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import os
import sys

from jianghua.cli.common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    Formatter,
)
from jianghua.errors import JianghuaError
from jianghua.read.inputs import os_error, stderr_line

__all__ = ["build_parser", "main", "run"]


def _version() -> str:
    from jianghua import __version__

    return __version__


class _Version(argparse._VersionAction):
    """``--version``, looked up only when asked: importlib.metadata costs every start
    ~15 ms (python -m jianghua.bench, start-up)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        self.version = f"jianghua {_version()}"
        super().__call__(parser, namespace, values, option_string)


# Each command, the module that registers it and how, in the order --help lists them
# (check.add_parser adds ``rules`` too). A command being run imports only its own
# module: the others bring in the checks, the batch pool, orjson and rich, a third of
# the start-up of `jianghua outline` (python -m jianghua.bench, start-up).
_COMMANDS = (
    ("parse", "parse", "add_parser"),
    ("tree", "show", "add_tree_parser"),
    ("outline", "show", "add_outline_parser"),
    ("render", "documents", "add_render_parser"),
    ("validate", "documents", "add_validate_parser"),
    ("schema", "documents", "add_schema_parser"),
    ("check", "check", "add_parser"),
    ("rules", "rules", "add_rules_parser"),
    ("serve", "serve", "add_parser"),
)
COMMANDS = tuple(name for name, _, _ in _COMMANDS)


def _register(subparsers, module: str, function: str) -> None:
    getattr(importlib.import_module(f"jianghua.cli.{module}"), function)(subparsers)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or (``command``) the top level with only that command:
    what running it needs, and it parses that command's arguments alike."""
    parser = argparse.ArgumentParser(
        prog="jianghua",
        description="讲话稿、主持词、工作报告的结构解析与转换\n"
                    "Parse Chinese official speeches into their structure, and back.",
        epilog="示例 (examples):\n"
               "  jianghua parse 讲话.txt > 讲话.json\n"
               "  jianghua parse 材料/ -o all.jsonl\n"
               "  jianghua tree 讲话.txt\n"
               "  jianghua outline 讲话.docx\n"
               "  jianghua check 讲话.docx              # 像编辑一样审稿 (review a draft)\n"
               "  jianghua check 材料/ --statistics     # 每条规则几处 (count per rule)\n"
               "  cat 讲话.txt | jianghua check --fix - > 改后.txt\n"
               "  jianghua render 讲话.json > 讲话.txt\n"
               "  jianghua serve --open                # 在浏览器中检查 (check in the browser)\n\n"
               "子命令的帮助 (help on a command): jianghua COMMAND --help",
        formatter_class=Formatter)
    parser.add_argument("--version", action=_Version)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name, module, function in _COMMANDS:
        if command is None or name == command:
            _register(subparsers, module, function)
    return parser


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at devnull so the exit flush stays quiet
    (https://docs.python.org/3/library/signal.html#note-on-sigpipe)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []  # pragma: no cover


def _unknown_command(parser: argparse.ArgumentParser, argv: list[str]) -> str | None:
    """A message for a mistyped subcommand (``chek`` → ``check``), in Chinese like the
    rest; argparse's own says only "invalid choice" in English."""
    if not argv or argv[0].startswith("-"):
        return None
    commands = _commands(parser)
    if argv[0] in commands:
        return None
    close = difflib.get_close_matches(argv[0], commands, n=1, cutoff=0.5)
    hint_zh = f"；是不是 {close[0]}？" if close else ""
    hint_en = f"; did you mean {close[0]}?" if close else "."
    return (f"jianghua: 错误：没有子命令 {argv[0]}{hint_zh}（可用：{'、'.join(commands)}） "
            f"(error: no command {argv[0]!r}{hint_en} Commands: {', '.join(commands)})")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (never raises for user errors)."""
    args_given = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(args_given[0] if args_given and args_given[0] in COMMANDS else None)
    unknown = _unknown_command(parser, args_given)
    if unknown:
        stderr_line(unknown)
        return EXIT_USAGE
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(func(args))
    except JianghuaError as exc:
        stderr_line(exc.message)
        return EXIT_USAGE
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except OSError as exc:
        stderr_line(os_error(exc.filename or "jianghua", exc).message)
        return EXIT_USAGE
    except Exception as exc:
        if os.environ.get("JIANGHUA_DEBUG"):
            raise
        stderr_line(f"jianghua: 内部错误：{type(exc).__name__}: {exc}（请报告此问题；设置 "
                    f"JIANGHUA_DEBUG=1 可显示详情） (internal error: {type(exc).__name__}: "
                    f"{exc}; please report it; JIANGHUA_DEBUG=1 shows the traceback)")
        return EXIT_USAGE


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
