"""Stage 1: bytes from a file, stdin or a .docx → text, and where it came from.

``decode`` finds the encoding (UTF-8, GBK/GB18030, UTF-16) and never loses a byte
silently; ``files`` reads only regular files; ``inputs`` expands the command line's
files, folders and globs.
"""
