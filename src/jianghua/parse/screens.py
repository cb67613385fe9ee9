"""What a grammar terminal's regular expression says about where it can match.

The scanner (``jianghua.parse.scan``) tries a cue only where it can match; which
places those are is read off the cue's own regular expression when the grammar is
loaded, never written by hand:

* ``cue_filter``: the characters a match must start with (the markers, 第…, （…), or
  the strings every match holds (its *anchors*: 议程, 讲到这里, the address words);
* ``cue_barrier``: the stops a match cannot hold before its anchor (a CLOSING never
  holds a 。 before 讲到这里, a TRANSITION may hold a ：).

Each analysis walks the pattern as ``re`` parses it and, where it cannot bound an
element, says so (``_Unbounded``), so a cue is then tried at more places, never fewer.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

from jianghua.parse.lexicon import STOP, grammar_cache, terminal_regexp

__all__ = ["cue_barrier", "cue_filter", "first_chars"]

_C = sre_constants
_LINE_BREAKS = frozenset((ord("\r"), ord("\n")))
# A character class larger than this is no filter (the [^。！…] of a lazy scan).
_MAX_SET = 200
_ZERO_WIDTH = (_C.AT, _C.ASSERT, _C.ASSERT_NOT)


class _Unbounded(Exception):
    """The analysis cannot bound this pattern: it is tried at every sentence start."""


def _class_chars(items: list) -> set[int] | None:
    """The code points of a positive character class, or None if it is large or negated."""
    chars: set[int] = set()
    for op, arg in items:
        if op is _C.LITERAL:
            chars.add(arg)
        elif op is _C.RANGE and arg[1] - arg[0] < _MAX_SET:
            chars.update(range(arg[0], arg[1] + 1))
        else:  # NEGATE, CATEGORY, a wide range
            return None
    return chars if len(chars) <= _MAX_SET else None


def _single(op, arg) -> set[int] | None:
    """The characters a one-character element matches, if it is a small set."""
    if op is _C.LITERAL:
        return {arg}
    if op is _C.IN:
        return _class_chars(arg)
    return None


def _check_no_break(parsed: Iterable) -> None:
    """Raise ``_Unbounded`` unless no consuming element can match a line break.

    Then a match never leaves its line, so an anchor found between the sentence start
    and the line end is the only place one can be (the grammar's own rule: "no terminal
    but NEWLINE may cross a line")."""
    for op, arg in parsed:
        if op in _ZERO_WIDTH:
            continue  # lookarounds consume nothing
        if op is _C.LITERAL:
            if arg in _LINE_BREAKS:
                raise _Unbounded
        elif op is _C.NOT_LITERAL or op is _C.ANY:
            raise _Unbounded  # [^x] and . both match \r
        elif op is _C.IN:
            negated = arg and arg[0][0] is _C.NEGATE
            if negated:
                excluded = _class_chars(arg[1:])
                if excluded is None or not _LINE_BREAKS <= excluded:
                    raise _Unbounded
            else:
                chars = _class_chars(arg)
                if chars is None or chars & _LINE_BREAKS:
                    raise _Unbounded
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            _check_no_break(arg[2])
        elif op is _C.SUBPATTERN:
            _check_no_break(arg[3])
        elif op is _C.BRANCH:
            for alternative in arg[1]:
                _check_no_break(alternative)
        else:
            raise _Unbounded


def _first(parsed: Iterable) -> tuple[set[int], bool]:
    """(characters a match may start with, whether it may be empty); ``_Unbounded`` if
    a possible first character is not in a small set."""
    found: set[int] = set()
    for op, arg in parsed:
        if op in _ZERO_WIDTH:
            continue
        chars = _single(op, arg)
        if chars is not None:
            return found | chars, False
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            inner, empty = _first(arg[2])
            found |= inner
            if arg[0] > 0 and not empty:
                return found, False
        elif op is _C.SUBPATTERN:
            inner, empty = _first(arg[3])
            found |= inner
            if not empty:
                return found, False
        elif op is _C.BRANCH:
            empty = False
            for alternative in arg[1]:
                inner, alt_empty = _first(alternative)
                found |= inner
                empty = empty or alt_empty
            if not empty:
                return found, False
        else:
            raise _Unbounded
    return found, True


def _must(parsed: list, chars: frozenset[int] = frozenset()) -> tuple[set[str] | None, set[int]]:
    """Strings one of which every match contains, or None; and of ``chars``, those a
    match may hold before that string (all of them when the analysis cannot tell).

    Of the required elements of the sequence, the most telling one: the longest
    shortest string, then the fewest (议程 of AGENDA_DECL, not the numeral before it;
    the address word of VOCATIVE, not the ：！， after it)."""
    best: set[str] | None = None
    held: set[int] = set(chars)
    index = 0
    while index < len(parsed):
        start = index
        op, arg = parsed[index]
        found: set[str] | None = None
        inner: set[int] = set()
        if op is _C.LITERAL:
            run = [chr(arg)]
            while index + 1 < len(parsed) and parsed[index + 1][0] is _C.LITERAL:
                index += 1
                run.append(chr(parsed[index][1]))
            found = {"".join(run)}
        elif op is _C.IN:
            class_chars = _class_chars(arg)
            found = {chr(c) for c in class_chars} if class_chars is not None else None
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            if arg[0] > 0:
                found, inner = _must(list(arg[2]), chars)
        elif op is _C.SUBPATTERN:
            found, inner = _must(list(arg[3]), chars)
        elif op is _C.BRANCH:
            parts = [_must(list(alternative), chars) for alternative in arg[1]]
            found = None if any(p is None for p, _ in parts) else set().union(
                *(p for p, _ in parts))
            inner = set().union(*(h for _, h in parts))
        if found and (best is None or _telling(found) > _telling(best)):
            best = found
            held = inner | _held(parsed[:start], chars)
        index += 1
    return best, held


def _held(parsed: list, chars: frozenset[int]) -> set[int]:
    try:
        return _consumable(parsed, set(chars))
    except _Unbounded:
        return set(chars)


def _consumable(parsed: Iterable, chars: set[int]) -> set[int]:
    """Those of ``chars`` that some consuming element of the pattern may match (when
    unsure, every one of them may); ``_Unbounded`` for an element not understood."""
    found: set[int] = set()
    for op, arg in parsed:
        if op in _ZERO_WIDTH:
            continue  # lookarounds consume nothing
        if op is _C.LITERAL:
            found |= chars & {arg}
        elif op is _C.NOT_LITERAL:
            found |= chars - {arg}
        elif op is _C.ANY:
            found |= chars
        elif op is _C.IN:
            found |= {c for c in chars if _in_class(arg, c)}
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            found |= _consumable(arg[2], chars)
        elif op is _C.SUBPATTERN:
            if arg[1] & re.IGNORECASE:
                raise _Unbounded
            found |= _consumable(arg[3], chars)
        elif op is _C.BRANCH:
            for alternative in arg[1]:
                found |= _consumable(alternative, chars)
        else:
            raise _Unbounded
    return found


def _in_class(items: list, char: int) -> bool:
    """Whether a character class may match ``char`` (a category: it may)."""
    negated = bool(items) and items[0][0] is _C.NEGATE
    hit = False
    for op, arg in items[1:] if negated else items:
        if op is _C.LITERAL:
            hit = arg == char
        elif op is _C.RANGE:
            hit = arg[0] <= char <= arg[1]
        else:  # CATEGORY and the like: assume the worst
            return True
        if hit:
            break
    return not hit if negated else hit


def cue_barrier(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """``_cue_barrier``, kept between runs (grammar_cache.py)."""
    barrier, unless = grammar_cache().remembered(
        f"cue_barrier {name}", lambda: _kept(_cue_barrier(name)))
    return frozenset(barrier), frozenset(unless)


def _cue_barrier(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """For a cue screened by anchors: the stops (STOP's first characters) no match can
    hold before its anchor, and the characters at the match start for which that does
    not hold. A match starting at a sentence start holds its anchor before the first
    barrier stop after it, so an anchor beyond that is not this cue's.

    An optional element that opens the pattern with a few characters (VOCATIVE's 【…】
    label, which may hold any stop) is left out of the analysis where the sentence does
    not start with one of them. The barrier is empty when the analysis cannot tell."""
    stops, _ = _first(sre_parse.parse(terminal_regexp(STOP)))
    parsed = list(sre_parse.parse(terminal_regexp(name)))
    barrier = stops - _must(parsed, frozenset(stops))[1]
    if parsed and parsed[0][0] in (_C.MAX_REPEAT, _C.MIN_REPEAT) and parsed[0][1][0] == 0:
        try:
            opening, empty = _first(parsed[0][1][2])
        except _Unbounded:
            opening, empty = set(), True
        if not empty:
            rest = stops - _must(parsed[1:], frozenset(stops))[1]
            if rest > barrier:
                return frozenset(map(chr, rest)), frozenset(map(chr, opening))
    return frozenset(map(chr, barrier)), frozenset()


def _telling(strings: set[str]) -> tuple[int, int]:
    return min(map(len, strings)), -len(strings)


def cue_filter(name: str) -> tuple[str, frozenset[str]]:
    """``_cue_filter``, kept between runs (grammar_cache.py)."""
    how, chars = grammar_cache().remembered(f"cue_filter {name}",
                                            lambda: _kept(_cue_filter(name)))
    return how, frozenset(chars)


def _kept(analysis: tuple) -> list:
    """An analysis as the grammar cache keeps it: JSON, its sets as sorted lists."""
    return [sorted(part) if isinstance(part, frozenset) else part for part in analysis]


def _cue_filter(name: str) -> tuple[str, frozenset[str]]:
    """How a cue terminal is screened: ``("first", chars)`` (a match starts with one of
    them), ``("anchor", chars)`` (a match holds one of them, on the same line) or
    ``("always", ∅)``. Anchors are strings (议程, 讲到这里), first characters single ones."""
    parsed = sre_parse.parse(terminal_regexp(name))
    try:
        chars, empty = _first(parsed)
        if not empty:
            return "first", frozenset(map(chr, chars))
    except _Unbounded:
        pass
    try:
        _check_no_break(parsed)
    except _Unbounded:
        return "always", frozenset()
    must, _ = _must(list(parsed))
    if must is None:
        return "always", frozenset()
    return "anchor", frozenset(must)


@functools.cache
def first_chars(*names: str) -> frozenset[str]:
    """The characters a match of any of the terminals ``names`` can start with; each must
    be screened by its first character (``cue_filter`` says "first")."""
    chars: set[str] = set()
    for name in names:
        how, first = cue_filter(name)
        if how != "first":  # pragma: no cover - a grammar change that unbounds one
            raise RuntimeError(f"grammar: {name} must start with known characters")
        chars |= first
    return frozenset(chars)
