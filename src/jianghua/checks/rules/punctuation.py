"""JH601: half-width punctuation in Chinese text.

GB/T 15834-2011 gives each mark's form (§4: 逗号 “，”, 分号 “；”, 冒号 “：”, 叹号 “！”,
问号 “？”, 括号 “（）”, 引号 “”‘’) and §5.1 has 句号、逗号、顿号、分号、冒号 each take
one character's place: in Chinese text they are the full-width forms. A half-width
mark in Chinese context is the most common paste-from-the-web slip (seed 001 has it
throughout).

"Chinese context" is decided from the neighbours, so ``10:00``, ``1,000``, URLs and
English phrases are left alone, and markers are left to JH203. Never touches spacing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from jianghua.checks.context import CheckContext
from jianghua.checks.diagnostics import Diagnostic, Edit, Fix, Severity, Tier
from jianghua.checks.rule import Rule
from jianghua.checks.rules._text import is_ascii_alnum, is_cjk, is_han, quoted

FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_CANDIDATE = re.compile(r"[,;:!?()\"']")
_LINE_BREAK = "\r\n"
_DOUBLE = re.compile('[“”"]')
_SINGLE = re.compile("[‘’']")
# Skipped when looking for the meaningful neighbour of a mark: spaces, and marks that
# are themselves converted (机制",确保 — the comma's neighbour is 制; 会议??? — every
# ? has 议 for neighbour, so a run is fixed in one pass, not one mark per pass:
# tests/test_fuzz.py, found by the atheris harness).
_SKIP = " \t\"')(,;:!?"


_DOTS = re.compile(r"\.+")
_STOP_BETWEEN = "中文里用了半角句点“.”，应为全角“。”或顿号“、”"


def _glued_to_letter(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha())


@lru_cache(maxsize=64)
def _describe(replacement: str) -> str:
    return f"改为{quoted(replacement)}"


@lru_cache(maxsize=64)
def _message(ch: str, shown: str) -> str:
    return f"中文里用了半角标点{quoted(ch)}，应为全角{quoted(shown)}"


def _neighbour(text: str, index: int, step: int) -> str | None:
    index += step
    while 0 <= index < len(text):
        ch = text[index]
        if ch in _LINE_BREAK:
            return None
        if ch not in _SKIP:
            return ch
        index += step
    return None


def _acronym_before(text: str, index: int) -> bool:
    """GDP,增长 / 5G,提速: an upper-case or digit token right before the mark."""
    start = index
    while start > 0 and is_ascii_alnum(text[start - 1]):
        start -= 1
    token = text[start:index]
    return 0 < len(token) <= 6 and token.upper() == token


def _chinese_context(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else None
    after = text[index + 1] if index + 1 < len(text) else None
    if is_ascii_alnum(before) and is_ascii_alnum(after):
        return False  # 1,000  10:00  a,b
    previous, following = _neighbour(text, index, -1), _neighbour(text, index, 1)
    if is_cjk(previous):
        return True
    if is_cjk(following):
        return previous is None or previous.isdigit() or _acronym_before(text, index)
    return False


class _Quotes:
    """Which way a straight quote turns, from the quotes before it on its line, and
    what it pairs with: a pair is fixed as a pair or not at all (fixing one half of
    ``"……"`` and not the other left it unbalanced)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.orientation: dict[int, str] = {}
        #: a straight quote → the straight quote it pairs with
        self.partner: dict[int, int] = {}
        #: straight quotes that pair with a curly one (“……" or "……”): Chinese quotes
        self.mixed: set[int] = set()

    def line(self, start: int, end: int, straight: str, opening: str, closing: str,
             cjk_only: bool) -> None:
        is_open = False
        last_open: int | None = None  # the open quote, if straight
        open_curly = False
        marks = _DOUBLE if straight == '"' else _SINGLE
        for match in marks.finditer(self.text, start, end):
            index = match.start()
            ch = self.text[index]
            if ch == opening:
                is_open, last_open, open_curly = True, None, True
            elif ch == closing:
                if is_open and last_open is not None:  # "…” : the straight one opens
                    self.mixed.add(last_open)
                is_open, last_open, open_curly = False, None, False
            elif is_open and open_curly:  # “…" : the straight one closes
                self.orientation[index] = closing
                self.mixed.add(index)
                is_open, open_curly = False, False
            elif not cjk_only or _chinese_context(self.text, index):
                self.orientation[index] = closing if is_open else opening
                if is_open and last_open is not None:
                    self.partner[index], self.partner[last_open] = last_open, index
                is_open = not is_open
                last_open = index if is_open else None
        if last_open is not None:
            del self.orientation[last_open]  # unclosed: no safe way to turn it

    def chinese(self, index: int) -> bool:
        """A straight quote of Chinese text: in Chinese context itself, or paired with
        one that is, or with a curly quote, or around Chinese words."""
        if index in self.mixed or _chinese_context(self.text, index):
            return True
        other = self.partner.get(index)
        if other is None:
            return False
        low, high = min(index, other), max(index, other)
        return _chinese_context(self.text, other) or any(
            is_cjk(ch) for ch in self.text[low + 1:high])

    def fix(self, index: int) -> Fix | None:
        replacement = self.orientation.get(index)
        if replacement is None:
            return None
        edits = [Edit(index, index + 1, replacement)]
        other = self.partner.get(index)
        if other is not None:
            if other not in self.orientation:
                return None
            edits.append(Edit(other, other + 1, self.orientation[other]))
        edits.sort()
        shown = "".join(edit.replacement for edit in edits)
        return Fix(_describe(shown), tuple(edits))


class HalfWidthPunctuation(Rule):
    """中文里用了半角标点：“,” “;” “:” “!” “?” “( )” 和直引号。

    GB/T 15834-2011 规定的标点形式是全角的“，；：！？（）“”‘’”。数字之间（10:00、1,000）、
    网址和外文中的半角标点不在此列。可自动修复（``--fix``）。

    错误示例::

        二是深入锤炼坚强党性,确保锤炼品格强化忠诚。

    正确示例::

        二是深入锤炼坚强党性，确保锤炼品格强化忠诚。
    """

    code = "JH601"
    name = "half-width-punctuation"
    severity = Severity.ERROR
    tier = Tier.BIAOZHUN
    message = "中文里用了半角标点"
    fixable = True

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        text, mask = context.text, context.marker_mask
        quotes = _Quotes(text)
        lines_with_quotes: set[int] = set()
        heading_lines = {section.span.line for section in context.sections}
        for match in _CANDIDATE.finditer(text):
            index = match.start()
            ch = text[index]
            if mask[index]:
                continue
            if ch in "\"'":
                line = context.position(index)[0]
                if line not in lines_with_quotes:
                    lines_with_quotes.add(line)
                    start, end = context.line_bounds(line)
                    quotes.line(start, end, '"', "“", "”", cjk_only=False)
                    quotes.line(start, end, "'", "‘", "’", cjk_only=True)
                if not quotes.chinese(index):
                    continue
                shown = quotes.orientation.get(index) or ("“”" if ch == '"' else "‘’")
                yield context.diagnostic(self, index, index + 1, _message(ch, shown),
                                         quotes.fix(index))
                continue
            elif ch in "()":
                if not self._paren_in_chinese(text, index):
                    continue
                replacement = shown = FULL[ch]
            else:
                if not _chinese_context(text, index):
                    continue
                replacement = shown = FULL[ch]
                if ch == "?" and _glued_to_letter(text, index):
                    # zh?ng: an accented pinyin letter lost to '?' (mojibake), not a
                    # question: reported, never turned into ？.
                    replacement = None
                if (ch == ":" and index + 1 < len(text) and text[index + 1].isdigit()
                        and context.position(index)[0] in heading_lines):
                    # 时间:10点 → 时间：10点 is right, but the full-width colon ends a
                    # sentence where the half-width one before a digit did not, so in a
                    # heading line the fix would cut its run-in title: reported, left to
                    # the drafter. (Offering it costs the fixer a parse per such mark
                    # to find it unsafe: minutes on a long schedule.)
                    replacement = None
            fix = (Fix(_describe(replacement), (Edit(index, index + 1, replacement),))
                   if replacement else None)
            yield context.diagnostic(self, index, index + 1, _message(ch, shown), fix)
        yield from self._dots(context)

    def _dots(self, context: CheckContext) -> Iterator[Diagnostic]:
        """Half-width full stops and ellipses in Chinese text (部署.安排, 的., ......):
        GB/T 15834-2011 §4.1 句号 “。”, §4.11 省略号 “……”. A stop at the end of a
        Chinese sentence is fixed; one between two Chinese words may be a 顿号 or a
        句号, so it is reported for the drafter to choose."""
        text, mask = context.text, context.marker_mask
        for match in _DOTS.finditer(text):
            start, end = match.span()
            if mask[start]:
                continue
            before = text[start - 1] if start else None
            after = text[end] if end < len(text) else None
            if end - start >= 3:
                if not (is_cjk(before) or is_cjk(after)):
                    continue
                fix = Fix(_describe("……"), (Edit(start, end, "……"),))
                yield context.diagnostic(self, start, end,
                                         _message(match.group(), "……"), fix)
            elif end - start == 1 and is_han(before):
                if is_han(after):
                    yield context.diagnostic(self, start, end, _STOP_BETWEEN)
                elif after is None or after in _LINE_BREAK or after in '"”’\'':
                    fix = Fix(_describe("。"), (Edit(start, end, "。"),))
                    yield context.diagnostic(self, start, end, _message(".", "。"), fix)

    @staticmethod
    def _paren_in_chinese(text: str, index: int) -> bool:
        """A bracket in Chinese context, or one of a pair that encloses Chinese
        ((2023年4月10日) at the start of a line)."""
        if _chinese_context(text, index):
            return True
        step = 1 if text[index] == "(" else -1
        partner = "）)" if step == 1 else "（("
        depth, cursor = 0, index + step
        while 0 <= cursor < len(text) and text[cursor] not in _LINE_BREAK:
            ch = text[cursor]
            if ch in "（(" if step == 1 else ch in "）)":
                depth += 1
            elif ch in partner:
                if depth == 0:
                    inner = text[min(index, cursor) + 1:max(index, cursor)]
                    return any(is_cjk(c) for c in inner)
                depth -= 1
            cursor += step
        return False
