"""The Python API: ``parse``, ``parse_file``, ``parse_docx``, ``render``, ``fix``.

``check`` and ``fix`` take what a user has at hand: a ``Speech``, the text, or a path
(``as_speech``); anything else, bytes above all, is refused with a message that says
what was given and what to do, rather than failing deep inside the parser.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from jianghua.model import Speech

# The pipeline itself (text → Speech) lives in jianghua.pipeline, below both this
# façade and jianghua.checks.fixes, which parses too: neither imports the other.
from jianghua.pipeline import as_speech, parse, parse_data, parse_docx, parse_file, render

__all__ = ["as_speech", "fix", "parse", "parse_data", "parse_docx", "parse_file", "render"]

if TYPE_CHECKING:
    from jianghua.checks.fixes import FixResult


def fix(target: Any, *, select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None, extend_select: Iterable[str] | None = None,
        profile: str | None = None, severity: Mapping[str, str] | None = None) -> FixResult:
    """Apply the safe fixes of ``jianghua check --fix`` to a speech (a ``Speech``, its
    text or a path) and return the ``FixResult``: ``.text`` the fixed text, ``.applied``
    the findings whose fix was applied (each with its edits), ``.remaining`` the
    findings left. Nothing is written: ``check --fix`` writes files.

        >>> import jianghua
        >>> jianghua.fix("同志们：\\n今天,我们开会。\\n").text
        '同志们：\\n今天，我们开会。\\n'
    """
    from jianghua.checks.fixes import fix_text
    from jianghua.checks.runner import check

    speech, text = as_speech(target, what="fix")
    text = render(speech) if text is None else text
    path = speech.source.path

    def checker(parsed: Speech, current: str) -> list:
        return check(parsed, select=select, ignore=ignore, extend_select=extend_select,
                     profile=profile, severity=severity, text=current, path=path)

    return fix_text(text, checker, source=speech.source)
