"""The outline (提纲) as a tree of JSON nodes, for the page's collapsible 提纲 panel.

Each node is ``{"label", "kind", "line", "children"}``. The labels are the lines of
``jianghua outline`` itself (``outline.outline_lines``, indentation removed), so the
page shows exactly what the command prints; this module only adds what the text
format has no room for: the source line of each entry and the nesting as a tree. The
walk below visits the nodes in the same order and at the same depths as
``outline_lines``; a test keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Iterator

from jianghua.model import (
    Agenda,
    AgendaItem,
    Closing,
    Enumeration,
    Paragraph,
    Salutation,
    Section,
    Speech,
    Title,
    Transition,
)

__all__ = ["outline_entries", "outline_tree"]


def _enumerations(enumerations: list[Enumeration], depth: int) -> Iterator[tuple[int, str, int]]:
    for enumeration in enumerations:
        yield depth, "enumeration", enumeration.span.line


def outline_entries(nodes, depth: int = 0) -> Iterator[tuple[int, str, int]]:
    """(depth, kind, line) for each line ``outline_lines`` prints, in its order."""
    for node in nodes:
        if isinstance(node, Section):
            yield depth, node.kind, node.span.line
            yield from _enumerations(node.enumerations, depth + 1)
            yield from outline_entries(node.body, depth + 1)
            yield from outline_entries(node.children, depth + 1)
        elif isinstance(node, Agenda):
            yield depth, node.kind, node.span.line
            yield from outline_entries(node.body, depth)
            yield from outline_entries(node.items, depth + 1)
        elif isinstance(node, AgendaItem):
            yield depth, node.kind, node.span.line
            yield from outline_entries(node.body, depth + 1)
            yield from outline_entries(node.children, depth + 1)
        elif isinstance(node, (Closing, Title, Salutation, Transition)):
            yield depth, node.kind, node.span.line
            if isinstance(node, Closing):
                yield from _enumerations(node.enumerations, depth)
        elif isinstance(node, Paragraph):
            yield from _enumerations(node.enumerations, depth)


def outline_tree(speech: Speech) -> list[dict]:
    """The outline's entries nested by depth, each with its label and source line."""
    from jianghua.render.outline import INDENT, outline_lines

    roots: list[dict] = []
    stack: list[tuple[int, dict]] = []
    for (depth, kind, line), text in zip(outline_entries(speech.nodes),
                                         outline_lines(speech.nodes), strict=True):
        node = {"label": text[len(INDENT) * depth:], "kind": kind, "line": line,
                "children": []}
        while stack and stack[-1][0] >= depth:
            stack.pop()
        (stack[-1][1]["children"] if stack else roots).append(node)
        stack.append((depth, node))
    return roots
