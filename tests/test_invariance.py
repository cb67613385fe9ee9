"""What must not change an outline: the ways one speech reaches us (CONVENTIONS: the mess
real files contain). Each composed case and sample, rewritten one way — digits or
punctuation in the other width, traditional characters, Windows or old Mac line ends, a
byte-order mark, every line set in by spaces or a tab, spaces left at line ends, blank
lines between paragraphs, a page's breadcrumb or byline above it, its footer below, its
page numbers or form feeds between the lines, zero-width spaces between characters —
outlines as it does as written, once the outline's own words are read back the same
way. A rule that counts a page's lines, or knows only one width of a character, fails
here on texts nobody wrote to catch it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from jianghua import parse, render, render_outline
from jianghua.parse.fold import TABLE_NAME
from jianghua.parse.lexicon import grammar_text
from repo_paths import SAMPLES

CASES = Path(__file__).resolve().parent / "outline_cases"

_HALF, _FULL = ",:;!?()", "，：；！？（）"
_DIGITS, _WIDE_DIGITS = "0123456789", "０１２３４５６７８９"
# Injected pinyin (領(lǐng)導) keeps its half-width brackets, as pages write it.
_PINYIN = re.compile(r"(\([a-zA-Zāáǎàōóǒòēéěèīíǐìūúǔùüǖǘǚǜ ]+\))")


def _traditional() -> tuple[dict[int, int], dict[int, int]]:
    """simplified → traditional, and back, from the table the parser reads."""
    forward: dict[int, int] = {}
    for row in grammar_text(TABLE_NAME).splitlines():
        if row and not row.startswith("#"):
            traditional, simplified = row.split("\t")
            forward.setdefault(ord(simplified), ord(traditional))
    return forward, {value: key for key, value in forward.items()}


def _full_width(text: str) -> str:
    table = str.maketrans(_HALF, _FULL)
    return "".join(part if index % 2 else part.translate(table)
                   for index, part in enumerate(_PINYIN.split(text)))


_TO_TRADITIONAL, _TO_SIMPLIFIED = _traditional()
_BACK_TO_HALF = str.maketrans(_FULL, _HALF)

# name → (rewrite the text, read an outline line back the same way)
VARIANTS: dict[str, tuple[Callable[[str], str], Callable[[str], str]]] = {
    "wide_digits": (lambda t: t.translate(str.maketrans(_DIGITS, _WIDE_DIGITS)),
                    lambda o: o.translate(str.maketrans(_WIDE_DIGITS, _DIGITS))),
    "full_width": (_full_width, lambda o: o.translate(_BACK_TO_HALF)),
    "half_width": (lambda t: t.translate(str.maketrans(_FULL, _HALF)),
                   lambda o: o.translate(_BACK_TO_HALF)),
    "traditional": (lambda t: t.translate(_TO_TRADITIONAL),
                    lambda o: o.translate(_TO_SIMPLIFIED)),
    "crlf": (lambda t: t.replace("\n", "\r\n"), lambda o: o),
    "cr": (lambda t: t.replace("\n", "\r"), lambda o: o),
    "bom": (lambda t: "\ufeff" + t, lambda o: o),
    # Every line set in (a page that made each of a PDF's lines a paragraph): by
    # full-width spaces, by a tab, by no-break spaces.
    "indented": (lambda t: _indented(t, "\u3000\u3000"), lambda o: o),
    "tab_indented": (lambda t: _indented(t, "\t"), lambda o: o),
    "nbsp_indented": (lambda t: _indented(t, "\u00a0\u00a0"), lambda o: o),
    "trailing_spaces": (lambda t: re.sub(r"(?m)(?<=\S)$", "  ", t), lambda o: o.rstrip()),
    "blank_lines": (lambda t: re.sub(r"\n+", "\n\n", t), lambda o: o),
    "breadcrumb": (lambda t: "首页 > 范文大全 > 讲话稿 > 领导讲话\n" + t, lambda o: o),
    "byline": (lambda t: "时间：2023-05-06 10:21 作者：佚名 来源：网络\n" + t, lambda o: o),
    "footer": (lambda t: t.rstrip("\n") + "\n上一篇：某某会议主持词\n下一篇：某某工作报告\n",
               lambda o: o),
    "page_numbers": (lambda t: _page_numbers(t, "— {} —"), lambda o: o),
    "page_counters": (lambda t: _page_numbers(t, "第{}页 共9页"), lambda o: o),
    # A PDF's text puts a form feed before each page's first line.
    "form_feeds": (lambda t: _form_feeds(t), lambda o: o.replace("\f", "")),
    # A web copy's zero-width spaces between its characters (a WeChat article's).
    "zero_width": (lambda t: t.replace("，", "，\u200b").replace("、", "\u200b、"),
                   lambda o: o.replace("\u200b", "")),
}

# Where a rewrite does change what the text says, deliberately.
EXPECTED_TO_DIFFER = {
    # A forum's jammer is ASCII junk (fold.py); made full-width, its commas and colons are
    # the speech's punctuation, and the junk reads as words.
    ("full_width", "forum_jammer_around_title_and_heading"),
    # A bare genre line under a breadcrumb is the site's category, not the title (gold
    # NOTES: site chrome is no title; front_lines.front_kind).
    ("breadcrumb", "zuihou_thanks_after_series"), ("byline", "zuihou_thanks_after_series"),
    ("breadcrumb", "bare_script_genre_heads_the_page"),
    ("byline", "bare_script_genre_heads_the_page"),
    # A step cut in its number (……下面，进行第三) is one only where the text ends.
    ("footer", "copy_cut_in_a_step_number"),
    # A table of contents ends at a blank line under its label; a page that puts a blank
    # line between all its lines has none to end it.
    ("blank_lines", "web_collection_contents_label"),
    # So does one with a page's number inside it: the number is read as a blank line.
    ("page_numbers", "web_collection_contents_label"),
    ("page_counters", "web_collection_contents_label"),
    # A ? that stands for a line's lost indent (fold.py) is no longer at the line's start
    # once the line is set in before it.
    ("indented", "host_indentation_lost_as_question_marks"),
    ("tab_indented", "host_indentation_lost_as_question_marks"),
    ("nbsp_indented", "host_indentation_lost_as_question_marks"),
}

TEXTS = sorted([*CASES.glob("*.txt"), *SAMPLES.glob("*.txt")])


def _indented(text: str, indent: str) -> str:
    """``text`` with every line set in by ``indent``, after a PDF's form feed where a
    line has one (\f　　……: the page ends, then the next line is set in)."""
    return re.sub(r"(?m)^(\f?)(?=\S)", lambda line: line.group(1) + indent, text)


def _page_numbers(text: str, mark: str, every: int = 4) -> str:
    """``text`` as a PDF's text keeps it: a page's number on a line of its own after every
    few lines (GB/T 9704-2012 7.5: — 2 —), also inside a paragraph a page's width broke."""
    lines = text.split("\n")
    numbered = []
    for index, line in enumerate(lines):
        numbered.append(line)
        if index and index % every == 0 and index < len(lines) - 2:
            numbered.append(mark.format(index // every + 1))
    return "\n".join(numbered)


def _form_feeds(text: str, every: int = 4) -> str:
    """``text`` as pdftotext writes it: a form feed before each page's first line,
    after every few lines (also inside a paragraph the page's width broke)."""
    lines = text.split("\n")
    return "\n".join("\f" + line if index and index % every == 0 else line
                     for index, line in enumerate(lines))


def _outline(text: str, read_back: Callable[[str], str]) -> list[str]:
    return [read_back(line) for line in render_outline(parse(text)).splitlines()]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_the_outline_does_not_depend_on_how_the_text_came(variant: str) -> None:
    rewrite, read_back = VARIANTS[variant]
    differing, lost = [], []
    for path in TEXTS:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # samples/05_gbk: its bytes are the point
        rewritten = rewrite(text)
        speech = parse(rewritten)
        if render(speech) != rewritten:
            lost.append(path.name)  # what the reading copy leaves out is still the text's
        if (variant, path.stem) in EXPECTED_TO_DIFFER:
            continue
        if [read_back(line) for line in render_outline(speech).splitlines()] != _outline(
                text, read_back):
            differing.append(path.name)
    assert not lost, f"{variant}: the text does not come back exactly from {lost}"
    assert not differing, f"{variant} changes the outline of {differing}"


def test_the_expected_differences_still_differ() -> None:
    # An exception that no longer differs is no exception: drop it from the list.
    for variant, stem in sorted(EXPECTED_TO_DIFFER):
        rewrite, read_back = VARIANTS[variant]
        text = (CASES / f"{stem}.txt").read_text(encoding="utf-8")
        assert _outline(rewrite(text), read_back) != _outline(text, read_back), (variant, stem)
