"""Speed and memory benchmark: ``python -m jianghua.bench``.

Generates a seeded synthetic corpus in the conventional style (``jianghua.bench.synth``) at
several sizes, writes each to a temporary file and times, in the same process and in
alternating rounds (floor, lark, parse, json, check, floor, …; the median of the
rounds is reported) the stages of ``jianghua.bench.stages``:

``floor``  read the bytes, ``decode_bytes``, ``splitlines()``, one compiled
           heading-marker regex matched per line: the least any parser must do;
``lark``   a reference, not a target: read + decode + a Lark LALR parse that only
           splits lines (one token per line), the least any Lark-based parse costs;
``markdown`` a peer, where markdown-it-py installs: the same texts parsed as Markdown;
``parse``  read + decode + ``jianghua.api.parse``;
``json``   read + decode + ``api.parse_data`` + its one-line JSON, as ``jianghua parse``
           writes it, streamed node by node (``render.json.write_data_json``) to the
           null device;
``check``  … + ``jianghua.checks.check(speech, text=text)`` as ``jianghua check`` runs it
           (skipped if that module is absent).

It prints MB/s, the ratio to the floor, speeches per second and the peak memory of
one run of each stage (tracemalloc: Python allocations above what was live before the
run, also as a multiple of the input size; and, on Linux, the rise of the process's
peak RSS, which also sees allocations made outside Python's allocator, e.g. by
pydantic-core). The texts in ``../shared`` are timed too when present. ``batch``
times ``jianghua.batch.parse_many`` (if it exists) on 2,000 generated files of ~5 KB
with one and two workers. ``startup`` times the CPU of ``jianghua outline`` on a 3 KB
file in a fresh interpreter against ``python -c "import lark; from pydantic import
BaseModel"``. The run ends with the targets and PASS/FAIL for each.

1 KB = 1000 bytes and 1 MB = 1,000,000 bytes throughout. The exit code is 0 (this is
a report, not a test) unless ``--strict`` is given and a target fails.
"""

from __future__ import annotations

import argparse
import gc
import math
import random
import re
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from jianghua.api import parse
from jianghua.bench.report import (
    STAGE_NAMES,
    BatchResult,
    Measurement,
    Workload,
    loadavg,
    machine_info,
    print_report,
)
from jianghua.bench.stages import (
    load_check,
    load_markdown,
    make_check_stage,
    measure_batch,
    measure_startup,
    stage_floor,
    stage_json,
    stage_lark_lines,
    stage_parse,
)
from jianghua.bench.synth import corpus_speeches, generate_speech

ALL_SIZES = "10KB,100KB,1MB,10MB"
QUICK_SIZES = "10KB,100KB"
ALL_STAGES = ("floor", "lark", "markdown", "parse", "json", "check", "batch", "startup", "fix")
TIMED_STAGES = ("floor", "lark", "markdown", "parse", "json", "check")
DEFAULT_SEED = 20240611
MIN_ROUND_SECONDS = 0.05  # small inputs are repeated within a round to reach this
REPO = Path(__file__).resolve().parents[3]
SHARED_SUBDIRS = ("seeds", "corpus", "corpus_raw")

# Many small files, where the pool's per-task overhead shows (issue 8: 2,000 files).
BATCH_FILES = 2000
BATCH_FILE_BYTES = 5_000
BATCH_SPEECH_CHARS = 1700  # a generated speech of ~5 KB


# --- inputs ----------------------------------------------------------------------------


def parse_size(text: str) -> int:
    """``10KB`` → 10_000, ``1MB`` → 1_000_000, ``2.5MB``, ``4096`` (bytes)."""
    match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([KMG]?)B?\s*", text, re.IGNORECASE)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 10KB, 1MB)")
    unit = {"": 1, "K": 1000, "M": 1000**2, "G": 1000**3}[match.group(2).upper()]
    return int(float(match.group(1)) * unit)


def size_label(nbytes: int) -> str:
    for unit, factor in (("MB", 1000**2), ("KB", 1000)):
        if nbytes >= factor:
            value = nbytes / factor
            return f"{value:g}{unit}" if value == int(value) else f"{value:.1f}{unit}"
    return f"{nbytes}B"


def shared_files(directory: Path) -> list[Path]:
    """The real speeches of a ``../shared``-like directory: ``seeds/``, ``corpus/`` and
    ``corpus_raw/`` when it has them (not the expected outputs in ``gold/``), otherwise
    every ``*.txt`` below it."""
    files = sorted(p for sub in SHARED_SUBDIRS for p in (directory / sub).glob("*.txt"))
    return files or sorted(p for p in directory.rglob("*.txt") if p.is_file())


# --- measuring -------------------------------------------------------------------------


def _run(fn: Callable[[Path], object], paths: list[Path]) -> None:
    for path in paths:
        result = fn(path)
        del result


def _time_round(fn: Callable[[Path], object], paths: list[Path],
                repeats: int) -> tuple[float, float]:
    """Wall seconds per run, and the process CPU seconds the whole round took."""
    cpu = time.process_time()
    start = time.perf_counter()
    for _ in range(repeats):
        _run(fn, paths)
    wall = time.perf_counter() - start
    return wall / repeats, time.process_time() - cpu


def _rss_probe() -> Callable[[], int] | None:
    """On Linux, reset the peak-RSS mark and return a reader of its rise since then."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        return None

    def status(key: str) -> int:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith(key):
                    return int(line.split()[1]) * 1024
        return 0

    base = status("VmRSS:")
    return lambda: max(0, status("VmHWM:") - base)


def _measure_memory(fn: Callable[[Path], object],
                    paths: list[Path]) -> tuple[float, int, int | None]:
    """Two runs of a stage: the first timed (for calibration) with the rise of the
    process's peak RSS (None where it cannot be measured), the second under tracemalloc
    for the peak of Python allocations above what was live before it.

    Returns (seconds of the first run, tracemalloc peak, RSS rise)."""
    gc.collect()
    probe = _rss_probe()
    start = time.perf_counter()
    _run(fn, paths)
    once = time.perf_counter() - start
    rss = probe() if probe else None
    gc.collect()
    tracemalloc.start()
    try:
        _run(fn, paths)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return once, peak, rss


def measure_workload(load: Workload, stages: dict[str, Callable[[Path], object]],
                     rounds: int, log: Callable[[str], None],
                     clock: str = "wall") -> dict[str, Measurement]:
    """Time each stage on ``load``: memory and warm-up first, then ``rounds`` alternating
    rounds. ``clock`` is ``wall`` (perf_counter) or ``cpu`` (this process's CPU time,
    which other processes competing for the CPU do not inflate)."""
    results = {name: Measurement(name) for name in stages}
    repeats: dict[str, int] = {}
    # Memory first, one run per stage: this is also the warm-up, and it runs before the
    # timed rounds have grown the heap, so the RSS rise is not hidden by reused memory.
    for name, fn in stages.items():
        log(f"  {load.label}: memory, {STAGE_NAMES[name]}")
        try:
            once, results[name].peak, results[name].rss = _measure_memory(fn, load.paths)
        except Exception as exc:  # a stage that fails is reported, not fatal
            results[name].error = f"{type(exc).__name__}: {exc}"
            continue
        repeats[name] = max(1, min(1000, math.ceil(MIN_ROUND_SECONDS / max(once, 1e-9))))
    for r in range(rounds):
        log(f"  {load.label}: round {r + 1}/{rounds}")
        for name, fn in stages.items():  # alternating: floor, parse, json, check, floor, …
            if results[name].error:
                continue
            gc.collect()
            per_run, cpu = _time_round(fn, load.paths, repeats[name])
            results[name].rounds.append(cpu / repeats[name] if clock == "cpu" else per_run)
            results[name].cpu += cpu
            results[name].wall += per_run * repeats[name]
    for m in results.values():
        if m.rounds:
            m.seconds = statistics.median(m.rounds)
    return results


# --- main ------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m jianghua.bench",
        description="Time the floor and each stage (parse, parse→JSON, parse→check) on a "
                    "seeded synthetic corpus and the shared texts; print MB/s, ratio to "
                    "the floor, speeches/s, peak memory, and PASS/FAIL against the targets.",
    )
    ap.add_argument("--sizes", default=None,
                    help=f"comma-separated corpus sizes (1 KB = 1000 bytes; default "
                         f"{ALL_SIZES})")
    ap.add_argument("--rounds", type=int, default=None,
                    help="timed rounds per stage; the median is reported (default 5)")
    ap.add_argument("--stages", default=",".join(ALL_STAGES),
                    help=f"comma-separated subset of {','.join(ALL_STAGES)} (default all)")
    ap.add_argument("--shared", default=None, metavar="PATH",
                    help="directory of real speeches to time as well: its seeds/, corpus/ "
                         "and corpus_raw/ *.txt, or every *.txt below it (default ../shared "
                         "beside the repository, if present; 'none' to skip)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus seed")
    ap.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                    help="time the stages by wall clock (default) or by this process's CPU "
                         "time, which is steadier on a machine shared with other work (the "
                         "batch, being multi-process, is always wall clock)")
    ap.add_argument("--quick", action="store_true",
                    help=f"sizes {QUICK_SIZES}, 2 rounds, no shared texts unless --shared "
                         "is given, a small batch (for the smoke test)")
    ap.add_argument("--strict", action="store_true",
                    help="exit 1 if a target fails (default: always exit 0)")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    out = sys.stdout

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    sizes_text = args.sizes or (QUICK_SIZES if args.quick else ALL_SIZES)
    try:
        sizes = [parse_size(s) for s in sizes_text.split(",") if s.strip()]
    except argparse.ArgumentTypeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    rounds = args.rounds if args.rounds is not None else (2 if args.quick else 5)
    rounds = max(1, rounds)
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    unknown = [s for s in stages if s not in ALL_STAGES]
    if unknown:
        print(f"error: unknown stage(s) {', '.join(unknown)}; choose from "
              f"{','.join(ALL_STAGES)}", file=sys.stderr)
        return 2

    notes: list[str] = []
    check_note = "the check stage was not selected"
    stage_fns: dict[str, Callable[[Path], object]] = {}
    for name in TIMED_STAGES:
        if name not in stages:
            continue
        if name == "floor":
            stage_fns[name] = stage_floor
        elif name == "lark":
            stage_fns[name] = stage_lark_lines
        elif name == "markdown":
            markdown = load_markdown()
            if markdown is None:
                notes.append("markdown-it peer skipped: markdown_it is not installed")
            else:
                stage_fns[name] = markdown
        elif name == "parse":
            stage_fns[name] = stage_parse
        elif name == "json":
            stage_fns[name] = stage_json
        else:
            check, why = load_check()
            if check is None:
                check_note = f"check stage skipped: {why}"
                notes.append(check_note)
            else:
                stage_fns[name] = make_check_stage(check)

    shared_dir: Path | None = None
    if args.shared is None:
        if not args.quick and (REPO.parent / "shared").is_dir():
            shared_dir = REPO.parent / "shared"
    elif args.shared.lower() != "none":
        shared_dir = Path(args.shared)
        if not shared_dir.is_dir():
            notes.append(f"shared texts skipped: {shared_dir} is not a directory")
            shared_dir = None

    load_before = loadavg()
    print(machine_info(), file=out)
    print(f"seed {args.seed}; {rounds} round(s), median reported; {args.clock} clock; "
          f"1 MB = 10^6 bytes; "
          f"peak MB = tracemalloc peak of one run; RSS Δ = rise of peak RSS in that run (a "
          f"lower bound: memory the allocator kept from an earlier stage is reused)",
          file=out)

    with tempfile.TemporaryDirectory(prefix="jianghua-bench-") as tmp:
        tmpdir = Path(tmp)
        # Start-up: build the parser, generate every corpus once, then freeze what is
        # live so the collector never walks it again (as the prototype did).
        parse("同志们：\n下面，我讲两点意见。\n一、总体要求\n（一）提高站位\n")
        loads: list[Workload] = []
        for size in sizes:
            log(f"generating {size_label(size)} corpus (seed {args.seed})")
            speeches = corpus_speeches(args.seed, size)
            path = tmpdir / f"corpus_{size_label(size)}.txt"
            path.write_text("\n".join(speeches), encoding="utf-8", newline="")
            loads.append(Workload(size_label(size), [path], path.stat().st_size,
                                  len(speeches), size=size))
        if shared_dir is not None:
            files = shared_files(shared_dir)
            if files:
                loads.append(Workload(f"shared ({len(files)} files)", files,
                                      sum(p.stat().st_size for p in files), len(files)))
            else:
                notes.append(f"shared texts skipped: no *.txt under {shared_dir}")
        gc.collect()
        gc.freeze()

        measured: list[tuple[Workload, dict[str, Measurement]]] = []
        if stage_fns:
            for load in loads:
                log(f"timing {load.label} ({load.nbytes:,} bytes, {load.speeches} speeches)")
                measured.append((load, measure_workload(load, stage_fns, rounds, log,
                                                        args.clock)))

        batch: BatchResult | None = None
        if "batch" in stages:
            count, each = (20, BATCH_FILE_BYTES) if args.quick else (BATCH_FILES,
                                                                     BATCH_FILE_BYTES)

            def batch_speeches() -> list[str]:
                log("generating the batch corpus")
                return [generate_speech(random.Random(args.seed + n), BATCH_SPEECH_CHARS)
                        for n in range(count)]

            batch = measure_batch(tmpdir, batch_speeches, rounds, count, each, log)

        startup = None
        if "startup" in stages:
            sample = generate_speech(random.Random(args.seed), 2000)
            startup = measure_startup(tmpdir, sample, 3 if args.quick else rounds, log)

    failed = print_report(measured, batch, notes, check_note=check_note,
                          has_check="check" in stage_fns, load_before=load_before,
                          clock=args.clock, out=out, startup=startup)
    if "fix" in stages:  # bench/fixcurve.py: --fix stays linear in the number of edits
        from jianghua.bench.fixcurve import FIX_LINES, QUICK_FIX_LINES, print_fix_curve

        print_fix_curve(QUICK_FIX_LINES if args.quick else FIX_LINES, out, log)
    return 1 if args.strict and failed else 0


if __name__ == "__main__":
    sys.exit(main())
