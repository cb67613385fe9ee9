"""The pipeline, text → ``Speech``: ``parse``, ``parse_file``, ``parse_docx``, ``render``.

``jianghua.api`` (the public façade, with ``check`` and ``fix``) and ``jianghua.checks``
(whose fixes re-parse each candidate) both build on it; it imports neither, so the
façade and the checks never import each other (tests/test_imports.py).
"""

from __future__ import annotations

import os
from typing import Any

from jianghua.gcpause import paused_gc
from jianghua.model import HeadingHints, Section, Source, SourceParagraph, Speech, walk
from jianghua.parse.blocks import build_blocks
from jianghua.parse.build import build_data, build_speech
from jianghua.parse.fold import reading_copy, restore_blocks
from jianghua.parse.lines import parse_lines
from jianghua.parse.nesting import nest
from jianghua.parse.pieces import Block
from jianghua.read.source import plain_source, read_docx_source, read_source
from jianghua.render.text import render_text

__all__ = ["as_speech", "parse", "parse_docx", "parse_file", "render"]

#: A one-line ``str`` ending in one of these names a file for ``check``/``fix``.
_PATH_SUFFIXES = (".txt", ".md", ".docx")


def _not_text(what: str, value: object) -> TypeError:
    if isinstance(value, bytes | bytearray):
        return TypeError(
            f"{what}() 需要 str 文本，收到的是 bytes；请先解码，如 data.decode('utf-8')，或用 "
            f"jianghua.parse_file(路径) 自动识别 UTF-8/GBK/UTF-16 ({what}() takes the text as "
            f"str, not bytes: decode it first, e.g. data.decode('utf-8'), or use "
            f"jianghua.parse_file(path), which detects UTF-8/GBK/UTF-16)")
    return TypeError(f"{what}() 需要 str 文本，收到的是 {type(value).__name__} ({what}() takes "
                     f"the text as str, got {type(value).__name__})")


def parse(text: str, *, source: Source | None = None) -> Speech:
    """Parse a speech given as text. Every character is kept: ``render(parse(t)) == t``.

    A ``source`` from ``jianghua.read.read_source`` for a .docx carries the document's
    paragraphs: they become ``Speech.paragraphs`` and each heading's ``hints``.
    """
    if not isinstance(text, str):
        raise _not_text("parse", text)
    return _parse_attached(text, source, build_speech, _attach_paragraphs)


def parse_data(text: str, *, source: Source | None = None) -> dict:
    """The tree ``parse`` gives, as plain dicts in the JSON's field order (spans are
    ``Span`` objects, ``source`` a ``Source``), with no model made: what ``parse→JSON``
    writes (``render.json.data_to_json_bytes``). A .docx's paragraphs and hints are
    attached as ``parse`` attaches them, so the JSON is the same either way."""
    return _parse_attached(text, source, build_data, _attach_paragraph_data)


def _parse_attached(text: str, source: Source | None, build, attach):  # -> Speech | dict
    """Parse with ``build`` (models or plain dicts), then ``attach`` a .docx's
    paragraphs and hints to the result, the one path ``parse`` and ``parse_data`` share."""
    source, paragraphs = _paragraphs_of(source)
    with paused_gc():
        result = _parse(text, source, build)
    if paragraphs is not None:
        attach(result, paragraphs)
    return result


def _paragraphs_of(source: Source | None) -> tuple[Source, list[SourceParagraph] | None]:
    """The source to record (plain again) and the .docx paragraphs it carried."""
    source = source or plain_source()  # Source(), without building its validator
    paragraphs = source.carried_paragraphs
    if paragraphs is not None:  # the speech holds them; its source is plain again
        source = source.model_copy()
        source.carry_paragraphs(None)
    return source, paragraphs


def _parse(text: str, source: Source, build):
    # A text in traditional characters, with pinyin injected or with its paragraphs
    # broken at a page's width, is read through a simplified copy without the pinyin and
    # the breaks (a .docx's lines are its paragraphs: never broken); the blocks then
    # quote the text as written (fold.py).
    copy = reading_copy(text, paragraphs=source.format == "docx")
    lines = parse_lines(copy.text)
    line_starts = copy.line_starts(text, lines)
    blocks = build_blocks(copy.text, lines)
    del lines  # the lines go now: peak memory is what a 10 MB speech pays for
    # Nested as read (最後 is 最后, OUTLINE rule 5), then quoting the text as written.
    made: list[Block] = []
    root = nest(blocks, made)
    if copy.text is not text:
        restore_blocks(blocks + made, copy, text)
    # The tree holds every block; without this list as well, each block (and the
    # sentences it keeps) is freed as ``build`` turns it into a node, so the blocks and
    # the finished tree are never all alive at once (benchmark: peak memory at 10 MB).
    del blocks
    return build(text, line_starts, root, source)


def _hints(paragraphs: list[SourceParagraph], line: int, column: int) -> HeadingHints | None:
    if line > len(paragraphs):  # text edited after reading (a fix)
        return None
    paragraph = paragraphs[line - 1]
    from_label = column - 1 < len(paragraph.label)
    return HeadingHints(style=paragraph.style, outline_level=paragraph.outline_level,
                        numbered_by_word=bool(paragraph.label) and from_label)


def _attach_paragraph_data(data: dict, paragraphs: list[SourceParagraph]) -> None:
    data["paragraphs"] = list(paragraphs)
    for node, _ in walk(data["nodes"]):
        if node["kind"] == "section":
            span = node["marker"]["span"]
            node["hints"] = _hints(paragraphs, node["span"].line, span.column)


def _attach_paragraphs(speech: Speech, paragraphs: list[SourceParagraph]) -> None:
    """A .docx's paragraphs onto the speech, and Word's hints onto each heading."""
    speech.paragraphs = list(paragraphs)
    for section in (node for node, _ in walk(speech.nodes) if isinstance(node, Section)):
        section.hints = _hints(paragraphs, section.span.line, section.marker.span.column)


def parse_file(path: str | os.PathLike[str], *, encoding: str | None = None) -> Speech:
    """Read and parse a speech file (``-``: stdin): a .docx (see ``parse_docx``), or
    text decoded as UTF-8, GBK/GB18030 or UTF-16 (detected; ``encoding`` overrides).

    Read through ``jianghua.read.read_source``, the door ``jianghua parse`` and
    ``parse_many`` use too, so all three give the same ``Speech``.
    """
    text, source = read_source(path, encoding)
    return parse(text, source=source)


def parse_docx(path: str | os.PathLike[str] | None = None, *, data: bytes | None = None,
               name: str = "<stdin>") -> Speech:
    """Parse a Word document (from ``path``, or its bytes as ``data``).

    The text is what a reader sees, one paragraph per line, with Word's automatic
    numbering drawn in (``一、`` ``（一）`` ``1.``), so labels are parsed like typed ones.
    ``Speech.paragraphs`` maps every line back to its paragraph, and each heading
    carries Word's style and outline level as hints; what the reader left out or
    changed is listed in ``source.warnings``.
    """
    text, source = read_docx_source(path, data=data, name=name)
    return parse(text, source=source)


def render(speech: Speech) -> str:
    """The exact text a ``Speech`` was parsed from."""
    return render_text(speech)


def as_speech(target: Any, *, what: str = "check") -> tuple[Speech, str | None]:
    """A ``Speech`` and its text (None: render it) from a ``Speech``, a text or a path.

    A ``pathlib.Path`` (any ``os.PathLike``) is a file; a ``str`` is the speech's text,
    unless it is one line ending in .txt, .md or .docx: then it names a file (a speech
    is never one line ending in ``.txt``; pass ``Path(...)`` to say so explicitly).
    """
    if isinstance(target, Speech):
        return target, None
    if isinstance(target, os.PathLike) or (
            isinstance(target, str) and "\n" not in target
            and target.strip().lower().endswith(_PATH_SUFFIXES)):
        speech = parse_file(os.fspath(target).strip() if isinstance(target, str) else target)
        return speech, None
    if isinstance(target, str):
        return parse(target), target
    if isinstance(target, bytes | bytearray):
        raise _not_text(what, target)
    raise TypeError(f"{what}() 需要 Speech、文本（str）或文件路径，收到的是 "
                    f"{type(target).__name__} ({what}() takes a Speech, the text (str) or "
                    f"a path; got {type(target).__name__})")
