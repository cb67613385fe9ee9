"""What the decode stage refuses, and how it says so.

Two kinds of input are not a speech. Binary files: a known signature (PNG, ZIP/.docx,
PDF, ...: no text file starts like that), or too many NUL or control characters.
And bytes that no candidate codec decodes: the message gives the byte offset, the bad
bytes in hex and the line they are on, so that one damaged spot in a long file can be
found. Which codecs to try, and in what order, is ``jianghua.read.decode``'s decision.

Binary thresholds (applied to the decoded text, in every mode):

* NUL: binary if there are at least 2 NULs and they are more than 1% of the
  characters. A lone NUL in a text file is kept as text.
* Other C0 controls (everything below U+0020 except ``\\t \\n \\r \\f`` and ESC):
  binary if, in the first 64 Ki characters, there are at least 2 and they are
  more than 10%. A few stray control characters are kept as text.
"""

from __future__ import annotations

import re

from jianghua.errors import InputError

__all__ = ["NUL_RATIO", "binary_error", "reject_binary_bytes", "reject_binary_text",
           "reject_magic", "undecodable"]

NUL_RATIO = 0.01  # NULs above 1% of the input: binary (or UTF-16 without BOM)
_CONTROL_RATIO = 0.10  # other C0 controls above 10% of the sample: binary
_CONTROL_SAMPLE = 64 * 1024  # characters inspected for control characters

# Signatures of file formats that are never plain text, with a name for the message.
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG 图片", "a PNG image"),
    (b"PK\x03\x04", "ZIP 压缩包或 .docx/.xlsx 文档", "a ZIP archive or .docx/.xlsx document"),
    (b"PK\x05\x06", "ZIP 压缩包", "a ZIP archive"),
    (b"%PDF-", "PDF 文档", "a PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Office 文档（.doc/.xls）",
     "an old Office document (.doc/.xls)"),
    (b"GIF87a", "GIF 图片", "a GIF image"),
    (b"GIF89a", "GIF 图片", "a GIF image"),
    (b"\xff\xd8\xff", "JPEG 图片", "a JPEG image"),
    (b"\x1f\x8b", "gzip 压缩文件", "a gzip file"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包", "a 7z archive"),
    (b"Rar!\x1a\x07", "RAR 压缩包", "a RAR archive"),
    (b"\xfd7zXZ\x00", "xz 压缩文件", "an xz file"),
    (b"\x7fELF", "可执行文件", "an executable"),
)

# C0 controls other than \t \n \r \f and ESC (ESC appears in text with ANSI colours).
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def reject_magic(data: bytes, path: str) -> None:
    for magic, name_zh, name_en in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"二进制文件（看起来是{name_zh}），不是文本",
                             f"binary file ({name_en}), not text", path=path)


def reject_binary_text(text: str, path: str, *, nul: int | None = None) -> None:
    """Apply the binary thresholds to decoded text (``nul``: NUL count if already known)."""
    if nul is None:
        nul = text.count("\x00")
    if nul > 1 and nul > len(text) * NUL_RATIO:
        raise binary_error(path, nul=nul)
    sample = text[:_CONTROL_SAMPLE]
    controls = len(_CONTROL_RE.findall(sample))
    if controls > 1 and controls > len(sample) * _CONTROL_RATIO:
        raise binary_error(path, controls=controls)


def reject_binary_bytes(data: bytes, path: str, *, nul: int) -> None:
    """The same thresholds on raw bytes, for input that decodes with no codec."""
    if nul > 1 and nul > len(data) * NUL_RATIO:
        raise binary_error(path, nul=nul)
    sample = data[:_CONTROL_SAMPLE].decode("latin-1")  # one byte per character
    controls = len(_CONTROL_RE.findall(sample))
    if controls > 1 and controls > len(sample) * _CONTROL_RATIO:
        raise binary_error(path, controls=controls)


def binary_error(path: str, *, nul: int = 0, controls: int = 0) -> InputError:
    if nul:
        why_zh, why_en = f"含有 {nul} 个 NUL 字节", f"{nul} NUL bytes"
    else:
        why_zh, why_en = f"开头含有 {controls} 个控制字符", f"{controls} control characters"
    return InputError(f"二进制文件，不是文本（{why_zh}）",
                      f"binary file, not text ({why_en})", path=path)


def undecodable(data: bytes, path: str, codec: str, exc: UnicodeDecodeError, start: int,
                *, tried: str | None = None, tried_en: str | None = None,
                explicit: str | None = None) -> InputError:
    """The error for a bad byte sequence; ``exc`` offsets are relative to ``start``."""
    offset = start + exc.start
    bad = data[offset: min(start + exc.end, offset + 4)] or data[offset: offset + 1]
    shown = " ".join(f"0x{b:02X}" for b in bad)
    # Decode what precedes the bad bytes with the same codec and count line endings
    # (\n, \r\n, \r) there: in UTF-16 a newline is not the byte 0x0A.
    try:
        before = data[start:offset].decode(codec, "replace")
    except UnicodeError:  # codecs such as idna support no error handler: count bytes
        before = data[start:offset].decode("latin-1")
    line = 1 + before.count("\n") + before.count("\r") - before.count("\r\n")
    if explicit is not None:
        return InputError(f"无法按 {explicit} 解码：字节偏移 {offset} 处的字节 {shown}",
                          f"cannot decode as {explicit}: byte(s) {shown} at byte offset "
                          f"{offset}", path=path, line=line)
    tried = tried or codec
    tried_en = tried_en or codec
    return InputError(
        f"无法解码：字节偏移 {offset} 处的字节 {shown}（已尝试 {tried}），"
        "请用 --encoding 指定编码",
        f"cannot decode byte(s) {shown} at byte offset {offset} (tried {tried_en}); "
        "specify the encoding with --encoding",
        path=path, line=line,
    )
