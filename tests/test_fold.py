"""Traditional characters are read through grammar/traditional.tsv (parse/fold.py)."""

from __future__ import annotations

import re

from jianghua import parse, render, render_outline
from jianghua.parse.fold import TABLE_NAME, folded
from jianghua.parse.lexicon import grammar_text

SIMPLIFIED = """某某县表彰大会主持词
同志们：
今天的会议有两项议程。
下面，请县委书记讲话。
下面，请县长宣读表彰决定。
同志们，今天的会议到此结束。
"""
# The same script as a traditional-character page gives it.
TRADITIONAL = """某某縣表彰大會主持詞
同志們：
今天的會議有兩項議程。
下麵，請縣委書記講話。
下麵，請縣長宣讀表彰決定。
同志們，今天的會議到此結束。
"""


def _table() -> list[tuple[str, str]]:
    rows = [line.split("\t") for line in grammar_text(TABLE_NAME).splitlines()
            if line and not line.startswith("#")]
    return [(traditional, simplified) for traditional, simplified in rows]


def test_each_pair_is_one_character_for_one_that_the_grammar_uses() -> None:
    grammar = grammar_text()
    rows = _table()
    assert rows
    for traditional, simplified in rows:
        assert len(traditional) == len(simplified) == 1 and traditional != simplified
        assert simplified in grammar, f"{traditional}→{simplified}: no pattern reads it"
    assert len({traditional for traditional, _ in rows}) == len(rows)


def test_a_simplified_text_is_read_as_it_is() -> None:
    assert folded(SIMPLIFIED) is SIMPLIFIED


def test_folding_keeps_every_offset() -> None:
    assert len(folded(TRADITIONAL)) == len(TRADITIONAL)
    assert folded(TRADITIONAL) != TRADITIONAL


def test_a_traditional_script_has_the_structure_of_its_simplified_twin() -> None:
    def shape(outline: str) -> list[str]:
        # tags and depth only: the words are quoted as written
        return [re.sub(r"\].*", "]", line) for line in outline.splitlines()]

    simplified, traditional = parse(SIMPLIFIED), parse(TRADITIONAL)
    assert shape(render_outline(traditional)) == shape(render_outline(simplified))
    assert "[议程] 2" in render_outline(traditional)


def test_the_outline_quotes_the_text_as_written() -> None:
    speech = parse(TRADITIONAL)
    outline = render_outline(speech)
    assert "[称谓] 同志們：" in outline
    assert "請縣委書記講話。" in outline
    assert render(speech) == TRADITIONAL
