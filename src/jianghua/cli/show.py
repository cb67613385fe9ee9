"""``jianghua tree`` and ``jianghua outline``: the structure, for a person to read.

Both take any number of inputs (files, ``.json`` from ``jianghua parse``, folders,
globs, ``-``). With several, ``outline`` puts a ``==> path <==`` line before each, as
``head`` does, and ``tree`` draws one tree per file (each rooted at its file name). A
file that cannot be read is reported in one line and the others are still shown (exit
1); a single input that cannot be read, or arguments that name no file at all (an
empty folder), are an input error (exit 2).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator

from jianghua.cli.atomic import refuse_inputs
from jianghua.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    add_encoding,
    add_output,
    add_speech_inputs,
    names_no_file,
    open_output,
    subparser,
)
from jianghua.model import Speech
from jianghua.read.inputs import STDIN, expand_inputs, load_input, stderr_line
from jianghua.render.outline import render_outline


class Speeches:
    """The speeches ``args.inputs`` name, loaded one at a time as they are shown."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.items, self.batch = expand_inputs(args.inputs)
        self.encoding: str | None = getattr(args, "encoding", None)
        self.failed = 0

    def __iter__(self) -> Iterator[tuple[str, Speech]]:
        for item in self.items:
            try:
                if item.error is not None:
                    raise item.error
                speech = load_input(item.path, self.encoding)
            except Exception as exc:
                if not self.batch:
                    raise  # main() reports it: exit 2, or a traceback with JIANGHUA_DEBUG
                from jianghua.batch import describe_failure  # the pool: not at start-up

                stderr_line(describe_failure(item.path, exc))
                self.failed += 1
                continue
            yield ("<stdin>" if item.path == STDIN else item.path), speech

    @property
    def exit_code(self) -> int:
        return EXIT_FAILED if self.failed else EXIT_OK


# --- tree ----------------------------------------------------------------------------


def add_tree_parser(subparsers) -> None:
    p = subparser(subparsers, "tree", "以树形显示讲话结构", "show the structure as a tree",
                  "  jianghua tree 讲话.txt\n"
                  "  jianghua tree --body --width 100 讲话.json\n"
                  "  jianghua tree --explain 讲话.txt   # 每个节点为何如此划分 (why each node)\n"
                  "  jianghua tree 材料/                # 每个文件一棵树 (one tree per file)",
                  run_tree)
    add_speech_inputs(p)
    p.add_argument("--body", action="store_true",
                   help="同时显示正文段落摘要 (also show body paragraphs, shortened)")
    p.add_argument("--width", type=int, metavar="N", help="输出宽度 (output width in columns)")
    p.add_argument("--explain", action="store_true",
                   help="在每个节点旁显示识别依据：找到的提示词和所用规则 (show beside each node "
                        "the cue found and the rule that decided its kind)")
    add_encoding(p)


def _console(width: int | None):
    from rich.console import Console

    stdout = sys.stdout
    encoding = (getattr(stdout, "encoding", None) or "utf-8").lower().replace("_", "-")
    if encoding != "utf-8" and hasattr(stdout, "reconfigure"):
        # UTF-8 whatever the locale or PYTHONIOENCODING, as every other command writes
        # (outline, parse, check): one encoding for everything jianghua prints.
        stdout.reconfigure(encoding="utf-8")
    # No force_terminal: rich itself turns styles off when stdout is not a terminal
    # (piped) and honours TERM=dumb / FORCE_COLOR; NO_COLOR here means no styles at all.
    return Console(file=stdout, width=width, highlight=False,
                   color_system=None if os.environ.get("NO_COLOR") else "auto")


def run_tree(args: argparse.Namespace) -> int:
    from jianghua.render.tree import speech_tree

    speeches = Speeches(args)
    if names_no_file(speeches.items):
        return EXIT_USAGE
    console = _console(args.width)
    for count, (name, speech) in enumerate(speeches):
        if count:
            console.print()
        explain = None
        if args.explain:
            from jianghua.parse.explain import explainer
            from jianghua.render.text import render_text

            explain = explainer(render_text(speech),
                                paragraphs=speech.source.format == "docx")
        console.print(speech_tree(speech, source_name=name, body=args.body, explain=explain))
        sys.stdout.flush()
    return speeches.exit_code


# --- outline -------------------------------------------------------------------------


def add_outline_parser(subparsers) -> None:
    p = subparser(subparsers, "outline", "输出提纲", "print the outline (提纲)",
                  "  jianghua outline 讲话.txt\n"
                  "  jianghua outline 讲话.json -o 讲话.outline\n"
                  "  jianghua outline a.txt b.docx      # 每个前有 ==> 文件名 <== (headers)",
                  run_outline)
    add_speech_inputs(p)
    add_output(p, "the outline")
    add_encoding(p)


def run_outline(args: argparse.Namespace) -> int:
    speeches = Speeches(args)
    if names_no_file(speeches.items):
        return EXIT_USAGE
    refuse_inputs(args.output, [i.path for i in speeches.items if i.error is None],
                  "jianghua outline")
    with open_output(args.output) as out:
        for count, (name, speech) in enumerate(speeches):
            if speeches.batch:  # as `head` does: a blank line, then the name
                out.write(f"{chr(10) if count else ''}==> {name} <==\n".encode())
            out.write(render_outline(speech).encode("utf-8"))
            out.flush()
    return speeches.exit_code
