"""What a marker cue means: its style, the ordinal it claims, the run it belongs to.

The grammar finds markers (the ``*_MARKER`` terminals); this module describes a
matched one, using the grammar's own numeral terminals to find the number in it.
"""

from __future__ import annotations

from dataclasses import dataclass

from jianghua.models import MarkerStyle
from jianghua.numerals import SEQUENCE_ORDINALS, number_value
from jianghua.parser import Sentence, terminal_pattern

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


def marker_info(text: str, sentence: Sentence) -> MarkerInfo:
    """Describe the marker cue that opens ``sentence``."""
    assert sentence.cue is not None
    raw = text[sentence.start:sentence.cue_end]
    style = STYLE_OF_TERMINAL[sentence.cue]
    punctuation = raw[-1] if raw[-1] in MARKER_PUNCTUATION else ""
    ordinal: int | None
    word = ""
    if style is MarkerStyle.SEQUENCE:
        word = raw.rstrip(MARKER_PUNCTUATION)
        ordinal = SEQUENCE_ORDINALS.get(word)
        word = ""
    else:
        pattern = {MarkerStyle.ARABIC: "AR_NUMERAL", MarkerStyle.ARABIC_PAREN: "AR_NUMERAL",
                   MarkerStyle.CIRCLED: "CIRCLED"}.get(style, "CN_NUMERAL")
        found = terminal_pattern(pattern).search(raw)
        ordinal = number_value(found.group()) if found else None
        if found and style in (MarkerStyle.SHI, MarkerStyle.ORDINAL):
            word = raw[found.end():].rstrip(MARKER_PUNCTUATION)
    if style is MarkerStyle.CHINESE and not punctuation:
        word = "bare"  # 一 重工业…: a form of its own (corpus 025), not a slip for 一、
    return MarkerInfo(raw=raw, style=style, ordinal=ordinal, punctuation=punctuation,
                      start=sentence.start, end=sentence.cue_end,
                      key=f"{style.value}:{word}")


def declared_count(sentence_text: str) -> tuple[bool, int | None]:
    """Whether a lead-in declares a count, and its value (``几点`` → (True, None))."""
    # The last counted phrase is the one that announces what follows (讲三点意见).
    found = None
    for match in terminal_pattern("COUNTED").finditer(sentence_text):
        found = match
    if found is None:
        return False, None
    numeral = terminal_pattern("COUNT").match(found.group())
    return True, number_value(numeral.group()) if numeral else None


def continues(previous: MarkerInfo, following: MarkerInfo) -> bool:
    """Whether ``following`` is the next member of ``previous``'s series."""
    if previous.key != following.key:
        return False
    if previous.ordinal is None:
        return False
    if following.ordinal is None:  # 最后， ends a 首先/其次 series
        return following.style is MarkerStyle.SEQUENCE
    return following.ordinal == previous.ordinal + 1
