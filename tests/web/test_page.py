"""The page in a real Chromium, used as a drafter would: paste, read the outline and
the problems, go to a problem, fix everything and download, upload a GBK .txt and a
numbered .docx, meet an error, and do it all from the keyboard. Downloads are held
against ``jianghua check --fix`` on the same text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from playwright.sync_api import Page, expect

from conftest import SAMPLES
from docx_factory import SPEECH_LEVELS, add_numbering, add_par, new_document, to_bytes
from jianghua.api import parse_docx, render
from jianghua.cli.main import main

HALFWIDTH = SAMPLES / "04_halfwidth.txt"


def draft(page: Page):
    return page.get_by_role("textbox", name="讲稿")


def problems(page: Page):
    return page.get_by_role("region", name="问题").locator(".problem")


def paste(page: Page, text: str) -> None:
    draft(page).fill(text)
    expect(page.locator("#summary")).to_contain_text("发现")


def cli_fixed(tmp_path: Path, source: Path, name: str | None = None) -> bytes:
    copy = tmp_path / (name or source.name)
    shutil.copy(source, copy)
    main(["check", "--isolated", "--fix", str(copy)])
    return copy.read_bytes()


def accept_all_fixes(page: Page) -> None:
    page.get_by_role("button", name="全部修复").click()
    dialog = page.get_by_role("dialog", name="修复预览")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".diff .add").first).to_be_visible()
    dialog.get_by_role("button", name="接受修复").click()
    expect(dialog).to_be_hidden()


def test_paste_shows_outline_and_problems(page: Page) -> None:
    paste(page, HALFWIDTH.read_text(encoding="utf-8"))
    outline = page.get_by_role("region", name="提纲")
    expect(outline.get_by_role("button", name=re.compile(r"^\[标题\] 在全镇"))).to_be_visible()
    expect(outline.get_by_role("button", name=re.compile(r"^\(二\) 突出重点环节"))).to_be_visible()
    expect(problems(page).first).to_contain_text("JH601")
    expect(problems(page).first).to_contain_text("第 2 行")
    expect(page.locator(".marks mark").first).to_be_attached()
    # Collapsing a branch hides its children.
    toggle = outline.get_by_role("button", name=re.compile(r"^折叠 \(二\)"))
    child = outline.get_by_role("button", name=re.compile(r"^一是 严格管控"))
    expect(child).to_be_visible()
    toggle.click()
    expect(child).to_be_hidden()


def test_problem_and_outline_lead_to_their_line(page: Page) -> None:
    text = HALFWIDTH.read_text(encoding="utf-8")
    paste(page, text)
    last = problems(page).last
    line = int(re.search(r"第 (\d+) 行", last.inner_text()).group(1))
    last.locator(".go").click()
    box = draft(page)
    expect(box).to_be_focused()
    start = box.evaluate("el => el.selectionStart")
    assert text[:start].count("\n") + 1 == line
    # The line was scrolled into view and the tooltip tells what is wrong there.
    expect(page.get_by_role("tooltip")).to_be_visible()
    page.get_by_role("region", name="提纲").get_by_role(
        "button", name=re.compile(r"^\[称谓\]")).click()
    start = box.evaluate("el => el.selectionStart")
    assert start == text.index("同志们:")


def test_hover_on_a_mark_shows_message_and_fix(page: Page) -> None:
    paste(page, HALFWIDTH.read_text(encoding="utf-8"))
    draft(page).evaluate("el => { el.scrollTop = 0; el.dispatchEvent(new Event('scroll')); }")
    mark = page.locator(".marks mark").first
    box = mark.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tip = page.get_by_role("tooltip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("JH601")
    expect(tip).to_contain_text("建议修复：改为")


def test_fix_all_and_download_match_check_fix(page: Page, tmp_path: Path) -> None:
    paste(page, HALFWIDTH.read_text(encoding="utf-8"))
    accept_all_fixes(page)
    expect(page.locator("#summary")).not_to_contain_text("JH601")
    with page.expect_download() as info:
        page.get_by_role("button", name="下载", exact=True).click()
    downloaded = Path(info.value.path()).read_bytes()
    assert downloaded == cli_fixed(tmp_path, HALFWIDTH)
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 JSON").click()
    assert Path(info.value.path()).read_text(encoding="utf-8").startswith("[")


def test_upload_gbk_text_round_trips(page: Page, tmp_path: Path) -> None:
    # A draft with fixable problems, saved as Notepad on a Chinese Windows would.
    text = HALFWIDTH.read_text(encoding="utf-8").replace("\n", "\r\n")
    gbk = tmp_path / "upload" / "讲话.txt"
    gbk.parent.mkdir()
    gbk.write_bytes(text.encode("gbk"))
    page.locator("#file").set_input_files(str(gbk))
    expect(page.locator("#file-name")).to_contain_text("gb18030")
    expect(draft(page)).to_have_value(re.compile("同志们"))
    accept_all_fixes(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="下载", exact=True).click()
    assert info.value.suggested_filename == "讲话.txt"
    downloaded = Path(info.value.path()).read_bytes()
    assert b"\r\n" in downloaded
    assert downloaded == cli_fixed(tmp_path, gbk)


def numbered_docx() -> bytes:
    doc = new_document()
    add_numbering(doc, {1: SPEECH_LEVELS}, {1: 1})
    add_par(doc, "同志们:")
    add_par(doc, "今天,我们召开全市作风建设大会。下面，我讲两点意见。")
    add_par(doc, "提高站位", num_id=1, ilvl=0)
    add_par(doc, "各级干部要提高认识,狠抓落实。")
    add_par(doc, "直面问题", num_id=1, ilvl=0)
    add_par(doc, "我就讲到这里，谢谢大家！")
    return to_bytes(doc)


def test_upload_numbered_docx_fix_and_download(page: Page, tmp_path: Path) -> None:
    data = numbered_docx()
    source = tmp_path / "会议讲话.docx"
    source.write_bytes(data)
    page.locator("#file").set_input_files(str(source))
    expect(page.locator("#file-name")).to_contain_text("Word 文档")
    expect(draft(page)).to_have_value(re.compile("一、提高站位"))  # Word's numbering drawn in
    expect(page.get_by_role("region", name="提纲").get_by_role(
        "button", name=re.compile("^二、 直面问题"))).to_be_visible()
    accept_all_fixes(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="下载", exact=True).click()
    downloaded = Path(info.value.path()).read_bytes()
    assert info.value.suggested_filename == "会议讲话.docx"
    cli_copy = tmp_path / "cli.docx"
    main(["check", "--isolated", "--fix", str(source), "-o", str(cli_copy)])
    assert render(parse_docx(data=downloaded)) == render(parse_docx(cli_copy))
    assert "同志们：" in render(parse_docx(data=downloaded))


def test_errors_are_one_chinese_line(page: Page, tmp_path: Path) -> None:
    old = tmp_path / "旧稿.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048))
    page.locator("#file").set_input_files(str(old))
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("旧稿.doc: 错误：二进制文件")
    assert "Traceback" not in alert.inner_text() and "\n" not in alert.inner_text().strip()
    binary = tmp_path / "乱码.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    page.locator("#file").set_input_files(str(binary))
    expect(alert).to_contain_text("乱码.txt: 错误：")


def test_keyboard_only(page: Page) -> None:
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    box = draft(page)
    box.focus()
    expect(box).to_be_focused()
    page.keyboard.insert_text("同志们:\n一、提高站位\n二、直面问题\n四、狠抓落实\n")
    page.keyboard.press("Control+Enter")
    expect(problems(page).first).to_be_visible()
    # Tab from the text to the problems: the first one is described in place.
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('go')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('go')")
    expect(page.get_by_role("tooltip")).to_be_visible()
    page.keyboard.press("Enter")  # to its line
    expect(box).to_be_focused()
    expect(page.locator("#caret-info")).to_contain_text("光标处")
    # Fix the first fixable problem from the keyboard.
    fix = problems(page).locator(".fix-one").first
    fix.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="修复预览")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="接受修复")).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(box).not_to_have_value(re.compile("同志们:"))
