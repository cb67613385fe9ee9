"""Errors that reach the user as one line, in Chinese and English, never a traceback."""

from __future__ import annotations


class JianghuaError(Exception):
    """Base class: anything the CLI turns into a one-line message and exit code 2."""

    def __init__(self, reason_zh: str, reason_en: str, *, path: str | None = None,
                 line: int | None = None) -> None:
        self.reason_zh = reason_zh
        self.reason_en = reason_en
        self.path = path
        self.line = line
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: 错误：{self.reason_zh} (error: {self.reason_en})"


class InputError(JianghuaError):
    """A file that cannot be read or decoded: missing, a directory, binary, bad bytes."""


class DocumentError(JianghuaError):
    """A JSON document that is not a valid jianghua Speech."""
