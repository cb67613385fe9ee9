"""Output formats for diagnostics: human (default), concise, json, github, sarif.

``human`` is shaped after ruff and rustc: a header ``file:line:col CODE name message``,
the source line with the line number in a gutter, a caret line under the exact span,
and a summary by severity. Column arithmetic for the carets counts terminal *cells*
(rich's ``cell_len``: a hanzi or a full-width mark is two cells), so the carets sit
under the characters they mean. Long paragraphs (a speech paragraph is often one line
of several hundred characters) are shown as a window around the span.

``concise`` is one line per finding (ruff's ``--output-format concise``), for a draft with
hundreds of findings of one rule; ``statistics`` counts them per rule (ruff's
``--statistics``). A finding in a .docx also says where a person finds it in Word: the
paragraph (line *n* of the extracted text is paragraph *n*, ``SourceParagraph``) and
its first words, to search for. Colour (``Palette``) is ANSI, only when asked for.

``sarif`` is SARIF 2.1.0 with ``columnKind: unicodeCodePoints`` (our columns count
code points), validated in the tests against the OASIS schema.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import PurePath
from urllib.parse import quote

from rich.cells import cell_len

from jianghua.checks.diagnostics import Diagnostic, Severity
from jianghua.checks.registry import Rule, all_rules

FORMATS = ("human", "concise", "json", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_WINDOW = 72  # cells of source shown around a span on long lines
_LEAD = 24  # cells of context kept before the span


# --- colour and places ----------------------------------------------------------------


_ANSI = {"bold": "1", "dim": "2", "red": "1;31", "yellow": "1;33", "cyan": "1;36",
         "green": "32"}
_SEVERITY_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


class Palette:
    """ANSI styles for the human and concise formats; ``Palette(False)`` adds none."""

    def __init__(self, enabled: bool = False) -> None:
        self.enabled = enabled

    def __call__(self, style: str, text: str) -> str:
        if not self.enabled or not text:
            return text
        return f"\x1b[{_ANSI[style]}m{text}\x1b[0m"

    def severity(self, severity: Severity, text: str) -> str:
        return self(_SEVERITY_STYLE[severity], text)


_PLAIN = Palette(False)
_WORDS = 12  # characters of a paragraph quoted to find it in Word


def is_docx(path: str | None) -> bool:
    return bool(path) and str(path).lower().endswith(".docx")


def docx_place(text: str, line: int, starts: list[int] | None = None) -> str:
    """Where line ``line`` of a .docx's text is in Word: ``第 12 段「今天，我们召开…」``
    (the reader writes paragraph n of the document as line n, SourceParagraph)."""
    source = _line_of(text, line, starts or line_starts(text)).strip()
    words = source[:_WORDS] + ("…" if len(source) > _WORDS else "")
    return f"第 {line} 段「{words}」 (paragraph {line})"


def _starts_of(cache: dict[str | None, list[int]], path: str | None, text: str) -> list[int]:
    """The line starts of ``text``, computed once per file: ``cache.setdefault(path,
    line_starts(text))`` scanned the whole text for every diagnostic, so printing
    10,000 findings took 190 s (quadratic) where 2 s suffice."""
    starts = cache.get(path)
    if starts is None:
        starts = cache[path] = line_starts(text)
    return starts


def _place(d: Diagnostic, texts: Mapping[str | None, str],
           cache: dict[str | None, list[int]]) -> str:
    text = texts.get(d.path)
    if not is_docx(d.path) or text is None:
        return ""
    starts = _starts_of(cache, d.path, text)
    return " " + docx_place(text, d.line, starts)


# --- human --------------------------------------------------------------------------

def _display(ch: str) -> str:
    """What a character looks like in the excerpt: tabs and line ends as one space."""
    return " " if ch in "\t\r\n" else ch


def _excerpt(line_text: str, start_col: int, end_col: int) -> tuple[str, str]:
    """The source line (windowed if long) and the caret line under columns
    ``[start_col, end_col)`` (1-based code points; an empty span gets one caret)."""
    chars = [_display(ch) for ch in line_text]
    start = min(max(start_col - 1, 0), len(chars))
    end = min(max(end_col - 1, start), len(chars))
    lo, hi = 0, len(chars)
    if cell_len("".join(chars)) > _WINDOW + _LEAD:
        lo = start
        while lo > 0 and cell_len("".join(chars[lo - 1:start])) <= _LEAD:
            lo -= 1
        hi = end
        while hi < len(chars) and cell_len("".join(chars[lo:hi + 1])) <= _WINDOW:
            hi += 1
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(chars) else ""
    shown = prefix + "".join(chars[lo:hi]) + suffix
    pad = cell_len(prefix) + cell_len("".join(chars[lo:start]))
    width = max(1, cell_len("".join(chars[start:min(end, hi)])))
    return shown, " " * pad + "^" * width


def _line_of(text: str, line: int, starts: list[int]) -> str:
    begin = starts[line - 1]
    finish = starts[line] if line < len(starts) else len(text)
    return text[begin:finish].rstrip("\r\n")


def line_starts(text: str) -> list[int]:
    starts = [0]
    index = 0
    length = len(text)
    while index < length:
        ch = text[index]
        if ch == "\r":
            if index + 1 < length and text[index + 1] == "\n":
                index += 1
            starts.append(index + 1)
        elif ch == "\n":
            starts.append(index + 1)
        index += 1
    return starts


def summary(diagnostics: Iterable[Diagnostic], *, files: int | None = None) -> str:
    counts = Counter(d.severity for d in diagnostics)
    total = sum(counts.values())
    where = f"（{files} 个文件）" if files and files > 1 else ""
    where_en = f" in {files} files" if files and files > 1 else ""
    if not total:
        return f"未发现问题{where} (no problems found{where_en})"
    parts_zh = [f"{counts[s]} 个{s.label_zh}" for s in
                (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s]]
    parts_en = [f"{counts[s]} {s.value}{'s' if counts[s] != 1 and s is not Severity.INFO else ''}"
                for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s]]
    return (f"发现 {total} 个问题{where}：{'，'.join(parts_zh)} "
            f"({total} problem{'s' if total != 1 else ''}{where_en}: {', '.join(parts_en)})")


def by_rule(diagnostics: Iterable[Diagnostic]) -> str:
    """The summary's second line: how many findings of each rule, most first."""
    counts = Counter(d.code for d in diagnostics)
    if len(counts) < 2:
        return ""
    names = {d.code: d.name for d in diagnostics}
    parts = [f"{code} {names[code]} ×{n}" for code, n in
             sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    return "按规则 (by rule): " + "，".join(parts)


def _header(d: Diagnostic, palette: Palette, place: str) -> str:
    where = palette("bold", f"{d.path or '<stdin>'}:{d.line}:{d.column}")
    return f"{where}{place} {palette.severity(d.severity, d.code)} {d.name} {d.message}"


def _tail(diagnostics: list[Diagnostic], files: int | None, palette: Palette) -> list[str]:
    out = [palette("bold", summary(diagnostics, files=files))]
    grouped = by_rule(diagnostics)
    if grouped:
        out.append(grouped)
    fixable = sum(1 for d in diagnostics if d.fix is not None)
    if fixable:
        out.append(f"其中 {fixable} 个可用 --fix 自动修复 ({fixable} fixable with --fix)")
    return out


def format_concise(diagnostics: list[Diagnostic], texts: Mapping[str | None, str], *,
                   files: int | None = None, palette: Palette = _PLAIN,
                   quiet: bool = False) -> str:
    """One line per finding (``[*]`` marks a fixable one), then the summary."""
    cache: dict[str | None, list[int]] = {}
    out = [f"{_header(d, palette, _place(d, texts, cache))}"
           f"{' ' + palette('green', '[*]') if d.fix is not None else ''}"
           for d in diagnostics]
    if not quiet:
        out.extend(_tail(diagnostics, files, palette))
    return "".join(line + "\n" for line in out)


def format_statistics(diagnostics: list[Diagnostic], *, as_json: bool = False) -> str:
    """Findings counted per rule, most first (ruff's ``--statistics``)."""
    counts = Counter(d.code for d in diagnostics)
    first = {}
    fixable: Counter[str] = Counter()
    for d in diagnostics:
        first.setdefault(d.code, d)
        fixable[d.code] += d.fix is not None
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if as_json:
        return json.dumps([{"code": code, "name": first[code].name, "count": n,
                            "fixable": fixable[code], "severity": first[code].severity.value}
                           for code, n in rows], ensure_ascii=False, indent=2) + "\n"
    width = max((len(str(n)) for n in counts.values()), default=1)
    return "".join(f"{n:>{width}}\t{code}\t{'[*]' if fixable[code] else '[ ]'} "
                   f"{first[code].name}\t{first[code].severity.value}\n"
                   for code, n in rows)


def format_human(diagnostics: list[Diagnostic], texts: Mapping[str | None, str], *,
                 files: int | None = None, show_source: bool = True,
                 palette: Palette = _PLAIN, quiet: bool = False) -> str:
    out: list[str] = []
    cache: dict[str | None, list[int]] = {}
    for d in diagnostics:
        out.append(_header(d, palette, _place(d, texts, cache)))
        text = texts.get(d.path)
        if not show_source or text is None:
            continue
        starts = _starts_of(cache, d.path, text)
        source = _line_of(text, d.line, starts)
        end_col = d.end_column if d.end_line == d.line else len(source) + 1
        shown, carets = _excerpt(source, d.column, end_col)
        gutter = str(d.line)
        blank = " " * len(gutter)
        bar = palette("dim", "|")
        out.append(f"{blank} {bar}")
        out.append(f"{palette('dim', gutter)} {bar} {shown}".rstrip())
        out.append(f"{blank} {bar} {palette.severity(d.severity, carets)}")
        if d.fix is not None:
            out.append(f"{blank} = {palette('green', '可修复 (fixable)')}: {d.fix.description}")
        out.append("")
    if quiet:
        while out and out[-1] == "":
            out.pop()
        return "".join(line + "\n" for line in out)
    out.extend(_tail(diagnostics, files, palette))
    return "\n".join(out) + "\n"


# --- json ---------------------------------------------------------------------------

def format_json(diagnostics: list[Diagnostic]) -> str:
    return json.dumps([d.to_json() for d in diagnostics], ensure_ascii=False, indent=2) + "\n"


# --- github -------------------------------------------------------------------------

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands (``::error file=…,line=…::message``)."""
    lines = []
    for d in diagnostics:
        props = [f"file={_escape_property(d.path or '<stdin>')}", f"line={d.line}",
                 f"col={d.column}", f"endLine={d.end_line}", f"endColumn={d.end_column}",
                 f"title={_escape_property(f'{d.code} {d.name}')}"]
        lines.append(f"::{_GITHUB_LEVEL[d.severity]} {','.join(props)}::"
                     f"{_escape_data(f'{d.code} {d.message}')}")
    return "".join(line + "\n" for line in lines)


# --- sarif --------------------------------------------------------------------------

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str | None) -> str:
    if not path:
        return "stdin"
    pure = PurePath(path)
    if pure.is_absolute():
        return "file://" + quote(pure.as_posix() if os.sep == "/" else "/" + pure.as_posix())
    return quote(pure.as_posix())


def _region(text: str | None, starts: list[int] | None, start: int, end: int) -> dict:
    assert text is not None and starts is not None
    from bisect import bisect_right

    def at(offset: int) -> tuple[int, int]:
        index = bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    line, column = at(start)
    end_line, end_column = at(end)
    return {"startLine": line, "startColumn": column, "endLine": end_line,
            "endColumn": end_column}


def _rule_descriptor(rule: type[Rule]) -> dict:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.message},
        "fullDescription": {"text": rule.summary()},
        "help": {"text": rule.doc()},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        "properties": {"tier": rule.tier.value, "fixable": rule.fixable},
    }


def sarif_log(diagnostics: list[Diagnostic], texts: Mapping[str | None, str],
              version: str = "0") -> dict:
    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    cache: dict[str | None, list[int]] = {}
    results = []
    for d in diagnostics:
        uri = artifact_uri(d.path)
        result: dict = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": {"startLine": d.line, "startColumn": d.column,
                           "endLine": d.end_line, "endColumn": d.end_column},
            }}],
        }
        text = texts.get(d.path)
        if d.fix is not None and text is not None:
            starts = _starts_of(cache, d.path, text)
            result["fixes"] = [{
                "description": {"text": d.fix.description},
                "artifactChanges": [{
                    "artifactLocation": {"uri": uri},
                    "replacements": [{
                        "deletedRegion": _region(text, starts, e.start, e.end),
                        "insertedContent": {"text": e.replacement},
                    } for e in d.fix.edits],
                }],
            }]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "jianghua", "version": version,
                                "rules": [_rule_descriptor(rule) for rule in rules]}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def format_sarif(diagnostics: list[Diagnostic], texts: Mapping[str | None, str],
                 version: str = "0") -> str:
    return json.dumps(sarif_log(diagnostics, texts, version), ensure_ascii=False,
                      indent=2) + "\n"
