"""Word automatic numbering: rebuild the label a reader sees ("一、", "（二）", "1.", "①").

In a .docx the ordinal of a heading is often not in the text at all: the paragraph
carries a ``w:numPr`` that points into the numbering part, and Word draws the label.
This module follows ECMA-376 Part 1 §17.9 (Numbering) closely enough to recover the
labels of real speeches; it never decides structure, it only reproduces what is shown.

Model (§17.9.15 num, §17.9.1 abstractNum, §17.9.6 lvl):
  w:num numId -> w:abstractNumId, optional w:lvlOverride (w:startOverride, or a whole w:lvl)
  w:abstractNum -> up to 9 w:lvl (w:start, w:numFmt, w:lvlText "%1、", w:lvlRestart,
  w:isLgl, w:suff, w:pStyle), or w:numStyleLink to a numbering style that owns the list.

Counters live per abstractNum (every numId pointing at it continues the same list,
which is what Word shows); the first use of a numId with a w:startOverride restarts
the overridden level (that is how Word's "restart numbering" is stored).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(tag: str) -> str:
    """Clark name of a WordprocessingML element or attribute."""
    return f"{{{W_NS}}}{tag}"


def wval(el: etree._Element | None, child: str | None = None) -> str | None:
    """The w:val of `el` (or of its first `child`), None when absent."""
    if el is not None and child is not None:
        el = el.find(w(child))
    return None if el is None else el.get(w("val"))


def to_int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# ---------------------------------------------------------------- number formats

_ZH_DIGITS = "〇一二三四五六七八九"
_ZH_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
# Symbol/Wingdings bullets are stored as private-use code points (U+F0xx); a reader sees
# the glyph, so map the common ones to the Unicode character that looks the same.
_PUA_BULLETS = {"\uf0b7": "•", "\uf06c": "●", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "❖",
                "\uf0fc": "✓", "\uf06e": "■", "\uf075": "◆", "\uf0a8": "◆", "\uf0b2": "◇"}


def _chinese(n: int, digits: str, ten: str, hundred: str, thousand: str, zero: str,
             one_ten: bool) -> str:
    """Chinese counting: 十, 十一, 二十, 九十九, 一百零一, 一千零一十 (n < 10000)."""
    if n < 10:
        return digits[n]
    if n < 20 and not one_ten:
        return ten + (digits[n - 10] if n > 10 else "")
    out, pending_zero = "", False
    for unit, mark in ((1000, thousand), (100, hundred), (10, ten), (1, "")):
        d = n // unit % 10
        if d == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out += zero
            pending_zero = False
        out += digits[d] + mark
    return out


def format_number(n: int, fmt: str) -> str | None:
    """Render counter `n` in ST_NumberFormat `fmt` (§17.18.59); None if unsupported."""
    if fmt in ("none", "bullet"):
        return ""
    if fmt in ("decimal", "decimalHalfWidth", "ordinal", "cardinalText", "ordinalText"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in str(n))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        # Word draws ①..⑳ and falls back to plain digits beyond the Unicode block.
        return chr(0x245F + n) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2473 + n) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2487 + n) if 1 <= n <= 20 else f"{n}."
    if fmt == "ideographEnclosedCircle":
        return chr(0x321F + n) if 1 <= n <= 10 else str(n)
    if n >= 10000 or n < 0:
        return str(n)
    if fmt in ("chineseCounting", "taiwaneseCounting", "japaneseCounting"):
        return _chinese(n, _ZH_DIGITS, "十", "百", "千", "〇", one_ten=False)
    if fmt in ("chineseCountingThousand", "taiwaneseCountingThousand"):
        return _chinese(n, _ZH_DIGITS, "十", "百", "千", "零", one_ten=False)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        return _chinese(n, _ZH_LEGAL, "拾", "佰", "仟", "零", one_ten=True)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_ZH_DIGITS[int(c)] for c in str(n))
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        # Word repeats the letter past z: y, z, aa, bb, ... (not spreadsheet-style ab).
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        out, rest = "", n
        for value, numeral in _ROMAN:
            while rest >= value:
                out, rest = out + numeral, rest - value
        out = out or str(n)
        return out.lower() if fmt == "lowerRoman" else out
    return None


# ---------------------------------------------------------------- definitions


@dataclass(frozen=True)
class Level:
    start: int = 0              # §17.9.25: omitted start means zero
    fmt: str = "decimal"        # §17.9.17: omitted numFmt means decimal
    text: str = ""
    restart: int | None = None  # §17.9.10 lvlRestart, one-based; None = after any higher level
    is_lgl: bool = False
    suff: str = "tab"
    pstyle: str | None = None
    hidden: bool = False


def _on(el: etree._Element | None) -> bool:
    """A CT_OnOff toggle: present and not val="0"/"false"/"off"."""
    return el is not None and el.get(w("val"), "1") not in ("0", "false", "off")


def _parse_level(lvl: etree._Element) -> Level:
    fmt_el = lvl.find(w("numFmt"))
    if fmt_el is None:
        # Word 2010 writes custom formats as mc:AlternateContent; the Fallback holds the
        # plain ST_NumberFormat value that older readers (and we) understand.
        fmt_el = lvl.find(f"{{{MC_NS}}}AlternateContent/{{{MC_NS}}}Fallback/{w('numFmt')}")
    rpr = lvl.find(w("rPr"))
    return Level(
        start=to_int(wval(lvl, "start"), 0) or 0,
        fmt=wval(fmt_el) or "decimal",
        text=wval(lvl, "lvlText") or "",
        restart=to_int(wval(lvl, "lvlRestart")),
        is_lgl=_on(lvl.find(w("isLgl"))),
        suff=wval(lvl, "suff") or "tab",
        pstyle=wval(lvl, "pStyle"),
        hidden=rpr is not None and _on(rpr.find(w("vanish"))),
    )


@dataclass
class _Abstract:
    levels: dict[int, Level] = field(default_factory=dict)
    num_style_link: str | None = None


@dataclass
class _Num:
    abstract_id: str | None
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


class Numbering:
    """Numbering definitions plus the running counters of one pass over a document."""

    def __init__(self, root: etree._Element | None,
                 style_num_id: Callable[[str], str | None]) -> None:
        # `style_num_id` maps a numbering style id to its numId (for w:numStyleLink).
        self._style_num_id = style_num_id
        self._abstracts: dict[str, _Abstract] = {}
        self._nums: dict[str, _Num] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._used_nums: set[str] = set()
        self.warnings: list[str] = []
        self._warned: set[str] = set()
        if root is None:
            return
        for an in root.iter(w("abstractNum")):
            a = _Abstract(num_style_link=wval(an, "numStyleLink"))
            for lvl in an.findall(w("lvl")):
                a.levels[to_int(lvl.get(w("ilvl")), 0) or 0] = _parse_level(lvl)
            self._abstracts[an.get(w("abstractNumId"), "")] = a
        for num in root.iter(w("num")):
            n = _Num(wval(num, "abstractNumId"))
            for ov in num.findall(w("lvlOverride")):
                ilvl = to_int(ov.get(w("ilvl")), 0) or 0
                start = to_int(wval(ov, "startOverride"))
                if start is not None:
                    n.start_overrides[ilvl] = start
                if (lvl := ov.find(w("lvl"))) is not None:
                    n.level_overrides[ilvl] = _parse_level(lvl)
            self._nums[num.get(w("numId"), "")] = n

    def _warn(self, message: str) -> None:
        if message not in self._warned:
            self._warned.add(message)
            self.warnings.append(message)

    def _resolve(self, num_id: str) -> tuple[str, _Abstract] | None:
        """Follow numId -> abstractNum, through w:numStyleLink (§17.9.21) if present."""
        seen: set[str] = set()
        while num_id not in seen:
            seen.add(num_id)
            num = self._nums.get(num_id)
            if num is None or num.abstract_id not in self._abstracts:
                return None
            abstract = self._abstracts[num.abstract_id]
            if abstract.num_style_link is None:
                return num.abstract_id, abstract
            linked = self._style_num_id(abstract.num_style_link)
            if linked is None:
                return None
            num_id = linked
        return None

    def label(self, num_id: str, ilvl: int | None, style_id: str | None) -> str:
        """Advance the counters for one numbered paragraph and return its visible label."""
        if num_id not in self._nums:
            self._warn(f"numbering definition {num_id} missing: label left out")
            return ""
        resolved = self._resolve(num_id)
        if resolved is None:
            self._warn(f"abstract numbering for numbering definition {num_id} missing: "
                       "label left out")
            return ""
        abstract_id, abstract = resolved
        num = self._nums[num_id]
        levels = {**abstract.levels, **num.level_overrides}
        if ilvl is None:
            # A style that carries only a numId gets the level whose w:pStyle names it
            # (§17.9.23); this is how "Heading 1/2/3" multilevel lists are linked.
            ilvl = next((i for i, lv in levels.items() if style_id and lv.pstyle == style_id), 0)
        ilvl = min(max(ilvl, 0), 8)
        if ilvl not in levels:
            self._warn(f"numbering definition {num_id} has no level {ilvl}: label left out")
            return ""

        def start(i: int) -> int:
            return num.start_overrides.get(i, levels[i].start if i in levels else 0)

        counters = self._counters.setdefault(abstract_id, [None] * 9)
        if num_id not in self._used_nums:
            self._used_nums.add(num_id)
            for i in num.start_overrides:  # "restart numbering": a fresh count from here
                if 0 <= i <= 8:
                    counters[i] = None
        current = counters[ilvl]
        counters[ilvl] = start(ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or restart > deeper:  # omitted, or ignored per §17.9.10
                counters[deeper] = None
            elif restart != 0 and ilvl < restart:
                counters[deeper] = None

        level = levels[ilvl]
        if level.hidden:
            return ""
        if level.fmt == "bullet":
            text = "".join(_PUA_BULLETS.get(c, c) for c in level.text)
        else:
            text = self._expand(level, levels, counters, start)
        return text + (" " if level.suff == "space" and text else "")

    def _expand(self, level: Level, levels: dict[int, Level], counters: list[int | None],
                start: Callable[[int], int]) -> str:
        """Substitute %1..%9 in lvlText (§17.9.11) with the formatted counters."""
        out: list[str] = []
        text, i = level.text, 0
        while i < len(text):
            c = text[i]
            if c == "%" and i + 1 < len(text) and "1" <= text[i + 1] <= "9":
                ref = int(text[i + 1]) - 1
                value = counters[ref]
                value = start(ref) if value is None else value
                fmt = levels[ref].fmt if ref in levels else "decimal"
                if level.is_lgl and fmt != "none":  # §17.9.4: legal numbering is decimal
                    fmt = "decimal"
                rendered = format_number(value, fmt)
                if rendered is None:
                    self._warn(f"number format {fmt} not supported: shown as decimal")
                    rendered = str(value)
                out.append(rendered)
                i += 2
            else:
                out.append(c)
                i += 1
        return "".join(out)
