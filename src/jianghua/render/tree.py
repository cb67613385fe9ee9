"""Renderer: a ``Speech`` → a ``rich`` tree that reads like the speech's outline (提纲).

Same nodes, same nesting as ``outline.py`` (headings with their marker, the
conventional parts as ``[TAG]`` lines, in-paragraph enumerations as ``[列举] N``), with
the source line of each node and one style per kind. Body paragraphs appear only with
``body=True``, as a short summary; blank lines never do.

Every label is a ``rich.text.Text`` built with ``append``: the speech's own words are
never parsed as console markup, so a title containing ``[bold]`` or ``[1]`` prints as
written. Control characters in the text are shown as visible symbols (a stray ESC must
not drive the terminal).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.containers import Lines
from rich.text import Text
from rich.tree import Tree

from jianghua.model import Enumeration, Node, Paragraph, Section, Speech
from jianghua.render.tags import ENUMERATION_TAG, TAGS, tag_text

if TYPE_CHECKING:
    from rich.console import Console, JustifyMethod, OverflowMethod

__all__ = ["FoldingText", "speech_tree", "truncate_cells"]

#: Cells of a body paragraph shown with ``body=True`` (about 20 CJK characters).
SUMMARY_CELLS = 40

# Section markers cycle through these by depth, so sibling levels are told apart at a
# glance even where two levels use similar markers (一是 under 一、).
_SECTION_STYLES = ("bold blue", "bold cyan", "bold green", "bold magenta", "bold yellow")
_STYLE = {
    "title": "bold",
    "salutation": "cyan",
    "agenda": "bold yellow",
    "agenda_item": "yellow",
    "transition": "green",
    "enumeration": "magenta",
    "closing": "bold red",
    "paragraph": "dim",
    "line": "dim",
    "reason": "dim italic",
}
# The decision behind a node, for ``--explain`` (jianghua.parse.explain.explainer).
Explain = Callable[[object], str]


def _visible(text: str) -> str:
    """``text`` with C0/C1 controls replaced by visible stand-ins (tab by a space)."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\t":
            out.append(" ")
        elif code < 0x20:
            out.append(chr(0x2400 + code))  # ␀ … ␟, the Unicode control pictures
        elif code == 0x7F:
            out.append("\u2421")  # ␡
        elif 0x80 <= code < 0xA0 or ch in "\u2028\u2029":
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def truncate_cells(text: str, max_cells: int, *, ellipsis: str = "…") -> str:
    """``text`` cut to at most ``max_cells`` terminal cells, ``ellipsis`` marking a cut.

    CJK characters are two cells wide (``rich.cells.cell_len``), so cutting by
    characters would make Chinese summaries twice as wide as Latin ones.
    """
    if cell_len(text) <= max_cells:
        return text
    room = max(max_cells - cell_len(ellipsis), 0)
    used = 0
    for index, ch in enumerate(text):
        width = cell_len(ch)
        if used + width > room:
            return text[:index] + ellipsis
        used += width
    return text + ellipsis  # pragma: no cover - only when the ellipsis is wider than the cut


# A line may not start with closing punctuation (the basic rule of Chinese line
# breaking, 避头点): the break moves one character back instead.
_NO_LINE_START = frozenset("，。、；：！？）》」』”’】〕…—,.;:!?)]}%")


def _fold_offsets(text: str, width: int) -> list[int]:
    """Where to break ``text`` so that no line exceeds ``width`` cells.

    rich breaks only at white space, so a Chinese sentence (one long "word") after a
    marker is pushed whole onto the next line; Chinese is broken between any two
    characters instead, and a Latin word only at white space when it can be.
    """
    offsets: list[int] = []
    start = used = 0
    last_opportunity = 0
    for index, ch in enumerate(text):
        width_ch = cell_len(ch)
        if index > start and ch not in _NO_LINE_START and (
            width_ch > 1 or cell_len(text[index - 1]) > 1 or text[index - 1].isspace()
        ):
            last_opportunity = index
        if used + width_ch > width and index > start:
            cut = last_opportunity if last_opportunity > start else index
            offsets.append(cut)
            start = cut
            used = cell_len(text[cut:index])
        used += width_ch
    return offsets


class FoldingText(Text):
    """``Text`` that wraps like Chinese text: between any two CJK characters."""

    def wrap(self, console: Console, width: int, *, justify: JustifyMethod | None = None,
             overflow: OverflowMethod | None = None, tab_size: int = 8,
             no_wrap: bool | None = None) -> Lines:
        if no_wrap or self.no_wrap or overflow == "ignore":
            return super().wrap(console, width, justify=justify, overflow=overflow,
                                tab_size=tab_size, no_wrap=no_wrap)
        wrap_justify = justify or self.justify or "default"
        wrap_overflow = overflow or self.overflow or "fold"
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            new_lines = line.divide(_fold_offsets(line.plain, width))
            for part in new_lines:
                part.rstrip_end(width)
            new_lines.justify(console, width, justify=wrap_justify, overflow=wrap_overflow)
            for part in new_lines:
                part.truncate(width, overflow=wrap_overflow)
            lines.extend(new_lines)
        return lines


def _label(tag: str | None, style: str, text: str = "", *, line: int | None = None,
           count: int | None = None) -> Text:
    label = FoldingText()
    if tag is not None:
        label.append(f"[{tag}]", style=style)
        if text:
            label.append(" ")
    if text:
        label.append(_visible(text), style=None if tag is not None else style)
    if count is not None:
        label.append(f" ({count})", style=style)
    if line is not None:
        label.append(f"  L{line}", style=_STYLE["line"])
    return label


def _section_label(section: Section, depth: int) -> Text:
    label = FoldingText()
    label.append(_visible(section.marker.raw), style=_SECTION_STYLES[depth % len(_SECTION_STYLES)])
    if section.title:
        label.append(" ")
        label.append(_visible(section.title))
    label.append(f"  L{section.span.line}", style=_STYLE["line"])
    return label


def _enumeration_label(enumeration: Enumeration) -> Text:
    style = _STYLE["enumeration"]
    label = FoldingText()
    label.append(f"[{ENUMERATION_TAG}]", style=style)
    label.append(f" {len(enumeration.items)}", style=style)
    if enumeration.declared_count is not None:
        label.append(f" (声明 {enumeration.declared_count})", style=style)
    markers = [item.marker.raw for item in enumeration.items]
    if markers:
        label.append(" ")
        label.append(_visible(" ".join(markers)), style="bold")
    label.append(f"  L{enumeration.span.line}", style=_STYLE["line"])
    return label


def _paragraph_label(paragraph: Paragraph) -> Text:
    summary = truncate_cells(_visible(paragraph.text.strip(" \t\u3000\u00a0")), SUMMARY_CELLS)
    label = FoldingText()
    label.append("¶ ", style=_STYLE["paragraph"])
    label.append(summary, style=_STYLE["paragraph"])
    label.append(f"  L{paragraph.span.line}", style=_STYLE["line"])
    return label


def _add(tree: Tree, label: Text, node: object, explain: Explain | None) -> Tree:
    """Add ``label``; with ``explain``, the decision that made the node follows it."""
    reason = explain(node) if explain is not None else ""
    if reason:
        label.append(f"  ← {reason}", style=_STYLE["reason"])
    return tree.add(label)


def _add_enumerations(tree: Tree, enumerations: Iterable[Enumeration],
                      explain: Explain | None) -> None:
    for enumeration in enumerations:
        _add(tree, _enumeration_label(enumeration), enumeration, explain)


#: Node kind → its nested lists and how many heading levels deeper each is (for the
#: marker colours; the branches nest by themselves). Unlike the outline, a closing's
#: body is shown.
_NESTING: dict[str, tuple[tuple[str, int], ...]] = {
    "section": (("body", 1), ("children", 1)),
    "agenda": (("body", 0), ("items", 0)),
    "agenda_item": (("body", 1), ("children", 1)),
    "closing": (("body", 0),),
}


def _add_nodes(tree: Tree, nodes: Iterable[Node], depth: int, body: bool,
               explain: Explain | None = None) -> None:
    """Add ``nodes`` under ``tree``; ``depth`` counts heading levels (for marker styles)."""
    for node in nodes:
        kind = node.kind
        if kind == "section":
            branch = _add(tree, _section_label(node, depth), node, explain)  # type: ignore[arg-type]
            _add_enumerations(branch, node.enumerations, explain)  # type: ignore[union-attr]
        elif kind == "paragraph":
            if body:
                branch = _add(tree, _paragraph_label(node), node, explain)  # type: ignore[arg-type]
                _add_enumerations(branch, node.enumerations, explain)  # type: ignore[union-attr]
            else:
                # As in the outline: an enumeration sits where its paragraph sits.
                _add_enumerations(tree, node.enumerations, explain)  # type: ignore[union-attr]
            continue
        elif kind in TAGS:
            count = node.declared_count if kind == "transition" else None  # type: ignore[union-attr]
            branch = _add(tree, _label(TAGS[kind], _STYLE[kind], tag_text(node), count=count,
                                       line=node.span.line), node, explain)
            if kind == "closing":  # as in the outline: beside it, where its paragraph sits
                _add_enumerations(tree, node.enumerations, explain)  # type: ignore[union-attr]
        else:  # a blank line
            continue
        for name, deeper in _NESTING.get(kind, ()):
            _add_nodes(branch, getattr(node, name), depth + deeper, body, explain)


def speech_tree(speech: Speech, *, source_name: str | None = None, body: bool = False,
                explain: Explain | None = None) -> Tree:
    """The speech as a ``rich.tree.Tree``; print it with ``rich.console.Console().print``.

    The root is ``source_name`` (or the source path) and the text's length; below it,
    the outline's nodes with their source line (``L12``). ``body=True`` adds a one-line
    summary of each body paragraph.
    """
    name = source_name or speech.source.path or "讲话 (speech)"
    root_label = FoldingText()
    root_label.append(_visible(name), style="bold")
    root_label.append(f"  {speech.length} 字", style=_STYLE["line"])
    root = Tree(root_label, guide_style="dim")
    _add_nodes(root, speech.nodes, 0, body, explain)
    return root
