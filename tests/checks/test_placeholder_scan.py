"""JH603 finds its placeholders by trying its one pattern only where a match can
start; that must find exactly what trying it at every position finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jianghua.checks.rules.placeholders import _ANY, placeholder_spans

# The characters the patterns turn on, around them plain text and digits.
_ALPHABET = "12１２0９XxＸｘ×☆★某□*_＿.．%％年月亿副市同-至 Ab甲乙，。\n"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_screened_scan_finds_what_finditer_finds(text: str) -> None:
    assert list(placeholder_spans(text)) == [m.span() for m in _ANY.finditer(text)]


def test_look_behind_sees_before_a_candidate() -> None:
    # 2020XX年: the year's digits are not a 20XX年 of their own, and AXX is a word.
    for text in ("2020XX年", "AXX公司", "请*同志讲话", "20××年至20××年", "Xbox与XX市"):
        assert list(placeholder_spans(text)) == [m.span() for m in _ANY.finditer(text)]
