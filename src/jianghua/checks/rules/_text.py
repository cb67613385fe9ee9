"""Character classes and marker forms the rules share (no rule lives here)."""

from __future__ import annotations

from jianghua.model import Marker, MarkerStyle
from jianghua.numerals import enclosed_like, int_to_chinese
from jianghua.parse.lexicon import char_class

_FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
#: The spaces a speech is indented with: the grammar's INDENT class.
SPACES = char_class("INDENT")
# Curly quotes, ellipsis, dash and middle dot belong to Chinese text although Unicode
# calls them ambiguous-width.
_CJK_EXTRA = frozenset("“”‘’…—·")


def is_han(ch: str | None) -> bool:
    if not ch:
        return False
    code = ord(ch)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x3FFFF)


def is_cjk(ch: str | None) -> bool:
    """A character of Chinese text: hanzi, CJK punctuation, full-width forms, ① ⑴ ⒈ …"""
    if not ch:
        return False
    code = ord(ch)
    return (is_han(ch) or 0x3001 <= code <= 0x303F or 0xFF01 <= code <= 0xFF60
            or 0xFFE0 <= code <= 0xFFE6 or 0x2460 <= code <= 0x249B or ch in _CJK_EXTRA)


def is_ascii_alnum(ch: str | None) -> bool:
    return bool(ch) and ch.isascii() and ch.isalnum()


def numeral_like(original: str, value: int) -> str:
    """``value`` written the way ``original`` writes numbers (二 → 三, 2 → 3, ２ → ３)."""
    if original.isascii() and original.isdigit():
        return str(value)
    if original.isdigit() and not original.isascii():
        if original.translate(str.maketrans("０１２３４５６７８９", "0123456789")).isascii():
            return str(value).translate(_FULLWIDTH_DIGITS)
        return enclosed_like(original, value) or str(value)
    return int_to_chinese(value) if 1 <= value <= 99 else str(value)


def quoted(text: str) -> str:
    """``text`` in quotes; inner quotes ‘’ when it holds double quotes itself."""
    if any(ch in text for ch in '“”"'):
        return f"‘{text}’"
    return f"“{text}”"


def marker_like(marker: Marker, value: int, numeral: str | None) -> str:
    """How ``marker`` would read with ``value`` (the missing “三、” of 一、二、四、)."""
    if numeral is None or marker.style is MarkerStyle.SEQUENCE:
        return str(value)
    return marker.raw.replace(numeral, numeral_like(numeral, value), 1)
