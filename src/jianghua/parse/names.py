"""Speakers' lines: an office and a name (国务院总理 朱镕基, 县委书记张XX, 四川省省长：张中伟),
and names written as placeholders (xxx, 张XX, ×××) — how front matter and a message's
sign-off name who speaks (front_lines.py, closings.py)."""

from __future__ import annotations

from collections.abc import Callable

from jianghua.parse.lines import terminal_pattern
from jianghua.parse.pieces import SPACES

__all__ = ["MAX_NAME_CHARS", "is_name", "is_placeholder", "is_signer", "office_before_name",
           "office_colon_name"]

# A speaker's name on a front line (习近平, 朱镕基, XX).
MAX_NAME_CHARS = 4
# What stands for a name not filled in (市长xxx, 张XX, ×××, 某某).
_PLACEHOLDER = "xXＸｘ×*＊某"


def is_placeholder(name: str) -> bool:
    """A name written as a placeholder (xxx, 张XX, ×××): a drafter's blank, which no
    word of a title or an address ends in."""
    return any(ch in _PLACEHOLDER for ch in name)


def is_name(word: str) -> bool:
    """A person's name as a speaker's line ends in it (张XX, ×××), not a collection's
    label (篇1, 篇一)."""
    return not word.startswith("篇") and not any(ch.isdigit() for ch in word)


def office_colon_name(content: str) -> bool:
    """四川省省长：张中伟 — the speaker's office, a colon, his name: a speaker's line."""
    office, colon, name = content.partition("：") if "：" in content else content.partition(":")
    name = name.replace("\u3000", "").replace(" ", "")
    return bool(colon) and len(name) > 1 and is_signer(f"{office.strip(SPACES)} {name}")


def is_signer(text: str) -> bool:
    """A speaker's or signer's line: an office, then a name (国务院总理 朱镕基 / 香江集团
    总裁 翟美卿), as it heads a speech or signs a message off."""
    parts = text.replace("\u3000", " ").split()
    return len(parts) == 2 and len(parts[1]) <= MAX_NAME_CHARS and is_name(parts[1]) and (
        terminal_pattern("SPEAKER_OFFICE").search(parts[0]) is not None)


def office_before_name(content: str, name_ok: Callable[[str], bool] = is_name) -> bool:
    """Whether ``content`` ends in an office and then a name of two to four characters
    that ``name_ok`` accepts, with nothing between (……党委书记张XX, 市长xxx)."""
    office = terminal_pattern("SPEAKER_OFFICE")
    return any(office.search(content, 0, len(content) - size) is not None
               and name_ok(content[-size:]) for size in range(2, MAX_NAME_CHARS + 1))
