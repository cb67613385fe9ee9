"""The structural indexes rules share (runs drawn as an editor reads them), and a
property test: any text checks without crashing, with positions that match offsets,
and fixes that keep the structure."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jianghua.api import parse, render
from jianghua.checks import check
from jianghua.checks.context import CheckContext, series_of, source_text
from jianghua.checks.fixes import fix_text, structure


def runs(text: str) -> list[list[str]]:
    context = CheckContext(parse(text))
    return [[member.marker.raw for member in run.members] for run in context.runs]


def test_a_series_in_two_forms_is_one_run() -> None:
    # The nesting pass puts 二要 under 一是 (a new style nests); an editor reads one list.
    text = "一是提高站位。正文。\n二要振奋精神。正文。\n三是强化担当。正文。\n"
    assert runs(text) == [["一是", "二要", "三是"]]
    text = "首先，要提高认识。正文。\n其次，要压实责任。正文。\n第三，要强化督导。正文。\n"
    assert runs(text) == [["首先，", "其次，", "第三，"]]


def test_ranked_levels_stay_apart() -> None:
    text = "一、甲\n（一）子\n（二）子\n二、乙\n（一）子\n"
    assert runs(text) == [["（一）", "（二）"], ["（一）"], ["一、", "二、"]]


def test_top_level_runs_split_at_a_new_part() -> None:
    # A chair's script: the chair's own remarks start a new part (CONVENTIONS: anatomy).
    text = ("同志们：\n下面，我讲两点意见。\n一、甲\n正文。\n二、乙\n正文。\n"
            "同志们：\n下面，我再讲两点意见。\n一、丙\n正文。\n二、丁\n正文。\n")
    assert runs(text) == [["一、", "二、"], ["一、", "二、"]]
    assert [d.code for d in check(parse(text), select=["JH1"])] == []


def test_marker_keys() -> None:
    speech = parse("一是甲。正文。\n二要乙。正文。\n第一点，丙。正文。\n一 丁\n")
    keys = [series_of(section) for section in CheckContext(speech).sections]
    assert keys == ["shi:是", "shi:要", "ordinal:点", "chinese:bare"]


def test_source_text_is_the_rendered_text() -> None:
    text = "\ufeff同志们：\r\n一、甲\r\n\r\n正文。\r二、乙\n"
    speech = parse(text)
    assert source_text(speech) == render(speech) == text


_ALPHABET = st.sampled_from(list("同志们：一二三四五是要、，,.．（）()“”\"第首先其次最后讲点意见"
                                 "下面我。！!？?；;:*X某千部切水干\n\r 　1234"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(_ALPHABET, max_size=120))
def test_any_text_checks_and_fixes_safely(text: str) -> None:
    speech = parse(text)
    found = check(speech)
    for d in found:
        assert 0 <= d.start <= d.end <= len(text)
        assert (d.line, d.column) == CheckContext(speech, text=text).position(d.start)
    result = fix_text(text, lambda s, t: check(s, text=t))
    assert structure(parse(result.text)) == structure(speech)
    assert result.text.count("\n") == text.count("\n")
    assert result.text.count("\r") == text.count("\r")
