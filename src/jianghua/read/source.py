"""The one door every caller reads a speech through: a path (or ``-``) → text + ``Source``.

``jianghua.parse_file``, every command (``jianghua.read.inputs``) and ``jianghua.batch``
read here, so a .docx gives the same ``Speech`` whichever way it came in: ``format``
``"docx"``, the reader's warnings, and the paragraphs Word had (``Speech.paragraphs``
and each heading's ``hints``, attached by ``jianghua.api.parse``). Before there was one
door the CLI wrote a .docx as ``"format": "text"`` with neither (issue 8).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from jianghua.errors import InputError
from jianghua.model import Source, SourceParagraph
from jianghua.read.decode import decode_bytes, decode_file
from jianghua.read.files import read_stdin_bytes
from jianghua.read.hints import explain_format

__all__ = ["STDIN", "Warn", "read_docx_source", "read_source"]

STDIN = "-"
_ZIP_MAGIC = b"PK\x03\x04"  # a .docx piped into stdin: no name to go by

#: ``warn(path, message)``: told of each reader warning as it is found (the CLI prints
#: them); they are in ``Source.warnings`` either way.
Warn = Callable[[str, str], None]


def read_docx_source(path: str | os.PathLike[str] | None = None, *, data: bytes | None = None,
                     name: str = "<stdin>", warn: Warn | None = None) -> tuple[str, Source]:
    """A Word document (from ``path``, or its bytes as ``data``) as text and ``Source``.

    The ``Source`` carries the document's paragraphs for ``jianghua.api.parse``, which
    moves them onto ``Speech.paragraphs`` (they are not part of the source's JSON).
    """
    shown = os.fsdecode(path) if path is not None else name
    try:
        from jianghua.docx import reader  # python-docx and lxml are heavy
    except ImportError:
        raise InputError("不支持 .docx：缺少 jianghua.docx.reader 或其依赖（python-docx、lxml）",
                         ".docx support is unavailable (jianghua.docx.reader or its "
                         "dependencies python-docx/lxml are missing)", path=shown) from None
    try:
        docx = (reader.read_docx(path) if data is None
                else reader.read_docx_bytes(data, path=shown))
    except ImportError:
        raise InputError("不支持 .docx：缺少依赖 python-docx", ".docx support is unavailable "
                         "(python-docx is missing)", path=shown) from None
    for warning in docx.warnings:
        if warn is not None:
            warn(shown, warning)
    source = Source(path=shown, format="docx", warnings=list(docx.warnings))
    source.carry_paragraphs([
        SourceParagraph(index=p.index, label=p.label, style=p.style_name,
                        outline_level=p.outline_level, origin=p.origin)
        for p in docx.paragraphs])
    return docx.text, source


def read_source(path: str | os.PathLike[str], encoding: str | None = None, *,
                warn: Warn | None = None) -> tuple[str, Source]:
    """The text of a speech file and where it came from.

    ``-`` is stdin (a .docx piped in is known by its ZIP signature); a path ending in
    ``.docx`` is read as a Word document; anything else is decoded as UTF-8, GBK/GB18030
    or UTF-16 (detected; ``encoding`` overrides). Raises ``InputError`` for anything
    unreadable, ``OSError`` included.
    """
    name = os.fsdecode(path)
    shown = "<stdin>" if name == STDIN else name
    try:
        if name == STDIN:
            data = read_stdin_bytes()
            if data.startswith(_ZIP_MAGIC):
                text, source = read_docx_source(data=data, name=shown, warn=warn)
                source.path = None  # as for text on stdin: no path to write back to
                return text, source
            decoded = decode_bytes(data, path=shown, encoding=encoding)
            return decoded.text, plain_source(path=None, encoding=decoded.encoding, bom=decoded.bom)
        if name.lower().endswith(".docx"):
            return read_docx_source(name, warn=warn)
        decoded = decode_file(name, encoding=encoding)
    except OSError as exc:
        raise os_error(shown, exc) from None
    except InputError as exc:  # a .doc or a PDF: say what to do with it
        raise explain_format(name, exc) from None
    return decoded.text, plain_source(path=name, encoding=decoded.encoding, bom=decoded.bom)


def plain_source(**given: object) -> Source:
    """``Source(**given)`` for values valid by construction (a decoded text's path,
    encoding and BOM; nothing for ``Source()``), with the same fields set, made as
    ``parse.build`` makes nodes: validating would build the model's validator (and
    pydantic's plugin scan) on every start of `jianghua outline`, and
    ``model_construct`` costs a quarter of a millisecond per call, an eighth of
    parsing a real speech (python -m jianghua.bench; tests/test_io.py compares).
    """
    state = {"path": None, "format": "text", "encoding": "utf-8", "bom": False,
             "warnings": []}
    state.update(given)
    source = Source.__new__(Source)
    setter = object.__setattr__
    setter(source, "__dict__", state)
    setter(source, "__pydantic_fields_set__", set(given))
    setter(source, "__pydantic_extra__", None)
    setter(source, "__pydantic_private__", {"_paragraphs": None})
    return source


def os_error(path: str, exc: OSError) -> InputError:
    """An ``OSError`` phrased as an ``InputError`` naming the path."""
    if isinstance(exc, FileNotFoundError):
        return InputError("文件不存在", "file not found", path=path)
    if isinstance(exc, IsADirectoryError):
        return InputError("是一个目录，不是文件", "is a directory, not a file", path=path)
    if isinstance(exc, PermissionError):
        return InputError("没有权限访问该文件", "permission denied", path=path)
    detail = exc.strerror or str(exc)
    return InputError(f"无法读取或写入：{detail}", f"cannot read or write: {detail}", path=path)
