"""Worker processes with a time limit: a hostile draft cannot hang the server.

Parsing and checking are pure Python; a thread cannot be stopped, so a draft that
made the parser run for ever would keep a core and never answer. The work therefore
runs in a small pool of processes (``multiprocessing.Pool``, whose ``terminate()`` is
public), at most one job per process at a time (a semaphore), so the time a job waits
for its turn does not count against its limit. A job past its limit gets a
``TimeLimit``; the pool is terminated and replaced, and the other jobs it was running
are sent once more to the new pool (they did nothing wrong).

The processes are *spawned*, not forked: the server's process has an event loop and
threads, which a fork would copy in a state nobody can use. The drafts travel to the
workers through pipes, never through a file.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
from multiprocessing.pool import Pool

from jianghua.web.work import Failure, Job, Reply, run, warm

__all__ = ["TimeLimit", "Workers", "default_processes"]

STARTUP = 30.0  # seconds a fresh worker may take to import jianghua and load the grammar


class TimeLimit(Exception):
    """A job ran past the time limit (and its process was stopped)."""


class _Restarted(Exception):
    """The pool was replaced while this job ran in it: send it again."""


def default_processes() -> int:
    # Two are enough for one drafter (a check while the previous one is still running)
    # and leave the machine's other cores to Word.
    return max(1, min(2, os.cpu_count() or 1))


def _quiet_worker() -> None:
    # Ctrl-C in the terminal reaches the whole process group: the server shuts the
    # workers down itself, so they must not each print a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class Workers:
    """``await workers.run(kind, job)``: ``work.run`` in a worker process."""

    def __init__(self, processes: int, time_limit: float) -> None:
        self.processes = max(1, processes)
        self.time_limit = time_limit
        self._context = multiprocessing.get_context("spawn")
        self._pool: Pool | None = None
        self._running: dict[asyncio.Future, Pool] = {}
        self._turns: asyncio.Semaphore | None = None
        self._warming: list = []
        self.restarts = 0

    def start(self) -> None:
        """Start the processes and have each load the grammar and rules now, so the
        drafter's first check is as quick as the others."""
        self._pool = self._context.Pool(self.processes, initializer=_quiet_worker)
        self._warming = [self._pool.apply_async(warm) for _ in range(self.processes)]

    async def _ready(self) -> None:
        """Wait (a little, at most ``STARTUP`` seconds) for fresh processes to have
        started: their start-up must not count against a draft's time limit."""
        for _ in range(int(STARTUP / 0.05)):
            if all(result.ready() for result in self._warming):
                return
            await asyncio.sleep(0.05)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def _submit(self, pool: Pool, kind: str, job: Job) -> asyncio.Future:
        loop = asyncio.get_running_loop()
        future: asyncio.Future = loop.create_future()

        def settle(value=None, error: BaseException | None = None) -> None:
            if future.done():
                return
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(value)

        def deliver(value=None, error: BaseException | None = None) -> None:
            # Called in the pool's result thread; the loop may be gone at shutdown.
            try:
                loop.call_soon_threadsafe(settle, value, error)
            except RuntimeError:
                pass

        pool.apply_async(run, (kind, job), callback=deliver,
                         error_callback=lambda exc: deliver(None, exc))
        return future

    def _replace(self, broken: Pool) -> None:
        """Stop every process of ``broken`` and start a fresh pool; tell the jobs that
        were running there to go again."""
        if self._pool is broken:
            self.restarts += 1
            self._pool = None
            broken.terminate()
            self.start()
        for future, pool in list(self._running.items()):
            if pool is broken and not future.done():
                future.set_exception(_Restarted())

    async def run(self, kind: str, job: Job) -> Reply | Failure:
        if self._turns is None:  # made in the event loop that uses it
            self._turns = asyncio.Semaphore(self.processes)
        async with self._turns:
            for _attempt in range(3):
                if self._pool is None:
                    self.start()
                await self._ready()
                pool = self._pool
                assert pool is not None
                future = self._submit(pool, kind, job)
                self._running[future] = pool
                try:
                    return await asyncio.wait_for(asyncio.shield(future), self.time_limit)
                except asyncio.TimeoutError:
                    # Forget this job first: only the others are sent again.
                    self._running.pop(future, None)
                    future.cancel()
                    self._replace(pool)
                    raise TimeLimit from None
                except _Restarted:
                    continue
                finally:
                    self._running.pop(future, None)
            raise TimeLimit
