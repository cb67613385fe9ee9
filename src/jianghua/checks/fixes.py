"""Applying fixes: safe, idempotent, and checked against a re-parse.

What a fix may do (the rules only offer these): renumber the ordinals of a run
(JH101–JH103), correct a marker's punctuation (JH202/JH203), turn half-width
punctuation in Chinese context full-width (JH601), replace a curated slip (JH604).

The promises:

* Edits of one pass never overlap (a fix whose edits collide with an already chosen
  one waits for the next pass, as ruff does); no edit touches a line ending, so the
  file keeps its ``\\r\\n``/``\\r``/``\\n``; the caller writes the result back in the
  source's own encoding and BOM (``decode.encode_text``).
* The result re-parses to the same structure: same nodes, kinds, depths, marker
  styles, standalone/run-in, enumerations. A pass whose fixes would change it is
  halved until a safe part is found; a single fix that changes the structure (a
  half-width colon before a digit, ``时间:10:00``, is no sentence stop but ``：`` is)
  is dropped, and reported without a fix.
* Fixing is idempotent: fixing the output again changes nothing (the loop runs until
  no applicable fix is left).
* A .docx (``fix_docx``) is fixed through ``docx.writer``: only the fixes whose every
  edit it can write exactly are applied, each pass is written into the package and
  read back, and the others stay as findings without a fix (``FixResult.skipped``).
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Protocol

from jianghua.checks.diagnostics import Diagnostic, Edit, check_fix
from jianghua.model import Section, Source, Speech, walk
from jianghua.pipeline import parse

MAX_PASSES = 30

Checker = Callable[[Speech, str], list[Diagnostic]]


@dataclass
class FixResult:
    text: str
    #: Number of diagnostics whose fix was applied.
    fixed: int = 0
    #: Codes of fixes that were dropped because they would change the structure.
    rejected: set[str] = field(default_factory=set)
    #: The diagnostics left after fixing (from the last check of the final text).
    remaining: list[Diagnostic] = field(default_factory=list)
    #: Fixable findings the writer could not carry, each with its reason (for a .docx,
    #: a ``docx.writer.SKIP_REASONS`` key); they are in ``remaining`` without a fix.
    skipped: list[tuple[Diagnostic, str]] = field(default_factory=list)
    #: The diagnostics whose fix was applied, pass by pass (``check --show-fixes``).
    applied: list[Diagnostic] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.fixed > 0


class Writer(Protocol):
    """Where the fixed text goes besides the string itself (a .docx package)."""

    def reason(self, edit: Edit) -> str | None:
        """None if ``edit`` of the current text can be written exactly, else why not."""

    def commit(self, edits: list[Edit], text: str) -> None:
        """Write one pass's ``edits``; afterwards the writer holds ``text``."""


def _unwritable(diagnostic: Diagnostic, writer: Writer | None) -> str | None:
    if writer is None or diagnostic.fix is None:
        return None
    return next(filter(None, (writer.reason(e) for e in diagnostic.fix.edits)), None)


def choose_edits(diagnostics: list[Diagnostic]) -> tuple[list[Edit], list[Diagnostic]]:
    """Non-overlapping edits from the fixes of ``diagnostics`` (first come, first
    served in document order; a fix identical to a chosen one counts as applied).

    Sort and sweep: the chosen edits are kept sorted by position, so a new edit is
    compared only with its neighbours there (comparing it with every chosen edit made
    ``--fix`` quadratic: 8,000 one-comma lines took 20 s).
    """
    chosen: list[tuple[int, int]] = []  # (start, end), sorted, pairwise apart
    edit_at: dict[tuple[int, int], Edit] = {}
    chosen_set: set[Edit] = set()
    applied: list[Diagnostic] = []
    for diagnostic in sorted((d for d in diagnostics if d.fix), key=lambda d: d.sort_key):
        check_fix(diagnostic.fix)  # type: ignore[arg-type]
        edits = list(diagnostic.fix.edits)  # type: ignore[union-attr]
        if any("\r" in e.replacement or "\n" in e.replacement for e in edits):
            continue  # never touch line endings
        if all(edit in chosen_set for edit in edits):
            applied.append(diagnostic)
            continue
        fresh = [edit for edit in edits if edit not in chosen_set]
        if any(_collides(edit, chosen, edit_at) for edit in fresh):
            continue
        for edit in fresh:
            key = (edit.start, edit.end)
            bisect.insort(chosen, key)  # an append in the usual document order
            edit_at[key] = edit
        chosen_set.update(fresh)
        applied.append(diagnostic)
    return [edit_at[key] for key in chosen], applied


def _collides(edit: Edit, chosen: list[tuple[int, int]],
              edit_at: dict[tuple[int, int], Edit]) -> bool:
    """Whether ``edit`` overlaps a chosen edit. They are pairwise apart and sorted, so
    only those next to its place in the order can: the one before (ending after it
    starts) and those after it (starting before it ends)."""
    place = bisect.bisect_left(chosen, (edit.start, edit.end))
    for index in range(max(place - 2, 0), len(chosen)):
        start, end = chosen[index]
        if index >= place + 2 and start >= max(edit.end, edit.start + 1):
            break
        if _overlaps(edit, edit_at[(start, end)]):
            return True
    return False


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:  # insertions collide only at the same point
        return a.start == b.start or (b.start < a.start < b.end) or (a.start < b.start < a.end)
    return a.start < b.end and b.start < a.end


def apply_edits(text: str, edits: list[Edit]) -> str:
    """``text`` with ``edits`` (non-overlapping) applied; touches nothing else."""
    out: list[str] = []
    cursor = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < cursor:
            raise ValueError("overlapping edits")
        out.append(text[cursor:edit.start])
        out.append(edit.replacement)
        cursor = edit.end
    out.append(text[cursor:])
    return "".join(out)


def structure(speech: Speech) -> list[tuple]:
    """What a fix must not change: every node's depth and kind, a heading's marker
    style and standalone/run-in reading, the size of each inline enumeration."""
    shape: list[tuple] = []
    for node, depth in walk(speech.nodes):
        if node.kind == "blank":
            continue
        entry: tuple = (depth, node.kind)
        if isinstance(node, Section):
            entry += (node.marker.style.value, node.standalone)
        entry += tuple(len(e.items) for e in getattr(node, "enumerations", ()))
        shape.append(entry)
    return shape


def fix_text(text: str, checker: Checker, *, source: Source | None = None,
             writer: Writer | None = None) -> FixResult:
    """Apply fixes until none is left. ``checker(speech, text)`` returns diagnostics.

    Each pass applies as many fixes as keep the structure: all of them if they can; if
    not, it halves the set (in document order) until it finds a safe part, and a single
    fix that changes the structure is dropped (its rule is listed in ``rejected``).
    With a ``writer``, only fixes it can write are offered, and each pass's edits are
    committed to it (a fix it cannot write is never half-applied).
    """
    result = FixResult(text=text)
    speech = parse(text, source=source)
    diagnostics = checker(speech, text)
    refused: set[tuple] = set()
    for _ in range(MAX_PASSES):
        fixable = [d for d in diagnostics if d.fix and _key(d) not in refused
                   and _unwritable(d, writer) is None]
        if not fixable:
            break
        found = _largest_safe(text, fixable, structure(speech), source, refused, result)
        if found is None:
            break
        text, speech, applied, edits = found
        if writer is not None:
            writer.commit(edits, text)
        result.fixed += len(applied)
        result.applied.extend(applied)
        diagnostics = checker(speech, text)
    result.text = text
    # A refused or unwritable fix is not offered again: the finding stays, without it.
    for diagnostic in diagnostics:
        why = _unwritable(diagnostic, writer)
        if why is not None and _key(diagnostic) not in refused:
            result.skipped.append((diagnostic, why))
        if why is not None or _key(diagnostic) in refused:
            diagnostic = replace(diagnostic, fix=None)
        result.remaining.append(diagnostic)
    return result


def _key(diagnostic: Diagnostic) -> tuple:
    return (diagnostic.code, diagnostic.fix.edits if diagnostic.fix else ())


def _largest_safe(text: str, candidates: list[Diagnostic], before: list[tuple],
                  source: Source | None, refused: set[tuple], result: FixResult):
    """Apply every candidate fix that keeps the structure, in one pass.

    All at once if that is safe; otherwise the set is halved until each unsafe fix
    stands alone and is refused, and the safe halves are kept together. The cost is
    about (unsafe fixes) x log2(candidates) parses, and a pass never leaves safe
    fixes for later (keeping only the first safe half did: on a long draft with
    clock colons a call applied 30 fixes and left 140, and took minutes at 30 KB).
    """
    attempt = _try(text, candidates, before, source)
    if attempt is not None or len(candidates) == 1:
        if attempt is None:
            refused.add(_key(candidates[0]))
            result.rejected.add(candidates[0].code)
        return attempt
    middle = len(candidates) // 2
    left = _largest_safe(text, candidates[:middle], before, source, refused, result)
    right = _largest_safe(text, candidates[middle:], before, source, refused, result)
    if left is None or right is None:
        return left or right
    # Each half is safe alone; together they almost always are too.
    together = _try(text, left[2] + right[2], before, source)
    return together or left


def _try(text: str, diagnostics: list[Diagnostic], before: list[tuple], source: Source | None):
    edits, applied = choose_edits(diagnostics)
    if not edits:
        return None
    candidate = apply_edits(text, edits)
    if candidate == text:
        return None
    speech = parse(candidate, source=source)
    if structure(speech) != before:
        return None
    return candidate, speech, applied, edits


class _DocxWriter:
    """``Writer`` for a .docx: each pass is written into the package and read back."""

    def __init__(self, data: bytes, path: str) -> None:
        from jianghua.docx.writer import DocxEditor

        self.editor = DocxEditor(data, path=path)

    def reason(self, edit: Edit) -> str | None:
        return self.editor.reason(edit)

    def commit(self, edits: list[Edit], text: str) -> None:
        from jianghua.docx.writer import DocxEditor, DocxWriteError

        # Read back by the next pass's editor (one reading, not two): it must hold
        # exactly the text the fix loop computed.
        data, skipped = self.editor.apply(edits, verify=False)
        self.editor = DocxEditor(data, path=self.editor.path)
        if skipped or self.editor.text != text:  # the loop offered only writable edits
            raise DocxWriteError("修复后的 Word 文档与修复后的文字不一致，未写入",
                                 "the fixed document does not match the fixed text; "
                                 "nothing written", path=self.editor.path)


def fix_docx(data: bytes, checker: Checker, *, source: Source | None = None,
             path: str = "<docx>") -> tuple[FixResult, bytes, str]:
    """Fix a .docx package held in memory: the result (its ``text`` is the fixed
    document's text), the fixed package (``data`` itself when nothing was written) and
    the text before fixing. Raises ``JianghuaError`` for a file that cannot be read or
    a package that does not read back as the fixed text (then nothing may be written).
    """
    from jianghua.docx.writer import DocxWriteError
    from jianghua.pipeline import parse_docx, render

    writer = _DocxWriter(data, path)
    before = writer.editor.text
    result = fix_text(before, checker, source=source, writer=writer)
    fixed = writer.editor.data
    # The promise to the user, checked through the public reading path itself.
    if fixed is not data and render(parse_docx(data=fixed, name=path)) != result.text:
        raise DocxWriteError("修复后的 Word 文档读回的文字与预期不同，未写入",
                             "the fixed document does not read back as the fixed text; "
                             "nothing written", path=path)
    return result, fixed, before


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff of two texts; a last line without its line ending is marked the
    way ``diff`` marks it, so the diff applies with ``patch``."""
    name = name.lstrip("/")
    out = []
    for line in difflib.unified_diff(before.splitlines(keepends=True),
                                     after.splitlines(keepends=True),
                                     fromfile=f"a/{name}", tofile=f"b/{name}"):
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)
