"""The Python API: ``parse``, ``parse_file``, ``parse_docx``, ``render``, ``fix``.

``check`` and ``fix`` take what a user has at hand: a ``Speech``, the text, or a path
(``as_speech``); anything else, bytes above all, is refused with a message that says
what was given and what to do, rather than failing deep inside the parser.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from jianghua.gcpause import paused_gc
from jianghua.model import HeadingHints, Section, Source, SourceParagraph, Speech, walk
from jianghua.parse.blocks import build_blocks
from jianghua.parse.build import build_data, build_speech
from jianghua.parse.lines import parse_lines
from jianghua.parse.nesting import nest
from jianghua.read.decode import read_source
from jianghua.render.text import render_text

if TYPE_CHECKING:
    from jianghua.checks.fixes import FixResult

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
    """Parse a speech given as text. Every character is kept: ``render(parse(t)) == t``."""
    if not isinstance(text, str):
        raise _not_text("parse", text)
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


def fix(target: Any, *, select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None, extend_select: Iterable[str] | None = None,
        profile: str | None = None, severity: Mapping[str, str] | None = None) -> FixResult:
    """Apply the safe fixes of ``jianghua check --fix`` to a speech (a ``Speech``, its
    text or a path) and return the ``FixResult``: ``.text`` the fixed text, ``.applied``
    the findings whose fix was applied (each with its edits), ``.remaining`` the
    findings left. Nothing is written: ``check --fix`` writes files.

        >>> import jianghua
        >>> jianghua.fix("同志们：\\n今天,我们开会。\\n").text
        '同志们：\\n今天，我们开会。\\n'
    """
    from jianghua.checks.fixes import fix_text
    from jianghua.checks.runner import check

    speech, text = as_speech(target, what="fix")
    text = render(speech) if text is None else text
    path = speech.source.path

    def checker(parsed: Speech, current: str) -> list:
        return check(parsed, select=select, ignore=ignore, extend_select=extend_select,
                     profile=profile, severity=severity, text=current, path=path)

    return fix_text(text, checker, source=speech.source)
