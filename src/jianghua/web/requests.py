"""Reading a request into a ``Job``: JSON (pasted text) or multipart (an upload).

The body is read into memory with a size limit (``TooLarge`` past it, before the rest
is read) and a multipart body is parsed here with python-multipart's streaming parser
into bytes in memory. Starlette's own form parser would spool a file part larger than
1 MB to a temporary file on disk, and drafts are often confidential: nothing of a
draft may touch the disk.
"""

from __future__ import annotations

import json
import os
from typing import Any

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from jianghua.web.work import SCOPES, Job

__all__ = ["BadRequest", "TooLarge", "read_body", "read_job"]

#: A Word document with pictures is easily several MB; a speech's text is rarely 1 MB.
MAX_BODY = 20 * 1024 * 1024
_MAX_PARTS = 32  # a form with more fields than this is not the page's


class BadRequest(Exception):
    """A request the API cannot read; ``str(exc)`` is the one-line message."""


class TooLarge(Exception):
    """A body over the size limit."""


async def read_body(request: Request, limit: int = MAX_BODY) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise TooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def _multipart(body: bytes, boundary: bytes) -> dict[str, tuple[str | None, bytes]]:
    """Form fields by name: (file name or None, bytes)."""
    parts: dict[str, tuple[str | None, bytes]] = {}
    current: dict[str, Any] = {}
    header: list[bytes] = [b"", b""]

    def on_part_begin() -> None:
        current.clear()
        current.update(headers={}, data=[])

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header[0] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header[1] += data[start:end]

    def on_header_end() -> None:
        current["headers"][header[0].lower()] = header[1]
        header[0] = header[1] = b""

    def on_part_data(data: bytes, start: int, end: int) -> None:
        current["data"].append(data[start:end])

    def on_part_end() -> None:
        if len(parts) >= _MAX_PARTS:
            raise BadRequest("表单字段过多 (too many form fields)")
        disposition = current["headers"].get(b"content-disposition", b"")
        _, options = parse_options_header(disposition)
        name = options.get(b"name", b"").decode("utf-8", "replace")
        filename = options.get(b"filename")
        shown = None if filename is None else filename.decode("utf-8", "replace")
        parts[name] = (shown, b"".join(current["data"]))

    parser = MultipartParser(boundary, {
        "on_part_begin": on_part_begin, "on_header_field": on_header_field,
        "on_header_value": on_header_value, "on_header_end": on_header_end,
        "on_part_data": on_part_data, "on_part_end": on_part_end})
    try:
        parser.write(body)
        parser.finalize()
    except BadRequest:
        raise
    except Exception as exc:  # python-multipart's own errors: a malformed body
        raise BadRequest(f"无法解析表单 (malformed multipart body: {exc})") from None
    return parts


def _base_name(name: str | None) -> str | None:
    """A file name as shown to the drafter: its last component (Windows paths too)."""
    if not name:
        return None
    base = os.path.basename(name.replace("\\", "/")).strip()
    return base[:200] or None


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def _job(fields: dict[str, Any], name: str | None, text: str | None,
         data: bytes | None) -> Job:
    scope = str(fields.get("scope") or "all")
    if scope not in SCOPES:
        raise BadRequest(f"scope 只能是 {'、'.join(SCOPES)} (scope must be one of "
                         f"{', '.join(SCOPES)})")
    target = None
    if scope == "one":
        try:
            target = (str(fields["code"]), int(fields["line"]), int(fields["column"]))
        except (KeyError, TypeError, ValueError):
            raise BadRequest("scope=one 需要 code、line、column (scope=one needs code, line "
                             "and column)") from None
    encoding = str(fields.get("encoding") or "utf-8")
    return Job(name=name, text=text, data=data, profile=str(fields.get("profile") or "draft"),
               encoding=encoding, bom=_flag(fields.get("bom")), scope=scope, target=target,
               download=_flag(fields.get("download")))


async def read_job(request: Request) -> Job:
    """The draft and options of a POST: JSON ``{"text": …}`` or a multipart form with a
    ``file`` (or a ``text`` field) and the options as fields."""
    body = await read_body(request)
    kind, options = parse_options_header(request.headers.get("content-type", ""))
    if kind == b"multipart/form-data":
        boundary = options.get(b"boundary")
        if not boundary:
            raise BadRequest("表单缺少 boundary (multipart body without a boundary)")
        parts = _multipart(body, boundary)
        fields = {key: value.decode("utf-8", "replace") for key, (filename, value)
                  in parts.items() if filename is None}
        if "file" in parts:
            filename, data = parts["file"]
            return _job(fields, _base_name(filename or fields.get("name")) or "upload",
                        None, data)
        if "text" not in fields:
            raise BadRequest("请提供 text 或 file (send a text or a file)")
        return _job(fields, _base_name(fields.get("name")), fields["text"], None)
    try:
        fields = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BadRequest("请求不是 JSON 或表单 (the body is neither JSON nor a form)") from None
    if not isinstance(fields, dict) or not isinstance(fields.get("text"), str):
        raise BadRequest('JSON 需要字符串字段 text (JSON needs a "text" string)')
    return _job(fields, _base_name(fields.get("name")), fields["text"], None)
