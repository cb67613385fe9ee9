"""What ``jianghua check`` and ``jianghua rules`` share: exit codes and output.

Reports are written to stdout (or ``-o``) as UTF-8 bytes whatever the locale, because
they are compared byte for byte and read by tools; messages go to stderr, escaped
rather than lost on a terminal that cannot show Chinese.
"""

from __future__ import annotations

import sys

from jianghua.cli.common import Formatter
from jianghua.read.inputs import STDIN

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "STDIN", "Formatter", "error", "write"]

# flake8 and ruff's convention: 0 no finding at or above --fail-on, 1 findings, 2 a
# usage or input error.
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def write(text: str, output: str | None = None) -> None:
    data = text.encode("utf-8")
    if output:
        with open(output, "wb") as handle:
            handle.write(data)
        return
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # pragma: no cover - a text-only stream
        sys.stdout.write(text)
    else:
        buffer.write(data)
        buffer.flush()


def error(message: str) -> None:
    stream = sys.stderr
    try:
        stream.write(message + "\n")
    except UnicodeEncodeError:  # pragma: no cover - a terminal that cannot show Chinese
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(message.encode(encoding, "backslashreplace").decode(encoding) + "\n")
    stream.flush()
