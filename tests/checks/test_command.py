"""``jianghua check`` through ``main(argv)``: output, selection, config, profiles, exit
codes, --fix and --diff."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from jianghua.api import parse
from jianghua.checks.fixes import structure
from jianghua.cli.check import main

CLEAN = """同志们：
今天，我们召开全市作风建设大会。下面，我讲两点意见。
一、提高站位
正文。
二、直面问题
正文。
我就讲到这里，谢谢大家！
"""

# One error (JH601 half-width comma), one warning (JH604 slip), both fixable.
MESSY = """同志们：
今天,我们召开全市千部作风建设大会。下面，我讲两点意见。
一、提高站位
正文。
二、直面问题
正文。
我就讲到这里，谢谢大家！
"""

WARNING_ONLY = MESSY.replace("今天,", "今天，")


def write(folder: Path, name: str, text: str, *, encoding: str = "utf-8",
          newline: str = "\n", bom: bool = False) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.replace("\n", newline).encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# --- exit codes ------------------------------------------------------------------------

def test_clean_file_exits_0(tmp_path, capsys) -> None:
    code, out, _ = run(capsys, write(tmp_path, "a.txt", CLEAN), "--isolated")
    assert code == 0
    assert out.strip().endswith("(no problems found)")


def test_an_error_exits_1_and_warnings_do_not_by_default(tmp_path, capsys) -> None:
    assert run(capsys, write(tmp_path, "a.txt", MESSY), "--isolated")[0] == 1
    path = write(tmp_path, "b.txt", WARNING_ONLY)
    assert run(capsys, path, "--isolated")[0] == 0
    assert run(capsys, path, "--isolated", "--fail-on", "warning")[0] == 1
    assert run(capsys, path, "--isolated", "--ignore", "JH604", "--fail-on", "info")[0] == 0


@pytest.mark.parametrize("argv", [
    ["--select", "JH999"], ["--ignore", "no-such-rule"], ["--profile", "final"],
    ["--format", "xml"], ["--fix", "--diff"],
])
def test_usage_errors_exit_2(tmp_path, capsys, argv) -> None:
    code, _, err = run(capsys, write(tmp_path, "a.txt", CLEAN), *argv)
    assert code == 2
    assert err


def test_missing_file_exits_2_and_names_it(tmp_path, capsys) -> None:
    code, _, err = run(capsys, tmp_path / "nope.txt")
    assert code == 2
    assert "nope.txt" in err


def test_a_bad_file_among_good_ones_still_exits_2(tmp_path, capsys) -> None:
    code, out, _ = run(capsys, write(tmp_path, "a.txt", MESSY), tmp_path / "nope.txt",
                       "--isolated")
    assert code == 2
    assert "JH601" in out  # the readable file was still checked


# --- human output ----------------------------------------------------------------------

def test_human_output_has_header_source_and_cjk_aligned_caret(tmp_path, capsys) -> None:
    path = write(tmp_path, "a.txt", MESSY)
    _, out, _ = run(capsys, path, "--isolated", "--select", "JH601")
    lines = out.splitlines()
    assert lines[0] == f"{path}:2:3 JH601 half-width-punctuation 中文里用了半角标点“,”，应为全角“，”"
    assert lines[1] == "  |"
    assert lines[2] == "2 | 今天,我们召开全市千部作风建设大会。下面，我讲两点意见。"
    # 今天 is four terminal cells wide: the caret sits under the comma.
    assert lines[3] == "  |     ^"
    assert "可修复" in lines[4]
    assert lines[-2].startswith("发现 1 个问题：1 个错误")
    assert "1 fixable with --fix" in lines[-1]


def test_caret_spans_a_wide_slip(tmp_path, capsys) -> None:
    path = write(tmp_path, "a.txt", MESSY)
    _, out, _ = run(capsys, path, "--isolated", "--select", "JH604")
    lines = out.splitlines()
    assert lines[0].startswith(f"{path}:2:10 JH604 character-slip")
    source, carets = lines[2], lines[3]
    before = 2 * len("今天") + 1 + 2 * len("我们召开全市")  # the ASCII comma is one cell
    assert carets == "  | " + " " * before + "^^^^"  # 千部: two characters, four cells
    assert source.endswith("意见。")


def test_long_lines_are_windowed_around_the_span(tmp_path, capsys) -> None:
    text = "同志们：\n" + "很长的一段话" * 60 + "千部作风" + "很长的一段话" * 60 + "。\n"
    _, out, _ = run(capsys, write(tmp_path, "a.txt", text), "--isolated", "--select", "JH604")
    source, carets = out.splitlines()[2:4]
    assert source.startswith("2 | …") and source.endswith("…")
    assert len(source) < 80
    shown = source[len("2 | "):]
    assert carets.index("^") == len("  | ") + 1 + 2 * (shown.index("千部") - 1)


def test_no_source_option(tmp_path, capsys) -> None:
    _, out, _ = run(capsys, write(tmp_path, "a.txt", MESSY), "--isolated", "--no-source")
    assert not any(line.startswith("2 |") for line in out.splitlines())


# --- selection and profiles ------------------------------------------------------------

def test_select_ignore_extend_select_by_code_prefix_and_name(tmp_path, capsys) -> None:
    path = write(tmp_path, "a.txt", MESSY)

    def found(*argv: str) -> set[str]:
        _, out, _ = run(capsys, path, "--isolated", "--format", "json", *argv)
        return {d["code"] for d in json.loads(out)}

    assert found() == {"JH601", "JH604"}
    assert found("--select", "JH6") == {"JH601", "JH604"}
    assert found("--select", "character-slip") == {"JH604"}
    assert found("--ignore", "JH601") == {"JH604"}
    assert found("--select", "JH1", "--extend-select", "JH604") == {"JH604"}


def test_profiles(tmp_path, capsys) -> None:
    text = "同志们：\n请*同志讲话。\n我就讲到这里，谢谢大家！\n"
    path = write(tmp_path, "a.txt", text)
    assert run(capsys, path, "--isolated")[0] == 1  # draft: a placeholder is an error
    assert run(capsys, path, "--isolated", "--profile", "published")[0] == 0
    fragment = write(tmp_path, "f.txt", "二是深入锤炼坚强党性。正文。\n三是深入落实。正文。\n")
    _, out, _ = run(capsys, fragment, "--isolated", "--format", "json")
    assert {"JH104", "JH501", "JH504"} <= {d["code"] for d in json.loads(out)}
    _, out, _ = run(capsys, fragment, "--isolated", "--format", "json", "--profile", "fragment")
    assert json.loads(out) == []


def test_a_published_copy_may_lack_salutation_and_closing(tmp_path, capsys) -> None:
    # Anthologies and news-agency copies drop them (corpus 025, 203): info, not a warning.
    path = write(tmp_path, "a.txt", "今天，我们召开全市作风建设大会。\n一、提高站位\n正文。\n"
                                    "二、直面问题\n正文。\n")

    def severities(*argv: str) -> dict[str, str]:
        _, out, _ = run(capsys, path, "--isolated", "--format", "json", *argv)
        return {d["code"]: d["severity"] for d in json.loads(out)}

    assert severities() == {"JH501": "warning", "JH504": "warning"}
    assert severities("--profile", "published") == {"JH501": "info", "JH504": "info"}
    assert severities("--profile", "draft,published") == {"JH501": "info", "JH504": "info"}
    assert severities("--profile", "published,fragment") == {}
    assert run(capsys, path, "--isolated", "--profile", "published", "--fail-on",
               "warning")[0] == 0


# --- configuration ---------------------------------------------------------------------

def test_pyproject_config_is_found_upward(tmp_path, capsys) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.jianghua]\nignore = ["JH601"]\nfail-on = "warning"\n', encoding="utf-8")
    path = write(tmp_path, "deep/er/a.txt", MESSY)
    code, out, _ = run(capsys, path, "--format", "json")
    assert {d["code"] for d in json.loads(out)} == {"JH604"}
    assert code == 1  # fail-on = warning from the file
    code, out, _ = run(capsys, path, "--format", "json", "--isolated")
    assert {d["code"] for d in json.loads(out)} == {"JH601", "JH604"}


def test_jianghua_toml_wins_and_pyproject_without_table_is_skipped(tmp_path, capsys) -> None:
    (tmp_path / "jianghua.toml").write_text('select = ["JH601"]\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n',
                                                     encoding="utf-8")
    path = write(tmp_path, "sub/a.txt", MESSY)
    _, out, _ = run(capsys, path, "--format", "json")
    assert {d["code"] for d in json.loads(out)} == {"JH601"}
    (tmp_path / "sub" / "jianghua.toml").write_text(
        '[tool.jianghua.check]\nselect = ["character-slip"]\n', encoding="utf-8")
    _, out, _ = run(capsys, path, "--format", "json")
    assert {d["code"] for d in json.loads(out)} == {"JH604"}
    # The command line wins over the file.
    _, out, _ = run(capsys, path, "--format", "json", "--select", "JH601")
    assert {d["code"] for d in json.loads(out)} == {"JH601"}


def test_explicit_config_and_config_errors(tmp_path, capsys) -> None:
    path = write(tmp_path, "a.txt", MESSY)
    good = tmp_path / "conf" / "jianghua.toml"
    good.parent.mkdir()
    good.write_text('[tool.jianghua]\nselect = ["JH604"]\n[tool.jianghua.severity]\nJH604 = "info"\n',
                    encoding="utf-8")
    _, out, _ = run(capsys, path, "--format", "json", "--config", good)
    assert [(d["code"], d["severity"]) for d in json.loads(out)] == [("JH604", "info")]
    for bad in ('select = ["JH999"]\n', "select = [\n", 'profile = "final"\n',
                '[check]\nselct = ["JH6"]\n', 'fail-on = "fatal"\n'):
        good.write_text(bad, encoding="utf-8")
        code, _, err = run(capsys, path, "--config", good)
        assert code == 2 and "jianghua.toml" in err, bad


# --- formats ---------------------------------------------------------------------------

def test_json_format_has_the_documented_keys(tmp_path, capsys) -> None:
    path = write(tmp_path, "a.txt", MESSY)
    _, out, _ = run(capsys, path, "--isolated", "--format", "json")
    data = json.loads(out)
    keys = {"code", "name", "severity", "tier", "message", "path", "line", "column",
            "end_line", "end_column"}
    for item in data:
        assert set(item) - {"fix"} == keys
    comma = next(d for d in data if d["code"] == "JH601")
    assert (comma["line"], comma["column"], comma["end_line"], comma["end_column"]) == (2, 3, 2, 4)
    assert comma["tier"] == "标准" and comma["severity"] == "error" and comma["path"] == str(path)
    assert comma["fix"]["edits"] == [{"start": 7, "end": 8, "replacement": "，"}]
    clean = write(tmp_path, "b.txt", CLEAN)
    assert json.loads(run(capsys, clean, "--isolated", "--format", "json")[1]) == []


def test_github_format(tmp_path, capsys) -> None:
    path = write(tmp_path, "a.txt", MESSY)
    _, out, _ = run(capsys, path, "--isolated", "--format", "github")
    lines = out.splitlines()
    assert lines[0] == (f"::error file={path},line=2,col=3,endLine=2,endColumn=4,"
                        "title=JH601 half-width-punctuation::JH601 中文里用了半角标点“,”，应为全角“，”")
    assert lines[1].startswith("::warning ") and "JH604" in lines[1]


def test_output_file(tmp_path, capsys) -> None:
    path = write(tmp_path, "a.txt", MESSY)
    report = tmp_path / "report.json"
    code, out, _ = run(capsys, path, "--isolated", "--format", "json", "-o", report)
    assert code == 1 and out == ""
    assert len(json.loads(report.read_text(encoding="utf-8"))) == 2


def test_stdin(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(MESSY.encode("utf-8"))))
    code, out, _ = run(capsys, "-", "--format", "json")
    assert code == 1
    assert {d["path"] for d in json.loads(out)} == {None}


# --- --fix and --diff ------------------------------------------------------------------

def test_diff_shows_fixes_and_writes_nothing(tmp_path, capsys) -> None:
    path = write(tmp_path, "a.txt", MESSY)
    code, out, _ = run(capsys, path, "--isolated", "--diff")
    assert code == 1
    assert "-今天,我们召开全市千部作风建设大会。" in out
    assert "+今天，我们召开全市干部作风建设大会。" in out
    assert path.read_text(encoding="utf-8") == MESSY
    assert run(capsys, write(tmp_path, "b.txt", CLEAN), "--isolated", "--diff")[:2] == (0, "")


@pytest.mark.parametrize(("encoding", "newline", "bom"), [
    ("utf-8", "\n", False), ("utf-8", "\r\n", True), ("gbk", "\r\n", False),
])
def test_fix_keeps_encoding_line_ends_and_structure(tmp_path, capsys, encoding, newline,
                                                    bom) -> None:
    path = write(tmp_path, "a.txt", MESSY, encoding=encoding, newline=newline, bom=bom)
    code, out, err = run(capsys, path, "--isolated", "--fix")
    assert code == 0, out  # nothing left at error level
    assert "已修复 2 处" in err
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") == bom
    text = data.decode(encoding).lstrip("\ufeff")
    expected = MESSY.replace("今天,", "今天，").replace("千部", "干部")
    assert text == expected.replace("\n", newline)
    assert structure(parse(text)) == structure(parse(MESSY.replace("\n", newline)))
    before = path.read_bytes()
    assert run(capsys, path, "--isolated", "--fix")[0] == 0  # idempotent
    assert path.read_bytes() == before


def test_fix_only_the_selected_rules(tmp_path, capsys) -> None:
    path = write(tmp_path, "a.txt", MESSY)
    run(capsys, path, "--isolated", "--fix", "--select", "JH604")
    assert path.read_text(encoding="utf-8") == MESSY.replace("千部", "干部")


def test_fix_refuses_docx(tmp_path, capsys) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in MESSY.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "a.docx"
    document.save(path)
    code, out, _ = run(capsys, path, "--isolated", "--format", "json")
    assert code == 1 and "JH601" in out  # checking a .docx works
    code, _, err = run(capsys, path, "--isolated", "--fix")
    assert code == 2 and ".docx" in err


def test_fix_on_stdin_goes_alone(tmp_path, capsys) -> None:
    # `check --fix -` prints the fixed text (tests/checks/test_habits.py); with other
    # inputs or -o it would have nowhere unambiguous to go.
    code, _, err = run(capsys, "-", write(tmp_path, "a.txt", CLEAN), "--fix")
    assert code == 2 and "--fix -" in err


# --- rules -----------------------------------------------------------------------------

def test_rules_lists_and_documents(capsys) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    assert "JH601  half-width-punctuation" in out and "JH1xx" in out
    code, out, _ = run(capsys, "rules", "half-width-punctuation")
    assert code == 0 and out.startswith("JH601 half-width-punctuation")
    assert "错误示例" in out and "正确示例" in out
    code, out, _ = run(capsys, "rules", "JH604", "--format", "json")
    assert json.loads(out)["name"] == "character-slip"
    assert run(capsys, "rules", "JH999")[0] == 2


def test_cli_registers_check_and_rules() -> None:
    cli = pytest.importorskip("jianghua.cli")
    parser = cli.build_parser()
    subcommands = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    assert {"check", "rules"} <= set(subcommands.choices)
    assert cli.main(["rules", "JH101"]) == 0
