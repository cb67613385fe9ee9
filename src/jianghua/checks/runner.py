"""Run the selected rules over one speech: ``check(speech, select=…, profile=…)``."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from functools import lru_cache

from jianghua.checks.context import CheckContext
from jianghua.checks.diagnostics import Diagnostic, Severity
from jianghua.checks.profiles import Profile, resolve_profile
from jianghua.checks.registry import Rule, all_rules, select_rules
from jianghua.gcpause import paused_gc
from jianghua.model import Speech


def effective_severities(rules: Iterable[type[Rule]], profile: Profile,
                         overrides: Mapping[str, Severity | str] | None = None
                         ) -> dict[str, Severity]:
    """Each rule's severity: its default, then the profile's, then the configured
    override, which may lower a rule freely but never lift it above its tier's cap."""
    result: dict[str, Severity] = {}
    for rule in rules:
        severity = profile.severity.get(rule.code, rule.severity)
        wanted = (overrides or {}).get(rule.code)
        if wanted is not None:
            wanted = Severity(wanted)
            cap = max(rule.cap(), severity, key=lambda s: s.rank)
            severity = wanted if wanted.rank <= cap.rank else cap
        result[rule.code] = severity
    return result


def active_rules(*, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
                 extend_select: Iterable[str] | None = None,
                 profile: Profile | str | None = None) -> list[type[Rule]]:
    chosen = resolve_profile(profile)
    return list(_active(_key(select), _key(ignore), _key(extend_select), chosen.disabled))


def _key(selectors: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if selectors is None else tuple(selectors)


@lru_cache(maxsize=128)
def _active(select: tuple[str, ...] | None, ignore: tuple[str, ...] | None,
            extend_select: tuple[str, ...] | None,
            disabled: frozenset[str]) -> tuple[type[Rule], ...]:
    rules = select_rules(all_rules(), select=select, ignore=ignore, extend_select=extend_select)
    return tuple(rule for rule in rules if rule.code not in disabled)


def check(speech: Speech | str | os.PathLike[str], *, select: Iterable[str] | None = None,
          ignore: Iterable[str] | None = None, extend_select: Iterable[str] | None = None,
          profile: Profile | str | None = None,
          severity: Mapping[str, Severity | str] | None = None,
          text: str | None = None, path: str | None = None) -> list[Diagnostic]:
    """Check a speech; diagnostics in document order.

    ``speech`` is a parsed ``Speech``, the text itself, or a path (``pathlib.Path``, or
    a one-line ``str`` ending in .txt/.md/.docx; see ``jianghua.pipeline.as_speech``).

    ``select``/``ignore``/``extend_select`` take codes (``JH601``), prefixes (``JH6``)
    or names (``half-width-punctuation``); ``profile`` is ``draft`` (default),
    ``published``, ``fragment`` or a comma-separated combination; ``severity`` maps
    codes to severities (capped by tier). ``text`` is the speech's source text if the
    caller already has it (saves rendering it again); ``path`` overrides
    ``speech.source.path`` in the diagnostics.
    """
    if not isinstance(speech, Speech):
        from jianghua.pipeline import as_speech

        speech, given = as_speech(speech)
        text = given if text is None else text
    chosen = resolve_profile(profile)
    rules = active_rules(select=select, ignore=ignore, extend_select=extend_select,
                         profile=chosen)
    with paused_gc():  # many small acyclic objects, as in parse
        context = CheckContext(speech, text=text, profile=chosen, path=path,
                               severities=effective_severities(rules, chosen, severity))
        found: dict[tuple, Diagnostic] = {}
        for rule in rules:
            for diagnostic in rule().check(context):
                found.setdefault((diagnostic.start, diagnostic.end, diagnostic.code,
                                  diagnostic.message), diagnostic)
        return sorted(found.values(), key=lambda d: (d.start, d.end, d.code))
