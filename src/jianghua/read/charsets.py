"""How Chinese a reading of some bytes looks: the scores encoding detection decides by.

A speech is mostly CJK text, so a candidate decoding is judged by the share of its
characters a Chinese speech is made of (ASCII, CJK punctuation, full-width forms, the
GB2312 and Big5 level-1 hanzi). jianghua.read.decode uses these scores to choose between
byte orders of BOM-less UTF-16, between GB18030 and Big5, and to spot bytes that are
valid UTF-8 only by accident.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["big5_level1_chars", "common_chars", "gb2312_chars", "scores", "share"]

# What a Chinese speech is made of, broadly: used to reject a UTF-16 reading that is
# really garbage (byte-swapped CJK lands in Hangul, Yi, PUA, unassigned code points).
_PLAUSIBLE_RE = re.compile(
    "[\t\n\r\f\x20-\x7e\u00a0-\u00ff\u0370-\u04ff\u2000-\u27bf\u2e80-\u2fdf"
    "\u3000-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003134f]"
)
_SCORE_SAMPLE = 8 * 1024  # characters scored from the head and from the tail


def scores(text: str) -> tuple[float, float]:
    """(share of plausible characters, share of common characters) in a sample."""
    if len(text) > 2 * _SCORE_SAMPLE:
        text = text[:_SCORE_SAMPLE] + text[-_SCORE_SAMPLE:]
    if not text:
        return 0.0, 0.0
    plausible = len(text) - len(_PLAUSIBLE_RE.sub("", text))
    common_set = common_chars()
    common = sum(ch in common_set for ch in text)
    return plausible / len(text), common / len(text)


def share(text: str, common: frozenset[str]) -> float:
    """Share of the non-ASCII characters (in a sample) that are in ``common``."""
    sample = [ch for ch in text[: 2 * _SCORE_SAMPLE] if ch > "\x7f"]
    if not sample:
        return 1.0
    return sum(ch in common for ch in sample) / len(sample)


def _double_byte_chars(codec: str, leads: range, trails: list[int]) -> set[str]:
    chars: set[str] = set()
    for lead in leads:
        for trail in trails:
            try:
                chars.add(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                pass
    return chars


@cache
def gb2312_chars() -> frozenset[str]:
    # Rows A1-A3 (punctuation, full-width forms) and B0-F7 (the 6763 hanzi). Rows A4-A9
    # (kana, Greek, box drawing) are left out: Big5 hanzi bytes land there as GB.
    trails = list(range(0xA1, 0xFF))
    return frozenset(_double_byte_chars("gb2312", range(0xA1, 0xA4), trails)
                     | _double_byte_chars("gb2312", range(0xB0, 0xF8), trails))


@cache
def big5_level1_chars() -> frozenset[str]:
    # A140-A17E (，、。：？！ ...) and A440-C67E (the 5401 frequent hanzi). The rest of
    # the symbol rows is left out: GB punctuation bytes land there as Big5.
    trails = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))
    return frozenset(_double_byte_chars("big5", range(0xA1, 0xA2), list(range(0x40, 0x7F)))
                     | _double_byte_chars("big5", range(0xA4, 0xC7), trails))


@cache
def common_chars() -> frozenset[str]:
    ascii_text = {chr(c) for c in range(0x20, 0x7F)} | set("\t\n\r\f")
    cjk_punct = {chr(c) for c in range(0x3000, 0x3040)} | {chr(c) for c in range(0xFF01, 0xFF5F)}
    return frozenset(ascii_text | cjk_punct | gb2312_chars() | big5_level1_chars())
