"""JSON in and out: ``Speech`` ↔ JSON text, and the JSON Schema of that text.

``speech_to_json`` writes the bytes pydantic's own serializer writes (non-ASCII as is,
UTF-8 when encoded), with orjson: it takes a model's fields from its ``__dict__`` (in
declaration order, as validation and ``parse.build`` lay them out), spans as the
dataclasses they are and enums by value, at half the cost. Anything orjson refuses
(a lone surrogate in a ``str`` passed to ``parse``) goes to pydantic's serializer, which
raises as it always did. ``data_to_json_bytes`` writes the plain-dict tree of
``api.parse_data`` the same way, with no model made at all.

``load_speech`` validates a document in full against the models and turns
every failure into one ``DocumentError`` line that says *where* (a JSON location such as
``nodes[3].children[0].span``, plus the node's kind and source line when the document
has them) and *what*, in Chinese and English. The model's validators hold every
promise of docs/json-model.md, the pieces tiling the whole text included.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from typing import Any, BinaryIO

import orjson
from pydantic import BaseModel, TypeAdapter, ValidationError

from jianghua.errors import DocumentError
from jianghua.model import (
    READABLE_SCHEMA_VERSIONS,
    SCHEMA_VERSION,
    Source,
    SourceParagraph,
    Speech,
    TopNode,
)
from jianghua.model.speech import readable_versions

__all__ = ["data_to_json_bytes", "json_schema", "load_speech", "speech_to_json",
           "speech_to_json_bytes", "write_json_lines"]

SCHEMA_ID = f"urn:jianghua:schema:speech:{SCHEMA_VERSION}"


# --- writing -------------------------------------------------------------------------


def _fields(value: object) -> dict:
    if isinstance(value, BaseModel):
        return value.__dict__
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


# orjson writes pydantic's two-space layout; any other indent goes to pydantic.
_OPTIONS = {None: 0, 2: orjson.OPT_INDENT_2}


def _orjson(value: object, indent: int | None) -> bytes:
    return orjson.dumps(value, default=_fields, option=_OPTIONS[indent])


def speech_to_json(speech: Speech, *, indent: int | None = 2) -> str:
    """The JSON text of ``speech`` (no trailing newline); ``indent=None`` for one line."""
    return speech_to_json_bytes(speech, indent=indent).decode("utf-8")


def speech_to_json_bytes(speech: Speech, *, indent: int | None = 2) -> bytes:
    """The same JSON as UTF-8 bytes, straight from the serializer.

    What a file or a worker pipe wants, and lighter: the ``str`` form of a Chinese
    speech's JSON stores every character, ASCII keys included, in two bytes, so
    decoding to it costs a second, larger copy (python -m jianghua.bench, memory).
    """
    if indent in _OPTIONS:
        try:
            return _orjson(speech, indent)
        except orjson.JSONEncodeError:
            pass  # pydantic raises its own error for it, as it always did
    return speech.__pydantic_serializer__.to_json(speech, indent=indent)


def data_to_json_bytes(data: dict, *, indent: int | None = 2) -> bytes:
    """The JSON of the plain-dict tree ``api.parse_data`` returns: the very bytes
    ``speech_to_json_bytes`` writes for the ``Speech`` of the same text.

    Raises ``orjson.JSONEncodeError`` for what JSON cannot hold (a lone surrogate)."""
    return orjson.dumps(data, default=_fields, option=_OPTIONS[indent])


@functools.cache
def _adapter(kind: object) -> TypeAdapter:
    # Made on first use: building one is a schema build, start-up that `jianghua
    # outline` need not pay (python -m jianghua.bench, start-up).
    return TypeAdapter(kind)


def write_json_lines(speech: Speech, stream: BinaryIO) -> None:
    """Write the compact (one-line) JSON of ``speech`` to ``stream``, node by node.

    Byte for byte ``speech_to_json(speech, indent=None)`` in UTF-8, but only
    one top-level node's JSON is held at a time: converting a 10 MB speech to JSON
    Lines does not need a second copy of it the size of the whole document.
    """
    write = stream.write
    try:
        head = _orjson(speech.source, None)
    except orjson.JSONEncodeError:
        head = _adapter(Source).dump_json(speech.source)
    write(b'{"schema_version":' + json.dumps(speech.schema_version).encode()
          + b',"kind":"speech","source":' + head
          + b',"length":' + str(speech.length).encode() + b',"nodes":[')
    for position, node in enumerate(speech.nodes):
        if position:
            write(b",")
        try:
            write(_orjson(node, None))
        except orjson.JSONEncodeError:
            write(_adapter(TopNode).dump_json(node))  # raises as it always did
    paragraphs = (_orjson(speech.paragraphs, None) if speech.paragraphs is None
                  else _adapter(list[SourceParagraph]).dump_json(speech.paragraphs))
    write(b'],"paragraphs":' + paragraphs + b"}")


def write_data_json(data: dict, stream: BinaryIO) -> None:
    """Write the compact JSON of the plain-dict tree to ``stream``, node by node,
    releasing each top-level node once written: byte for byte
    ``data_to_json_bytes(data, indent=None)``, without the whole document's JSON (twice
    the input) in memory at once. ``data`` is consumed."""
    nodes = data["nodes"]
    write = stream.write
    head = {**data, "nodes": []}  # same key order
    opening, closing = orjson.dumps(head, default=_fields).split(b'"nodes":[]', 1)
    write(opening + b'"nodes":[')
    for position, node in enumerate(nodes):
        nodes[position] = None
        write(b"," + orjson.dumps(node, default=_fields) if position
              else orjson.dumps(node, default=_fields))
    write(b"]" + closing)


def json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of what ``jianghua parse`` writes and ``load_speech`` reads."""
    schema = Speech.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "jianghua Speech",
        "description": (
            f"A Chinese official speech (讲话稿, 主持词, 工作报告) parsed by jianghua, "
            f"schema_version {SCHEMA_VERSION}. Concatenating every node's text and eol in "
            "document order gives back the decoded input exactly."
        ),
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


# --- reading -------------------------------------------------------------------------

# Chinese for the pydantic error types a hand-edited document runs into; anything else
# falls back to a generic phrase (the English line always carries pydantic's message).
_TYPE_ZH: dict[str, str] = {
    "missing": "缺少必需字段",
    "extra_forbidden": "不允许的字段",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "string_type": "应为字符串",
    "bool_type": "应为布尔值",
    "bool_parsing": "应为布尔值",
    "list_type": "应为数组",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "literal_error": "取值不在允许范围内",
    "enum": "取值不在允许范围内",
    "greater_than_equal": "数值太小",
    "too_short": "元素太少",
    "union_tag_invalid": "未知的节点类型（kind）",
    "union_tag_not_found": "缺少节点类型字段 kind",
    "value_error": "数据不一致",
    "assertion_error": "数据不一致",
}


def load_speech(data: str | bytes, *, path: str | None = None) -> Speech:
    """Parse and fully validate a JSON document; ``DocumentError`` (one line) if invalid.

    ``path`` only names the document in error messages (``<json>`` when it came from
    memory: ``load_speech(speech_to_json(speech))`` needs no file)."""
    path = path or "<json>"
    text = _as_text(data, path)
    try:
        # Strict: "length": "49" is an edit of the wrong type, not a number to coerce.
        return Speech.model_validate_json(text, strict=True)
    except ValidationError as exc:
        raise _explain(exc, text, path) from None


def _as_text(data: str | bytes, path: str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        # JSON is UTF-8 (RFC 8259 §8.1); a BOM from a Windows editor is tolerated.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"不是 UTF-8 编码的 JSON（字节偏移 {exc.start} 处无法解码）",
            f"not UTF-8 JSON (undecodable byte at byte offset {exc.start})",
            path=path,
        ) from None


def _explain(exc: ValidationError, text: str, path: str) -> DocumentError:
    errors = exc.errors(include_url=False)
    if errors and errors[0]["type"] == "json_invalid":
        return _syntax_error(text, path, errors[0]["msg"])
    # The document is well-formed JSON: read it again as plain data, to name the
    # version problem first and to describe the node an error points into.
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):  # pragma: no cover - pydantic accepted it
        document = None
    if isinstance(document, dict):
        version = document.get("schema_version", SCHEMA_VERSION)
        if version not in READABLE_SCHEMA_VERSIONS:
            return DocumentError(
                f"不支持的 schema_version {version!r}（本版本的 jianghua 读取 "
                f"{readable_versions('、')}）",
                f"unsupported schema_version {version!r} (this jianghua reads "
                f"{readable_versions()})",
                path=path,
            )
    first = errors[0]
    where, node, at_node = _locate(first["loc"], document)
    if first["type"] == "value_error" and at_node:
        # A tiling error is raised by the container (or the speech) that found it; the
        # node that is out of place is more useful, so find it in the raw document.
        gap = _find_gap(document)
        if gap is not None and (not where or gap[0].startswith(where + ".")):
            where, node = gap
    more = len(errors) - 1
    zh = _TYPE_ZH.get(first["type"], "无效")
    en = first["msg"]
    if first["type"] in ("missing", "extra_forbidden") and first["loc"]:
        field = first["loc"][-1]
        zh = f"{zh} {field!r}"
    elif first["type"] in ("value_error", "assertion_error"):
        # The model's own words are English; they go in the English half only
        # ("数据不一致：salutation at line 1: …" mixed the two).
        en = en.removeprefix("Value error, ").removeprefix("Assertion failed, ")
        zh = f"{zh}（{_value_error_zh(en)}）"
    elif "input" in first and not isinstance(first["input"], dict | list):
        zh = f"{zh}（实际为 {_shown(first['input'])}）"
    extra_zh = f"（另有 {more} 处错误）" if more else ""
    extra_en = f" (and {more} more)" if more else ""
    where_zh, where_en = (f"{where}{node[0]}", f"{where}{node[1]}") if where else (
        "文档顶层", "top level")
    return DocumentError(f"{where_zh}：{zh}{extra_zh}", f"{where_en}: {en}{extra_en}",
                         path=path)


def _value_error_zh(en: str) -> str:
    if "does not fill its span" in en:
        return "序号的 raw 与其 span 长度不符"
    if "its text is" in en or "span" in en:
        return "文本与 span 的位置或长度不符"
    return "各字段之间互相矛盾"


def _shown(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)[:40]
    except ValueError:  # an integer too long to print
        return "位数过多的整数"


def _syntax_error(text: str, path: str, fallback: str) -> DocumentError:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return DocumentError(
            f"JSON 语法错误，第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}",
            f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}",
            path=path, line=exc.lineno,
        )
    except RecursionError:
        return DocumentError("JSON 嵌套过深", "JSON nested too deeply", path=path)
    except ValueError:  # an integer of more than 4,300 digits (sys.int_max_str_digits)
        return DocumentError("JSON 中有位数过多的整数", "JSON has an integer with too many "
                             "digits", path=path)
    # Python's json accepts a few things pydantic's parser does not (NaN, Infinity).
    return DocumentError(f"JSON 语法错误：{fallback}", f"invalid JSON: {fallback}", path=path)


def _locate(loc: Sequence[int | str],
            document: Any) -> tuple[str, tuple[str, str], bool]:
    """``("nodes", 3, "section", "span")`` → ``"nodes[3].span"`` and the node it is in.

    pydantic puts the discriminator value (``"section"``) into the location of a tagged
    union member, right after the list index; it is dropped by walking the document
    alongside and comparing with the node's ``kind``. The node is the innermost object
    with a ``kind`` and a span line, described as
    ``("（section，第 12 行）", " (section at line 12)")``. The flag says whether the
    location is a node (or the whole document) rather than a field.
    """
    parts: list[str] = []
    current: Any = document
    node = ("", "")
    after_index = False
    for key in loc:
        if isinstance(key, int):
            parts.append(f"[{key}]")
            current = current[key] if isinstance(current, list) and key < len(current) else None
            after_index = True
        else:
            # The tag follows the list index directly; it may also be a field name
            # (a salutation node has a "salutation" field), so position decides.
            tag = after_index and isinstance(current, dict) and current.get("kind") == key
            after_index = False
            if tag:
                continue
            parts.append(f".{key}" if parts else key)
            current = current.get(key) if isinstance(current, dict) else None
        described = _describe(current)
        if described is not None:
            node = described
    at_node = isinstance(current, dict) and (not parts or "kind" in current)
    return "".join(parts), node, at_node


def _find_gap(document: Any) -> tuple[str, tuple[str, str]] | None:
    """The first node of a raw document that does not start where the text before it
    ends (``nodes[2]`` when a node was deleted), or ``None``."""
    cursor = 0

    def walk(nodes: Any, prefix: str) -> tuple[str, tuple[str, str]] | None:
        nonlocal cursor
        if not isinstance(nodes, list):
            return None
        for index, node in enumerate(nodes):
            where = f"{prefix}[{index}]"
            try:
                start = node["span"]["start"]
                own = len(node["text"]) + len(node.get("eol", "\n"))
            except (TypeError, KeyError):
                return None
            if start != cursor:
                return where, _describe(node) or ("", "")
            cursor = start + own
            for name in ("body", "items", "children"):
                found = walk(node.get(name), f"{where}.{name}")
                if found is not None:
                    return found
        return None

    if not isinstance(document, dict):
        return None
    return walk(document.get("nodes"), "nodes")


def _describe(value: Any) -> tuple[str, str] | None:
    if not isinstance(value, dict) or not isinstance(value.get("kind"), str):
        return None
    kind = value["kind"]
    span = value.get("span")
    line = span.get("line") if isinstance(span, dict) else None
    if isinstance(line, int) and not isinstance(line, bool):
        return f"（{kind}，第 {line} 行）", f" ({kind} at line {line})"
    return f"（{kind}）", f" ({kind})"
