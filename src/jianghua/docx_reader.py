"""Read a .docx into plain text, one line per paragraph, with a map back into the document.

The speech parser works on text; Word documents hide part of what a reader sees in the
markup (automatic numbering labels, text boxes, table cells, footnotes). This module
turns a .docx into the text a reader would copy out of it, one paragraph per line, and
records for every line where it came from plus the hints Word had (style, outline level).
It does not decide structure.

Choices (documented here because they change the text):
- A soft line break (w:br without a type, w:cr) becomes one space: a "\\n" would split a
  paragraph into two lines and break the one-paragraph-one-line map. Page and column
  breaks (w:br type="page"/"column") become nothing. Any other line-separating character
  inside a paragraph (\\r, \\v, U+2028, ...) also becomes a space, for the same reason.
- A numbering label is followed by one space when w:suff is "space", and by nothing when
  it is "tab" (the default) or "nothing": Chinese labels end in punctuation (一、 （一）).
- Bullets keep their lvlText character (common Symbol/Wingdings code points are mapped
  to the Unicode glyph a reader sees).
- Tracked changes are read as if accepted (w:ins kept, w:del/w:moveFrom dropped); runs
  marked hidden (w:vanish) are dropped; ruby annotations keep the base text only.
- Text boxes come right after the paragraph that anchors them; footnotes and endnotes
  come at the end, in the order they are referenced. Footnote reference marks are left
  out of the body text. Page headers and footers are page furniture, not the speech:
  they are not read, and a warning says so when they contain text.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import NamedTuple

from lxml import etree

from jianghua.docx_numbering import MC_NS, Numbering, to_int, w, wval
from jianghua.errors import InputError

MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024  # larger than any real speech, images included
MAX_XML_PART = 64 * 1024 * 1024             # an lxml tree costs several times its text
MAX_RATIO = 100                              # deflate on real document XML stays near 10
RATIO_MIN_SIZE = 10 * 1024 * 1024            # repetitive real XML can pass 100:1 below this
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DTD_NEEDLES = tuple(s.encode(enc) for s in ("<!DOCTYPE", "<!ENTITY")
                     for enc in ("utf-8", "utf-16-le", "utf-16-be"))
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                               huge_tree=False)
# What a damaged, zip-encrypted or exotically compressed member raises on reading.
_BROKEN_ZIP = (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError,
               OSError)
_LINE_BREAKS = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MC_ALT, _MC_CHOICE, _MC_FALLBACK = (f"{{{MC_NS}}}{t}" for t in
                                     ("AlternateContent", "Choice", "Fallback"))
_M_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
# Elements whose content a reader does not see in the final (changes-accepted) view.
_SKIP = {w(t) for t in ("pPr", "rPr", "del", "moveFrom", "delText", "instrText",
                        "delInstrText", "rt", "fldData", "sectPr", "tblPr", "trPr", "tcPr")}
_BLOCK_CONTAINERS = {w(t) for t in ("sdt", "sdtContent", "customXml", "tr", "tc")}
_NOTE_SKIP_TYPES = {"separator", "continuationSeparator", "continuationNotice"}


@dataclass(frozen=True)
class DocxParagraph:
    index: int                 # paragraph index in document order (over everything emitted)
    start: int                 # code-point offset of this paragraph in DocxText.text
    end: int                   # offset just past its text (before the "\n")
    label: str                 # visible automatic-numbering label prepended to the text
    style_name: str | None     # paragraph style name ("Heading 1", "标题 1", WPS id "1")
    outline_level: int | None  # 0-based, from w:outlineLvl (paragraph or style chain)
    origin: str                # "body" | "table" | "textbox" | "footnote" | "endnote" | ...


class Segment(NamedTuple):
    """Where a piece of a paragraph's own text (its label excluded) came from.

    ``element`` is the node the reader took the piece from: a ``w:t`` (or ``m:t``), or a
    ``w:tab``/``w:br``/``w:cr``/``w:sym``/``w:noBreakHyphen`` whose character the reader
    wrote in, or a ``w:fldChar`` (always empty: it marks where a field starts, separates
    or ends). ``start``/``end`` are code-point offsets into the paragraph's own text.
    """

    element: etree._Element
    start: int
    end: int


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


# ---------------------------------------------------------------- styles


@dataclass
class _Style:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None


def _read_styles(root: etree._Element | None) -> tuple[dict[str, _Style], str | None]:
    from docx.styles import BabelFish  # UI names: "heading 1" -> "Heading 1"

    styles: dict[str, _Style] = {}
    default: str | None = None
    for st in [] if root is None else root.iter(w("style")):
        sid = st.get(w("styleId")) or ""
        ppr = st.find(w("pPr"))
        numpr = ppr.find(w("numPr")) if ppr is not None else None
        name = wval(st, "name")
        styles[sid] = _Style(
            name=BabelFish.internal2ui(name) if name else sid,
            based_on=wval(st, "basedOn"),
            num_id=wval(numpr, "numId") if numpr is not None else None,
            ilvl=to_int(wval(numpr, "ilvl")) if numpr is not None else None,
            outline=to_int(wval(ppr, "outlineLvl")) if ppr is not None else None,
        )
        if st.get(w("type")) == "paragraph" and st.get(w("default")) in ("1", "true", "on"):
            default = sid
    return styles, default


# ---------------------------------------------------------------- the walk


class _Reader:
    def __init__(self, styles: dict[str, _Style], default_style: str | None,
                 numbering: Numbering) -> None:
        self.styles, self.default_style, self.numbering = styles, default_style, numbering
        self.lines: list[str] = []
        self.paragraphs: list[DocxParagraph] = []
        self.offset = 0
        self.note_refs: dict[str, list[str]] = {"footnote": [], "endnote": []}
        self.counts = {"textbox": 0, "tracked": 0, "altChunk": 0}
        # Per paragraph, where each piece came from; kept only for docx_writer, which
        # must edit exactly the nodes this walk read (walk_parts).
        self.segments: list[list[Segment]] | None = None

    def _chain(self, style_id: str | None) -> list[_Style]:
        out: list[_Style] = []
        while style_id in self.styles and len(out) < 20:  # basedOn loops happen in the wild
            out.append(self.styles[style_id])
            style_id = self.styles[style_id].based_on
        return out

    def blocks(self, container: etree._Element, origin: str) -> None:
        for child in container:
            tag = child.tag
            if tag == w("p"):
                self.paragraph(child, origin)
            elif tag == w("tbl"):
                self.blocks(child, "table" if origin == "body" else origin)
            elif tag in _BLOCK_CONTAINERS:
                self.blocks(child, origin)
            elif tag == _MC_ALT:
                self.blocks(_chosen(child), origin)
            elif tag == w("altChunk"):
                self.counts["altChunk"] += 1

    def inline(self, el: etree._Element, out: list[tuple[etree._Element, str]],
               boxes: list[etree._Element]) -> None:
        for child in el:
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str):
                if tag in (w("del"), w("moveFrom")):
                    self.counts["tracked"] += 1
                continue
            if tag in (w("t"), _M_T):
                out.append((child, child.text or ""))
            elif tag in (w("tab"), w("ptab")):
                out.append((child, "\t"))
            elif tag == w("br"):
                out.append((child, "" if child.get(w("type")) in ("page", "column") else " "))
            elif tag == w("cr"):
                out.append((child, " "))
            elif tag == w("noBreakHyphen"):
                out.append((child, "-"))
            elif tag == w("sym"):
                code = child.get(w("char"))
                out.append((child, chr(int(code, 16)) if code and re.fullmatch(
                    "[0-9A-Fa-f]{1,6}", code) and int(code, 16) < 0x110000 else ""))
            elif tag == w("fldChar"):
                out.append((child, ""))  # no text; marks a field's bounds for docx_writer
            elif tag == w("txbxContent"):
                boxes.append(child)
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                kind = "footnote" if tag == w("footnoteReference") else "endnote"
                if (note_id := child.get(w("id"))) is not None:
                    self.note_refs[kind].append(note_id)
            elif tag == _MC_ALT:
                self.inline(_chosen(child), out, boxes)
            elif tag == w("r") and _hidden(child):
                continue
            elif tag in (w("ins"), w("moveTo")):
                self.counts["tracked"] += 1
                self.inline(child, out, boxes)
            else:
                # Runs, hyperlinks, w:ins, fields, content controls, smart tags, drawings:
                # their visible text is in descendants.
                self.inline(child, out, boxes)

    def paragraph(self, p: etree._Element, origin: str) -> None:
        pieces: list[tuple[etree._Element, str]] = []
        boxes: list[etree._Element] = []
        self.inline(p, pieces, boxes)
        ppr = p.find(w("pPr"))
        style_id = wval(ppr, "pStyle") if ppr is not None else None
        style_id = style_id if style_id in self.styles else self.default_style
        chain = self._chain(style_id)
        label = self._label(ppr, style_id, chain)
        line = _LINE_BREAKS.sub(" ", label + "".join(text for _, text in pieces))
        outline = to_int(wval(ppr, "outlineLvl")) if ppr is not None else None
        for st in chain:
            if outline is None:
                outline = st.outline
            if outline is None and (m := _HEADING_NAME.match(st.name)):
                outline = int(m.group(1)) - 1
        start = self.offset
        self.paragraphs.append(DocxParagraph(
            index=len(self.paragraphs), start=start, end=start + len(line),
            label=_LINE_BREAKS.sub(" ", label),
            style_name=chain[0].name if chain else style_id,
            # §17.3.1.20: level 9 is "body text", i.e. no outline level.
            outline_level=outline if outline is not None and 0 <= outline <= 8 else None,
            origin=origin))
        self.lines.append(line)
        self.offset = start + len(line) + 1
        if self.segments is not None:
            segments, at = [], 0
            for element, text in pieces:
                segments.append(Segment(element, at, at + len(text)))
                at += len(text)
            self.segments.append(segments)
        for box in boxes:
            self.counts["textbox"] += 1
            self.blocks(box, "textbox" if origin in ("body", "table") else origin)

    def _label(self, ppr: etree._Element | None, style_id: str | None,
               chain: list[_Style]) -> str:
        numpr = ppr.find(w("numPr")) if ppr is not None else None
        num_id = wval(numpr, "numId") if numpr is not None else None
        ilvl = to_int(wval(numpr, "ilvl")) if numpr is not None else None
        if num_id is None:
            # Numbering inherited from the style (and its basedOn chain), §17.3.1.19.
            num_id = next((s.num_id for s in chain if s.num_id is not None), None)
            if ilvl is None:
                ilvl = next((s.ilvl for s in chain if s.ilvl is not None), None)
        elif ilvl is None:
            ilvl = 0
        if num_id is None or num_id == "0":  # numId 0 removes inherited numbering
            return ""
        return self.numbering.label(num_id, ilvl, style_id)


def _chosen(alt: etree._Element) -> etree._Element:
    """Markup compatibility: read the first mc:Choice, never both it and its Fallback."""
    for tag in (_MC_CHOICE, _MC_FALLBACK):
        branch = alt.find(tag)
        if branch is not None:
            return branch
    return alt


def _hidden(run: etree._Element) -> bool:
    rpr = run.find(w("rPr"))
    vanish = rpr.find(w("vanish")) if rpr is not None else None
    return vanish is not None and vanish.get(w("val"), "1") not in ("0", "false", "off")


# ---------------------------------------------------------------- entry points


def _element(part: object, path: str) -> etree._Element:
    el = getattr(part, "element", None)
    if el is None:  # python-docx keeps parts it does not model (footnotes) as bytes
        el = etree.fromstring(part.blob, _SAFE_PARSER)  # type: ignore[attr-defined]
    if el.getroottree().docinfo.doctype:  # a part whose name escaped the pre-scan
        raise InputError("文件含有 DOCTYPE 声明，拒绝读取",
                         "a part contains a DOCTYPE declaration", path=path)
    return el


def read_docx_bytes(data: bytes, *, path: str = "<stdin>") -> DocxText:
    """Read a .docx held in memory; see the module docstring for what the text holds."""
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
        raise InputError("不是有效的 .docx 文件（无法读取 Word 正文）",
                         f"not a valid .docx file ({type(exc).__name__}: {exc})",
                         path=path) from exc
    reader = _walk(root, parts, segments=False)
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

    Only a regular file is read (``decode.read_regular_file``): opening a FIFO named
    ``讲话.docx`` would block forever, and a device (a link to /dev/zero) would never end.
    """
    from jianghua.decode import read_regular_file

    data = read_regular_file(path, max_size=MAX_TOTAL_UNCOMPRESSED)
    return read_docx_bytes(data, path=os.fsdecode(path))


# ---------------------------------------------------------------- shared with docx_writer


def named_parts(document: object) -> dict[str, object]:
    """The parts the reader reads besides the main document: ``styles``, ``numbering``,
    ``footnotes``, ``endnotes`` (python-docx parts; docx_writer needs their names)."""
    rels = {rel.reltype[len(_RT):]: rel
            for rel in document.part.rels.values()  # type: ignore[attr-defined]
            if not rel.is_external and rel.reltype.startswith(_RT)}
    return {name: rels[name].target_part
            for name in ("styles", "numbering", "footnotes", "endnotes") if name in rels}


def _walk(root: etree._Element, parts: dict[str, etree._Element], *, segments: bool
          ) -> _Reader:
    """Body first (text boxes after their anchor paragraph), then the notes in the
    order they are referenced."""
    styles, default_style = _read_styles(parts.get("styles"))

    def style_num_id(style_id: str) -> str | None:
        return styles[style_id].num_id if style_id in styles else None

    reader = _Reader(styles, default_style, Numbering(parts.get("numbering"), style_num_id))
    if segments:
        reader.segments = []
    body = root.find(w("body"))
    if body is not None:
        reader.blocks(body, "body")
    for kind in ("footnote", "endnote"):
        notes = parts.get(kind + "s")
        by_id = {} if notes is None else {n.get(w("id")): n for n in notes.iter(w(kind))
                                          if n.get(w("type")) not in _NOTE_SKIP_TYPES}
        for note_id in dict.fromkeys(reader.note_refs[kind]):
            if note_id in by_id:
                reader.blocks(by_id[note_id], kind)
    return reader


def walk_parts(root: etree._Element, parts: dict[str, etree._Element]
               ) -> tuple[str, list[DocxParagraph], list[list[Segment]]]:
    """The reader's walk over part trees the caller parsed: the text, the paragraphs,
    and per paragraph the ``Segment``s of its own text in reading order.

    docx_writer parses the parts itself (keeping every byte it does not edit) and edits
    the very nodes this walk reports, so the writer and the reader cannot disagree
    about which node holds which character. ``parts`` maps ``named_parts`` names to
    roots.
    """
    reader = _walk(root, parts, segments=True)
    text = "".join(line + "\n" for line in reader.lines)
    return text, reader.paragraphs, reader.segments or []


__all__ = ["DocxParagraph", "DocxText", "Segment", "named_parts", "read_docx",
           "read_docx_bytes", "walk_parts"]
