"""The built-in rules, one small class each, registered on import.

Modules by family: ``numbering`` (JH1xx), ``styles`` and ``levels`` (JH2xx),
``headings`` (JH3xx), ``counts`` (JH4xx), ``shape`` (JH5xx), ``punctuation``,
``pairs``, ``placeholders`` and ``slips`` (JH6xx).
"""

from jianghua.checks.rules import (  # noqa: F401  (importing registers the rules)
    counts,
    headings,
    levels,
    numbering,
    pairs,
    placeholders,
    punctuation,
    shape,
    slips,
    styles,
)
