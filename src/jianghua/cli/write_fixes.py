"""Writing what ``jianghua check --fix`` / ``--diff`` fixed.

``checks.fixes`` computes the fixed text; this module decides where it goes. One
meaning for ``-o`` with ``--fix``, whatever the format: the fixed copy, written in the
input's own format (encoding and BOM for a text file, a package for a .docx), the
input left untouched, and the report on stdout. Without ``-o`` a text file is
rewritten in place (as ruff and autocorrect do); a .docx only when asked
(``--in-place``). ``--diff`` collects unified diffs and writes nothing. Every write goes
through ``cli.atomic`` (a temporary file beside the target, fsync, rename), and every
problem with the options is reported before any file is written.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from jianghua.checks.fixes import FixResult, fix_docx, fix_text, unified_diff
from jianghua.cli.atomic import atomic_write
from jianghua.cli.common import STDIN, error
from jianghua.errors import JianghuaError
from jianghua.read import inputs

__all__ = ["fix_one", "fix_problem", "fixed_copy"]


def _is_docx(path: str) -> bool:
    return path.lower().endswith(".docx")


def fixed_copy(args: argparse.Namespace) -> str | None:
    """With --fix, ``-o PATH`` names the fixed copy of the one file checked."""
    return args.output if args.fix and args.output else None


def fix_problem(args: argparse.Namespace, items: list) -> str | None:
    """What is wrong with where --fix would write, said before any file is written."""
    if not args.fix:
        return None
    copy = fixed_copy(args)
    readable = [i for i in items if i.error is None]
    if copy:
        if len(items) != 1 or len(readable) != 1:
            return ("--fix 与 -o 一起时只能修复单个文件，-o 为修复后的副本 (--fix with -o "
                    "takes exactly one file; -o is its fixed copy)")
        if _is_docx(readable[0].path) != _is_docx(copy):
            return ("-o 修复后的副本须与输入格式相同（.docx 对 .docx） (-o, the fixed copy, "
                    "must have the input's format: .docx for a .docx)")
        return None
    if any(_is_docx(i.path) for i in readable) and not args.in_place:
        return ("--fix 修复 .docx 需要 -o 修复后的文件 或 --in-place (--fix on a .docx needs "
                "-o FIXED.docx or --in-place)")
    return None


def fix_one(path: str, shown: str | None, text: str, source, checker: Callable,
            args: argparse.Namespace, diffs: list[str], *, applied: list | None = None):
    """Fix (or diff) one file; returns (text, remaining diagnostics, fixed count).
    ``applied`` receives the diagnostics whose fix was written (``--show-fixes``)."""
    if path != STDIN and _is_docx(path):
        return _fix_docx(path, shown, source, checker, args, diffs, applied)
    result: FixResult = fix_text(text, checker, source=source)
    if args.diff:
        if result.text != text:
            diffs.append(unified_diff(text, result.text, shown or "stdin"))
        return text, result.remaining, result.fixed
    copy = fixed_copy(args)
    if result.text != text or copy:
        from jianghua.read.decode import encode_text

        try:
            if result.text == text:  # nothing to fix: the copy is the input, byte for byte
                data = inputs.read_bytes(path)
            else:
                data = encode_text(result.text, source.encoding, source.bom)
            atomic_write(copy or path, data)
        except (UnicodeEncodeError, LookupError) as exc:
            error(f"{path}: 错误：修复后的文本无法用 {source.encoding} 编码写回 (error: the fixed "
                  f"text cannot be written back in {source.encoding}: {exc})")
            return None
        except JianghuaError as exc:
            error(exc.message)
            return None
    return _written(result, applied, wrote=result.text != text or bool(copy))


def _fix_docx(path: str, shown: str | None, source, checker: Callable,
              args: argparse.Namespace, diffs: list[str], applied: list | None = None):
    """A .docx: fixed through docx.writer into -o FILE.docx or (--in-place) itself;
    --diff shows what would be written. Fixes the writer cannot carry are reported."""
    from jianghua.docx.reader import MAX_TOTAL_UNCOMPRESSED
    from jianghua.docx.writer import SKIP_REASONS
    from jianghua.read.decode import read_regular_file

    try:  # the bytes read once: what is fixed is exactly what was read
        data = read_regular_file(path, max_size=MAX_TOTAL_UNCOMPRESSED)
        result, fixed, before = fix_docx(data, checker, source=source, path=path)
    except JianghuaError as exc:
        error(exc.message)
        return None
    for diagnostic, why in result.skipped:
        zh, en = SKIP_REASONS.get(why, (why, why))
        error(f"{path}:{diagnostic.line}:{diagnostic.column}: {diagnostic.code} 未写入 .docx："
              f"{zh} (fix not written to the .docx: {en})")
    if args.diff:
        if result.text != before:
            diffs.append(unified_diff(before, result.text, shown or "stdin"))
        return before, result.remaining, result.fixed
    target = fixed_copy(args) or path
    try:
        if target != path or fixed is not data:
            atomic_write(target, fixed)
    except JianghuaError as exc:
        error(exc.message)
        return None
    return _written(result, applied, wrote=True)


def _written(result: FixResult, applied: list | None, *, wrote: bool):
    """(text, remaining diagnostics, fixed count); what was written goes to ``applied``
    (``--show-fixes``)."""
    if wrote and applied is not None:
        applied.extend(result.applied)
    return result.text, result.remaining, result.fixed
