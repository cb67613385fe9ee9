"""What Python needs from the grammar, derived from it rather than restated.

``grammar/speech.lark`` is the only place a pattern is written. The parser runs it
(``jianghua.parse.lines``); everything else that must recognise a piece of a speech
(a rule looking for a closing formula in text after the closing, the space class a
title is stripped of) asks here, so a change to the grammar reaches every reader.

Terminals are compiled from the grammar's own definitions with Lark's grammar loader,
without building the parser: cheaper, and it keeps every terminal, including those
the parser inlines into others.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path

__all__ = ["GRAMMAR_NAME", "char_class", "grammar_text", "terminal_pattern"]

GRAMMAR_NAME = "speech.lark"


@functools.cache
def grammar_text() -> str:
    """The text of ``grammar/speech.lark``."""
    # Installed: the grammar ships inside the wheel as jianghua/grammar/.
    packaged = resources.files("jianghua").joinpath("grammar").joinpath(GRAMMAR_NAME)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    # Running from a checkout (editable install, tests on src/): the top-level grammar/.
    checkout = Path(__file__).resolve().parents[2] / "grammar" / GRAMMAR_NAME
    return checkout.read_text(encoding="utf-8")


@functools.cache
def _terminals() -> dict[str, str]:
    from lark.load_grammar import load_grammar

    grammar, _ = load_grammar(grammar_text(), GRAMMAR_NAME, [], False)
    terminals, _, _ = grammar.compile(["start", "lexicon"], "*")
    return {terminal.name: terminal.pattern.to_regexp() for terminal in terminals}


@functools.cache
def terminal_pattern(name: str) -> re.Pattern[str]:
    """The compiled regular expression of the grammar terminal ``name`` (``CLOSING``)."""
    return re.compile(_terminals()[name])


_CLASS = re.compile(r"(?:\(\?:)?\[((?:[^\\\]\-^]|\\.)+)\]\)?[+*]?")
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(.))")
_NAMED = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "v": "\v"}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2)
    if code:
        return chr(int(code, 16))
    return _NAMED.get(match.group(3), match.group(3))


@functools.cache
def char_class(name: str) -> str:
    """The characters of a terminal that is one character class, repeated or not
    (``INDENT`` → the spaces a speech is indented with). Only plain members and
    escapes are read: a range or a negated class is refused, not guessed at."""
    found = _CLASS.fullmatch(_terminals()[name])
    if found is None:
        raise ValueError(f"terminal {name} is not a single character class")
    return _ESCAPE.sub(_unescape, found.group(1))
