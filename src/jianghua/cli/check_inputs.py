"""What ``jianghua check`` reads: which files, with which settings, and stdin.

Kept apart from ``cli.check`` (options, the loop, the report) because each piece is a
habit a new user brings from ruff:

* the same inputs as every other command (``.txt``, ``.md``, ``.docx`` in folders),
  less what ``exclude`` names (default ``README*.md``: a folder of drafts usually
  describes itself in one); a file named on the command line is always checked;
* a one-line hint for the formats people try first (.doc, .wps, .docm, PDF);
* ``cat 讲话.txt | jianghua check --fix -``: the fixed text on stdout, in the input's
  own encoding, the report on stderr (ruff does the same with ``--fix -``);
* ``-j N``: the files of a batch checked in worker processes, results in order.
"""

from __future__ import annotations

import argparse
import glob
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from jianghua.checks.config import Config, config_for
from jianghua.checks.diagnostics import Diagnostic
from jianghua.errors import JianghuaError
from jianghua.model import Source
from jianghua.read import inputs
from jianghua.read.hints import explain_format
from jianghua.read.inputs import SPEECH_SUFFIXES, STDIN, InputItem

__all__ = ["CHECK_SUFFIXES", "checked_items", "explain_format", "fix_stdin", "run_parallel"]

#: What a folder argument is searched for: the same as ``parse``/``tree``/``outline``.
CHECK_SUFFIXES = SPEECH_SUFFIXES

@dataclass
class Checked:
    """One file to check and the configuration that applies to it."""

    item: InputItem
    shown: str | None  # the name in messages (None: stdin without --stdin-filename)
    config: Config | None = None
    error: JianghuaError | None = None
    explicit: bool = True  # named on the command line (not found in a folder or glob)


def _explicit(arguments: Iterable[str]) -> set[str]:
    """The arguments that name a file themselves (never excluded, as in ruff)."""
    return {os.path.normpath(a) for a in arguments
            if a != STDIN and not os.path.isdir(a)
            and (os.path.lexists(a) or not glob.has_magic(a))}


def checked_items(args: argparse.Namespace, explicit_config: Config | None,
                  extra_exclude: tuple[str, ...]) -> tuple[list[Checked], bool]:
    """The files to check, each with its configuration, and whether any argument
    named no file. ``ConfigError`` propagates (a usage error)."""
    items, _ = inputs.expand_inputs(args.inputs, CHECK_SUFFIXES)
    named = _explicit(args.inputs)
    result: list[Checked] = []
    excluded = 0
    for item in items:
        if item.error is not None:
            result.append(Checked(item, item.path, error=item.error))
            continue
        stdin = item.path == STDIN
        shown = (args.stdin_filename if stdin else item.path) or None
        config = explicit_config or (Config() if args.isolated or shown is None
                                     else config_for(shown))
        explicit = stdin or (os.path.normpath(item.path) in named
                             and not getattr(args, "force_exclude", False))
        if not explicit and (config.excludes(item.path)
                             or _matches_any(extra_exclude, item.path)):
            excluded += 1
            continue
        result.append(Checked(item, shown, config, explicit=explicit))
    nothing = not result and excluded > 0
    return result, nothing


def _matches_any(patterns: tuple[str, ...], path: str) -> bool:
    from pathlib import Path

    from jianghua.checks.config import matches

    return any(matches(pattern, path, Path.cwd()) for pattern in patterns)


# --- stdin --fix -------------------------------------------------------------------


def fix_stdin(shown: str | None, encoding: str | None,
              checker: Callable) -> tuple[bytes, str, list[Diagnostic], list[Diagnostic]]:
    """Fix what stdin holds: the fixed bytes for stdout (a .docx piped in comes out as
    a fixed .docx; text in its own encoding and BOM), the fixed text, the findings
    left and the fixes applied."""
    from jianghua.checks.fixes import fix_docx, fix_text
    from jianghua.read.decode import decode_bytes, encode_text, read_stdin_bytes

    data = read_stdin_bytes()
    name = shown or "<stdin>"
    if data.startswith(b"PK\x03\x04"):  # a .docx is known by its signature
        result, fixed, _ = fix_docx(data, checker, source=Source(path=shown), path=name)
        return fixed, result.text, result.remaining, result.applied
    decoded = decode_bytes(data, path=name, encoding=encoding)
    source = Source(path=shown, encoding=decoded.encoding, bom=decoded.bom)
    result = fix_text(decoded.text, checker, source=source)
    try:
        out = encode_text(result.text, decoded.encoding, decoded.bom)
    except (UnicodeEncodeError, LookupError):
        out = result.text.encode("utf-8")
    return out, result.text, result.remaining, result.applied


# --- -j N ---------------------------------------------------------------------------


def _check_job(job: tuple[str, str | None, str | None, dict]):
    """One file in a worker: ``(text, diagnostics)`` or the error's message."""
    from jianghua.api import parse
    from jianghua.checks.runner import check

    path, shown, encoding, settings = job
    try:
        text, source = inputs.read_input(path, encoding)
    except JianghuaError as exc:
        return None, explain_format(path, exc).message
    return text, check(parse(text, source=source), text=text, path=shown, **settings)


def run_parallel(jobs: list[tuple[str, str | None, str | None, dict]],
                 workers: int) -> Iterator[tuple[str | None, object]]:
    """``_check_job`` over ``jobs`` in ``workers`` processes, in order."""
    if workers <= 1 or len(jobs) <= 1:
        yield from map(_check_job, jobs)
        return
    with ProcessPoolExecutor(min(workers, len(jobs))) as pool:
        yield from pool.map(_check_job, jobs, chunksize=1)
