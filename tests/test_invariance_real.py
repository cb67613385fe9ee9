"""The same rewrites as test_invariance.py, on the real texts in ../shared: a page's
punctuation in the other width, traditional characters, blank lines between all its
lines, a breadcrumb, byline or footer around it. A rule that knows only one width of a
colon (当前页面：), or a page share counted over its chrome, shows up on real texts
that no composed case foresaw. Skipped where ../shared is absent.
"""

from __future__ import annotations

import pytest

from jianghua import parse, render_outline
from repo_paths import SHARED, needs_shared
from test_invariance import VARIANTS

pytestmark = needs_shared


def _real_texts() -> list[tuple[str, str]]:
    if not SHARED.is_dir():
        return []
    paths = sorted([*(SHARED / "corpus").glob("*.txt"), *(SHARED / "seeds").glob("*.txt")])
    return [(f"{path.parent.name}/{path.name}", path.read_text(encoding="utf-8"))
            for path in paths]


@pytest.fixture(scope="module")
def real_outlines() -> dict[str, tuple[str, str]]:
    return {name: (text, render_outline(parse(text))) for name, text in _real_texts()}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_real_outlines_do_not_depend_on_how_the_text_came(
        variant: str, real_outlines: dict[str, tuple[str, str]]) -> None:
    rewrite, read_back = VARIANTS[variant]
    differing = []
    for name, (text, outline) in real_outlines.items():
        rewritten = render_outline(parse(rewrite(text)))
        if [read_back(line) for line in rewritten.splitlines()] != [
                read_back(line) for line in outline.splitlines()]:
            differing.append(name)
    assert not differing, f"{variant} changes the outline of {differing}"
