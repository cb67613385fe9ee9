"""Fuzzing ``parse`` (and ``check`` with its fixes) with random and mutated speeches.

For every text ``t`` hypothesis makes (random strings of speech material, and the
samples with random insertions, deletions and substitutions of markers, stops, line
endings, NBSP, U+3000, vocatives, digits):

* ``parse(t)`` raises nothing and ``render(parse(t)) == t``;
* every node, marker, enumeration and item has its span inside ``[0, len(t)]``, and
  inline parts inside their node;
* the JSON of the speech validates in full (``Speech.model_validate_json``: the
  lossless tiling, line/column positions, markers inside their headings) and
  serializes back to the same bytes;
* with ``jianghua.checks`` present: ``check`` raises nothing, its diagnostics lie in
  the text, and fixing is idempotent (fixing the fixed text changes nothing).

Example counts are modest so the file runs in well under a minute on two cores;
``JIANGHUA_FUZZ_EXAMPLES=N`` raises every count to at least ``N``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from jianghua.api import parse, render
from jianghua.model import Speech

REPO = Path(__file__).resolve().parents[1]


def examples(default: int) -> int:
    return max(default, int(os.environ.get("JIANGHUA_FUZZ_EXAMPLES", "0") or 0))


def fuzz_settings(default: int):
    return settings(max_examples=examples(default), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _samples() -> list[str]:
    texts = []
    for path in sorted((REPO / "samples").glob("*.txt")):
        data = path.read_bytes()
        try:
            texts.append(data.decode("utf-8"))
        except UnicodeDecodeError:
            texts.append(data.decode("gb18030"))
    return texts


SAMPLES = _samples()

# --- speech material -------------------------------------------------------------------

MARKERS = [
    "一、", "二、", "十一、", "九十九、", "一，", "一.", "一 ", "（一）", "(二)", "（三)", "（一）、",
    "1.", "2、", "１．", "10.", "999.", "1.5", "（1）", "(2)", "（３）", "①", "②、", "⑳.",
    "第一，", "第二、", "第三点，", "第四条：", "第五个方面，", "第一个问题：", "第二是，",
    "一是", "二要", "三抓", "四靠", "五讲", "六看", "七不能", "八可以", "首先，", "其次，",
    "再次，", "然后，", "最后，", "其一，", "其二、", "第一部分 ", "第二章", "第三篇、",
]
CUES = [
    "同志们：", "同志们！", "各位领导、同志们：", "尊敬的各位来宾，女士们，先生们：",
    "会议有三项议程", "会议共有两项议程：", "进行第一项议程，", "下面进行第二项议程：",
    "下面，我讲三点意见。", "强调以下几点：", "讲3点意见", "现在，我代表市人民政府，向大会报告工作。",
    "我就讲到这里，谢谢大家！", "散会。", "以上意见，供大家参考。", "让我们",
    "在全市工作会议上的讲话", "（2023年4月10日）", "存在十条作风突出问题：", "XX个特点",
]
STOPS = ["。", "！", "？", "；", "：", "!", "?", ";", ":", "。 ", "：\u3000", "……", "。”"]
BREAKS = ["\n", "\r\n", "\r", "\n\n", "\r\r\n", "\u2028", "\x85", "\x0b", "\x0c"]
SPACES = [" ", "\t", "\u00a0", "\u3000", "\u2002", "\u2003", "\ufeff", "  ", "\u3000\u3000"]
DIGITS = [*"0123456789", "０", "９", "一", "二", "十", "两", "几", "百", "〇", "零", "X", "×"]
PUNCT = [*"（）()、，,.．“”‘’《》【】—-", "10:00", "1.5", "2023年"]
WORDS = ["加强", "党的建设", "工作", "要", "是", "的", "讲话", "发言", "议程", "项", "点", "方面",
         "问题", "同志", "谢谢", "这一是", "第一项", "a", "Z", "\x00", "\x01", "\x1b", "\x7f"]
#: Characters inside cues and markers after which a mutation likes to split a line.
HINGES = set("讲谈提说点条项方第其一二三四五六七八九十两几（(、，,：:是要会议进行下面我同志各位")
PIECES = MARKERS + CUES + STOPS + BREAKS + SPACES + DIGITS + PUNCT + WORDS

piece = st.sampled_from(PIECES)
any_char = st.characters(exclude_categories=["Cs"])  # decoding never yields surrogates
token = st.one_of(piece, piece, piece, any_char)


@st.composite
def random_speech(draw) -> str:
    """A string of speech material, lines often opened by markers."""
    parts = draw(st.lists(token, max_size=80))
    return "".join(parts)


@st.composite
def line_speech(draw) -> str:
    """Lines that look like a speech: a marker or cue, text, a stop, a line ending."""
    lines = []
    for _ in range(draw(st.integers(0, 25))):
        head = draw(st.one_of(st.sampled_from(MARKERS + CUES), st.just("")))
        body = "".join(draw(st.lists(st.sampled_from(WORDS + DIGITS + PUNCT + SPACES),
                                     max_size=6)))
        stop = draw(st.sampled_from([*STOPS, ""]))
        lines.append(head + body + stop + draw(st.sampled_from([*BREAKS[:4], ""])))
    return "".join(lines)


@st.composite
def mutated_sample(draw) -> str:
    """A sample (or a window of one) with random insertions, deletions, substitutions."""
    text = draw(st.sampled_from(SAMPLES))
    if draw(st.booleans()):  # a window keeps most examples cheap
        start = draw(st.integers(0, len(text)))
        text = text[start:start + draw(st.integers(0, 800))]
    for _ in range(draw(st.integers(1, 12))):
        position = draw(st.integers(0, len(text)))
        operation = draw(st.sampled_from(["insert", "insert", "delete", "substitute", "split"]))
        if operation == "split":
            # A line break or a space inside a cue (讲\n三点, 第\r一，, 一\u3000是): the
            # places where a pattern written with \s would run across a line.
            hinges = [i + 1 for i, ch in enumerate(text) if ch in HINGES]
            if hinges:
                position = hinges[draw(st.integers(0, len(hinges) - 1))]
            text = text[:position] + draw(st.sampled_from(BREAKS + SPACES)) + text[position:]
        elif operation == "insert":
            text = text[:position] + draw(token) + text[position:]
        else:
            length = draw(st.integers(1, 6))
            replacement = draw(token) if operation == "substitute" else ""
            text = text[:position] + replacement + text[position + length:]
    return text


speech_texts = st.one_of(random_speech(), line_speech(), mutated_sample())

# --- invariants ------------------------------------------------------------------------


def _inside(outer, inner) -> bool:
    return outer.start <= inner.start <= inner.end <= outer.end


def assert_invariants(text: str) -> Speech:
    speech = parse(text)
    assert render(speech) == text
    assert speech.length == len(text)
    whole = range(len(text) + 1)
    stack = list(speech.nodes)
    while stack:
        node = stack.pop()
        span = node.span
        assert span.start in whole and span.end in whole and span.start <= span.end
        marker = getattr(node, "marker", None)
        if marker is not None:
            assert _inside(span, marker.span)
            assert text[marker.span.start:marker.span.end] == marker.raw
        for enumeration in getattr(node, "enumerations", ()):
            assert _inside(span, enumeration.span)
            for item in enumeration.items:
                assert _inside(enumeration.span, item.span)
                assert _inside(item.span, item.marker.span)
                assert text[item.marker.span.start:item.marker.span.end] == item.marker.raw
        for name in ("body", "children", "items"):
            for child in getattr(node, name, ()):
                assert _inside(span, child.span)
                stack.append(child)
    dumped = speech.model_dump_json()
    again = Speech.model_validate_json(dumped)  # full validation of every invariant
    assert again.model_dump_json() == dumped
    return speech


@fuzz_settings(400)
@given(random_speech())
@example("")
@example("\r")
@example("一、\r\n（一）\r1.\n（1）①第一，一是首先，其一，")
@example("同志们：\n会议有两项议程。进行第一项议程，\n我就讲到这里，谢谢大家！")
@example("提\n三点：要")  # \s in TRANSITION/COUNTED once ran across the line break
@example("这里提\r\n三点要求：一要明确责任；二要保障资金。\n")
@example("会议共有两\n项议程：\n")
def test_parse_random_text(text: str) -> None:
    assert_invariants(text)


@fuzz_settings(250)
@given(line_speech())
def test_parse_speech_like_lines(text: str) -> None:
    assert_invariants(text)


@fuzz_settings(250)
@given(mutated_sample())
def test_parse_mutated_samples(text: str) -> None:
    assert_invariants(text)


# --- checks and fixes ------------------------------------------------------------------


def _checks():
    checks = pytest.importorskip("jianghua.checks")
    return checks


def assert_check_and_fix(text: str) -> None:
    checks = _checks()
    speech = assert_invariants(text)
    diagnostics = checks.check(speech, text=text)
    for diagnostic in diagnostics:
        assert 0 <= diagnostic.start <= diagnostic.end <= len(text)
        for edit in (diagnostic.fix.edits if diagnostic.fix else ()):
            assert 0 <= edit.start <= edit.end <= len(text)
    try:
        from jianghua.checks.fixes import fix_text
    except ImportError:  # pragma: no cover - checks without fixes
        return

    def checker(speech: Speech, text: str):
        return checks.check(speech, text=text)

    once = fix_text(text, checker).text
    if once != text:
        assert render(parse(once)) == once
    twice = fix_text(once, checker).text
    assert twice == once, "fixing the fixed text changed it again"


@fuzz_settings(100)
@given(speech_texts)
@example("同志们：\n一、甲\n二、乙\n四、丙\n")
@example("一是加强领导,落实责任.二是完善制度;\n三是强化监督:\n")
def test_check_and_fix(text: str) -> None:
    assert_check_and_fix(text)


@fuzz_settings(60)
@given(mutated_sample())
def test_check_and_fix_mutated_samples(text: str) -> None:
    assert_check_and_fix(text)


# --- what fuzzing found, pinned ------------------------------------------------------


def test_fix_is_idempotent_on_a_long_run_of_half_width_marks() -> None:
    assert_check_and_fix("会议" + "?" * 31 + "\n")


def test_fix_applies_every_safe_fix_among_refused_ones() -> None:
    assert_check_and_fix("一、会议时间:10点开始,地点在礼堂\n" * 100)
