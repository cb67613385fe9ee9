"""``jianghua check --fix`` on a .docx: docx_writer carries text edits into the package.

Every draft is built here with python-docx (tests/docx_factory.py). What each test
holds to: the fixed copy reads back as the fixed text; runs that were not edited are
byte-identical, and edited runs keep their ``w:rPr``; every other zip member is
byte-identical, in the same order with the same compression; the input is never
rewritten unless ``--in-place`` asks; fixing the output again changes nothing; an edit
the writer cannot place exactly (a label Word draws, a soft break, a field, tracked
changes) is skipped and reported, never guessed.
"""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from docx_factory import (
    SPEECH_LEVELS,
    Lvl,
    W,
    add_footnote_ref,
    add_footnotes,
    add_numbering,
    add_par,
    add_run_xml,
    add_table,
    add_textbox,
    add_wps_heading_styles,
    new_document,
    rewrite,
    to_bytes,
)
from jianghua.api import parse_docx, render
from jianghua.cli.check import main
from jianghua.docx.reader import read_docx_bytes
from jianghua.docx.writer import DocxEditor, DocxWriteError, apply_text_edits

OPENING = ["同志们：", "今天，我们召开全市作风建设大会。下面，我讲三点意见。"]
CLOSING = "我就讲到这里，谢谢大家！"


def t(tag: str) -> str:
    return f"{{{W}}}{tag}"


def text_of(data: bytes) -> str:
    return read_docx_bytes(data).text


def document_xml(data: bytes, member: str = "word/document.xml") -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(member)


def runs(data: bytes) -> list[etree._Element]:
    return list(etree.fromstring(document_xml(data)).iter(t("r")))


def xml(el: etree._Element | None) -> bytes | None:
    return None if el is None else etree.tostring(el)


def members(data: bytes) -> list[tuple[str, int, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(i.filename, i.compress_type, zf.read(i)) for i in zf.infolist()]


def assert_package_kept(before: bytes, after: bytes, changed: set[str]) -> None:
    """Same members in the same order with the same compression; only ``changed``
    members differ, and those do."""
    old, new = members(before), members(after)
    assert [(n, c) for n, c, _ in old] == [(n, c) for n, c, _ in new]
    for (name, _, blob), (_, _, fixed) in zip(old, new, strict=True):
        if name in changed:
            assert blob != fixed, name
        else:
            assert blob == fixed, name


def assert_runs_kept(before: bytes, after: bytes, edited: set[int]) -> None:
    """Every run keeps its rPr byte for byte; a run not edited is byte-identical."""
    old, new = runs(before), runs(after)
    assert len(old) == len(new)
    for i, (a, b) in enumerate(zip(old, new, strict=True)):
        assert xml(a.find(t("rPr"))) == xml(b.find(t("rPr"))), i
        if i not in edited:
            assert xml(a) == xml(b), i


def run_check(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def fix_to_copy(tmp_path: Path, capsys, data: bytes, name: str = "draft.docx",
                *extra: str) -> tuple[bytes, int, str, str]:
    """Write ``data``, fix it into a copy; the input must come out untouched."""
    source = tmp_path / name
    source.write_bytes(data)
    target = tmp_path / f"fixed-{name}"
    code, out, err = run_check(capsys, source, "--isolated", "--fix", "-o", target, *extra)
    assert source.read_bytes() == data  # never rewritten without --in-place
    assert target.exists(), err
    return target.read_bytes(), code, out, err


def assert_idempotent(tmp_path: Path, capsys, fixed: bytes) -> None:
    """Fixing the output again changes nothing, as a copy or in place."""
    again, _, _, _ = fix_to_copy(tmp_path, capsys, fixed, "again.docx")
    assert again == fixed
    path = tmp_path / "again.docx"
    run_check(capsys, path, "--isolated", "--fix", "--in-place")
    assert path.read_bytes() == fixed


# --- the cases of issue 4 --------------------------------------------------------------

def test_half_width_punctuation_across_formatted_runs(tmp_path, capsys) -> None:
    doc = new_document()
    add_par(doc, OPENING[0])
    p = add_par(doc)
    p.add_run("今天").bold = True          # run 1: bold, untouched
    p.add_run(",我们召开全市会议;研究工作")  # run 2: normal, two fixes
    p.add_run("。").italic = True          # run 3: italic, untouched
    add_par(doc, CLOSING)
    data = to_bytes(doc)
    fixed, code, _, err = fix_to_copy(tmp_path, capsys, data)
    assert code == 0, err
    assert text_of(fixed) == f"{OPENING[0]}\n今天，我们召开全市会议；研究工作。\n{CLOSING}\n"
    assert_runs_kept(data, fixed, edited={2})
    assert_package_kept(data, fixed, changed={"word/document.xml"})
    # Nothing but the edited text changed in document.xml, byte for byte.
    assert document_xml(fixed) == document_xml(data).replace(
        ",我们召开全市会议;研究工作".encode(), "，我们召开全市会议；研究工作".encode())
    assert "已修复 2 处" in err
    assert_idempotent(tmp_path, capsys, fixed)


def test_renumbering_typed_markers(tmp_path, capsys) -> None:
    doc = new_document()
    for line in OPENING:
        add_par(doc, line)
    for marker, title in (("一、", "提高站位"), ("二、", "直面问题"), ("四、", "狠抓落实")):
        p = add_par(doc)
        p.add_run(marker).bold = True
        p.add_run(title)
        add_par(doc, "正文。")
    add_par(doc, CLOSING)
    data = to_bytes(doc)
    fixed, code, _, _ = fix_to_copy(tmp_path, capsys, data)
    assert code == 0
    assert "三、狠抓落实" in text_of(fixed) and "四、" not in text_of(fixed)
    marker_run = next(i for i, r in enumerate(runs(data)) if r.findtext(t("t")) == "四、")
    assert runs(fixed)[marker_run].findtext(t("t")) == "三、"
    assert_runs_kept(data, fixed, edited={marker_run})
    assert_package_kept(data, fixed, changed={"word/document.xml"})
    assert_idempotent(tmp_path, capsys, fixed)


def test_slip_inside_one_run(tmp_path, capsys) -> None:
    doc = new_document()
    add_par(doc, OPENING[0])
    p = add_par(doc)
    p.add_run("我们要关心").underline = True
    p.add_run("基层千部的成长。").bold = True
    add_par(doc, CLOSING)
    data = to_bytes(doc)
    fixed, _, _, _ = fix_to_copy(tmp_path, capsys, data)
    assert "基层干部的成长。" in text_of(fixed)
    assert_runs_kept(data, fixed, edited={2})
    assert runs(fixed)[2].find(t("rPr")).find(t("b")) is not None
    assert_idempotent(tmp_path, capsys, fixed)


def test_fix_in_a_table_cell(tmp_path, capsys) -> None:
    doc = new_document()
    for line in OPENING:
        add_par(doc, line)
    add_table(doc, [["项目", "要求"], ["学习", "全体千部参加,不得缺席"]])
    add_par(doc, CLOSING)
    data = to_bytes(doc)
    fixed, _, _, _ = fix_to_copy(tmp_path, capsys, data)
    assert "全体干部参加，不得缺席\n" in text_of(fixed)
    cell = etree.fromstring(document_xml(fixed)).findall(f".//{t('tc')}")[3]
    assert "".join(cell.itertext()) == "全体干部参加，不得缺席"
    assert_package_kept(data, fixed, changed={"word/document.xml"})
    assert_idempotent(tmp_path, capsys, fixed)


def test_fix_touching_a_word_numbering_label_is_skipped_and_reported(tmp_path, capsys) -> None:
    doc = new_document()
    add_numbering(doc, {1: [Lvl(0, "chineseCounting", "%1.")]}, {1: 1})  # draws 一. 二.
    add_par(doc, OPENING[0])
    add_par(doc, "今天,我讲两点意见。")
    for title in ("提高站位", "直面问题"):
        add_par(doc, title, num_id=1, ilvl=0)
        add_par(doc, "正文。")
    add_par(doc, CLOSING)
    data = to_bytes(doc)
    fixed, code, out, err = fix_to_copy(tmp_path, capsys, data, "draft.docx",
                                        "--format", "json")
    # The typed comma is fixed; the labels' "." (JH203) is Word's to change.
    assert text_of(fixed) == text_of(data).replace("今天,", "今天，")
    reported = [line for line in err.splitlines() if "JH203" in line]
    assert len(reported) == 2 and all("自动编号" in line and "numbering label" in line
                                      for line in reported)
    assert "JH203" in out and '"fix"' not in out  # still a finding, without a fix
    assert code == 0  # JH203 is a warning
    assert_idempotent(tmp_path, capsys, fixed)


def test_renumbering_that_would_rewrite_word_labels_is_skipped(tmp_path, capsys) -> None:
    doc = new_document()
    # Typed 一、, then Word's list starting at 三 (a skipped 二): the renumbering would
    # rewrite the labels Word draws. (A Word list that starts at 一 again after the
    # typed 一、 is no longer renumbered at all: a run that counts from one again is
    # reported without a fix, issue 10.)
    add_numbering(doc, {1: SPEECH_LEVELS}, {1: 1}, {1: {0: 3}})
    for line in OPENING:
        add_par(doc, line)
    add_par(doc, "一、提高站位")
    for title in ("直面问题", "狠抓落实"):
        add_par(doc, title, num_id=1, ilvl=0)
    add_par(doc, CLOSING)
    data = to_bytes(doc)
    fixed, code, _, err = fix_to_copy(tmp_path, capsys, data)
    assert fixed == data  # nothing writable: the copy is the input, byte for byte
    assert code == 1 and "JH101" in err and "numbering label" in err


def test_wps_numeric_style_ids(tmp_path, capsys) -> None:
    doc = new_document()
    add_wps_heading_styles(doc)
    for line in OPENING:
        add_par(doc, line)
    for marker, title in (("一、", "提高站位"), ("二、", "直面问题"), ("四、", "狠抓落实")):
        add_par(doc, marker + title, style_id="1")
        add_par(doc, "广大千部要带头。", style_id="2" if marker == "二、" else None)
    add_par(doc, CLOSING)
    data = to_bytes(doc)
    fixed, _, _, _ = fix_to_copy(tmp_path, capsys, data)
    assert text_of(fixed) == text_of(data).replace("四、", "三、").replace("千部", "干部")
    assert_package_kept(data, fixed, changed={"word/document.xml"})
    styles = [p.get(t("val")) for p in etree.fromstring(document_xml(fixed)).iter(t("pStyle"))]
    assert styles == ["1", "1", "2", "1"]
    heading = parse_docx(data=fixed).paragraphs[6]
    assert heading.style == "Heading 1" and heading.outline_level == 0
    assert_idempotent(tmp_path, capsys, fixed)


# --- the command line ------------------------------------------------------------------

@functools.cache  # python-docx stamps the time: build it once, compare with that
def messy_docx() -> bytes:
    doc = new_document()
    add_par(doc, OPENING[0])
    add_par(doc, "今天,我们召开全市千部大会。")
    add_par(doc, CLOSING)
    return to_bytes(doc)


def test_fix_needs_o_or_in_place(tmp_path, capsys) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(messy_docx())
    code, out, err = run_check(capsys, path, "--isolated", "--fix")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "-o" in err and "--in-place" in err and "错误" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.docx"]
    # A folder holding a .docx (issue 11): the .docx is checked and left as it is, with a
    # note, and the folder's text files are still fixed.
    code, out, err = run_check(capsys, tmp_path, "--isolated", "--fix")
    assert code == 1 and "JH601" in out and "--in-place" in err
    # A report file that is not a .docx: the same refusal.
    assert run_check(capsys, path, "--isolated", "--fix", "-o", tmp_path / "r.txt")[0] == 2
    assert path.read_bytes() == messy_docx()


@pytest.mark.parametrize("argv", [
    ["{tmp}/draft.docx", "--in-place"],                              # without --fix
    ["{tmp}/draft.docx", "--fix", "--in-place", "-o", "{tmp}/x.docx"],  # both
    ["{tmp}/draft.docx", "--fix", "-o", "{tmp}/draft.docx"],         # -o: the input itself
    ["{tmp}/draft.docx", "{tmp}/other.docx", "--fix", "-o", "{tmp}/x.docx"],  # two inputs
])
def test_usage_errors(tmp_path, capsys, argv) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(messy_docx())
    (tmp_path / "other.docx").write_bytes(messy_docx())
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    code, _, err = run_check(capsys, *args, "--isolated")
    assert code == 2 and err.count("\n") == 1
    assert path.read_bytes() == messy_docx()
    assert not (tmp_path / "x.docx").exists()


def test_in_place_and_report(tmp_path, capsys) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(messy_docx())
    # One meaning for -o with --fix (the fixed copy): with --in-place there is no copy,
    # so -o is refused, and the report goes to stdout.
    code, out, err = run_check(capsys, path, "--isolated", "--fix", "--in-place", "-o",
                               tmp_path / "report.json", "--format", "json")
    assert code == 2 and not (tmp_path / "report.json").exists()
    assert path.read_bytes() == messy_docx()
    code, out, err = run_check(capsys, path, "--isolated", "--fix", "--in-place",
                               "--format", "json")
    assert code == 0 and out.strip() == "[]"
    assert "今天，我们召开全市干部大会。" in text_of(path.read_bytes())
    assert "已修复 2 处" in err


def test_diff_shows_what_would_be_written(tmp_path, capsys) -> None:
    doc = new_document()
    add_numbering(doc, {1: [Lvl(0, "chineseCounting", "%1.")]}, {1: 1})
    add_par(doc, OPENING[0])
    add_par(doc, "今天,我们召开全市千部大会。")
    add_par(doc, "提高站位", num_id=1, ilvl=0)
    add_par(doc, CLOSING)
    path = tmp_path / "draft.docx"
    data = to_bytes(doc)
    path.write_bytes(data)
    code, out, err = run_check(capsys, path, "--isolated", "--diff")
    assert code == 1
    assert "-今天,我们召开全市千部大会。" in out and "+今天，我们召开全市干部大会。" in out
    assert "一." in out and "+一、" not in out  # the label's fix is not writable
    assert "JH203" in err
    assert path.read_bytes() == data and sorted(p.name for p in tmp_path.iterdir()) == [
        "draft.docx"]


def test_output_reads_back_through_parse_docx(tmp_path, capsys) -> None:
    fixed, _, _, _ = fix_to_copy(tmp_path, capsys, messy_docx())
    speech = parse_docx(data=fixed)
    assert render(speech) == f"{OPENING[0]}\n今天，我们召开全市干部大会。\n{CLOSING}\n"


# --- the writer on its own -------------------------------------------------------------

def at(text: str, needle: str, replacement: str, offset: int = 0) -> tuple[int, int, str]:
    start = text.index(needle) + offset
    return start, start + len(needle) - offset, replacement


def test_edit_spanning_runs_goes_into_the_first() -> None:
    doc = new_document()
    p = add_par(doc)
    p.add_run("今天我们").bold = True
    p.add_run("召开").italic = True
    p.add_run("全市会议")
    data = to_bytes(doc)
    text = text_of(data)
    edit = (text.index("们"), text.index("全") + 1, "们举行全")
    fixed, skipped = apply_text_edits(data, read_docx_bytes(data).paragraphs, [edit])
    assert skipped == []
    assert [r.findtext(t("t")) for r in runs(fixed)] == ["今天我们举行全", "", "市会议"]
    assert_runs_kept(data, fixed, edited={0, 1, 2})
    assert text_of(fixed) == "今天我们举行全市会议\n"


def test_leading_and_trailing_space_is_preserved() -> None:
    doc = new_document()
    p = add_par(doc)
    p.add_run("今天").bold = True
    p.add_run("我们")
    data = to_bytes(doc)
    fixed, _ = apply_text_edits(data, read_docx_bytes(data).paragraphs,
                                [(1, 2, "天 "), (2, 3, " ")])
    assert text_of(fixed) == "今天  们\n"
    for run in runs(fixed):
        assert run.find(t("t")).get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_what_is_skipped_and_why() -> None:
    doc = new_document()
    add_numbering(doc, {1: SPEECH_LEVELS}, {1: 1})
    add_par(doc, "提高站位", num_id=1, ilvl=0)                               # label
    add_run_xml(add_par(doc), "<w:t>今天,</w:t><w:br/><w:t>我们</w:t>")     # soft break
    add_run_xml(add_par(doc), "<w:t>甲</w:t><w:tab/><w:t>乙</w:t>")         # tab
    p = add_par(doc)                                                        # complex field
    add_run_xml(p, '<w:fldChar w:fldCharType="begin"/>')
    add_run_xml(p, '<w:instrText xml:space="preserve"> PAGE </w:instrText>')
    add_run_xml(p, '<w:fldChar w:fldCharType="separate"/>')
    add_run_xml(p, "<w:t>第1页,共</w:t>")
    add_run_xml(p, '<w:fldChar w:fldCharType="end"/>')
    add_run_xml(p, "<w:t>后文,</w:t>")
    p = add_par(doc)                                                        # tracked insert
    p._p.append(etree.fromstring(
        f'<w:ins xmlns:w="{W}" w:id="1" w:author="a"><w:r><w:t>千部,</w:t></w:r></w:ins>'))
    p = add_par(doc)                                                        # hidden between
    p.add_run("前文")
    add_run_xml(p, "<w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t>")
    p.add_run("后文")
    data = to_bytes(doc)
    editor = DocxEditor(data)
    text = editor.text
    assert editor.reason(at(text, "一、", "二、")) == "label"
    assert editor.reason(at(text, ", ", "，")) == "break"
    assert editor.reason(at(text, ",", "，")) is None
    assert editor.reason(at(text, "甲\t", "甲 ")) == "tab"
    assert editor.reason(at(text, "1页,", "一页，")) == "field"
    assert editor.reason(at(text, "后文,", "后文，")) is None  # after the field's end
    assert editor.reason(at(text, "千部", "干部")) == "tracked"
    assert editor.reason(at(text, "文后", "文、后")) == "hidden"
    assert editor.reason(at(text, "前文", "前言")) is None
    edits = [at(text, "一、", "二、"), at(text, "后文,", "后文，"), at(text, "千部", "干部")]
    fixed, skipped = editor.apply(edits)
    assert [(s.edit, s.reason) for s in skipped] == [(edits[0], "label"), (edits[2], "tracked")]
    assert text_of(fixed) == text.replace("后文,", "后文，")


def test_text_box_and_its_fallback_copy_are_fixed_together() -> None:
    doc = new_document()
    add_textbox(add_par(doc, "正文。"), ["框内千部"])
    data = to_bytes(doc)
    text = text_of(data)
    fixed, skipped = apply_text_edits(data, read_docx_bytes(data).paragraphs,
                                      [at(text, "千部", "干部")])
    assert skipped == [] and text_of(fixed) == "正文。\n框内干部\n"
    texts = [el.text for el in etree.fromstring(document_xml(fixed)).iter(t("t"))]
    assert texts == ["正文。", "框内干部", "框内干部"]  # mc:Choice and mc:Fallback


def test_text_box_whose_fallback_differs_is_skipped() -> None:
    doc = new_document()
    add_textbox(add_par(doc, "正文。"), ["框内千部"])
    fallback = doc.element.body.find(".//{*}Fallback")
    fallback.find(f".//{t('t')}").text = "旧文字"
    data = to_bytes(doc)
    editor = DocxEditor(data)
    assert editor.reason(at(editor.text, "千部", "干部")) == "fallback"


def test_footnote_fix_changes_only_the_footnotes_part() -> None:
    doc = new_document()
    p = add_par(doc, "正文")
    add_footnote_ref(p, 1)
    add_footnotes(doc, {1: "见千部手册,第3页。"})
    data = to_bytes(doc)
    text = text_of(data)
    fixed, skipped = apply_text_edits(
        data, read_docx_bytes(data).paragraphs,
        [at(text, "千部", "干部"), at(text, "册,", "册，")])
    assert skipped == [] and text_of(fixed) == "正文\n见干部手册，第3页。\n"
    assert_package_kept(data, fixed, changed={"word/footnotes.xml"})


def test_declaration_and_namespaces_are_kept() -> None:
    data = messy_docx()
    text = text_of(data)
    fixed, _ = apply_text_edits(data, read_docx_bytes(data).paragraphs,
                                [at(text, "千部", "干部")])
    before, after = document_xml(data), document_xml(fixed)
    assert after.split(b"\n", 1)[0] == before.split(b"\n", 1)[0]  # the declaration
    assert etree.fromstring(after).nsmap == etree.fromstring(before).nsmap


def test_a_map_from_another_reading_is_refused() -> None:
    data = messy_docx()
    other = new_document()
    add_par(other, "只有一段")
    with pytest.raises(DocxWriteError):
        apply_text_edits(data, read_docx_bytes(to_bytes(other)).paragraphs, [(0, 1, "甲")])


def test_no_edit_returns_the_input_itself() -> None:
    data = messy_docx()
    assert apply_text_edits(data, read_docx_bytes(data).paragraphs, []) == (data, [])


def test_a_package_that_does_not_read_back_is_not_written(tmp_path, capsys,
                                                            monkeypatch) -> None:
    import jianghua.docx.writer as writer

    # Pretend the written XML lost a character: the read-back check must catch it.
    real = writer._serialize
    monkeypatch.setattr(writer, "_serialize",
                        lambda root, raw: real(root, raw).replace("干".encode(), b""))
    path = tmp_path / "draft.docx"
    path.write_bytes(messy_docx())
    code, _, err = run_check(capsys, path, "--isolated", "--fix", "-o", tmp_path / "x.docx")
    assert code == 2 and "nothing written" in err
    assert not (tmp_path / "x.docx").exists() and path.read_bytes() == messy_docx()


MESSY_LINES = [
    "同志们：",
    "今天,我们召开全市千部作风建设大会;下面,我讲三点意见。",
    "一、提高站位",
    "广大千部要带头,做到知行合一。",
    "二、直面问题",
    "四、狠抓落实",
    "要把工作落到实处:一是抓学习,二是抓整改。",
    "我就讲到这里,谢谢大家!",
]


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_run_split_fixes_like_the_text(data) -> None:
    """However the paragraphs are cut into runs, the .docx is fixed to the same text as
    the plain text, and every run keeps its formatting."""
    from jianghua.api import parse
    from jianghua.checks.fixes import fix_docx, fix_text
    from jianghua.checks.runner import check

    doc = new_document()
    for line in MESSY_LINES:
        cuts = sorted(data.draw(st.sets(st.integers(1, len(line) - 1), max_size=6)))
        p = add_par(doc)
        for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True):
            run = p.add_run(line[a:b])
            run.bold = data.draw(st.booleans())
    package = to_bytes(doc)
    text = "".join(line + "\n" for line in MESSY_LINES)

    def checker(speech, current):
        return check(speech, text=current)

    expected = fix_text(text, checker).text
    result, fixed, before = fix_docx(package, checker)
    assert before == text and result.text == expected == text_of(fixed)
    assert result.skipped == []
    old, new = runs(package), runs(fixed)
    assert [xml(r.find(t("rPr"))) for r in old] == [xml(r.find(t("rPr"))) for r in new]
    assert fix_docx(fixed, checker)[1] is fixed  # nothing left to write
    assert parse(expected)  # still a speech


def test_markup_the_fix_does_not_touch_keeps_its_bytes() -> None:
    """A part written with white space between elements (as some tools do) keeps it:
    the writer parses the part itself instead of taking python-docx's tree, which
    drops that white space."""
    def pretty(blob: bytes) -> bytes:
        root = etree.fromstring(blob)
        head = blob.split(b"?>", 1)[0] + b"?>\r\n"
        return head + etree.tostring(root, encoding="UTF-8", pretty_print=True)

    data = rewrite(messy_docx(), "word/document.xml", pretty)
    text = text_of(data)
    fixed, _ = apply_text_edits(data, read_docx_bytes(data).paragraphs,
                                [at(text, "千部", "干部")])
    before = document_xml(data)
    assert b"\r\n" in before and b">\n  <" in before
    assert document_xml(fixed) == before.replace("千部".encode(), "干部".encode())


def test_an_output_that_cannot_be_written_is_an_input_error(tmp_path, capsys) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(messy_docx())
    code, _, err = run_check(capsys, path, "--isolated", "--fix", "-o",
                             tmp_path / "missing" / "x.docx")
    assert code == 2 and err.splitlines()[0].endswith("its folder does not exist)")
    assert path.read_bytes() == messy_docx()
