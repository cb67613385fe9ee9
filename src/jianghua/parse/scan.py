"""The front end at C speed: text → lines of sentences, cues marked, as the grammar says.

The grammar (``start`` in grammar/speech.lark) reads a line as ``INDENT? sentence*
tail?`` and tries every cue terminal at every sentence start. Run through Lark, that is
one token per sentence and, at each sentence start, a lazy scan of the sentence by each
of AGENDA_DECL, TRANSITION, CLOSING, TITLE_HEAD and VOCATIVE: three quarters of the
parse (python -m jianghua.bench). This module takes the very same tokens with the
grammar's own compiled terminals, tried in Lark's own order (``lexicon.lexer_order``),
but only where a cue *can* match:

* a cue whose match must begin with one of a few characters (the markers, 第…, （…)
  is tried only at a sentence starting with one of them;
* a cue that begins with a lazy scan (``[^。…]*?讲…``) is tried only where a character
  every match of it contains (its *anchor*: the 讲谈说… of SPEAK_VERB, the 同朋来… of
  ADDRESS_WORD) occurs between the sentence start and the line end.

Both character sets are computed from the terminals' regular expressions when the
grammar is loaded (``_first``, ``_must``), never written here; a terminal the analysis
cannot bound is tried everywhere. tests/test_scan.py checks the result against Lark's
contextual lexer on the reference grammar, on random cue-dense text.
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

from jianghua.parse.lexicon import INDENT, NEWLINE, roles, terminal_pattern, terminal_regexp
from jianghua.parse.records import Line, Sentence

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


def _must(parsed: list) -> set[str] | None:
    """Strings one of which every match contains, or None.

    Of the required elements of the sequence, the most telling one: the longest
    shortest string, then the fewest (议程 of AGENDA_DECL, not the numeral before it;
    the address word of VOCATIVE, not the ：！， after it)."""
    best: set[str] | None = None
    index = 0
    while index < len(parsed):
        op, arg = parsed[index]
        found: set[str] | None = None
        if op is _C.LITERAL:
            run = [chr(arg)]
            while index + 1 < len(parsed) and parsed[index + 1][0] is _C.LITERAL:
                index += 1
                run.append(chr(parsed[index][1]))
            found = {"".join(run)}
        elif op is _C.IN:
            chars = _class_chars(arg)
            found = {chr(c) for c in chars} if chars is not None else None
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            found = _must(list(arg[2])) if arg[0] > 0 else None
        elif op is _C.SUBPATTERN:
            found = _must(list(arg[3]))
        elif op is _C.BRANCH:
            parts = [_must(list(alternative)) for alternative in arg[1]]
            found = None if any(p is None for p in parts) else set().union(*parts)
        if found and (best is None or _telling(found) > _telling(best)):
            best = found
        index += 1
    return best


def _telling(strings: set[str]) -> tuple[int, int]:
    return min(map(len, strings)), -len(strings)


def cue_filter(name: str) -> tuple[str, frozenset[str]]:
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
    must = _must(list(parsed))
    if must is None:
        return "always", frozenset()
    return "anchor", frozenset(must)


class Scanner:
    """The grammar's sentence-level tokens, found with its own compiled terminals."""

    def __init__(self) -> None:
        r = roles()
        self.whole = frozenset(r.whole)
        full = _order(r)
        order = [name for name in full if name not in (r.clause, r.text)]
        # Lark tries every cue before the clause (they outrank CLAUSE); a cue that did
        # not would need trying after it, which this scanner does not do.
        if max(full.index(n) for n in order) > min(full.index(r.clause), full.index(r.text)):
            raise RuntimeError("grammar: a cue terminal must outrank "
                               f"{r.clause} and {r.text} (give it a priority above theirs)")
        # Each cue is a bit; a sentence start is tried with just the cues whose bit it
        # has, in Lark's order, each compiled once on first use (a start-up cost:
        # compiling all of them, or an alternation per combination, is tens of ms).
        self.order = order
        self.first: dict[str, int] = {}
        anchors: dict[str, int] = {}
        self.always = 0
        for bit, name in enumerate(order):
            how, chars = cue_filter(name)
            table = self.first if how == "first" else anchors
            if how == "always":
                self.always |= 1 << bit
            for char in chars:
                table[char] = table.get(char, 0) | 1 << bit
        # Where an anchor starts; which cues it stands for is then read off every anchor
        # starting there, and the search goes on from the next character, so anchors
        # that overlap (供大家参考, 大家) are all seen.
        self.anchor_table: dict[str, list[tuple[str, int]]] = {}
        for anchor, bits in anchors.items():
            self.anchor_table.setdefault(anchor[0], []).append((anchor, bits))
        alternation = "|".join(re.escape(a) for a in sorted(anchors, key=len, reverse=True))
        self.anchor = re.compile(alternation) if anchors else None
        self.tries: dict[int, tuple[tuple[str, object], ...]] = {}
        self.clause = terminal_pattern(r.clause)
        self.text_re = terminal_pattern(r.text)
        self.indent = terminal_pattern(INDENT)
        self.newline = terminal_pattern(NEWLINE)

    def lines(self, text: str) -> list[Line]:
        lines: list[Line] = []
        newline = self.newline.search
        indent = self.indent.match
        sentences_of = self.sentences
        pos = 0
        number = 0
        size = len(text)
        while True:
            number += 1
            found = newline(text, pos)
            end = found.start() if found else size
            eol = found.group() if found else ""
            content_start = pos
            if pos < end:
                m = indent(text, pos)
                if m is not None:
                    content_start = m.end()
            sentences = sentences_of(text, content_start, end) if content_start < end else []
            lines.append(Line(number, pos, content_start, end, eol, sentences))
            if found is None:
                return lines
            pos = found.end()

    def cues_of(self, bits: int) -> tuple[tuple[str, object], ...]:
        tries = self.tries[bits] = tuple(
            (name, terminal_pattern(name).match)
            for bit, name in enumerate(self.order) if bits >> bit & 1)
        return tries

    def sentences(self, text: str, pos: int, end: int) -> list[Sentence]:
        out: list[Sentence] = []
        append = out.append
        first = self.first
        always = self.always
        tries = self.tries
        clause = self.clause.match
        text_match = self.text_re.match
        whole = self.whole
        # Anchors on this line, and for each the cues whose anchors occur at or after it.
        where: list[int] = []
        bits_after: list[int] = []
        if self.anchor is not None:
            table = self.anchor_table
            startswith = text.startswith
            search = self.anchor.search
            found = search(text, pos, end)
            while found is not None:
                at = found.start()
                bits = 0
                for anchor, anchor_bits in table[text[at]]:
                    if startswith(anchor, at, end):
                        bits |= anchor_bits
                where.append(at)
                bits_after.append(bits)
                found = search(text, at + 1, end)
            for index in range(len(bits_after) - 2, -1, -1):
                bits_after[index] |= bits_after[index + 1]
        next_index = 0
        count = len(where)
        while pos < end:
            cue = None
            cue_end = pos
            while next_index < count and where[next_index] < pos:
                next_index += 1
            bits = always | first.get(text[pos], 0)
            if next_index < count:
                bits |= bits_after[next_index]
            if bits:
                for name, match in tries.get(bits) or self.cues_of(bits):
                    m = match(text, pos)  # type: ignore[operator]
                    if m is not None:
                        cue = name
                        cue_end = m.end()
                        break
                if cue in whole:
                    append(Sentence(pos, cue_end, cue, cue_end, ""))
                    pos = cue_end
                    continue
            m = clause(text, cue_end)
            if m is not None:
                stop_end = m.end()
                ending = text[cue_end:stop_end].rstrip(_TRAILING_SPACE)[-1:]
                append(Sentence(pos, stop_end, cue, cue_end, _STOPS.get(ending, "")))
                pos = stop_end
                continue
            m = text_match(text, cue_end) if cue_end < end else None
            stop_end = m.end() if m is not None else cue_end
            if stop_end == pos:  # pragma: no cover - TEXT takes whatever else there is
                raise ValueError(f"no terminal matches at offset {pos}")
            append(Sentence(pos, stop_end, cue, cue_end, ""))
            pos = stop_end
        return out


# Each stop as one shared str: a one-character slice of a CJK text is a new 76-byte
# object, one per sentence, most of the records' memory (benchmark, peak at 10 MB).
_STOPS = {stop: stop for stop in "。！？；：!?;:"}
_TRAILING_SPACE = " \u3000\u00a0"


def _order(r) -> list[str]:
    from jianghua.parse.lexicon import lexer_order

    return lexer_order([*r.cues, *r.whole, r.clause, r.text])


@functools.cache
def scanner() -> Scanner:
    return Scanner()
