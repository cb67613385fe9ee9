"""jianghua.parse.clauses: lists whose markers open clauses inside a paragraph."""

from __future__ import annotations

import pytest

from jianghua.api import parse


def lists_in(paragraph: str) -> list[list[str]]:
    """The raw markers of each list found in ``paragraph``, set in a small speech."""
    speech = parse(f"同志们：\n一、第一部分\n{paragraph}\n二、第二部分\n我就讲这些。\n")
    part = next(node for node in speech.nodes if node.kind == "section")
    found = [*part.enumerations]
    for node in part.body:
        found += getattr(node, "enumerations", [])
    return [[item.marker.raw for item in enumeration.items] for enumeration in found]


@pytest.mark.parametrize(("paragraph", "markers"), [
    # the first marker glued to the subject before it (CONVENTIONS: enumerations)
    ("会后，大家一是要向主要负责同志汇报；二是要结合实际抓好落实。", [["一是", "二是"]]),
    ("我们第一条是讲清道理，第二条也要听取意见。", [["第一条是", "第二"]]),
    # 一 ending a word is no marker, and a series must count from one
    ("统一是前提，二是看能否落实到位。", []),
    ("原因之一是投入不足，二是机制不顺。", []),
    # ordinals that count the same word, each opening a clause or a sentence
    ("纲要分为三大板块。第一板块为总论。第二板块为分论。第三板块为结尾。",
     [["第一", "第二", "第三"]]),
    ("对犯错误的同志，第一条保护他，第二条批评他。", [["第一", "第二"]]),
    # numbered names repeat their words after the ordinal: no list
    ("第一个五年计划期间打下了基础。第二个五年计划期间又前进了一步。", []),
    # an ordinal glued inside a phrase opens no item
    ("我们实现了第一个百年奋斗目标，正向第二个百年奋斗目标进军。", []),
    # bare 首先/其次/最后, the first opening the sentence or the paragraph
    ("首先要统一思想，其次要明确任务，最后要狠抓落实。", [["首先", "其次", "最后"]]),
    ("首先要统一思想。其次要明确任务。", [["首先", "其次"]]),
    # the paragraph opens with the list, its members in one sentence
    ("一是稳就业，二是办教育，三是强医疗，认真办好民生实事。", [["一是", "二是", "三是"]]),
    # a quoted list inside a sentence that also holds other cues (散会)
    ("有人说，“一开会，二报告，三讨论，四散会”，这个套路要改。", [["一开", "二报", "三讨", "四散"]]),
])
def test_lists_inside_a_paragraph(paragraph: str, markers: list[list[str]]) -> None:
    assert lists_in(paragraph) == markers


def test_a_closing_keeps_the_list_in_its_paragraph() -> None:
    speech = parse("同志们：\n一、第一部分\n内容。\n二、第二部分\n内容。\n"
                   "今天的会议开得十分成功。会后，大家一是要汇报；二是要落实。\n")
    closing = speech.nodes[-1]
    assert closing.kind == "closing"
    assert [len(e.items) for e in closing.enumerations] == [2]


def test_a_marker_after_the_space_of_a_lost_break_opens_its_paragraph() -> None:
    """Paragraphs joined with spaces (a web copy): a part's title has no stop, so the
    first point after it is glued to it across the space (……任务落实 一要……)."""
    body = "各地各部门要结合实际，认真研究，扎实推进各项工作落到实处。" * 8
    parts = [f"{numeral}、第{numeral}部分的标题 一要做好第一件事。{body} 二要做好第二件事。{body}"
             for numeral in "一二三"]
    speech = parse("同志们： 下面，我讲三个方面。 " + " ".join(parts) + " 我就讲这些。")
    sections = [node for node in speech.nodes if node.kind == "section"]
    assert [s.marker.raw for s in sections] == ["一、", "二、", "三、"]
    assert [[child.marker.raw for child in s.children] for s in sections] == [["一要", "二要"]] * 3
