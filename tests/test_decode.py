"""Tests for the input-decoding stage: detection, errors, and the lossless round trip.

Every fixture is built here, in tmp_path, so the tests say exactly which bytes they feed.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from jianghua.errors import InputError
from jianghua.read.decode import Decoded, decode_bytes, decode_file, encode_text

SPEECH = (
    "同志们：\r\n"
    "　　今天召开全市工作会议，主要任务是总结去年工作，部署今年任务。\r\n"
    "　　一、坚持党的领导，推动高质量发展\r\n"
    "　　2024 年，我们完成了“十四五”规划中期目标（见附件 1）。\r\n"
)
TRADITIONAL = (
    "各位同仁：\r\n"
    "　　今天我們召開會議，主要任務是總結過去一年的工作，部署新一年的重點任務。\r\n"
    "　　一、堅持以人民為中心的發展思想，推動經濟社會高品質發展。\r\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_round_trip(decoded: Decoded, data: bytes) -> None:
    assert encode_text(decoded.text, decoded.encoding, decoded.bom) == data


def raises_input_error(func: Callable[[], object]) -> InputError:
    with pytest.raises(InputError) as info:
        func()
    error = info.value
    assert "\n" not in error.message  # one line for the user
    return error


# --- detection -----------------------------------------------------------------------

# (name, bytes, expected encoding, expected bom, expected text)
DECODABLE: list[tuple[str, bytes, str, bool, str]] = [
    ("utf8", SPEECH.encode("utf-8"), "utf-8", False, SPEECH),
    ("utf8-bom", codecs.BOM_UTF8 + SPEECH.encode("utf-8"), "utf-8", True, SPEECH),
    ("lf", "第一行\n第二行\n".encode(), "utf-8", False, "第一行\n第二行\n"),
    ("cr", "第一行\r第二行\r".encode(), "utf-8", False, "第一行\r第二行\r"),
    ("mixed-eol", "甲\r\n乙\r丙\n丁".encode(), "utf-8", False, "甲\r\n乙\r丙\n丁"),
    ("gbk", SPEECH.encode("gbk"), "gb18030", False, SPEECH),
    # 𠮷 (U+20BB7) and ᠮ (Mongolian) are outside GBK: four-byte GB18030 sequences.
    ("gb18030", ("𠮷ᠮ" + SPEECH).encode("gb18030"), "gb18030", False, "𠮷ᠮ" + SPEECH),
    ("gb18030-bom", b"\x84\x31\x95\x33" + SPEECH.encode("gb18030"), "gb18030", True, SPEECH),
    ("utf16le-bom", codecs.BOM_UTF16_LE + SPEECH.encode("utf-16-le"), "utf-16-le", True,
     SPEECH),
    ("utf16be-bom", codecs.BOM_UTF16_BE + SPEECH.encode("utf-16-be"), "utf-16-be", True,
     SPEECH),
    ("utf16le", SPEECH.encode("utf-16-le"), "utf-16-le", False, SPEECH),
    ("utf16be", SPEECH.encode("utf-16-be"), "utf-16-be", False, SPEECH),
    ("utf32le-bom", codecs.BOM_UTF32_LE + SPEECH.encode("utf-32-le"), "utf-32-le", True,
     SPEECH),
    ("big5", TRADITIONAL.encode("big5"), "big5", False, TRADITIONAL),
    ("ascii-utf16le", "Hello, world\r\n".encode("utf-16-le"), "utf-16-le", False,
     "Hello, world\r\n"),
    ("empty", b"", "utf-8", False, ""),
    # A lone NUL and a few stray control characters in text stay text.
    ("lone-nul", "第一段\x00第二段，内容较长的一段话。\n".encode(), "utf-8", False,
     "第一段\x00第二段，内容较长的一段话。\n"),
    ("controls", ("标题\x07\n" + SPEECH + "正文\x1a\x01内容\x0b\x1b[0m\n").encode(), "utf-8",
     False, "标题\x07\n" + SPEECH + "正文\x1a\x01内容\x0b\x1b[0m\n"),
    # Invalid UTF-8 that is valid GB18030 (啊 = B0 A1) decodes as GB18030.
    ("ascii-plus-gb", b"Title\r\n\xb0\xa1 ok\r\n", "gb18030", False, "Title\r\n啊 ok\r\n"),
]


@pytest.mark.parametrize(("name", "data", "encoding", "bom", "text"), DECODABLE,
                         ids=[case[0] for case in DECODABLE])
def test_detects_and_round_trips(tmp_path: Path, name: str, data: bytes, encoding: str,
                                 bom: bool, text: str) -> None:
    path = write(tmp_path, f"{name}.txt", data)
    decoded = decode_file(path)
    assert decoded == Decoded(text, encoding, bom)
    assert_round_trip(decoded, data)
    assert decode_bytes(data) == decoded


def test_bom_is_not_part_of_text() -> None:
    decoded = decode_bytes(codecs.BOM_UTF8 + "讲话".encode())
    assert decoded.text == "讲话"
    assert not decoded.text.startswith("\ufeff")


def test_only_the_first_bom_is_stripped() -> None:
    data = codecs.BOM_UTF8 + "\ufeff讲话".encode()
    decoded = decode_bytes(data)
    assert decoded.text == "\ufeff讲话"
    assert_round_trip(decoded, data)


def test_utf16_indentation_does_not_fool_the_nul_parity() -> None:
    # LF only, every paragraph indented with two U+3000 (NULs at even offsets in LE)
    # and containing 一 (U+4E00, another even NUL): parity alone says big-endian.
    text = "".join(f"　　一是第{n}项工作要抓好落实\n" for n in "一二三四五")
    data = text.encode("utf-16-le")
    assert data[0::2].count(0) > data[1::2].count(0)
    assert decode_bytes(data) == Decoded(text, "utf-16-le", False)


def test_simplified_gb_text_that_is_also_valid_big5_stays_gb18030() -> None:
    def also_big5(ch: str) -> bool:
        try:
            ch.encode("gb18030").decode("big5")
        except UnicodeError:
            return False
        return True

    text = "".join(ch for ch in "我们要坚持发展方向努力工作做好各项事业" if also_big5(ch))
    assert len(text) >= 8
    data = text.encode("gb18030")
    data.decode("big5")  # the ambiguity is real
    assert decode_bytes(data) == Decoded(text, "gb18030", False)


@pytest.mark.parametrize(("data", "expected"), [
    # GB bytes that are also valid UTF-8: 一 = D2 BB would be U+04BB (Cyrillic).
    ("一".encode("gb18030"), Decoded("一", "gb18030", False)),
    ("微一\r\n".encode("gb18030"), Decoded("微一\r\n", "gb18030", False)),
    # A Western UTF-8 text stays UTF-8 even though C3 A9 (é) is also a GB2312 hanzi.
    ("Café au lait\n".encode(), Decoded("Café au lait\n", "utf-8", False)),
    # UTF-16 LE of hanzi whose bytes are all ASCII (乙 = 59 4E, "YN") is valid UTF-8.
    (("乙" * 80 + "\n").encode("utf-16-le"), Decoded("乙" * 80 + "\n", "utf-16-le", False)),
    # ... but a lone NUL in an ordinary ASCII text keeps it UTF-8.
    (b"Hello world, this is a test\x00!\n", Decoded("Hello world, this is a test\x00!\n",
                                                    "utf-8", False)),
], ids=["gb-one-char", "gb-short", "latin1-utf8", "utf16-ascii-bytes", "ascii-lone-nul"])
def test_bytes_that_are_valid_utf8_by_accident(data: bytes, expected: Decoded) -> None:
    assert decode_bytes(data) == expected
    assert_round_trip(expected, data)


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    data = SPEECH.encode("gbk")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    decoded = decode_file("-")
    assert decoded == Decoded(SPEECH, "gb18030", False)


def test_large_file_is_not_an_error(tmp_path: Path) -> None:
    line = "　　" + "我们要坚持以人民为中心的发展思想，推动高质量发展。" * 10 + "\r\n"
    data = line.encode() * (50 * 1024 * 1024 // len(line.encode()) + 1)
    assert len(data) > 50 * 1024 * 1024
    decoded = decode_file(write(tmp_path, "big.txt", data))
    assert decoded.encoding == "utf-8"
    assert len(decoded.text) == len(data.decode())


# --- explicit encoding ---------------------------------------------------------------


@pytest.mark.parametrize(("name", "normalized"), [
    ("gbk", "gbk"), ("GBK", "gbk"), ("cp936", "gbk"), ("gb18030", "gb18030"),
])
def test_explicit_gb_aliases(name: str, normalized: str) -> None:
    data = SPEECH.encode("gbk")
    decoded = decode_bytes(data, encoding=name)
    assert decoded == Decoded(SPEECH, normalized, False)
    assert_round_trip(decoded, data)


@pytest.mark.parametrize("name", ["utf8", "UTF-8", "utf_8", "utf-8-sig"])
def test_explicit_utf8_aliases(name: str) -> None:
    for data, bom in ((SPEECH.encode(), False), (codecs.BOM_UTF8 + SPEECH.encode(), True)):
        decoded = decode_bytes(data, encoding=name)
        assert decoded == Decoded(SPEECH, "utf-8", bom)
        assert_round_trip(decoded, data)


@pytest.mark.parametrize(("data", "expected"), [
    (codecs.BOM_UTF16_LE + SPEECH.encode("utf-16-le"), Decoded(SPEECH, "utf-16-le", True)),
    (codecs.BOM_UTF16_BE + SPEECH.encode("utf-16-be"), Decoded(SPEECH, "utf-16-be", True)),
    (SPEECH.encode("utf-16-be"), Decoded(SPEECH, "utf-16-be", False)),
    (SPEECH.encode("utf-16-le"), Decoded(SPEECH, "utf-16-le", False)),
])
def test_explicit_utf16(data: bytes, expected: Decoded) -> None:
    decoded = decode_bytes(data, encoding="utf-16")
    assert decoded == expected
    assert_round_trip(decoded, data)


def test_explicit_encoding_overrides_detection(tmp_path: Path) -> None:
    # Valid UTF-8, but the user says otherwise: their call, even if it makes mojibake.
    data = "中文讲话".encode()
    path = write(tmp_path, "a.txt", data)
    for name, codec in (("GB18030", "gb18030"), ("latin1", "latin-1")):
        decoded = decode_file(path, encoding=name)
        assert decoded == Decoded(data.decode(codec), codec, False)
        assert_round_trip(decoded, data)


@pytest.mark.parametrize("name", ["no-such-codec", "base64", "rot13", ""])
def test_unknown_encoding(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, "a.txt", SPEECH.encode())
    error = raises_input_error(lambda: decode_file(path, encoding=name))
    assert error.path == str(path)
    assert "编码" in error.reason_zh
    assert "unknown encoding" in error.reason_en


def test_explicit_encoding_that_fails_names_the_line(tmp_path: Path) -> None:
    data = "第一行\r\n第二行\r\n第三行".encode("gbk")  # GBK bytes are not UTF-8
    path = write(tmp_path, "a.txt", data)
    error = raises_input_error(lambda: decode_file(path, encoding="utf-8"))
    assert error.path == str(path)
    assert error.line == 1
    assert "utf-8" in error.reason_en
    assert "byte offset 0" in error.reason_en

    data = b"line one\nline two\n\xff\xfe\n"
    error = raises_input_error(lambda: decode_bytes(data, path="b.txt", encoding="gbk"))
    assert error.line == 3
    assert f"byte offset {data.index(BAD)}" in error.reason_en
    assert error.message.startswith("b.txt:3: ")


def test_explicit_encoding_that_is_not_lossless() -> None:
    # Big5 A1FE decodes to ／, which Big5 encodes as A241: decoding would change bytes.
    error = raises_input_error(lambda: decode_bytes(b"\xa1\xfe", encoding="big5"))
    assert "lossless" in error.reason_en


BAD = b"\xff"  # never valid in UTF-8 nor in GB18030 (nor anywhere in GBK or Big5)


# --- undecodable and binary input ----------------------------------------------------


def test_invalid_bytes_in_the_middle_name_the_line(tmp_path: Path) -> None:
    # 0xFF is never valid in UTF-8 nor in GB18030, so no candidate can read line 3.
    data = "第一行\n第二行\r\n第三行 ".encode() + b"\xff" + " 尾\n".encode()
    path = write(tmp_path, "a.txt", data)
    error = raises_input_error(lambda: decode_file(path))
    assert error.path == str(path)
    assert error.line == 3
    assert f"byte offset {data.index(BAD)}" in error.reason_en
    assert "0xFF" in error.reason_en
    assert "无法解码" in error.reason_zh
    assert error.message.startswith(f"{path}:3: ")


def test_cr_only_line_endings_count_for_the_error_line() -> None:
    data = b"one\rtwo\rthree\r\n\x80"
    error = raises_input_error(lambda: decode_bytes(data))
    assert error.line == 4
    assert error.path == "<stdin>"


def test_damaged_gb_file_reports_the_gb_position() -> None:
    # GB text: UTF-8 fails at the first hanzi, GB18030 only at the 0xFF on line 2, and
    # the candidate that got furthest is the one whose failure is worth showing.
    data = "第一行\r\n第二行".encode("gbk") + b"\xff\r\n"
    error = raises_input_error(lambda: decode_bytes(data))
    assert error.line == 2
    assert f"byte offset {data.index(BAD)}" in error.reason_en


def test_damaged_utf16_names_the_line() -> None:
    # A lone surrogate on line 3 of a BOM-less UTF-16 LE file with plenty of ASCII.
    good = "Line one\r\nLine two\r\nLine ".encode("utf-16-le")
    data = good + b"\x00\xd8" + "three\r\n".encode("utf-16-le")
    error = raises_input_error(lambda: decode_bytes(data))
    assert error.line == 3
    assert f"byte offset {len(good)}" in error.reason_en

    data = codecs.BOM_UTF16_LE + data
    error = raises_input_error(lambda: decode_bytes(data))
    assert error.line == 3


@pytest.mark.parametrize(("name", "data"), [
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06"),
    ("png-header-only", b"\x89PNG\r\n\x1a\n"),
    ("zip", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00word/document.xml"),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
    ("nul-heavy", bytes(range(256)) * 8),
    ("controls", b"\x01\x02\x03\x04\x05\x06 some text \x0e\x0f\x10\x11\x12\x13" * 10),
])
def test_binary(tmp_path: Path, name: str, data: bytes) -> None:
    path = write(tmp_path, f"{name}.txt", data)
    error = raises_input_error(lambda: decode_file(path))
    assert error.path == str(path)
    assert "二进制文件" in error.reason_zh
    assert "binary file" in error.reason_en


def test_binary_even_with_explicit_encoding() -> None:
    error = raises_input_error(
        lambda: decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00", encoding="latin-1"))
    assert "二进制文件" in error.reason_zh


# --- file system errors --------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    error = raises_input_error(lambda: decode_file(path))
    assert error.path == str(path)
    assert "文件不存在" in error.reason_zh
    assert "file not found" in error.reason_en
    assert error.line is None


def test_missing_parent_is_not_a_directory(tmp_path: Path) -> None:
    file = write(tmp_path, "a.txt", b"x")
    error = raises_input_error(lambda: decode_file(file / "b.txt"))
    assert "文件不存在" in error.reason_zh


def test_directory(tmp_path: Path) -> None:
    error = raises_input_error(lambda: decode_file(tmp_path))
    assert error.path == str(tmp_path)
    assert "是一个目录" in error.reason_zh
    assert "is a directory" in error.reason_en


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    outcome: list[BaseException | object] = []

    def target() -> None:
        try:
            outcome.append(decode_file(fifo))
        except BaseException as exc:  # recorded and checked below
            outcome.append(exc)

    # Opening a FIFO with no writer blocks forever: run it where a hang is detectable.
    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "decode_file blocked on a FIFO"
    (error,) = outcome
    assert isinstance(error, InputError)
    assert error.path == str(fifo)
    assert "不是普通文件" in error.reason_zh
    assert "not a regular file" in error.reason_en
    assert "FIFO" in error.reason_en


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_device() -> None:
    error = raises_input_error(lambda: decode_file("/dev/null"))
    assert "not a regular file" in error.reason_en


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", SPEECH.encode())
    path.chmod(0)
    try:
        error = raises_input_error(lambda: decode_file(path))
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert error.path == str(path)
    assert "权限" in error.reason_zh
    assert "permission denied" in error.reason_en


def test_permission_error_on_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The same path as test_unreadable_file, reachable when the tests run as root.
    path = write(tmp_path, "secret.txt", SPEECH.encode())

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    error = raises_input_error(lambda: decode_file(path))
    assert error.path == str(path)
    assert "权限" in error.reason_zh
    assert "permission denied" in error.reason_en


# --- encode_text -------------------------------------------------------------------------


def test_encode_text_names() -> None:
    assert encode_text("讲话", "utf-8-sig", False) == codecs.BOM_UTF8 + "讲话".encode()
    assert encode_text("讲话", "UTF8", True) == codecs.BOM_UTF8 + "讲话".encode()
    assert encode_text("讲话", "utf-16", False) == "讲话".encode("utf-16-le")
    assert encode_text("讲话", "cp936", False) == "讲话".encode("gbk")
    with pytest.raises(LookupError):
        encode_text("讲话", "no-such-codec", False)


# --- properties ----------------------------------------------------------------------

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
FULL_WIDTH = st.sampled_from(list("，。、；：？！“”‘’（）《》【】—…　"))
EOL = st.sampled_from(["\r\n", "\n", "\r"])
SPEECHY_TEXT = st.lists(st.one_of(CJK, ASCII, FULL_WIDTH, EOL)).map("".join)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=SPEECHY_TEXT, target=st.sampled_from([
    ("utf-8", False), ("utf-8", True), ("utf-16-le", True), ("utf-16-be", True),
    ("gb18030", True),
]))
def test_self_identifying_encodings_round_trip(text: str, target: tuple[str, bool]) -> None:
    """UTF-8 and anything with a BOM: any such text comes back exactly."""
    encoding, bom = target
    data = encode_text(text, encoding, bom)
    decoded = decode_bytes(data)
    assert decoded == Decoded(text, encoding, bom)
    assert encode_text(decoded.text, decoded.encoding, decoded.bom) == data


def _gb2312_hanzi() -> list[str]:
    # Level-1 GB2312 hanzi: the everyday characters a speech is written in.
    chars = []
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.append(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


PARAGRAPH = st.tuples(
    st.sampled_from(["", "　　"]),
    st.text(alphabet=st.sampled_from(_gb2312_hanzi()), min_size=6, max_size=40),
    st.text(alphabet=st.one_of(FULL_WIDTH, ASCII), max_size=6),
    st.text(alphabet=st.sampled_from(_gb2312_hanzi()), max_size=20),
    EOL,
).map("".join)
SPEECH_TEXT = st.lists(PARAGRAPH, min_size=2, max_size=8).map("".join)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=SPEECH_TEXT, encoding=st.sampled_from(["gb18030", "utf-16-le", "utf-16-be"]))
def test_bomless_speech_round_trips(text: str, encoding: str) -> None:
    """Without a BOM the bytes alone decide: a speech-like text (a few paragraphs of
    everyday hanzi) is recognized. Very short inputs are genuinely ambiguous (the
    GB18030 bytes of 微 are valid UTF-8), which is why this uses whole paragraphs."""
    data = encode_text(text, encoding, False)
    if encoding == "gb18030":
        try:
            as_utf8 = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            # The one ambiguity left on purpose: GB bytes whose UTF-8 reading is plain
            # Latin-1 (é, ü) are taken as a Western UTF-8 text (see _settle_utf8).
            assume(any(ord(ch) > 0xFF for ch in as_utf8))
    decoded = decode_bytes(data)
    assert decoded == Decoded(text, encoding, False)
    assert encode_text(decoded.text, decoded.encoding, decoded.bom) == data


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=200))
def test_any_bytes_decode_losslessly_or_fail_cleanly(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except InputError:
        return
    assert encode_text(decoded.text, decoded.encoding, decoded.bom) == data


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=200),
       encoding=st.sampled_from(["utf-8", "gbk", "gb18030", "utf-16", "utf-32", "big5",
                                       "shift_jis", "hz", "utf-7", "idna", "cp037"]))
def test_explicit_encoding_is_lossless_or_fails_cleanly(data: bytes, encoding: str) -> None:
    try:
        decoded = decode_bytes(data, encoding=encoding)
    except InputError:
        return
    assert encode_text(decoded.text, decoded.encoding, decoded.bom) == data
