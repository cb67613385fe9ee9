"""What a marker cue means: its style, the ordinal it claims, the run it belongs to.

The grammar finds markers (the ``*_MARKER`` terminals); this module describes a
matched one, using the grammar's own numeral terminals to find the number in it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache

from jianghua.model import MarkerStyle
from jianghua.numerals import SEQUENCE_ORDINALS, is_enclosed, number_value
from jianghua.parse.lines import Sentence, terminal_pattern

STYLE_OF_TERMINAL: dict[str, MarkerStyle] = {
    "PART_MARKER": MarkerStyle.PART,
    "CHINESE_MARKER": MarkerStyle.CHINESE,
    "CHINESE_PAREN_MARKER": MarkerStyle.CHINESE_PAREN,
    "ARABIC_MARKER": MarkerStyle.ARABIC,
    "ARABIC_PAREN_MARKER": MarkerStyle.ARABIC_PAREN,
    "CIRCLED_MARKER": MarkerStyle.CIRCLED,
    "ORDINAL_MARKER": MarkerStyle.ORDINAL,
    "SHI_MARKER": MarkerStyle.SHI,
    "SEQUENCE_MARKER": MarkerStyle.SEQUENCE,
    "QI_MARKER": MarkerStyle.QI,
}

# Marker punctuation a drafter may type after the numeral (the brackets of （一） are
# part of the style, not punctuation).
MARKER_PUNCTUATION = "、，,.．：:"
@dataclass(slots=True)
class MarkerInfo:
    raw: str
    style: MarkerStyle
    ordinal: int | None
    punctuation: str
    start: int
    end: int
    # Style key for series and nesting: 一是 and 一要 are different runs, so are 第一，
    # and 第一点，(CONVENTIONS: mixed styles are an editor's complaint, not one run).
    key: str
    # Where its numeral is written in ``raw`` (二 of （二）: (1, 2)); None for
    # 首先/其次/最后. The model carries it so that a fix need not find it again.
    numeral: tuple[int, int] | None = None


@dataclass(slots=True)
class CountInfo:
    """A counted phrase a lead-in declares (三点 of 讲三点意见): where, and its value
    (None for 几点/若干/XX个, which declare no number)."""

    start: int
    end: int
    value: int | None


# Where the number of a marker is written: 二 of （二）, 12 of 12., ② (a 首先 has none).
_NUMERAL_TERMINAL: dict[MarkerStyle, str | None] = {
    MarkerStyle.ARABIC: "MARKER_AR_NUMERAL", MarkerStyle.ARABIC_PAREN: "MARKER_AR_NUMERAL",
    MarkerStyle.CIRCLED: "CIRCLED", MarkerStyle.SEQUENCE: None}


def numeral_match(style: MarkerStyle, raw: str) -> re.Match[str] | None:
    """The numeral inside a marker's raw text, found with the grammar's own terminal."""
    terminal = _NUMERAL_TERMINAL.get(style, "CN_NUMERAL")
    return terminal_pattern(terminal).search(raw) if terminal else None


def series_key(style: MarkerStyle, raw: str, punctuation: str) -> str:
    """The key a run of sibling markers shares: the style, plus the counting word of
    一是/一要 and 第一点/第一个问题, with or without 是 (CONVENTIONS: mixed styles are an
    editor's complaint, not one run); a bare 一 (corpus 025) is a form of its own, not a
    slip for 一、."""
    word = ""
    if style in (MarkerStyle.SHI, MarkerStyle.ORDINAL):
        found = numeral_match(style, raw)
        if found:
            word = raw[found.end():].rstrip(MARKER_PUNCTUATION)
            if style is MarkerStyle.ORDINAL:
                # 第一种是…… then 第四种，就是……: the copula is said with one and not
                # the next, in one series (第一是……。第二，还要……).
                word = word.removesuffix("是")
    elif style is MarkerStyle.CHINESE and not punctuation:
        word = "bare"
    elif style is MarkerStyle.ARABIC_PAREN and raw[0] not in "（(":
        # 1） with no opening bracket, and the one character ⑴: forms of their own beside （1）
        word = "enclosed" if is_enclosed(raw[0]) else "half"
    elif style is MarkerStyle.ARABIC and not punctuation:
        word = "enclosed"  # ⒈: a form of its own beside 1.
    return f"{style.value}:{word}"


_PAIRS: dict[tuple[int, int], tuple[int, int]] = {}


def _pair(start: int, end: int) -> tuple[int, int]:
    """One shared tuple per (start, end): a handful occur, and every marker holds one."""
    pair = (start, end)
    return _PAIRS.setdefault(pair, pair)


def marker_info(text: str, sentence: Sentence) -> MarkerInfo:
    """Describe the marker cue that opens ``sentence``."""
    assert sentence.cue is not None
    raw = text[sentence.start:sentence.cue_end]
    style, ordinal, punctuation, key, numeral = _described(sentence.cue, raw)
    return MarkerInfo(raw, style, ordinal, punctuation, sentence.start, sentence.cue_end,
                      key, numeral)


# What a marker's text says does not depend on where it stands, and a speech repeats a
# few dozen of them (一、 （二） 三是): each is read once (benchmark, parse→JSON). Bounded,
# as hostile input may hold millions of distinct markers.
@lru_cache(maxsize=4096)
def _described(cue: str, raw: str) -> tuple:
    """(style, ordinal, punctuation, key, numeral) of marker ``raw`` found by ``cue``."""
    style = STYLE_OF_TERMINAL[cue]
    punctuation = raw[-1] if raw[-1] in MARKER_PUNCTUATION else ""
    numeral = None
    if style is MarkerStyle.SEQUENCE:
        ordinal = SEQUENCE_ORDINALS.get(raw.rstrip(MARKER_PUNCTUATION))
    else:
        found = numeral_match(style, raw)
        ordinal = number_value(found.group()) if found else None
        if found:
            numeral = _pair(found.start(), found.end())
    return style, ordinal, punctuation, series_key(style, raw, punctuation), numeral


@cache
def _spoken_count() -> re.Pattern[str]:
    """A count a speaking verb takes, as TRANSITION writes it: 讲三点, 强调以下两个方面."""
    return re.compile(f"(?:{terminal_pattern('SPEAK_VERB').pattern})(?:以下)?[ \u3000]*"
                      f"(?P<count>{terminal_pattern('COUNTED').pattern})")


def speaks_a_count(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` announces points with a speaking verb (我再强调一点,
    讲两个方面): the speech's own points, not a count it only mentions."""
    return _spoken_count().search(text, start, end) is not None


def _announcing(text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """The counted phrase that announces what follows in ``text[start:end]``.

    It is the one a speaking verb takes (the grammar's TRANSITION: SPEAK_VERB 以下?
    COUNTED), so 我讲三句话九个字 declares 三句话, not 九个字, which only describes the
    three; the last such one when there are several (刚才强调了两点，我再讲三点).
    Without a verb before a count (会议有两项议程, 存在十条问题：, 从三个方面跟大家交流),
    the last counted phrase is the one nearest what follows.
    """
    end = len(text) if end is None else end
    found = None
    for match in _spoken_count().finditer(text, start, end):
        found = match
    if found is not None:
        return terminal_pattern("COUNTED").search(text, found.start("count"), end)
    for match in terminal_pattern("COUNTED").finditer(text, start, end):
        found = match
    return found


def declared_count(sentence_text: str) -> tuple[bool, int | None]:
    """Whether a lead-in declares a count, and its value (``几点`` → (True, None))."""
    found = _announcing(sentence_text)
    if found is None:
        return False, None
    numeral = terminal_pattern("COUNT").match(found.group())
    return True, number_value(numeral.group()) if numeral else None


def step_ordinal(text: str, step: Sentence, declared: int | None = None) -> int | None:
    """A numbered step's number (AGENDA_STEP): the count just before 项, where its cue
    ends — not a digit in what precedes 进行. 会议最后一项 is the last: the ``declared``
    count's own number where the agenda declared one, else none."""
    if "最后一" in text[step.start:step.cue_end]:
        return declared
    counts = terminal_pattern("COUNT").findall(text, step.start, step.cue_end)
    return number_value(counts[-1]) if counts else None


def step_start(text: str, step: Sentence) -> int:
    """Where a numbered step starts in its sentence (AGENDA_STEP): at its lead word after
    a comma (请坐下，下面进行大会第二项议程，……), else where the sentence does (OUTLINE:
    an item's text starts where the step starts, even mid-sentence)."""
    lead = terminal_pattern("STEP_LEAD").match
    for comma in range(step.cue_end - 1, step.start, -1):
        if text[comma] in "，," and lead(text, comma + 1, step.cue_end):
            return comma + 1
    return step.start


def counted_in(text: str, start: int, end: int) -> CountInfo | None:
    """The count declared in ``text[start:end]``, found as ``declared_count`` finds it,
    with where it is written."""
    found = _announcing(text, start, end)
    if found is None:
        return None
    numeral = terminal_pattern("COUNT").match(found.group())
    return CountInfo(found.start(), found.end(),
                     number_value(numeral.group()) if numeral else None)


def continues(previous: MarkerInfo, following: MarkerInfo) -> bool:
    """Whether ``following`` is the next member of ``previous``'s series."""
    if previous.key != following.key:
        return False
    if previous.ordinal is None:
        return False
    if following.ordinal is None:  # 最后， ends a 首先/其次 series
        return following.style is MarkerStyle.SEQUENCE
    return following.ordinal == previous.ordinal + 1


class SeriesOpeners:
    """The markers that open sentences (on a line, or paragraphs), by series key, in
    order: so that whether a marker's series goes on is a lookup, not a scan."""

    def __init__(self, text: str, openers: list[Sentence]) -> None:
        self.by_key: dict[str, tuple[list[int], list[MarkerInfo]]] = {}
        for opener in openers:
            info = marker_info(text, opener)
            starts, infos = self.by_key.setdefault(info.key, ([], []))
            starts.append(opener.start)
            infos.append(info)

    def goes_on(self, info: MarkerInfo, at: int, reach: int, *, back: bool) -> bool:
        """Whether the series of the marker at ``at`` goes on at the next sentence start
        of its key within ``reach`` — or, with ``back``, whether it continues the member
        before it (……/摄第四，, the last of 第一，…第三，)."""
        found = self.by_key.get(info.key)
        if found is None:
            return False
        starts, infos = found
        after = bisect_right(starts, at)
        if after < len(starts) and starts[after] - at <= reach and continues(info, infos[after]):
            return True
        before = bisect_left(starts, at)  # (not the marker itself, where it is one of them)
        return back and before > 0 and continues(infos[before - 1], info)

    def has_neighbour(self, info: MarkerInfo) -> bool:
        """Whether the member of ``info``'s series just after it counts one more, or the
        one just before it one less — by number: a 最后， after a lone 首先要…… says
        nothing of it (corpus 200). ``info`` is one of the openers."""
        if info.ordinal is None:
            return False
        starts, infos = self.by_key[info.key]
        at = bisect_left(starts, info.start)
        after = infos[at + 1] if at + 1 < len(infos) else None
        before = infos[at - 1] if at > 0 else None
        return (after is not None and after.ordinal == info.ordinal + 1) or (
            before is not None and before.ordinal == info.ordinal - 1)
