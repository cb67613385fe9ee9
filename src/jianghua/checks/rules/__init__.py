"""The built-in rules, one small class each, listed by ``get_rules``.

Modules by family: ``numbering`` (JH1xx), ``styles`` and ``levels`` (JH2xx),
``headings`` (JH3xx), ``counts`` (JH4xx), ``shape`` (JH5xx), ``punctuation``,
``pairs``, ``placeholders`` and ``slips`` (JH6xx).

An explicit tuple rather than registration on import (sqlfluff's ``get_rules``): the
rules do not import the registry, the registry imports them when first asked, and a new
rule is one line here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jianghua.checks.rule import Rule


def get_rules() -> tuple[type[Rule], ...]:
    """Every built-in rule class (imported on the first call)."""
    from jianghua.checks.rules.counts import (
        AgendaCountMismatch,
        DeclaredCountMismatch,
        EnumerationCountMismatch,
    )
    from jianghua.checks.rules.headings import (
        InconsistentTitleEnding,
        ParallelHeadingPattern,
        StandaloneHeadingStop,
    )
    from jianghua.checks.rules.levels import InvertedHeadingLevel, SkippedHeadingLevel
    from jianghua.checks.rules.numbering import (
        LoneOrdinal,
        NumberingNotFromOne,
        NumberingOutOfOrder,
        NumberingRepeated,
        NumberingSkipped,
    )
    from jianghua.checks.rules.pairs import UnpairedMark
    from jianghua.checks.rules.placeholders import Placeholder
    from jianghua.checks.rules.punctuation import HalfWidthPunctuation
    from jianghua.checks.rules.shape import (
        AgendaOrder,
        MisplacedSalutation,
        MissingClosing,
        MissingSalutation,
        SalutationPunctuation,
        TextAfterClosing,
    )
    from jianghua.checks.rules.slips import CharacterSlip
    from jianghua.checks.rules.styles import (
        MixedMarkerPunctuation,
        MixedMarkerStyle,
        WrongMarkerPunctuation,
    )

    return (
        NumberingSkipped, NumberingRepeated, NumberingOutOfOrder, NumberingNotFromOne,
        LoneOrdinal,
        MixedMarkerStyle, MixedMarkerPunctuation, WrongMarkerPunctuation,
        SkippedHeadingLevel, InvertedHeadingLevel,
        StandaloneHeadingStop, InconsistentTitleEnding, ParallelHeadingPattern,
        DeclaredCountMismatch, AgendaCountMismatch, EnumerationCountMismatch,
        MissingSalutation, MisplacedSalutation, SalutationPunctuation, MissingClosing,
        TextAfterClosing, AgendaOrder,
        HalfWidthPunctuation, UnpairedMark, Placeholder, CharacterSlip,
    )
