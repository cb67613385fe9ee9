"""The ``[TAG]`` lines the outline (docs/outline.md) and the rich tree share.

One table, keyed by node kind, so the two renderers cannot drift apart: the tag each
conventional part is shown with, and the text shown after it.
"""

from __future__ import annotations

from jianghua.model import Node

#: Node kind → the tag it is shown with (docs/outline.md). Sections show their marker
#: instead; paragraphs and blank lines are not listed.
TAGS: dict[str, str] = {
    "title": "标题",
    "salutation": "称谓",
    "transition": "过渡",
    "agenda": "议程",
    "agenda_item": "议程项",
    "closing": "结束语",
}
#: An inline enumeration, shown with its number of items.
ENUMERATION_TAG = "列举"


def tag_text(node: Node) -> str:
    """What follows a node's tag: its title, form of address or sentence; for an
    agenda, the number of items it declares (``?`` when it declares none)."""
    kind = node.kind
    if kind == "title":
        return node.title  # type: ignore[union-attr]
    if kind == "salutation":
        return node.salutation  # type: ignore[union-attr]
    if kind == "agenda":
        count = node.declared_count  # type: ignore[union-attr]
        return "?" if count is None else str(count)
    return node.sentence  # type: ignore[union-attr]  # transition, agenda_item, closing
