"""Reading a speech's bytes: only from regular files, or standard input.

A path may name a directory, a FIFO with no writer (opening it would block forever) or a
device that never ends (/dev/zero): each is refused with a one-line error before it is
opened, so no input can hang the tool or exhaust memory (tests/test_hostile.py).
Decoding the bytes is jianghua.read.decode's job.
"""

from __future__ import annotations

import os
import stat
import sys

from jianghua.errors import InputError

__all__ = ["read_regular_file", "read_stdin_bytes"]


def read_regular_file(path: str | os.PathLike[str], *, max_size: int | None = None) -> bytes:
    """The bytes of a regular file; ``InputError`` for anything else (a FIFO, a device,
    a directory) and, with ``max_size``, for a file larger than that many bytes."""
    shown = os.fsdecode(path)
    # stat before open: opening a FIFO for reading blocks until a writer appears, and a
    # device may never end; only regular files are read.
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise InputError("文件不存在", "file not found", path=shown) from None
    except PermissionError:
        raise InputError("没有权限访问该文件", "permission denied", path=shown) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise _unreadable(shown, exc) from None
    _require_regular(st.st_mode, shown)
    if max_size is not None and st.st_size > max_size:
        raise _too_large(shown, max_size)

    # O_NONBLOCK: if the path was swapped for a FIFO after the stat, open still returns
    # at once and the fstat below rejects it. It changes nothing for regular files.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except PermissionError:
        raise InputError("没有读取权限，无法读取文件", "permission denied, cannot read the file",
                         path=shown) from None
    except IsADirectoryError:
        raise InputError("是一个目录，不是文件", "is a directory, not a file",
                         path=shown) from None
    except FileNotFoundError:
        raise InputError("文件不存在", "file not found", path=shown) from None
    except OSError as exc:
        raise _unreadable(shown, exc) from None
    try:
        _require_regular(os.fstat(fd).st_mode, shown)
        with os.fdopen(fd, "rb", buffering=0) as handle:
            fd = -1  # now owned by the file object
            if max_size is None:
                return handle.read()  # unbuffered read(): one allocation sized from fstat
            data = handle.read(max_size + 1)  # the file may have grown since the stat
            if len(data) > max_size:
                raise _too_large(shown, max_size)
            return data
    except OSError as exc:
        raise _unreadable(shown, exc) from None
    finally:
        if fd >= 0:
            os.close(fd)


def _require_regular(mode: int, shown: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise InputError("是一个目录，不是文件", "is a directory, not a file", path=shown)
    if stat.S_ISFIFO(mode):
        kind_zh, kind_en = "命名管道（FIFO）", "a FIFO (named pipe)"
    elif stat.S_ISSOCK(mode):
        kind_zh, kind_en = "套接字", "a socket"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind_zh, kind_en = "设备文件", "a device"
    else:
        kind_zh, kind_en = "特殊文件", "a special file"
    raise InputError(f"不是普通文件（是{kind_zh}），请用 - 从标准输入读取",
                     f"not a regular file ({kind_en}); use - to read from stdin", path=shown)


def _too_large(shown: str, max_size: int) -> InputError:
    megabytes = max_size // (1024 * 1024)
    return InputError(f"文件超过 {megabytes} MB", f"file is larger than {megabytes} MB",
                      path=shown)


def _unreadable(shown: str, exc: BaseException) -> InputError:
    detail = getattr(exc, "strerror", None) or str(exc)
    return InputError(f"无法读取文件：{detail}", f"cannot read the file: {detail}", path=shown)


def read_stdin_bytes() -> bytes:
    """All of standard input as bytes (text-mode stdin re-encoded losslessly)."""
    stream = sys.stdin
    if stream is None:
        return b""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        data: bytes = buffer.read()
        return data
    # A text-only stdin (replaced by a test harness): its characters are already
    # decoded; surrogateescape gives back any bytes it smuggled through.
    return stream.read().encode("utf-8", "surrogateescape")
