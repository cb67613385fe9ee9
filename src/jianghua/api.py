"""The Python API: ``parse``, ``parse_file``, ``parse_docx``, ``render``."""

from __future__ import annotations

import os

from jianghua.gcpause import paused_gc
from jianghua.model import HeadingHints, Section, Source, SourceParagraph, Speech, walk
from jianghua.parse.blocks import build_blocks
from jianghua.parse.build import build_data, build_speech
from jianghua.parse.lines import parse_lines
from jianghua.parse.nesting import nest
from jianghua.read.decode import read_source
from jianghua.render.text import render_text


def parse(text: str, *, source: Source | None = None) -> Speech:
    """Parse a speech given as text. Every character is kept: ``render(parse(t)) == t``."""
    with paused_gc():
        return _parse(text, source, build_speech)


def parse_data(text: str, *, source: Source | None = None) -> dict:
    """The tree ``parse`` gives, as plain dicts in the JSON's field order (spans are
    ``Span`` objects, ``source`` a ``Source``), with no model made: what ``parse→JSON``
    writes (``render.json.data_to_json_bytes``)."""
    with paused_gc():
        return _parse(text, source, build_data)


def _parse(text: str, source: Source | None, build):
    lines = parse_lines(text)
    line_starts = [line.start for line in lines]
    blocks = build_blocks(text, lines)
    del lines  # the sentences go now: peak memory is what a 10 MB speech pays for
    return build(text, line_starts, nest(blocks), source or Source())


def parse_file(path: str | os.PathLike[str], *, encoding: str | None = None) -> Speech:
    """Read and parse a speech file: a .docx (see ``parse_docx``), or text decoded as
    UTF-8, GBK/GB18030 or UTF-16 (detected; ``encoding`` overrides)."""
    if os.fspath(path).lower().endswith(".docx"):
        return parse_docx(path)
    decoded = read_source(path, encoding=encoding)
    return parse(decoded.text, source=Source(path=os.fspath(path), encoding=decoded.encoding,
                                             bom=decoded.bom))


def parse_docx(path: str | os.PathLike[str] | None = None, *, data: bytes | None = None,
               name: str = "<stdin>") -> Speech:
    """Parse a Word document (from ``path``, or its bytes as ``data``).

    The text is what a reader sees, one paragraph per line, with Word's automatic
    numbering drawn in (``一、`` ``（一）`` ``1.``), so labels are parsed like typed ones.
    ``Speech.paragraphs`` maps every line back to its paragraph, and each heading
    carries Word's style and outline level as hints; what the reader left out or
    changed is listed in ``source.warnings``.
    """
    from jianghua.docx.reader import read_docx, read_docx_bytes  # python-docx is heavy

    shown = os.fspath(path) if path is not None else name
    docx = read_docx(path) if data is None else read_docx_bytes(data, path=shown)
    speech = parse(docx.text, source=Source(path=shown, format="docx",
                                           warnings=list(docx.warnings)))
    speech.paragraphs = [
        SourceParagraph(index=p.index, label=p.label, style=p.style_name,
                        outline_level=p.outline_level, origin=p.origin)
        for p in docx.paragraphs]
    for section in (node for node, _ in walk(speech.nodes) if isinstance(node, Section)):
        paragraph = speech.paragraphs[section.span.line - 1]
        from_label = section.marker.span.column - 1 < len(paragraph.label)
        section.hints = HeadingHints(style=paragraph.style,
                                     outline_level=paragraph.outline_level,
                                     numbered_by_word=bool(paragraph.label) and from_label)
    return speech


def render(speech: Speech) -> str:
    """The exact text a ``Speech`` was parsed from."""
    return render_text(speech)
