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

    [tool.jianghua.severity]         # lower a rule (never above its tier's cap)
    JH604 = "info"

Settings for ``check`` may also sit in a ``[tool.jianghua.check]`` sub-table, which
wins over the table above it. Command-line options win over the file: ``--select``
replaces ``select``; ``--ignore`` and ``--extend-select`` add to the file's lists.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from jianghua.checks.diagnostics import Severity
from jianghua.checks.profiles import ProfileError, resolve_profile
from jianghua.checks.registry import SelectorError, all_rules, normalise_selectors

CONFIG_FILES = ("jianghua.toml", "pyproject.toml")
_KEYS = {"select", "ignore", "extend-select", "profile", "fail-on", "severity"}


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
    try:
        here = Path(start).resolve()
    except (RuntimeError, OSError):
        # A symlink loop (RuntimeError before Python 3.13): the file itself will fail
        # to read with its own one-line error; its folder still has a configuration.
        here = Path(os.path.abspath(start))
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
    if isinstance(check, dict):
        sub = {key.replace("_", "-"): value for key, value in check.items()}
        unknown = sorted(set(sub) - _KEYS)
        if unknown:
            raise ConfigError(path, f"未知的设置 {', '.join(unknown)}",
                              f"unknown setting(s) {', '.join(unknown)}")
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
    return Config(**settings)


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
