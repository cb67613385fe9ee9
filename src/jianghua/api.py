"""The Python API: ``parse``, ``parse_file``, ``render``."""

from __future__ import annotations

import os

from jianghua.blocks import build_blocks
from jianghua.build import build_speech
from jianghua.decode import read_source
from jianghua.models import Source, Speech
from jianghua.nesting import nest
from jianghua.parser import parse_lines
from jianghua.render import render_text


def parse(text: str, *, source: Source | None = None) -> Speech:
    """Parse a speech given as text. Every character is kept: ``render(parse(t)) == t``."""
    lines = parse_lines(text)
    blocks = build_blocks(text, lines)
    return build_speech(text, lines, nest(blocks), source or Source())


def parse_file(path: str | os.PathLike[str], *, encoding: str | None = None) -> Speech:
    """Read, decode (UTF-8, GBK/GB18030, UTF-16; ``encoding`` overrides) and parse a file."""
    decoded = read_source(path, encoding=encoding)
    return parse(decoded.text, source=Source(path=os.fspath(path), encoding=decoded.encoding,
                                             bom=decoded.bom))


def render(speech: Speech) -> str:
    """The exact text a ``Speech`` was parsed from."""
    return render_text(speech)
