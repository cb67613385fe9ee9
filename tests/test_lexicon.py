"""jianghua.parse.lexicon: what Python reads from the grammar is the grammar's own."""

from __future__ import annotations

import pytest

from jianghua.parse.lexicon import char_class


def test_the_space_class_is_the_grammar_indent() -> None:
    spaces = char_class("INDENT")
    assert set(spaces) >= {" ", "\t", "\u3000", "\u00a0"}
    assert "\n" not in spaces


def test_a_terminal_that_is_not_one_class_is_refused() -> None:
    with pytest.raises(ValueError):
        char_class("CLOSING")


@pytest.mark.parametrize(("lead", "value"), [
    ("下面，我讲三句话九个字", 3),  # the verb takes 三句话; 九个字 only describes them
    ("刚才强调了两点，下面我再讲三点意见", 3),  # the last count a verb takes
    ("会议有两项议程", 2),  # no verb before the count: the last counted phrase
    ("从三个方面跟大家交流", 3),
    ("下面，我講三點意見", 3),  # traditional script
    ("最後，我再強調兩個方面", 2),
    ("下面，我讲几点意见", None),  # declares no number
])
def test_the_count_that_announces_the_points(lead: str, value: int | None) -> None:
    from jianghua.parse.markers import declared_count
    assert declared_count(lead) == (True, value)


def test_traditional_two_is_two() -> None:
    from jianghua.numerals import number_value
    assert number_value("兩") == number_value("两") == 2


@pytest.mark.parametrize(("numeral", "value", "next_one"), [
    ("②", 2, "③"), ("⑴", 1, "⑵"), ("⒇", 20, None), ("⒈", 1, "⒉"), ("⒛", 20, None),
])
def test_one_character_numerals_count_in_their_own_block(numeral: str, value: int,
                                                         next_one: str | None) -> None:
    from jianghua.numerals import enclosed_like, number_value
    assert number_value(numeral) == value
    assert enclosed_like(numeral, value + 1) == next_one
