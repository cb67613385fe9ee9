"""JH1xx numbering: the ordinals of a run of sibling headings.

序数 are ordinal numbers: GB/T 9704-2012 §7.3.3 numbers the structure's levels
一、（一）1.（1）, and within a level they count 1, 2, 3 … A skipped, repeated or
out-of-order number is wrong whatever marks are used, so those are errors. A list that
does not start at one is usually a fragment (seed 001 starts at 二是): a warning, off
under ``--profile fragment``. A lone item (（一） with no （二）) is practice: warning.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from jianghua.checks.context import CheckContext, numeral_span
from jianghua.checks.diagnostics import Diagnostic, Severity, Tier
from jianghua.checks.rule import Rule
from jianghua.checks.rules._series import analyse, renumber_fix
from jianghua.checks.rules._text import marker_like, quoted


def _marker_range(section) -> tuple[int, int]:
    return section.marker.span.start, section.marker.span.end


def _renumbering_findings(rule: Rule, context: CheckContext, kind: str,
                          describe: Callable[[object], tuple[object, str]]
                          ) -> Iterator[Diagnostic]:
    """Findings of one kind (``skipped``/``repeated``/``out_of_order``) in every run,
    each offering the same fix: renumber the whole run in document order."""
    for run in context.runs:
        found = getattr(analyse(run.members), kind)
        if not found:
            continue
        fix = renumber_fix(run.members, context.text)
        for item in found:
            section, message = describe(item)
            start, end = _marker_range(section)
            yield rule.report(context, start, end, message, fix=fix)


def _missing_markers(context: CheckContext, section, values: list[int]) -> str:
    span = numeral_span(section)
    numeral = context.text[span[0]:span[1]] if span else None
    return "、".join(quoted(marker_like(section.marker, v, numeral)) for v in values)


class NumberingSkipped(Rule):
    """序数跳号：同级序号中间缺了一个或几个。

    GB/T 9704-2012 §7.3.3 的结构层次序数逐个递增；跳号多半是删改后忘了重排。
    可自动修复：按出现顺序重新编号（``--fix``）。

    错误示例::

        一、提高站位
        二、直面问题
        四、真抓实干

    正确示例::

        一、提高站位
        二、直面问题
        三、真抓实干
    """

    code = "JH101"
    name = "numbering-skipped"
    severity = Severity.ERROR
    tier = Tier.GUOBIAO
    message = "序数跳号"
    fixable = True

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        def describe(item):
            section, missing = item
            return section, (f"序数跳号：{quoted(section.marker.raw)}之前缺少"
                             f"{_missing_markers(context, section, missing)}")
        yield from _renumbering_findings(self, context, "skipped", describe)


class NumberingRepeated(Rule):
    """序数重复：同级序号中同一个号用了两次。

    可自动修复：按出现顺序重新编号（``--fix``）。

    错误示例::

        一是提高政治站位抓落实。……
        二是振奋精神状态保落实。……
        二是强化责任担当促落实。……

    正确示例::

        一是提高政治站位抓落实。……
        二是振奋精神状态保落实。……
        三是强化责任担当促落实。……
    """

    code = "JH102"
    name = "numbering-repeated"
    severity = Severity.ERROR
    tier = Tier.GUOBIAO
    message = "序数重复"
    fixable = True

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        yield from _renumbering_findings(self, context, "repeated", lambda section: (
            section, f"序数重复：{quoted(section.marker.raw)}与前面的序号重复"))


class NumberingOutOfOrder(Rule):
    """序数顺序颠倒：后面的序号比前面的小。

    可自动修复：按出现顺序重新编号（``--fix``）；若是段落本身放错了位置，请手工调整。

    错误示例::

        （一）加强组织领导
        （三）强化督促检查
        （二）完善工作机制

    正确示例::

        （一）加强组织领导
        （二）完善工作机制
        （三）强化督促检查
    """

    code = "JH103"
    name = "numbering-out-of-order"
    severity = Severity.ERROR
    tier = Tier.GUOBIAO
    message = "序数顺序颠倒"
    fixable = True

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        yield from _renumbering_findings(self, context, "out_of_order", lambda section: (
            section, f"序数顺序颠倒：{quoted(section.marker.raw)}出现在更大的序号之后"))


class NumberingNotFromOne(Rule):
    """序数不从一开始：一组序号的第一项不是“一”。

    完整的讲话稿里，每组序号都从一开始；不从一开始，多半是前面的部分被删掉了，或者这是
    一个片段（种子 001 从“二是”开始）。片段请用 ``--profile fragment``，不再报告此项。

    错误示例::

        二是深入锤炼坚强党性。……
        三是深入落实“三项机制”。……

    正确示例::

        一是深入锤炼坚强党性。……
        二是深入落实“三项机制”。……
    """

    code = "JH104"
    name = "numbering-not-from-one"
    severity = Severity.WARNING
    tier = Tier.GUOBIAO
    message = "序数不从一开始"

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        for run in context.runs:
            numbered = run.numbered
            if not numbered or numbered[0].marker.ordinal == 1:
                continue
            first = numbered[0]
            if run.members[0] is not first:
                continue  # 最后， before any number: nothing to say about the start
            span = numeral_span(first)
            numeral = context.text[span[0]:span[1]] if span else None
            start, end = _marker_range(first)
            yield self.report(context, start, end,
                              f"序数不从一开始：这一组从{quoted(first.marker.raw)}开始，前面没有"
                              f"{quoted(marker_like(first.marker, 1, numeral))}")


class LoneOrdinal(Rule):
    """单独一项：只有“（一）”而没有“（二）”。

    分条是为了列举两项以上；只有一项时，去掉序号并入上文，或者补出其余各项。

    错误示例::

        一、加强组织领导
        （一）健全工作机制
        二、强化督促检查

    正确示例::

        一、加强组织领导
        （一）健全工作机制
        （二）压实工作责任
        二、强化督促检查
    """

    code = "JH105"
    name = "lone-ordinal"
    severity = Severity.WARNING
    tier = Tier.SHIWU
    message = "只有一项的序号"

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        for run in context.runs:
            if len(run.members) != 1:
                continue
            section = run.members[0]
            if section.marker.ordinal != 1:
                continue
            if context.profile.fragment and context.nothing_follows(section):
                continue  # the text may stop right after it (corpus 028, 046)
            span = numeral_span(section)
            numeral = context.text[span[0]:span[1]] if span else None
            start, end = _marker_range(section)
            yield self.report(context, start, end,
                              f"只有{quoted(section.marker.raw)}一项，没有"
                              f"{quoted(marker_like(section.marker, 2, numeral))}")
