"""The promise of ``--fix`` on every text we have (the real texts beside the checkout,
the samples, the mutant benchmark's mutants): afterwards ``check`` reports no finding
the fix should have removed, the structure is unchanged (only the intended
renumbering touches the outline's markers), and a second ``--fix`` changes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jianghua.api import parse
from jianghua.bench.mutants import mutants
from jianghua.checks.fixes import fix_text, structure
from jianghua.checks.runner import check
from jianghua.read.inputs import read_input
from jianghua.render.outline import render_outline
from repo_paths import SAMPLES, shared_texts


def checker(speech, text):
    return check(speech, text=text)


def _texts() -> list[tuple[str, str]]:
    found = []
    for path in [*shared_texts(), *sorted(SAMPLES.glob("*.txt"))]:
        found.append((str(path.relative_to(path.parents[1])), read_input(str(path))[0]))
    found += [(f"mutant {m.base}/{m.name}", m.text) for m in mutants()]
    return found


_TAG = re.compile(r"\s*(\[[^]]+\])?")


def _shape(line: str) -> tuple[int, str]:
    """An outline line's depth and tag ([称谓], [过渡] …), which no fix may change."""
    return len(line) - len(line.lstrip(" ")), _TAG.match(line).group(1) or ""


@pytest.mark.parametrize(("name", "text"), _texts(), ids=lambda value: value
                         if isinstance(value, str) and len(value) < 60 else "")
def test_fix_then_check(name: str, text: str) -> None:
    result = fix_text(text, checker)
    after = parse(result.text)
    again = checker(after, result.text)
    # A fix may stay offered only if the fixer refused it (it would change the
    # structure): then it is in the result's findings without its fix.
    offered = {(d.code, d.start, d.end) for d in again if d.fix}
    refused = {(d.code, d.start, d.end) for d in result.remaining if d.fix is None}
    assert offered <= refused, f"{name}: fixable findings left: {sorted(offered - refused)}"
    assert structure(after) == structure(parse(text))
    # The outline differs only where a marker was renumbered or a title's own
    # punctuation or slip was fixed: same number of lines, same kinds of line.
    before_outline = render_outline(parse(text)).splitlines()
    after_outline = render_outline(after).splitlines()
    assert len(before_outline) == len(after_outline)
    for old, new in zip(before_outline, after_outline, strict=True):
        assert _shape(old) == _shape(new), (old, new)
    assert fix_text(result.text, checker).text == result.text, f"{name}: not idempotent"


def test_there_are_texts() -> None:
    assert len(_texts()) >= 38
    assert all(isinstance(Path(name).name, str) for name, _ in _texts())
