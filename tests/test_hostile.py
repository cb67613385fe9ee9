"""Hostile input (issue 4): every input gets a result or a clean one-line error.

Never a traceback, a hang or unbounded memory. Each case goes through the command line
(``main(argv)``: exit 0 and a valid result, or exit 2 and one line on stderr that is
not an internal error) and, where it says more, through the API.

Time: every test has a watchdog (``pytest-timeout``); the bounds are generous and
only say "it finishes". Nothing here asserts speed. Memory: the big-file case measures
the peak with ``tracemalloc`` at two sizes and bounds both the multiple of the input
size and what each further byte costs, at ``MEMORY_MULTIPLE``: a bound that holds for
the marginal byte holds at any size, so 8 MB proves what 50 MB once did at a sixth of
the time (issue 8: the two 50 MB tests took 4.5 minutes of the suite).

``JIANGHUA_HOSTILE_MB`` sets the big file's size (default 8) for a run at 50 MB.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import stat
import struct
import sys
import threading
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from jianghua.api import parse, parse_file, render
from jianghua.cli import main
from jianghua.errors import InputError
from jianghua.model import Section, Speech
from jianghua.read.decode import decode_bytes

REPO = Path(__file__).resolve().parents[1]
SAMPLES = sorted((REPO / "samples").glob("*.txt"))

BIG_BYTES = int(float(os.environ.get("JIANGHUA_HOSTILE_MB", "8")) * 1_000_000)
#: The smaller size the growth is measured from (a quarter of the big file).
SMALL_BYTES = BIG_BYTES // 4
#: Peak traced memory allowed while reading and parsing the big file, as a multiple of
#: its size in bytes, and for each byte added. Measured: about 18x (the pydantic nodes
#: and their spans).
MEMORY_MULTIPLE = 30

timeout = pytest.mark.timeout  # pytest-timeout: a hang fails the test, it never blocks


# --- helpers ---------------------------------------------------------------------------


def sample_texts() -> list[str]:
    """The samples that are UTF-8 (05_gbk is GB18030 on purpose)."""
    texts = []
    for path in SAMPLES:
        try:
            texts.append(path.read_bytes().decode("utf-8"))
        except UnicodeDecodeError:
            continue
    return texts


SAMPLE = "".join(sample_texts())


def run_cli(argv: list[str], capsysbinary) -> tuple[int, bytes, str]:
    code = main(argv)
    captured = capsysbinary.readouterr()
    return code, captured.out, captured.err.decode("utf-8", "replace")


def assert_clean_error(code: int, err: str) -> str:
    """Exit 2 and exactly one line on stderr, a user error (not an internal one)."""
    assert "Traceback" not in err
    assert code == 2, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "错误" in lines[0] and "error" in lines[0], err
    assert "内部错误" not in lines[0] and "internal error" not in lines[0], err
    return lines[0]


def assert_result(code: int, err: str) -> None:
    assert "Traceback" not in err
    assert "内部错误" not in err and "internal error" not in err, err
    assert code == 0, err


def assert_speech_of(speech: Speech, text: str) -> None:
    """The invariants: lossless, spans inside the text, valid against the model."""
    assert speech.length == len(text)
    assert render(speech) == text
    for node in walk(speech.nodes):
        assert 0 <= node.span.start <= node.span.end <= len(text)


def walk(nodes):
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        for name in ("children", "items", "body"):
            stack.extend(reversed(getattr(node, name, ())))


def assert_parse_json(out: bytes, text: str) -> Speech:
    speech = Speech.model_validate_json(out)  # full validation of every invariant
    assert_speech_of(speech, text)
    return speech


def expected_text(data: bytes) -> str:
    return decode_bytes(data).text


def max_depth(speech: Speech) -> int:
    deepest = 0
    stack = [(node, 1) for node in speech.nodes if isinstance(node, Section)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in node.children)
    return deepest


# --- empty, blank, control characters, encodings, binary ----------------------------


WHITESPACE = " \t\n\u3000\u3000\r\n\u00a0\n\r\r\n   \t\u3000\n\ufeff\u2002\u2003\n \n"
# A text with a lone NUL and a few C0/C1 controls inside: below the binary thresholds.
CONTROLS = ("同志们：\n一、提高\x00认识\x01\n春耕\x02是\x1b[0m一年之始\x7f。\x0b二、落实\x0c责任\n"
            "\x85三、\u2028抓好\u2029落实\x1c\x1d\x1e\x1f。\n\x08我就讲到这里，谢谢大家！\n")
INVALID_UTF8 = (SAMPLE[:1500].encode() + b"\xff\xfe\xff" + SAMPLE[1500:3000].encode())

SMALL_TEXT_CASES: dict[str, bytes] = {
    "empty.txt": b"",
    "whitespace.txt": WHITESPACE.encode("utf-8"),
    # Few enough among real text to stay below the binary threshold (10% controls).
    "controls.txt": (SAMPLE[:3000] + CONTROLS + SAMPLE[3000:6000]).encode("utf-8"),
    "utf16le_nobom.txt": SAMPLE[:4000].encode("utf-16-le"),
    "utf16be_nobom.txt": SAMPLE[:4000].encode("utf-16-be"),
    "one_nul.txt": b"\x00",
    # A NUL every 300 characters: under the 1% that makes a file binary.
    "sparse_nuls.txt": "\x00".join(SAMPLE[i:i + 300] for i in range(0, 6000, 300)).encode(),
    "crs_only.txt": b"\r" * 1000,
    "lone_cr_lf.txt": "一、\r（一）\n1.\r\n（1）\r\r①".encode(),
}
COMMANDS = [["parse"], ["outline"], ["tree", "--body"], ["check", "--format", "json"]]


@timeout(120)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("name", list(SMALL_TEXT_CASES))
def test_small_text_cases_give_a_result(name: str, command: list[str], tmp_path: Path,
                                        capsysbinary) -> None:
    if command[0] == "check":
        pytest.importorskip("jianghua.checks")
    data = SMALL_TEXT_CASES[name]
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run_cli([*command, str(path)], capsysbinary)
    assert "Traceback" not in err
    assert "内部错误" not in err and "internal error" not in err, err
    if command[0] == "check":
        assert code in (0, 1), err  # 1: findings at the failing severity
        json.loads(out)
        return
    assert_result(code, err)
    if command[0] == "parse":
        assert_parse_json(out, expected_text(data))


def test_empty_and_whitespace_through_the_api() -> None:
    empty = parse("")
    assert empty.length == 0
    assert all(node.kind == "blank" for node in empty.nodes)
    assert_speech_of(empty, "")
    blank = parse(WHITESPACE)
    assert_speech_of(blank, WHITESPACE)
    assert all(node.kind == "blank" for node in blank.nodes)
    Speech.model_validate_json(blank.model_dump_json())


def test_control_characters_are_kept() -> None:
    speech = parse(CONTROLS)
    assert_speech_of(speech, CONTROLS)
    Speech.model_validate_json(speech.model_dump_json())
    # Every C0 control, DEL, C1 and the Unicode separators, inside and between markers.
    every = "".join(chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029])
    text = "".join(f"{every}一、{ch}标题{ch}。{ch}一是{ch}。\n" for ch in every)
    speech = parse(text)
    assert_speech_of(speech, text)
    Speech.model_validate_json(speech.model_dump_json())


def test_lone_surrogates_through_the_api() -> None:
    # Not produced by decoding (strict codecs), but parse() takes any str.
    text = "一、标题\udc80\n\ud800正文。\n"
    speech = parse(text)
    assert_speech_of(speech, text)


BINARY_CASES: dict[str, bytes] = {
    "controls_heavy.txt": bytes(range(1, 32)) * 300,
    "random.txt": random.Random(4).randbytes(1 << 20),
    "png.txt": b"\x89PNG\r\n\x1a\n" + random.Random(5).randbytes(4096),
    "elf.txt": b"\x7fELF\x02\x01\x01" + bytes(4096),
    "nuls.txt": bytes(1 << 16),
    "docx_as.txt": b"PK\x03\x04" + random.Random(6).randbytes(4096),
    "invalid_utf8_mid.txt": INVALID_UTF8,
    "utf16_odd_length.txt": SAMPLE[:2000].encode("utf-16-le") + b"\x00",
}


@timeout(120)
@pytest.mark.parametrize("name", list(BINARY_CASES))
def test_binary_and_undecodable_files_are_one_line_errors(name: str, tmp_path: Path,
                                                          capsysbinary) -> None:
    path = tmp_path / name
    path.write_bytes(BINARY_CASES[name])
    code, out, err = run_cli(["parse", str(path)], capsysbinary)
    if name == "utf16_odd_length.txt" and code == 0:  # a result is fine too
        assert_result(code, err)
        assert_parse_json(out, expected_text(BINARY_CASES[name]))
        return
    line = assert_clean_error(code, err)
    assert str(path) in line
    assert out == b""
    with pytest.raises(InputError):
        parse_file(path)


def test_invalid_utf8_names_the_line_of_the_bad_bytes(tmp_path: Path, capsysbinary) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(INVALID_UTF8)
    code, _, err = run_cli(["outline", str(path)], capsysbinary)
    line = assert_clean_error(code, err)
    bad_line = SAMPLE[:1500].count("\n") + 1
    assert f"{path}:{bad_line}:" in line
    assert "0xFF" in line


def test_truncated_utf8_sequence_mid_file(tmp_path: Path, capsysbinary) -> None:
    # The lead bytes of 中 with its last byte missing: a result (read as GB18030) or a
    # one-line error are both acceptable; a crash is not.
    data = SAMPLE[:1500].encode() + b"\xe4\xb8" + SAMPLE[1500:3000].encode()
    path = tmp_path / "truncated.txt"
    path.write_bytes(data)
    code, out, err = run_cli(["parse", str(path)], capsysbinary)
    if code == 0:
        assert_result(code, err)
        assert_parse_json(out, expected_text(data))
    else:
        assert_clean_error(code, err)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(codec: str, tmp_path: Path) -> None:
    text = SAMPLE[:20000]
    path = tmp_path / "u16.txt"
    path.write_bytes(text.encode(codec))
    speech = parse_file(path)
    assert speech.source.encoding == codec and not speech.source.bom
    assert render(speech) == text


# --- big inputs ------------------------------------------------------------------------


def _speeches_file(path: Path, size: int) -> Path:
    """About ``size`` bytes of real speeches (the UTF-8 samples, repeated)."""
    unit = SAMPLE.encode("utf-8")
    with path.open("wb") as handle:
        for _ in range(size // len(unit) + 1):
            handle.write(unit)
    return path


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _speeches_file(tmp_path_factory.mktemp("big") / "big.txt", BIG_BYTES)


def _peak_parsing(path: Path) -> tuple[int, Speech]:
    tracemalloc.start()
    try:
        speech = parse_file(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, speech


@timeout(1800)
def test_big_file_parses_within_bounded_memory(big_file: Path, tmp_path: Path) -> None:
    small_file = _speeches_file(tmp_path / "small.txt", SMALL_BYTES)
    small_peak, speech = _peak_parsing(small_file)
    del speech
    size, small_size = big_file.stat().st_size, small_file.stat().st_size
    peak, speech = _peak_parsing(big_file)
    multiple = peak / size
    marginal = (peak - small_peak) / (size - small_size)
    print(f"\n{size / 1e6:.1f} MB: peak traced memory {peak / 1e6:.0f} MB = {multiple:.1f}x; "
          f"{marginal:.1f} bytes per byte above {small_size / 1e6:.1f} MB")
    assert multiple < MEMORY_MULTIPLE
    # Linear growth: what each further byte costs is within the same bound, so the
    # multiple cannot climb past it on a larger file.
    assert marginal < MEMORY_MULTIPLE
    text = big_file.read_bytes().decode("utf-8")
    assert speech.length == len(text)
    assert render(speech) == text
    del text, speech


@timeout(1800)
def test_big_file_through_the_cli(big_file: Path, tmp_path: Path, capsysbinary) -> None:
    target = tmp_path / "big.outline"
    code, out, err = run_cli(["outline", str(big_file), "-o", str(target)], capsysbinary)
    assert_result(code, err)
    assert err == "" and out == b""
    assert target.stat().st_size > 0


@timeout(600)
def test_single_5mb_line(tmp_path: Path, capsysbinary) -> None:
    unit = re.sub("[\r\n]", "", SAMPLE)
    text = unit * (5_000_000 // len(unit.encode()) + 1)
    assert "\n" not in text and len(text.encode()) >= 5_000_000
    path = tmp_path / "line.txt"
    path.write_bytes(text.encode("utf-8"))
    target = tmp_path / "line.json"
    code, _, err = run_cli(["parse", str(path), "-o", str(target)], capsysbinary)
    assert_result(code, err)
    assert_parse_json(target.read_bytes(), text)


def headings_text(count: int) -> str:
    """``count`` standalone headings of every level, numbered as they come."""
    forms = [lambda n: f"{cn(n)}、", lambda n: f"（{cn(n)}）", lambda n: f"{n}.",
             lambda n: f"（{n}）", lambda n: "①②③④⑤⑥⑦⑧⑨⑩"[(n - 1) % 10]]
    return "".join(f"{forms[i % 5](i // 5 % 99 + 1)}标题{i}\n" for i in range(count))


def cn(n: int) -> str:
    digits = "一二三四五六七八九"
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens - 1] + "十")
    return head + (digits[ones - 1] if ones else "")


@timeout(900)
def test_100000_headings(tmp_path: Path, capsysbinary) -> None:
    text = headings_text(100_000)
    speech = parse(text)
    assert_speech_of(speech, text)
    assert sum(isinstance(node, Section) for node in walk(speech.nodes)) == 100_000
    Speech.model_validate_json(speech.model_dump_json())
    del speech
    path = tmp_path / "headings.txt"
    path.write_bytes(text.encode("utf-8"))
    target = tmp_path / "headings.outline"
    code, _, err = run_cli(["outline", str(path), "-o", str(target)], capsysbinary)
    assert_result(code, err)
    assert len(target.read_text("utf-8").splitlines()) >= 100_000


#: One line per style; ``{n}`` is the ordinal (Chinese numerals for the Chinese styles).
STYLES = ["第{c}部分 ", "{c}、", "（{c}）", "{n}.", "（{n}）", "{circled}", "第{c}，", "{c}是",
          "首先，", "其{c}，", "第{c}点，", "{c}要"]
#: Styles that are all distinct series (nesting keys) of the floating kinds.
COUNTER_WORDS = ["点", "条", "條", "句话", "个方面", "个问题", "個問題", "个角度", "个层面",
                 "个字", "是"]
SHI_VERBS = ["是", "要", "抓", "靠", "讲", "看", "不能", "可以"]


def nested_text(count: int, styles: list[str], *, counting: bool) -> str:
    lines = []
    for i in range(count):
        n = i // len(styles) % 20 + 1 if counting else 1
        marker = styles[i % len(styles)].format(c=cn(n), n=n, circled="①②③④⑤⑥⑦⑧⑨⑩"[(n - 1) % 10])
        lines.append(f"{marker}第{i}项内容。说明文字。\n")
    return "".join(lines)


NESTED_CASES = {
    "cycling_styles_first": nested_text(10_000, STYLES, counting=False),
    "cycling_styles_counting": nested_text(10_000, STYLES, counting=True),
    "counter_words": nested_text(
        10_000, [f"第{{c}}{w}，" for w in COUNTER_WORDS] + [f"{{c}}{v}" for v in SHI_VERBS],
        counting=True),
    "counter_words_reversed": nested_text(
        10_000, [f"{{c}}{v}" for v in reversed(SHI_VERBS)]
        + [f"第{{c}}{w}：" for w in reversed(COUNTER_WORDS)] + STYLES[::-1], counting=True),
}


@timeout(600)
@pytest.mark.parametrize("name", list(NESTED_CASES))
def test_10000_nested_markers(name: str, tmp_path: Path, capsysbinary) -> None:
    text = NESTED_CASES[name]
    speech = parse(text)
    assert_speech_of(speech, text)
    Speech.model_validate_json(speech.model_dump_json())
    # Depth comes from the distinct styles (11 to 20 here), never from the line count.
    assert 1 < max_depth(speech) <= 40
    path = tmp_path / "nested.txt"
    path.write_bytes(text.encode("utf-8"))
    for command in (["tree"], ["outline"]):
        code, out, err = run_cli([*command, str(path)], capsysbinary)
        assert_result(code, err)
        assert out


# --- .docx -----------------------------------------------------------------------------


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(paragraphs: tuple[str, ...] = ("一、标题", "正文。")) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def repack(data: bytes, replace: dict[str, bytes | Callable[[zipfile.ZipFile], None]]
           | None = None, *, stored: set[str] = frozenset(), extra: dict[str, bytes]
           | None = None) -> bytes:
    """Copy a package, replacing members (bytes, or a writer for a streamed member)."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = replace.get(info.filename, src.read(info))
            if callable(blob):
                blob(dst)
                continue
            kind = zipfile.ZIP_STORED if info.filename in stored else zipfile.ZIP_DEFLATED
            dst.writestr(info.filename, blob, compress_type=kind)
        for name, blob in (extra or {}).items():
            dst.writestr(name, blob)
    return out.getvalue()


def document_xml(body: bytes, prolog: bytes = b"") -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + prolog
            + f'<w:document xmlns:w="{W_NS}"><w:body>'.encode() + body
            + b"</w:body></w:document>")


def para(text: str) -> bytes:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()


def streamed_spaces(name: str, size: int) -> Callable[[zipfile.ZipFile], None]:
    def write(dst: zipfile.ZipFile) -> None:
        chunk = b" " * (1 << 20)
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w", force_zip64=True) as handle:
            written = 0
            while written < size:
                handle.write(chunk)
                written += len(chunk)
    return write


def lying_sizes(data: bytes, name: str, declared: int) -> bytes:
    """The member ``name`` claims ``declared`` uncompressed bytes in both headers."""
    raw = bytearray(data)
    encoded = name.encode()
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := raw.find(signature, start)) >= 0:
            name_at = 30 if signature == b"PK\x03\x04" else 46
            name_len = struct.unpack_from("<H", raw, start + (26 if name_at == 30 else 28))[0]
            if raw[start + name_at:start + name_at + name_len] == encoded:
                struct.pack_into("<I", raw, start + size_at, declared)
            start += 4
    return bytes(raw)


def billion_laughs() -> bytes:
    entities = [b'<!ENTITY a0 "ha">'] + [
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">'.encode() for i in range(1, 10)]
    return b"<!DOCTYPE w:document [" + b"".join(entities) + b"]>"


def docx_cases() -> dict[str, Callable[[], bytes]]:
    base = docx_bytes
    big_member = 40 * 1024 * 1024
    return {
        "text_not_zip": lambda: "一、这不是压缩包\n".encode() * 100,
        "empty": lambda: b"",
        "png": lambda: b"\x89PNG\r\n\x1a\n" + bytes(100),
        "ole_old_doc": lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096),
        "truncated_zip": lambda: base()[: len(base()) // 2],
        "zip_without_document": lambda: _zip({"hello.txt": b"hi"}),
        "zip_bomb_media": lambda: _with_streamed(base(), "word/media/bomb.bin",
                                                 big_member * 25),
        "zip_bomb_under_total": lambda: _with_streamed(base(), "word/media/bomb.bin",
                                                       150 * 1024 * 1024),
        "zip_bomb_document": lambda: repack(base(), {
            "word/document.xml": streamed_spaces("word/document.xml", big_member * 25)}),
        "zip_bomb_lying_size": lambda: lying_sizes(repack(base(), {
            "word/document.xml": document_xml(b" " * big_member)}), "word/document.xml",
            2000),
        "doctype_internal_entity": lambda: repack(base(), {"word/document.xml": document_xml(
            para("&x;"), b'<!DOCTYPE w:document [<!ENTITY x "boom">]>')}),
        "doctype_external_entity": lambda: repack(base(), {"word/document.xml": document_xml(
            para("&x;"), b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>')}),
        "doctype_external_dtd": lambda: repack(base(), {"word/document.xml": document_xml(
            para("正文"), b'<!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/x.dtd">')}),
        "doctype_parameter_entity": lambda: repack(base(), {"word/document.xml": document_xml(
            para("正文"), b'<!DOCTYPE w:document [<!ENTITY % p SYSTEM "file:///etc/passwd">'
                          b"%p;]>")}),
        "billion_laughs": lambda: repack(base(), {"word/document.xml": document_xml(
            para("&a9;"), billion_laughs())}),
        "doctype_utf16": lambda: repack(base(), {"word/document.xml": document_xml(
            para("&x;"), b'<!DOCTYPE w:document [<!ENTITY x "boom">]>').decode()
            .replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")}),
        "doctype_in_styles": lambda: repack(base(), {"word/styles.xml": (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY y SYSTEM "file:///etc/passwd">]>'
            + f'<w:styles xmlns:w="{W_NS}">&y;</w:styles>'.encode())}),
        "doctype_in_part_not_named_xml": _doctype_in_renamed_part,
        "xml_part_over_the_limit": lambda: repack(base(), {
            "word/document.xml": document_xml(para("一、标题") * 10
                                              + b" " * (65 * 1024 * 1024))},
            stored={"word/document.xml"}),
        "deep_nesting": lambda: repack(base(), {"word/document.xml": document_xml(
            b"<w:sdt><w:sdtContent>" * 5000 + para("一、标题")
            + b"</w:sdtContent></w:sdt>" * 5000)}),
        "deep_tables": lambda: repack(base(), {"word/document.xml": document_xml(
            b"<w:tbl><w:tr><w:tc>" * 80 + para("一、标题")
            + b"</w:tc></w:tr></w:tbl>" * 80)}),
        "many_members": lambda: repack(base(), extra={
            f"customXml/item{i}.bin": b"" for i in range(50_000)}),
        "malformed_xml": lambda: repack(base(), {"word/document.xml": b"<w:document"}),
        "not_xml": lambda: repack(base(), {"word/document.xml": bytes(range(256)) * 10}),
    }


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, blob in members.items():
            zf.writestr(name, blob)
    return out.getvalue()


def _with_streamed(data: bytes, name: str, size: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        streamed_spaces(name, size)(dst)
    return out.getvalue()


def _doctype_in_renamed_part() -> bytes:
    """The main document part is word/main.bin (named in _rels/.rels and the content
    types), so the pre-scan of *.xml members never sees its DOCTYPE."""
    data = docx_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        rels = zf.read("_rels/.rels").replace(b"word/document.xml", b"word/main.bin")
        types = zf.read("[Content_Types].xml").replace(b"/word/document.xml",
                                                       b"/word/main.bin")
        main_rels = zf.read("word/_rels/document.xml.rels")
    hostile = document_xml(para("&x;"), b'<!DOCTYPE w:document [<!ENTITY x SYSTEM '
                                         b'"file:///etc/passwd">]>')
    return repack(data, {"_rels/.rels": rels, "[Content_Types].xml": types},
                  extra={"word/main.bin": hostile, "word/_rels/main.bin.rels": main_rels})


DOCX_MAY_SUCCEED = {"deep_tables", "doctype_in_part_not_named_xml", "many_members"}
DOCX_CASES = docx_cases()


@timeout(300)
@pytest.mark.parametrize("name", list(DOCX_CASES))
def test_hostile_docx(name: str, tmp_path: Path, capsysbinary) -> None:
    path = tmp_path / f"{name}.docx"
    path.write_bytes(DOCX_CASES[name]())
    code, out, err = run_cli(["parse", str(path)], capsysbinary)
    if name in DOCX_MAY_SUCCEED and code == 0:
        assert_result(code, err)
        speech = Speech.model_validate_json(out)
        assert "passwd" not in render(speech) and "root:" not in render(speech)
        return
    line = assert_clean_error(code, err)
    assert str(path) in line
    assert out == b""


def test_doctype_in_a_part_with_another_name_is_refused(tmp_path: Path, capsysbinary) -> None:
    path = tmp_path / "renamed.docx"
    path.write_bytes(_doctype_in_renamed_part())
    code, _, err = run_cli(["parse", str(path)], capsysbinary)
    assert "DOCTYPE" in assert_clean_error(code, err)


@timeout(900)
def test_huge_document_xml_within_the_limit(tmp_path: Path, capsysbinary) -> None:
    """About 60 MB of WordprocessingML (under the 64 MB per-part limit of docx_reader),
    mostly markup: many runs of one character each, stored so the ratio check passes."""
    from jianghua.docx import reader as docx_reader

    run = "<w:r><w:rPr><w:b/><w:i/><w:color w:val=\"FF0000\"/></w:rPr><w:t>{}</w:t></w:r>"
    chars = re.sub(r"[\s<>&]", "", SAMPLE)
    paragraphs = []
    size = 0
    target = min(60 * 1024 * 1024, docx_reader.MAX_XML_PART - (1 << 20))
    i = 0
    while size < target:
        body = "".join(run.format(chars[(i * 40 + k) % len(chars)]) for k in range(40))
        piece = f"<w:p>{body}</w:p>".encode()
        paragraphs.append(piece)
        size += len(piece)
        i += 1
    xml = document_xml(b"".join(paragraphs))
    del paragraphs
    assert len(xml) <= docx_reader.MAX_XML_PART
    path = tmp_path / "huge.docx"
    path.write_bytes(repack(docx_bytes(), {"word/document.xml": xml},
                            stored={"word/document.xml"}))
    del xml
    target_json = tmp_path / "huge.json"
    code, _, err = run_cli(["parse", str(path), "-o", str(target_json)], capsysbinary)
    assert_result(code, err)
    speech = Speech.model_validate_json(target_json.read_bytes())
    assert speech.length == len(render(speech)) >= i * 40


# --- standard input ---------------------------------------------------------------------


STDIN_CASES = {
    "empty": (b"", True),
    "whitespace": (WHITESPACE.encode(), True),
    "utf16_nobom": (SAMPLE[:3000].encode("utf-16-le"), True),
    "binary": (random.Random(7).randbytes(1 << 16), False),
    "invalid_utf8": (INVALID_UTF8, False),
    "not_a_docx_zip": (b"PK\x03\x04" + bytes(100), False),
    "docx_with_doctype": (None, False),
}


@timeout(120)
@pytest.mark.parametrize("name", list(STDIN_CASES))
def test_stdin(name: str, monkeypatch: pytest.MonkeyPatch, capsysbinary) -> None:
    data, succeeds = STDIN_CASES[name]
    if data is None:
        data = DOCX_CASES["doctype_external_entity"]()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, err = run_cli(["parse", "-"], capsysbinary)
    if succeeds:
        assert_result(code, err)
        assert_parse_json(out, expected_text(data))
    else:
        assert "<stdin>" in assert_clean_error(code, err)


# --- paths that are not regular files --------------------------------------------------


@pytest.mark.parametrize("command", [["parse"], ["outline"], ["tree"], ["render"],
                                     ["validate"], ["check"]], ids=lambda c: c[0])
def test_empty_directory(command: list[str], tmp_path: Path, capsysbinary) -> None:
    if command[0] == "check":
        pytest.importorskip("jianghua.checks")
    folder = tmp_path / "empty_dir"
    folder.mkdir()
    code, _, err = run_cli([*command, str(folder)], capsysbinary)
    assert str(folder) in assert_clean_error(code, err)
    with pytest.raises(InputError):
        parse_file(folder)


@pytest.mark.parametrize("command", [["parse"], ["outline"], ["tree"]], ids=lambda c: c[0])
def test_directory_of_speeches_is_a_batch(command: list[str], tmp_path: Path,
                                          capsysbinary) -> None:
    folder = tmp_path / "speeches.txt"  # a folder, whatever its name says
    folder.mkdir()
    (folder / "a.txt").write_bytes(SAMPLE[:3000].encode())
    code, out, err = run_cli([*command, str(folder)], capsysbinary)
    assert_result(code, err)
    assert out


@pytest.mark.parametrize("name", ["dir.json", "dir.docx"])
def test_directory_with_a_file_name(name: str, tmp_path: Path, capsysbinary) -> None:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "a.txt").write_bytes(SAMPLE[:3000].encode())
    code, _, err = run_cli(["render", str(folder)], capsysbinary)
    assert "is a directory" in assert_clean_error(code, err)
    with pytest.raises(InputError):
        parse_file(folder)


fifo_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def run_guarded(argv: list[str], unblock: Path, seconds: float = 5) -> tuple[int | None, str]:
    """``main(argv)`` in a thread; if it is still blocked after ``seconds`` (a FIFO
    opened for reading waits for a writer), open ``unblock`` for writing to free it,
    and report the hang as exit code None."""
    result: list[object] = []
    stderr = io.StringIO()

    def target() -> None:
        old = sys.stderr
        try:
            sys.stderr = stderr
            result.append(main(argv))
        except BaseException as exc:  # a hang or a crash is reported below
            result.append(exc)
        finally:
            sys.stderr = old

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        fd = os.open(unblock, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        worker.join(10)
        return None, stderr.getvalue()
    (outcome,) = result
    assert not isinstance(outcome, BaseException), repr(outcome)
    return outcome, stderr.getvalue()


@fifo_only
@timeout(120)
@pytest.mark.parametrize("argv", [
    ["parse", "pipe.txt"], ["outline", "pipe.txt"], ["parse", "pipe.docx"],
    ["tree", "pipe.docx"], ["check", "pipe.txt"],
    ["render", "pipe.json"], ["tree", "pipe.json"], ["validate", "pipe.json"],
], ids=lambda argv: "-".join(argv))
def test_fifo_does_not_hang(argv: list[str], tmp_path: Path) -> None:
    if argv[0] == "check":
        pytest.importorskip("jianghua.checks")
    fifo = tmp_path / argv[1]
    os.mkfifo(fifo)
    code, err = run_guarded([argv[0], str(fifo)], fifo)
    assert code is not None, f"jianghua {argv[0]} blocked on a FIFO"
    line = assert_clean_error(code, err)
    assert "FIFO" in line


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@timeout(60)
@pytest.mark.parametrize("name", ["zero.txt", "zero.docx", "zero.md"])
def test_endless_device_is_refused(name: str, tmp_path: Path, capsysbinary) -> None:
    link = tmp_path / name
    link.symlink_to("/dev/zero")
    code, _, err = run_cli(["outline", str(link)], capsysbinary)
    assert "not a regular file" in assert_clean_error(code, err)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@timeout(60)
def test_endless_device_named_json_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    # In a child whose memory is capped: a regression (reading /dev/zero to the end)
    # then fails this test instead of exhausting the machine.
    import subprocess

    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from jianghua.cli import main\n"
        f"sys.exit(main(['render', {str(link)!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=50)
    err = done.stderr.decode("utf-8", "replace")
    assert "not a regular file" in assert_clean_error(done.returncode, err)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads any file")
@pytest.mark.parametrize("name", ["secret.txt", "secret.docx", "secret.json"])
def test_unreadable_file(name: str, tmp_path: Path, capsysbinary) -> None:
    path = tmp_path / name
    path.write_bytes(docx_bytes() if name.endswith(".docx") else "一、标题\n".encode())
    path.chmod(0)
    try:
        command = ["render"] if name.endswith(".json") else ["outline"]
        code, _, err = run_cli([*command, str(path)], capsysbinary)
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert "permission denied" in assert_clean_error(code, err)


@pytest.mark.parametrize("name", ["secret.txt", "secret.docx", "secret.json"])
def test_unreadable_file_simulated(name: str, tmp_path: Path, capsysbinary,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """As root nothing is unreadable: make every way of opening the file refuse."""
    import builtins

    path = tmp_path / name
    path.write_bytes(docx_bytes() if name.endswith(".docx") else "一、标题\n".encode())
    real_os_open, real_open = os.open, builtins.open

    def deny(target) -> bool:
        return isinstance(target, (str, os.PathLike)) and os.fspath(target) == str(path)

    def os_open(target, *args, **kwargs):
        if deny(target):
            raise PermissionError(13, "Permission denied", os.fspath(target))
        return real_os_open(target, *args, **kwargs)

    def builtin_open(target, *args, **kwargs):
        if deny(target):
            raise PermissionError(13, "Permission denied", os.fspath(target))
        return real_open(target, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", builtin_open)
    command = ["render"] if name.endswith(".json") else ["outline"]
    code, _, err = run_cli([*command, str(path)], capsysbinary)
    line = assert_clean_error(code, err)
    assert "permission denied" in line or "Permission denied" in line


def test_missing_file_and_odd_paths(tmp_path: Path, capsysbinary) -> None:
    for argv in (["outline", str(tmp_path / "missing.txt")],
                 ["outline", str(tmp_path / "missing.docx")],
                 ["outline", str(tmp_path / "x.txt" / "below_a_file.txt")],
                 ["outline", "bad\x00name.txt"]):
        if argv[1].endswith("x.txt/below_a_file.txt"):
            (tmp_path / "x.txt").write_text("一、标题\n", "utf-8")
        code, _, err = run_cli(argv, capsysbinary)
        assert_clean_error(code, err)
