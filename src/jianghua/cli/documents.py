"""Commands on the JSON documents ``jianghua parse`` writes: ``render``, ``validate``,
and ``schema`` (the JSON Schema they follow)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator

from jianghua.api import render
from jianghua.cli.atomic import refuse_inputs
from jianghua.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    add_output,
    stdout_buffer,
    subparser,
    write_output,
)
from jianghua.errors import DocumentError, InputError, JianghuaError
from jianghua.model import Speech
from jianghua.read.decode import encode_text
from jianghua.read.inputs import JSON_SUFFIXES, expand_inputs, read_bytes, stderr_line
from jianghua.render.derived import check_derived
from jianghua.render.json import json_schema, load_speech

# --- render --------------------------------------------------------------------------


def add_render_parser(subparsers) -> None:
    p = subparser(subparsers, "render", "由 JSON 还原原文", "write back the exact original "
                  "text from JSON",
                  "  jianghua render 讲话.json > 讲话.txt\n"
                  "  jianghua render --original-encoding 讲话.json -o 讲话-gbk.txt",
                  run_render)
    p.add_argument("input", metavar="FILE.json", help="jianghua parse 的输出，- 为标准输入 "
                                                      "(output of jianghua parse; - for stdin)")
    add_output(p, "the text")
    p.add_argument("--original-encoding", action="store_true",
                   help="按原文件的编码和 BOM 输出，默认 UTF-8 (write in the source's encoding "
                        "and BOM; default UTF-8 without BOM)")


def _in_original_encoding(speech: Speech, text: str, path: str) -> bytes:
    source = speech.source
    try:
        return encode_text(text, source.encoding, source.bom)
    except LookupError:
        raise DocumentError(f"未知的编码 source.encoding = {source.encoding!r}",
                            f"unknown encoding source.encoding = {source.encoding!r}",
                            path=path) from None
    except UnicodeEncodeError as exc:
        raise DocumentError(
            f"文本第 {exc.start} 个字符 {exc.object[exc.start]!r} 无法用 "
            f"{source.encoding} 编码",
            f"character {exc.object[exc.start]!r} at offset {exc.start} cannot be "
            f"encoded in {source.encoding}", path=path) from None


def run_render(args: argparse.Namespace) -> int:
    path: str = args.input
    refuse_inputs(args.output, [path], "jianghua render")
    speech = load_speech(read_bytes(path), path=path)
    check_derived(speech, path=path)  # nothing render would silently drop
    text = render(speech)
    if args.original_encoding:
        data = _in_original_encoding(speech, text, path)
    else:
        data = text.encode("utf-8", "surrogateescape")
    write_output(data, args.output)
    return EXIT_OK


# --- validate ------------------------------------------------------------------------


def add_validate_parser(subparsers) -> None:
    p = subparser(subparsers, "validate", "校验 JSON 是否符合模型", "check JSON documents "
                  "against the model",
                  "  jianghua validate 讲话.json\n"
                  "  jianghua validate out/ all.jsonl", run_validate)
    p.add_argument("inputs", nargs="+", metavar="FILE.json",
                   help=".json/.jsonl 文件、目录或通配符 (.json/.jsonl files, folders, globs)")


def _validate_document(data: bytes, path: str) -> None:
    speech = load_speech(data, path=path)
    check_derived(speech, path=path)  # nothing render would silently drop
    if len(render(speech)) != speech.length:  # pragma: no cover - the validators see to it
        raise DocumentError("还原的文本长度与 length 不符", "rendered text length differs "
                            "from length", path=path)


def _validate_record(line: str, where: str) -> JianghuaError | None:
    try:
        record = json.loads(line)
    except ValueError as exc:
        return DocumentError(f"JSON 语法错误：{exc}", f"invalid JSON: {exc}", path=where)
    if not isinstance(record, dict) or "speech" not in record:
        error = record.get("error") if isinstance(record, dict) else None
        return DocumentError(
            f"该行没有 speech（转换失败：{error}）" if error else "该行没有 speech 字段",
            f"no speech in this record (conversion failed: {error})" if error
            else "no speech field in this record", path=where)
    try:
        _validate_document(json.dumps(record["speech"]).encode(), where)
    except JianghuaError as exc:
        return exc
    return None


def _validate_lines(data: bytes, path: str) -> Iterator[tuple[str, JianghuaError | None]]:
    """JSON Lines from ``jianghua parse``: each record's speech, named ``FILE:LINE``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        yield path, DocumentError("不是 UTF-8 编码", "not UTF-8", path=path)
        return
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            where = f"{path}:{number}"
            yield where, _validate_record(line, where)


def _validate_file(path: str) -> list[tuple[str, JianghuaError | None]]:
    data = read_bytes(path)
    if path.lower().endswith(".jsonl"):
        return list(_validate_lines(data, path))
    try:
        _validate_document(data, path)
    except DocumentError as exc:
        return [(path, exc)]
    return [(path, None)]


def run_validate(args: argparse.Namespace) -> int:
    items, _batch = expand_inputs(args.inputs, JSON_SUFFIXES)
    invalid = unreadable = 0
    out = stdout_buffer()
    for item in items:
        try:
            if item.error is not None:
                raise item.error
            results = _validate_file(item.path)
        except InputError as exc:
            unreadable += 1
            stderr_line(exc.message)
            continue
        for where, error in results:
            line = f"{where}: ok" if error is None else error.message
            invalid += error is not None
            out.write((line + "\n").encode("utf-8"))
        out.flush()
    if unreadable:
        return EXIT_USAGE
    return EXIT_FAILED if invalid else EXIT_OK


# --- schema --------------------------------------------------------------------------


def add_schema_parser(subparsers) -> None:
    p = subparser(subparsers, "schema", "输出 JSON Schema", "print the JSON Schema of the "
                  "output", "  jianghua schema -o speech.schema.json", run_schema)
    add_output(p, "the schema")


def run_schema(args: argparse.Namespace) -> int:
    data = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    write_output(data.encode("utf-8"), args.output)
    return EXIT_OK
