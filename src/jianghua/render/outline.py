"""Renderer: a ``Speech`` → its outline (提纲), one node per line.

The format is documented in docs/outline.md: two spaces per depth level, headings as
``<marker> <title>``, the conventional parts as ``[TAG] text``; body paragraphs and
blank lines are not listed.
"""

from __future__ import annotations

from collections.abc import Iterator

from jianghua.model import Enumeration, Section, Speech
from jianghua.render.tags import ENUMERATION_TAG, TAGS, tag_text

INDENT = "  "

#: Node kind → its nested lists and how much deeper each is indented. An agenda's own
#: body stays at its level and its steps go one deeper; of a closing's body (text after
#: the closing sentence) only the lists inside its paragraphs are outlined, at its level.
_NESTING: dict[str, tuple[tuple[str, int], ...]] = {
    "section": (("body", 1), ("children", 1)),
    "agenda": (("body", 0), ("items", 1)),
    "agenda_item": (("body", 1), ("children", 1)),
}


def _heading_line(section: Section) -> str:
    return f"{section.marker.raw} {section.title}" if section.title else section.marker.raw


def _enumerations(enumerations: list[Enumeration], depth: int) -> Iterator[str]:
    for enumeration in enumerations:
        yield f"{INDENT * depth}[{ENUMERATION_TAG}] {len(enumeration.items)}"


def outline_lines(nodes, depth: int = 0) -> Iterator[str]:
    pad = INDENT * depth
    for node in nodes:
        kind = node.kind
        if kind == "section":
            yield pad + _heading_line(node)
            yield from _enumerations(node.enumerations, depth + 1)
        elif kind == "paragraph":
            yield from _enumerations(node.enumerations, depth)
        elif kind in TAGS:
            yield f"{pad}[{TAGS[kind]}] {tag_text(node)}"
            if kind == "closing":  # its paragraphs' lists sit where they sit (OUTLINE)
                yield from _enumerations(node.enumerations, depth)
                for child in node.body:
                    if child.kind == "paragraph":
                        yield from _enumerations(child.enumerations, depth)
        for name, deeper in _NESTING.get(kind, ()):
            yield from outline_lines(getattr(node, name), depth + deeper)


def render_outline(speech: Speech) -> str:
    """The outline text, ``\\n``-terminated (empty string for a speech with no nodes)."""
    lines = list(outline_lines(speech.nodes))
    return "".join(line + "\n" for line in lines)
