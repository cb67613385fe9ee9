"""Build .docx files in the tests themselves (no binary fixtures in the repository).

python-docx makes the package; the parts it does not model (numbering definitions,
numeric WPS style ids, text boxes, footnotes) are written as raw WordprocessingML.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import docx
from docx.document import Document as DocumentObject
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.text.paragraph import Paragraph

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (f'xmlns:w="{W}" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')


@dataclass
class Lvl:
    """One w:lvl of an abstractNum."""

    ilvl: int
    fmt: str = "decimal"
    text: str = "%1."
    start: int | None = 1
    restart: int | None = None
    suff: str | None = None
    pstyle: str | None = None
    is_lgl: bool = False

    def xml(self) -> str:
        parts = [f'<w:lvl w:ilvl="{self.ilvl}">']
        if self.start is not None:
            parts.append(f'<w:start w:val="{self.start}"/>')
        parts.append(f'<w:numFmt w:val="{self.fmt}"/>')
        if self.restart is not None:
            parts.append(f'<w:lvlRestart w:val="{self.restart}"/>')
        if self.pstyle:
            parts.append(f'<w:pStyle w:val="{self.pstyle}"/>')
        if self.is_lgl:
            parts.append("<w:isLgl/>")
        if self.suff:
            parts.append(f'<w:suff w:val="{self.suff}"/>')
        parts.append(f'<w:lvlText w:val="{self.text}"/><w:lvlJc w:val="left"/></w:lvl>')
        return "".join(parts)


# The conventional ladder of a Chinese speech: 一、 （一） 1. ①
SPEECH_LEVELS = [
    Lvl(0, "chineseCounting", "%1、"),
    Lvl(1, "chineseCounting", "（%2）"),
    Lvl(2, "decimal", "%3."),
    Lvl(3, "decimalEnclosedCircle", "%4"),
]


def new_document() -> DocumentObject:
    """A blank document whose numbering part holds nothing (the template's is dropped)."""
    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    body = doc.element.body
    for p in body.findall(f"{{{W}}}p"):
        body.remove(p)
    return doc


def add_numbering(doc: DocumentObject, abstracts: dict[int, list[Lvl]],
                  nums: dict[int, int], start_overrides: dict[int, dict[int, int]] | None = None
                  ) -> None:
    """abstracts: abstractNumId -> levels; nums: numId -> abstractNumId.

    start_overrides: numId -> {ilvl: start} written as w:lvlOverride/w:startOverride.
    """
    numbering = doc.part.numbering_part.element
    for aid, levels in abstracts.items():
        lvls = "".join(lv.xml() for lv in levels)
        numbering.append(parse_xml(
            f'<w:abstractNum {NS} w:abstractNumId="{aid}">'
            f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'))
    for num_id, aid in nums.items():
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            for ilvl, start in ((start_overrides or {}).get(num_id) or {}).items())
        numbering.append(parse_xml(
            f'<w:num {NS} w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>'
            f'{overrides}</w:num>'))


def set_ppr(paragraph: Paragraph, *, num_id: int | None = None, ilvl: int | None = None,
            style_id: str | None = None, outline: int | None = None) -> Paragraph:
    """Write pStyle / numPr / outlineLvl in schema order."""
    ppr = paragraph._p.get_or_add_pPr()
    if style_id is not None:
        ppr.append(parse_xml(f'<w:pStyle {NS} w:val="{style_id}"/>'))
    if num_id is not None or ilvl is not None:
        inner = (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "") + (
            f'<w:numId w:val="{num_id}"/>' if num_id is not None else "")
        ppr.append(parse_xml(f"<w:numPr {NS}>{inner}</w:numPr>"))
    if outline is not None:
        ppr.append(parse_xml(f'<w:outlineLvl {NS} w:val="{outline}"/>'))
    return paragraph


def add_par(doc: DocumentObject, text: str = "", **ppr: int | str | None) -> Paragraph:
    return set_ppr(doc.add_paragraph(text), **ppr)  # type: ignore[arg-type]


def add_table(doc: DocumentObject, rows: list[list[str]]) -> None:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value


def add_textbox(paragraph: Paragraph, texts: Iterable[str]) -> None:
    """A Word 2010 text box: a wps shape in mc:Choice and its VML copy in mc:Fallback."""
    content = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in texts)
    box = f"<w:txbxContent>{content}</w:txbxContent>"
    paragraph._p.append(parse_xml(
        f"<w:r {NS}><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"))


def add_run_xml(paragraph: Paragraph, inner: str) -> None:
    """Append raw run content, e.g. '<w:t>a</w:t><w:br/><w:t>b</w:t>'."""
    paragraph._p.append(parse_xml(f"<w:r {NS}>{inner}</w:r>"))


def add_styles(doc: DocumentObject, styles: Iterable[tuple[str, str, str]]) -> None:
    """(styleId, name, extra pPr xml) paragraph styles, e.g. WPS's numeric ids "1", "2"."""
    root = doc.styles.element
    for sid, name, ppr in styles:
        root.append(parse_xml(
            f'<w:style {NS} w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="Normal"/><w:pPr>{ppr}</w:pPr></w:style>'))


def add_wps_heading_styles(doc: DocumentObject) -> None:
    """What WPS writes: style ids "1", "2", "3" for headings, outline levels 0..2."""
    add_styles(doc, [("1", "heading 1", '<w:outlineLvl w:val="0"/>'),
                     ("2", "标题 2", '<w:outlineLvl w:val="1"/>'),
                     ("3", "heading 3", "")])


def add_footnotes(doc: DocumentObject, notes: dict[int, str]) -> None:
    """A footnotes part with the two separator notes Word always writes."""
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>{t}</w:t></w:r>'
        "</w:p></w:footnote>" for i, t in notes.items())
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {NS}>'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
           '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
           f"<w:continuationSeparator/></w:r></w:p></w:footnote>{body}</w:footnotes>")
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode(), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)


def add_footnote_ref(paragraph: Paragraph, note_id: int) -> None:
    add_run_xml(paragraph, f'<w:footnoteReference w:id="{note_id}"/>')


def to_bytes(doc: DocumentObject) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def rewrite(data: bytes, name: str, edit: Callable[[bytes], bytes] | None = None,
            extra: dict[str, bytes] | None = None, drop: bool = False) -> bytes:
    """Copy a package, editing, dropping or adding members."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == name:
                if drop:
                    continue
                blob = edit(blob) if edit else blob
            dst.writestr(info.filename, blob)
        for extra_name, blob in (extra or {}).items():
            dst.writestr(extra_name, blob)
    return out.getvalue()
