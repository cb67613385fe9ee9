"""``jianghua.batch.parse_many``: order, failures, a bounded window, crashes, Ctrl-C."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from jianghua import batch
from jianghua.batch import BatchResult, convert, convert_to_json, parse_many
from jianghua.render.json import load_speech

SPEECH = (
    "同志们：\n"
    "下面，我讲两点意见。\n"
    "一、统一思想\n"
    "（一）认清形势\n"
    "要把思想统一到决策部署上来。\n"
    "二、压实责任\n"
    "我就讲到这里。\n"
)


def write_corpus(folder: Path, count: int) -> list[Path]:
    """``count`` speeches of different lengths, so that workers finish out of order."""
    paths = []
    for n in range(count):
        path = folder / f"s{n:02d}.txt"
        path.write_text(SPEECH * (1 + (count - n) * 3), encoding="utf-8")
        paths.append(path)
    return paths


def test_order_is_kept_with_two_workers(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path, 12)
    results = list(parse_many(paths, workers=2))
    assert [r.path for r in results] == [str(p) for p in paths]
    for path, result in zip(paths, results, strict=True):
        assert result.ok and result.speech is not None
        assert result.speech.source.path == str(path)
        assert result.speech.length == len(path.read_text(encoding="utf-8"))
        assert result.headings == 3 * (result.speech.length // len(SPEECH))
        assert result.input_bytes == path.stat().st_size and result.seconds > 0


def test_a_bad_file_is_a_result_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = write_corpus(tmp_path, 3)
    binary = tmp_path / "bad.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    paths = [good[0], binary, tmp_path / "missing.txt", good[1], good[2]]
    results = list(parse_many(paths, workers=2))
    assert [r.ok for r in results] == [True, False, False, True, True]
    assert "二进制" in (results[1].error or "") and str(binary) in (results[1].error or "")
    assert "文件不存在" in (results[2].error or "")
    assert results[1].speech is None and results[1].speech_json is None


def test_one_worker_runs_here_without_a_pool(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path, 3)
    results = parse_many(paths, workers=1)
    assert next(results).ok
    assert multiprocessing.active_children() == []
    assert len(list(results)) == 2


def _counting(paths: list[str], pulled: list[int]) -> Iterator[str]:
    for path in paths:
        pulled[0] += 1
        yield path


@pytest.mark.parametrize(("workers", "window"), [(1, 1), (2, 8), (2, 3)])
def test_paths_are_consumed_lazily_within_the_window(tmp_path: Path, workers: int,
                                                     window: int) -> None:
    tiny = tmp_path / "tiny.txt"
    tiny.write_text("同志们：\n", encoding="utf-8")
    pulled = [0]
    results = parse_many(_counting([str(tiny)] * 1000, pulled), workers=workers,
                         max_in_flight=window if workers > 1 else None)
    assert pulled[0] == 0  # nothing is read before the first result is asked for
    consumed = 0
    for result in results:
        consumed += 1
        assert result.ok
        # Never more than the window submitted and not yet handed out.
        assert pulled[0] - consumed <= window - 1 if workers > 1 else pulled[0] == consumed
    assert consumed == pulled[0] == 1000


def _dies_on_boom(path: str) -> BatchResult:
    # Top-level, so a worker can unpickle it; os._exit is what an OOM kill looks like.
    if path.endswith("boom"):
        os._exit(3)
    return BatchResult(path=path, speech_json="{}")


@pytest.mark.parametrize("chunk", [1, 3, 16])
def test_a_worker_that_dies_costs_only_its_file(chunk: int) -> None:
    paths = [f"f{n}" for n in range(10)]
    paths[4] = "boom"
    pool = batch._OrderedPool(_dies_on_boom, workers=2, window=4, chunk=chunk)
    results = list(pool.run(paths))
    assert [r.path for r in results] == paths
    assert [r.ok for r in results] == [n != 4 for n in range(10)]
    assert "worker process died" in (results[4].error or "")
    assert multiprocessing.active_children() == []


def _interrupted_after(paths: list[Path], count: int) -> Iterator[Path]:
    yield from paths[:count]
    raise KeyboardInterrupt  # as if Ctrl-C came while the parent was busy


def test_an_interrupt_shuts_the_pool_down(tmp_path: Path) -> None:
    results = parse_many(_interrupted_after(write_corpus(tmp_path, 8), 3), workers=2)
    assert multiprocessing.active_children()  # started at once
    with pytest.raises(KeyboardInterrupt):
        list(results)
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("read", [0, 1])
def test_closing_early_shuts_the_pool_down(tmp_path: Path, read: int) -> None:
    with parse_many(write_corpus(tmp_path, 8), workers=2) as results:
        for _ in range(read):
            assert next(results).ok
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_on_the_command_line_is_clean(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(100):
        (corpus / f"{n:02d}.txt").write_text(SPEECH * 400, encoding="utf-8")
    out = tmp_path / "all.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "jianghua", "parse", str(corpus), "-j", "2", "-o", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(2.0)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: the whole process group
    _, err = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the batch finished before the interrupt")
    assert process.returncode == 130, err.decode()
    assert b"Traceback" not in err
    assert sorted(os.listdir(tmp_path)) == ["corpus"]  # no all.jsonl, no temporary file


def test_stdin_is_read_in_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SPEECH.encode()),
                                                       encoding="utf-8"))
    paths = [*map(str, write_corpus(tmp_path, 2)), "-"]
    results = list(parse_many(paths, workers=2))
    assert results[2].path == "-" and results[2].speech is not None
    assert results[2].speech.length == len(SPEECH)


def test_convert_to_json_is_one_json_lines_record(tmp_path: Path) -> None:
    (path,) = write_corpus(tmp_path, 1)
    record = json.loads(convert_to_json(str(path)))
    assert record["path"] == str(path)
    speech = load_speech(json.dumps(record["speech"]), path="-")
    assert speech.length == len(path.read_text(encoding="utf-8"))
    missing = json.loads(convert_to_json(str(tmp_path / "none.txt")))
    assert set(missing) == {"path", "error"} and "file not found" in missing["error"]
    assert convert(path, indent=2).speech_json.startswith("{\n  ")  # type: ignore[union-attr]


def test_internal_errors_are_results_unless_debugging(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def bug(path, encoding=None, *, warn=None):
        raise ZeroDivisionError("boom")

    (path,) = write_corpus(tmp_path, 1)
    monkeypatch.setattr(batch, "read_input", bug)
    monkeypatch.delenv("JIANGHUA_DEBUG", raising=False)
    assert "internal error: ZeroDivisionError: boom" in (convert(path).error or "")
    monkeypatch.setenv("JIANGHUA_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        convert(path)


def test_workers_must_be_positive() -> None:
    with pytest.raises(ValueError):
        parse_many(["a.txt"], workers=-1)


def test_the_readme_dask_recipe(tmp_path: Path) -> None:
    """The README's recipe for a corpus too large for one machine, run locally (dask's
    bag is in the test extra, so this runs in CI rather than skipping: a user who
    outgrows one machine must be able to trust it)."""
    import dask.bag as db
    paths = [str(p) for p in write_corpus(tmp_path, 6)]
    (db.from_sequence(paths, npartitions=3)
       .map(convert_to_json)
       .to_textfiles(str(tmp_path / "out" / "part-*.jsonl")))
    parts = sorted((tmp_path / "out").glob("part-*.jsonl"))
    assert len(parts) == 3
    records = [json.loads(line) for part in parts
               for line in part.read_text(encoding="utf-8").splitlines()]
    assert [r["path"] for r in records] == paths
    assert all("speech" in r for r in records)
