"""The nesting rules (OUTLINE.md "Depth") on bare style sequences and small speeches."""

from __future__ import annotations

import pytest

from jianghua.api import parse
from jianghua.model import MarkerStyle
from jianghua.parse.markers import MarkerInfo
from jianghua.parse.nesting import OpenHeading, heading_level
from jianghua.render.outline import render_outline

_STYLES = {"一、": (MarkerStyle.CHINESE, "chinese:"), "（一）": (MarkerStyle.CHINESE_PAREN, "chinese_paren:"),
           "1.": (MarkerStyle.ARABIC, "arabic:"), "（1）": (MarkerStyle.ARABIC_PAREN, "arabic_paren:"),
           "第一，": (MarkerStyle.ORDINAL, "ordinal:"), "一是": (MarkerStyle.SHI, "shi:是"),
           "一要": (MarkerStyle.SHI, "shi:要"), "首先，": (MarkerStyle.SEQUENCE, "sequence:"),
           "最后，": (MarkerStyle.SEQUENCE, "sequence:"), "第一部分": (MarkerStyle.PART, "part:"),
           "一": (MarkerStyle.CHINESE, "chinese:bare")}
# Markers that count on: their ordinal (every other marker here claims 1).
_ORDINALS = {"三、": ("一、", 3), "（二）": ("（一）", 2), "第二，": ("第一，", 2)}


def heading(raw: str, standalone: bool = True) -> OpenHeading:
    like, ordinal = _ORDINALS.get(raw, (raw, 1))
    style, key = _STYLES[like]
    return OpenHeading(MarkerInfo(raw=raw, style=style, ordinal=ordinal, punctuation="", start=0,
                                  end=len(raw), key=key), standalone)


def levels(sequence: list[str]) -> list[int]:
    """Place each marker of a sequence; return the levels, as the nesting pass would."""
    open_: list[OpenHeading] = []
    placed = []
    for raw in sequence:
        new = heading(raw)
        level = heading_level(open_, new)
        del open_[level:]
        open_.append(new)
        placed.append(level)
    return placed


@pytest.mark.parametrize(("sequence", "expected"), [
    # GB/T 9704-2012 §7.3.3 order: 一、 › （一） › 1. › （1）
    (["一、", "（一）", "1.", "（1）", "（1）", "1.", "（一）", "一、"], [0, 1, 2, 3, 3, 2, 1, 0]),
    # rule 3: a floating style first met under a heading nests under it (seed 002)
    (["一、", "第一，", "第一，", "一、", "一要", "一、", "一是"], [0, 1, 1, 0, 1, 0, 1]),
    # rule 6: a fragment's first headings are top level; rule 4: 三、 closes them (seed 001)
    (["一是", "一是", "三、"], [0, 0, 0]),
    # rule 3: a ranked series that starts inside a top-level run-in point nests under it
    (["第一，", "（一）", "（二）", "第二，"], [0, 1, 1, 0]),
    # rule 4: a ranked heading closes floating ones below it
    (["一、", "一是", "（一）"], [0, 1, 1]),
    # a part heading is above everything
    (["第一部分", "一、", "（一）", "第一部分"], [0, 1, 2, 0]),
    # rule 5: a 最后， that ends no open series is top level
    (["一、", "一是", "最后，", "一是"], [0, 1, 0, 1]),
    # … but one that ends a 首先/其次 series is its sibling
    (["一、", "首先，", "最后，"], [0, 1, 1]),
    # an outranked style met first still nests by rank: （一） then 一、 closes it
    (["（一）", "一、"], [0, 0]),
])
def test_style_sequences(sequence: list[str], expected: list[int]) -> None:
    assert levels(sequence) == expected


def test_run_in_items_of_another_form_nest_under_a_standalone_heading() -> None:
    # rule 2: standalone outranks run-in at the same rank (samples/12_numerals)
    open_ = [heading("一", standalone=True)]
    assert heading_level(open_, heading("一、", standalone=False)) == 1
    assert heading_level(open_, heading("一、", standalone=True)) == 0


def test_mid_paragraph_heading_whose_series_goes_on() -> None:
    text = ("同志们：\n下面，我讲几点意见。\n一、抓落实\n正文。\n"
            "最后，我再强调两点：一是要有能力。正文。\n二是要有水平。正文。\n我就讲到这里，谢谢大家！\n")
    assert render_outline(parse(text)) == (
        "[称谓] 同志们：\n[过渡] 下面，我讲几点意见。\n一、 抓落实\n最后， 我再强调两点：\n"
        "  一是 要有能力。\n  二是 要有水平。\n[结束语] 我就讲到这里，谢谢大家！\n")


def test_inline_list_that_does_not_go_on_is_an_enumeration() -> None:
    text = "一、问题\n存在三个问题：一是甲。二是乙。三是丙。\n二、对策\n正文。\n"
    speech = parse(text)
    assert render_outline(speech) == "一、 问题\n  [列举] 3\n二、 对策\n"
    enumeration = speech.nodes[0].body[0].enumerations[0]
    assert enumeration.declared_count == 3
    assert [item.marker.raw for item in enumeration.items] == ["一是", "二是", "三是"]


def test_headings_under_an_agenda_item() -> None:
    text = ("同志们：\n会议有两项议程。\n下面，进行第一项议程，通过日程。\n一、上午开幕\n二、下午选举\n"
            "下面，进行第二项议程，请××同志讲话。\n")
    assert render_outline(parse(text)) == (
        "[称谓] 同志们：\n[议程] 2\n  [议程项] 下面，进行第一项议程，通过日程。\n"
        "    一、 上午开幕\n    二、 下午选举\n  [议程项] 下面，进行第二项议程，请××同志讲话。\n")


def test_readdress_after_the_last_sub_heading_opens_a_passage_of_the_part() -> None:
    text = ("各位代表：\n一、过去一年的工作\n（一）经济平稳运行\n正文。\n（二）改革持续深化\n正文。\n"
            "各位代表！\n成绩来之不易。\n二、今年的主要任务\n正文。\n各位代表！\n让我们携手奋斗！\n")
    assert render_outline(parse(text)) == (
        "[称谓] 各位代表：\n一、 过去一年的工作\n  （一） 经济平稳运行\n  （二） 改革持续深化\n"
        "  [称谓] 各位代表！\n二、 今年的主要任务\n[称谓] 各位代表！\n[结束语] 让我们携手奋斗！\n")


def test_readdress_after_run_in_points_stands_at_the_top() -> None:
    text = ("同志们：\n第一，抓学习。正文。\n第二，抓落实。正文。\n同志们！\n"
            "大家要坚定信心。\n最后，祝大家工作顺利！\n")
    assert render_outline(parse(text)) == (
        "[称谓] 同志们：\n第一， 抓学习。\n第二， 抓落实。\n[称谓] 同志们！\n"
        "[结束语] 最后，祝大家工作顺利！\n")


def test_a_series_held_in_one_paragraph_is_a_list_not_headings() -> None:
    text = ("一、深化改革\n改革是关键。\n"
            "一是推进结构调整。正文。二是完善机制。正文。三是加强监管。正文。\n"
            "改革取得进展。\n")
    assert render_outline(parse(text)) == "一、 深化改革\n  [列举] 3\n"


def test_lines_that_preview_the_parts_are_not_listed() -> None:
    text = ("同志们：\n下面，我讲两个问题：\n（一）认清形势；\n（二）明确任务。\n"
            "（一）认清形势。当前形势……\n（二）明确任务。今年的任务……\n")
    assert render_outline(parse(text)) == (
        "[称谓] 同志们：\n[过渡] 下面，我讲两个问题：\n（一） 认清形势。\n（二） 明确任务。\n")


def test_a_run_in_series_inside_a_run_in_point_nests_under_it_at_any_depth() -> None:
    # 一、…… 第三，……： （一）去年……。 — run in as the point is, the series is the
    # point's; a standalone （一） title below 一、 closes the run-in points (rule 2).
    open_ = [heading("一、"), heading("第一，", standalone=False)]
    assert heading_level(open_, heading("（一）", standalone=False)) == 2
    assert heading_level(open_, heading("（一）")) == 1
