"""What ``python -m jianghua.bench`` times: the floor, each stage, a reference, the batch.

Each stage is a function of one file's path, so the same function times one 10 MB
corpus or a folder of real speeches. All of them read and decode the file the same
way, so the ratios compare only what comes after.
"""

from __future__ import annotations

import functools
import gc
import importlib
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lark import Lark

from jianghua.api import parse, parse_data
from jianghua.bench.report import BatchResult, StartupResult
from jianghua.read.decode import decode_bytes
from jianghua.render.json import write_data_json

# The floor's one regex: the heading markers a parser must at least recognise.
FLOOR_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.]|[（(][一二三四五六七八九十]+[）)]|\d+[.、．]"
    r"|第[一二三四五六七八九十]+[，,、]|[一二三四五六七八九十]+[是要])"
)

# The reference: the least a Lark parse of a speech can cost. Every line is one token
# and every line ending another, LALR with the contextual lexer and no transformer, as
# jianghua's own parser is set up; it recognises nothing. Its ratio to the floor shows
# how much of the JSON target any Lark-based parser has left for the speech itself.
_LINES_ONLY_GRAMMAR = r"""
start: (LINE? NEWLINE)* LINE?
LINE: /[^\r\n]+/
NEWLINE: /\r\n|\r|\n/
"""


def read_text(path: Path) -> str:
    return decode_bytes(path.read_bytes(), path=str(path)).text


def stage_floor(path: Path) -> int:
    match = FLOOR_RE.match
    hits = 0
    for line in read_text(path).splitlines():
        if match(line):
            hits += 1
    return hits


@functools.cache
def _lines_only_parser() -> Lark:
    return Lark(_LINES_ONLY_GRAMMAR, parser="lalr", lexer="contextual")


def stage_lark_lines(path: Path) -> object:
    return _lines_only_parser().parse(read_text(path))


def stage_parse(path: Path) -> object:
    return parse(read_text(path))


def stage_json(path: Path) -> object:
    # As ``jianghua parse`` does it: the plain-dict tree, written by orjson (the same
    # bytes as the Speech's JSON), no model made; streamed node by node as a JSON Lines
    # record.
    with open(os.devnull, "wb") as sink:  # the floor writes nothing either
        write_data_json(parse_data(read_text(path)), sink)


def load_markdown() -> Callable[[Path], object] | None:
    """A peer, where it installs: markdown-it-py parsing the same texts as Markdown (a
    well-optimised pure-Python parser of another line-oriented format)."""
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        return None
    md = MarkdownIt()

    def stage_markdown(path: Path) -> object:
        return md.parse(read_text(path))

    return stage_markdown


def load_check() -> tuple[Callable | None, str | None]:
    try:
        module = importlib.import_module("jianghua.checks")
    except Exception as exc:  # ImportError, or an error inside a module being written
        return None, f"jianghua.checks cannot be imported ({type(exc).__name__}: {exc})"
    check = getattr(module, "check", None)
    if not callable(check):
        return None, "jianghua.checks has no check(speech)"
    return check, None


def make_check_stage(check: Callable) -> Callable[[Path], object]:
    def stage_check(path: Path) -> object:
        text = read_text(path)
        findings = check(parse(text), text=text)  # as jianghua check calls it
        if findings is not None and not isinstance(findings, (list, tuple, dict, str)):
            try:  # a generator of findings: produce them all
                findings = list(findings)
            except TypeError:
                pass
        return findings

    return stage_check


# --- batch -----------------------------------------------------------------------------


def _batch_files(directory: Path, speeches: list[str], count: int, each: int) -> list[Path]:
    """``count`` files of about ``each`` bytes, made of whole speeches, cycling through
    ``speeches`` (the 10 MB corpus, generated once)."""
    paths: list[Path] = []
    index = 0
    for n in range(count):
        parts: list[str] = []
        size = 0
        while size < each:
            speech = speeches[index % len(speeches)]
            length = len(speech.encode("utf-8")) + 1
            if parts and size + length / 2 > each:  # closer to ``each`` without it
                break
            index += 1
            parts.append(speech)
            size += length
        path = directory / f"batch_{n:03d}.txt"
        path.write_text("\n".join(parts), encoding="utf-8", newline="")
        paths.append(path)
    return paths


def measure_batch(directory: Path, speeches: Callable[[], list[str]], rounds: int, count: int,
                  each: int, log: Callable[[str], None]) -> BatchResult:
    try:
        module = importlib.import_module("jianghua.batch")
    except Exception as exc:
        return BatchResult(note=f"skipped: jianghua.batch cannot be imported "
                                f"({type(exc).__name__}: {exc})")
    parse_many = getattr(module, "parse_many", None)
    if not callable(parse_many):
        return BatchResult(note="skipped: jianghua.batch has no parse_many(paths, workers=N)")
    paths = _batch_files(directory, speeches(), count, each)
    result = BatchResult(files=len(paths), nbytes=sum(p.stat().st_size for p in paths))

    def run(workers: int) -> float:
        start = time.perf_counter()
        out = parse_many(paths, workers=workers)
        if out is not None and not isinstance(out, (list, tuple, dict)):
            for _ in out:  # an iterator: the work happens as it is consumed
                pass
        elapsed = time.perf_counter() - start
        del out
        return elapsed

    timings: dict[int, list[float]] = {1: [], 2: []}
    try:
        log("  batch: warm-up")
        run(1)
        for r in range(rounds):
            log(f"  batch: round {r + 1}/{rounds}")
            for workers in (1, 2):
                gc.collect()
                timings[workers].append(run(workers))
    except Exception as exc:
        result.note = f"failed: {type(exc).__name__}: {exc}"
        return result
    result.seconds = {w: statistics.median(t) for w, t in timings.items()}
    return result


# --- start-up --------------------------------------------------------------------------

# What start-up is compared with: Python importing the two libraries jianghua is made of.
STARTUP_REFERENCE = "import lark; from pydantic import BaseModel"
# `jianghua outline FILE` as the console script runs it.
_OUTLINE = "import sys; from jianghua.cli import run; sys.argv[0] = 'jianghua'; sys.exit(run())"


def _child_cpu(argv: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure_startup(directory: Path, sample: str, rounds: int,
                    log: Callable[[str], None]) -> StartupResult:
    """CPU seconds of ``jianghua outline`` on a 3 KB file and of the reference import,
    each in a fresh interpreter, alternating, median of ``rounds`` (at least 7).

    Bytecode is compiled once into a private cache first (PYTHONPYCACHEPREFIX), as an
    installed package has it: where PYTHONDONTWRITEBYTECODE is set, every start would
    otherwise compile jianghua's modules again while lark's and pydantic's come from
    site-packages already compiled.
    """
    path = directory / "startup_3KB.txt"
    text = sample.encode("utf-8")[:3000].decode("utf-8", "ignore")
    path.write_text(text[:text.rfind("\n") + 1] or text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(directory / "pycache")
    reference = [sys.executable, "-c", STARTUP_REFERENCE]
    outline = [sys.executable, "-c", _OUTLINE, "outline", str(path)]
    result = StartupResult(nbytes=path.stat().st_size)
    try:
        log("  start-up: warm-up (compiling bytecode once)")
        _child_cpu(reference, env)
        _child_cpu(outline, env)
        times: dict[str, list[float]] = {"reference": [], "outline": []}
        for r in range(max(rounds, 7)):
            log(f"  start-up: round {r + 1}")
            times["reference"].append(_child_cpu(reference, env))
            times["outline"].append(_child_cpu(outline, env))
    except (OSError, subprocess.CalledProcessError) as exc:
        result.note = f"failed: {type(exc).__name__}: {exc}"
        return result
    result.reference = statistics.median(times["reference"])
    result.outline = statistics.median(times["outline"])
    return result
