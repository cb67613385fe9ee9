"""Many files at once: ``parse_many`` over a process pool, results in input order.

Parsing is CPU-bound pure Python, so threads do not help and processes do. The design
follows what makes a pool pay off on thousands of small files:

- **One pool per call, workers kept alive.** Each worker loads the Lark grammar once
  (``_warm``) and then ``gc.freeze()``s what it has imported, so the collector never
  walks those objects again while it parses file after file.
- **The worker returns JSON text, not a ``Speech``.** Pickling a string is one memcpy;
  pickling a pydantic tree is thousands of objects rebuilt on the other side, and the
  JSON is what gets written anyway. Counts (headings, nodes) come along for the summary.
- **Chunks.** Files go to the workers 16 to a task (``CHUNK_FILES``), not one by one.
- **A bounded window.** At most ``max_in_flight`` files (default ``32 × workers``, two
  chunks per worker) are submitted and not yet yielded, and ``paths`` is consumed
  lazily, so memory stays flat however long the corpus. Results are yielded strictly
  in input order; a slow file holds back the ones after it only until the window is
  full.
- **Failures are results.** A file that cannot be read or parsed yields a
  ``BatchResult`` with ``error`` set and the batch goes on; a worker that dies (out of
  memory, a crash) costs only the file it was working on: its chunk is retried file
  by file (see ``_OrderedPool``).
- **Ctrl-C** (or the caller stopping early: ``close()``, a closed pipe) cancels what
  has not started, lets each worker finish its current file (workers ignore SIGINT, so
  the parent alone decides) and shuts the pool down; the interrupt reaches the caller.

Workers start the platform's way (``fork`` on Linux before Python 3.14, ``spawn`` or
``forkserver`` elsewhere), so a script that calls ``parse_many`` at import time needs the
usual ``if __name__ == "__main__":`` guard on those platforms.

``convert`` and ``convert_to_json`` are the per-file functions, top-level and picklable,
for running the same work on another engine (Dask, Spark; see the README).
"""

from __future__ import annotations

import functools
import gc
import json
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sized
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson

from jianghua.api import parse, parse_data
from jianghua.errors import JianghuaError
from jianghua.model import Speech
from jianghua.read.inputs import STDIN, read_input
from jianghua.render.json import data_to_json_bytes

__all__ = [
    "BatchResult",
    "BatchResults",
    "convert",
    "convert_to_json",
    "default_workers",
    "describe_failure",
    "parse_many",
]

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

PathLike = str | os.PathLike[str]
# Files per pool task (see _OrderedPool).
CHUNK_FILES = 16


@dataclass
class BatchResult:
    """What became of one file: its JSON or the error that stopped it, and some numbers."""

    path: str
    speech_json: str | None = None  # the Speech, as ``jianghua parse`` writes it
    error: str | None = None  # one line, ``path: 错误：… (error: …)``
    warnings: tuple[str, ...] = ()  # reader warnings (a .docx's headers, …)
    input_bytes: int = 0  # size of the file read (0 for stdin)
    headings: int = 0  # numbered headings (sections) at any depth
    nodes: int = 0  # nodes at any depth
    seconds: float = 0.0  # read + parse + serialise, in the worker
    _speech: Speech | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def speech(self) -> Speech | None:
        """The ``Speech`` (rebuilt from ``speech_json`` on first use), or ``None`` on error."""
        if self._speech is None and self.speech_json is not None:
            self._speech = Speech.model_validate_json(self.speech_json)
        return self._speech

    def record(self) -> str:
        """One JSON Lines record: ``{"path": …, "speech": …}`` or ``{"path": …, "error": …}``."""
        shown = json.dumps(self.path, ensure_ascii=False)
        if self.speech_json is not None:
            # Spliced rather than re-serialised: the speech is already JSON text.
            return f'{{"path": {shown}, "speech": {self.speech_json}}}'
        return json.dumps({"path": self.path, "error": self.error}, ensure_ascii=False)


# --- the per-file work ---------------------------------------------------------------


def _count(nodes: Iterable[dict[str, Any]]) -> tuple[int, int]:
    """(headings, nodes) under ``nodes`` (the plain-dict tree), at any depth."""
    headings = count = 0
    stack = list(nodes)
    while stack:
        node = stack.pop()
        count += 1
        headings += node["kind"] == "section"
        for name in ("body", "items", "children"):
            stack.extend(node.get(name, ()))
    return headings, count


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size if path != STDIN else 0
    except OSError:
        return 0


def describe_failure(path: str, exc: Exception) -> str:
    """The one-line report of ``exc`` for ``path``: a ``JianghuaError``'s own message, or
    an internal error (a bug) named as such; ``JIANGHUA_DEBUG=1`` re-raises the latter."""
    if isinstance(exc, JianghuaError):
        return exc.message
    if os.environ.get("JIANGHUA_DEBUG"):
        raise exc
    return (f"{path}: 内部错误：{type(exc).__name__}: {exc}（请报告此问题）"
            f" (internal error: {type(exc).__name__}: {exc}; please report it)")


def convert(path: PathLike, *, encoding: str | None = None,
            indent: int | None = None) -> BatchResult:
    """Read, parse and serialise one file; never raises for a bad file (``error`` is set).

    ``indent`` is passed to the JSON writer (``None``: one line, as in JSON Lines).
    ``JIANGHUA_DEBUG=1`` lets an internal error (a bug, not a bad input) propagate.
    """
    shown = os.fspath(path)
    start = time.perf_counter()
    warnings: list[str] = []
    result = BatchResult(path=shown, input_bytes=_size(shown))
    try:
        text, source = read_input(shown, encoding,
                                  warn=lambda where, message: warnings.append(
                                      f"{where}: 注意 (warning): {message}"))
        data = parse_data(text, source=source)
        result.speech_json = _json(data, text, indent)
    except Exception as exc:
        result.error = describe_failure(shown, exc)
    else:
        result.headings, result.nodes = _count(data["nodes"])
    result.warnings = tuple(warnings)
    result.seconds = time.perf_counter() - start
    return result


def _json(data: dict, text: str, indent: int | None) -> str:
    """The JSON of the plain-dict tree (what ``Speech.model_dump_json`` would write)."""
    try:
        return data_to_json_bytes(data, indent=indent).decode("utf-8")
    except orjson.JSONEncodeError:  # a lone surrogate: pydantic's error, as before
        return parse(text, source=data["source"]).model_dump_json(indent=indent)


def convert_to_json(path: PathLike, encoding: str | None = None) -> str:
    """One JSON Lines record for ``path`` (see ``BatchResult.record``): the function to
    map over a corpus with Dask, Spark or any other engine."""
    return convert(path, encoding=encoding).record()


# --- the pool ------------------------------------------------------------------------


def default_workers() -> int:
    """The CPUs this process may run on (a container's or ``taskset``'s limit, not the
    machine's count, which ``os.cpu_count()`` gives)."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _warm() -> None:
    """Worker initializer: leave Ctrl-C to the parent (which shuts the pool down; a
    worker's KeyboardInterrupt would only print one traceback per process), load the
    grammar once, then freeze the heap: the modules, the grammar and the parser tables
    live as long as the worker, so the collector need not walk them after every file."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from jianghua.parse.scan import scanner

    scanner()
    gc.freeze()


def _done(value: list[BatchResult]) -> Future[list[BatchResult]]:
    future: Future[list[BatchResult]] = Future()
    future.set_result(value)
    return future


def _succeeded(future: Future) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _crashed(path: str) -> BatchResult:
    return BatchResult(path=path, error=(
        f"{path}: 错误：处理该文件的工作进程意外退出（内存不足或崩溃？） (error: the worker "
        "process died while converting this file: out of memory, or a crash)"))


def _run_chunk(task: Callable[[str], BatchResult], paths: list[str]) -> list[BatchResult]:
    return [task(path) for path in paths]


def _chunks(items: Iterable[str], size: int) -> Iterator[list[str]]:
    """``items`` in lists of ``size``; stdin (read in the parent) always alone."""
    chunk: list[str] = []
    for path in items:
        if path == STDIN:
            if chunk:
                yield chunk
                chunk = []
            yield [path]
            continue
        chunk.append(path)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _OrderedPool:
    """``task`` over ``items`` in a process pool: in order, in chunks of ``chunk`` files
    per task, at most ``window`` chunks in flight.

    Chunks: a task per file costs a round trip through the pool's queues, its locks and
    two pickles, which on small files was as much as the parse (``-j 2`` ran at 1.45×
    ``-j 1`` on 2,000 small files; python -m jianghua.bench, batch).

    If a worker dies, every chunk in flight fails with ``BrokenProcessPool`` and the
    pool is unusable. The pool is then rebuilt and those files are retried one at a
    time, so the file that kills a worker again is the only one reported as crashed
    and the rest of the batch goes on.
    """

    def __init__(self, task: Callable[[str], BatchResult], workers: int, window: int,
                 chunk: int = CHUNK_FILES) -> None:
        self.task = task
        self.workers = workers
        self.window = window
        self.chunk = chunk
        self.pool: ProcessPoolExecutor | None = None
        self._pool()

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            # Imported here: `jianghua outline` and `import jianghua` need no
            # multiprocessing (start-up, python -m jianghua.bench).
            from concurrent.futures import ProcessPoolExecutor

            # The platform's start method (fork on Linux before Python 3.14, else spawn
            # or forkserver), as any multiprocessing user expects. Under fork the first
            # submit starts every worker at once; doing it now, before the caller
            # iterates, means the parent is forked before it starts threads of its own
            # (a progress bar refreshes from one) that a child could inherit locked.
            self.pool = ProcessPoolExecutor(self.workers, initializer=_warm)
            self.pool.submit(int)
        return self.pool

    def shutdown(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _submit(self, paths: list[str]) -> Future[list[BatchResult]]:
        from concurrent.futures.process import BrokenProcessPool

        if paths == [STDIN]:  # the workers' stdin is /dev/null: read it here
            return _done([self.task(STDIN)])
        try:
            return self._pool().submit(_run_chunk, self.task, paths)
        except BrokenProcessPool as exc:  # it broke while the window was being filled
            future: Future[list[BatchResult]] = Future()
            future.set_exception(exc)
            return future

    def _one_by_one(self, suspects: list[tuple[list[str], Future[list[BatchResult]]]]
                    ) -> Iterator[BatchResult]:
        from concurrent.futures.process import BrokenProcessPool

        self.shutdown()
        for paths, future in suspects:
            if _succeeded(future):  # finished before the crash (or stdin, read here)
                yield from future.result()
                continue
            for path in paths:
                try:
                    (result,) = self._submit([path]).result()
                except BrokenProcessPool:
                    self.shutdown()
                    result = _crashed(path)
                yield result

    def run(self, items: Iterable[str]) -> Generator[BatchResult, None, None]:
        from concurrent.futures.process import BrokenProcessPool

        pending: deque[tuple[list[str], Future[list[BatchResult]]]] = deque()
        source = _chunks(items, self.chunk)
        try:
            while True:
                while len(pending) < self.window and (paths := next(source, None)) is not None:
                    pending.append((paths, self._submit(paths)))
                if not pending:
                    return
                paths, future = pending.popleft()
                try:
                    results = future.result()
                except BrokenProcessPool:
                    suspects = [(paths, future), *pending]
                    pending.clear()
                    yield from self._one_by_one(suspects)
                    continue
                yield from results
        finally:
            # Normal end, Ctrl-C, or the consumer stopping early (a closed pipe): drop
            # what has not started, wait for what is running (one chunk per worker).
            self.shutdown()


class BatchResults(Iterator[BatchResult]):
    """What ``parse_many`` returns: an iterator of ``BatchResult`` that can be closed
    (``close()``, or ``with parse_many(...) as results:``) to stop early. The pool is
    shut down when the results run out, on an error or interrupt, or on ``close()``,
    even before the first result was asked for."""

    def __init__(self, results: Generator[BatchResult, None, None],
                 pool: _OrderedPool | None = None) -> None:
        self._results = results
        self._pool = pool

    def __next__(self) -> BatchResult:
        return next(self._results)

    def close(self) -> None:
        self._results.close()
        if self._pool is not None:
            self._pool.shutdown()

    def __enter__(self) -> BatchResults:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def parse_many(paths: Iterable[PathLike], *, workers: int | None = None,
               encoding: str | None = None, indent: int | None = None,
               max_in_flight: int | None = None) -> BatchResults:
    """Convert many speech files; one ``BatchResult`` per path, in the order given.

    ``workers`` processes (``None`` or 0: every CPU this process may use; never more
    than there are paths, when that is known; ``1`` parses in this process, with no
    pool). The pool starts at once and lives until the results are exhausted or the
    generator is closed. ``paths`` may be any iterable, a lazy one included: it
    is read only as results are consumed, at most ``max_in_flight`` (default
    ``32 × workers``: two chunks of 16 files per worker) ahead. ``encoding`` overrides
    detection for every file; ``indent`` formats the JSON (``None``: one line). ``-``
    reads stdin, in this process.

        >>> for result in parse_many(["a.txt", "b.docx"]):            # doctest: +SKIP
        ...     print(result.path, result.error or f"{result.headings} headings")
    """
    task = functools.partial(convert, encoding=encoding, indent=indent)
    workers = workers or default_workers()
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if isinstance(paths, Sized):  # no more processes than files (none for one file)
        workers = max(1, min(workers, len(paths)))
    names = (os.fspath(p) for p in paths)
    if workers == 1:
        return BatchResults(task(name) for name in names)
    in_flight = max(max_in_flight or CHUNK_FILES * 2 * workers, 1)
    # Two chunks per worker keep each busy while the other's results travel back; a
    # small max_in_flight shrinks the chunks rather than the number of workers fed.
    chunk = max(1, min(CHUNK_FILES, in_flight // (2 * workers)))
    pool = _OrderedPool(task, workers, max(1, in_flight // chunk), chunk)
    return BatchResults(pool.run(names), pool)

