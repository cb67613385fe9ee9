"""Inputs: which files the arguments name, and how each is read into text.

The one place that knows about stdin, folders, globs, ``.docx`` and encodings, shared by
every command (``parse``, ``tree``, ``outline``, ``validate``, ``check``) and by
``jianghua.batch``:

``expand_inputs(arguments, suffixes)``
    files, ``-`` for stdin, folders searched recursively, glob patterns the shell left
    unexpanded → an ordered list of ``InputItem`` (duplicates once), and whether the
    arguments make a batch.
``read_input(path, encoding)``
    → ``(text, Source)``: ``jianghua.read.source.read_source`` (the one door, shared
    with ``jianghua.parse_file``), printing reader warnings to stderr.
``convert_one(path, encoding)``
    → ``Speech``: the per-file work of ``jianghua parse``.

Every failure is an ``InputError`` naming the path, never a bare ``OSError``.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

from jianghua.api import parse
from jianghua.errors import InputError, JianghuaError
from jianghua.model import Source, Speech
from jianghua.read.files import read_regular_file, read_stdin_bytes
from jianghua.read.source import STDIN, Warn, os_error, read_source

__all__ = [
    "JSON_SUFFIXES",
    "SPEECH_SUFFIXES",
    "STDIN",
    "InputItem",
    "convert_one",
    "expand_inputs",
    "load_input",
    "os_error",
    "read_bytes",
    "read_input",
    "stderr_line",
]

#: What a folder argument is searched for (recursively).
SPEECH_SUFFIXES = (".txt", ".md", ".docx")
JSON_SUFFIXES = (".json", ".jsonl")


# --- diagnostics ---------------------------------------------------------------------


def stderr_line(line: str) -> None:
    """Write one line to stderr, even where stderr cannot encode Chinese."""
    stream = sys.stderr
    if stream is None:  # pragma: no cover - pythonw
        return
    try:
        stream.write(line + "\n")
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(line.encode(encoding, "backslashreplace").decode(encoding) + "\n")
    stream.flush()


def _warn_stderr(path: str, warning: str) -> None:
    stderr_line(f"{path}: 注意 (warning): {warning}")


# --- reading one input ---------------------------------------------------------------


def read_bytes(path: str) -> bytes:
    """The bytes of a file (``-``: stdin); ``InputError`` if it cannot be read.

    Through the same reader as speeches (``decode``), which reads regular files only:
    a plain ``open()`` would block forever on a FIFO with no writer and read
    ``/dev/zero`` until memory runs out (found by tests/test_hostile.py).
    """
    if path == STDIN:
        return read_stdin_bytes()
    return read_regular_file(path)


def read_input(path: str, encoding: str | None = None, *,
               warn: Warn | None = None) -> tuple[str, Source]:
    """``jianghua.read.source.read_source`` with the command line's default for reader
    warnings: each is printed to stderr (``warn(path, message)`` overrides)."""
    return read_source(path, encoding, warn=warn or _warn_stderr)


def convert_one(path: str, encoding: str | None = None, *,
                warn: Warn | None = None) -> Speech:
    """Read and parse one speech file: the per-file work of ``jianghua parse``.

    A plain top-level function of picklable arguments, so that a process pool can map
    it over a batch (``jianghua.batch`` does). ``warn`` as for ``read_input``.
    """
    text, source = read_input(path, encoding, warn=warn)
    return parse(text, source=source)


def load_input(path: str, encoding: str | None = None) -> Speech:
    """A ``Speech`` from a speech file, or from a ``.json`` written by ``jianghua parse``."""
    if path != STDIN and os.path.isdir(path):
        raise InputError("是一个目录，不是文件", "is a directory, not a file", path=path)
    if path.lower().endswith(".json"):
        from jianghua.render.derived import check_derived
        from jianghua.render.json import load_speech  # orjson: not at start-up

        speech = load_speech(read_bytes(path), path=path)
        check_derived(speech, path=path)  # nothing render would silently drop
        return speech
    return convert_one(path, encoding)


# --- expanding arguments -------------------------------------------------------------


@dataclass(frozen=True)
class InputItem:
    """One file of a batch: the path to read and its name relative to its argument."""

    path: str
    relative: PurePath  # mirrored under ``parse -o DIR``
    error: JianghuaError | None = None  # an argument that named no file at all


def _walk(root: str, suffixes: tuple[str, ...]) -> Iterator[str]:
    for folder, dirs, files in os.walk(root):
        # Sorted, so batch output is in the same order everywhere; hidden folders
        # (.git) and Word's lock files (~$讲话.docx) are never speeches.
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(suffixes) and not name.startswith((".", "~$")):
                yield os.path.join(folder, name)


def _static_prefix(pattern: str) -> str:
    """The folder part of a glob pattern before its first wildcard (``a/b`` of ``a/b/*/x``)."""
    parts: list[str] = []
    for part in PurePath(pattern).parts[:-1]:
        if glob.has_magic(part):
            break
        parts.append(part)
    return os.path.join(*parts) if parts else "."


def _folder(folder: str, base: str, suffixes: tuple[str, ...]) -> list[InputItem]:
    """The files under ``folder``, named relative to ``base``; an error item if none."""
    found = [InputItem(p, PurePath(os.path.relpath(p, base))) for p in _walk(folder, suffixes)]
    if found:
        return found
    return [InputItem(folder, PurePath(folder), InputError(
        f"目录中没有 {'、'.join(suffixes)} 文件", f"no {', '.join(suffixes)} files in this "
        "directory", path=folder))]


def _pattern(pattern: str, suffixes: tuple[str, ...]) -> list[InputItem]:
    """A glob the shell did not expand (Windows, or quoted): its files, sorted."""
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        return [InputItem(pattern, PurePath(pattern), InputError(
            "没有与该模式匹配的文件", "no file matches this pattern", path=pattern))]
    base = _static_prefix(pattern)
    items: list[InputItem] = []
    for match in matches:
        if os.path.isdir(match):
            items.extend(_folder(match, base, suffixes))
        elif match.lower().endswith(suffixes):
            items.append(InputItem(match, PurePath(os.path.relpath(match, base))))
    return items


def _unique(items: list[InputItem]) -> list[InputItem]:
    """The first of each file named twice (``a.txt ./a.txt``, or a file inside a folder
    also given): read once, written once."""
    seen: set[str] = set()
    unique = []
    for item in items:
        key = item.path if item.path == STDIN else os.path.normpath(item.path)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def expand_inputs(arguments: list[str], suffixes: tuple[str, ...] = SPEECH_SUFFIXES
                  ) -> tuple[list[InputItem], bool]:
    """The files named by command-line ``arguments``, in order, and whether it is a batch.

    An argument is ``-`` (stdin), a file (read whatever its suffix), a folder (searched
    recursively for ``suffixes``, sorted, skipping hidden folders, hidden files and
    Word's ``~$`` lock files) or a glob pattern the shell left unexpanded (``**``
    allowed). Each item keeps its path relative to its argument (for mirroring a tree
    under an output folder). A folder with no such files, or a pattern matching
    nothing, becomes one item whose ``error`` says so, so a batch can report it in
    place. The same file named twice is listed once. It is a batch when there is more
    than one argument or any folder or pattern: the caller then reports per file
    instead of stopping at the first failure.

    Public for every command that reads speeches: ``jianghua check`` passes
    ``(".txt", ".docx")``, ``validate`` passes ``JSON_SUFFIXES``.
    """
    items: list[InputItem] = []
    batch = len(arguments) > 1
    for argument in arguments:
        if argument == STDIN:
            items.append(InputItem(STDIN, PurePath("stdin")))
        elif os.path.isdir(argument):
            batch = True
            items.extend(_folder(argument, argument, suffixes))
        elif os.path.lexists(argument) or not glob.has_magic(argument):
            items.append(InputItem(argument, PurePath(os.path.basename(argument) or argument)))
        else:
            batch = True
            items.extend(_pattern(argument, suffixes))
    return _unique(items), batch
