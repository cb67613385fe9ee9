"""Configuration: ``[tool.jianghua]`` in ``pyproject.toml``, or ``jianghua.toml``.

Found upward from the checked file's folder, as ruff finds its settings: in each
folder ``jianghua.toml`` (its keys at top level or under ``[tool.jianghua]``) wins over
``pyproject.toml``, and a ``pyproject.toml`` without a ``[tool.jianghua]`` table is
passed over. Keys (``-`` or ``_`` alike)::

    [tool.jianghua]
    select = ["JH1", "JH6"]          # default: all rules
    ignore = ["JH303"]
    extend-select = ["JH303"]
    profile = "published"            # draft | published | fragment, or "published,fragment"
    fail-on = "warning"              # error (default) | warning | info

    exclude = ["README*.md"]         # folders and globs skip these (default: README*.md)
    extend-exclude = ["旧稿/**"]      # added to exclude

    [tool.jianghua.severity]         # lower a rule (never above its tier's cap)
    JH604 = "info"

    [tool.jianghua.per-file-ignores]  # glob -> rules not checked in the files it matches
    "附件/*.txt" = ["JH5"]

Settings for ``check`` may also sit in a ``[tool.jianghua.check]`` sub-table, which
wins over the table above it. Command-line options win over the file: ``--select``
replaces ``select``; ``--ignore`` and ``--extend-select`` add to the file's lists.

Patterns (``exclude``, ``per-file-ignores``) are matched as ruff matches them: a pattern
without ``/`` against the file's name, one with ``/`` against its path relative to the
configuration file's folder; ``**`` crosses folders. A key that is not one of the
above is an error naming the closest valid key (``ignor`` → ``ignore``), as a typo that
silently did nothing would leave the team believing a rule was off.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from jianghua.checks.diagnostics import Severity
from jianghua.checks.profiles import ProfileError, resolve_profile
from jianghua.checks.registry import SelectorError, all_rules, normalise_selectors

CONFIG_FILES = ("jianghua.toml", "pyproject.toml")
_KEYS = {"select", "ignore", "extend-select", "profile", "fail-on", "severity",
         "exclude", "extend-exclude", "per-file-ignores"}
#: README.md in a folder of drafts describes them; it is not a speech (issue 11: check
#: reads the same files as the other commands, .md included, less these).
DEFAULT_EXCLUDE = ("README*.md",)


class ConfigError(ValueError):
    """A configuration file that cannot be used (a usage error: exit code 2)."""

    def __init__(self, path: Path, reason_zh: str, reason_en: str) -> None:
        self.path = path
        super().__init__(f"{path}: 配置错误：{reason_zh} (configuration error: {reason_en})")


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    profile: str | None = None
    fail_on: Severity | None = None
    severity: dict[str, Severity] = field(default_factory=dict)
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def root(self) -> Path:
        """The folder patterns are relative to: the configuration file's, or the cwd."""
        return self.path.parent if self.path is not None else Path.cwd()

    def excludes(self, path: str | Path) -> bool:
        """Whether a file found in a folder or by a glob is skipped (``exclude``)."""
        return any(matches(pattern, path, self.root) for pattern in self.exclude)

    def ignores_for(self, path: str | Path | None) -> list[str]:
        """The rules ``per-file-ignores`` turns off for ``path``."""
        if path is None:
            return []
        return [code for pattern, codes in self.per_file_ignores
                if matches(pattern, path, self.root) for code in codes]

    def settings(self) -> dict:
        """What ``--show-settings`` prints (JSON-ready)."""
        return {
            "config": str(self.path) if self.path else None,
            "select": self.select, "ignore": self.ignore,
            "extend-select": self.extend_select, "profile": self.profile,
            "fail-on": self.fail_on.value if self.fail_on else None,
            "severity": {code: level.value for code, level in self.severity.items()},
            "exclude": list(self.exclude),
            "per-file-ignores": {pattern: list(codes)
                                 for pattern, codes in self.per_file_ignores},
        }


@lru_cache(maxsize=256)
def _pattern_re(pattern: str) -> re.Pattern[str]:
    out = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        else:
            ch = pattern[index]
            out.append("[^/]*" if ch == "*" else "[^/]" if ch == "?" else re.escape(ch))
            index += 1
    return re.compile("".join(out) + r"\Z")


def _resolved(path: str | Path) -> Path:
    """``Path.resolve()``, or the absolute path where a symlink loop stops it (a
    RuntimeError before Python 3.13): the file itself then fails to read with its own
    one-line error, and its folder still has a configuration and exclude patterns."""
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError):
        return Path(os.path.abspath(path))


def matches(pattern: str, path: str | Path, root: Path) -> bool:
    """ruff's reading of a pattern: no ``/`` → the file name (or any folder name on
    the way), else the path relative to ``root``."""
    pattern = pattern.replace(os.sep, "/").removeprefix("./").rstrip("/")
    absolute = _resolved(path)
    try:
        relative = PurePosixPath(absolute.relative_to(_resolved(root)).as_posix())
    except ValueError:
        relative = PurePosixPath(absolute.as_posix())
    compiled = _pattern_re(pattern)
    if "/" not in pattern:
        return any(compiled.match(part) for part in relative.parts)
    text = str(relative)
    return bool(compiled.match(text) or compiled.match(text + "/")
                or any(compiled.match(str(parent)) for parent in relative.parents))


def _table(path: Path) -> dict | None:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"不是有效的 TOML：{exc}", f"not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(path, f"无法读取：{exc.strerror}", f"cannot read: {exc}") from None
    tool = data.get("tool", {}).get("jianghua") if isinstance(data.get("tool"), dict) else None
    if path.name == "pyproject.toml":
        return tool
    return tool if tool is not None else data


def find_config(start: str | Path) -> Path | None:
    """The configuration file that applies to ``start`` (a file or folder), or None."""
    here = _resolved(start)
    folder = here if here.is_dir() else here.parent
    return _find_in(folder)


@lru_cache(maxsize=256)
def _find_in(folder: Path) -> Path | None:
    for candidate_folder in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = candidate_folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _table(candidate) is not None):
                return candidate
    return None


def _list(path: Path, key: str, value: object) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(path, f"{key} 应为字符串列表", f"{key} must be a list of strings")
    try:
        return normalise_selectors(value, all_rules())
    except SelectorError as exc:
        raise ConfigError(path, f"{key} 中的 {exc} 不是规则代码、前缀或名称",
                          f"{exc!s} in {key} names no rule") from None


def load_config(path: str | Path) -> Config:
    path = Path(path)
    table = _table(path) or {}
    if not isinstance(table, dict):
        raise ConfigError(path, "[tool.jianghua] 应为表", "[tool.jianghua] must be a table")
    merged = {key.replace("_", "-"): value for key, value in table.items()}
    check = merged.pop("check", None)
    _reject_unknown(path, merged, "")
    if isinstance(check, dict):
        sub = {key.replace("_", "-"): value for key, value in check.items()}
        _reject_unknown(path, sub, "check.")
        merged.update(sub)
    settings: dict = {"path": path}
    if "select" in merged:
        settings["select"] = _list(path, "select", merged["select"])
    if "ignore" in merged:
        settings["ignore"] = _list(path, "ignore", merged["ignore"])
    if "extend-select" in merged:
        settings["extend_select"] = _list(path, "extend-select", merged["extend-select"])
    if "profile" in merged:
        try:
            settings["profile"] = resolve_profile(str(merged["profile"])).name
        except ProfileError as exc:
            raise ConfigError(path, f"未知的 profile {exc}", f"unknown profile {exc}") from None
    if "fail-on" in merged:
        settings["fail_on"] = _severity(path, "fail-on", merged["fail-on"])
    if "severity" in merged:
        table = merged["severity"]
        if not isinstance(table, dict):
            raise ConfigError(path, "severity 应为表", "severity must be a table")
        codes = {rule.code for rule in all_rules()}
        severity = {}
        for code, level in table.items():
            if code.upper() not in codes:
                raise ConfigError(path, f"severity 中的 {code} 不是规则代码",
                                  f"{code} in severity is not a rule code")
            severity[code.upper()] = _severity(path, f"severity.{code}", level)
        settings["severity"] = severity
    exclude = (_patterns(path, "exclude", merged["exclude"]) if "exclude" in merged
               else DEFAULT_EXCLUDE)
    if "extend-exclude" in merged:
        exclude += _patterns(path, "extend-exclude", merged["extend-exclude"])
    settings["exclude"] = exclude
    if "per-file-ignores" in merged:
        settings["per_file_ignores"] = _per_file_ignores(path, merged["per-file-ignores"])
    return Config(**settings)


def _reject_unknown(path: Path, table: dict, prefix: str) -> None:
    for key in sorted(set(table) - _KEYS):
        close = difflib.get_close_matches(key, sorted(_KEYS), n=1, cutoff=0.6)
        hint_zh = f"；是不是 {prefix}{close[0]}？" if close else ""
        hint_en = f"; did you mean {prefix}{close[0]}?" if close else ""
        valid = ", ".join(sorted(_KEYS))
        raise ConfigError(path, f"未知的设置 {prefix}{key}{hint_zh}（可用：{valid}）",
                          f"unknown setting {prefix}{key}{hint_en} (valid: {valid})")


def _patterns(path: Path, key: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(path, f"{key} 应为字符串列表", f"{key} must be a list of strings")
    return tuple(value)


def _per_file_ignores(path: Path, value: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(path, "per-file-ignores 应为表（模式 = [规则]）",
                          "per-file-ignores must be a table (pattern = [rules])")
    return tuple((pattern, tuple(_list(path, f"per-file-ignores.{pattern}", codes)))
                 for pattern, codes in value.items())


def _severity(path: Path, key: str, value: object) -> Severity:
    try:
        return Severity(str(value).lower())
    except ValueError:
        raise ConfigError(path, f"{key} 应为 error、warning 或 info",
                          f"{key} must be error, warning or info") from None


def config_for(target: str | Path) -> Config:
    """The configuration that applies to a checked file (an empty one if none)."""
    found = find_config(target)
    return _load_cached(found) if found is not None else Config()


@lru_cache(maxsize=64)
def _load_cached(path: Path) -> Config:
    return load_config(path)


def clear_cache() -> None:
    """Forget found and loaded files (tests write configs into fresh folders)."""
    _find_in.cache_clear()
    _load_cached.cache_clear()
