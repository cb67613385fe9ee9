"""Input decoding: turn the bytes of a speech file into text without losing anything.

Speeches arrive as UTF-8 (with or without a BOM), as GBK/GB18030 from older Windows
tools, as UTF-16 from "Save as Unicode", occasionally as Big5 from traditional-Chinese
web pages, and sometimes as something that is not text at all (a .docx renamed .txt).
This module picks the encoding with deterministic rules, because a speech is mostly
CJK text and a few cheap tests identify it better (and faster) than a statistical
detector, and keeps one promise:

    encode_text(d.text, d.encoding, d.bom) == original bytes

so nothing the parser sees differs from the file: no newline normalization, no
replaced or dropped characters, control characters kept. Codecs that are not known to
be one-to-one (Big5, and any ``--encoding`` other than UTF-*/GB) are checked by
re-encoding, and refused if the bytes would not come back.

Detection order (``encoding=None``):

1. Empty input is ``""`` in UTF-8.
2. A known binary signature (PNG, ZIP/.docx, PDF, OLE/.doc, GIF, JPEG, gzip, ...)
   is rejected as binary before anything else: no text file starts like that.
3. A BOM decides: UTF-32 LE/BE (checked before UTF-16, whose LE BOM is a prefix of
   UTF-32 LE's), UTF-8, UTF-16 LE/BE, GB18030's own BOM (84 31 95 33).
4. If NUL bytes are more than 1% of the input, only UTF-16 without BOM can make it
   text (ASCII in UTF-16 is half NULs, and is also valid UTF-8, so this must come
   before the UTF-8 test); otherwise the file is binary.
5. Strict UTF-8 (the fast path: one C-level decode), unless the bytes are valid UTF-8
   only by accident: UTF-16 made of ASCII-range bytes, or short CJK-free "UTF-8" that
   reads as GB2312 hanzi (see ``_settle_utf8``).
6. If there is any NUL byte: UTF-16 without BOM (a CJK-heavy UTF-16 file has few
   NULs, one per ASCII character or newline, so the 1% of step 4 can miss it).
7. Strict GB18030 (a superset of GBK and GB2312).
8. Big5, only when the same bytes also decode as GB18030 and the Big5 reading is
   clearly more "common Chinese" (see ``_prefer_big5``).

There is no size limit: a 50 MB file is read and decoded like any other.

This module keeps the detection order and the promise; the pieces it decides with
live apart: ``byteorder`` (the BOM table, and how UTF-16 without a BOM is recognised),
``decode_errors`` (the binary thresholds, applied in every mode, and the messages for
what is refused), ``charsets`` (the scores) and ``files`` (reading files and stdin).
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from functools import cache

from jianghua.errors import InputError
from jianghua.read.byteorder import BOMS, bom_bytes, utf16_best, utf16_order, utf16_reading
from jianghua.read.charsets import big5_level1_chars, gb2312_chars, scores, share
from jianghua.read.decode_errors import (
    NUL_RATIO,
    binary_error,
    reject_binary_bytes,
    reject_binary_text,
    reject_magic,
    undecodable,
)

# Re-exported: reading and decoding were one module once, and callers read through here.
from jianghua.read.files import read_regular_file, read_stdin_bytes

__all__ = ["Decoded", "decode_bytes", "decode_file", "encode_text", "read_regular_file",
           "read_stdin_bytes"]


@dataclass(frozen=True)
class Decoded:
    """The decoded text of one input and what is needed to write it back byte for byte."""

    text: str  # without the BOM; line endings untouched (CRLF/CR kept)
    encoding: str  # normalized codec name: "utf-8", "gb18030", "utf-16-le", ...
    bom: bool  # whether the bytes started with a BOM (U+FEFF in that encoding)


# --- thresholds (see the module docstring) -------------------------------------------

# The NUL, control-character and UTF-16 thresholds live with the code that applies
# them, in decode_errors and byteorder.
_BIG5_MARGIN = 0.20  # how much more "common" the Big5 reading must be than GB18030
_GB_ACCIDENT = 0.90  # GB2312 share that makes CJK-free UTF-8 really GB (_settle_utf8)
# Only short GB text is ever valid UTF-8 (every hanzi must happen to be a 2-byte UTF-8
# sequence, about 1 in 7); past this size the check is skipped, so that a long Western
# UTF-8 text is not scanned byte by byte for nothing.
_GB_ACCIDENT_MAX = 64 * 1024

# Codecs whose strict decode is a bijection onto its valid byte sequences: no need to
# re-encode to prove the round trip. gb18030 and gbk were checked exhaustively (every
# 2- and 4-byte sequence that decodes re-encodes to itself); big5 was not (A1FE, A240,
# A2CC and A2CE decode to characters that encode elsewhere), so it is verified.
_BIJECTIVE = frozenset(
    {"utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "gb18030", "gbk",
     "ascii", "latin-1", "iso8859-1"}
)

# UTF-8 lead bytes of characters >= U+0800 (all of CJK), and of U+0100..U+07FF.
_CJK_LEAD_RE = re.compile(b"[\xe0-\xff]")
_BEYOND_LATIN1_LEAD_RE = re.compile(b"[\xc4-\xdf]")


# --- public API ----------------------------------------------------------------------


def decode_bytes(data: bytes, *, path: str = "<stdin>", encoding: str | None = None) -> Decoded:
    """Decode ``data`` (the whole file) losslessly; raise ``InputError`` if it is not text.

    With ``encoding`` (the ``--encoding`` override) the bytes are decoded strictly with
    that codec; otherwise the encoding is detected as described in the module docstring.
    """
    if encoding is not None:
        return _decode_explicit(data, path, encoding)
    if not data:
        return Decoded("", "utf-8", False)
    reject_magic(data, path)

    for bom, codec in BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, path, codec, bom)

    # find() is memchr-fast; count() is ~10x slower, so only count when there is one.
    nul = data.count(0) if data.find(0) >= 0 else 0
    if nul > 1 and nul > len(data) * NUL_RATIO:
        # Too many NULs for UTF-8 or GB text: UTF-16 without BOM, or binary.
        found = _try_utf16(data, path, report_damage=True)
        if found is not None:
            return found
        raise binary_error(path, nul=nul)

    failures: list[tuple[str, UnicodeDecodeError]] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        failures.append(("utf-8", exc))
    else:
        return _settle_utf8(data, text, nul, path)

    if nul:
        found = _try_utf16(data, path, report_damage=False)
        if found is not None:
            return found

    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        failures.append(("gb18030", exc))
    else:
        return _settle_gb(data, text, nul, path)

    # Nothing decodes. If it looks like binary, say so rather than "bad byte at line 3".
    reject_binary_bytes(data, path, nul=nul)
    # The candidate that got furthest is most likely the intended encoding, and its
    # failure point is the bad byte worth showing.
    codec, exc = max(failures, key=lambda item: item[1].start)
    raise undecodable(data, path, codec, exc, 0, tried="UTF-8、GB18030",
                      tried_en="UTF-8, GB18030")


def decode_file(path: str | os.PathLike[str], *, encoding: str | None = None) -> Decoded:
    """Read a file (``"-"`` means the bytes of stdin) and decode it with ``decode_bytes``."""
    if os.fspath(path) == "-":
        return decode_bytes(read_stdin_bytes(), path="<stdin>", encoding=encoding)
    return decode_bytes(read_regular_file(path), path=os.fsdecode(path), encoding=encoding)


def encode_text(text: str, encoding: str, bom: bool) -> bytes:
    """The exact inverse of decoding: ``encode_text(d.text, d.encoding, d.bom)`` gives
    back the original bytes. Raises ``LookupError`` for an unknown codec and
    ``UnicodeEncodeError`` if ``text`` has characters the codec cannot represent."""
    codec = _canonical_codec(encoding)
    if codec == "utf-8-sig":  # the name itself asks for a BOM
        codec, bom = "utf-8", True
    elif codec in ("utf-16", "utf-32"):  # no byte order given: little-endian, like Windows
        codec += "-le"
    body = text.encode(codec)
    return bom_bytes(codec) + body if bom else body


# --- decoding helpers ----------------------------------------------------------------


def _settle_utf8(data: bytes, text: str, nul: int, path: str) -> Decoded:
    """``data`` is valid UTF-8; return that reading unless it is valid only by accident.

    Two such accidents are cheap to rule out, and cost nothing for a real UTF-8 speech:

    * NUL bytes (few, or step 4 would have caught them): UTF-16 whose characters all
      have ASCII-range bytes (乙 is "YN" in LE) is valid UTF-8. The UTF-16 reading wins
      if more of its characters are common ones.
    * No byte >= 0xE0, i.e. no character at or above U+0800, so no CJK at all: short
      (up to 64 KiB) GB text can be valid UTF-8 (一 = D2 BB = U+04BB, Cyrillic). If
      the GB18030 reading is (almost) all GB2312 characters, it wins. A text whose
      UTF-8 reading is only Latin-1 (bytes C2/C3, like é) stays UTF-8: that is a
      Western text.
    """
    if nul and len(data) % 2 == 0:
        best = utf16_best(data)
        if best is not None and best[0] > scores(text)[1]:
            reject_binary_text(best[3], path)
            return Decoded(best[3], best[2], False)
    if len(data) <= _GB_ACCIDENT_MAX and not text.isascii() \
            and _CJK_LEAD_RE.search(data) is None \
            and _BEYOND_LATIN1_LEAD_RE.search(data) is not None:
        try:
            gb_text = data.decode("gb18030")
        except UnicodeDecodeError:
            pass
        else:
            if share(gb_text, gb2312_chars()) >= _GB_ACCIDENT:
                return _settle_gb(data, gb_text, nul, path)
    reject_binary_text(text, path, nul=nul)
    return Decoded(text, "utf-8", False)


def _settle_gb(data: bytes, text: str, nul: int, path: str) -> Decoded:
    """``data`` is valid GB18030; return that reading, or Big5 if that is clearly better."""
    big5 = _prefer_big5(data, text, path)
    if big5 is not None:
        reject_binary_text(big5, path, nul=nul)
        return Decoded(big5, "big5", False)
    reject_binary_text(text, path, nul=nul)
    return Decoded(text, "gb18030", False)


def _decode_with_bom(data: bytes, path: str, codec: str, bom: bytes) -> Decoded:
    try:
        text = str(memoryview(data)[len(bom):], codec)
    except UnicodeDecodeError as exc:
        if codec == "utf-32-le" and data.startswith(codecs.BOM_UTF16_LE):
            # FF FE 00 00 is also a UTF-16 LE BOM followed by U+0000; fall back to it.
            return _decode_with_bom(data, path, "utf-16-le", codecs.BOM_UTF16_LE)
        raise undecodable(data, path, codec, exc, len(bom)) from None
    reject_binary_text(text, path)
    return Decoded(text, codec, True)


def _decode_explicit(data: bytes, path: str, encoding: str) -> Decoded:
    try:
        codec = _canonical_codec(encoding)
    except LookupError:
        raise InputError(f"未知的编码名称：{encoding}", f"unknown encoding: {encoding}",
                         path=path) from None
    if codec == "utf-8-sig":
        codec = "utf-8"  # the BOM is handled below, for every codec alike
    if not data:
        return Decoded("", codec + "-le" if codec in ("utf-16", "utf-32") else codec, False)
    reject_magic(data, path)

    if codec == "utf-32":
        codec = "utf-32-be" if data.startswith(codecs.BOM_UTF32_BE) else "utf-32-le"
    elif codec == "utf-16":
        if data.startswith(codecs.BOM_UTF16_BE):
            codec = "utf-16-be"
        elif data.startswith(codecs.BOM_UTF16_LE):
            codec = "utf-16-le"
        else:
            found = _try_utf16(data, path, report_damage=False)
            if found is not None:
                return found
            codec = utf16_order(data)[0]  # decode below, to report where it fails

    bom = bom_bytes(codec)
    has_bom = bool(bom) and data.startswith(bom)
    start = len(bom) if has_bom else 0
    try:
        text = str(memoryview(data)[start:], codec)
    except UnicodeDecodeError as exc:
        raise undecodable(data, path, codec, exc, start, explicit=encoding) from None
    except UnicodeError as exc:  # codecs like idna fail without a byte position
        raise InputError(f"无法按 {encoding} 解码：{exc}", f"cannot decode as {encoding}: {exc}",
                         path=path) from None
    if codec not in _BIJECTIVE:
        _require_round_trip(text, data, codec, has_bom, path)
    reject_binary_text(text, path)
    return Decoded(text, codec, has_bom)


@cache
def _canonical_codec(name: str) -> str:
    """Python's canonical name for a text codec ("GBK" -> "gbk", "cp936" -> "gbk",
    "utf8" -> "utf-8"); ``LookupError`` for unknown names and for bytes-to-bytes
    codecs such as base64, which cannot decode a file to text."""
    try:
        b"a".decode(name)  # LookupError for both cases (b"" would skip the check)
    except ValueError:
        pass  # a text codec that dislikes this byte (utf-16 wants two), still a codec
    canonical = codecs.lookup(name).name
    return "latin-1" if canonical == "iso8859-1" else canonical


def _require_round_trip(text: str, data: bytes, codec: str, bom: bool, path: str) -> None:
    try:
        same = encode_text(text, codec, bom) == data
    except UnicodeError:  # UnicodeEncodeError, or a bare UnicodeError from idna & co.
        same = False
    if not same:
        raise InputError(
            f"按 {codec} 解码后无法还原原始字节（该编码有一字多码），为避免丢失字符而拒绝；"
            "请先转换为 UTF-8",
            f"decoding as {codec} is not lossless (several byte sequences map to one "
            "character); convert the file to UTF-8 first",
            path=path,
        )


def _try_utf16(data: bytes, path: str, *, report_damage: bool) -> Decoded | None:
    """UTF-16 without BOM as a ``Decoded``, or None (see ``byteorder.utf16_reading``)."""
    found = utf16_reading(data, path, report_damage=report_damage)
    return None if found is None else Decoded(found[1], found[0], False)


def _prefer_big5(data: bytes, gb_text: str, path: str) -> str | None:
    """The Big5 reading of ``data`` if it is clearly the right one, else None.

    Almost any Big5 file also decodes as GB18030 (same byte structure), but as garbage:
    few of its characters are in GB2312, the set every simplified text is made of. A
    GB file rarely decodes as Big5 at all (GB2312 rows C7/C8 hold 人, 全, 请... which
    Big5 leaves unassigned); when it does, its Big5 reading has few level-1 hanzi.
    """
    try:
        big5 = data.decode("big5")
    except UnicodeDecodeError:
        return None
    gb_score = share(gb_text, gb2312_chars())
    big5_score = share(big5, big5_level1_chars())
    if big5_score < gb_score + _BIG5_MARGIN:
        return None
    _require_round_trip(big5, data, "big5", False, path)
    return big5
