"""The ``jianghua`` command: parse, tree, outline, render, validate, schema (and check).

Every subcommand is tested through ``main(argv) -> int``. Exit codes follow flake8 and
ruff: 0 success, 1 some input failed (a batch, an invalid document), 2 a usage or input
error (also an internal error, reported in one line; ``JIANGHUA_DEBUG=1`` shows the
traceback), 130 interrupted. A ``JianghuaError`` reaches the user as its one-line
``.message``, never as a traceback.

Machine outputs (JSON, outline, rendered text) are written to ``sys.stdout.buffer`` as
bytes: UTF-8 with ``\\n`` whatever the platform and locale, because they are compared
byte for byte. Only the tree, meant for a terminal, goes through ``rich``.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

from jianghua.api import parse, render
from jianghua.decode import decode_bytes, encode_text, read_source, read_stdin_bytes
from jianghua.errors import DocumentError, InputError, JianghuaError
from jianghua.io import check_pieces, json_schema, load_speech, speech_to_json
from jianghua.models import Source, Speech
from jianghua.outline import render_outline

__all__ = ["convert_one", "expand_inputs", "load_input", "main", "read_input", "run"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

#: What a directory argument is searched for (recursively).
SPEECH_SUFFIXES = (".txt", ".md", ".docx")
JSON_SUFFIXES = (".json", ".jsonl")
_ZIP_MAGIC = b"PK\x03\x04"  # a .docx piped into stdin
STDIN = "-"


# --- reading inputs: the one place that knows about stdin, .docx and encodings ---------


def _stderr(line: str) -> None:
    """Write one line to stderr, even where stderr cannot encode Chinese."""
    stream = sys.stderr
    if stream is None:  # pragma: no cover - pythonw
        return
    try:
        stream.write(line + "\n")
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(line.encode(encoding, "backslashreplace").decode(encoding) + "\n")
    stream.flush()


def _warn(path: str, warning: str) -> None:
    _stderr(f"{path}: 注意 (warning): {warning}")


def _os_error(path: str, exc: OSError) -> InputError:
    """An ``OSError`` phrased as an ``InputError`` naming the path."""
    if isinstance(exc, FileNotFoundError):
        return InputError("文件不存在", "file not found", path=path)
    if isinstance(exc, IsADirectoryError):
        return InputError("是一个目录，不是文件", "is a directory, not a file", path=path)
    if isinstance(exc, PermissionError):
        return InputError("没有权限访问该文件", "permission denied", path=path)
    detail = exc.strerror or str(exc)
    return InputError(f"无法读取或写入：{detail}", f"cannot read or write: {detail}", path=path)


def read_bytes(path: str) -> bytes:
    """The bytes of a file (``-``: stdin); ``InputError`` if it cannot be read."""
    if path == STDIN:
        return read_stdin_bytes()
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise _os_error(path, exc) from None


def _docx_text(path: str, data: bytes | None,
               warn: Callable[[str, str], None] | None) -> str:
    try:
        from jianghua import docx_reader
    except ImportError:
        raise InputError("不支持 .docx：缺少 docx_reader 模块或其依赖（python-docx、lxml）",
                         ".docx support is unavailable (docx_reader or its dependencies "
                         "python-docx/lxml are missing)", path=path) from None
    try:
        docx = (docx_reader.read_docx(path) if data is None
                else docx_reader.read_docx_bytes(data, path=path))
    except ImportError:
        raise InputError("不支持 .docx：缺少依赖 python-docx", ".docx support is unavailable "
                         "(python-docx is missing)", path=path) from None
    for warning in docx.warnings:
        (warn or _warn)(path, warning)
    return docx.text


def read_input(path: str, encoding: str | None = None, *,
               warn: Callable[[str, str], None] | None = None) -> tuple[str, Source]:
    """The text of a speech file and where it came from.

    ``-`` is stdin (a .docx piped in is recognised by its ZIP signature); a path ending
    in ``.docx`` is read with ``docx_reader`` (its text is UTF-8 by construction); any
    other file is decoded by ``decode.read_source`` (``encoding`` overrides detection).
    Raises ``InputError`` for anything unreadable, ``OSError`` included.
    """
    shown = "<stdin>" if path == STDIN else path
    try:
        if path == STDIN:
            data = read_stdin_bytes()
            if data.startswith(_ZIP_MAGIC):
                return _docx_text(shown, data, warn), Source(path=None)
            decoded = decode_bytes(data, path=shown, encoding=encoding)
            return decoded.text, Source(path=None, encoding=decoded.encoding, bom=decoded.bom)
        if path.lower().endswith(".docx"):
            return _docx_text(path, None, warn), Source(path=path)
        decoded = read_source(path, encoding=encoding)
    except OSError as exc:
        raise _os_error(shown, exc) from None
    return decoded.text, Source(path=path, encoding=decoded.encoding, bom=decoded.bom)


def convert_one(path: str, encoding: str | None = None, *,
                warn: Callable[[str, str], None] | None = None) -> Speech:
    """Read and parse one speech file: the per-file work of ``jianghua parse``.

    A plain top-level function of picklable arguments, so that a process pool can map
    it over a batch. ``warn(path, message)`` receives reader warnings (stderr if None).
    """
    text, source = read_input(path, encoding, warn=warn)
    return parse(text, source=source)


def load_input(path: str, encoding: str | None = None) -> Speech:
    """A ``Speech`` from a speech file, or from a ``.json`` written by ``jianghua parse``."""
    if path.lower().endswith(".json"):
        speech = load_speech(read_bytes(path), path=path)
        check_pieces(speech, path=path)
        return speech
    return convert_one(path, encoding)


# --- expanding batch arguments ---------------------------------------------------------


@dataclass(frozen=True)
class InputItem:
    """One file of a batch: the path to read and its name relative to its argument."""

    path: str
    relative: PurePath  # mirrored under ``-o DIR``
    error: JianghuaError | None = None  # an argument that named no file at all


def _walk(root: str, suffixes: tuple[str, ...]) -> Iterator[str]:
    for folder, dirs, files in os.walk(root):
        # Sorted, so batch output is in the same order everywhere; hidden folders
        # (.git) and Word's lock files (~$讲话.docx) are never speeches.
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(suffixes) and not name.startswith((".", "~$")):
                yield os.path.join(folder, name)


def _static_prefix(pattern: str) -> str:
    """The folder part of a glob pattern before its first wildcard (``a/b`` of ``a/b/*/x``)."""
    parts: list[str] = []
    for part in PurePath(pattern).parts[:-1]:
        if glob.has_magic(part):
            break
        parts.append(part)
    return os.path.join(*parts) if parts else "."


def expand_inputs(arguments: list[str],
                  suffixes: tuple[str, ...] = SPEECH_SUFFIXES) -> tuple[list[InputItem], bool]:
    """Files named by ``arguments`` (files, ``-``, folders searched recursively for
    ``suffixes``, glob patterns the shell left unexpanded), and whether that is a batch
    (more than one argument, or any folder or pattern)."""
    items: list[InputItem] = []
    batch = len(arguments) > 1

    def add_folder(folder: str, base: str) -> None:
        found = [InputItem(p, PurePath(os.path.relpath(p, base))) for p in _walk(folder, suffixes)]
        if not found:
            kinds = "、".join(suffixes)
            found = [InputItem(folder, PurePath(folder), InputError(
                f"目录中没有 {kinds} 文件", f"no {', '.join(suffixes)} files in this directory",
                path=folder))]
        items.extend(found)

    for argument in arguments:
        if argument == STDIN:
            items.append(InputItem(STDIN, PurePath("stdin")))
        elif os.path.isdir(argument):
            batch = True
            add_folder(argument, argument)
        elif os.path.lexists(argument) or not glob.has_magic(argument):
            items.append(InputItem(argument, PurePath(os.path.basename(argument) or argument)))
        else:
            batch = True
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                items.append(InputItem(argument, PurePath(argument), InputError(
                    "没有与该模式匹配的文件", "no file matches this pattern", path=argument)))
            base = _static_prefix(argument)
            for match in matches:
                if os.path.isdir(match):
                    add_folder(match, base)
                elif match.lower().endswith(suffixes):
                    items.append(InputItem(match, PurePath(os.path.relpath(match, base))))
    seen: set[str] = set()
    unique = []
    for item in items:
        key = item.path if item.path == STDIN else os.path.normpath(item.path)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique, batch


# --- writing outputs -------------------------------------------------------------------


def _stdout_buffer() -> BinaryIO:
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # pragma: no cover - a text-only stdout
        return _TextAsBinary(sys.stdout)  # type: ignore[return-value]
    return buffer


class _TextAsBinary:  # pragma: no cover - only for a replaced, text-only stdout
    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, data: bytes) -> int:
        return self.stream.write(data.decode("utf-8", "surrogateescape"))

    def flush(self) -> None:
        self.stream.flush()


def _is_stdout(output: str | None) -> bool:
    return output is None or output == STDIN


def write_output(data: bytes, output: str | None) -> None:
    """Write ``data`` to stdout (``None`` or ``-``) or, atomically, to the file ``output``."""
    if _is_stdout(output):
        out = _stdout_buffer()
        out.write(data)
        out.flush()
        return
    assert output is not None
    # Written to a temporary file and renamed, so that a failure never leaves half a
    # JSON behind and `-o` may name the input itself.
    folder = os.path.dirname(os.path.abspath(output))
    try:
        fd, temp = tempfile.mkstemp(prefix=".jianghua-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(temp, _file_mode(output))  # mkstemp makes it private (0600)
            os.replace(temp, output)
        except BaseException:
            if os.path.exists(temp):
                os.unlink(temp)
            raise
    except OSError as exc:
        zh = en = exc.strerror or str(exc)
        if isinstance(exc, FileNotFoundError):
            zh, en = "所在目录不存在", "its folder does not exist"
        raise InputError(f"无法写入输出文件：{zh}", f"cannot write the output: {en}",
                         path=output) from None


def _file_mode(path: str) -> int:
    """The mode a plain ``open(path, "w")`` would give: the existing file's, or the umask's."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _is_output_dir(output: str | None) -> bool:
    if _is_stdout(output):
        return False
    assert output is not None
    return output.endswith(("/", os.sep)) or os.path.isdir(output)


# --- subcommands ---------------------------------------------------------------------


def _describe_failure(path: str, exc: Exception) -> str:
    if isinstance(exc, JianghuaError):
        return exc.message
    if os.environ.get("JIANGHUA_DEBUG"):
        raise exc
    return (f"{path}: 内部错误：{type(exc).__name__}: {exc}（请报告此问题）"
            f" (internal error: {type(exc).__name__}: {exc}; please report it)")


def _record(path: str, speech: Speech | None, error: str | None) -> str:
    shown = json.dumps(path, ensure_ascii=False)
    if speech is not None:
        return f'{{"path": {shown}, "speech": {speech_to_json(speech, indent=None)}}}'
    return json.dumps({"path": path, "error": error}, ensure_ascii=False)


def cmd_parse(args: argparse.Namespace) -> int:
    items, batch = expand_inputs(args.inputs)
    output: str | None = args.output
    to_dir = _is_output_dir(output)
    if to_dir and args.format == "jsonl":
        _stderr("jianghua: 错误：-o 指向目录时每个输入写一个 .json 文件，"
                "不能与 --format jsonl 同用 (error: -o DIR writes one .json per input; "
                "it cannot be combined with --format jsonl)")
        return EXIT_USAGE
    fmt = args.format or ("jsonl" if batch else "json")

    if not batch and fmt == "json" and not to_dir:
        item = items[0]
        if item.error is not None:
            raise item.error
        speech = convert_one(item.path, args.encoding)
        write_output((speech_to_json(speech) + "\n").encode("utf-8"), output)
        return EXIT_OK

    failed = 0

    def results() -> Iterator[tuple[InputItem, Speech | None, str | None]]:
        nonlocal failed
        for item in items:
            try:
                if item.error is not None:
                    raise item.error
                speech: Speech | None = convert_one(item.path, args.encoding)
                error = None
            except KeyboardInterrupt:
                raise
            except Exception as exc:
                speech, error = None, _describe_failure(item.path, exc)
                failed += 1
                _stderr(error)
            yield item, speech, error

    if to_dir:
        assert output is not None
        collisions = _parse_to_dir(results(), output)  # results() counts its own failures
        failed += collisions
    elif fmt == "jsonl":
        _parse_to_jsonl(results(), output)
    else:
        records = [json.loads(_record(item.path, speech, error))
                   for item, speech, error in results()]
        data = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
        write_output(data.encode("utf-8"), output)
    if failed and not batch:
        return EXIT_USAGE  # one input: an input error, as for the other commands
    if failed:
        _stderr(f"jianghua: {len(items)} 个输入中有 {failed} 个失败 "
                f"({failed} of {len(items)} inputs failed)")
        return EXIT_FAILED
    return EXIT_OK


def _parse_to_jsonl(results: Iterator[tuple[InputItem, Speech | None, str | None]],
                    output: str | None) -> None:
    # Streamed, one line per file as soon as it is done, so `| head` and long batches
    # behave; a file output is written whole at the end (atomically).
    if _is_stdout(output):
        out = _stdout_buffer()
        for item, speech, error in results:
            out.write((_record(item.path, speech, error) + "\n").encode("utf-8"))
            out.flush()
        return
    lines = [_record(item.path, speech, error) + "\n" for item, speech, error in results]
    write_output("".join(lines).encode("utf-8"), output)


def _parse_to_dir(results: Iterator[tuple[InputItem, Speech | None, str | None]],
                  output: str) -> int:
    """One ``<stem>.json`` per input under ``output``, mirroring folder arguments;
    returns how many could not be written."""
    failed = 0
    written: dict[str, str] = {}
    for item, speech, _error in results:
        if speech is None:
            continue
        target = os.path.join(output, str(item.relative.with_suffix(".json")))
        key = os.path.normcase(os.path.normpath(target))
        if key in written:
            _stderr(InputError(f"输出文件 {target} 已由 {written[key]} 写出，未覆盖",
                               f"output {target} was already written for {written[key]}; "
                               "not overwritten", path=item.path).message)
            failed += 1
            continue
        written[key] = item.path
        try:
            try:
                os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
            except OSError as exc:
                raise InputError(f"无法创建输出目录：{exc.strerror or exc}",
                                 f"cannot create the output folder: {exc.strerror or exc}",
                                 path=os.path.dirname(target)) from None
            write_output((speech_to_json(speech) + "\n").encode("utf-8"), target)
        except InputError as exc:  # one unwritable output does not stop the batch
            _stderr(exc.message)
            failed += 1
    return failed


def _single_input(args: argparse.Namespace) -> Speech:
    path: str = args.input
    if path != STDIN and os.path.isdir(path):
        raise InputError("是一个目录，不是文件", "is a directory, not a file", path=path)
    return load_input(path, getattr(args, "encoding", None))


def cmd_tree(args: argparse.Namespace) -> int:
    from rich.console import Console

    from jianghua.tree import speech_tree

    speech = _single_input(args)
    stdout = sys.stdout
    encoding = (getattr(stdout, "encoding", None) or "utf-8").lower().replace("_", "-")
    if not encoding.startswith("utf") and hasattr(stdout, "reconfigure"):
        stdout.reconfigure(errors="replace")  # a legacy console: ? beats a crash
    # No force_terminal: rich itself turns styles off when stdout is not a terminal
    # (piped) and honours TERM=dumb / FORCE_COLOR; NO_COLOR here means no styles at all.
    console = Console(file=stdout, width=args.width, highlight=False,
                      color_system=None if os.environ.get("NO_COLOR") else "auto")
    name = "<stdin>" if args.input == STDIN else args.input
    console.print(speech_tree(speech, source_name=name, body=args.body))
    stdout.flush()
    return EXIT_OK


def cmd_outline(args: argparse.Namespace) -> int:
    speech = _single_input(args)
    write_output(render_outline(speech).encode("utf-8"), args.output)
    return EXIT_OK


def cmd_render(args: argparse.Namespace) -> int:
    path: str = args.input
    speech = load_speech(read_bytes(path), path=path)
    check_pieces(speech, path=path)
    text = render(speech)
    if args.original_encoding:
        source = speech.source
        try:
            data = encode_text(text, source.encoding, source.bom)
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
    else:
        data = text.encode("utf-8", "surrogateescape")
    write_output(data, args.output)
    return EXIT_OK


def _validate_document(data: bytes, path: str) -> None:
    speech = load_speech(data, path=path)
    check_pieces(speech, path=path)
    if len(render(speech)) != speech.length:  # pragma: no cover - check_pieces covers it
        raise DocumentError("还原的文本长度与 length 不符", "rendered text length differs "
                            "from length", path=path)


def _validate_lines(data: bytes, path: str) -> Iterator[tuple[str, JianghuaError | None]]:
    """JSON Lines from ``jianghua parse``: each record's speech, named ``FILE:LINE``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        yield path, DocumentError("不是 UTF-8 编码", "not UTF-8", path=path)
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield where, DocumentError(f"JSON 语法错误：{exc}", f"invalid JSON: {exc}",
                                       path=where)
            continue
        if not isinstance(record, dict) or "speech" not in record:
            error = record.get("error") if isinstance(record, dict) else None
            yield where, DocumentError(
                f"该行没有 speech（转换失败：{error}）" if error else "该行没有 speech 字段",
                f"no speech in this record (conversion failed: {error})" if error
                else "no speech field in this record", path=where)
            continue
        try:
            _validate_document(json.dumps(record["speech"]).encode(), where)
        except JianghuaError as exc:
            yield where, exc
        else:
            yield where, None


def cmd_validate(args: argparse.Namespace) -> int:
    items, _batch = expand_inputs(args.inputs, JSON_SUFFIXES)
    invalid = unreadable = 0
    out = _stdout_buffer()
    for item in items:
        try:
            if item.error is not None:
                raise item.error
            data = read_bytes(item.path)
            if item.path.lower().endswith(".jsonl"):
                results = list(_validate_lines(data, item.path))
            else:
                try:
                    _validate_document(data, item.path)
                    results = [(item.path, None)]
                except DocumentError as exc:
                    results = [(item.path, exc)]
        except InputError as exc:
            unreadable += 1
            _stderr(exc.message)
            continue
        for where, error in results:
            line = f"{where}: ok" if error is None else error.message
            invalid += error is not None
            out.write((line + "\n").encode("utf-8"))
        out.flush()
    if unreadable:
        return EXIT_USAGE
    return EXIT_FAILED if invalid else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    data = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    write_output(data.encode("utf-8"), args.output)
    return EXIT_OK


# --- the parser ----------------------------------------------------------------------


def _version() -> str:
    from jianghua import __version__

    return __version__


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)


def _subparser(subparsers, name: str, zh: str, en: str, examples: str,
               func: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        name, help=f"{zh} ({en})", description=f"{zh}\n{en}",
        epilog="示例 (examples):\n" + examples, formatter_class=_Formatter)
    parser.set_defaults(func=func)
    return parser


def _add_encoding(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--encoding", metavar="NAME",
                        help="输入编码，默认自动识别 (input encoding, e.g. gbk; detected "
                             "by default)")


def _add_output(parser: argparse.ArgumentParser, what: str, extra: str = "") -> None:
    parser.add_argument("-o", "--output", metavar="PATH",
                        help=f"写入文件而不是标准输出 (write {what} to PATH instead of "
                             f"stdout{extra})")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jianghua",
        description="讲话稿、主持词、工作报告的结构解析与转换\n"
                    "Parse Chinese official speeches into their structure, and back.",
        epilog="示例 (examples):\n"
               "  jianghua parse 讲话.txt > 讲话.json\n"
               "  jianghua tree 讲话.txt\n"
               "  jianghua outline 讲话.docx\n"
               "  jianghua render 讲话.json > 讲话.txt\n\n"
               "子命令的帮助 (help on a command): jianghua COMMAND --help",
        formatter_class=_Formatter)
    parser.add_argument("--version", action="version", version=f"jianghua {_version()}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    p = _subparser(subparsers, "parse", "把讲话稿解析为 JSON", "parse speeches into JSON",
                   "  jianghua parse 讲话.txt > 讲话.json\n"
                   "  jianghua parse 材料/ -o out/          # 每个文件一个 .json (one per file)\n"
                   "  jianghua parse a.txt b.docx > all.jsonl\n"
                   "  cat 讲话.txt | jianghua parse -", cmd_parse)
    p.add_argument("inputs", nargs="+", metavar="FILE",
                   help="文件、目录、通配符或 - (files, folders of .txt/.md/.docx, globs, - "
                        "for stdin)")
    _add_output(p, "the JSON", "; a folder, existing or ending in /, gets one .json per "
                               "input")
    p.add_argument("--format", choices=("json", "jsonl"),
                   help="输出格式，单个输入默认 json，多个默认 jsonl (default: json for one "
                        "input, jsonl for several)")
    _add_encoding(p)

    p = _subparser(subparsers, "tree", "以树形显示讲话结构", "show the structure as a tree",
                   "  jianghua tree 讲话.txt\n"
                   "  jianghua tree --body --width 100 讲话.json", cmd_tree)
    p.add_argument("input", metavar="FILE", help="讲话稿或其 JSON，- 为标准输入 (a speech or "
                                                 "its .json; - for stdin)")
    p.add_argument("--body", action="store_true",
                   help="同时显示正文段落摘要 (also show body paragraphs, shortened)")
    p.add_argument("--width", type=int, metavar="N", help="输出宽度 (output width in columns)")
    _add_encoding(p)

    p = _subparser(subparsers, "outline", "输出提纲", "print the outline (提纲)",
                   "  jianghua outline 讲话.txt\n"
                   "  jianghua outline 讲话.json -o 讲话.outline", cmd_outline)
    p.add_argument("input", metavar="FILE", help="讲话稿或其 JSON，- 为标准输入 (a speech or "
                                                 "its .json; - for stdin)")
    _add_output(p, "the outline")
    _add_encoding(p)

    p = _subparser(subparsers, "render", "由 JSON 还原原文", "write back the exact original "
                   "text from JSON",
                   "  jianghua render 讲话.json > 讲话.txt\n"
                   "  jianghua render --original-encoding 讲话.json -o 讲话-gbk.txt", cmd_render)
    p.add_argument("input", metavar="FILE.json", help="jianghua parse 的输出，- 为标准输入 "
                                                      "(output of jianghua parse; - for stdin)")
    _add_output(p, "the text")
    p.add_argument("--original-encoding", action="store_true",
                   help="按原文件的编码和 BOM 输出，默认 UTF-8 (write in the source's encoding "
                        "and BOM; default UTF-8 without BOM)")

    p = _subparser(subparsers, "validate", "校验 JSON 是否符合模型", "check JSON documents "
                   "against the model",
                   "  jianghua validate 讲话.json\n"
                   "  jianghua validate out/ all.jsonl", cmd_validate)
    p.add_argument("inputs", nargs="+", metavar="FILE.json",
                   help=".json/.jsonl 文件、目录或通配符 (.json/.jsonl files, folders, globs)")

    p = _subparser(subparsers, "schema", "输出 JSON Schema", "print the JSON Schema of the "
                   "output", "  jianghua schema -o speech.schema.json", cmd_schema)
    _add_output(p, "the schema")

    try:
        from jianghua.checks.command import add_parser as add_check_parser
    except ImportError as exc:
        # The checks package is built separately; until it is there (or if it cannot
        # be imported) there is no `check` command. JIANGHUA_DEBUG=1 shows why it
        # failed when it is there but broken.
        absent = isinstance(exc, ModuleNotFoundError) and exc.name in (
            "jianghua.checks", "jianghua.checks.command")
        if not absent and os.environ.get("JIANGHUA_DEBUG"):
            raise
    else:
        add_check_parser(subparsers)
    return parser


# --- entry points --------------------------------------------------------------------


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at devnull so the exit flush stays quiet
    (https://docs.python.org/3/library/signal.html#note-on-sigpipe)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (never raises for user errors)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(func(args))
    except JianghuaError as exc:
        _stderr(exc.message)
        return EXIT_USAGE
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except OSError as exc:
        _stderr(_os_error(exc.filename or "jianghua", exc).message)
        return EXIT_USAGE
    except Exception as exc:
        if os.environ.get("JIANGHUA_DEBUG"):
            raise
        _stderr(f"jianghua: 内部错误：{type(exc).__name__}: {exc}（请报告此问题；设置 "
                f"JIANGHUA_DEBUG=1 可显示详情） (internal error: {type(exc).__name__}: {exc}; "
                "please report it; JIANGHUA_DEBUG=1 shows the traceback)")
        return EXIT_USAGE


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
