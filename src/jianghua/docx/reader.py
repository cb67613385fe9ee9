"""Read a .docx into plain text, one line per paragraph, with a map back into the document.

The speech parser works on text; Word documents hide part of what a reader sees in the
markup (automatic numbering labels, text boxes, table cells, footnotes). This module
turns a .docx into the text a reader would copy out of it, one paragraph per line, and
records for every line where it came from plus the hints Word had (style, outline level).
It does not decide structure.

This module is the door: it refuses what is not a sane .docx before any XML is parsed
(an old .doc or encrypted file, a broken or zip-bomb package, DTDs, Strict Open XML),
opens the parts the text is in, and assembles the text and the warnings. How the parts
are walked into lines, and every choice that changes the text, is in ``docx.walk``.
Page headers and footers are page furniture, not the speech: they are not read, and a
warning says so when they contain text.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree

from jianghua.docx.numbering import w
from jianghua.docx.walk import DocxParagraph, walk
from jianghua.errors import InputError

MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024  # larger than any real speech, images included
MAX_XML_PART = 64 * 1024 * 1024             # an lxml tree costs several times its text
MAX_RATIO = 100                              # deflate on real document XML stays near 10
RATIO_MIN_SIZE = 10 * 1024 * 1024            # repetitive real XML can pass 100:1 below this
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DTD_NEEDLES = tuple(s.encode(enc) for s in ("<!DOCTYPE", "<!ENTITY")
                     for enc in ("utf-8", "utf-16-le", "utf-16-be"))
# Shared with docx.writer, which parses the parts it edits with the same safeguards.
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                              huge_tree=False)
# What a damaged, zip-encrypted or exotically compressed member raises on reading.
_BROKEN_ZIP = (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError,
               OSError)

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


@dataclass(frozen=True)
class DocxText:
    text: str                  # paragraphs joined with "\n", labels included, ending in "\n"
    paragraphs: list[DocxParagraph]
    warnings: list[str]        # things reported rather than silently dropped


# ---------------------------------------------------------------- package safety


def _check_package(data: bytes, path: str) -> zipfile.ZipFile:
    """Reject what is not a sane .docx before any XML is parsed."""
    if data[:8] == _OLE_MAGIC:
        # Both the old binary .doc and an encrypted OOXML file live in a CFB container.
        raise InputError("这是旧版 .doc 文件或加密（设有密码）的文件，请另存为未加密的 .docx",
                         "an old binary .doc or a password-protected (encrypted) file; "
                         "save it as an unencrypted .docx", path=path)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise InputError("不是有效的 .docx 文件", "not a valid .docx (zip) file",
                         path=path) from exc
    # Declared sizes are binding: zipfile never yields more than file_size bytes.
    if sum(i.file_size for i in infos) > MAX_TOTAL_UNCOMPRESSED:
        raise InputError("解压后超过 200 MB，疑似压缩炸弹", "uncompressed size exceeds "
                         "200 MB (possible zip bomb)", path=path)
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_MIN_SIZE and ratio > MAX_RATIO:
            raise InputError(f"压缩比异常（{info.filename}），疑似压缩炸弹",
                             f"member {info.filename} compresses {ratio:.0f}:1 "
                             "(possible zip bomb)", path=path)
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise InputError("缺少正文部件 word/document.xml，不是 Word 文档",
                         "word/document.xml is missing: not a Word document", path=path)
    try:
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                if info.file_size > MAX_XML_PART:
                    raise InputError(f"XML 部件过大（{info.filename}）",
                                     f"XML part {info.filename} is too large", path=path)
                _scan_for_dtd(zf, info, path)
        strict = "_rels/.rels" in names and b"purl.oclc.org/ooxml" in zf.read("_rels/.rels")
    except _BROKEN_ZIP as exc:
        raise InputError("不是有效的 .docx 文件（压缩包损坏或加密）",
                         f"not a valid .docx file ({type(exc).__name__}: {exc})",
                         path=path) from exc
    if strict:
        # ISO/IEC 29500 Strict uses other namespaces throughout; Word saves it only on request.
        raise InputError("不支持 Strict Open XML 格式，请另存为普通 .docx",
                         "Strict Open XML is not supported; save as a regular .docx", path=path)
    return zf


def _scan_for_dtd(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: str) -> None:
    """OPC forbids DTDs in package XML (ECMA-376 Part 2); one here is an attack or junk.

    python-docx's parser does not resolve entities, but an unresolved entity would drop
    text silently, so refuse the file. Streamed in chunks so a big part is never doubled.
    """
    tail = b""
    with zf.open(info) as fh:
        while chunk := fh.read(1 << 20):
            window = tail + chunk
            if any(n in window for n in _DTD_NEEDLES):
                raise InputError(f"{info.filename} 含有 DOCTYPE/ENTITY 声明，拒绝读取",
                                 f"{info.filename} contains a DOCTYPE/ENTITY declaration",
                                 path=path)
            tail = window[-20:]


# ---------------------------------------------------------------- entry points


def _element(part: object, path: str) -> etree._Element:
    el = getattr(part, "element", None)
    if el is None:  # python-docx keeps parts it does not model (footnotes) as bytes
        el = etree.fromstring(part.blob, SAFE_PARSER)  # type: ignore[attr-defined]
    if el.getroottree().docinfo.doctype:  # a part whose name escaped the pre-scan
        raise InputError("文件含有 DOCTYPE 声明，拒绝读取",
                         "a part contains a DOCTYPE declaration", path=path)
    return el


def _not_docx(exc: Exception, path: str) -> InputError:
    # python-docx names the stream it was given ('<_io.BytesIO object at 0x…>'), which
    # means nothing to the user; a renamed .docm is common enough to be named.
    detail = re.sub(r"'?<_io\.BytesIO object at 0x[0-9a-fA-F]+>'?", "", str(exc))
    if "macroEnabled" in detail:
        return InputError("是启用宏的 Word 文档（.docm），不是 .docx；请另存为 .docx",
                          "a macro-enabled Word document (.docm), not a .docx; save it "
                          "as .docx", path=path)
    return InputError("不是有效的 .docx 文件（无法读取 Word 正文）",
                      f"not a valid .docx file ({type(exc).__name__}: "
                      f"{' '.join(detail.split())})", path=path)


def read_docx_bytes(data: bytes, *, path: str = "<stdin>") -> DocxText:
    """Read a .docx held in memory; see the module docstrings (this one and
    ``docx.walk``'s) for what the text holds."""
    import docx  # python-docx: opens the OPC package and parses parts without entities
    from docx.opc.exceptions import PackageNotFoundError

    _check_package(data, path).close()
    try:
        document = docx.Document(io.BytesIO(data))
        root = _element(document.part, path)
        parts = {name: _element(part, path) for name, part in named_parts(document).items()}
        furniture = [_element(rel.target_part, path) for rel in document.part.rels.values()
                     if not rel.is_external and rel.reltype in (_RT + "header", _RT + "footer")]
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError,
            *_BROKEN_ZIP) as exc:
        raise _not_docx(exc, path) from exc
    reader = walk(root, parts, segments=False)
    warnings = list(reader.numbering.warnings)
    if reader.counts["textbox"]:
        warnings.append(f"{reader.counts['textbox']} text boxes read in document order")
    if reader.counts["tracked"]:
        warnings.append("tracked changes present: text read as if all changes were accepted")
    if reader.counts["altChunk"]:
        warnings.append(f"{reader.counts['altChunk']} embedded documents (altChunk) not read")
    furniture_text = " ".join(t.text.strip() for el in furniture for t in el.iter(w("t"))
                              if t.text and t.text.strip())
    if furniture_text:
        warnings.append(f"page header/footer text not read: {furniture_text[:60]!r}")
    text = "".join(line + "\n" for line in reader.lines)
    return DocxText(text=text, paragraphs=reader.paragraphs, warnings=warnings)


def read_docx(path: str | os.PathLike[str]) -> DocxText:
    """Read a .docx file from disk.

    Only a regular file is read (``files.read_regular_file``): opening a FIFO named
    ``讲话.docx`` would block forever, and a device (a link to /dev/zero) would never end.
    """
    from jianghua.read.files import read_regular_file

    data = read_regular_file(path, max_size=MAX_TOTAL_UNCOMPRESSED)
    return read_docx_bytes(data, path=os.fsdecode(path))


# ---------------------------------------------------------------- shared with docx.writer


def named_parts(document: object) -> dict[str, object]:
    """The parts the reader reads besides the main document: ``styles``, ``numbering``,
    ``footnotes``, ``endnotes`` (python-docx parts; docx.writer needs their names)."""
    rels = {rel.reltype[len(_RT):]: rel
            for rel in document.part.rels.values()  # type: ignore[attr-defined]
            if not rel.is_external and rel.reltype.startswith(_RT)}
    return {name: rels[name].target_part
            for name in ("styles", "numbering", "footnotes", "endnotes") if name in rels}


# DocxParagraph is defined by the walk that makes it, and named here too because it is
# what DocxText.paragraphs holds.
__all__ = ["DocxParagraph", "DocxText", "named_parts", "read_docx", "read_docx_bytes"]
