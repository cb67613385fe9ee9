"""Plan a text edit on a .docx: which nodes it changes, or why it cannot be written.

docx.writer maps the text docx.reader extracts back into the part trees with
``docx.walk.walk_parts``, which gives, per paragraph, the node each character came from
(``Segment``). This module turns one edit (start, end, replacement) of that text into
``Op``s on those nodes:

* Where: the edit's offsets give a paragraph and an offset in the paragraph's own text
  (its label excluded), and the segments there give the nodes.
* How: an edit inside one ``w:t`` changes that element's text only (its run keeps its
  ``w:rPr``); an edit over several runs puts the replacement in the first and removes
  the covered text from the others; an insertion goes into the text it continues. A
  text box's copy in ``mc:Fallback`` gets the same op, when it is an exact copy.
* What is refused, never guessed: an edit touching a numbering label Word draws, a soft
  break or tab or symbol the reader wrote in as a character, math, a field (Word
  regenerates its result), tracked-change content, a data-bound or placeholder content
  control, hidden or non-text content between the runs it spans, or a text box whose
  fallback copy does not match. The refusal is a reason key, explained to the user by
  ``docx.writer.SKIP_REASONS``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from lxml import etree

from jianghua.docx.numbering import MC_NS, w
from jianghua.docx.walk import DocxParagraph, Segment, is_hidden

_M_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
_MC_CHOICE, _MC_FALLBACK = f"{{{MC_NS}}}Choice", f"{{{MC_NS}}}Fallback"
# The same set docx.reader turns into spaces: a replacement holding one would be read
# back as something else.
_LINE_BREAKS = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# XML 1.0 cannot hold these at all (lxml refuses them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

# What may sit between two runs an edit spans without being text the edit would move
# past: run boundaries and their properties, proofing and bookmark marks, a hyperlink
# or smart tag edge. Anything else (a hidden run, a tracked change, a field character,
# a drawing, a note reference) makes the edit refused.
_BETWEEN_OK = {w(t) for t in ("r", "rPr", "proofErr", "bookmarkStart", "bookmarkEnd",
                              "lastRenderedPageBreak", "hyperlink", "smartTag",
                              "commentRangeStart", "commentRangeEnd", "permStart",
                              "permEnd")}


class Op(NamedTuple):
    """Replace ``element.text[lo:hi]`` with ``new``."""

    element: etree._Element
    lo: int
    hi: int
    new: str


#: A planned edit: the ops that write it, or (paragraph index or None, reason key).
Plan = list[Op] | tuple[int | None, str]


class EditPlanner:
    """Plans edits over one reading of a document: its text, its paragraphs, and per
    paragraph the segments of its own text (all from ``walk_parts``)."""

    def __init__(self, text: str, paragraphs: list[DocxParagraph],
                 segments: list[list[Segment]]) -> None:
        self.text, self.paragraphs, self._segments = text, paragraphs, segments
        self._starts = [p.start for p in paragraphs]
        self._in_field = _field_flags(segments)

    def plan(self, edit: Sequence) -> Plan:
        """The ops that write ``edit`` (start, end, replacement), or why it cannot be
        written."""
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
        ops: list[Op] = []
        for position, k in enumerate(covered):
            seg = segments[k]
            why = self._unwritable(index, k)
            if why:
                return (index, why)
            a, b = max(lo, seg.start) - seg.start, min(hi, seg.end) - seg.start
            if (seg.element.text or "")[a:b] != own[seg.start + a:seg.start + b]:
                return (index, "break")  # a line-separator character read as a space
            new = replacement if position == 0 else ""
            ops.append(Op(seg.element, a, b, new))
            if position and not _adjacent(segments[covered[position - 1]].element,
                                          seg.element):
                return (index, "hidden")
        return self._with_mirrors(index, ops)

    def _plan_insertion(self, index: int, at: int, replacement: str) -> Plan:
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
        return self._with_mirrors(index, [Op(seg.element, offset, offset, replacement)])

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

    def _with_mirrors(self, index: int, ops: list[Op]) -> Plan:
        out = list(ops)
        for op in ops:
            mirror = _mirror(op.element)
            if mirror is False:
                return (index, "fallback")
            if mirror is not None:
                out.append(op._replace(element=mirror))
        return out


def _field_flags(paragraphs: list[list[Segment]]) -> list[list[bool]]:
    """Per segment: inside a complex field (between fldChar begin and end)."""
    flags: list[list[bool]] = []
    depth, root_id = 0, None
    for segments in paragraphs:
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
    return run is not None and run.tag == w("r") and is_hidden(run)


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


__all__ = ["EditPlanner", "Op", "Plan"]
