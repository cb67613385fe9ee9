"""``jianghua check``: review a speech's structure like a senior editor.

    >>> from jianghua import parse
    >>> from jianghua.checks import check
    >>> [d.code for d in check(parse("同志们：\\n一、甲\\n二、乙\\n四、丙\\n"), select=["JH1"])]
    ['JH101']

Rules work on the parsed ``Speech`` (so they know the salutation, the agenda, the runs
of 一是/二是 and the declared counts); ``jianghua rules`` lists them and
``jianghua rules CODE`` shows one rule's documentation.
"""

from __future__ import annotations

from jianghua.checks.diagnostics import Diagnostic, Edit, Fix, Severity, Tier
from jianghua.checks.profiles import PROFILES, Profile, resolve_profile
from jianghua.checks.registry import REGISTRY, Rule, all_rules, register, select_rules
from jianghua.checks.runner import check

__all__ = [
    "PROFILES",
    "REGISTRY",
    "Diagnostic",
    "Edit",
    "Fix",
    "Profile",
    "Rule",
    "Severity",
    "Tier",
    "all_rules",
    "check",
    "register",
    "resolve_profile",
    "select_rules",
]
