"""``jianghua check`` on the real texts in ``../shared``: a reviewed snapshot of every
diagnostic, and the invariants that must hold on any real text (no crash, positions
that match offsets, fixes that keep the structure and are idempotent).

Seeds are checked as drafts (``--profile draft``); corpus texts are published web
texts, so ``published``, plus ``fragment`` where ``corpus/MANIFEST.tsv`` says the text is
not complete. The snapshot keeps codes, positions, severities and messages only:
quoted text longer than four characters is elided, so nothing of the real texts is
copied into the repository. ``JIANGHUA_REGEN=1`` rewrites it; review the diff.
"""

from __future__ import annotations

import csv
import difflib
import os
from functools import cache
from pathlib import Path

import pytest

from jianghua.api import parse, parse_file, render
from jianghua.checks import check
from jianghua.checks.diagnostics import Severity, Tier
from jianghua.checks.fixes import fix_text, structure

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "shared.txt"
REGEN = os.environ.get("JIANGHUA_REGEN") == "1"

needs_shared = pytest.mark.skipif(not (SHARED / "seeds").is_dir(),
                                  reason="../shared (real texts) is not beside this checkout")


@cache
def _complete() -> dict[str, str]:
    manifest = SHARED / "corpus" / "MANIFEST.tsv"
    if not manifest.is_file():
        return {}
    with open(manifest, encoding="utf-8", newline="") as handle:
        return {row["id"]: row["complete"] for row in csv.DictReader(handle, delimiter="\t")}


def profile_for(path: Path) -> str:
    if path.parent.name == "seeds":
        return "draft"
    return "published" if _complete().get(path.stem) == "yes" else "published,fragment"


def snapshot_texts() -> list[Path]:
    if not SHARED.is_dir():
        return []
    return sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("corpus/*.txt"))


def all_texts() -> list[Path]:
    return snapshot_texts() + (sorted(SHARED.glob("corpus_raw/*.txt")) if SHARED.is_dir() else [])


def elide(message: str, longest: int = 4) -> str:
    """Replace quoted text longer than ``longest`` characters with “…” (nesting-aware).

    A quote opened with “ closes at its matching ” (nested “” counted); one opened with
    ‘ — which messages use when the quoted text itself holds “ — closes at ’ only.
    """
    out: list[str] = []
    depth, start, opener = 0, 0, ""
    for index, ch in enumerate(message):
        if depth == 0 and ch in "“‘":
            start, opener, depth = index, ch, 1
        elif depth and ch == opener and opener == "“":
            depth += 1
        elif depth and ch == {"“": "”", "‘": "’"}[opener]:
            depth -= 1
            if depth == 0:
                inner = message[start + 1:index]
                out.append("“…”" if len(inner) > longest else message[start:index + 1])
        elif depth == 0:
            out.append(ch)
    if depth:
        out.append("“…")
    return "".join(out)


def render_snapshot() -> str:
    lines = [
        "# jianghua check on ../shared: codes, positions, severities, messages (quoted text",
        "# longer than four characters elided). Seeds: --profile draft; corpus: published,",
        "# plus fragment where MANIFEST.tsv says so. Regenerate with JIANGHUA_REGEN=1 and",
        "# review the diff: every line must be a finding a senior editor agrees with.",
    ]
    for path in snapshot_texts():
        profile = profile_for(path)
        found = check(parse_file(path), profile=profile)
        lines.append(f"== {path.parent.name}/{path.name} [{profile}] {len(found)}")
        for d in found:
            lines.append(f"{d.line}:{d.column}-{d.end_line}:{d.end_column} {d.code} "
                         f"{d.severity.value} {elide(d.message)}")
    return "\n".join(lines) + "\n"


@needs_shared
def test_snapshot_of_diagnostics_on_the_real_texts() -> None:
    actual = render_snapshot()
    if REGEN:
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(actual, encoding="utf-8")
        return
    expected = SNAPSHOT.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True),
                                            actual.splitlines(keepends=True),
                                            "snapshot", "now", n=1))
        pytest.fail("diagnostics on ../shared changed (JIANGHUA_REGEN=1 to accept after "
                    "review):\n" + diff[:6000])


def test_elide_keeps_no_long_quotes() -> None:
    assert elide("占位符未替换：“XX”应换成实际内容") == "占位符未替换：“XX”应换成实际内容"
    assert elide("并列标题不对仗：“一要以“刀刃向内”的魄力”，同组") == "并列标题不对仗：“…”，同组"
    assert elide("结束语之后还有正文：“新华社北京电") == "结束语之后还有正文：“…"


@needs_shared
@pytest.mark.parametrize("path", all_texts(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_invariants_on_real_text(path: Path) -> None:
    speech = parse_file(path)
    text = render(speech)
    profile = profile_for(path) if path.parent.name != "corpus_raw" else "published,fragment"
    found = check(speech, profile=profile)
    for d in found:
        assert 0 <= d.start <= d.end <= len(text)
        line_start = sum(len(line) for line in text.splitlines(keepends=True)[:d.line - 1])
        assert line_start + d.column - 1 == d.start, d
        if d.tier is Tier.SHIWU and d.code != "JH603":
            assert d.severity.rank <= Severity.WARNING.rank
        if d.fix is not None:
            for edit in d.fix.edits:
                # Never touch line ends, never add spacing (no "中文 123" suggestions).
                assert not set(text[edit.start:edit.end] + edit.replacement) & set("\r\n")
                assert not any(ch.isspace() for ch in edit.replacement)

    def checker(speech_, text_):
        return check(speech_, text=text_, profile=profile)

    result = fix_text(text, checker)
    assert structure(parse(result.text)) == structure(speech)
    assert result.text.count("\n") == text.count("\n")
    assert result.text.count("\r") == text.count("\r")
    assert fix_text(result.text, checker).text == result.text
