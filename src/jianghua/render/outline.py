"""Renderer: a ``Speech`` → its outline (提纲), one node per line.

The format is documented in docs/outline.md: two spaces per depth level, headings as
``<marker> <title>``, the conventional parts as ``[TAG] text``; body paragraphs and
blank lines are not listed.
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

INDENT = "  "


def _heading_line(section: Section) -> str:
    return f"{section.marker.raw} {section.title}" if section.title else section.marker.raw


def _enumerations(enumerations: list[Enumeration], depth: int) -> Iterator[str]:
    for enumeration in enumerations:
        yield f"{INDENT * depth}[列举] {len(enumeration.items)}"


def outline_lines(nodes, depth: int = 0) -> Iterator[str]:
    pad = INDENT * depth
    for node in nodes:
        if isinstance(node, Section):
            yield pad + _heading_line(node)
            yield from _enumerations(node.enumerations, depth + 1)
            yield from outline_lines(node.body, depth + 1)
            yield from outline_lines(node.children, depth + 1)
        elif isinstance(node, Agenda):
            count = node.declared_count if node.declared_count is not None else "?"
            yield f"{pad}[议程] {count}"
            yield from outline_lines(node.body, depth)
            yield from outline_lines(node.items, depth + 1)
        elif isinstance(node, AgendaItem):
            yield f"{pad}[议程项] {node.sentence}"
            yield from outline_lines(node.body, depth + 1)
            yield from outline_lines(node.children, depth + 1)
        elif isinstance(node, Closing):
            yield f"{pad}[结束语] {node.sentence}"
        elif isinstance(node, Title):
            yield f"{pad}[标题] {node.title}"
        elif isinstance(node, Salutation):
            yield f"{pad}[称谓] {node.salutation}"
        elif isinstance(node, Transition):
            yield f"{pad}[过渡] {node.sentence}"
        elif isinstance(node, Paragraph):
            yield from _enumerations(node.enumerations, depth)


def render_outline(speech: Speech) -> str:
    """The outline text, ``\\n``-terminated (empty string for a speech with no nodes)."""
    lines = list(outline_lines(speech.nodes))
    return "".join(line + "\n" for line in lines)
