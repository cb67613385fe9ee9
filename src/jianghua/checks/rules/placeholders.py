"""JH603: placeholders left in the text — ``*``, ``**``, ``XX``, ``×××``, ``某某``,
``20XX年``, ``□``, ``____``, ``X副县长``, ``下降X%``, ``x.x%``, ``☆市``.

Seen in the seeds (000: ``请*同志讲话``; 002: ``XX市``) and the corpus (004 ``20××年``,
``×××同志``; 066 ``201x年``, ``xx大学``; 079 ``XXX思想``, ``X亿元``). In a draft they
are unfinished work; in a published text they are redactions. The rule's own severity
is warning (practice); the ``draft`` profile raises it to error and ``published``
lowers it to info (see ``profiles.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jianghua.checks.context import CheckContext
from jianghua.checks.diagnostics import Diagnostic, Severity, Tier
from jianghua.checks.rule import Rule
from jianghua.checks.rules._text import is_cjk, quoted

_X = "XxＸｘ×"
# What a single X stands before when it stands for a name or a number: a measure word
# (X亿元, X个), a title or place (X副县长, x局长, ×主任, X市), a percentage (下降X%).
_AFTER_X = "年月日号个名人亿万元条项户家所次位件批届期%％副局主书部处科市县区镇乡村省厅委同"
_DASH = r"\-—―－~～至到"
PATTERNS = [
    # 20XX年 / 201x年 / 20××年 / 20xx―20xx年: a year with its last digits masked.
    re.compile(rf"(?<![0-9０-９A-Za-z])[12１２][0-9０-９]{{1,2}}[{_X}]{{1,2}}"
               rf"(?=\s*[年{_DASH}])"),
    # x.x% / X.X％: a masked decimal.
    re.compile(rf"(?<![A-Za-z0-9０-９])[{_X}][.．][{_X}](?=\s*[%％])"),
    # XX / xxx / ××× (not part of an English word: Xbox, XXL, Exxon).
    re.compile(rf"(?<![A-Za-z0-9０-９])[{_X}]{{2,}}(?![A-Za-z0-9０-９])"),
    # A single X before a measure word, a title or %: X亿元, X月X日, X副县长, x 人 (not
    # X光, X射线; not X-ray or Windows X).
    re.compile(rf"(?<![A-Za-z0-9０-９.])[{_X}](?=[ \u3000]?[{_AFTER_X}])"),
    # ☆市 / ★★同志: a star where a name goes.
    re.compile(r"[☆★]+(?=[\u4e00-\u9fff])"),
    re.compile(r"某某+"),
    re.compile(r"□+"),
    re.compile(r"\*+"),
    re.compile(r"_{3,}|＿{2,}"),
]
# One pass over the text: at each position the alternatives are tried in the order
# above, so 20XX年 is taken whole before XX could match inside it.
_ANY = re.compile("|".join(f"(?:{pattern.pattern})" for pattern in PATTERNS))
# Every match starts with one of these (each pattern above, after its look-behind): a
# scan for them finds where _ANY may match, and only there is it tried. Tried everywhere,
# the alternation's look-behinds keep re from screening by first character: a third of
# check's time on a long text (python -m jianghua.bench).
_FIRST = re.compile(f"[12１２{_X}☆★某□*_＿]")
# Marks that need Chinese around them to be placeholders (a lone * may be a footnote
# in an English aside; ___ may be a rule line).
_CONTEXT_NEEDED = {"*", "_", "＿"}


def _in_chinese(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return is_cjk(before) or is_cjk(after)


def placeholder_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where ``_ANY.finditer`` matches, found by trying it only where a match can start."""
    first = _FIRST.search
    match = _ANY.match
    found = first(text)
    while found is not None:
        at = found.start()
        m = match(text, at)  # its look-behinds see the text before ``at``
        if m is None:
            found = first(text, at + 1)
            continue
        yield m.span()
        found = first(text, m.end())


class Placeholder(Rule):
    """占位符未替换：“*”“XX”“×××”“某某”“20XX年”等。

    起草时留下的占位符要在定稿前换成实际内容。草稿（默认 ``--profile draft``）中是错误；
    已发表的文本（``--profile published``）中视为隐去的信息，仅作提示。

    错误示例::

        下面，进行会议第二项议程，请*同志讲话，大家欢迎！

    正确示例::

        下面，进行会议第二项议程，请李明同志讲话，大家欢迎！
    """

    code = "JH603"
    name = "placeholder"
    severity = Severity.WARNING
    tier = Tier.SHIWU
    message = "占位符未替换"

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        text = context.text
        published = context.severities.get(self.code) is Severity.INFO
        for start, end in placeholder_spans(text):
            if text[start] in _CONTEXT_NEEDED and not _in_chinese(text, start, end):
                continue
            shown = quoted(text[start:end])
            message = (f"占位符{shown}：已发表文本中视为隐去的信息" if published else
                       f"占位符未替换：{shown}应换成实际内容")
            yield self.report(context, start, end, message)
