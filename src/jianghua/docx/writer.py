"""Write text edits back into a .docx, changing only the characters that change.

``jianghua check --fix`` works on the text docx.reader extracts from a Word document
(one paragraph per line, Word's numbering labels written in). This module carries an
edit of that text back into the package, in three steps, each in its own module:

* Map: ``docx.walk.walk_parts`` — the very walk the reader makes, run here over part
  trees this module parsed itself — says which node each character of that text came
  from, so reader and writer cannot disagree.
* Plan (``docx_edit_plan``): each edit becomes changes to the text of those nodes, or
  is refused, never guessed; a ``SkippedEdit`` says why (``SKIP_REASONS``).
* Apply (here): the planned changes are made to the trees; ``xml:space="preserve"`` is
  set whenever a text starts or ends with white space, so Word does not trim it.
* Package (``docx_repack``): only the parts holding edited text (``word/document.xml``,
  ``word/footnotes.xml``…) are serialized again, with their original XML declaration
  and namespace declarations; every other member is copied unchanged (same bytes, same
  compression, same order). The result is read back with docx.reader and must give the
  edited text exactly, or nothing is returned.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from lxml import etree

from jianghua.docx.edit_plan import EditPlanner, Op
from jianghua.docx.repack import rezip

# Called under this name, looked up here at each call, so that a test can make the
# written XML lose a character and see the read-back check refuse the package.
from jianghua.docx.repack import serialize_part as _serialize
from jianghua.errors import JianghuaError

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

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


class DocxEditor:
    """One .docx, read for editing: its text as docx.reader reads it, and a map from
    every character of that text back to the node it came from.

    ``reason(edit)`` says whether an edit can be written (None) or why not;
    ``apply(edits)`` returns the edited package and the edits it left out.
    """

    def __init__(self, data: bytes, *, path: str = "<docx>") -> None:
        import docx  # python-docx: only to find the parts the reader reads, by name

        from jianghua.docx.reader import SAFE_PARSER, named_parts, read_docx_bytes
        from jianghua.docx.walk import walk_parts

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
        roots = {name: etree.fromstring(raw, SAFE_PARSER) for name, raw in self._raw.items()}
        self._member_of = {id(root): members[name] for name, root in roots.items()}
        self._roots = roots
        body = roots.pop("document")
        self.text, self.paragraphs, segments = walk_parts(body, roots)
        roots["document"] = body
        if self.text != reading.text or [(p.start, p.end, p.label) for p in self.paragraphs] \
                != [(p.start, p.end, p.label) for p in reading.paragraphs]:
            raise DocxWriteError("内部错误：写入时读到的文本与检查时不同",
                                 "internal error: the writer reads other text than the reader",
                                 path=path)
        self._planner = EditPlanner(self.text, self.paragraphs, segments)
        self._spent = False

    def reason(self, edit: Sequence) -> str | None:
        """None if ``edit`` (start, end, replacement) can be written, else why not."""
        planned = self._planner.plan(edit)
        return planned[1] if isinstance(planned, tuple) else None

    def apply(self, edits: Sequence[Sequence], *, verify: bool = True
              ) -> tuple[bytes, list[SkippedEdit]]:
        """The package with every writable edit applied, and the edits left out.

        Edits are (start, end, replacement) in offsets of ``self.text`` and must not
        overlap. Raises ``DocxWriteError`` if the result does not read back as the text
        with exactly the written edits applied (``verify=False``: the caller reads it
        back itself). May be called once per editor: it edits the parsed trees.
        """
        from jianghua.docx.reader import read_docx_bytes

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
        ops: list[Op] = []
        for edit in ordered:
            planned = self._planner.plan(edit)
            if isinstance(planned, tuple):
                skipped.append(SkippedEdit(edit, planned[0], planned[1]))
                continue
            written.append(edit)
            ops.extend(planned)
        if not ops:
            return self.data, skipped
        changed: set[str] = set()
        by_element: dict[int, list[Op]] = {}
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
        data = rezip(self.data, replaced)
        expected = _apply(self.text, written) if verify else ""
        if verify and read_docx_bytes(data, path=self.path).text != expected:
            raise DocxWriteError("修复后的 Word 文档读回的文字与预期不同，未写入",
                                 "the fixed document does not read back as the fixed "
                                 "text; nothing written", path=self.path)
        return data, skipped


def apply_text_edits(data: bytes, paragraphs_map: Sequence, edits: Sequence[Sequence], *,
                     path: str = "<docx>") -> tuple[bytes, list[SkippedEdit]]:
    """Apply text edits — (start, end, replacement) in offsets of the text docx.reader
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


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with ``edits`` (sorted, not overlapping) applied: what the written
    package must read back as."""
    out, cursor = [], 0
    for start, end, replacement in edits:
        out.append(text[cursor:start])
        out.append(replacement)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


__all__ = ["SKIP_REASONS", "DocxEditor", "DocxWriteError", "SkippedEdit", "apply_text_edits"]
