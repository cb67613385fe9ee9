"""Numbers as speeches write them: 一 … 九十九, 两, Arabic and full-width digits, ①, ⑴, ⒈.

Pure functions; the patterns that *find* numerals live in the grammar
(CN_NUMERAL, AR_NUMERAL, CIRCLED, COUNT), this module only gives their value.
"""

from __future__ import annotations

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# ⑴…⒇ and ⒈…⒛: the one-character (1) and 1. a copy out of Word holds (PAREN_DIGIT, DOTTED_DIGIT).
_PARENTHESIZED = "".join(chr(code) for code in range(0x2474, 0x2488))
_FULL_STOP = "".join(chr(code) for code in range(0x2488, 0x249C))
_ENCLOSED = (_CIRCLED, _PARENTHESIZED, _FULL_STOP)
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

#: 首先/其次/再次 claim positions 1–3; 然后 and 最后 claim none (最后 means "the last").
SEQUENCE_ORDINALS = {"首先": 1, "其次": 2, "再次": 3}


def chinese_to_int(numeral: str) -> int | None:
    """一 → 1, 十 → 10, 十一 → 11, 二十 → 20, 九十九 → 99; anything else → None."""
    if not numeral:
        return None
    if "十" not in numeral:
        return _CN_DIGITS.get(numeral) if len(numeral) == 1 else None
    tens_part, _, ones_part = numeral.partition("十")
    tens = _CN_DIGITS.get(tens_part, 0) if tens_part else 1
    ones = _CN_DIGITS.get(ones_part, 0) if ones_part else 0
    if (tens_part and not tens) or (ones_part and not ones) or len(ones_part) > 1:
        return None
    return tens * 10 + ones


def int_to_chinese(value: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十 (1 ≤ value ≤ 99), for renumbering fixes."""
    if not 1 <= value <= 99:
        raise ValueError(f"{value} is outside 1..99")
    digits = "零一二三四五六七八九"
    tens, ones = divmod(value, 10)
    if tens == 0:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def number_value(numeral: str) -> int | None:
    """Value of any numeral form a marker or count uses, or None (几, XX, 若干).

    Markers and counts are positive: 第0项 or a "0." claims no position, so 0 is None
    too (a hypothesis example, 0进行第一项议程, once produced an item numbered 0).
    """
    numeral = numeral.strip()
    if not numeral:
        return None
    for block in _ENCLOSED:
        if len(numeral) == 1 and numeral in block:
            return block.index(numeral) + 1
    ascii_digits = numeral.translate(_FULLWIDTH)
    if ascii_digits.isdigit():
        return int(ascii_digits) or None
    return chinese_to_int(numeral)


def is_enclosed(numeral: str) -> bool:
    """Whether ``numeral`` is one of the one-character numerals (① ⑴ ⒈)."""
    return len(numeral) == 1 and any(numeral in block for block in _ENCLOSED)


def enclosed_like(original: str, value: int) -> str | None:
    """``value`` in the block of one-character numerals ``original`` is from (② → ③,
    ⑴ → ⑵, ⒈ → ⒉), for renumbering fixes; None if ``original`` is none of them or the
    block stops short (⑳)."""
    for block in _ENCLOSED:
        if len(original) == 1 and original in block:
            return block[value - 1] if 1 <= value <= len(block) else None
    return None
