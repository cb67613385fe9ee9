"""The .docx reader: numbering labels, document order, hints, offsets, hostile files."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx.oxml import parse_xml

from docx_factory import (
    NS,
    SPEECH_LEVELS,
    Lvl,
    add_footnote_ref,
    add_footnotes,
    add_numbering,
    add_par,
    add_run_xml,
    add_styles,
    add_table,
    add_textbox,
    add_wps_heading_styles,
    new_document,
    rewrite,
    to_bytes,
)
from jianghua.docx import reader as docx_reader
from jianghua.docx.numbering import format_number
from jianghua.docx.reader import DocxText, read_docx, read_docx_bytes
from jianghua.errors import InputError


def lines(result: DocxText) -> list[str]:
    return result.text.split("\n")[:-1]


def check_offsets(result: DocxText) -> None:
    assert result.text.endswith("\n")
    assert len(result.paragraphs) == len(lines(result))
    for i, (p, line) in enumerate(zip(result.paragraphs, lines(result), strict=True)):
        assert p.index == i
        assert result.text[p.start:p.end] == line
        assert line.startswith(p.label)
        assert result.text[p.end] == "\n"


def speech_doc():
    doc = new_document()
    add_numbering(doc, {1: SPEECH_LEVELS}, {5: 1})
    return doc


def test_speech_ladder_labels_and_resets() -> None:
    doc = speech_doc()
    add_par(doc, "同志们：")
    add_par(doc, "提高站位", num_id=5, ilvl=0)
    add_par(doc, "加强组织领导", num_id=5, ilvl=1)
    add_par(doc, "压实责任", num_id=5, ilvl=2)
    add_par(doc, "第一点", num_id=5, ilvl=3)
    add_par(doc, "第二点", num_id=5, ilvl=3)
    add_par(doc, "细化措施", num_id=5, ilvl=2)
    add_par(doc, "强化督查", num_id=5, ilvl=1)
    add_par(doc, "正文段落。")
    add_par(doc, "狠抓落实", num_id=5)  # no ilvl: level 0
    add_par(doc, "健全机制", num_id=5, ilvl=1)  # restarted under the new parent
    add_par(doc, "考核", num_id=5, ilvl=2)
    result = read_docx_bytes(to_bytes(doc))
    assert lines(result) == [
        "同志们：", "一、提高站位", "（一）加强组织领导", "1.压实责任", "①第一点", "②第二点",
        "2.细化措施", "（二）强化督查", "正文段落。", "二、狠抓落实", "（一）健全机制", "1.考核",
    ]
    assert [p.label for p in result.paragraphs[:3]] == ["", "一、", "（一）"]
    assert result.warnings == []
    check_offsets(result)


def test_chinese_counting_past_ten() -> None:
    doc = speech_doc()
    for i in range(23):
        add_par(doc, f"第{i}", num_id=5, ilvl=0)
    labels = [p.label for p in read_docx_bytes(to_bytes(doc)).paragraphs]
    assert labels[8:12] == ["九、", "十、", "十一、", "十二、"]
    assert labels[19:] == ["二十、", "二十一、", "二十二、", "二十三、"]


@pytest.mark.parametrize(("n", "fmt", "expected"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"), (99, "chineseCounting", "九十九"),
    (101, "chineseCountingThousand", "一百零一"), (110, "chineseCountingThousand", "一百一十"),
    (10, "chineseLegalSimplified", "壹拾"), (3, "ideographTraditional", "丙"),
    (10, "ideographDigital", "一〇"), (12, "decimalFullWidth", "１２"),
    (1, "decimalEnclosedCircle", "①"), (20, "decimalEnclosedCircle", "⑳"),
    (21, "decimalEnclosedCircle", "21"), (28, "lowerLetter", "bb"), (3, "upperLetter", "C"),
    (14, "lowerRoman", "xiv"), (1994, "upperRoman", "MCMXCIV"), (7, "none", ""),
    (5, "decimalZero", "05"),
])
def test_number_formats(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


def test_start_override_restarts_shared_list() -> None:
    doc = new_document()
    add_numbering(doc, {1: [Lvl(0, "decimal", "%1.")]}, {1: 1, 2: 1, 3: 1}, {3: {0: 1}})
    add_par(doc, "a", num_id=1)
    add_par(doc, "b", num_id=1)
    add_par(doc, "c", num_id=2)  # same abstractNum, no override: the list continues
    add_par(doc, "d", num_id=3)  # "restart numbering"
    add_par(doc, "e", num_id=3)
    labels = [p.label for p in read_docx_bytes(to_bytes(doc)).paragraphs]
    assert labels == ["1.", "2.", "3.", "1.", "2."]


def test_lvl_restart_zero_never_restarts_and_multilevel_text() -> None:
    doc = new_document()
    add_numbering(doc, {1: [Lvl(0, "decimal", "%1."), Lvl(1, "decimal", "%1.%2", suff="space"),
                            Lvl(2, "lowerRoman", "%3)", restart=0),
                            Lvl(3, "upperRoman", "%4", is_lgl=True, suff="nothing")]},
                  {1: 1})
    for ilvl in (0, 1, 2, 1, 2, 0, 1, 2, 3):
        add_par(doc, "x", num_id=1, ilvl=ilvl)
    labels = [p.label for p in read_docx_bytes(to_bytes(doc)).paragraphs]
    assert labels == ["1.", "1.1 ", "i)", "1.2 ", "ii)", "2.", "2.1 ", "iii)", "1"]


def test_bullets_and_start_values() -> None:
    doc = new_document()
    add_numbering(doc, {1: [Lvl(0, "bullet", "\uf0b7")], 2: [Lvl(0, "chineseCounting",
                                                                   "第%1部分", start=3)]},
                  {1: 1, 2: 2})
    add_par(doc, "要点", num_id=1)
    add_par(doc, "要点", num_id=1)
    add_par(doc, "总结", num_id=2)
    assert lines(read_docx_bytes(to_bytes(doc))) == ["•要点", "•要点", "第三部分总结"]


def test_numbering_inherited_from_style_and_linked_level() -> None:
    doc = new_document()
    levels = [Lvl(0, "chineseCounting", "%1、", pstyle="H1"),
              Lvl(1, "chineseCounting", "（%2）", pstyle="H2")]
    add_numbering(doc, {7: levels}, {9: 7})
    # Word's multilevel heading lists: the style carries only numId; the level is the one
    # whose w:pStyle names the style.
    add_styles(doc, [("H1", "heading 1", '<w:numPr><w:numId w:val="9"/></w:numPr>'
                      '<w:outlineLvl w:val="0"/>'),
                     ("H2", "heading 2", '<w:numPr><w:numId w:val="9"/></w:numPr>')])
    add_par(doc, "总体要求", style_id="H1")
    add_par(doc, "指导思想", style_id="H2")
    add_par(doc, "不编号的一段", style_id="H2", num_id=0)
    add_par(doc, "主要任务", style_id="H1")
    result = read_docx_bytes(to_bytes(doc))
    assert lines(result) == ["一、总体要求", "（一）指导思想", "不编号的一段", "二、主要任务"]
    assert [p.style_name for p in result.paragraphs] == [
        "Heading 1", "Heading 2", "Heading 2", "Heading 1"]
    # H1 has an explicit outline level; H2 gets one from its "heading 2" name.
    assert [p.outline_level for p in result.paragraphs] == [0, 1, 1, 0]


def test_missing_numbering_definition_is_reported() -> None:
    doc = speech_doc()
    add_par(doc, "标题", num_id=42, ilvl=0)
    result = read_docx_bytes(to_bytes(doc))
    assert lines(result) == ["标题"]
    assert "numbering definition 42 missing: label left out" in result.warnings


def test_table_order_and_origin() -> None:
    doc = speech_doc()
    add_par(doc, "会前", num_id=5, ilvl=0)
    add_table(doc, [["姓名", "职务"], ["张三", "书记"]])
    add_par(doc, "会后", num_id=5, ilvl=0)
    result = read_docx_bytes(to_bytes(doc))
    assert lines(result) == ["一、会前", "姓名", "职务", "张三", "书记", "二、会后"]
    assert [p.origin for p in result.paragraphs] == ["body"] + ["table"] * 4 + ["body"]
    check_offsets(result)


def test_textbox_read_once_after_its_anchor() -> None:
    doc = new_document()
    add_par(doc, "前文")
    anchor = add_par(doc, "锚点")
    add_textbox(anchor, ["框内一", "框内二"])
    add_par(doc, "后文")
    result = read_docx_bytes(to_bytes(doc))
    assert lines(result) == ["前文", "锚点", "框内一", "框内二", "后文"]
    assert [p.origin for p in result.paragraphs] == [
        "body", "body", "textbox", "textbox", "body"]
    assert "1 text boxes read in document order" in result.warnings
    check_offsets(result)


def test_runs_breaks_tabs_and_tracked_changes() -> None:
    doc = new_document()
    p = add_par(doc)
    add_run_xml(p, "<w:t>甲</w:t><w:br/><w:t>乙</w:t><w:tab/><w:t>丙</w:t>"
                   '<w:br w:type="page"/><w:t>丁\n戊</w:t>')
    p._p.append(p._p.makeelement(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}del"))
    add_run_xml(p, '<w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t>')
    result = read_docx_bytes(to_bytes(doc))
    assert lines(result) == ["甲 乙\t丙丁 戊"]
    check_offsets(result)


def test_wps_numeric_style_ids_and_hints() -> None:
    doc = new_document()
    add_wps_heading_styles(doc)
    add_par(doc, "一、总体要求", style_id="1")
    add_par(doc, "（一）指导思想", style_id="2")
    add_par(doc, "1.具体", style_id="3")
    add_par(doc, "正文", outline=9)
    add_par(doc, "大纲二级正文", outline=1)
    result = read_docx_bytes(to_bytes(doc))
    assert [p.style_name for p in result.paragraphs] == [
        "Heading 1", "标题 2", "Heading 3", "Normal", "Normal"]
    assert [p.outline_level for p in result.paragraphs] == [0, 1, 2, None, 1]
    assert all(p.label == "" for p in result.paragraphs)


def test_footnotes_appended_in_reference_order() -> None:
    doc = new_document()
    add_footnotes(doc, {1: "注一", 2: "注二"})
    p = add_par(doc, "正文")
    add_footnote_ref(p, 2)
    add_par(doc, "再一段")
    add_footnote_ref(doc.paragraphs[-1], 1)
    result = read_docx_bytes(to_bytes(doc))
    assert lines(result) == ["正文", "再一段", "注二", "注一"]
    assert [p.origin for p in result.paragraphs][-2:] == ["footnote", "footnote"]


def test_read_docx_from_path(tmp_path) -> None:
    doc = speech_doc()
    add_par(doc, "标题", num_id=5, ilvl=0)
    target = tmp_path / "讲话.docx"
    doc.save(str(target))
    assert read_docx(target).text == "一、标题\n"
    with pytest.raises(InputError):
        read_docx(tmp_path / "missing.docx")
    with pytest.raises(InputError):
        read_docx(tmp_path)


# ---------------------------------------------------------------- hostile and broken files


def test_not_a_zip() -> None:
    with pytest.raises(InputError) as err:
        read_docx_bytes(b"just some text", path="x.docx")
    assert "不是有效的 .docx 文件" in err.value.message
    assert "x.docx" in err.value.message


def test_ole_header_is_old_doc_or_encrypted() -> None:
    with pytest.raises(InputError) as err:
        read_docx_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert "encrypted" in err.value.reason_en and ".doc" in err.value.reason_zh


def test_zip_bomb_ratio() -> None:
    data = rewrite(to_bytes(new_document()), "", extra={"word/media/big.bin": b"\0" * (16 << 20)})
    with pytest.raises(InputError) as err:
        read_docx_bytes(data)
    assert "zip bomb" in err.value.reason_en


def test_zip_bomb_total(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_TOTAL_UNCOMPRESSED", 100_000)
    with pytest.raises(InputError) as err:
        read_docx_bytes(to_bytes(new_document()))
    assert "200 MB" in err.value.reason_en


@pytest.mark.parametrize("decl", [
    b'<!DOCTYPE w:document [<!ENTITY x "boom">]>',
    b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
])
def test_doctype_and_entities_rejected(decl: bytes) -> None:
    doc = new_document()
    add_par(doc, "正文")

    def inject(xml: bytes) -> bytes:
        head, rest = xml.split(b"?>", 1)
        return head + b"?>" + decl + rest.replace("正文".encode(), b"&x;")

    with pytest.raises(InputError) as err:
        read_docx_bytes(rewrite(to_bytes(doc), "word/document.xml", inject))
    assert "DOCTYPE" in err.value.reason_en


def test_missing_document_part() -> None:
    data = rewrite(to_bytes(new_document()), "word/document.xml", drop=True)
    with pytest.raises(InputError) as err:
        read_docx_bytes(data)
    assert "word/document.xml" in err.value.reason_en


def test_zip_that_is_not_word() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", b"<not-closed")
    with pytest.raises(InputError):
        read_docx_bytes(buf.getvalue())


def test_header_text_is_reported_not_read() -> None:
    doc = new_document()
    add_par(doc, "正文")
    doc.sections[0].header.paragraphs[0].text = "中共XX市委办公室"
    result = read_docx_bytes(to_bytes(doc))
    assert lines(result) == ["正文"]
    assert any("中共XX市委办公室" in w and "header/footer" in w for w in result.warnings)


def test_corrupted_member() -> None:
    doc = new_document()
    add_par(doc, "独一无二的正文内容")
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(to_bytes(doc))) as src, zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():  # stored, so the text can be damaged in place
            dst.writestr(info.filename, src.read(info), zipfile.ZIP_STORED)
    data = buf.getvalue().replace("独一无二".encode(), "独二无一".encode())
    with pytest.raises(InputError) as err:
        read_docx_bytes(data)
    assert "BadZipFile" in err.value.reason_en


def test_num_style_link_is_followed() -> None:
    doc = new_document()
    add_numbering(doc, {2: [Lvl(0, "chineseCounting", "第%1条")]}, {2: 2})
    numbering = doc.part.numbering_part.element
    # abstractNum 1 only points at the numbering style "ListStyle" (§17.9.21), whose numId
    # leads to the abstractNum that really holds the levels.
    numbering.insert(0, parse_xml(f'<w:abstractNum {NS} w:abstractNumId="1">'
                                  '<w:numStyleLink w:val="ListStyle"/></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {NS} w:numId="1"><w:abstractNumId w:val="1"/></w:num>'))
    add_styles(doc, [("ListStyle", "My List", '<w:numPr><w:numId w:val="2"/></w:numPr>')])
    add_par(doc, "总则", num_id=1, ilvl=0)
    add_par(doc, "分则", num_id=1, ilvl=0)
    assert lines(read_docx_bytes(to_bytes(doc))) == ["第一条总则", "第二条分则"]
