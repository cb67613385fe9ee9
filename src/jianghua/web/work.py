"""What the server does with one draft: read it, parse, check, fix, encode it back.

These functions run in the worker processes of ``jianghua.web.pool`` (so a hostile
input that parses for ever can be stopped by killing its process), which is why they
are plain top-level functions of a picklable ``Job`` and return plain values: a
``JianghuaError`` does not survive pickling (its constructor takes two reasons), so
errors come back as ``Failure`` values carrying the CLI's one-line message.

Everything goes through the library's public doors, imported here and nowhere else in
the web package, so that a later move of a core module is a one-line edit:
``decode_bytes`` (the CLI's detection of UTF-8/GBK/UTF-16 and of binary files), the
.docx reader ``check`` uses, ``parse``/``parse_docx``, ``check``, ``fix_text`` and
``fix_docx`` (the writer behind ``check --fix``), ``encode_text`` (writing back in the
source's encoding and BOM), ``render_outline``, ``speech_to_json`` and the diagnostics'
``to_json`` (the rows of ``check --format json``).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from jianghua.web.outline_tree import outline_tree

SCOPES = ("all", "one", "none")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Job:
    """One request's draft and options, as the worker needs them."""

    #: Shown in messages and diagnostics: the uploaded file's base name, or None for
    #: pasted text (as ``jianghua check -`` reports ``<stdin>``).
    name: str | None = None
    text: str | None = None  # pasted text, line ends as the drafter's file has them
    data: bytes | None = None  # an uploaded file's bytes
    profile: str = "draft"
    #: How pasted text is written back (what an earlier upload of it was).
    encoding: str = "utf-8"
    bom: bool = False
    scope: str = "all"  # /api/fix: all safe fixes, one problem's, or none (encode only)
    target: tuple[str, int, int] | None = None  # scope "one": (code, line, column)
    download: bool = False  # /api/fix: the file itself instead of JSON


@dataclass(frozen=True)
class Failure:
    """An input or usage error: the CLI's one-line message and an HTTP status."""

    status: int
    message: str


@dataclass(frozen=True)
class Reply:
    """A successful answer: the body and its media type (and a file name to save as)."""

    body: bytes
    media_type: str = "application/json"
    filename: str | None = None


def _is_docx(job: Job) -> bool:
    return bool(job.name) and job.name.lower().endswith(".docx")  # type: ignore[union-attr]


def _read(job: Job):
    """(text, Source, docx bytes or None) the way ``jianghua check`` reads a file."""
    from jianghua.model import Source
    from jianghua.read.decode import decode_bytes

    shown = job.name or "<stdin>"
    if job.data is None:
        return job.text or "", Source(path=job.name, encoding=job.encoding, bom=job.bom), None
    if _is_docx(job):
        from jianghua.docx.reader import read_docx_bytes

        docx = read_docx_bytes(job.data, path=shown)
        return docx.text, Source(path=job.name, format="docx",
                                 warnings=list(docx.warnings)), job.data
    decoded = decode_bytes(job.data, path=shown)
    return decoded.text, Source(path=job.name, encoding=decoded.encoding,
                                bom=decoded.bom), None


def _newline(text: str) -> str:
    """The first line ending of ``text`` (what the page re-applies after a textarea,
    which turns every line ending into ``\\n``)."""
    at = text.find("\n")
    cr = text.find("\r")
    if cr >= 0 and (at < 0 or cr < at):
        return "\r\n" if text.startswith("\r\n", cr) else "\r"
    return "\n"


def _json(value: Any) -> Reply:
    return Reply(json.dumps(value, ensure_ascii=False).encode("utf-8"))


def _source_json(source, text: str) -> dict:
    return {"name": source.path, "format": source.format, "encoding": source.encoding,
            "bom": source.bom, "newline": _newline(text), "warnings": source.warnings}


def _checker(job: Job, path: str | None) -> Callable:
    from jianghua.checks import check

    def checker(speech, text: str) -> list:
        return check(speech, text=text, path=path, profile=job.profile)

    return checker


def _one_fix_checker(job: Job, path: str | None) -> Callable:
    """A checker that offers only the chosen problem's fix, once: ``fix_text`` then
    applies it with all its promises (structure kept, line ends untouched)."""
    full = _checker(job, path)
    calls = 0

    def checker(speech, text: str) -> list:
        nonlocal calls
        calls += 1
        found = full(speech, text)
        if calls == 1:
            return [d if (d.code, d.line, d.column) == job.target else replace(d, fix=None)
                    for d in found]
        return [replace(d, fix=None) for d in found]

    return checker


# --- the three kinds of work ---------------------------------------------------------


def parse_job(job: Job) -> Reply:
    """``jianghua parse``: the Speech JSON (a .docx through ``parse_docx``)."""
    from jianghua.api import parse, parse_docx
    from jianghua.render.json import speech_to_json

    if job.data is not None and _is_docx(job):
        speech = parse_docx(data=job.data, name=job.name or "<stdin>")
    else:
        text, source, _ = _read(job)
        speech = parse(text, source=source)
    return Reply(speech_to_json(speech).encode("utf-8"))


def check_job(job: Job) -> Reply:
    """``jianghua check`` and ``jianghua outline`` on one draft, for the page."""
    from jianghua.api import parse
    from jianghua.checks import check
    from jianghua.checks.formats import summary
    from jianghua.render.outline import render_outline

    text, source, _ = _read(job)
    speech = parse(text, source=source)
    diagnostics = check(speech, text=text, path=source.path, profile=job.profile)
    return _json({
        "source": _source_json(source, text),
        # Only an upload's text is news to the caller (the page shows it in the box).
        "text": text if job.data is not None else None,
        "outline": render_outline(speech),
        "tree": outline_tree(speech),
        # The rows of `jianghua check --format json`, in its order.
        "diagnostics": [d.to_json() for d in diagnostics],
        "summary": summary(diagnostics),
        "fixable": sum(1 for d in diagnostics if d.fix is not None),
    })


def fix_job(job: Job) -> Reply | Failure:
    """``jianghua check --fix`` (all safe fixes, one problem's, or none) and the result as
    JSON with a diff, or (``download``) as the file: text in the upload's encoding, BOM
    and line ends, a .docx rewritten by the same writer as ``check --fix``."""
    from jianghua.checks.fixes import fix_docx, fix_text, unified_diff
    from jianghua.checks.formats import summary
    from jianghua.read.decode import encode_text

    text, source, docx = _read(job)
    name = job.name or "讲稿.txt"
    if job.scope == "none":
        checker = _checker(job, source.path)

        def no_fixes(speech, text: str) -> list:
            return [replace(d, fix=None) for d in checker(speech, text)]

        chosen = no_fixes
    elif job.scope == "one":
        chosen = _one_fix_checker(job, source.path)
    else:
        chosen = _checker(job, source.path)
    fixed_docx: bytes | None = None
    if docx is not None:
        result, fixed_docx, before = fix_docx(docx, chosen, source=source, path=name)
    else:
        result, before = fix_text(text, chosen, source=source), text
    if job.download and fixed_docx is not None:
        return Reply(fixed_docx, DOCX_TYPE, name)
    if job.download:
        try:
            data = encode_text(result.text, source.encoding, source.bom)
        except (UnicodeEncodeError, LookupError) as exc:
            return Failure(422, f"{name}: 错误：文本无法用 {source.encoding} 编码写回 (error: "
                                f"the text cannot be written back in {source.encoding}: {exc})")
        return Reply(data, f"text/plain; charset={source.encoding}", name)
    remaining = result.remaining
    answer: dict[str, Any] = {
        "text": result.text,
        "diff": unified_diff(before, result.text, name),
        "fixed": result.fixed,
        "diagnostics": [d.to_json() for d in remaining],
        "summary": summary(remaining),
        "skipped": [{"code": d.code, "line": d.line, "reason": why} for d, why in result.skipped],
        "source": _source_json(source, result.text),
    }
    if fixed_docx is not None:
        answer["docx_base64"] = base64.b64encode(fixed_docx).decode("ascii")
    return _json(answer)


def rules_json() -> Reply:
    """``jianghua rules --format json``, with the profiles the page offers."""
    from jianghua.checks.registry import all_rules

    return _json([{"code": r.code, "name": r.name, "severity": r.severity.value,
                   "tier": r.tier.value, "fixable": r.fixable, "message": r.message,
                   "doc": r.doc()} for r in all_rules()])


def run(kind: str, job: Job) -> Reply | Failure:
    """The worker's entry point: any ``JianghuaError`` becomes its one-line message."""
    from jianghua.checks.profiles import PROFILES, ProfileError, resolve_profile
    from jianghua.errors import JianghuaError

    try:
        resolve_profile(job.profile)
    except ProfileError as exc:
        return Failure(400, f"未知的 profile：{exc}（可用：{', '.join(PROFILES)}） (unknown "
                            f"profile {exc}; choose from {', '.join(PROFILES)})")
    try:
        if kind == "parse":
            return parse_job(job)
        if kind == "check":
            return check_job(job)
        return fix_job(job)
    except JianghuaError as exc:
        return Failure(422, exc.message)


def warm() -> None:
    """Load the grammar and the rules before the first draft arrives."""
    run("check", Job(text="同志们：\n一、甲\n"))
