"""Stage 1: bytes from a file, stdin or a .docx → text, and where it came from.

``read_source(path | "-", encoding=None) -> (text, Source)`` (``source``) is the one door
every caller reads through: ``jianghua.parse_file``, the commands and ``jianghua.batch``.
``decode`` finds the encoding (UTF-8, GBK/GB18030, UTF-16) and never loses a byte
silently; ``files`` reads only regular files; ``inputs`` expands the command line's
files, folders and globs.
"""

from jianghua.read.source import read_source

__all__ = ["read_source"]
