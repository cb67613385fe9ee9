"""What the subcommands share: exit codes, argument helpers, and writing outputs.

Machine outputs (JSON, outline, rendered text, check reports, fixed files) are written
as bytes to ``sys.stdout.buffer`` or, atomically, to a file: UTF-8 with ``\\n``
whatever the platform and locale, because they are compared byte for byte. Messages
go to stderr, escaped rather than lost on a terminal that cannot show Chinese.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from typing import BinaryIO

from jianghua.cli.atomic import atomic_open
from jianghua.read.inputs import STDIN, InputItem, stderr_line

# The one set of exit codes, flake8 and ruff's convention: 0 fine, 1 some input of a
# batch failed (or, for ``check``, findings at or above --fail-on), 2 a usage or input
# error, 130 interrupted (Ctrl-C).
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_FINDINGS = EXIT_FAILED  # jianghua check: what it found fails the run

#: One line to stderr (``path: 错误：… (error: …)``), even where stderr cannot encode Chinese.
error = stderr_line

Command = Callable[[argparse.Namespace], int]


# --- arguments -----------------------------------------------------------------------


class Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)


def subparser(subparsers, name: str, zh: str, en: str, examples: str,
              func: Command) -> argparse.ArgumentParser:
    """A subcommand with its help in Chinese and English and its examples."""
    parser = subparsers.add_parser(
        name, help=f"{zh} ({en})", description=f"{zh}\n{en}",
        epilog="示例 (examples):\n" + examples, formatter_class=Formatter)
    parser.set_defaults(func=func)
    return parser


def positive_int(value: str) -> int:
    """``-j N``: a worker count, 1 or more."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"应为正整数 (expected a positive integer): {value!r}")
    return number


def add_encoding(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--encoding", metavar="NAME",
                        help="输入编码，默认自动识别 (input encoding, e.g. gbk; detected "
                             "by default)")


def add_output(parser: argparse.ArgumentParser, what: str, extra: str = "") -> None:
    parser.add_argument("-o", "--output", metavar="PATH",
                        help=f"写入文件而不是标准输出 (write {what} to PATH instead of "
                             f"stdout{extra})")


def add_speech_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="FILE",
                        help="讲话稿或其 JSON、目录、通配符，- 为标准输入 (speeches or their "
                             ".json, folders of .txt/.md/.docx, globs; - for stdin)")


def names_no_file(items: list[InputItem]) -> bool:
    """True, after one line per argument saying why, when no argument named any file
    (an empty folder, a pattern matching nothing): nothing to do is an input error (exit
    2), as for ``validate`` and ``check``, not a batch in which everything failed."""
    if any(item.error is None for item in items):
        return False
    for item in items:
        assert item.error is not None
        stderr_line(item.error.message)
    return True


# --- writing -------------------------------------------------------------------------


class _TextAsBinary:  # pragma: no cover - only for a replaced, text-only stdout
    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, data: bytes) -> int:
        return self.stream.write(data.decode("utf-8", "surrogateescape"))

    def flush(self) -> None:
        self.stream.flush()


def stdout_buffer() -> BinaryIO:
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # pragma: no cover - a text-only stdout
        return _TextAsBinary(sys.stdout)  # type: ignore[return-value]
    return buffer


def is_stdout(output: str | None) -> bool:
    return output is None or output == STDIN


def is_output_dir(output: str | None) -> bool:
    if output is None or is_stdout(output):
        return False
    return output.endswith(("/", os.sep)) or os.path.isdir(output)


@contextlib.contextmanager
def open_output(output: str | None) -> Iterator[BinaryIO]:
    """A binary stream to stdout (``None`` or ``-``) or, atomically, to the file ``output``."""
    if is_stdout(output):
        out = stdout_buffer()
        yield out
        out.flush()
        return
    assert output is not None
    # Atomic, respectful of links, modes and owners: see cli/atomic.py.
    with atomic_open(output) as handle:
        yield handle


def write_output(data: bytes, output: str | None) -> None:
    """Write ``data`` to stdout (``None`` or ``-``) or, atomically, to the file ``output``."""
    with open_output(output) as out:
        out.write(data)


def write(text: str, output: str | None = None) -> None:
    """Write ``text`` as UTF-8 to stdout (``None`` or ``-``) or, atomically, to ``output``."""
    write_output(text.encode("utf-8"), output)
