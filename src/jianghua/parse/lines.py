"""Stage 2: text → flat lines of sentences, with the grammar's cues marked.

``parse_lines`` runs the scanner of ``jianghua.parse.scan``: the grammar's own terminals
(grammar/speech.lark), tried in the order Lark's contextual lexer tries them, but only
where a cue can match. ``parse_lines_lark`` is the same parse run through Lark on the
grammar's sentence-level ``start`` rule, one token per sentence: the reference the
scanner is tested against (tests/test_scan.py), many times slower. Both give plain
``Line``/``Sentence`` records holding offsets into the text. The reference lives in
reference.py, so a run imports Lark only where the grammar's compiled terminals are not
kept yet (grammar_cache.py).
"""

from __future__ import annotations

from jianghua.parse.lexicon import GRAMMAR_NAME, terminal_pattern
from jianghua.parse.records import Line, Sentence
from jianghua.parse.scan import scanner

__all__ = ["GRAMMAR_NAME", "Line", "Sentence", "parse_lines", "parse_lines_lark",
           "terminal_pattern"]


def parse_lines(text: str) -> list[Line]:
    """Parse ``text`` into lines of sentences (the scanner; same records as Lark's)."""
    return scanner().lines(text)


def parse_lines_lark(text: str) -> list[Line]:
    """The reference parse by Lark (reference.py), for the tests and the benchmark."""
    from jianghua.parse.reference import parse_lines_lark as reference

    return reference(text)
