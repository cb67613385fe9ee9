"""The grammar, loaded once: its Lark parser, its terminals, and the roles its rules give them.

``grammar/speech.lark`` is the single source of truth for every pattern. This module
loads it (``Lark(..., cache=True)``: building the LALR tables costs ~50 ms, loading them
from Lark's cache ~3 ms), compiles any terminal on request (``terminal_pattern``) and
reads off the grammar's *rules* which terminals are cues, so the scanner
(``jianghua.parse.scan``) follows an edited or added cue terminal without a code change:

* a **cue** is any terminal the rule ``cue`` derives (through ``marker``);
* a **whole-sentence cue** is a terminal that is a ``sentence`` on its own (TITLE_HEAD,
  DATE_LINE);
* the **clause** terminal follows a cue in ``sentence`` (CLAUSE), the **text** terminal
  follows one in ``tail`` (TEXT).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from jianghua.parse.grammar_cache import GrammarCache

if TYPE_CHECKING:
    from lark import Lark
    from lark.lexer import TerminalDef

GRAMMAR_NAME = "speech.lark"
# The rules whose shape says what each terminal is for (see the module docstring).
CUE_RULE, SENTENCE_RULE, TAIL_RULE = "cue", "sentence", "tail"
INDENT, NEWLINE, STOP = "INDENT", "NEWLINE", "STOP"


def grammar_text(name: str = GRAMMAR_NAME) -> str:
    """A file of the top-level grammar/ directory (the grammar, or its character table)."""
    # Installed: the grammar ships inside the wheel as jianghua/grammar/.
    packaged = resources.files("jianghua").joinpath("grammar").joinpath(name)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    # Running from a checkout (editable install, tests on src/): the top-level grammar/.
    checkout = Path(__file__).resolve().parents[3] / "grammar" / name
    return checkout.read_text(encoding="utf-8")


# How the grammar is built, here and for the reference parse of the lines (lines.py).
LARK_OPTIONS = {"parser": "lalr", "lexer": "contextual", "start": ["start", "lexicon"],
                "maybe_placeholders": False, "cache": True}


@functools.cache
def grammar() -> Lark:
    """The grammar's LALR parser (contextual lexer), built once per process.

    ``cache=True``: Lark keeps the built tables in the temporary directory, keyed by the
    grammar's hash and Lark's version, so an edited grammar is rebuilt, never stale.
    Imported here, not at the top: a run whose grammar cache holds what it needs never
    loads Lark (grammar_cache.py).
    """
    from lark import Lark

    return Lark(grammar_text(), **LARK_OPTIONS)


def terminal_def(name: str) -> TerminalDef:
    return grammar().get_terminal(name)


@functools.cache
def terminal_regexp(name: str) -> str:
    """A terminal's regular expression, as Lark builds it (kept: grammar_cache.py)."""
    return grammar_cache().remembered(f"regexp {name}",
                                      lambda: terminal_def(name).pattern.to_regexp())


@functools.cache
def terminal_pattern(name: str) -> re.Pattern[str]:
    """The compiled regular expression of a grammar terminal (e.g. ``COUNTED``).

    Lets later stages look inside a matched cue without restating its pattern.
    Compiled through the on-disk cache of compiled terminals (grammar_cache.py).
    """
    return grammar_cache().compile(terminal_regexp(name))


@functools.cache
def grammar_cache() -> GrammarCache:
    """The terminals' compiled code and what is derived from them, kept between runs."""
    return GrammarCache(grammar_text())


def lexer_order(names: list[str] | set[str]) -> list[str]:
    """``names`` in the order Lark's lexer tries them at one position: by priority, then
    by the longest possible match, the longest pattern, the name (lark.lexer.BasicLexer).
    The first that matches wins, so a scanner that tries them in this order takes the
    very token the contextual lexer would."""
    return grammar_cache().remembered(f"order {' '.join(sorted(names))}",
                                      lambda: _lexer_order(names))


def _lexer_order(names: list[str] | set[str]) -> list[str]:
    defs = [terminal_def(name) for name in names]
    defs.sort(key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name))
    return [t.name for t in defs]


@dataclass(frozen=True, slots=True)
class Roles:
    cues: tuple[str, ...]  # open a sentence, then the clause or text follows
    whole: tuple[str, ...]  # are a sentence on their own
    clause: str
    text: str


def _expansions(rule_name: str) -> list[list[str]]:
    return [[symbol.name for symbol in rule.expansion] for rule in grammar().rules
            if rule.origin.name == rule_name]


def _terminals_of(rule_name: str, seen: set[str]) -> set[str]:
    found: set[str] = set()
    seen.add(rule_name)
    for expansion in _expansions(rule_name):
        for name in expansion:
            if name.isupper():
                found.add(name)
            elif name not in seen:
                found |= _terminals_of(name, seen)
    return found


@functools.cache
def roles() -> Roles:
    """The roles the rules give the terminals (module docstring; kept: grammar_cache.py)."""
    cues, whole, clause, text = grammar_cache().remembered("roles", _roles)
    return Roles(cues=tuple(cues), whole=tuple(whole), clause=clause, text=text)


def _roles() -> list:
    cues = _terminals_of(CUE_RULE, set())
    clause = {e[1] for e in _expansions(SENTENCE_RULE) if len(e) == 2 and e[0] == CUE_RULE}
    text = {e[1] for e in _expansions(TAIL_RULE) if len(e) == 2 and e[0] == CUE_RULE}
    whole = {e[0] for e in _expansions(SENTENCE_RULE)
             if len(e) == 1 and e[0].isupper() and e[0] not in clause}
    if len(clause) != 1 or len(text) != 1:
        raise RuntimeError(f"grammar: expected `sentence: cue? CLAUSE` and `tail: cue TEXT?`, "
                           f"found clause terminals {sorted(clause)}, text terminals "
                           f"{sorted(text)}")
    return [lexer_order(cues), lexer_order(whole), clause.pop(), text.pop()]


# The rest of the package (the checks) reads character classes from here too, so that
# the space class a title is stripped of is the grammar's INDENT, not a copy of it.
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
    found = _CLASS.fullmatch(terminal_regexp(name))
    if found is None:
        raise ValueError(f"terminal {name} is not a single character class")
    return _ESCAPE.sub(_unescape, found.group(1))
