"""What the grammar's terminals compile to, kept once per machine, not once per process.

Compiling a terminal is most of what a short run costs: ``re`` parses and translates
TRANSITION (~2,900 characters once Lark has inlined its parts) in ~22 ms and VOCATIVE
in ~14 ms, about 100 ms for what a first parse needs, against ~1 ms to hand ``_sre`` the
code it compiled to (python -m jianghua.bench, start-up); reading where each cue can
match off its pattern (screens.py) costs ~30 ms more, and loading Lark to build the
regular expressions from the grammar ~40 ms. So the code ``re`` compiles each terminal
to, and what is read off the grammar (each terminal's regular expression, the order
Lark tries them in, the roles the rules give them, the screens), are kept in a JSON
file, as Lark keeps its tables (``cache=True``); a run that finds them never imports Lark:

* one file per grammar, Lark installation and interpreter (the code's format is
  CPython's and changes between versions; ``_sre.MAGIC`` and the version are in its
  name);
* in ``$JIANGHUA_CACHE_DIR``, else ``$XDG_CACHE_HOME/jianghua`` or ``~/.cache/jianghua``;
  ``JIANGHUA_CACHE_DIR=`` (empty) keeps nothing on disk;
* written atomically when something was computed that it did not hold, the oldest
  files beyond a few removed then (each edit of the grammar writes a new one); a file that
  cannot be read or written, or code ``_sre`` refuses (it validates what it is given),
  falls back to ``re.compile``, so the cache can make a run faster, never wrong.

JSON, not pickle: a file in a shared directory is never code that runs.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:  # Python 3.11+
    from re import _compiler as sre_compile  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

try:
    import _sre
except ImportError:  # pragma: no cover - not CPython: re.compile each run
    _sre = None

__all__ = ["GrammarCache", "cache_dir"]

_ENV = "JIANGHUA_CACHE_DIR"
# Files kept for other grammars, Lark installations and interpreters (a few virtual
# environments); the least recently written beyond these go when one is written.
_KEPT_FILES = 8
# What ``_sre.compile`` takes besides the pattern: flags, code, groups, group names.
_Entry = tuple[int, list[int], int, dict[str, int], list[str | None]]


def cache_dir() -> Path | None:
    """Where compiled terminals are kept (None: nowhere)."""
    configured = os.environ.get(_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "jianghua"


def _prune(folder: Path) -> None:
    """Remove all but the ``_KEPT_FILES`` most recently written cache files: every
    edit of the grammar and every upgrade writes a new one."""
    try:
        files = sorted(folder.glob("grammar-*.json"), key=lambda path: path.stat().st_mtime_ns)
        for stale in files[:-_KEPT_FILES]:
            stale.unlink(missing_ok=True)
    except OSError:  # another process pruned first: nothing lost but the tidying
        pass


def _lark_stamp() -> bytes:
    """Which Lark is installed, without importing it (that costs more than the cache
    saves): its package's path, size and time. The regular expressions Lark builds
    from the grammar are kept too, and another Lark may build them otherwise."""
    spec = importlib.util.find_spec("lark")
    if spec is None or spec.origin is None:
        return b""
    stat = os.stat(spec.origin)
    return f"{spec.origin}:{stat.st_size}:{stat.st_mtime_ns}".encode()


def _compiled_parts(pattern: str) -> _Entry:
    """What ``re`` compiles ``pattern`` to, as ``re._compiler.compile`` computes it."""
    parsed = sre_parse.parse(pattern, 0)
    code = sre_compile._code(parsed, 0)
    names = parsed.state.groupdict
    index_names: list[str | None] = [None] * parsed.state.groups
    for name, index in names.items():
        index_names[index] = name
    return parsed.state.flags, list(code), parsed.state.groups - 1, dict(names), index_names


def _from_parts(pattern: str, entry: _Entry) -> re.Pattern[str]:
    flags, code, groups, names, index_names = entry
    return _sre.compile(pattern, flags, code, groups, names, tuple(index_names))


class GrammarCache:
    """Compiled terminals, and what is derived from them, of one grammar, on disk."""

    def __init__(self, grammar: str) -> None:
        self.code: dict[str, _Entry] = {}
        self.derived: dict[str, Any] = {}
        self.path: Path | None = None
        self.usable = sys.implementation.name == "cpython" and _sre is not None
        folder = cache_dir()
        if folder is None:
            return
        key = hashlib.sha256(grammar.encode("utf-8") + _lark_stamp()).hexdigest()[:16]
        version = "".join(map(str, sys.version_info[:3]))
        magic = getattr(_sre, "MAGIC", 0)
        self.path = folder / f"grammar-{key}-py{version}-sre{magic}.json"
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            code, derived = loaded["code"], loaded["derived"]
        except (OSError, ValueError, TypeError, KeyError):
            return
        if isinstance(code, dict) and isinstance(derived, dict):
            self.code, self.derived = code, derived

    def compile(self, pattern: str) -> re.Pattern[str]:
        """``re.compile(pattern)``, from the code kept for it where there is some."""
        if not self.usable:
            return re.compile(pattern)
        entry = self.code.get(pattern)
        if entry is not None:
            try:
                return _from_parts(pattern, entry)
            except Exception:  # a damaged or foreign file: compile afresh (module docstring)
                pass
        try:
            entry = _compiled_parts(pattern)
            compiled = _from_parts(pattern, entry)
        except Exception:  # another interpreter's internals: the public way
            self.usable = False
            return re.compile(pattern)
        self.code[pattern] = entry
        self._save()
        return compiled

    def remembered(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()``'s value (JSON: lists, strings, numbers), kept under ``key``."""
        if key not in self.derived:
            self.derived[key] = compute()
            self._save()
        return self.derived[key]

    def _save(self) -> None:
        if self.path is None:
            return
        temporary = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"code": self.code, "derived": self.derived}, out,
                          ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, self.path)
            _prune(self.path.parent)
        except OSError:
            self.path = None  # read-only or full: compute each run, as without a cache
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
