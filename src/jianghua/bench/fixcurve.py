"""The ``fix`` section of the benchmark: ``jianghua check --fix`` must stay linear.

``choose_edits`` once compared each new edit with every chosen one, so fixing 2k/4k/8k
one-comma lines took 1.8/5.6/19.7 s and 100k paragraphs never finished. This section
fixes speeches of N body lines, each with one half-width comma in Chinese context
(one JH601 edit per line), through ``checks.fixes.fix_text`` as ``--fix`` runs it, and
prints the time per edit at each size and its ratio to the smallest: a linear fix
keeps the ratio near 1 (a quadratic one doubles it with each doubling of N). A .docx
of N paragraphs is fixed too (``fix_docx``: read, check, write back, read back), and
checked as ``jianghua check FILE.docx`` runs (read, check, the default report): on
100,000 paragraphs with a finding each, 16.6 s and 389 MB peak RSS on the 2-core
machine (it did not finish in 15 minutes before the report stopped rescanning the
text per finding).

Printed, never asserted (speed is measured only here).
"""

from __future__ import annotations

import gc
import io
import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["FIX_LINES", "QUICK_FIX_LINES", "comma_speech", "print_fix_curve"]

FIX_LINES = (2_000, 4_000, 8_000, 16_000, 32_000, 100_000)
QUICK_FIX_LINES = (500, 1_000)


def comma_speech(lines: int) -> str:
    """A speech whose every body line has one fixable half-width comma."""
    body = "".join(f"第{n}项工作,要抓紧抓实。\n" for n in range(1, lines + 1))
    return f"同志们：\n{body}我就讲到这里，谢谢大家！\n"


def _docx(text: str) -> bytes:
    from docx import Document

    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _peak_rss() -> int:
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KB on Linux


def _measure(run: Callable[[], int]) -> tuple[float, int, float]:
    # Timed without tracemalloc (which slows fixing threefold); memory is the rise of
    # the process's peak RSS, a lower bound once an earlier size has raised it.
    gc.collect()
    before = _peak_rss()
    started = time.perf_counter()
    fixed = run()
    elapsed = time.perf_counter() - started
    return elapsed, fixed, max(_peak_rss() - before, 0) / 1e6


def print_fix_curve(sizes: tuple[int, ...], out: TextIO, log: Callable[[str], None], *,
                    docx: bool = True) -> None:
    from jianghua.checks.fixes import fix_docx, fix_text
    from jianghua.checks.runner import check

    def checker(speech, text):
        return check(speech, text=text)

    print("\n--fix (one JH601 edit per line; time per edit, ratio to the smallest size; "
          "linear ≈ 1.0)", file=out)
    print(f"{'format':<6} {'lines':>8} {'edits':>8} {'seconds':>9} {'µs/edit':>9} "
          f"{'ratio':>6} {'RSS Δ MB':>8}", file=out)
    checked: list[tuple[int, float, int, float]] = []
    for kind in ("text", "docx") if docx else ("text",):
        first: float | None = None
        for lines in sizes:
            text = comma_speech(lines)
            log(f"fixing {lines:,} lines ({kind})")
            if kind == "text":
                elapsed, fixed, peak = _measure(lambda t=text: fix_text(t, checker).fixed)
            else:
                data = _docx(text)  # python-docx is slow to build one: used twice
                log(f"checking {lines:,} paragraphs (docx)")
                checked.append((lines, *_measure(lambda d=data: _check_docx(d))))
                elapsed, fixed, peak = _measure(
                    lambda d=data: fix_docx(d, checker, path="bench.docx")[0].fixed)
            per = elapsed / max(fixed, 1) * 1e6
            first = first or per
            print(f"{kind:<6} {lines:>8,} {fixed:>8,} {elapsed:>9.2f} {per:>9.0f} "
                  f"{per / first:>6.2f} {peak:>8.1f}", file=out, flush=True)
    if checked:
        _print_check_curve(checked, out)


def _check_docx(data: bytes) -> int:
    """``jianghua check FILE.docx`` as the command runs it: read, check, and the default
    report with a source excerpt per finding (the report once rescanned the whole text
    for every finding: 10,000 findings took 190 s)."""
    from jianghua.api import parse_docx, render
    from jianghua.checks.formats import format_human
    from jianghua.checks.runner import check

    speech = parse_docx(data=data, name="bench.docx")
    found = check(speech, path="bench.docx")
    format_human(found, {"bench.docx": render(speech)})
    return len(found)


def _print_check_curve(rows: list[tuple[int, float, int, float]], out: TextIO) -> None:
    print("\ncheck FILE.docx (read, check, default report; time per finding)", file=out)
    print(f"{'paragraphs':>10} {'findings':>8} {'seconds':>9} {'µs/finding':>10} "
          f"{'RSS Δ MB':>8}", file=out)
    for lines, elapsed, found, peak in rows:
        print(f"{lines:>10,} {found:>8,} {elapsed:>9.2f} {elapsed / max(found, 1) * 1e6:>10.0f} "
              f"{peak:>8.1f}", file=out, flush=True)
