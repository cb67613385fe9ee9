"""Output formats: SARIF validated against the official 2.1.0 schema, GitHub
annotations escaped, human output summarised by severity."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from jianghua.api import parse
from jianghua.checks import check
from jianghua.checks.formats import (
    artifact_uri,
    format_github,
    format_human,
    sarif_log,
    summary,
)
from jianghua.cli.check import main

jsonschema = pytest.importorskip("jsonschema")

DATA = Path(__file__).resolve().parent / "data"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SCHEMA_SHA256 = "80cd7ffb9b62a4162d541aa9170862dd264f6cce0f04c57f1ac9f2337b808958"

MESSY = ("同志们,\n二、提高站位\n（一）加强领导。\n正文,“三观\"。\n四、直面问题\n"
         "请*同志讲话,推动千部作风转变。\n")


def validator():
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    cls = jsonschema.Draft7Validator
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_vendored_schema_is_the_official_file() -> None:
    data = (DATA / "sarif-schema-2.1.0.json").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SCHEMA_SHA256


def test_sarif_validates_with_fixes_and_non_ascii_paths() -> None:
    found = check(parse(MESSY), path="讲话/草稿 一.txt")
    assert any(d.fix for d in found)
    log = sarif_log(found, {"讲话/草稿 一.txt": MESSY}, "1.0")
    errors = sorted(validator().iter_errors(log), key=str)
    assert errors == []
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.isascii() and " " not in uri
    codes = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    for result in run["results"]:
        assert codes[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")


def test_sarif_from_the_command_validates(tmp_path, capsys) -> None:
    paths = sorted(SAMPLES.glob("*.txt"))[:6]
    code = main([*map(str, paths), "--isolated", "--format", "sarif"])
    out = capsys.readouterr().out
    assert code == 1
    log = json.loads(out)
    assert list(validator().iter_errors(log)) == []
    assert log["runs"][0]["results"]
    # An empty run is valid too.
    clean = tmp_path / "clean.txt"
    clean.write_text("同志们：\n今天开会。\n我就讲到这里，谢谢大家！\n", encoding="utf-8")
    assert main([str(clean), "--isolated", "--format", "sarif"]) == 0
    assert list(validator().iter_errors(json.loads(capsys.readouterr().out))) == []


def test_artifact_uris() -> None:
    assert artifact_uri("a/b.txt") == "a/b.txt"
    assert artifact_uri("讲话.txt") == "%E8%AE%B2%E8%AF%9D.txt"
    assert artifact_uri("/tmp/x y.txt") == "file:///tmp/x%20y.txt"
    assert artifact_uri(None) == "stdin"


def test_github_escapes_properties_and_data() -> None:
    found = check(parse("同志们：\n今天,开会。\n"), select=["JH601"], path="a,b:c%.txt")
    line = format_github(found)
    assert line.startswith("::error file=a%2Cb%3Ac%25.txt,line=2,col=3,")
    assert line.endswith("::JH601 中文里用了半角标点“,”，应为全角“，”\n")


def test_human_summary_counts_by_severity() -> None:
    found = check(parse(MESSY), path="x.txt")
    text = format_human(found, {"x.txt": MESSY})
    last = next(line for line in text.splitlines() if line.startswith("发现"))
    assert next(line for line in text.splitlines() if line.startswith("按规则 (by rule): "))
    errors = sum(d.severity.value == "error" for d in found)
    warnings = sum(d.severity.value == "warning" for d in found)
    assert last.startswith(f"发现 {len(found)} 个问题：{errors} 个错误，{warnings} 个警告")
    assert summary([]) == "未发现问题 (no problems found)"


def test_line_starts_are_found_once_per_file(monkeypatch) -> None:
    # Once per diagnostic made printing 10,000 findings quadratic (190 s).
    from jianghua.checks import formats

    calls: list[int] = []
    real = formats.line_starts

    def counting(text: str) -> list[int]:
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(formats, "line_starts", counting)
    for path in ("x.txt", "x.docx"):
        found = check(parse(MESSY), path=path)
        assert len(found) > 2
        calls.clear()
        format_human(found, {path: MESSY})
        assert len(calls) == 1
        calls.clear()
        sarif_log(found, {path: MESSY}, "1.0")
        assert len(calls) <= 1
