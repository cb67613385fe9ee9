"""What a batch tells the person running it, on stderr: progress, errors, a summary.

On a terminal: a rich progress bar (files, MB, rate, ETA) that disappears when done,
and a summary table. Not on a terminal (a log, CI, a test): no bar, and the summary is
one plain line that greps well. ``--quiet`` drops the bar and the summary; errors are
always reported, one line each, because the exit code alone does not say which file.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from types import TracebackType

from rich.filesize import decimal

from jianghua.read.inputs import stderr_line

MB = 1_000_000  # decimal, as rich's DownloadColumn counts


def stderr_is_tty() -> bool:
    return bool(getattr(sys.stderr, "isatty", lambda: False)())


def stdout_is_tty() -> bool:
    return bool(getattr(sys.stdout, "isatty", lambda: False)())


@dataclass
class Tally:
    """The numbers of the summary."""

    files: int = 0
    speeches: int = 0
    headings: int = 0
    failures: int = 0
    nbytes: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def line(self) -> str:
        seconds = self.seconds
        rate = self.nbytes / MB / seconds if seconds > 0 else 0.0
        return (f"jianghua: {self.files} 个文件 files, {self.speeches} 篇讲话 speeches, "
                f"{self.headings} 个标题 headings, {self.failures} 个失败 failures, "
                f"{decimal(self.nbytes)}, {seconds:.2f} s ({rate:.1f} MB/s)")


class Report:
    """Progress and summary of one batch of ``total_files`` files (``total_bytes``).

    ``progress`` says whether to draw the bar; by default, when stderr is a terminal.
    """

    def __init__(self, total_files: int, total_bytes: int, *, quiet: bool = False,
                 progress: bool | None = None) -> None:
        self.total_files = total_files
        self.total_bytes = total_bytes
        self.quiet = quiet
        self.tty = stderr_is_tty()
        if progress is None:
            progress = self.tty
        self.tally = Tally()
        self._progress = None
        self._task = None
        if progress and not quiet:
            self._progress = self._make_progress()

    def _make_progress(self):
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        progress = Progress(
            TextColumn("{task.description}"), BarColumn(),
            TextColumn("{task.fields[files]}/{task.fields[total_files]} 文件 files"),
            DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn(),
            console=Console(file=sys.stderr), transient=True)
        self._task = progress.add_task("解析 parsing", total=max(self.total_bytes, 1),
                                       files=0, total_files=self.total_files)
        return progress

    def __enter__(self) -> Report:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def message(self, line: str) -> None:
        """An error or warning line, printed above the bar when there is one."""
        if self._progress is not None:
            from rich.text import Text

            # A Text, not a string: a `[` in a file name is not markup.
            self._progress.console.print(Text(line), soft_wrap=True)
        else:
            stderr_line(line)

    def done(self, *, nbytes: int, headings: int = 0, failed: bool = False) -> None:
        """One file finished (converted, or ``failed``)."""
        tally = self.tally
        tally.files += 1
        tally.nbytes += nbytes
        tally.headings += headings
        if failed:
            tally.failures += 1
        else:
            tally.speeches += 1
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=nbytes, files=tally.files)

    def undelivered(self) -> None:
        """A converted file whose output could not be written: a failure after all."""
        self.tally.speeches -= 1
        self.tally.failures += 1

    def summary(self) -> None:
        """The closing summary (none with ``--quiet``)."""
        if self.quiet:
            return
        if self.tty:
            self._table()
        else:
            stderr_line(self.tally.line())
        if self.tally.failures:
            stderr_line(f"jianghua: {self.tally.files} 个输入中有 {self.tally.failures} 个"
                        f"失败 ({self.tally.failures} of {self.tally.files} inputs failed)")

    def _table(self) -> None:
        from rich.console import Console
        from rich.table import Table

        tally = self.tally
        seconds = tally.seconds
        table = Table(show_header=False, box=None, padding=(0, 2))
        table.add_column(justify="left")
        table.add_column(justify="right")
        rows = [("文件 files", f"{tally.files}"), ("讲话 speeches", f"{tally.speeches}"),
                ("标题 headings", f"{tally.headings}"), ("失败 failures", f"{tally.failures}"),
                ("大小 size", decimal(tally.nbytes)),
                ("用时 time", f"{seconds:.2f} s"
                 + (f" ({tally.nbytes / MB / seconds:.1f} MB/s)" if seconds > 0 else ""))]
        for name, value in rows:
            table.add_row(name, value, style="red" if name.startswith("失败") and
                          tally.failures else None)
        Console(file=sys.stderr).print(table)
