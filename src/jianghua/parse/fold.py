"""Traditional characters read as simplified, for the cues only.

The grammar writes its cues in simplified characters; a speech in traditional ones
(會議的議程有三項, 同志們：, 下麵請……講話) says the same. Before the scan, such a text is
folded one character for one (grammar/traditional.tsv), so every offset stays where it
was: the scan and the block stage read the folded copy, and ``unfold_blocks`` gives the
blocks back the text as written, which the outline and the JSON quote (OUTLINE: titles
and markers are copied as written). A text with none of the table's characters is read
as it is, at the cost of one search.
"""

from __future__ import annotations

import functools
import re

from jianghua.parse.lexicon import grammar_text
from jianghua.parse.markers import MarkerInfo
from jianghua.parse.pieces import Block

__all__ = ["folded", "unfold_blocks"]

TABLE_NAME = "traditional.tsv"


@functools.cache
def _table() -> tuple[dict[int, int], re.Pattern[str]]:
    table: dict[int, int] = {}
    for line in grammar_text(TABLE_NAME).splitlines():
        if line and not line.startswith("#"):
            traditional, simplified = line.split("\t")
            table[ord(traditional)] = ord(simplified)
    return table, re.compile("[" + "".join(map(chr, table)) + "]")


def folded(text: str) -> str:
    """``text`` with its traditional characters simplified (the same object if none)."""
    table, any_traditional = _table()
    if any_traditional.search(text) is None:
        return text
    return text.translate(table)


def unfold_blocks(blocks: list[Block], folded_text: str, text: str) -> None:
    """Give the blocks read from ``folded_text`` the words of ``text``: each quoted
    string is the same stretch of both, found where the block starts."""
    for block in blocks:
        if block.text_value:
            at = folded_text.find(block.text_value, block.start)
            if at >= 0:
                block.text_value = text[at:at + len(block.text_value)]
        if block.marker is not None:
            _unfold_marker(block.marker, text)
        for enumeration in block.enumerations:
            for marker, _, _ in enumeration.items:
                _unfold_marker(marker, text)


def _unfold_marker(info: MarkerInfo, text: str) -> None:
    # A marker's raw text starts where it does (its key, a series' name, stays folded:
    # 第一個問題 and 第一个问题 are one series).
    info.raw = text[info.start:info.start + len(info.raw)]
