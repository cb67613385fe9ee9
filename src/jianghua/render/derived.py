"""The derived fields of a JSON document must agree with its text.

``render`` writes only the text pieces (``text`` and ``eol``); everything else in a
node — a section's ``title``, its marker's ``raw``/``ordinal``/``punctuation``, a
salutation's ``salutation``, a transition's ``sentence`` and ``declared_count`` — is
derived from them by ``jianghua parse``. An engineer who edits a derived field and not
the text would see the edit silently dropped by ``render`` while ``validate`` said
"ok" (a title not in the node's text, ordinal 99 on ``（一）``). ``check_derived``
recomputes each one the way ``parse/`` does (``parse.markers``) and rejects the first
that disagrees, saying where and why.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from jianghua.errors import DocumentError
from jianghua.model import Marker, MarkerStyle, Speech

__all__ = ["check_derived"]

# The tag fields that are a piece of the node's own text (parse/blocks.py, describe).
_TEXT_FIELDS = {"title": "title", "section": "title", "salutation": "salutation",
                "transition": "sentence", "agenda_item": "sentence", "closing": "sentence"}


def _walk(nodes: Sequence[Any], prefix: str) -> Iterator[tuple[str, Any]]:
    for index, node in enumerate(nodes):
        where = f"{prefix}[{index}]"
        yield where, node
        for name in ("body", "items", "children"):
            yield from _walk(getattr(node, name, ()), f"{where}.{name}")


def _ordinal(marker: Marker) -> tuple[bool, int | None]:
    """(whether the raw text is a marker of its style, the ordinal it writes)."""
    from jianghua.numerals import SEQUENCE_ORDINALS, number_value
    from jianghua.parse.markers import MARKER_PUNCTUATION, numeral_match

    if marker.style is MarkerStyle.SEQUENCE:
        return True, SEQUENCE_ORDINALS.get(marker.raw.rstrip(MARKER_PUNCTUATION))
    found = numeral_match(marker.style, marker.raw)
    return found is not None, number_value(found.group()) if found else None


def _marker_problem(marker: Marker, node: Any, field: str) -> tuple[str, str] | None:
    from jianghua.parse.markers import MARKER_PUNCTUATION

    offset = marker.span.start - node.span.start
    written = node.text[offset:offset + len(marker.raw)] if offset >= 0 else None
    if written != marker.raw:
        return (f"{field}.raw {marker.raw!r} 不是原文该处的文字 {written!r}",
                f"{field}.raw {marker.raw!r} is not the text at its span ({written!r})")
    matches, ordinal = _ordinal(marker)
    if not matches:
        return (f"{field}.style 为 {marker.style.value}，与 {marker.raw!r} 不符",
                f"{field}.style {marker.style.value} does not match {marker.raw!r}")
    if ordinal != marker.ordinal:
        return (f"{field}.ordinal 为 {marker.ordinal}，而 {marker.raw!r} 的序号是 {ordinal}",
                f"{field}.ordinal is {marker.ordinal} but {marker.raw!r} writes {ordinal}")
    punctuation = marker.raw[-1] if marker.raw[-1:] in tuple(MARKER_PUNCTUATION) else ""
    if marker.punctuation != punctuation:
        return (f"{field}.punctuation 为 {marker.punctuation!r}，而 {marker.raw!r} 的是 "
                f"{punctuation!r}",
                f"{field}.punctuation is {marker.punctuation!r} but {marker.raw!r} has "
                f"{punctuation!r}")
    return None


def _node_problem(node: Any) -> tuple[str, str] | None:
    field = _TEXT_FIELDS.get(node.kind)
    if field is not None:
        value = getattr(node, field)
        if value not in node.text:
            return (f"{field} {value!r} 不在该节点的原文 text 中（render 只写出 text）",
                    f"{field} {value!r} is not in the node's text (render writes only "
                    "the text)")
    if node.kind == "transition":
        from jianghua.parse.markers import declared_count

        declared = declared_count(node.sentence)[1]
        if node.declared_count != declared:
            return (f"declared_count 为 {node.declared_count}，而 sentence 宣布的是 "
                    f"{declared}",
                    f"declared_count is {node.declared_count} but the sentence declares "
                    f"{declared}")
    markers: list[tuple[str, Marker]] = []
    if getattr(node, "marker", None) is not None:
        markers.append(("marker", node.marker))
    for e, enumeration in enumerate(getattr(node, "enumerations", ())):
        for i, item in enumerate(enumeration.items):
            markers.append((f"enumerations[{e}].items[{i}].marker", item.marker))
    for name, marker in markers:
        problem = _marker_problem(marker, node, name)
        if problem is not None:
            return problem
    return None


def check_derived(speech: Speech, *, path: str) -> None:
    """Raise ``DocumentError`` at the first derived field that disagrees with the text."""
    for where, node in _walk(speech.nodes, "nodes"):
        problem = _node_problem(node)
        if problem is not None:
            kind, line = node.kind, node.span.line
            raise DocumentError(f"{where}（{kind}，第 {line} 行）：{problem[0]}",
                                f"{where} ({kind} at line {line}): {problem[1]}", path=path)
