"""The reference parse of the lines: Lark's contextual lexer on the grammar's ``start``
rule, one token per sentence. The scanner (scan.py) must give the very same records
(tests/test_scan.py); this is many times slower. Line numbers are counted here, because
Lark counts only ``\\n`` and speeches pasted from old Windows tools end lines in ``\\r``
too.
"""

from __future__ import annotations

import functools

from lark import Lark, Token, Transformer
from lark.exceptions import LarkError

from jianghua.errors import JianghuaError
from jianghua.parse.lexicon import LARK_OPTIONS, grammar_text
from jianghua.parse.records import Line, Sentence
from jianghua.parse.scan import sentence_ending

__all__ = ["parse_lines_lark"]


class _LineBuilder(Transformer):
    """Inline transformer: turns tokens into ``Line``/``Sentence`` records.

    Stateless, so the one instance bound to the cached parser serves every parse.
    """

    def __init__(self) -> None:
        super().__init__(visit_tokens=False)

    # sentence: cue? TEXT? STOP     tail: cue TEXT? | TEXT
    def sentence(self, items: list) -> Sentence:
        return _sentence(items)

    def tail(self, items: list) -> Sentence:
        return _sentence(items)

    def marker(self, items: list) -> Token:
        return items[0]

    def line(self, items: list) -> list:
        return items

    def start(self, items: list) -> list[Line]:
        # items alternate: line, NEWLINE, line, NEWLINE, …, line (the last may be empty)
        lines: list[Line] = []
        pos = 0
        for item in items:
            if isinstance(item, Token):  # the NEWLINE that ends the line just built
                last = lines[-1]
                last.end = item.start_pos
                last.eol = str(item)
                pos = item.end_pos
            else:
                lines.append(_line(item, pos, len(lines) + 1))
        return lines


_STOPS = frozenset("。！？；：!?;:")


def _sentence(items: list) -> Sentence:
    first: Token = items[0]
    last: Token = items[-1]
    cue = first.type if first.type not in ("TEXT", "CLAUSE") else None
    stop = ""
    if last.type == "CLAUSE":
        # The last stop of the clause (trailing spaces belong to it, see STOP).
        ending = sentence_ending(last)
        stop = ending if ending in _STOPS else ""
    return Sentence(
        start=first.start_pos,
        end=last.end_pos,
        cue=cue,
        cue_end=first.end_pos if cue else first.start_pos,
        stop=stop,
    )


def _line(items: list, pos: int, number: int) -> Line:
    content_start = end = pos
    sentences: list[Sentence] = []
    for item in items:
        if isinstance(item, Token):  # INDENT
            content_start = end = item.end_pos
        else:
            sentences.append(item)
            end = item.end
    return Line(number=number, start=pos, content_start=content_start, end=end, eol="",
                sentences=sentences)


@functools.cache
def _reference_lark() -> Lark:
    return Lark(grammar_text(), transformer=_LineBuilder(), **LARK_OPTIONS)


def parse_lines_lark(text: str) -> list[Line]:
    """The reference: the same parse by Lark's contextual lexer, a token per sentence.

    The grammar accepts every string (TEXT takes whatever no cue claims), so a parse
    error here is a bug in the grammar, reported as such rather than as bad input.
    """
    try:
        return _reference_lark().parse(text, start="start")
    except LarkError as exc:  # pragma: no cover - see docstring
        raise JianghuaError(
            f"语法无法解析此文本（这是 jianghua 的缺陷，请报告）：{exc}",
            f"the grammar could not parse this text (a jianghua bug, please report): {exc}",
        ) from exc
