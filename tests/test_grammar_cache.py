"""The on-disk cache of compiled terminals (jianghua.parse.grammar_cache).

A run from the cache must behave exactly as one that compiles: every terminal the same
pattern, flags and groups, the same matches; a damaged, foreign or unwritable cache only
costs the compile; and a warm run never imports Lark (the start-up target of
python -m jianghua.bench).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from jianghua.parse.grammar_cache import GrammarCache, cache_dir
from jianghua.parse.lexicon import grammar, grammar_text

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
# Text that sets most cues off, to compare what the patterns match.
PROBES = [
    "同志们：下面，我讲三点意见。第一，提高认识。",
    "各位代表：现在，我代表市人民政府向大会报告工作，请予审议。",
    "会议有两项议程：下面进行第一项议程，请XX同志讲话。今天的会议到此结束，散会！",
    "（2023年4月10日）在全市工作会议上的讲话 一是抓落实，二是促发展。",
    "尊敬的各位领导、评委、参赛选手、观众朋友们，上午好！",
]


def _all_regexps() -> dict[str, str]:
    return {t.name: t.pattern.to_regexp() for t in grammar().terminals}


def test_cached_code_compiles_to_the_same_patterns(tmp_path, monkeypatch):
    monkeypatch.setenv("JIANGHUA_CACHE_DIR", str(tmp_path))
    regexps = _all_regexps()
    cold = GrammarCache(grammar_text())
    for regexp in regexps.values():
        cold.compile(regexp)
    files = list(tmp_path.iterdir())
    assert len(files) == 1 and files[0].suffix == ".json"
    warm = GrammarCache(grammar_text())
    assert set(warm.code) == set(regexps.values())
    for name, regexp in regexps.items():
        cached, fresh = warm.compile(regexp), re.compile(regexp)
        assert (cached.pattern, cached.flags, cached.groups, cached.groupindex) == (
            fresh.pattern, fresh.flags, fresh.groups, fresh.groupindex), name
        for probe in PROBES:
            for at in range(len(probe)):
                found, expected = cached.match(probe, at), fresh.match(probe, at)
                assert (found and found.span()) == (expected and expected.span()), (name, at)


def test_remembered_values_survive_the_round_trip(tmp_path, monkeypatch):
    monkeypatch.setenv("JIANGHUA_CACHE_DIR", str(tmp_path))
    calls = []
    first = GrammarCache(grammar_text())
    assert first.remembered("answer", lambda: calls.append(1) or ["a", ["b", "c"]]) == [
        "a", ["b", "c"]]
    again = GrammarCache(grammar_text())
    assert again.remembered("answer", lambda: calls.append(2) or None) == ["a", ["b", "c"]]
    assert calls == [1]


@pytest.mark.parametrize("damage", [
    "not json at all",
    json.dumps({"code": {"同志们": [0, [1, 2, 3], 0, {}, []]}, "derived": {}}),
    json.dumps(["a list, not the cache's shape"]),
])
def test_a_damaged_cache_only_costs_the_compile(tmp_path, monkeypatch, damage):
    monkeypatch.setenv("JIANGHUA_CACHE_DIR", str(tmp_path))
    GrammarCache(grammar_text()).compile("同志们")
    (path,) = tmp_path.iterdir()
    path.write_text(damage, encoding="utf-8")
    compiled = GrammarCache(grammar_text()).compile("同志们")
    assert compiled.match("同志们：") is not None and compiled.pattern == "同志们"


def test_an_empty_cache_dir_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("JIANGHUA_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    assert cache_dir() is None
    assert GrammarCache(grammar_text()).compile("同志们").match("同志们") is not None
    assert not list(tmp_path.iterdir())


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True,
                    reason="root writes anywhere")
def test_an_unwritable_cache_dir_is_no_error(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setenv("JIANGHUA_CACHE_DIR", str(locked / "jianghua"))
    assert GrammarCache(grammar_text()).compile("同志们").match("同志们") is not None


def test_a_file_where_the_cache_dir_should_be_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("JIANGHUA_CACHE_DIR", str(blocker / "jianghua"))
    cache = GrammarCache(grammar_text())
    assert cache.compile("同志们").match("同志们") is not None
    assert cache.path is None  # gave up writing, as without a cache
    assert not list(tmp_path.glob("**/*.tmp"))


def _outline_in_fresh_process(cache: Path) -> tuple[str, bool]:
    code = ("import sys; from jianghua import parse_file, render_outline; "
            f"print(render_outline(parse_file({str(SAMPLES / '01_work_meeting.txt')!r})), end=''); "
            "print('LARK' if 'lark' in sys.modules else 'NO-LARK', file=sys.stderr)")
    env = {**os.environ, "JIANGHUA_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          encoding="utf-8", env=env, check=True)
    return done.stdout, done.stderr.strip().endswith("NO-LARK")


def test_a_warm_run_gives_the_same_outline_without_lark(tmp_path):
    cold, cold_without_lark = _outline_in_fresh_process(tmp_path)
    warm, warm_without_lark = _outline_in_fresh_process(tmp_path)
    assert cold == warm
    assert cold == (SAMPLES / "01_work_meeting.outline").read_text(encoding="utf-8")
    assert not cold_without_lark  # the first run reads the grammar with Lark
    assert warm_without_lark


def test_old_cache_files_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("JIANGHUA_CACHE_DIR", str(tmp_path))
    for number in range(12):
        stale = tmp_path / f"grammar-{number:016x}-py0-sre0.json"
        stale.write_text("{}", encoding="utf-8")
        os.utime(stale, ns=(number * 10**9, number * 10**9))
    cache = GrammarCache(grammar_text())
    cache.compile("同志们")
    kept = sorted(path.name for path in tmp_path.iterdir())
    assert cache.path is not None and cache.path.name in kept
    assert len(kept) == 8 and "grammar-0000000000000000-py0-sre0.json" not in kept
