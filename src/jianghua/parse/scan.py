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
  ADDRESS_WORD) occurs between the sentence start and the first stop the cue cannot
  match (its *barrier*: a CLOSING never holds a 。, a TRANSITION may hold a ：), or the
  line end where it has none.

All these character sets are computed from the terminals' regular expressions when
the grammar is loaded (``jianghua.parse.screens``), never written here; a terminal the
analysis cannot bound is tried everywhere. tests/test_scan.py checks the result against Lark's
contextual lexer on the reference grammar, on random cue-dense text.
"""

from __future__ import annotations

import functools
import re

from jianghua.parse.lexicon import INDENT, NEWLINE, char_class, roles, terminal_pattern
from jianghua.parse.records import Line, Sentence
from jianghua.parse.screens import cue_barrier, cue_filter

__all__ = ["Scanner", "closing_quotes", "cue_barrier", "cue_filter", "rescanned", "scanner",
           "sentence_ending"]

# How many anchors ahead of a sentence start are looked at before its cues are tried
# as if one were in reach (Scanner.sentences).
_ANCHORS_LOOKED_AT = 8

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
        barriers: dict[frozenset[str], int] = {}  # barrier → the anchor cues it bounds
        escapes: dict[str, int] = {}  # a first character → the cues it leaves unbounded
        self.always = 0
        for bit, name in enumerate(order):
            how, chars = cue_filter(name)
            table = self.first if how == "first" else anchors
            if how == "always":
                self.always |= 1 << bit
            for char in chars:
                table[char] = table.get(char, 0) | 1 << bit
            if how == "anchor":
                barrier, unless = cue_barrier(name)
                barriers[barrier] = barriers.get(barrier, 0) | 1 << bit
                for char in unless:
                    escapes[char] = escapes.get(char, 0) | 1 << bit
        # Where an anchor starts; the search goes on from the next character, so anchors
        # that overlap (供大家参考, 大家) are all seen. Longest first, so the one found
        # there holds every other anchor starting there as a prefix: the cues it stands
        # for are read off it in one look-up. (A look-ahead finditer would find them all
        # in one call, but defeats re's first-character screen: a third slower.)
        self.anchor_bits: dict[str, int] = {}
        for anchor in anchors:
            self.anchor_bits[anchor] = 0
            for length in range(1, len(anchor) + 1):
                self.anchor_bits[anchor] |= anchors.get(anchor[:length], 0)
        alternation = "|".join(re.escape(a) for a in sorted(anchors, key=len, reverse=True))
        self.anchor = re.compile(alternation) if anchors else None
        # A bounded cue is tried only where one of its anchors comes before the first of
        # the stops every bounded cue's barrier holds (one search, kept while the
        # sentences it spans are scanned); cues with no barrier, or at a sentence that
        # starts with a character in ``escapes``, reach the line end.
        self.unbounded = barriers.pop(frozenset(), 0)
        common = frozenset.intersection(*barriers) if barriers else frozenset()
        if not common:  # no stop bars them all: every anchor cue reaches the line end
            self.unbounded |= functools.reduce(int.__or__, barriers.values(), 0)
        self.escapes = escapes
        self.reach_end = functools.reduce(int.__or__, escapes.values(), self.unbounded)
        self.anchored = functools.reduce(int.__or__, anchors.values(), 0)
        self.barrier = (re.compile("[" + "".join(map(re.escape, sorted(common))) + "]").search
                        if common else None)
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
        # Anchors on this line: where each starts, the cues it stands for, and for each
        # the cues that may reach the line end whose anchors occur at or after it.
        where: list[int] = []
        bits_at: list[int] = []
        bits_after: list[int] = []
        unbounded = self.unbounded
        escapes = self.escapes
        if self.anchor is not None:
            anchor_bits = self.anchor_bits
            search = self.anchor.search
            found = search(text, pos, end)
            while found is not None:
                at = found.start()
                where.append(at)
                bits_at.append(anchor_bits[found.group()])
                found = search(text, at + 1, end)
            reach_end = self.reach_end
            bits_after = [bits & reach_end for bits in bits_at]
            for index in range(len(bits_after) - 2, -1, -1):
                bits_after[index] |= bits_after[index + 1]
        barrier = self.barrier
        anchored = self.anchored
        next_index = 0
        count = len(where)
        barred_at = -1  # the first barrier stop at or after pos (end: none)
        while pos < end:
            cue = None
            cue_end = pos
            bits = always | first.get(text[pos], 0)
            while next_index < count and where[next_index] < pos:
                next_index += 1
            if next_index < count:
                if barred_at < pos:
                    stop = barrier(text, pos, end) if barrier is not None else None
                    barred_at = stop.start() if stop is not None else end
                # A few anchors are looked at; past them the cues are tried as if one
                # were in reach, so a hostile line (many anchors, no stop, many short
                # sentences: （掌声）（掌声）…) costs no more than trying them.
                index = next_index
                last = min(index + _ANCHORS_LOOKED_AT, count)
                while index < last and where[index] < barred_at:
                    bits |= bits_at[index]
                    index += 1
                if index < count:
                    if where[index] < barred_at:
                        bits |= anchored
                    else:  # anchors past the barrier: the cues reaching on
                        bits |= bits_after[index] & (unbounded | escapes.get(text[pos], 0))
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
                stop = _STOPS.get(text[stop_end - 1])
                if stop is None:  # spaces after the stops go with them (STOP)
                    ending = sentence_ending(text[cue_end:stop_end])
                    stop = _STOPS.get(ending, "")
                append(Sentence(pos, stop_end, cue, cue_end, stop))
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


def sentence_ending(words: str) -> str:
    """The last stop of a sentence's words: what may follow it within the sentence
    (STOP: spaces, a closing quote) left out."""
    return words.rstrip(_after_stop())[-1:]


@functools.cache
def closing_quotes() -> str:
    """The closing quotes a sentence's stop may carry (STOP's CLOSE_QUOTE)."""
    return char_class("CLOSE_QUOTE")


@functools.cache
def _after_stop() -> str:
    return " \u3000\u00a0" + closing_quotes()


def _order(r) -> list[str]:
    from jianghua.parse.lexicon import lexer_order

    return lexer_order([*r.cues, *r.whole, r.clause, r.text])


@functools.cache
def scanner() -> Scanner:
    return Scanner()


def rescanned(text: str, s: Sentence, cut: int) -> list[Sentence]:
    """The part of sentence ``s`` from ``cut`` on, scanned again for its cues (where a
    block decision cut a sentence the scanner read whole); the last sentence keeps the
    stop ``s`` ended with."""
    rest = scanner().sentences(text, cut, s.end) if cut < s.end else []
    if rest:
        rest[-1].stop = s.stop
    return rest
