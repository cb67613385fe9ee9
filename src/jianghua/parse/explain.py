"""Why each part of a speech is what it is: the cue and the decision behind each node.

``jianghua tree --explain`` and ``jianghua.explain`` show, beside each node, the
grammar terminal that was found and the rule of ``parse/blocks.py`` (or
``parse/edges.py`` for the closing) that gave it its kind, e.g.
``[结束语] ← CLOSING formula, the last part``. The reasons are the ones the parse
itself recorded, not a second reading of the text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from jianghua.parse.blocks import build_blocks
from jianghua.parse.fold import reading_copy, restore_blocks
from jianghua.parse.lines import parse_lines

# Node kinds of the model by the kind of block they are built from.
_NODE_KIND = {"heading": "section"}


@dataclass(frozen=True, slots=True)
class Decision:
    """The decision behind one node: its kind, where it starts, and why."""

    kind: str  # the node's kind: title, salutation, section, agenda_item, enumeration …
    start: int  # offset where the node starts
    line: int  # 1-based line of that offset
    reason: str


def explain(text: str, *, paragraphs: bool = False) -> list[Decision]:
    """The decisions that made the nodes of ``parse(text)``, in document order.
    ``paragraphs``: its lines are a .docx's paragraphs, read as the parse reads them
    (never as a page's wrapped lines)."""
    # Read as the parse reads it: a traditional or pinyin-injected text through its
    # simplified copy (parse/fold.py), offsets then given back in the text as written.
    copy = reading_copy(text, paragraphs=paragraphs)
    lines = parse_lines(copy.text)
    starts = copy.line_starts(text, lines)
    blocks = build_blocks(copy.text, lines)
    if copy.text is not text:
        restore_blocks(blocks, copy, text)
    decisions: list[Decision] = []
    for block in blocks:
        if block.reason:
            decisions.append(Decision(_NODE_KIND.get(block.kind, block.kind), block.start,
                                      _line(starts, block.start), block.reason))
        for enumeration in block.enumerations:
            decisions.append(Decision("enumeration", enumeration.start,
                                      _line(starts, enumeration.start), enumeration.reason))
    return decisions


def explainer(text: str, *, paragraphs: bool = False) -> Callable[[object], str]:
    """A lookup from a node of ``parse(text)`` to the reason it is what it is."""
    by_node = {(d.kind, d.start): d.reason for d in explain(text, paragraphs=paragraphs)}

    def reason(node: object) -> str:
        span = getattr(node, "span", None)
        kind = getattr(node, "kind", "")
        return by_node.get((kind, span.start), "") if span is not None else ""

    return reason


def _line(starts: list[int], offset: int) -> int:
    """The 1-based line of the text as written that ``offset`` falls on."""
    return bisect_right(starts, offset)
