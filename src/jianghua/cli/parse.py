"""``jianghua parse``: speeches to JSON, one file or a whole corpus.

One input gives one JSON document. Several (or a folder, or a pattern) are a batch:
converted by ``jianghua.batch.parse_many`` on every core, in input order, streamed as
JSON Lines (``{"path": …, "speech": …}`` or ``{"path": …, "error": …}`` per line), as
one JSON array (``--format json``) or as one ``.json`` per input under ``-o DIR/``,
mirroring the folders they came from. A file that fails is reported and the batch goes
on; the exit code is 1 if any did.
"""

from __future__ import annotations

import argparse
import json
import os
import textwrap
from collections.abc import Iterable, Iterator

import orjson

from jianghua.api import parse, parse_data
from jianghua.batch import BatchResult, default_workers, parse_many
from jianghua.cli.atomic import refuse_inputs
from jianghua.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    add_encoding,
    add_output,
    is_output_dir,
    is_stdout,
    names_no_file,
    open_output,
    positive_int,
    subparser,
    write_output,
)
from jianghua.cli.report import Report, stdout_is_tty
from jianghua.errors import InputError
from jianghua.read.inputs import STDIN, InputItem, expand_inputs, read_input, stderr_line
from jianghua.render.json import data_to_json_bytes, speech_to_json

Results = Iterable[tuple[InputItem, BatchResult]]

EXAMPLES = """\
  jianghua parse 讲话.txt > 讲话.json
  jianghua parse 材料/ -o out/            # 每个文件一个 .json，保持目录结构 (one per file)
  jianghua parse 材料/ -o all.jsonl -j 8  # 8 个进程 (8 processes)
  jianghua parse a.txt b.docx > all.jsonl
  cat 讲话.txt | jianghua parse -"""




def add_parser(subparsers) -> None:
    p = subparser(subparsers, "parse", "把讲话稿解析为 JSON", "parse speeches into JSON",
                  EXAMPLES, run)
    p.add_argument("inputs", nargs="+", metavar="FILE",
                   help="文件、目录、通配符或 - (files, folders of .txt/.md/.docx, globs, - "
                        "for stdin)")
    add_output(p, "the JSON", "; a folder, existing or ending in /, gets one .json per "
                              "input, mirroring the input folders")
    p.add_argument("--format", choices=("json", "jsonl"),
                   help="输出格式，单个输入默认 json，多个默认 jsonl (default: json for one "
                        "input, jsonl for several)")
    p.add_argument("-j", "--jobs", type=positive_int, metavar="N",
                   help=f"并行进程数，默认为全部 CPU (worker processes; default: all "
                        f"{default_workers()} CPUs)")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="不显示进度和汇总 (no progress bar, no summary)")
    add_encoding(p)


def run(args: argparse.Namespace) -> int:
    items, batch = expand_inputs(args.inputs)
    if names_no_file(items):
        return EXIT_USAGE
    to_dir = is_output_dir(args.output)
    if not to_dir:  # `parse a.txt b.txt -o b.txt` replaced an input
        refuse_inputs(args.output, _paths(items), "jianghua parse")
    if to_dir and args.format == "jsonl":
        stderr_line("jianghua: 错误：-o 指向目录时每个输入写一个 .json 文件，"
                    "不能与 --format jsonl 同用 (error: -o DIR writes one .json per input; "
                    "it cannot be combined with --format jsonl)")
        return EXIT_USAGE
    fmt = args.format or ("jsonl" if batch else "json")
    if not batch and fmt == "json" and not to_dir:
        return _one(items[0], args)
    failed = _many(items, fmt, to_dir, args, quiet=args.quiet or not batch)
    if failed and not batch:
        return EXIT_USAGE  # one input: an input error, as for the other commands
    return EXIT_FAILED if failed else EXIT_OK


def _paths(items: list[InputItem]) -> list[str]:
    return [item.path for item in items if item.error is None]


def _one(item: InputItem, args: argparse.Namespace) -> int:
    if item.error is not None:
        raise item.error
    text, source = read_input(item.path, args.encoding)
    try:
        data = data_to_json_bytes(parse_data(text, source=source))
    except orjson.JSONEncodeError:  # a lone surrogate: pydantic's error, as before
        data = speech_to_json(parse(text, source=source)).encode("utf-8")
    write_output(data + b"\n", args.output)
    return EXIT_OK


# --- a batch -------------------------------------------------------------------------


def _size(item: InputItem) -> int:
    if item.error is not None or item.path == STDIN:
        return 0
    try:
        return os.stat(item.path).st_size
    except OSError:
        return 0


def _many(items: list[InputItem], fmt: str, to_dir: bool, args: argparse.Namespace, *,
          quiet: bool) -> int:
    """Convert and write a batch; returns how many inputs failed. ``quiet``: no progress
    bar and no summary (also for one file written the batch way, ``-o DIR/``)."""
    readable = [item.path for item in items if item.error is None]
    # Started before the report, whose progress bar runs a thread: a pool that forks
    # should copy a parent with no other thread running.
    converted = parse_many(readable, workers=args.jobs, encoding=args.encoding,
                           indent=2 if to_dir else None)
    # No bar over JSON streaming to the same terminal: the two would tear each other.
    progress = False if is_stdout(args.output) and stdout_is_tty() else None
    report = Report(len(items), sum(_size(item) for item in items), quiet=quiet,
                    progress=progress)
    with converted, report:
        results = _merge(items, converted, report)
        if to_dir:
            _to_dir(results, args.output, report)
        elif fmt == "jsonl":
            _to_jsonl(results, args.output)
        else:
            _to_array(results, args.output)
    report.summary()
    return report.tally.failures


def _merge(items: list[InputItem], converted: Iterator[BatchResult],
           report: Report) -> Iterator[tuple[InputItem, BatchResult]]:
    """Each item with its result: an argument that named no file fails in its place."""
    for item in items:
        if item.error is not None:
            result = BatchResult(path=item.path, error=item.error.message)
        else:
            result = next(converted)
        for line in (*result.warnings, *([result.error] if result.error else [])):
            report.message(line)
        report.done(nbytes=result.input_bytes, headings=result.headings, failed=not result.ok)
        yield item, result


def _to_jsonl(results: Results, output: str | None) -> None:
    # One line per file as soon as it is done, flushed on stdout so that `| head` and
    # long batches behave; a file output is renamed into place at the end.
    flush = is_stdout(output)
    with open_output(output) as out:
        for _item, result in results:
            out.write((result.record() + "\n").encode("utf-8"))
            if flush:
                out.flush()


def _to_array(results: Results, output: str | None) -> None:
    """``--format json`` for a batch: one JSON array of the records, streamed."""
    with open_output(output) as out:
        out.write(b"[")
        count = 0
        for _item, result in results:
            record = json.dumps(json.loads(result.record()), ensure_ascii=False, indent=2)
            prefix = ",\n" if count else "\n"
            out.write((prefix + textwrap.indent(record, "  ")).encode("utf-8"))
            count += 1
        out.write(b"\n]\n" if count else b"]\n")


def _to_dir(results: Results, output: str, report: Report) -> None:
    """One ``<stem>.json`` per input under ``output``, mirroring folder arguments."""
    written: dict[str, str] = {}
    inputs: list[str] = []
    for item, result in results:
        inputs.append(item.path)
        if result.speech_json is None:
            continue
        target = os.path.join(output, str(item.relative.with_suffix(".json")))
        key = os.path.normcase(os.path.normpath(target))
        try:
            refuse_inputs(target, inputs, "jianghua parse")
            if key in written:
                raise InputError(f"输出文件 {target} 已由 {written[key]} 写出，未覆盖",
                                 f"output {target} was already written for {written[key]}; "
                                 "not overwritten", path=item.path)
            written[key] = item.path
            _make_folder(os.path.dirname(target))
            write_output((result.speech_json + "\n").encode("utf-8"), target)
        except InputError as exc:  # one unwritable output does not stop the batch
            report.message(exc.message)
            report.undelivered()


def _make_folder(folder: str) -> None:
    try:
        os.makedirs(folder or ".", exist_ok=True)
    except OSError as exc:
        raise InputError(f"无法创建输出目录：{exc.strerror or exc}",
                         f"cannot create the output folder: {exc.strerror or exc}",
                         path=folder) from None
