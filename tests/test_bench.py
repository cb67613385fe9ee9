"""The benchmark runs and reports (timing is never asserted), and the synthetic speech
generator it relies on is deterministic, lossless through the parser and conventional
enough to exercise several heading styles."""

from __future__ import annotations

import random

import pytest

from jianghua.api import parse, render
from jianghua.bench.run import main, parse_size
from jianghua.bench.synth import corpus_speeches, generate_corpus, generate_speech
from jianghua.render.outline import render_outline


def test_quick_bench_prints_the_table_and_exits_0(capsys):
    code = main(["--quick", "--rounds", "1", "--stages", "floor,parse,json"])
    out = capsys.readouterr().out
    assert code == 0
    header = next(line for line in out.splitlines() if line.startswith("size"))
    for column in ("stage", "MB/s", "× floor", "speeches/s", "peak MB", "× input"):
        assert column in header
    for size in ("10KB", "100KB"):
        for stage in ("floor", "parse", "parse→json"):
            assert any(line.split()[:2] == [size, stage] for line in out.splitlines()), \
                (size, stage)
    assert "targets:" in out
    assert "parse→check" not in out  # not selected


def test_bench_reports_the_lines_only_lark_reference(capsys):
    # The reference row is what the JSON target is read against: the least any Lark
    # parse costs. It needs the 1 MB size for the derived line, so only the row here.
    code = main(["--quick", "--rounds", "1", "--stages", "floor,lark"])
    out = capsys.readouterr().out
    assert code == 0
    assert any(line.split()[:2] == ["10KB", "lark-lines"] for line in out.splitlines())


def test_bench_times_a_shared_directory(tmp_path, capsys):
    for n in range(2):
        (tmp_path / f"{n}.txt").write_text(generate_speech(random.Random(n), 800),
                                           encoding="utf-8")
    code = main(["--sizes", "10KB", "--rounds", "1", "--stages", "floor,parse",
                 "--shared", str(tmp_path)])
    assert code == 0
    assert "shared (2 files)" in capsys.readouterr().out


def test_bench_rejects_an_unknown_stage(capsys):
    assert main(["--quick", "--stages", "floor,lex"]) == 2
    assert "unknown stage" in capsys.readouterr().err


@pytest.mark.parametrize(("text", "size"), [("10KB", 10_000), ("1MB", 1_000_000),
                                            ("2.5MB", 2_500_000), ("4096", 4096)])
def test_parse_size(text, size):
    assert parse_size(text) == size


def test_generator_is_deterministic():
    assert generate_speech(random.Random(5), 3000) == generate_speech(random.Random(5), 3000)
    assert generate_corpus(11, 30_000) == generate_corpus(11, 30_000)
    assert generate_corpus(11, 30_000) != generate_corpus(12, 30_000)


def test_corpus_size_is_close_to_the_target():
    for target in (10_000, 100_000):
        size = len(generate_corpus(3, target).encode("utf-8"))
        assert 0.9 * target <= size <= 1.1 * target, (target, size)
    speeches = corpus_speeches(3, 100_000)
    assert len(speeches) > 1
    assert generate_corpus(3, 100_000) == "\n".join(speeches)  # blank line between


def test_generated_speeches_round_trip():
    for seed in range(20):
        text = generate_speech(random.Random(seed), 2500)
        assert render(parse(text)) == text, seed
    corpus = generate_corpus(1, 50_000)
    assert render(parse(corpus)) == corpus


def test_generated_speech_looks_conventional():
    text = generate_speech(random.Random(0), 3000)
    lines = text.splitlines()
    assert lines[0].endswith(("讲话", "主持词"))
    assert any(line.endswith("：") and "同志们" in line for line in lines)
    assert any("点意见。" in line for line in lines)


def test_generated_headings_have_several_styles():
    outline = render_outline(parse(generate_corpus(2, 60_000)))
    heads = [line.strip() for line in outline.splitlines()]
    assert any(line.startswith("一、") for line in heads)
    assert any(line.startswith(("（一）", "(一)")) for line in heads)
    assert any(line.startswith(("1.", "1、", "１．", "1．")) for line in heads)
    assert any(line.startswith(("一是", "一要", "第一，", "首先，")) for line in heads)
    assert any(line.startswith("[列举]") for line in heads)  # inline enumerations
