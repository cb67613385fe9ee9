"""The command line, through ``main(argv) -> int``: outputs, exit codes, one-line errors."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jianghua import batch
from jianghua.cli import main
from jianghua.cli import parse as parse_command
from jianghua.read import inputs
from jianghua.render.json import load_speech

SPEECH = (
    "同志们：\n"
    "今天召开会议，部署春耕工作。下面，我讲两点意见。\n"
    "一、提高认识\n"
    "春耕是一年之始。\n"
    "二、落实责任\n"
    "一是压实县级责任。各部门要各司其职。\n"
    "二是压实乡镇责任。\n"
    "我就讲到这里，谢谢大家！\n"
)
OUTLINE = (
    "[称谓] 同志们：\n"
    "[过渡] 下面，我讲两点意见。\n"
    "一、 提高认识\n"
    "二、 落实责任\n"
    "  一是 压实县级责任。\n"
    "  二是 压实乡镇责任。\n"
    "[结束语] 我就讲到这里，谢谢大家！\n"
)


@pytest.fixture
def speech_file(tmp_path: Path) -> Path:
    path = tmp_path / "讲话.txt"
    path.write_bytes(SPEECH.encode("utf-8"))
    return path


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def one_line_error(err: str) -> str:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "错误" in lines[0] and "error" in lines[0]
    return lines[0]


# --- parse -----------------------------------------------------------------------------


def test_parse_one_file_prints_json(speech_file: Path, capsysbinary) -> None:
    assert main(["parse", str(speech_file)]) == 0
    out = capsysbinary.readouterr().out
    assert out.endswith(b"}\n") and "同志们".encode() in out  # UTF-8, not \\u escapes
    speech = load_speech(out, path="-")
    assert speech.source.path == str(speech_file)
    assert speech.length == len(SPEECH)


def test_parse_stdin(monkeypatch: pytest.MonkeyPatch, capsysbinary) -> None:
    feed_stdin(monkeypatch, SPEECH.encode("gb18030"))
    assert main(["parse", "-"]) == 0
    speech = load_speech(capsysbinary.readouterr().out, path="-")
    assert speech.source.path is None and speech.source.encoding == "gb18030"


def test_parse_output_file(speech_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert main(["parse", str(speech_file), "-o", str(target)]) == 0
    assert load_speech(target.read_bytes(), path=str(target)).length == len(SPEECH)


def test_batch_jsonl_goes_on_after_a_bad_file(tmp_path: Path, speech_file: Path,
                                              capsys) -> None:
    other = tmp_path / "b.md"
    other.write_text("同志们：\n", encoding="utf-8")
    binary = tmp_path / "c.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code = main(["parse", str(speech_file), str(binary), str(tmp_path / "missing.txt"),
                 str(other)])
    assert code == 1
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert [Path(r["path"]).name for r in records] == ["讲话.txt", "c.txt", "missing.txt",
                                                      "b.md"]
    assert "speech" in records[0] and "speech" in records[3]
    assert "二进制" in records[1]["error"] and "文件不存在" in records[2]["error"]
    assert "Traceback" not in captured.err
    assert "2 of 4 inputs failed" in captured.err


def test_batch_as_one_json_array(tmp_path: Path, speech_file: Path, capsys) -> None:
    assert main(["parse", "--format", "json", str(speech_file), str(speech_file)]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 1  # the same file twice is read once
    assert records[0]["speech"]["length"] == len(SPEECH)


def test_single_file_as_jsonl(speech_file: Path, capsys) -> None:
    assert main(["parse", "--format", "jsonl", str(speech_file)]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["path"] == str(speech_file)


def test_parse_directory_to_output_directory_mirrors_the_tree(tmp_path: Path) -> None:
    source = tmp_path / "in"
    (source / "sub").mkdir(parents=True)
    (source / "a.txt").write_text(SPEECH, encoding="utf-8")
    (source / "sub" / "b.md").write_text("同志们：\n", encoding="utf-8")
    (source / "notes.csv").write_text("x", encoding="utf-8")
    (source / "~$lock.docx").write_bytes(b"junk")
    out = tmp_path / "out"
    assert main(["parse", str(source), "-o", f"{out}/"]) == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert written == ["a.json", "sub/b.json"]
    assert load_speech((out / "a.json").read_bytes(), path="a").length == len(SPEECH)


def test_output_directory_with_a_failing_file(tmp_path: Path, speech_file: Path,
                                              capsys) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert main(["parse", str(speech_file), str(tmp_path / "nope.txt"), "-o", str(out)]) == 1
    assert [p.name for p in out.iterdir()] == ["讲话.json"]
    assert capsys.readouterr().out == ""


def test_output_directory_name_collision(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_text(SPEECH, encoding="utf-8")
    (tmp_path / "a.md").write_text("同志们：\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["parse", str(tmp_path / "a.txt"), str(tmp_path / "a.md"), "-o", f"{out}/"]) == 1
    assert "a.json" in capsys.readouterr().err
    assert load_speech((out / "a.json").read_bytes(), path="a").length == len(SPEECH)


def test_output_directory_refuses_jsonl(speech_file: Path, tmp_path: Path, capsys) -> None:
    assert main(["parse", str(speech_file), "-o", str(tmp_path), "--format", "jsonl"]) == 2
    assert "jsonl" in capsys.readouterr().err


def test_glob_expanded_when_the_shell_did_not(tmp_path: Path, capsys) -> None:
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(SPEECH, encoding="utf-8")
    assert main(["parse", str(tmp_path / "x*.txt")]) == 0
    paths = [json.loads(line)["path"] for line in capsys.readouterr().out.splitlines()]
    assert [Path(p).name for p in paths] == ["x1.txt", "x2.txt"]
    # a pattern matching nothing, beside files that exist: a failed record in the batch
    assert main(["parse", str(tmp_path / "x1.txt"), str(tmp_path / "z*.txt")]) == 1
    assert "没有与该模式匹配的文件" in capsys.readouterr().out
    # ... and alone: nothing to do at all, an input error
    assert main(["parse", str(tmp_path / "z*.txt")]) == 2
    assert "没有与该模式匹配的文件" in one_line_error(capsys.readouterr().err)


@pytest.mark.parametrize("command", ["parse", "outline", "tree"])
def test_empty_directory_is_an_input_error(tmp_path: Path, capsys, command: str) -> None:
    assert main([command, str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "no .txt, .md, .docx files" in one_line_error(captured.err)
    assert captured.out == ""


# --- batches: many files, -j, progress and summary -------------------------------------


def corpus(root: Path, count: int = 6) -> Path:
    """A folder tree of speeches of different lengths (so workers finish out of order)."""
    (root / "sub" / "deeper").mkdir(parents=True)
    for n in range(count):
        folder = [root, root / "sub", root / "sub" / "deeper"][n % 3]
        (folder / f"{n}.txt").write_text(SPEECH * (count - n), encoding="utf-8")
    return root


def test_batch_jsonl_streams_in_input_order(tmp_path: Path, capsys) -> None:
    source = corpus(tmp_path / "in")
    assert main(["parse", str(source), "-j", "2", "--format", "jsonl"]) == 0
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    expected = sorted(str(p) for p in source.rglob("*.txt"))
    # os.walk order: a folder's files, then its subfolders, each sorted
    assert sorted(r["path"] for r in records) == expected
    assert [r["path"] for r in records] == [str(p) for p in _walk_order(source)]
    for record in records:
        speech = load_speech(json.dumps(record["speech"]), path=record["path"])
        assert speech.source.path == record["path"]


def _walk_order(root: Path) -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        found += [Path(folder) / name for name in sorted(files)]
    return found


def test_batch_to_jsonl_file_with_a_bad_file(tmp_path: Path, capsys) -> None:
    source = corpus(tmp_path / "in")
    (source / "sub" / "bad.txt").write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "all.jsonl"
    assert main(["parse", str(source), "-j", "2", "-o", str(out)]) == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 7
    (bad,) = [r for r in records if "error" in r]
    assert bad["path"].endswith("bad.txt") and "二进制" in bad["error"]
    assert sum("speech" in r for r in records) == 6
    err = capsys.readouterr().err
    assert "bad.txt" in err and "1 of 7 inputs failed" in err
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp


def test_batch_output_folder_mirrors_the_input_tree(tmp_path: Path, capsys) -> None:
    source = corpus(tmp_path / "in")
    out = tmp_path / "out"
    assert main(["parse", str(source), "-j", "2", "-o", f"{out}/"]) == 0
    mirrored = sorted(p.relative_to(out).with_suffix(".txt") for p in out.rglob("*.json"))
    assert mirrored == sorted(p.relative_to(source) for p in source.rglob("*.txt"))
    one = out / "sub" / "1.json"  # in/sub/1.txt
    assert load_speech(one.read_bytes(), path=str(one)).length == len(SPEECH) * 5
    assert one.read_text(encoding="utf-8").startswith("{\n  ")  # indented, like one file
    assert capsys.readouterr().out == ""


def test_summary_on_stderr_and_quiet(tmp_path: Path, capsys) -> None:
    source = corpus(tmp_path / "in")
    assert main(["parse", str(source), "-o", str(tmp_path / "a.jsonl")]) == 0
    err = capsys.readouterr().err
    # Not a terminal (captured, piped): no bar, no escape codes, one plain summary line.
    assert "\x1b" not in err and "━" not in err
    (line,) = err.splitlines()
    assert "6 个文件 files, 6 篇讲话 speeches, 84 个标题 headings, 0 个失败 failures" in line
    assert main(["parse", "-q", str(source), "-o", str(tmp_path / "b.jsonl")]) == 0
    assert capsys.readouterr().err == ""
    assert main(["parse", "--quiet", str(source), str(tmp_path / "no.txt"),
                 "-o", str(tmp_path / "c.jsonl")]) == 1
    assert "no.txt" in one_line_error(capsys.readouterr().err)  # errors still said


def test_progress_and_table_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys) -> None:
    from jianghua.cli import report

    monkeypatch.setattr(report, "stderr_is_tty", lambda: True)
    source = corpus(tmp_path / "in")
    assert main(["parse", str(source), "-j", "2", "-o", str(tmp_path / "a.jsonl")]) == 0
    err = capsys.readouterr().err
    for row in ("文件 files", "讲话 speeches", "标题 headings", "失败 failures", "用时 time"):
        assert row in err
    assert main(["parse", "-q", str(source), "-o", str(tmp_path / "b.jsonl")]) == 0
    assert capsys.readouterr().err == ""


def test_batch_to_an_unwritable_file(tmp_path: Path, capsys) -> None:
    import multiprocessing

    source = corpus(tmp_path / "in")
    assert main(["parse", str(source), "-j", "2", "-o", str(tmp_path / "no" / "x.jsonl")]) == 2
    assert "所在目录不存在" in one_line_error(capsys.readouterr().err)
    assert multiprocessing.active_children() == []  # the pool did not outlive the error


def test_one_file_to_a_folder_is_not_summarised(speech_file: Path, tmp_path: Path,
                                                capsys) -> None:
    assert main(["parse", str(speech_file), "-o", f"{tmp_path / 'out'}/"]) == 0
    assert (tmp_path / "out" / "讲话.json").is_file()
    assert capsys.readouterr().err == ""


def test_jobs_must_be_a_positive_number(speech_file: Path, capsys) -> None:
    assert main(["parse", "-j", "0", str(speech_file)]) == 2
    assert main(["parse", "--jobs", "many", str(speech_file)]) == 2
    assert "positive integer" in capsys.readouterr().err


def test_outline_of_several_files_has_headers(tmp_path: Path, speech_file: Path,
                                              capsysbinary) -> None:
    other = tmp_path / "b.txt"
    other.write_text("同志们：\n", encoding="utf-8")
    assert main(["outline", str(speech_file), str(other)]) == 0
    expected = f"==> {speech_file} <==\n{OUTLINE}\n==> {other} <==\n[称谓] 同志们：\n"
    assert capsysbinary.readouterr().out == expected.encode("utf-8")


def test_outline_of_a_folder_goes_on_after_a_bad_file(tmp_path: Path, capsys) -> None:
    source = corpus(tmp_path / "in")
    (source / "a-bad.txt").write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "all.outline"
    assert main(["outline", str(source), "-o", str(out)]) == 1
    text = out.read_text(encoding="utf-8")
    assert text.count("==> ") == 6 and "a-bad.txt" not in text
    assert "a-bad.txt" in one_line_error(capsys.readouterr().err)


def test_tree_of_several_files(tmp_path: Path, speech_file: Path, capsys) -> None:
    other = tmp_path / "b.txt"
    other.write_text("同志们：\n一、统一思想\n", encoding="utf-8")
    assert main(["tree", "--width", "200", str(speech_file), str(other),
                 str(tmp_path / "gone.txt")]) == 1
    captured = capsys.readouterr()
    assert captured.out.count("├── 一、 提高认识") == 1
    assert "└── 一、 统一思想" in captured.out
    assert str(speech_file) in captured.out and str(other) in captured.out
    assert "gone.txt" in one_line_error(captured.err)


# --- round trips -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        SPEECH,
        SPEECH.replace("\n", "\r\n"),
        SPEECH.replace("\n", "\r"),
        "同志们：  \n　　今天开会。\u00a0\n\n一、提高认识\t \n谢谢大家！",  # trailing spaces, no EOL
        "",
    ],
    ids=["lf", "crlf", "cr", "whitespace", "empty"],
)
def test_parse_then_render_is_exact(tmp_path: Path, text: str, capsysbinary) -> None:
    source = tmp_path / "s.txt"
    source.write_bytes(text.encode("utf-8"))
    assert main(["parse", str(source), "-o", str(tmp_path / "s.json")]) == 0
    assert main(["render", str(tmp_path / "s.json")]) == 0
    assert capsysbinary.readouterr().out == text.encode("utf-8")


@pytest.mark.parametrize(
    "raw",
    [b"\xef\xbb\xbf" + SPEECH.encode("utf-8"), SPEECH.replace("\n", "\r\n").encode("gbk"),
     b"\xff\xfe" + SPEECH.encode("utf-16-le")],
    ids=["utf8-bom", "gbk-crlf", "utf16-bom"],
)
def test_original_encoding_gives_back_the_bytes(tmp_path: Path, raw: bytes,
                                                capsysbinary) -> None:
    source = tmp_path / "s.txt"
    source.write_bytes(raw)
    assert main(["parse", str(source), "-o", str(tmp_path / "s.json")]) == 0
    assert main(["render", "--original-encoding", str(tmp_path / "s.json")]) == 0
    assert capsysbinary.readouterr().out == raw
    # without the flag: the same text as UTF-8, no BOM
    assert main(["render", str(tmp_path / "s.json"), "-o", str(tmp_path / "back.txt")]) == 0
    back = (tmp_path / "back.txt").read_bytes()
    assert not back.startswith(b"\xef\xbb\xbf")
    assert back.decode("utf-8").replace("\r\n", "\n") == SPEECH


def test_render_from_stdin(speech_file: Path, monkeypatch: pytest.MonkeyPatch,
                           capsysbinary) -> None:
    assert main(["parse", str(speech_file)]) == 0
    feed_stdin(monkeypatch, capsysbinary.readouterr().out)
    assert main(["render", "-"]) == 0
    assert capsysbinary.readouterr().out == SPEECH.encode("utf-8")


def test_render_refuses_an_unencodable_text(tmp_path: Path, speech_file: Path,
                                            capsys) -> None:
    assert main(["parse", str(speech_file), "-o", str(tmp_path / "s.json")]) == 0
    document = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    document["source"]["encoding"] = "ascii"
    (tmp_path / "s.json").write_text(json.dumps(document), encoding="utf-8")
    assert main(["render", "--original-encoding", str(tmp_path / "s.json")]) == 2
    assert "ascii" in one_line_error(capsys.readouterr().err)


# --- validate --------------------------------------------------------------------------


@pytest.fixture
def parsed(tmp_path: Path, speech_file: Path) -> tuple[Path, dict]:
    target = tmp_path / "s.json"
    assert main(["parse", str(speech_file), "-o", str(target)]) == 0
    return target, json.loads(target.read_text(encoding="utf-8"))


def test_validate_ok(parsed, capsys) -> None:
    path, _document = parsed
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: ok\n"


def _break(path: Path, document: dict, change) -> None:
    change(document)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["nodes"][4]["children"][0]["span"].update(end=1), "nodes[4].children[0]"),
        (lambda d: d.update(schema_version="9.9"), "schema_version '9.9'"),
        (lambda d: d["nodes"].pop(1), "nodes[1]"),
        (lambda d: d["nodes"][0].update(text="同志"), "nodes[0]"),
    ],
    ids=["span", "schema-version", "deleted-node", "text"],
)
def test_validate_names_what_is_broken(parsed, capsys, change, expected: str) -> None:
    path, document = parsed
    assert document["nodes"][4]["kind"] == "section"
    _break(path, document, change)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert expected in out and str(path) in out
    assert len(out.splitlines()) == 1 and "Traceback" not in out


def test_validate_several_and_jsonl(parsed, tmp_path: Path, speech_file: Path, capsys) -> None:
    good, _ = parsed
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    lines = tmp_path / "all.jsonl"
    assert main(["parse", str(speech_file), str(tmp_path / "gone.txt"), "-o", str(lines)]) == 1
    capsys.readouterr()
    assert main(["validate", str(good), str(bad), str(lines)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{good}: ok"
    assert "第 1 行第 2 列" in out[1]
    assert out[2] == f"{lines}:1: ok"
    assert out[3].startswith(f"{lines}:2:") and "gone.txt" in out[3]


def test_validate_missing_file_is_an_input_error(tmp_path: Path, capsys) -> None:
    assert main(["validate", str(tmp_path / "none.json")]) == 2
    assert "文件不存在" in one_line_error(capsys.readouterr().err)


# --- outline, tree, schema -------------------------------------------------------------


def test_outline(speech_file: Path, capsysbinary) -> None:
    assert main(["outline", str(speech_file)]) == 0
    assert capsysbinary.readouterr().out == OUTLINE.encode("utf-8")


def test_outline_of_json_and_to_file(parsed, tmp_path: Path) -> None:
    path, _ = parsed
    assert main(["outline", str(path), "-o", str(tmp_path / "s.outline")]) == 0
    assert (tmp_path / "s.outline").read_bytes() == OUTLINE.encode("utf-8")


def test_tree(speech_file: Path, capsys) -> None:
    assert main(["tree", str(speech_file), "--width", "60"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out  # not a terminal: plain text
    assert "├── 一、 提高认识  L3\n" in out
    assert "│   ├── 一是 压实县级责任。  L6\n" in out
    assert "¶" not in out
    assert main(["tree", "--body", str(speech_file)]) == 0
    assert "¶ 春耕是一年之始。  L4" in capsys.readouterr().out


def test_tree_colour_and_no_color(speech_file: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    assert main(["tree", str(speech_file)]) == 0
    assert "\x1b[" in capsys.readouterr().out
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["tree", str(speech_file)]) == 0
    assert "\x1b" not in capsys.readouterr().out


def test_schema(tmp_path: Path, capsys) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$id"] and "nodes" in schema["properties"]
    assert main(["schema", "-o", str(tmp_path / "s.json")]) == 0
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8")) == schema


# --- .docx -----------------------------------------------------------------------------


def _docx(path: Path) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in SPEECH.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


def test_docx_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary) -> None:
    path = _docx(tmp_path / "讲话.docx")
    assert main(["outline", str(path)]) == 0
    assert capsysbinary.readouterr().out == OUTLINE.encode("utf-8")
    feed_stdin(monkeypatch, path.read_bytes())
    assert main(["outline", "-"]) == 0
    assert capsysbinary.readouterr().out == OUTLINE.encode("utf-8")


def test_docx_without_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    path = tmp_path / "a.docx"
    path.write_bytes(b"PK\x03\x04")
    monkeypatch.setitem(sys.modules, "jianghua.docx.reader", None)  # import fails
    assert main(["parse", str(path)]) == 2
    assert ".docx" in one_line_error(capsys.readouterr().err)


# --- errors and the process --------------------------------------------------------------


@pytest.mark.parametrize("command", ["parse", "tree", "outline", "render"])
@pytest.mark.parametrize("what", ["missing", "directory", "binary"])
def test_unreadable_input_is_one_line_and_exit_2(tmp_path: Path, capsys, command: str,
                                                  what: str) -> None:
    if command != "render" and what == "directory":
        pytest.skip("a folder is a batch of the files in it (test_*_folder_*)")
    path = {"missing": tmp_path / "none.txt", "directory": tmp_path,
            "binary": tmp_path / "b.txt"}[what]
    (tmp_path / "b.txt").write_bytes(bytes(range(256)) * 4)
    assert main([command, str(path)]) == 2
    captured = capsys.readouterr()
    assert str(path) in one_line_error(captured.err)
    assert captured.out == ""


def test_bad_encoding_name(speech_file: Path, capsys) -> None:
    assert main(["parse", "--encoding", "klingon", str(speech_file)]) == 2
    assert "klingon" in one_line_error(capsys.readouterr().err)


def test_unwritable_output(speech_file: Path, tmp_path: Path, capsys) -> None:
    assert main(["parse", str(speech_file), "-o", str(tmp_path / "no" / "such" / "x.json")]) == 2
    assert "所在目录不存在" in one_line_error(capsys.readouterr().err)


def test_output_file_mode_follows_the_umask(speech_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    assert main(["parse", str(speech_file), "-o", str(target)]) == 0
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_usage_errors_exit_2(capsys) -> None:
    assert main([]) == 2
    assert main(["parse"]) == 2
    assert main(["frobnicate"]) == 2
    assert main(["parse", "--format", "xml", "x.txt"]) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("command", ["parse", "tree", "outline", "render", "validate",
                                     "schema"])
def test_help_has_examples(command: str, capsys) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "示例 (examples):" in out and f"jianghua {command}" in out


def test_version(capsys) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("jianghua ")


def test_interrupt_is_quiet(speech_file: Path, monkeypatch: pytest.MonkeyPatch,
                            capsys) -> None:
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(parse_command, "read_input", interrupted)  # one file
    monkeypatch.setattr(batch, "read_input", interrupted)  # a batch, in this process
    assert main(["parse", str(speech_file)]) == 130
    assert main(["parse", "-j1", str(speech_file), str(speech_file) + "x"]) == 130
    assert capsys.readouterr().err == ""


def test_broken_pipe_is_quiet(speech_file: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys) -> None:
    class Closed(io.BytesIO):
        def write(self, data) -> int:
            raise BrokenPipeError

    class Stdout(io.StringIO):
        buffer = Closed()

    monkeypatch.setattr(sys, "stdout", Stdout())
    assert main(["outline", str(speech_file)]) == 1
    assert main(["parse", str(speech_file), str(speech_file) + "x"]) == 1
    assert capsys.readouterr().err == ""


def test_internal_error_is_one_line(speech_file: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys) -> None:
    def bug(text, *, source=None):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(inputs, "parse", bug)
    monkeypatch.setattr(parse_command, "parse_data", bug)  # parse→JSON makes no model
    monkeypatch.setattr(batch, "parse_data", bug)
    monkeypatch.delenv("JIANGHUA_DEBUG", raising=False)
    assert main(["parse", str(speech_file)]) == 2
    err = capsys.readouterr().err
    assert "ZeroDivisionError: boom" in err and "Traceback" not in err
    assert len(err.splitlines()) == 1
    # in a batch the failed file is a record like any other
    assert main(["parse", "-j1", str(speech_file), str(speech_file) + "x"]) == 1
    assert "internal error" in capsys.readouterr().out
    monkeypatch.setenv("JIANGHUA_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["parse", str(speech_file)])


def test_python_dash_m(speech_file: Path) -> None:
    src = Path(__file__).resolve().parent.parent / "src"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), os.environ.get(
        "PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, "-m", "jianghua", "outline", str(speech_file)],
                            capture_output=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == OUTLINE.encode("utf-8")


# --- the shared seeds: outline byte for byte against the gold files --------------------


def _seeds() -> list[str]:
    # collected at import time, before fixtures: the same path as conftest.SHARED
    folder = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
    return sorted(p.stem for p in folder.glob("*.txt")) if folder.is_dir() else ["(absent)"]


@pytest.mark.parametrize("stem", _seeds())
def test_seed_outline_matches_gold(stem: str, shared_dir: Path, capsysbinary) -> None:
    gold = shared_dir / "gold" / "seeds" / f"{stem}.outline"
    if not gold.is_file():
        pytest.skip(f"no gold outline for {stem}")
    assert main(["outline", str(shared_dir / "seeds" / f"{stem}.txt")]) == 0
    assert capsysbinary.readouterr().out == gold.read_bytes()


@pytest.mark.parametrize("command", ["parse", "outline", "tree"])
def test_a_doc_gets_the_same_hint_from_every_command(tmp_path: Path, capsys,
                                                     command: str) -> None:
    path = tmp_path / "讲话.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4)
    assert main([command, str(path)]) == 2
    err = capsys.readouterr().err
    assert "另存为 .docx" in err and "save it as .docx" in err and "Traceback" not in err
