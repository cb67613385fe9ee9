"""The benchmark's report: its records, the table, and each target's verdict.

python -m jianghua.bench measures; this module turns its measurements into the
printed table and the PASS/FAIL lines against the issue's targets.
"""

from __future__ import annotations

import importlib
import os
import platform
from dataclasses import dataclass, field
from pathlib import Path

STAGE_NAMES = {"floor": "floor", "lark": "lark-lines", "markdown": "markdown-it",
               "parse": "parse", "json": "parse→json", "check": "parse→check"}

# Targets (issue 8, "Targets").
TARGET_JSON_RATIO = 25.0  # parse→JSON ≤ 25× floor at 1 MB (synthetic corpus)
TARGET_JSON_RATIO_SHARED = 20.0  # … ≤ 20× on the real texts in ../shared
TARGET_SPEECHES_PER_SECOND = 2000.0  # parse→JSON on the real texts, one process
TARGET_LINEARITY = 1.2  # per-MB parse time at 10 MB ≤ 1.2× that at 100 KB
TARGET_CHECK_OVERHEAD = 0.5  # check adds at most half again to parse
TARGET_PEAK_MULTIPLE = 6.0  # peak memory at 10 MB ≤ 6× the input
TARGET_BATCH_SPEEDUP = 1.8  # 2 workers ≥ 1.8× one worker, on 2,000 small files
TARGET_STARTUP = 1.8  # `jianghua outline` on 3 KB ≤ 1.8× the CPU of importing lark+pydantic
REFERENCE_SIZE = 1_000_000  # the size the JSON ratio and check overhead are judged at


@dataclass
class Workload:
    """One row group: a label, the files it reads, its size and how many speeches."""

    label: str
    paths: list[Path]
    nbytes: int
    speeches: int
    size: int | None = None  # the requested corpus size; None for the shared texts


@dataclass
class Measurement:
    stage: str
    seconds: float | None = None  # median over rounds, for the whole workload
    rounds: list[float] = field(default_factory=list)
    cpu: float = 0.0  # process CPU time over all timed rounds (wall: sum(rounds)·repeats)
    wall: float = 0.0
    peak: int | None = None  # tracemalloc peak, bytes
    rss: int | None = None  # rise of the peak RSS, bytes
    error: str | None = None


@dataclass
class BatchResult:
    files: int = 0
    nbytes: int = 0
    seconds: dict[int, float] = field(default_factory=dict)  # workers → median seconds
    note: str | None = None

    @property
    def speedup(self) -> float | None:
        if 1 in self.seconds and 2 in self.seconds and self.seconds[2] > 0:
            return self.seconds[1] / self.seconds[2]
        return None


@dataclass
class StartupResult:
    nbytes: int = 0
    reference: float | None = None  # CPU s of `python -c "import lark; from pydantic …"`
    outline: float | None = None  # CPU s of `jianghua outline` on the 3 KB file
    note: str | None = None

    @property
    def ratio(self) -> float | None:
        if self.reference and self.outline is not None:
            return self.outline / self.reference
        return None


@dataclass
class Row:
    size: str
    stage: str
    mbps: str
    ratio: str
    speeches: str
    peak: str
    multiple: str
    rss: str


HEADERS = ("size", "stage", "MB/s", "× floor", "speeches/s", "peak MB", "× input",
           "RSS Δ MB")


def _rows(load: Workload, results: dict[str, Measurement]) -> list[Row]:
    rows: list[Row] = []
    floor = results.get("floor")
    floor_s = floor.seconds if floor else None
    for name, m in results.items():
        if m.error:
            rows.append(Row(load.label, STAGE_NAMES[name], "error", "—", "—", "—", "—", "—"))
            continue
        s = m.seconds or 0.0
        mbps = load.nbytes / 1e6 / s if s else float("inf")
        if name == "floor":
            ratio = "1.0"
        elif floor_s:
            ratio = f"{s / floor_s:.1f}"
        else:
            ratio = "—"
        rows.append(Row(
            load.label, STAGE_NAMES[name], f"{mbps:.2f}", ratio,
            f"{load.speeches / s:.1f}" if s else "—",
            f"{m.peak / 1e6:.1f}" if m.peak is not None else "—",
            f"{m.peak / load.nbytes:.1f}" if m.peak is not None and load.nbytes else "—",
            f"{m.rss / 1e6:.1f}" if m.rss is not None else "—",
        ))
    return rows


def _print_table(rows: list[Row], out) -> None:
    cells = [HEADERS, *((r.size, r.stage, r.mbps, r.ratio, r.speeches, r.peak, r.multiple,
                         r.rss) for r in rows)]
    if out.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(title="jianghua bench (median of rounds)")
        for i, header in enumerate(HEADERS):
            table.add_column(header, justify="left" if i < 2 else "right")
        for n, row in enumerate(cells[1:], 1):
            last_of_size = n == len(cells) - 1 or cells[n + 1][0] != row[0]
            table.add_row(*row, end_section=last_of_size)
        Console(file=out).print(table)
        return
    widths = [max(len(row[i]) for row in cells) for i in range(len(HEADERS))]
    for n, row in enumerate(cells):
        line = "  ".join(cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i])
                         for i, cell in enumerate(row))
        print(line.rstrip(), file=out)
        if n == 0:
            print("  ".join("-" * w for w in widths), file=out)


def loadavg() -> str:
    try:
        return "/".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def machine_info() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    versions = []
    for name in ("lark", "pydantic", "pydantic_core"):
        try:
            versions.append(f"{name} {importlib.import_module(name).__version__}")
        except Exception:
            pass
    return (f"machine: {cpu}, {os.cpu_count()} CPUs, {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()} "
            f"({platform.python_implementation()}); {', '.join(versions)}")


@dataclass
class Verdict:
    status: str  # PASS, FAIL, SKIP
    text: str


def _judge(ok: bool | None, text: str, reason: str = "") -> Verdict:
    if ok is None:
        return Verdict("SKIP", f"{text}: {reason}")
    return Verdict("PASS" if ok else "FAIL", text)


def _at(loads: list[tuple[Workload, dict[str, Measurement]]], size: int):
    for load, results in loads:
        if load.size == size:
            return load, results
    return None, None


def _seconds(results: dict[str, Measurement] | None, stage: str) -> float | None:
    if not results or stage not in results:
        return None
    return results[stage].seconds


def print_report(measured: list[tuple[Workload, dict[str, Measurement]]],
                 batch: BatchResult | None, notes: list[str], *, check_note: str,
                 has_check: bool, load_before: str, clock: str, out,
                 startup: StartupResult | None = None) -> bool:
    """Print the table, the derived figures and each target's verdict; True if any
    target failed."""
    rows = [row for load, results in measured for row in _rows(load, results)]
    if rows:
        print(file=out)
        _print_table(rows, out)
    for load, results in measured:
        for m in results.values():
            if m.error:
                notes.append(f"{load.label} {STAGE_NAMES[m.stage]} failed: {m.error}")

    # Derived figures.
    print(file=out)
    verdicts: list[Verdict] = []

    ref_load, ref = _at(measured, REFERENCE_SIZE)
    floor_s, json_s = _seconds(ref, "floor"), _seconds(ref, "json")
    json_ratio = json_s / floor_s if floor_s and json_s else None
    lark_s = _seconds(ref, "lark")
    if floor_s and lark_s:
        print(f"reference: a Lark parse that only splits lines is {lark_s / floor_s:.1f}× the "
              "floor at 1 MB: the least any Lark-based parse costs, before it recognises "
              "anything", file=out)
    markdown_s = _seconds(ref, "markdown")
    if floor_s and markdown_s:
        print(f"peer: markdown-it-py parsing the same text as Markdown is "
              f"{markdown_s / floor_s:.1f}× the floor at 1 MB", file=out)
    verdicts.append(_judge(
        None if json_ratio is None else json_ratio <= TARGET_JSON_RATIO,
        f"parse→JSON ≤ {TARGET_JSON_RATIO:g}× floor at 1 MB: "
        + (f"{json_ratio:.1f}×" if json_ratio is not None else "n/a"),
        "needs the 1MB size and the floor and json stages"))
    shared_load, shared = next(((load, results) for load, results in measured
                                if load.size is None), (None, None))
    shared_floor, shared_json = _seconds(shared, "floor"), _seconds(shared, "json")
    shared_ratio = shared_json / shared_floor if shared_floor and shared_json else None
    verdicts.append(_judge(
        None if shared_ratio is None else shared_ratio <= TARGET_JSON_RATIO_SHARED,
        f"parse→JSON ≤ {TARGET_JSON_RATIO_SHARED:g}× floor on the real texts: "
        + (f"{shared_ratio:.1f}×" if shared_ratio is not None else "n/a"),
        "needs the shared texts and the floor and json stages"))
    per_second = shared_load.speeches / shared_json if shared_load and shared_json else None
    verdicts.append(_judge(
        None if per_second is None else per_second >= TARGET_SPEECHES_PER_SECOND,
        f"parse→JSON ≥ {TARGET_SPEECHES_PER_SECOND:,.0f} speeches/s on the real texts, one "
        "process: " + (f"{per_second:,.0f}" if per_second is not None else "n/a"),
        "needs the shared texts and the json stage"))

    small_load, small = _at(measured, 100_000)
    big_load, big = _at(measured, 10_000_000)
    small_s, big_s = _seconds(small, "parse"), _seconds(big, "parse")
    linearity = None
    if small_s and big_s and small_load and big_load:
        linearity = (big_s / big_load.nbytes) / (small_s / small_load.nbytes)
        print(f"linearity: parse s/MB at 10 MB {big_s / big_load.nbytes * 1e6:.3f} / at "
              f"100 KB {small_s / small_load.nbytes * 1e6:.3f} = {linearity:.2f}", file=out)
    verdicts.append(_judge(
        None if linearity is None else linearity <= TARGET_LINEARITY,
        f"linearity (per-MB parse time 10 MB / 100 KB) ≤ {TARGET_LINEARITY:g}: "
        + (f"{linearity:.2f}" if linearity is not None else "n/a"),
        "needs the 100KB and 10MB sizes and the parse stage"))

    overheads: dict[str, float] = {}
    for load, results in measured:
        p, c = _seconds(results, "parse"), _seconds(results, "check")
        if p and c:
            overheads[load.label] = c / p - 1
    if overheads:
        print("check overhead (check / parse − 1): "
              + ", ".join(f"{k} {v:+.2f}" for k, v in overheads.items()), file=out)
    overhead = overheads.get(ref_load.label) if ref_load else None
    overhead_where = "at 1 MB"
    if overhead is None and overheads:
        synthetic = [(load.size, load.label) for load, _ in measured
                     if load.size and load.label in overheads]
        if synthetic:
            _, label = max(synthetic)
            overhead, overhead_where = overheads[label], f"at {label}"
    verdicts.append(_judge(
        None if overhead is None else overhead <= TARGET_CHECK_OVERHEAD,
        f"check overhead {overhead_where} ≤ {TARGET_CHECK_OVERHEAD:g}: "
        + (f"{overhead:+.2f}" if overhead is not None else "n/a"),
        check_note if not has_check else "needs the parse stage too"))

    peak_multiple = None
    peak_stage = ""
    if big and big_load:
        for name in ("parse", "json", "check"):
            m = big.get(name)
            if m and m.peak is not None:
                multiple = m.peak / big_load.nbytes
                if peak_multiple is None or multiple > peak_multiple:
                    peak_multiple, peak_stage = multiple, STAGE_NAMES[name]
    verdicts.append(_judge(
        None if peak_multiple is None else peak_multiple <= TARGET_PEAK_MULTIPLE,
        f"peak memory at 10 MB ≤ {TARGET_PEAK_MULTIPLE:g}× input: "
        + (f"{peak_multiple:.1f}× ({peak_stage}, tracemalloc)" if peak_multiple is not None
           else "n/a"),
        "needs the 10MB size"))

    if batch is not None:
        if batch.note:
            print(f"batch: {batch.note}", file=out)
        if batch.seconds:
            for workers, s in sorted(batch.seconds.items()):
                print(f"batch: {batch.files} files, {batch.nbytes / 1e6:.1f} MB, workers="
                      f"{workers}: {s:.2f} s, {batch.nbytes / 1e6 / s:.2f} MB/s, "
                      f"{batch.files / s:.1f} files/s", file=out)
            if batch.speedup is not None:
                print(f"batch speed-up, 2 workers / 1: {batch.speedup:.2f}×", file=out)
        speedup = batch.speedup
        verdicts.append(_judge(
            None if speedup is None else speedup >= TARGET_BATCH_SPEEDUP,
            f"batch 2 workers ≥ {TARGET_BATCH_SPEEDUP:g}× 1 worker: "
            + (f"{speedup:.2f}×" if speedup is not None else "n/a"),
            batch.note or "not measured"))
    else:
        verdicts.append(Verdict("SKIP", f"batch 2 workers ≥ {TARGET_BATCH_SPEEDUP:g}× 1 "
                                        "worker: the batch stage was not selected"))

    if startup is not None:
        ratio = startup.ratio
        if startup.note:
            print(f"start-up: {startup.note}", file=out)
        elif ratio is not None:
            print(f"start-up (CPU, fresh interpreter, median): jianghua outline on "
                  f"{startup.nbytes:,} bytes {startup.outline:.3f} s; "
                  f"python -c \"import lark; from pydantic import BaseModel\" "
                  f"{startup.reference:.3f} s", file=out)
        verdicts.append(_judge(
            None if ratio is None else ratio <= TARGET_STARTUP,
            f"start-up: jianghua outline (3 KB) ≤ {TARGET_STARTUP:g}× importing lark + "
            "pydantic: " + (f"{ratio:.2f}×" if ratio is not None else "n/a"),
            startup.note or "not measured"))
    else:
        verdicts.append(Verdict("SKIP", f"start-up ≤ {TARGET_STARTUP:g}× importing lark + "
                                        "pydantic: the startup stage was not selected"))

    cpu = sum(m.cpu for _, results in measured for m in results.values())
    wall = sum(m.wall for _, results in measured for m in results.values())
    if wall:
        share = cpu / wall
        print(f"timed rounds: process CPU {cpu:.1f} s over {wall:.1f} s wall ({share:.0%}); "
              f"load average {load_before} before, {loadavg()} after", file=out)
        if share < 0.9 and clock == "wall":
            notes.append("the benchmark got less than 90% of a CPU during the timed rounds: "
                         "other processes competed for it, so the times are pessimistic")
    for note in notes:
        print(f"note: {note}", file=out)
    print(file=out)
    print("targets:", file=out)
    for v in verdicts:
        print(f"  {v.status}  {v.text}", file=out)
    return any(v.status == "FAIL" for v in verdicts)
