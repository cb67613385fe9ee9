"""Profiles: what kind of text is being checked, and what that changes.

* ``draft`` (default): a text on its way up. Placeholders (``*``, ``XX``, ``×××``,
  ``某某``, ``20XX年``) are errors: a draft that still has them is not finished.
* ``published``: a text as printed or posted. Placeholders are redactions (names
  masked by the publisher): info only; so is a missing salutation or closing (a
  printed copy often drops them); a news agency's bracketed back matter after
  the closing (（新华社北京3月6日电）, 《人民日报》（…）) is the publication's, not text
  after the closing.
* ``fragment``: part of a speech (a web excerpt, a section sent for review). No
  complaint about a missing salutation or closing, a salutation that is not first, a
  list that does not start at one, and no complaint that fewer items follow than a
  count declares or that the last list has a single item (the text may stop mid-way).

Profiles compose: ``--profile published,fragment``.

The one place a rule from practice (实务) reports above warning is the placeholder rule
under ``draft``: issue 3 asks for it, because a placeholder is not a matter of style
but of an unfinished text. Everything else is capped (``registry.severity_cap``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jianghua.checks.diagnostics import Severity

PLACEHOLDER = "JH603"


@dataclass(frozen=True)
class Profile:
    name: str
    #: The text may start or stop mid-way (seed 001 starts at 二是).
    fragment: bool = False
    #: The text is a published copy: masked names are redactions, and a news agency's
    #: back matter after the closing (（新华社北京3月6日电）) belongs to the publication.
    published: bool = False
    #: Severity overrides by rule code (applied after the rule's default).
    severity: dict[str, Severity] = field(default_factory=dict)
    #: Rules that are off in this profile.
    disabled: frozenset[str] = frozenset()
    description: str = ""


_FRAGMENT_OFF = frozenset({"JH104", "JH501", "JH502", "JH504"})
#: A printed copy often drops the salutation and the closing formula: anthologies
#: (corpus 025, 209, 213, 214), 求是 and news-agency versions (200, 203). In a published
#: text their absence is the publisher's, not a drafter's slip (CONVENTIONS lists them
#: under "what a senior editor checks in a draft"): info, not a warning.
_PRINTED_WITHOUT = {"JH501": Severity.INFO, "JH504": Severity.INFO}

PROFILES: dict[str, Profile] = {
    "draft": Profile("draft", severity={PLACEHOLDER: Severity.ERROR},
                     description="草稿：占位符为错误 (draft: placeholders are errors)"),
    "published": Profile("published", published=True,
                         severity={PLACEHOLDER: Severity.INFO, **_PRINTED_WITHOUT},
                         description="已发表：占位符视为隐去的信息，缺少称谓、结束语仅提示 "
                                     "(published: placeholders are redactions; a missing "
                                     "salutation or closing is info only)"),
    "fragment": Profile("fragment", fragment=True, severity={PLACEHOLDER: Severity.ERROR},
                        disabled=_FRAGMENT_OFF,
                        description="片段：不要求称谓、结束语、从一开始编号 (fragment: no "
                                    "salutation, closing or start-at-one complaints)"),
}

DEFAULT_PROFILE = "draft"


class ProfileError(ValueError):
    """An unknown profile name (a usage error)."""


def resolve_profile(spec: str | Profile | None) -> Profile:
    """``"draft"``, ``"published,fragment"``, a ``Profile``, or None (the default)."""
    if isinstance(spec, Profile):
        return spec
    names = [part.strip() for part in (spec or DEFAULT_PROFILE).split(",") if part.strip()]
    if not names:
        names = [DEFAULT_PROFILE]
    for name in names:
        if name not in PROFILES:
            raise ProfileError(name)
    if len(names) == 1:
        return PROFILES[names[0]]
    fragment = False
    severity: dict[str, Severity] = {}
    disabled: set[str] = set()
    for name in names:
        profile = PROFILES[name]
        fragment = fragment or profile.fragment
        disabled |= profile.disabled
        severity.update(profile.severity)
    # The placeholder severity follows the draft/published choice, whatever the order.
    severity[PLACEHOLDER] = (Severity.INFO if "published" in names else Severity.ERROR)
    return Profile(",".join(names), fragment=fragment, published="published" in names,
                   severity=severity, disabled=frozenset(disabled))
