"""The reader's walk over WordprocessingML part trees: paragraphs into lines.

docx.reader opens the package and hands this module the parsed parts (the main
document, and ``styles``, ``numbering``, ``footnotes``, ``endnotes`` when present); the
walk turns them into one line per paragraph, with a ``DocxParagraph`` saying where each
line came from and the hints Word had (style, outline level). It does not decide
structure. ``walk_parts`` runs the same walk for docx.writer and also reports, per
paragraph, the node each piece of text came from (``Segment``), so the writer edits
exactly what the reader read.

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
  out of the body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from lxml import etree

from jianghua.docx.numbering import MC_NS, Numbering, to_int, w, wval

_LINE_BREAKS = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)

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


class Walker:
    """One walk over a document's parts: the lines and paragraphs it emitted, and what
    it met on the way (text boxes, tracked changes, embedded documents, note references)
    for the caller to report."""

    def __init__(self, styles: dict[str, _Style], default_style: str | None,
                 numbering: Numbering) -> None:
        self.styles, self.default_style, self.numbering = styles, default_style, numbering
        self.lines: list[str] = []
        self.paragraphs: list[DocxParagraph] = []
        self.offset = 0
        self.note_refs: dict[str, list[str]] = {"footnote": [], "endnote": []}
        self.counts = {"textbox": 0, "tracked": 0, "altChunk": 0}
        # Per paragraph, where each piece came from; kept only for docx.writer, which
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
                out.append((child, ""))  # no text; marks a field's bounds for docx.writer
            elif tag == w("txbxContent"):
                boxes.append(child)
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                kind = "footnote" if tag == w("footnoteReference") else "endnote"
                if (note_id := child.get(w("id"))) is not None:
                    self.note_refs[kind].append(note_id)
            elif tag == _MC_ALT:
                self.inline(_chosen(child), out, boxes)
            elif tag == w("r") and is_hidden(child):
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


def is_hidden(run: etree._Element) -> bool:
    """A run marked w:vanish: the reader drops it, and docx.writer must not edit past it."""
    rpr = run.find(w("rPr"))
    vanish = rpr.find(w("vanish")) if rpr is not None else None
    return vanish is not None and vanish.get(w("val"), "1") not in ("0", "false", "off")


def walk(root: etree._Element, parts: dict[str, etree._Element], *, segments: bool
         ) -> Walker:
    """Body first (text boxes after their anchor paragraph), then the notes in the
    order they are referenced. ``parts`` maps ``docx.reader.named_parts`` names to
    roots; ``segments`` also records each paragraph's ``Segment``s (for docx.writer)."""
    styles, default_style = _read_styles(parts.get("styles"))

    def style_num_id(style_id: str) -> str | None:
        return styles[style_id].num_id if style_id in styles else None

    reader = Walker(styles, default_style, Numbering(parts.get("numbering"), style_num_id))
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

    docx.writer parses the parts itself (keeping every byte it does not edit) and edits
    the very nodes this walk reports, so the writer and the reader cannot disagree
    about which node holds which character. ``parts`` maps ``docx.reader.named_parts``
    names to roots.
    """
    reader = walk(root, parts, segments=True)
    text = "".join(line + "\n" for line in reader.lines)
    return text, reader.paragraphs, reader.segments or []


__all__ = ["DocxParagraph", "Segment", "Walker", "is_hidden", "walk", "walk_parts"]
