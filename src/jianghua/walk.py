"""The one walk over a speech's tree, in document order.

A node, then its ``body``, agenda ``items`` and ``children``: the order its pieces have
in the text, so concatenating ``text`` + ``eol`` along it gives the input back. Every
consumer that visits every node (rendering the text, validating positions, counting
headings, a check's index of enclosing sections, the .docx hints) walks here rather
than recursing by hand (issue 8 counted seven such walks). Duck-typed over the models
of ``jianghua.model``, which re-exports it, so neither module imports the other's
internals at load time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jianghua.model import Node

__all__ = ["NESTED", "check_positions", "walk", "walk_tree"]


#: The fields that hold nested nodes, in document order (a node's own text comes first).
NESTED = ("body", "items", "children")


def walk_tree(nodes: Iterable[Any], parent: Node | None = None, depth: int = 0
              ) -> Iterator[tuple[Node, Node | None, int]]:
    """Every node under ``nodes`` with its parent node (``None`` at the top) and depth,
    in document order (a node, then its body, agenda items and children): the order
    its pieces have in the text. The one tree walk; ``walk`` drops the parent."""
    for node in nodes:
        yield node, parent, depth
        # A model's field dict (several times faster than getattr), or the node itself
        # in the plain-dict tree of ``parse_data``.
        fields = node if type(node) is dict else node.__dict__
        for name in NESTED:
            nested = fields.get(name)
            if nested:
                yield from walk_tree(nested, node, depth + 1)


def walk(nodes: Iterable[Any], depth: int = 0) -> Iterator[tuple[Node, int]]:
    """Every node under ``nodes`` with its depth, in document order (see ``walk_tree``)."""
    for node, _, level in walk_tree(nodes, None, depth):
        yield node, level


def check_positions(nodes: list) -> None:
    """Each node's line/column must be where its text really starts.

    Walks the pieces in document order, counting line breaks (\\r\\n, \\r, \\n)
    in the text they hold, so a hand-edited span that points elsewhere is caught.
    """
    line, column = 1, 1
    for node, _ in walk(nodes):
        if (node.span.line, node.span.column) != (line, column):
            raise ValueError(
                f"{node.kind} at offset {node.span.start} claims line {node.span.line} "
                f"column {node.span.column}, but its text starts at line {line} column {column}"
            )
        for piece in (node.text, node.eol):
            breaks = piece.count("\n") + piece.count("\r") - piece.count("\r\n")
            if breaks:
                line += breaks
                tail = max(piece.rfind("\n"), piece.rfind("\r"))
                column = len(piece) - tail
            else:
                column += len(piece)
