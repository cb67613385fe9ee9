"""jianghua.lexicon: what Python reads from the grammar is the grammar's own."""

from __future__ import annotations

import pytest

from jianghua.lexicon import char_class, terminal_pattern
from jianghua.parse.lines import terminal_pattern as parser_terminal


@pytest.mark.parametrize("name", ["STOP", "COUNTED", "CALL", "CN_NUMERAL", "COUNT",
                                  "ADDRESS_WORD", "CLOSING", "TRANSITION", "SHI_MARKER"])
def test_terminals_compile_as_the_parser_compiles_them(name: str) -> None:
    assert terminal_pattern(name).pattern == parser_terminal(name).pattern


def test_terminals_the_parser_inlines_are_kept() -> None:
    assert terminal_pattern("SOME").fullmatch("若干")


def test_the_space_class_is_the_grammar_indent() -> None:
    spaces = char_class("INDENT")
    assert set(spaces) >= {" ", "\t", "\u3000", "\u00a0"}
    assert "\n" not in spaces


def test_a_terminal_that_is_not_one_class_is_refused() -> None:
    with pytest.raises(ValueError):
        char_class("CLOSING")
