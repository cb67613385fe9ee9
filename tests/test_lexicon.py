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
