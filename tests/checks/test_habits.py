"""What a new user reaches for in the first ten minutes (issue 11), through ``main(argv)``:
output shapes, stdin --fix, inputs, configuration, exit codes, the API, the README."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

import jianghua
from jianghua.cli import main as cli_main
from jianghua.cli.check import main

ROOT = Path(__file__).resolve().parents[2]

# A web copy: half-width commas throughout (JH601, fixable) and one slip (JH604).
WEB = """同志们：
今天,我们召开全市千部作风建设大会。下面,我讲两点意见。
一、提高站位
要认清形势,把握大局,增强责任感。
二、直面问题
要正视差距,补齐短板,抓好落实。
我就讲到这里，谢谢大家！
"""
FIXED = WEB.replace(",", "，").replace("千部", "干部")
CLEAN = FIXED


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


# --- output ------------------------------------------------------------------------------

def test_statistics_counts_per_rule(tmp_path, capsys) -> None:
    code, out, _ = run(capsys, write(tmp_path, "a.txt", WEB), "--isolated", "--statistics")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].split("\t")[:3] == ["6", "JH601", "[*] half-width-punctuation"]
    assert any("JH604" in line for line in lines)
    _, out, _ = run(capsys, tmp_path / "a.txt", "--isolated", "--statistics", "--format", "json")
    data = json.loads(out)
    assert data[0] == {"code": "JH601", "name": "half-width-punctuation", "count": 6,
                       "fixable": 6, "severity": "error"}


def test_concise_quiet_and_summary_by_rule(tmp_path, capsys) -> None:
    path = write(tmp_path, "a.txt", WEB)
    _, out, _ = run(capsys, path, "--isolated", "--format", "concise")
    lines = out.splitlines()
    assert lines[0] == (f"{path}:2:3 JH601 half-width-punctuation 中文里用了半角标点“,”，"
                        "应为全角“，” [*]")
    assert sum(line.startswith(str(path)) for line in lines) == 7
    assert any(line.startswith("按规则 (by rule): JH601 half-width-punctuation ×6，JH604")
               for line in lines)
    _, quiet, _ = run(capsys, path, "--isolated", "--format", "concise", "-q")
    assert quiet.splitlines() == lines[:7]
    _, human, _ = run(capsys, path, "--isolated", "-q")
    assert "发现" not in human and "按规则" not in human and "JH601" in human


def test_show_fixes_lists_each_fix(tmp_path, capsys) -> None:
    path = write(tmp_path, "a.txt", WEB)
    code, _, err = run(capsys, path, "--isolated", "--fix", "--show-fixes")
    assert code == 0
    assert f"{path}:2:3 JH601 改为“，”" in err
    assert "已修复 7 处 (fixed 7)：JH601 ×6，JH604 ×1" in err
    assert path.read_text(encoding="utf-8") == FIXED


def test_colour(tmp_path, capsys, monkeypatch) -> None:
    path = write(tmp_path, "a.txt", WEB)
    monkeypatch.delenv("NO_COLOR", raising=False)
    _, out, _ = run(capsys, path, "--isolated", "--color", "always")
    assert "\x1b[1;31mJH601\x1b[0m" in out
    _, out, _ = run(capsys, path, "--isolated")  # piped (captured): plain
    assert "\x1b[" not in out
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("TERM", "xterm")
    _, out, _ = run(capsys, path, "--isolated")
    assert "\x1b[" in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run(capsys, path, "--isolated")
    assert "\x1b[" not in out


def test_every_command_writes_utf8_whatever_pythonioencoding(tmp_path) -> None:
    # tree used to follow PYTHONIOENCODING=gbk while check and outline wrote UTF-8.
    import subprocess

    path = write(tmp_path, "a.txt", CLEAN)
    env = {"PYTHONIOENCODING": "gbk", "NO_COLOR": "1"}
    for command, expected in (("tree", "同志们"), ("outline", "[称谓] 同志们："),
                              ("check", "未发现问题")):
        done = subprocess.run([sys.executable, "-m", "jianghua", command, str(path),
                               *(["--isolated"] if command == "check" else [])],
                              capture_output=True, env=env, check=False)
        assert expected in done.stdout.decode("utf-8"), (command, done.stderr)


def test_docx_findings_say_where_in_word(tmp_path, capsys) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in WEB.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "讲话.docx"
    document.save(path)
    _, out, _ = run(capsys, path, "--isolated", "--format", "concise", "--select", "JH604")
    assert out.splitlines()[0].startswith(
        f"{path}:2:10 第 2 段「今天,我们召开全市千部作…」 (paragraph 2) JH604")


# --- input -------------------------------------------------------------------------------

def test_fix_stdin_prints_the_fixed_text(monkeypatch, capsys) -> None:
    stdin(monkeypatch, WEB.encode("utf-8"))
    code = main(["-", "--fix", "--isolated"])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.out == FIXED
    assert "已修复 7 处" in captured.err and "JH" not in captured.out


def test_fix_stdin_keeps_the_encoding_and_uses_stdin_filename(tmp_path, monkeypatch,
                                                              capfdbinary) -> None:
    (tmp_path / "jianghua.toml").write_text('ignore = ["JH604"]\n', encoding="utf-8")
    stdin(monkeypatch, WEB.encode("gbk"))
    code = main(["-", "--fix", "--stdin-filename", str(tmp_path / "讲话.txt")])
    out, _ = capfdbinary.readouterr()
    assert code == 0
    assert out == WEB.replace(",", "，").encode("gbk")  # in the input's own encoding
    stdin(monkeypatch, WEB.encode("utf-8"))
    code = main(["-", "--stdin-filename", str(tmp_path / "讲话.txt"), "--format", "json"])
    out, _ = capfdbinary.readouterr()
    found = json.loads(out)
    assert {d["path"] for d in found} == {str(tmp_path / "讲话.txt")}
    assert "JH604" not in {d["code"] for d in found}  # the config beside it applied


@pytest.mark.parametrize(("name", "data", "hint"), [
    ("讲话.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "另存为 .docx"),
    ("讲话.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "另存为 .docx"),
    ("讲话.docm", b"PK\x03\x04" + b"\0" * 64, "另存为 .docx"),
    ("讲话.pdf", b"%PDF-1.7\n" + b"\0" * 64, "复制其中的文字"),
])
def test_formats_people_try_get_a_hint(tmp_path, capsys, name, data, hint) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, _, err = run(capsys, path, "--isolated")
    assert code == 2
    assert err.count("\n") == 1 and hint in err and name in err


def test_folders_hold_md_speeches_but_not_readmes(tmp_path, capsys) -> None:
    write(tmp_path, "材料/a.md", WEB)
    write(tmp_path, "材料/README.md", "# 说明\n这里放讲话稿,每篇一个文件。\n")
    code, out, _ = run(capsys, tmp_path / "材料", "--isolated", "--format", "json")
    assert code == 1
    assert {Path(d["path"]).name for d in json.loads(out)} == {"a.md"}
    # Named on the command line, a README is checked like any file.
    _, out, _ = run(capsys, tmp_path / "材料" / "README.md", "--isolated", "--format", "json")
    assert json.loads(out)


def test_fix_on_a_folder_leaves_a_docx_alone(tmp_path, capsys) -> None:
    docx = pytest.importorskip("docx")
    text = write(tmp_path, "a.txt", WEB)
    document = docx.Document()
    document.add_paragraph("今天,我们开会。")
    document.save(tmp_path / "b.docx")
    before = (tmp_path / "b.docx").read_bytes()
    code, _, err = run(capsys, tmp_path, "--isolated", "--fix")
    assert text.read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "b.docx").read_bytes() == before
    assert "b.docx" in err and "--in-place" in err
    assert code == 1  # the .docx still has its error


def test_jobs(tmp_path, capsys) -> None:
    for index in range(3):
        write(tmp_path, f"{index}.txt", WEB)
    write(tmp_path, "bad.txt", "\0\0\0\0binary\0\0\0")
    one = run(capsys, tmp_path, "--isolated", "--format", "json")
    two = run(capsys, tmp_path, "--isolated", "--format", "json", "-j", "2")
    assert one == two and one[0] == 2
    assert run(capsys, tmp_path, "-j", "0")[0] == 2


# --- configuration -----------------------------------------------------------------------

@pytest.mark.parametrize(("toml", "key", "close"), [
    ("[tool.jianghua]\nignor = [\"JH601\"]\n", "ignor", "ignore"),
    ("[tool.jianghua.check]\nselcet = [\"JH6\"]\n", "check.selcet", "check.select"),
    ("[tool.jianghua]\nper_file_ignore = {}\n", "per-file-ignore", "per-file-ignores"),
])
def test_unknown_key_names_the_closest(tmp_path, capsys, toml, key, close) -> None:
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    code, out, err = run(capsys, write(tmp_path, "a.txt", WEB))
    assert code == 2 and out == ""
    assert f"未知的设置 {key}；是不是 {close}？" in err and f"did you mean {close}?" in err


def test_exclude_and_per_file_ignores(tmp_path, capsys) -> None:
    (tmp_path / "jianghua.toml").write_text(
        'extend-exclude = ["旧稿/**"]\n[per-file-ignores]\n"附件/*.txt" = ["JH601"]\n',
        encoding="utf-8")
    write(tmp_path, "旧稿/old.txt", WEB)
    write(tmp_path, "附件/x.txt", WEB)
    write(tmp_path, "a.txt", WEB)
    _, out, _ = run(capsys, tmp_path, "--format", "json")
    found = json.loads(out)
    names = {Path(d["path"]).name for d in found}
    assert names == {"a.txt", "x.txt"}
    assert {d["code"] for d in found if d["path"].endswith("x.txt")} == {"JH604"}
    _, out, _ = run(capsys, tmp_path, "--format", "json", "--exclude", "附件")
    assert {Path(d["path"]).name for d in json.loads(out)} == {"a.txt"}
    # pre-commit names the files: --force-exclude applies exclude to them too.
    code, out, err = run(capsys, tmp_path / "旧稿" / "old.txt", "--force-exclude")
    assert code == 2 and "exclude" in err


def test_show_settings(tmp_path, capsys) -> None:
    (tmp_path / "jianghua.toml").write_text('profile = "published"\nignore = ["JH6"]\n',
                                            encoding="utf-8")
    code, out, _ = run(capsys, write(tmp_path, "a.txt", WEB), "--show-settings",
                       "--ignore", "JH5")
    assert code == 0
    data = json.loads(out)
    assert data["config"].endswith("jianghua.toml") and data["profile"] == "published"
    assert data["effective"]["ignore"] == ["JH6", "JH5"]
    assert "JH601" not in data["effective"]["rules"] and "JH101" in data["effective"]["rules"]
    _, out, _ = run(capsys, tmp_path / "a.txt", "--show-settings", "--isolated")
    assert json.loads(out)["config"] is None


def test_exit_zero_and_exit_non_zero_on_fix(tmp_path, capsys) -> None:
    path = write(tmp_path, "a.txt", WEB)
    assert run(capsys, path, "--isolated", "--exit-zero")[0] == 0
    assert run(capsys, path, "--isolated", "--fix", "--exit-non-zero-on-fix")[0] == 1
    assert run(capsys, path, "--isolated", "--fix", "--exit-non-zero-on-fix")[0] == 0
    assert run(capsys, tmp_path / "nope.txt", "--exit-zero")[0] == 2


def test_pre_commit_hook_runs_check() -> None:
    # One flat hook: read without a YAML library (not a dependency of the tests).
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hook = dict(re.findall(r"^(?:- |  )(\w+): (.*)$", text, re.MULTILINE))
    assert hook["id"] == "jianghua-check" and hook["language"] == "python"
    assert hook["entry"].startswith("jianghua check")
    assert re.search(hook["files"], "材料/讲话.docx") and not re.search(hook["files"], "x.py")
    assert re.search(hook["exclude"], "docs/README.md")


# --- Python API --------------------------------------------------------------------------

def test_check_takes_a_speech_a_text_or_a_path(tmp_path) -> None:
    path = write(tmp_path, "a.txt", WEB)
    codes = [d.code for d in jianghua.check(jianghua.parse(WEB))]
    assert [d.code for d in jianghua.check(WEB)] == codes
    assert [d.code for d in jianghua.check(path)] == codes
    assert [d.code for d in jianghua.check(str(path))] == codes
    with pytest.raises(TypeError, match="decode"):
        jianghua.check(WEB.encode())
    with pytest.raises(TypeError, match="got int"):
        jianghua.check(3)
    with pytest.raises(jianghua.InputError, match="file not found"):
        jianghua.check(str(tmp_path / "nope.txt"))


def test_parse_bytes_explains() -> None:
    with pytest.raises(TypeError, match=r"not bytes.*decode\('utf-8'\).*parse_file"):
        jianghua.parse(WEB.encode())


def test_fix_returns_the_fixed_text_the_fixes_and_what_is_left() -> None:
    result = jianghua.fix(WEB, select=["JH6"])
    assert result.text == FIXED
    assert sorted(d.code for d in result.applied) == ["JH601"] * 6 + ["JH604"]
    assert result.remaining == []
    assert jianghua.fix(jianghua.parse(WEB), select=["JH601"]).text == WEB.replace(",", "，")


def test_load_speech_needs_no_path() -> None:
    speech = jianghua.parse(WEB)
    assert jianghua.load_speech(jianghua.speech_to_json(speech)) == speech
    with pytest.raises(jianghua.DocumentError, match=r"^<json>"):
        jianghua.load_speech("{")


# --- getting started ---------------------------------------------------------------------

def test_mistyped_command_suggests_the_right_one(capsys) -> None:
    assert cli_main(["chek", "a.txt"]) == 2
    err = capsys.readouterr().err
    assert "没有子命令 chek；是不是 check？" in err and "did you mean check?" in err


def test_top_level_help_shows_check(capsys) -> None:
    assert cli_main(["--help"]) == 0
    assert "jianghua check" in capsys.readouterr().out


def test_readme_starts_with_two_commands_that_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert readme.startswith("```sh\n") and len(block) == 2
    assert all(line.startswith("python3 -m venv .venv && . .venv/bin/activate && ")
               for line in block)
    assert block[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "--statistics" in readme and "check --fix -" in readme


def test_checks_doc_cites_only_what_ships() -> None:
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert "CONVENTIONS" not in text and not re.search(r"\bissue \d", text)
    for target in re.findall(r"\]\(([^)#]+)", text):
        if not target.startswith("http"):
            assert (ROOT / "docs" / target).exists(), target
