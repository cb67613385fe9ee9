"""The scanner (jianghua.parse.scan) against Lark's contextual lexer on the same grammar.

``parse_lines`` must give exactly the records ``parse_lines_lark`` gives (the
sentence-level ``start`` rule run through Lark, one token per sentence): on random
cue-dense text, and for each cue terminal on a line it opens. The cue terminals and
their screens are read from grammar/speech.lark, so a cue the lead adds to the grammar
is covered by the random test as soon as its words are in the fragments below.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from jianghua.parse.lexicon import roles
from jianghua.parse.lines import parse_lines, parse_lines_lark
from jianghua.parse.scan import cue_barrier, cue_filter, scanner

# Speech material, cue words first: pieces of every cue, stops, spaces, line ends,
# clocks and decimals, and plain words that share characters with the anchors.
FRAGMENTS = [
    "一、", "二，", "三.", "十二、", "一 ", "（一）", "(二)", "（三)、", "1.", "2、", "１．", "1.5",
    "（1）", "(2)", "①", "②、", "第一，", "第二点：", "第三个问题：", "第一部分", "第二章 ",
    "一是", "二要", "三抓", "四不能", "首先，", "其次，", "最后，", "然后、", "其一，", "其二：",
    "同志们", "同志们：", "同志们！", "各位领导、同志们：", "尊敬的各位来宾，女士们，先生们：",
    "会议有两项议程", "今天的会议共有三项议程", "议程有3项", "进行第一项议程", "下面进行会议的第二项",
    "首先，进行第一项议程", "下面，我讲三点意见", "强调以下几点", "讲3点意见", "从四个角度跟大家分享",
    "下面我将从三个方面来进行讲授", "现在，我代表市人民政府，向大会报告工作", "我建议",
    "我就讲到这里", "今天的会议到此结束", "散会", "谢谢大家", "以上意见，供大家参考", "一共讲了十点",
    "让我们", "在全市工作会议上的讲话", "主持词", "（2023年4月10日）", "(二〇二三年四月十日)",
    "10:00", "：", ":", "。", "！", "？", "；", "!", "?", ";", "。”", "？！",
    " ", "\u3000", "\t", "\u00a0", "\ufeff", "\n", "\n", "\r\n", "\r",
    "工作", "提高站位", "讲", "提", "说", "大家", "各位", "进行", "项", "议", "个", "点", "XX", "几",
    "抓好落实", "推动发展", "关于", "年", "日", "（", "）", "(", ")", "第", "其", "是",
    # Anchors far from their sentence start, and the 【…】 label a vocative may open with.
    "【致辞】", "【", "】", "代表", "各位代表：", "受市政府委托，", "委托", "报告", "说明", "讲：",
]

text_strategy = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)


def _same(text: str) -> None:
    assert parse_lines(text) == parse_lines_lark(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_strategy)
@example("")
@example("\n")
@example("一\n")
@example("一")
@example("同志们：会议有两项议程。进行第一项议程")
def test_scan_agrees_with_lark_on_cue_dense_text(text: str) -> None:
    _same(text)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from("一二十是、，。：:！（）(1.第其首先最后讲点项议程同志们 \u3000\n\r"),
               max_size=80))
def test_scan_agrees_with_lark_on_random_characters(text: str) -> None:
    _same(text)


# One line each cue terminal opens (as Lark reads it), so a cue the scanner stopped
# trying would show here by name.
OPENERS = {
    "PART_MARKER": "第一部分 总体要求",
    "CHINESE_MARKER": "一、提高站位。",
    "CHINESE_PAREN_MARKER": "（一）提高站位。",
    "ARABIC_MARKER": "1. 抓好落实。",
    "ARABIC_PAREN_MARKER": "（1）抓好落实。",
    "CIRCLED_MARKER": "①抓好落实。",
    "ORDINAL_MARKER": "第一，抓好落实。",
    "SHI_MARKER": "一是抓好落实。",
    "SEQUENCE_MARKER": "首先，抓好落实。",
    "QI_MARKER": "其一，抓好落实。",
    "VOCATIVE": "各位领导、同志们：",
    "AGENDA_DECL": "今天的会议共有三项议程：",
    "AGENDA_STEP": "下面进行第一项议程，请张三同志发言。",
    "TRANSITION": "下面，我讲三点意见。",
    "CLOSING": "我就讲到这里，谢谢大家！",
    "TITLE_HEAD": "在全市工作会议上的讲话（2023年4月10日）",
    "DATE_LINE": "（2023年4月10日）",
    "DIRECTION": "（掌声）",
}


def test_every_cue_terminal_has_an_opener() -> None:
    r = roles()
    assert set(OPENERS) == {*r.cues, *r.whole}


@pytest.mark.parametrize("name", sorted(OPENERS))
def test_each_cue_terminal(name: str) -> None:
    for text in (OPENERS[name], "同志们：\n" + OPENERS[name] + "\n", "工作。" + OPENERS[name]):
        lines = parse_lines(text)
        assert lines == parse_lines_lark(text)
    first = parse_lines(OPENERS[name])[0].sentences[0]
    assert first.cue == name


def test_screens_come_from_the_grammar() -> None:
    # Markers are screened by their first character, lazy cues by an anchor string
    # that every match holds; none is left to be tried everywhere.
    assert cue_filter("SHI_MARKER")[0] == "first"
    assert "一" in cue_filter("SHI_MARKER")[1]
    kind, anchors = cue_filter("AGENDA_DECL")
    assert kind == "anchor" and {"议程", "議程", "日程"} <= anchors
    assert "讲到这里" in cue_filter("CLOSING")[1]
    assert not scanner().always


def test_barriers_come_from_the_grammar() -> None:
    # A CLOSING holds no stop before 讲到这里 — but a time's colon (明天晚上7:30……议程
    # 进行完毕), so no colon bounds it —, nor a TRANSITION before its anchor (its
    # REPORT_FORMULA crosses no ：either: 受……委托：我代表……向大会报告 is found from 我代表);
    # a VOCATIVE is bounded too, except where it opens with a 【…】 label, which may hold
    # any stop.
    barrier, unless = cue_barrier("CLOSING")
    assert {"。", "！", ";"} <= barrier and "：" not in barrier and not unless
    barrier, _ = cue_barrier("TRANSITION")
    assert {"。", "：", ":"} <= barrier
    barrier, unless = cue_barrier("VOCATIVE")
    assert "。" in barrier and unless == {"【"}


@pytest.mark.parametrize("text", [
    "各位代表，今天讲：各位代表：我讲三点。",
    "【致辞】。各位代表：\n【致辞】各位代表：",
    "受市政府委托：我代表市人民政府向大会报告工作。",
    "好。" * 20 + "讲：" * 30 + "我讲三点：",
])
def test_anchors_beyond_a_barrier(text: str) -> None:
    _same(text)


@pytest.mark.parametrize("text", [
    "下面，我受学会第一届理事会的委托，向大家做工作报告。",
    "下面，我代表镇政府就一年来的政府工作情况汇报如下，不妥之处，请各位代表批评指正。",
])
def test_report_openings_in_other_words(text: str) -> None:
    # The opening of a work report is its 过渡 (OUTLINE), however it names its audience
    # (向大家) and its act (做工作报告, 就……汇报如下) — not a closing's 批评指正.
    _same(text)
    assert parse_lines(text)[0].sentences[0].cue == "TRANSITION"
