"""Write text edits back into a .docx, changing only the characters that change.

``jianghua check --fix`` works on the text docx_reader extracts from a Word document
(one paragraph per line, Word's numbering labels written in). This module carries an
edit of that text back into the package:

* Where: the edit's offsets give a paragraph and an offset in the paragraph's own text
  (its label excluded). ``docx_reader.walk_parts`` — the very walk the reader makes, run
  here over part trees this module parsed itself — says which node each character of
  that text came from, so reader and writer cannot disagree.
* How: an edit inside one ``w:t`` changes that element's text only (its run keeps its
  ``w:rPr``); an edit over several runs puts the replacement in the first and removes
  the covered text from the others. ``xml:space="preserve"`` is set whenever a text
  starts or ends with white space, so Word does not trim it. A text box's copy in
  ``mc:Fallback`` gets the same edit, when it is an exact copy.
* What is refused, never guessed (a ``SkippedEdit`` says why): an edit touching a
  numbering label Word draws, a soft break or tab or symbol the reader wrote in as a
  character, math, a field (Word regenerates its result), tracked-change content, a
  data-bound or placeholder content control, hidden or non-text content between the
  runs it spans, or a text box whose fallback copy does not match.
* The package: only the parts holding edited text (``word/document.xml``,
  ``word/footnotes.xml``…) are serialized again, with their original XML declaration
  and namespace declarations; every other member is copied unchanged (same bytes, same
  compression, same order). The result is read back with docx_reader and must give the
  edited text exactly, or nothing is returned.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from lxml import etree

from jianghua.docx_numbering import MC_NS, w
from jianghua.errors import JianghuaError

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_M_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
_MC_CHOICE, _MC_FALLBACK = f"{{{MC_NS}}}Choice", f"{{{MC_NS}}}Fallback"
# The same set docx_reader turns into spaces: a replacement holding one would be read
# back as something else.
_LINE_BREAKS = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# XML 1.0 cannot hold these at all (lxml refuses them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_DECLARATION = re.compile(rb"^(?:\xef\xbb\xbf)?<\?xml[^>]*\?>[ \t\r\n]*")
# What may sit between two runs an edit spans without being text the edit would move
# past: run boundaries and their properties, proofing and bookmark marks, a hyperlink
# or smart tag edge. Anything else (a hidden run, a tracked change, a field character,
# a drawing, a note reference) makes the edit refused.
_BETWEEN_OK = {w(t) for t in ("r", "rPr", "proofErr", "bookmarkStart", "bookmarkEnd",
                              "lastRenderedPageBreak", "hyperlink", "smartTag",
                              "commentRangeStart", "commentRangeEnd", "permStart",
                              "permEnd")}

#: Why an edit was not written: key -> (Chinese, English).
SKIP_REASONS: dict[str, tuple[str, str]] = {
    "label": ("改动落在 Word 自动编号上，请在 Word 中调整编号",
              "it touches a numbering label Word draws; change the numbering in Word"),
    "paragraph": ("改动跨越段落", "it crosses a paragraph boundary"),
    "break": ("改动落在换行符上（读作空格）", "it touches a line break read as a space"),
    "tab": ("改动落在制表符上", "it touches a tab"),
    "symbol": ("改动落在符号或不间断连字符上", "it touches a symbol or non-breaking hyphen"),
    "math": ("改动落在公式中", "it touches an equation"),
    "field": ("改动落在域中（Word 会重新生成域结果）",
              "it touches a field, whose result Word regenerates"),
    "tracked": ("改动落在修订内容中", "it touches tracked-change content"),
    "bound": ("改动落在绑定数据或占位的内容控件中",
              "it touches a data-bound or placeholder content control"),
    "hidden": ("改动跨越了隐藏内容或非文字内容", "it spans hidden or non-text content"),
    "fallback": ("文本框的兼容副本与其内容不一致", "the text box's fallback copy differs"),
    "character": ("替换文字含有 XML 不允许的字符", "the replacement holds a character XML "
                  "cannot carry"),
}


class DocxWriteError(JianghuaError):
    """The edited document would not read back as the edited text: nothing is written."""


@dataclass(frozen=True)
class SkippedEdit:
    """An edit that was not written, and why (a ``SKIP_REASONS`` key)."""

    edit: tuple[int, int, str]
    paragraph: int | None
    reason: str

    @property
    def reason_zh(self) -> str:
        return SKIP_REASONS[self.reason][0]

    @property
    def reason_en(self) -> str:
        return SKIP_REASONS[self.reason][1]


class _Op(NamedTuple):
    """Replace ``element.text[lo:hi]`` with ``new``."""

    element: etree._Element
    lo: int
    hi: int
    new: str


class DocxEditor:
    """One .docx, read for editing: its text as docx_reader reads it, and a map from
    every character of that text back to the node it came from.

    ``reason(edit)`` says whether an edit can be written (None) or why not;
    ``apply(edits)`` returns the edited package and the edits it left out.
    """

    def __init__(self, data: bytes, *, path: str = "<docx>") -> None:
        import docx  # python-docx: only to find the parts the reader reads, by name

        from jianghua.docx_reader import (
            _SAFE_PARSER,
            named_parts,
            read_docx_bytes,
            walk_parts,
        )

        self.data, self.path = data, path
        reading = read_docx_bytes(data, path=path)  # also refuses what is not a sane .docx
        document = docx.Document(io.BytesIO(data))
        members = {"document": document.part.partname.membername}
        members.update((name, part.partname.membername)
                       for name, part in named_parts(document).items())
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            self._raw = {name: zf.read(member) for name, member in members.items()}
        # Parsed here rather than taken from python-docx, whose parser drops the white
        # space between elements: every byte not edited should stay as it was.
        roots = {name: etree.fromstring(raw, _SAFE_PARSER) for name, raw in self._raw.items()}
        self._member_of = {id(root): members[name] for name, root in roots.items()}
        self._roots = roots
        body = roots.pop("document")
        self.text, self.paragraphs, self._segments = walk_parts(body, roots)
        roots["document"] = body
        if self.text != reading.text or [(p.start, p.end, p.label) for p in self.paragraphs] \
                != [(p.start, p.end, p.label) for p in reading.paragraphs]:
            raise DocxWriteError("内部错误：写入时读到的文本与检查时不同",
                                 "internal error: the writer reads other text than the reader",
                                 path=path)
        self._starts = [p.start for p in self.paragraphs]
        self._spent = False
        self._in_field = self._field_flags()

    # ------------------------------------------------------------ planning

    def _field_flags(self) -> list[list[bool]]:
        """Per segment: inside a complex field (between fldChar begin and end)."""
        flags: list[list[bool]] = []
        depth, root_id = 0, None
        for segments in self._segments:
            row = []
            for seg in segments:
                el = seg.element
                rid = id(el.getroottree().getroot())
                if rid != root_id:  # fields never run from one part into another
                    depth, root_id = 0, rid
                if el.tag == w("fldChar"):
                    kind = el.get(w("fldCharType"))
                    if kind == "begin":
                        depth += 1
                    elif kind == "end" and depth:
                        depth -= 1
                row.append(depth > 0)
            flags.append(row)
        return flags

    def reason(self, edit: Sequence) -> str | None:
        """None if ``edit`` (start, end, replacement) can be written, else why not."""
        planned = self._plan(edit)
        return planned[1] if isinstance(planned, tuple) else None

    def _plan(self, edit: Sequence) -> list[_Op] | tuple[int | None, str]:
        start, end, replacement = edit
        if not 0 <= start <= end <= len(self.text) or self.text.find("\n", start, end) >= 0:
            return (None, "paragraph")
        index = bisect_right(self._starts, start) - 1
        if index < 0:
            return (None, "paragraph")
        paragraph = self.paragraphs[index]
        if end > paragraph.end:
            return (index, "paragraph")
        if _LINE_BREAKS.search(replacement):
            return (index, "break")
        if _NOT_XML.search(replacement):
            return (index, "character")
        own_start = paragraph.start + len(paragraph.label)
        lo, hi = start - own_start, end - own_start
        if lo < 0:
            return (index, "label")
        own = self.text[own_start:paragraph.end]
        segments = self._segments[index]
        if lo == hi:
            return self._plan_insertion(index, lo, replacement)
        covered = [k for k, seg in enumerate(segments) if seg.start < hi and seg.end > lo]
        inside = [seg for seg in segments if seg.start == seg.end and lo < seg.start < hi
                  and seg.element.tag != w("t")]
        if inside:  # a page break or a field boundary inside the span
            return (index, "field" if inside[0].element.tag == w("fldChar") else "break")
        ops: list[_Op] = []
        for position, k in enumerate(covered):
            seg = segments[k]
            why = self._unwritable(index, k)
            if why:
                return (index, why)
            a, b = max(lo, seg.start) - seg.start, min(hi, seg.end) - seg.start
            if (seg.element.text or "")[a:b] != own[seg.start + a:seg.start + b]:
                return (index, "break")  # a line-separator character read as a space
            new = replacement if position == 0 else ""
            ops.append(_Op(seg.element, a, b, new))
            if position and not _adjacent(segments[covered[position - 1]].element,
                                          seg.element):
                return (index, "hidden")
        return self._with_mirrors(index, ops)

    def _plan_insertion(self, index: int, at: int, replacement: str
                        ) -> list[_Op] | tuple[int | None, str]:
        """An insertion goes into the text it continues (as typing does in Word), else
        into the text it precedes."""
        segments = self._segments[index]
        text_segments = [(k, s) for k, s in enumerate(segments) if s.start < s.end]
        chosen = (next((k for k, s in text_segments if s.start < at <= s.end), None)
                  if at > 0 else None)
        if chosen is None:
            chosen = next((k for k, s in text_segments if s.start == at), None)
        if chosen is None:
            return (index, "hidden")
        why = self._unwritable(index, chosen)
        if why:
            return (index, why)
        seg = segments[chosen]
        offset = at - seg.start
        return self._with_mirrors(index, [_Op(seg.element, offset, offset, replacement)])

    def _unwritable(self, index: int, k: int) -> str | None:
        el = self._segments[index][k].element
        tag = el.tag
        if tag == _M_T:
            return "math"
        if tag in (w("tab"), w("ptab")):
            return "tab"
        if tag in (w("br"), w("cr")):
            return "break"
        if tag in (w("sym"), w("noBreakHyphen")):
            return "symbol"
        if tag != w("t"):
            return "field" if tag == w("fldChar") else "symbol"
        if self._in_field[index][k]:
            return "field"
        for ancestor in el.iterancestors():
            if ancestor.tag in (w("ins"), w("moveTo")):
                return "tracked"
            if ancestor.tag == w("fldSimple"):
                return "field"
            if ancestor.tag == w("sdt"):
                props = ancestor.find(w("sdtPr"))
                if props is not None and (props.find(w("dataBinding")) is not None
                                          or props.find(w("showingPlcHdr")) is not None):
                    return "bound"
        return None

    def _with_mirrors(self, index: int, ops: list[_Op]) -> list[_Op] | tuple[int | None, str]:
        out = list(ops)
        for op in ops:
            mirror = _mirror(op.element)
            if mirror is False:
                return (index, "fallback")
            if mirror is not None:
                out.append(op._replace(element=mirror))
        return out

    # ------------------------------------------------------------ writing

    def apply(self, edits: Sequence[Sequence], *, verify: bool = True
              ) -> tuple[bytes, list[SkippedEdit]]:
        """The package with every writable edit applied, and the edits left out.

        Edits are (start, end, replacement) in offsets of ``self.text`` and must not
        overlap. Raises ``DocxWriteError`` if the result does not read back as the text
        with exactly the written edits applied (``verify=False``: the caller reads it
        back itself). May be called once per editor: it edits the parsed trees.
        """
        from jianghua.docx_reader import read_docx_bytes

        if self._spent:  # the segments describe the trees before the first apply
            raise RuntimeError("DocxEditor.apply may be called once")
        self._spent = True
        ordered = sorted(((int(e[0]), int(e[1]), str(e[2])) for e in edits),
                         key=lambda e: (e[0], e[1]))
        for before, after in pairwise(ordered):
            # Two insertions at one point have no order between them either.
            if after[0] < before[1] or (after[0] == after[1] == before[0] == before[1]):
                raise ValueError("overlapping edits")
        skipped: list[SkippedEdit] = []
        written: list[tuple[int, int, str]] = []
        ops: list[_Op] = []
        for edit in ordered:
            planned = self._plan(edit)
            if isinstance(planned, tuple):
                skipped.append(SkippedEdit(edit, planned[0], planned[1]))
                continue
            written.append(edit)
            ops.extend(planned)
        if not ops:
            return self.data, skipped
        changed: set[str] = set()
        by_element: dict[int, list[_Op]] = {}
        for op in ops:
            by_element.setdefault(id(op.element), []).append(op)
        for group in by_element.values():
            el = group[0].element
            text = el.text or ""
            # Right to left, so the offsets of the ops still to apply stay valid.
            for op in sorted(group, key=lambda o: (o.lo, o.hi), reverse=True):
                text = text[:op.lo] + op.new + text[op.hi:]
            el.text = text
            if text != text.strip(" \t\r\n"):
                el.set(_XML_SPACE, "preserve")
            changed.add(self._member_of[id(el.getroottree().getroot())])
        replaced = {}
        for name, root in self._roots.items():
            member = self._member_of[id(root)]
            if member in changed:
                replaced[member] = _serialize(root, self._raw[name])
        data = _rezip(self.data, replaced)
        expected = _apply(self.text, written) if verify else ""
        if verify and read_docx_bytes(data, path=self.path).text != expected:
            raise DocxWriteError("修复后的 Word 文档读回的文字与预期不同，未写入",
                                 "the fixed document does not read back as the fixed "
                                 "text; nothing written", path=self.path)
        return data, skipped


def apply_text_edits(data: bytes, paragraphs_map: Sequence, edits: Sequence[Sequence], *,
                     path: str = "<docx>") -> tuple[bytes, list[SkippedEdit]]:
    """Apply text edits — (start, end, replacement) in offsets of the text docx_reader
    extracts — to the .docx ``data``; returns the new package and the skipped edits.

    ``paragraphs_map`` is the paragraph list the edits were computed against
    (``DocxText.paragraphs`` or ``Speech.paragraphs``): if the document does not map
    the same way, the edits belong to another reading and nothing is applied.
    """
    editor = DocxEditor(data, path=path)
    ours = [p.label for p in editor.paragraphs]
    theirs = [p.label for p in paragraphs_map]
    if ours != theirs or any(getattr(q, "start", p.start) != p.start
                             for p, q in zip(editor.paragraphs, paragraphs_map, strict=True)):
        raise DocxWriteError("段落对应关系与文档不符", "the paragraph map does not match the "
                             "document", path=path)
    return editor.apply(edits)


# ---------------------------------------------------------------- helpers


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out, cursor = [], 0
    for start, end, replacement in edits:
        out.append(text[cursor:start])
        out.append(replacement)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def _adjacent(first: etree._Element, second: etree._Element) -> bool:
    """Nothing but run boundaries and marks between two text elements of one paragraph
    (else the edit would move text past something hidden, tracked or not text)."""
    paragraph = next(first.iterancestors(w("p")), None)
    if paragraph is None or paragraph is not next(second.iterancestors(w("p")), None):
        return False
    between = False
    for node in paragraph.iter():
        if node is first:
            between = True
            continue
        if node is second:
            return True
        if not between or not isinstance(node.tag, str) or node.tag in _BETWEEN_OK:
            continue
        if node.tag == w("t") and not node.text and not _hidden_run(node.getparent()):
            continue  # an empty text, e.g. one an earlier fix emptied
        if next(node.iterancestors(w("rPr")), None) is None:
            return False
    return False


def _hidden_run(run: etree._Element | None) -> bool:
    from jianghua.docx_reader import _hidden

    return run is not None and run.tag == w("r") and _hidden(run)


def _mirror(el: etree._Element) -> etree._Element | bool | None:
    """The copy of ``el`` in its ``mc:Fallback``: None when there is no copy to keep in
    step, False when there is one but it is not an exact copy."""
    choices = list(el.iterancestors(_MC_CHOICE))
    if not choices:
        return None
    if len(choices) > 1:  # a text box in a text box: two fallbacks to keep in step
        return False
    choice = choices[0]
    alternate = choice.getparent()
    fallback = alternate.find(_MC_FALLBACK) if alternate is not None else None
    if fallback is None:
        return None
    # Anchor on the text box content (its markup is the same in both branches; the
    # shapes around it are not), else on the branch itself.
    source: etree._Element = choice
    target: etree._Element = fallback
    for ancestor in el.iterancestors():
        if ancestor is choice:
            break
        if ancestor.tag == w("txbxContent"):
            boxes = list(choice.iter(w("txbxContent")))
            copies = list(fallback.iter(w("txbxContent")))
            k = next(i for i, box in enumerate(boxes) if box is ancestor)
            if k >= len(copies) or len(boxes) != len(copies):
                return False
            source, target = ancestor, copies[k]
            break
    if [t.text for t in source.iter(w("t"))] != [t.text for t in target.iter(w("t"))]:
        return False
    path = []
    node = el
    while node is not source:
        parent = node.getparent()
        path.append(parent.index(node))
        node = parent
    for i in reversed(path):
        if i >= len(target):
            return False
        target = target[i]
    if target.tag != el.tag or target.text != el.text:
        return False
    return target


def _serialize(root: etree._Element, original: bytes) -> bytes:
    """The part again, with the declaration it had (quotes, standalone, the line break
    after it) byte for byte; lxml keeps the namespace declarations where they were.
    (Text lxml re-encodes: a character reference such as ``&#21315;`` comes out as the
    UTF-8 character, the same text.)"""
    tree = root.getroottree()
    encoding = tree.docinfo.encoding or "UTF-8"
    if encoding.upper().replace("_", "-") not in ("UTF-8", "UTF8"):
        return etree.tostring(tree, xml_declaration=True, encoding=encoding,
                              standalone=tree.docinfo.standalone)
    match = _DECLARATION.match(original)
    head = match.group(0) if match else b""
    # The parser keeps no white space outside the root element; put back what ended
    # the part (a pretty-printer's final line break).
    end = original[len(original.rstrip(b" \t\r\n")):]
    body = etree.tostring(tree, encoding="UTF-8", xml_declaration=False)
    return head + body.rstrip(b" \t\r\n") + end


def _strip_zip64(extra: bytes) -> bytes:
    """The extra field without a ZIP64 record (zipfile writes its own when needed)."""
    out, i = b"", 0
    while i + 4 <= len(extra):
        kind = int.from_bytes(extra[i:i + 2], "little")
        size = int.from_bytes(extra[i + 2:i + 4], "little")
        if kind != 0x0001:
            out += extra[i:i + 4 + size]
        i += 4 + size
    return out


def _rezip(data: bytes, replaced: dict[str, bytes]) -> bytes:
    """The package with ``replaced`` members swapped in; every member, in the same order,
    with the same compression, dates and attributes, the others with the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        dst.comment = src.comment
        for info in src.infolist():
            blob = replaced.get(info.filename)
            if blob is None:
                blob = src.read(info)
            try:
                clone = zipfile.ZipInfo(info.filename, info.date_time)
            except ValueError:  # a date zipfile will not write (before 1980)
                clone = zipfile.ZipInfo(info.filename)
            clone.compress_type = info.compress_type
            clone.comment = info.comment
            clone.create_system = info.create_system
            clone.external_attr = info.external_attr
            clone.internal_attr = info.internal_attr
            clone.extra = _strip_zip64(info.extra)
            with warnings.catch_warnings():  # a duplicate name is kept, as it was
                warnings.simplefilter("ignore", UserWarning)
                dst.writestr(clone, blob)
    return out.getvalue()


__all__ = ["SKIP_REASONS", "DocxEditor", "DocxWriteError", "SkippedEdit", "apply_text_edits"]
