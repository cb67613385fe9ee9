"""Every write can be trusted (issue: a checker and a converter you can trust).

An output that is an input is refused; ``-o`` with ``--fix`` is the fixed copy for
every format; every write is atomic and respects links, modes and read-only files; a
bad file in a folder gets its own one-line error and the others are still checked.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest
from test_command import CLEAN, MESSY, run, write

from jianghua.cli import main as cli_main
from jianghua.cli.atomic import atomic_write
from jianghua.errors import InputError


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


# --- an output that is an input ------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["parse", "{a}", "-o", "{a}"],
    ["parse", "{a}", "{b}", "-o", "{b}"],
    ["outline", "{a}", "-o", "{a}"],
    ["outline", "{a}", "-o", "{link}"],
    ["check", "{a}", "-o", "{a}"],
    ["check", "{a}", "--fix", "-o", "{a}"],
    ["check", "{a}", "--fix", "-o", "{link}"],
    ["check", "{a}", "--diff", "-o", "{a}"],
    ["check", "{folder}", "-o", "{b}"],
])
def test_an_output_that_is_an_input_is_refused(tmp_path, capsys, argv) -> None:
    folder = tmp_path / "in"
    a = write(folder, "a.txt", MESSY)
    b = write(folder, "b.txt", CLEAN)
    (tmp_path / "link.txt").symlink_to(a)
    names = {"a": a, "b": b, "link": tmp_path / "link.txt", "folder": folder}
    before = {p: p.read_bytes() for p in (a, b)}
    code = cli_main([arg.format(**names) for arg in argv])
    err = capsys.readouterr().err
    assert code == 2
    assert "输出文件就是输入文件" in err and "nothing written" in err
    assert {p: p.read_bytes() for p in (a, b)} == before
    assert files_in(folder) == {"a.txt", "b.txt"}


def test_render_output_that_is_its_input_is_refused(tmp_path, capsys) -> None:
    a = write(tmp_path, "a.txt", CLEAN)
    assert cli_main(["parse", str(a), "-o", str(tmp_path / "a.json")]) == 0
    data = (tmp_path / "a.json").read_bytes()
    code = cli_main(["render", str(tmp_path / "a.json"), "-o", str(tmp_path / "a.json")])
    assert code == 2 and (tmp_path / "a.json").read_bytes() == data
    capsys.readouterr()


def test_parse_to_a_folder_never_writes_over_an_input(tmp_path, capsys) -> None:
    # parse DIR/ -o DIR/ writes x.json beside x.txt; a .json input of the same stem
    # named explicitly would be replaced by its own conversion.
    a = write(tmp_path, "a.txt", CLEAN)
    assert cli_main(["parse", str(a), "-o", str(tmp_path) + "/"]) == 0
    assert (tmp_path / "a.json").exists()
    capsys.readouterr()


# --- -o with --fix: the fixed copy ---------------------------------------------------

def test_fix_with_output_writes_a_fixed_copy_and_leaves_the_input(tmp_path, capsys) -> None:
    path = write(tmp_path, "t.txt", MESSY, encoding="gbk")
    copy = tmp_path / "t-fixed.txt"
    code, out, err = run(capsys, path, "--isolated", "--fix", "-o", copy)
    assert path.read_bytes() == MESSY.encode("gbk")  # untouched
    fixed = copy.read_bytes().decode("gbk")  # in the input's own encoding
    assert "今天，我们召开全市干部作风建设大会。" in fixed
    assert code == 0 and "已修复 2 处" in err
    assert "(no problems found)" in out  # the report, on stdout


def test_fix_with_output_and_nothing_to_fix_copies_the_input(tmp_path, capsys) -> None:
    path = write(tmp_path, "t.txt", CLEAN, bom=True, newline="\r\n")
    copy = tmp_path / "copy.txt"
    assert run(capsys, path, "--isolated", "--fix", "-o", copy)[0] == 0
    assert copy.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("argv", [
    ["{a}", "{b}", "--fix", "-o", "{out}"],       # one copy for two inputs
    ["{a}", "--fix", "-o", "{outdocx}"],          # a text fixed into a .docx name
    ["{a}", "--fix", "--in-place", "-o", "{out}"],
])
def test_fix_output_problems_are_said_before_writing(tmp_path, capsys, argv) -> None:
    a, b = write(tmp_path, "a.txt", MESSY), write(tmp_path, "b.txt", MESSY)
    names = {"a": a, "b": b, "out": tmp_path / "o.txt", "outdocx": tmp_path / "o.docx"}
    code, _, err = run(capsys, *[arg.format(**names) for arg in argv])
    assert code == 2 and err.count("\n") == 1
    assert a.read_text(encoding="utf-8") == MESSY == b.read_text(encoding="utf-8")
    assert files_in(tmp_path) == {"a.txt", "b.txt"}


def test_fix_help_says_what_happens_to_a_docx(capsys) -> None:
    assert cli_main(["check", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "a .docx is never rewritten unless" in out and "-o is the fixed copy" in out


# --- atomic, respectful writes -------------------------------------------------------

def test_fix_through_a_symlink_fixes_its_target(tmp_path, capsys) -> None:
    target = write(tmp_path, "real.txt", MESSY)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert run(capsys, link, "--isolated", "--fix")[0] == 0
    assert link.is_symlink()
    assert "今天，我们" in target.read_text(encoding="utf-8")


def test_fix_keeps_the_mode_and_leaves_no_temporary_file(tmp_path, capsys) -> None:
    path = write(tmp_path, "t.txt", MESSY)
    path.chmod(0o640)
    assert run(capsys, path, "--isolated", "--fix")[0] == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert files_in(tmp_path) == {"t.txt"}


def test_a_read_only_file_is_refused_not_replaced(tmp_path, capsys) -> None:
    path = write(tmp_path, "t.txt", MESSY)
    path.chmod(0o444)
    try:
        code, _, err = run(capsys, path, "--isolated", "--fix")
        assert code == 2 and "只读" in err and "read-only" in err
        assert path.read_text(encoding="utf-8") == MESSY
        assert files_in(tmp_path) == {"t.txt"}
    finally:
        path.chmod(0o644)


def test_a_full_disk_leaves_the_target_and_no_temporary_file(tmp_path, monkeypatch) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(InputError) as caught:
        atomic_write(str(target), b"new")
    assert "cannot write the output" in caught.value.message
    assert target.read_bytes() == b"old"
    assert files_in(tmp_path) == {"out.json"}


def test_check_report_is_written_atomically(tmp_path, capsys) -> None:
    path = write(tmp_path, "t.txt", MESSY)
    report = tmp_path / "report.json"
    report.write_text("old", encoding="utf-8")
    report.chmod(0o600)
    code, _, _ = run(capsys, path, "--isolated", "--format", "json", "-o", report)
    assert code == 1 and json.loads(report.read_text(encoding="utf-8"))
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert files_in(tmp_path) == {"t.txt", "report.json"}


# --- one bad file does not stop the others -------------------------------------------

def test_a_symlink_loop_in_a_folder_is_one_clean_error(tmp_path, capsys) -> None:
    write(tmp_path, "a.txt", MESSY)
    write(tmp_path, "c.txt", MESSY)
    (tmp_path / "b.txt").symlink_to(tmp_path / "b.txt")
    code, _, err = run(capsys, tmp_path, "--isolated", "--fix")
    assert code == 2
    assert "Traceback" not in err and "RuntimeError" not in err
    assert [line for line in err.splitlines() if "b.txt" in line]
    for name in ("a.txt", "c.txt"):
        assert "今天，我们" in (tmp_path / name).read_text(encoding="utf-8")


def test_a_symlink_loop_without_isolated_reads_the_config_of_its_folder(tmp_path,
                                                                       capsys) -> None:
    (tmp_path / "b.txt").symlink_to(tmp_path / "b.txt")
    write(tmp_path, "a.txt", CLEAN)
    code, _, err = run(capsys, tmp_path)
    assert code == 2 and "RuntimeError" not in err and "内部错误" not in err


def test_a_renamed_docm_is_named_not_a_stream_address(tmp_path, capsys) -> None:
    import io
    import zipfile

    import docx

    document = docx.Document()
    document.add_paragraph("同志们：")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"officedocument.wordprocessingml.document.main+xml",
                    b"ms-word.document.macroEnabled.main+xml")
            target.writestr(info, data)
    path = tmp_path / "renamed.docx"
    path.write_bytes(out.getvalue())
    code, _, err = run(capsys, path, "--isolated")
    assert code == 2 and "BytesIO" not in err and "0x" not in err
    assert "(.docm)" in err
