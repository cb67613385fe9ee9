"""Byte-order marks, and UTF-16 that has none.

A BOM settles the encoding outright: ``BOMS`` is the table ``jianghua.read.decode`` tests
first, and ``bom_bytes`` gives the BOM to write back. When in the detection order
UTF-16 without a BOM is tried is ``jianghua.read.decode``'s decision; how it is recognised
is this module's:

UTF-16 without BOM: the NUL bytes' parity suggests the byte order (ASCII in LE has
NULs at odd offsets), but CJK characters such as 一 (U+4E00) and the ideographic
space (U+3000) put NULs at the other parity, so both orders are decoded and scored:
a reading is accepted only if at least 90% of its characters are ASCII/CJK/
full-width/punctuation, and the reading with more *common* characters (ASCII,
GB2312 and Big5 level-1 hanzi, CJK punctuation) wins; parity breaks ties.
"""

from __future__ import annotations

import codecs

from jianghua.read.charsets import scores
from jianghua.read.decode_errors import reject_binary_text, undecodable

__all__ = ["BOMS", "bom_bytes", "utf16_best", "utf16_order", "utf16_reading"]

_UTF16_PLAUSIBLE = 0.90  # share of ASCII/CJK/punctuation a UTF-16 reading needs
_PARITY_HEAD = 1 << 20  # bytes inspected for the NUL parity of UTF-16

BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its LE BOM starts with the UTF-16 LE BOM.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (b"\x84\x31\x95\x33", "gb18030"),  # U+FEFF in GB18030
)


def bom_bytes(codec: str) -> bytes:
    """U+FEFF in ``codec``: the BOM of the Unicode encodings and of GB18030."""
    if codec in ("utf-16", "utf-32"):  # these would add a native-order BOM themselves
        return b""
    try:
        return "\ufeff".encode(codec)
    except UnicodeError:  # not representable (or a bare UnicodeError from idna & co.)
        return b""


def utf16_order(data: bytes) -> tuple[str, str]:
    """Byte orders to try, the one the NUL parity suggests first."""
    head = data[:_PARITY_HEAD]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    # ASCII in LE is "x\0": NULs at odd offsets.
    return ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")


def utf16_best(data: bytes) -> tuple[float, float, str, str] | None:
    """The most plausible UTF-16 reading as (common share, plausible share, codec, text),
    or None if neither byte order decodes to mostly ASCII/CJK/punctuation."""
    best: tuple[float, float, int, str, str] | None = None
    for rank, codec in enumerate(utf16_order(data)):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        plausible, common = scores(text)
        if plausible >= _UTF16_PLAUSIBLE:
            candidate = (common, plausible, -rank, codec, text)
            if best is None or candidate[:3] > best[:3]:
                best = candidate
    return None if best is None else (best[0], best[1], best[3], best[4])


def utf16_reading(data: bytes, path: str, *, report_damage: bool) -> tuple[str, str] | None:
    """UTF-16 without BOM: the best plausible reading as (codec, text), or None.

    With ``report_damage`` (the NULs already say "UTF-16 or binary"), a file whose
    preferred reading is plausible up to a bad sequence raises ``InputError`` naming
    that spot instead of being called binary.
    """
    best = utf16_best(data)
    if best is not None:
        reject_binary_text(best[3], path)
        return best[2], best[3]
    order = utf16_order(data)
    try:
        data.decode(order[0])
    except UnicodeDecodeError as exc:
        first_error: UnicodeDecodeError | None = exc
    else:
        first_error = None
    if report_damage and first_error is not None and first_error.start >= 16:
        # The preferred order decoded fine up to a bad sequence: if that part (at least
        # 8 characters, fewer prove nothing) reads as text, the file is UTF-16 with a
        # damaged spot, and its line is worth naming.
        prefix = data[: first_error.start].decode(order[0], "replace")
        if scores(prefix)[0] >= _UTF16_PLAUSIBLE:
            raise undecodable(data, path, order[0], first_error, 0,
                              tried="UTF-16", tried_en="UTF-16")
    return None
