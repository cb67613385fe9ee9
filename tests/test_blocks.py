"""parse/blocks.py: what a cue means where it stands, on small composed speeches.

Each test is one decision of the blocks stage (its module docstring lists them), read
off the flat blocks before nesting: the kind of each piece and the text it holds. The
fixtures are composed in the conventional style with placeholder names.
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from jianghua.parse.blocks import Block, build_blocks
from jianghua.parse.lines import parse_lines

END = "我就讲到这里，谢谢大家！\n"  # a closing formula, so the end decides nothing else


def blocks(text: str) -> list[Block]:
    return build_blocks(text, parse_lines(text))


def pieces(text: str) -> list[tuple[str, str]]:
    return [(block.kind, text[block.start:block.end]) for block in blocks(text)]


def test_front_matter_title_then_the_speech() -> None:
    assert pieces("关于做好某项工作的讲话\n张三\n同志们：\n今天开会。\n" + END)[:4] == [
        ("title", "关于做好某项工作的讲话"), ("paragraph", "张三"),
        ("salutation", "同志们："), ("paragraph", "今天开会。")]


@pytest.mark.parametrize(("line", "kind"), [
    ("坚定信心 真抓实干", "title"),  # two parallel phrases, not an office and a name
    ("市委书记 李某某", "paragraph"),
    ("国务院总理 朱镕基", "paragraph"),
    ("2024年6月28日", "paragraph"),  # a bare date line
    ("二〇二四年六月", "paragraph"),
    ("（2024年6月28日）", "paragraph"),
])
def test_what_a_front_line_is(line: str, kind: str) -> None:
    assert pieces(f"在某某会议上的讲话\n{line}\n同志们：\n今天开会。\n" + END)[1] == (kind, line)


@pytest.mark.parametrize("address", ["诸位：", "诸位！", "各位同仁：", "同志们"])
def test_an_address_alone_opens_the_speech(address: str) -> None:
    assert pieces(f"在某某会议上的讲话\n{address}\n今天开会。\n" + END)[1] == (
        "salutation", address)


def test_a_title_glued_before_the_salutation_is_split_off() -> None:
    text = "某某同志在某某会议上的讲话同志们：今天开会。\n" + END
    kinds = [kind for kind, _ in pieces(text)]
    assert kinds[:3] == ["title", "salutation", "paragraph"]


def test_a_re_address_in_a_heading_body_is_a_salutation() -> None:
    text = "同志们：\n一、提高站位\n正文。\n同志们！\n这件事很重要。\n二、狠抓落实\n" + END
    assert ("salutation", "同志们！") in pieces(text)


def test_a_vocative_starting_a_sentence_is_body_text() -> None:
    # (Near the end of a speech the same sentence opens the closing part: edges.py.)
    text = "同志们：\n一、提高站位\n同志们，这件事很重要。\n正文。\n二、狠抓落实\n" + END
    assert pieces(text)[2] == ("paragraph", "同志们，这件事很重要。")


def test_a_transition_in_the_opening_before_headings() -> None:
    text = "同志们：\n下面，我讲两点意见。\n一、提高站位\n二、狠抓落实\n" + END
    transition = blocks(text)[1]
    assert (transition.kind, transition.declared_count) == ("transition", 2)
    assert transition.count is not None  # where 两点 is written, for the checks
    assert text[transition.count.start:transition.count.end] == "两点"


@pytest.mark.parametrize("lead", [
    "下边主要讲三个问题：",
    "我提三点希望，与大家共勉：",
    "对于今后的工作，我有几点想法，供大家参考。",  # the speaker has the points
    "我想从三个方面谈谈体会。",  # a count of angles the speaker takes
    "现将有关情况报告如下。",  # a report's formula
])
def test_the_shapes_of_a_hand_over_to_the_body(lead: str) -> None:
    text = f"同志们：\n今天召开这次会议。{lead}\n一、提高站位\n正文。\n二、狠抓落实\n正文。\n" + END
    assert ("transition", lead) in pieces(text)


@pytest.mark.parametrize("lead", [
    "刚才，某某同志从三个方面作了讲话。",  # someone else's speech (seed 000)
    "我们的主要工作体会有以下几个方面。",  # a lead-in, said inside a body too (corpus 215)
])
def test_counts_that_announce_no_hand_over(lead: str) -> None:
    text = f"同志们：\n今天召开这次会议。{lead}\n一、提高站位\n正文。\n二、狠抓落实\n正文。\n" + END
    assert all(kind != "transition" for kind, _ in pieces(text))


def test_a_transition_with_no_headings_after_it_is_a_paragraph() -> None:
    text = "同志们：\n下面，我谈谈个人的看法。\n正文。\n" + END
    assert pieces(text)[1] == ("paragraph", "下面，我谈谈个人的看法。")


@pytest.mark.parametrize("lead", ["下面，我讲两点意见。", "下面，我讲几点意见。"])
def test_a_transition_announcing_points_hands_over_without_headings(lead: str) -> None:
    # The points may be paragraphs with no numbers, or lost from the copy: announcing
    # them (两点, 几点) at the paragraph's end, the speaker hands over (docs/outline.md).
    text = f"同志们：\n{lead}\n正文。\n" + END
    assert pieces(text)[1] == ("transition", lead)


def test_a_transition_after_the_first_heading_is_a_paragraph() -> None:
    text = "同志们：\n一、提高站位\n下面，我讲两点意见。\n二、狠抓落实\n" + END
    assert pieces(text)[2] == ("paragraph", "下面，我讲两点意见。")


def test_a_mid_paragraph_marker_whose_series_goes_on_starts_a_heading() -> None:
    text = "同志们：\n要抓好几件事。一是抓学习。\n二是抓落实。\n" + END
    assert pieces(text)[1:4] == [("paragraph", "要抓好几件事。"),
                                 ("heading", "一是抓学习。"), ("heading", "二是抓落实。")]


def test_markers_announced_by_the_transition_are_headings() -> None:
    text = "同志们：\n下面，我讲两点意见。一是抓学习。二是抓落实。\n" + END
    assert [kind for kind, _ in pieces(text)][1:4] == ["transition", "heading", "heading"]


def test_a_run_inside_a_paragraph_is_an_enumeration_with_its_count() -> None:
    text = "同志们：\n存在三个问题：一是作风不实。二是纪律松弛。\n正文。\n" + END
    paragraph = blocks(text)[1]
    assert paragraph.kind == "paragraph"
    [enumeration] = paragraph.enumerations
    assert enumeration.declared_count == 3 and len(enumeration.items) == 2
    assert enumeration.count is not None
    assert text[enumeration.count.start:enumeration.count.end] == "三个问题"


def test_one_marker_alone_inside_a_paragraph_is_just_text() -> None:
    text = "同志们：\n存在问题：一是作风不实。\n正文。\n" + END
    paragraph = blocks(text)[1]
    assert (paragraph.kind, paragraph.enumerations) == ("paragraph", [])


def test_a_lone_shouxian_in_the_opening_is_not_a_heading() -> None:
    text = "同志们：\n首先，我代表市委表示祝贺。\n正文。\n" + END
    assert pieces(text)[1] == ("paragraph", "首先，我代表市委表示祝贺。")


def test_shouxian_heads_a_series_that_goes_on() -> None:
    text = "同志们：\n首先，抓学习。\n其次，抓落实。\n正文。\n" + END
    assert [kind for kind, _ in pieces(text)][1:3] == ["heading", "heading"]


def test_a_last_zuihou_with_nothing_under_it_is_the_closing() -> None:
    text = "同志们：\n一、提高站位\n二、狠抓落实\n最后，祝大家工作顺利！\n"
    assert pieces(text)[-1] == ("closing", "最后，祝大家工作顺利！")


def test_zuihou_with_points_under_it_is_a_heading() -> None:
    text = "同志们：\n一、提高站位\n最后，强调两点：\n（一）抓学习\n（二）抓落实\n" + END
    zuihou = blocks(text)[2]
    assert zuihou.kind == "heading"
    assert zuihou.count is not None  # a heading ending in a colon announces a count
    assert text[zuihou.count.start:zuihou.count.end] == "两点"


@pytest.mark.parametrize("closing", ["我就讲到这里，谢谢大家！", "同志们，让我们团结一心，再创佳绩！",
                                     "今天的会议到此结束。"])
def test_the_closing_is_found_from_the_end(closing: str) -> None:
    text = f"同志们：\n一、提高站位\n正文。\n{closing}\n"
    assert pieces(text)[-1] == ("closing", closing)


def test_an_agenda_and_its_steps() -> None:
    text = "同志们：\n会议有两项议程。\n进行第一项议程，请甲发言；\n进行第二项议程，请乙讲话。\n" + END
    agenda, first, second = blocks(text)[1:4]
    assert (agenda.kind, agenda.declared_count) == ("agenda", 2)
    assert agenda.count is not None and text[agenda.count.start:agenda.count.end] == "两项"
    assert [(b.kind, b.ordinal) for b in (first, second)] == [("agenda_item", 1),
                                                              ("agenda_item", 2)]


def test_marker_facts_the_model_carries() -> None:
    text = "同志们：\n（二）抓落实\n一是抓学习。\n其次，抓作风。\n再次，抓纪律。\n" + END
    headings = [b for b in blocks(text) if b.kind == "heading"]
    numerals = [b.marker.raw[slice(*b.marker.numeral)] if b.marker.numeral else None
                for b in headings]
    assert numerals == ["二", "一", None, None]  # 其次/再次 write no numeral
    assert [b.marker.key for b in headings] == ["chinese_paren:", "shi:是", "sequence:",
                                                 "sequence:"]


def test_pieces_tile_each_line() -> None:
    text = ("关于某项工作的讲话\n同志们：\n下面，我讲两点意见。一是抓学习。二是抓落实。\n"
            "存在三个问题：一是甲。二是乙。\n" + END)
    for line in parse_lines(text):
        mine = [b for b in blocks(text) if b.line == line.number]
        if not mine:
            continue
        assert mine[0].start == line.start and mine[-1].end == line.end
        assert all(a.end == b.start for a, b in pairwise(mine))
