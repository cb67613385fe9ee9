"""Writing what ``jianghua check --fix`` / ``--diff`` fixed.

``checks.fixes`` computes the fixed text; this module decides where it goes: a text
file is re-encoded in its own encoding and BOM and replaced atomically
(``cli.common.write_output``: a temporary file beside it, fsync, rename); a .docx is
rewritten only when asked (``--in-place``) or copied to ``-o FILE.docx``; ``--diff``
collects unified diffs and writes nothing. Problems with those options are
reported before any file is written.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable

from jianghua.checks.fixes import FixResult, fix_docx, fix_text, unified_diff
from jianghua.cli.common import STDIN, error, write_output
from jianghua.errors import JianghuaError

__all__ = ["docx_copy", "docx_fix_problem", "fix_one"]


def _is_docx(path: str) -> bool:
    return path.lower().endswith(".docx")


def docx_copy(args: argparse.Namespace) -> str | None:
    """With --fix, ``-o FILE.docx`` names the fixed copy of the one .docx checked."""
    return args.output if args.fix and args.output and _is_docx(args.output) else None


def docx_fix_problem(args: argparse.Namespace, items: list) -> str | None:
    """A .docx is rewritten only when asked (--in-place) or copied to -o FILE.docx; said
    before any file is written."""
    if not args.fix:
        return None
    docx_items = [i for i in items if i.error is None and _is_docx(i.path)]
    copy = docx_copy(args)
    if copy and (len(items) != 1 or not docx_items):
        return ("-o FILE.docx 只能用于修复单个 .docx 文件 (-o FILE.docx takes exactly one .docx "
                "to fix)")
    if copy and os.path.exists(copy) and os.path.samefile(copy, docx_items[0].path):
        return ("-o 指向输入文件本身；要改写原文件请用 --in-place (-o names the input itself; "
                "use --in-place to rewrite it)")
    if docx_items and not copy and not args.in_place:
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
    if result.text != text:
        from jianghua.read.decode import encode_text

        try:
            data = encode_text(result.text, source.encoding, source.bom)
        except (UnicodeEncodeError, LookupError) as exc:
            error(f"{path}: 错误：修复后的文本无法用 {source.encoding} 编码写回 (error: the fixed "
                  f"text cannot be written back in {source.encoding}: {exc})")
            return None
        write_output(data, path)  # atomic, keeping the file's mode
        if applied is not None:
            applied.extend(result.applied)
    return result.text, result.remaining, result.fixed


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
    target = docx_copy(args) or path
    try:
        if target != path or fixed is not data:
            write_output(fixed, target)  # atomic, keeping the file's mode
    except JianghuaError as exc:
        error(exc.message)
        return None
    if applied is not None:
        applied.extend(result.applied)
    return result.text, result.remaining, result.fixed
