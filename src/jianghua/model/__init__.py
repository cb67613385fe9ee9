"""The typed result of parsing a speech: pydantic v2 models, discriminated by ``kind``.

Two promises hold for every ``Speech`` (and are enforced by the validators, so a
hand-edited JSON that breaks them is rejected with a message naming the node):

* **Lossless.** Every character of the input belongs to exactly one *piece*: the
  ``text`` + ``eol`` of a leaf node, or of the head of a container (a section, an
  agenda, an agenda item, a closing). Walking the tree in document order and
  concatenating the pieces gives back the input exactly (``render.render_text``).
  A paragraph is split into several pieces only where a structural unit starts
  inside it (a heading glued after a lead-in, the transition sentence at the end of
  an opening paragraph); such a piece has ``eol == ""``.
* **Spans.** Every node has a ``Span`` (code-point offsets into the decoded text,
  1-based line and column). Pieces tile the text in order; a container's span runs
  from its head to its last descendant; inline parts (markers, enumeration items) lie
  inside the piece that holds them.

Rules and renderers work on these models only; the Lark tree never leaves the parser.
"""

from __future__ import annotations

from jianghua.model.marks import STANDALONE_RANK, DeclaredCount, Marker, MarkerStyle, Span
from jianghua.model.nodes import (
    Agenda,
    AgendaItem,
    Blank,
    BodyNode,
    Closing,
    Enumeration,
    EnumerationItem,
    HeadingHints,
    Node,
    Paragraph,
    Salutation,
    Section,
    SectionBodyNode,
    SectionChild,
    Title,
    TopNode,
    Transition,
)
from jianghua.model.speech import (
    READABLE_SCHEMA_VERSIONS,
    SCHEMA_VERSION,
    Source,
    SourceParagraph,
    Speech,
)
from jianghua.walk import NESTED, walk, walk_tree

__all__ = [
    "NESTED", "READABLE_SCHEMA_VERSIONS", "SCHEMA_VERSION", "STANDALONE_RANK", "Agenda",
    "AgendaItem", "Blank", "BodyNode", "Closing", "DeclaredCount", "Enumeration",
    "EnumerationItem", "HeadingHints", "Marker", "MarkerStyle", "Node", "Paragraph",
    "Salutation", "Section", "SectionBodyNode", "SectionChild", "Source", "SourceParagraph",
    "Span", "Speech", "Title", "TopNode", "Transition", "walk", "walk_tree",
]
