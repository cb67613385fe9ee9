"""JH602: quotes and brackets that are not closed, or closed without being opened.

GB/T 15834-2011 §4.8 (引号) and §4.9 (括号) are paired marks. Checked line by line
(a paragraph is a line), with one allowance from §4.8.3: a quotation running over
several paragraphs opens each with “ and closes only at the end, so an open “ is fine
when the next paragraph starts with “. Half-width brackets are matched with full-width
ones (that width slip is JH601's), and ASCII ones are only reported in Chinese
context, so forum noise like ``Q8 f$ Y)`` (corpus 005) is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jianghua.checks.context import CheckContext, MarkerMask
from jianghua.checks.diagnostics import Diagnostic, Severity, Tier
from jianghua.checks.rule import Rule
from jianghua.checks.rules._text import SPACES, is_ascii_alnum, is_cjk, quoted

OPENERS = {"“": "”", "‘": "’", "（": "）", "(": ")", "《": "》", "〈": "〉", "【": "】",
           "「": "」", "『": "』", "〔": "〕"}
CLOSERS = {closer: opener for opener, closer in OPENERS.items()}
# A half-width bracket closes a full-width one and vice versa.
_SAME = {"(": "（", "（": "（", ")": "）", "）": "）"}
_ALL = set(OPENERS) | set(CLOSERS) | {'"'}
_MARKS = re.compile("[" + re.escape("".join(sorted(_ALL))) + "]")


def _kind(ch: str) -> str:
    return _SAME.get(ch, ch)


def _matches(opener: str, closer: str) -> bool:
    if opener == '"':
        return closer in ('"', "”")
    return _kind(OPENERS[opener]) == _kind(closer)


def _reportable(text: str, index: int) -> bool:
    """ASCII brackets/quotes only count in Chinese context; ’ between letters is an
    apostrophe (People’s)."""
    ch = text[index]
    before = text[index - 1] if index > 0 else None
    after = text[index + 1] if index + 1 < len(text) else None
    if ch in "’‘" and is_ascii_alnum(before) and is_ascii_alnum(after):
        return False
    if ch in '()"':
        return is_cjk(before) or is_cjk(after)
    return True


class UnpairedMark(Rule):
    """引号或括号不配对：有前引号没有后引号，有后括号没有前括号……

    GB/T 15834-2011：引号、括号、书名号成对使用。引文跨段时每段开头用前引号、只在最后
    一段末尾用后引号，这种情况不报告。

    错误示例::

        推动全厅上下弘扬“重实干、敢担当、善作为干事创业的新风正气。

    正确示例::

        推动全厅上下弘扬“重实干、敢担当、善作为”干事创业的新风正气。
    """

    code = "JH602"
    name = "unpaired-mark"
    severity = Severity.ERROR
    tier = Tier.BIAOZHUN
    message = "引号或括号不配对"

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        by_line: dict[int, list[int]] = {}
        for match in _MARKS.finditer(context.text):
            by_line.setdefault(context.position(match.start())[0], []).append(match.start())
        for line, indices in by_line.items():
            yield from self._line(context, line, indices)

    @staticmethod
    def _marker_opens(text: str, mask: MarkerMask, index: int) -> bool:
        """Whether the marker holding the closing bracket at ``index`` opens with one."""
        start = index
        while start > 0 and mask[start - 1]:
            start -= 1
        return text[start] in "（("

    def _line(self, context: CheckContext, line: int,
              indices: list[int]) -> Iterator[Diagnostic]:
        text, mask = context.text, context.marker_mask
        stack: list[int] = []
        bad: list[tuple[int, str]] = []
        for index in indices:
            ch = text[index]
            if mask[index] and ch not in "（()）":
                continue
            if mask[index] and ch in "）)" and not self._marker_opens(text, mask, index) and (
                    not mask[index + 1]):
                # 1）: a half-bracket marker is JH203's to report, not a lost （ — unless
                # the bracket closes a note inside the marker (第一個(gè)問題, corpus 124).
                continue
            if ch == "’" and not _reportable(text, index):
                continue
            if ch == '"':
                if stack and text[stack[-1]] in ('"', "“"):
                    if text[stack[-1]] == "“":
                        bad.append((index, "mixed"))
                    stack.pop()
                else:
                    stack.append(index)
            elif ch in OPENERS:
                stack.append(index)
            else:
                found = next((depth for depth in range(len(stack) - 1, -1, -1)
                              if _matches(text[stack[depth]], ch)), None)
                if found is None:
                    bad.append((index, "closer"))
                    continue
                if ch == "”" and text[stack[found]] == '"':
                    bad.append((stack[found], "mixed"))
                for unclosed in stack[found + 1:]:
                    bad.append((unclosed, "opener"))
                del stack[found:]
        continued = bool(stack) and self._quote_continues(context, line)
        for index in stack:
            if text[index] == "“" and continued:
                continue  # §4.8.3: the quotation goes on in the next paragraph
            bad.append((index, "opener"))
        for index, role in sorted(bad):
            if role != "mixed" and not _reportable(text, index):
                continue
            ch = text[index]
            if role == "mixed":  # “……" or "……”: one straight quote in a Chinese pair
                message = (f"引号不配套：直引号{quoted(ch)}与弯引号混用，应成对使用"
                           f"{quoted('“”')}")
            elif role == "opener":
                partner = "”" if ch == '"' else OPENERS[ch]
                message = f"引号或括号不配对：{quoted(ch)}没有对应的{quoted(partner)}"
            else:
                partner = CLOSERS.get(ch, "“")
                message = f"引号或括号不配对：{quoted(ch)}前面没有对应的{quoted(partner)}"
            yield self.report(context, index, index + 1, message)

    @staticmethod
    def _quote_continues(context: CheckContext, line: int) -> bool:
        for following in range(line + 1, context.line_count + 1):
            content = context.line_text(following).lstrip(SPACES)
            if content:
                return content.startswith("“")
        return False
