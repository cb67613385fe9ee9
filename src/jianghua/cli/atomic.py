"""Every file the command line writes: atomically, in place of what was there, never
over an input.

``atomic_open(path)`` / ``atomic_write(path, data)`` write to a unique temporary file
in the target's own folder, ``fsync`` it, and rename it over the target, so a reader
sees the old file or the new one, never half of either (ten concurrent ``check -o``
runs used to leave corrupt JSON: the target was opened ``"wb"``). They are respectful
of what they replace:

* a symlink's *target* is rewritten; the link stays a link;
* the file's permission bits, owner and group are kept (a file whose owner or group
  cannot be kept is refused rather than silently given away);
* a read-only file is refused, not replaced (``open(path, "w")`` would refuse too);
* on any error — disk full, Ctrl-C, a failed rename — the temporary file is removed
  and the target is untouched.

``refuse_inputs(output, inputs)`` is the guard every subcommand runs before writing:
an output that is, or links to, one of its inputs is a usage error (exit 2) and
nothing is written (``check --fix a.txt -o a.txt`` used to leave only the report).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from jianghua.errors import InputError

__all__ = ["atomic_open", "atomic_write", "refuse_inputs", "same_file"]

_STDIN = "-"


def _error(path: str, zh: str, en: str) -> InputError:
    return InputError(f"无法写入输出文件：{zh}", f"cannot write the output: {en}", path=path)


def _os_error(path: str, exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return _error(path, "所在目录不存在", "its folder does not exist")
    reason = exc.strerror or str(exc)
    return _error(path, reason, reason)


def _umask_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _target(path: str) -> str:
    """The file a write to ``path`` should replace: a symlink's final target."""
    return os.path.realpath(path) if os.path.islink(path) else path


@contextlib.contextmanager
def atomic_open(path: str) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces ``path`` when the block ends without
    error (and never otherwise)."""
    target = _target(path)
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise _os_error(path, exc) from None
    if existing is not None:
        if stat.S_ISDIR(existing.st_mode):
            raise _error(path, "是一个目录", "it is a folder")
        if not stat.S_ISREG(existing.st_mode):
            # A fifo or a device: renaming over it would replace it, not write to it.
            raise _error(path, "不是普通文件", "not a regular file")
        if not os.access(target, os.W_OK) or not existing.st_mode & 0o222:
            raise _error(path, "文件只读，未改写", "the file is read-only; not replaced")
    folder = os.path.dirname(os.path.abspath(target))
    try:
        fd, temp = tempfile.mkstemp(prefix=".jianghua-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _os_error(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if existing is None:
            os.chmod(temp, _umask_mode())  # mkstemp makes it private (0600)
        else:
            _keep_owner(temp, existing, path)
            os.chmod(temp, stat.S_IMODE(existing.st_mode))
        os.replace(temp, target)
        _sync_folder(folder)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise _os_error(path, exc) from None
        raise


def _keep_owner(temp: str, existing: os.stat_result, path: str) -> None:
    if not hasattr(os, "chown"):  # pragma: no cover - Windows
        return
    mine = os.stat(temp)
    if (mine.st_uid, mine.st_gid) == (existing.st_uid, existing.st_gid):
        return
    try:
        os.chown(temp, existing.st_uid, existing.st_gid)
    except PermissionError:
        raise _error(path, "无法保留文件的所有者或组，未改写", "its owner or group cannot "
                     "be kept; not replaced") from None


def _sync_folder(folder: str) -> None:
    # The rename is durable only once the folder is; best effort (not every system
    # lets a folder be opened).
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: str, data: bytes) -> None:
    """Replace ``path`` (or a symlink's target) with ``data``, atomically."""
    with atomic_open(path) as handle:
        handle.write(data)


def same_file(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are the same existing file (links followed)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def refuse_inputs(output: str | None, inputs: Iterable[str], command: str = "jianghua"
                  ) -> None:
    """Raise a usage error if the file ``output`` is (or links to) one of ``inputs``."""
    if output is None or output == _STDIN:
        return
    for path in inputs:
        if path != _STDIN and same_file(output, path):
            raise OutputIsInput(output, path, command)


class OutputIsInput(InputError):
    """``-o`` names one of the inputs: refused, exit 2, nothing written."""

    def __init__(self, output: str, path: str, command: str) -> None:
        same = "" if os.path.abspath(output) == os.path.abspath(path) else f"（即 {path}）"
        same_en = "" if not same else f" ({path})"
        super().__init__(f"{command}：输出文件就是输入文件{same}，未写入任何文件",
                         f"{command}: the output is an input{same_en}; nothing written",
                         path=output)
