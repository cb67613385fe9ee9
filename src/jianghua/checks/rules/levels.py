"""JH204–JH205: heading levels against GB/T 9704-2012 §7.3.3.

§7.3.3: 文中结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注. The order is the
standard's; its wording is 可以, so these are warnings.
"""

from __future__ import annotations

from collections.abc import Iterator

from jianghua.checks.context import CheckContext
from jianghua.checks.diagnostics import Diagnostic, Severity, Tier
from jianghua.checks.rule import Rule
from jianghua.checks.rules._text import quoted
from jianghua.model import STANDALONE_RANK, MarkerStyle, Section

#: The four levels of §7.3.3, by rank (一、=1 … （1）=4), with their canonical forms.
LEVEL_FORMS = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}
_LADDER = {MarkerStyle.CHINESE, MarkerStyle.CHINESE_PAREN, MarkerStyle.ARABIC,
           MarkerStyle.ARABIC_PAREN}


def _rank(section: Section) -> int | None:
    if section.marker.style not in _LADDER:
        return None
    return STANDALONE_RANK[section.marker.style]


class SkippedHeadingLevel(Rule):
    """层级跳级：“（1）”直接出现在“一、”之下，中间缺了“（一）”“1.”。

    GB/T 9704-2012 §7.3.3：结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注。
    下一层应当用紧接着的一级序号。

    错误示例::

        一、加强组织领导
        （1）健全工作机制
        （2）压实工作责任

    正确示例::

        一、加强组织领导
        （一）健全工作机制
        （二）压实工作责任
    """

    code = "JH204"
    name = "skipped-heading-level"
    severity = Severity.WARNING
    tier = Tier.GUOBIAO
    ceiling = Severity.WARNING  # §7.3.3 says 可以
    message = "层级跳级"

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        for group in context.groups:
            parent = group.parent
            if not isinstance(parent, Section):
                continue
            parent_rank = _rank(parent)
            if parent_rank is None:
                continue
            for run in group.runs:
                first = run.members[0]
                rank = _rank(first)
                if rank is None or rank - parent_rank <= 1:
                    continue
                skipped = "、".join(quoted(LEVEL_FORMS[r]) for r in range(parent_rank + 1, rank))
                marker = first.marker
                yield self.report(context, marker.span.start, marker.span.end,
                                  f"层级跳级：{quoted(marker.raw)}直接位于"
                                  f"{quoted(parent.marker.raw)}之下，跳过了{skipped}")


class InvertedHeadingLevel(Rule):
    """层级倒置：高一级的序号（“一、”）用在了低一级（“（一）”）的下面。

    GB/T 9704-2012 §7.3.3 的层次是“一、”›“（一）”›“1.”›“（1）”。如果“（一）”之后
    出现从“一、”开始的一组，而“（一）”那一组随后又接着编“（二）”，说明“一、”被当成了
    下一级来用。

    错误示例::

        （一）加强组织领导
        一、健全工作机制
        二、压实工作责任
        （二）强化督促检查

    正确示例::

        （一）加强组织领导
        1.健全工作机制
        2.压实工作责任
        （二）强化督促检查
    """

    code = "JH205"
    name = "inverted-heading-level"
    severity = Severity.WARNING
    tier = Tier.GUOBIAO
    ceiling = Severity.WARNING  # §7.3.3 says 可以
    message = "层级倒置"

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        ranked = [s for s in context.sections if _rank(s) is not None]
        # For each position, the next heading of each style after it (one backward pass).
        next_of_style: list[dict[MarkerStyle, Section]] = [{} for _ in ranked]
        following: dict[MarkerStyle, Section] = {}
        for index in range(len(ranked) - 1, -1, -1):
            next_of_style[index] = dict(following)
            following[ranked[index].marker.style] = ranked[index]
        for index, section in enumerate(ranked):
            rank = _rank(section)
            if section.marker.ordinal != 1:
                continue
            seen: set[MarkerStyle] = set()
            # Look back over the lower-ranked headings just before it, nearest first.
            for back in range(index - 1, -1, -1):
                previous = ranked[back]
                if _rank(previous) <= rank:
                    break
                if previous.marker.style in seen:
                    continue
                seen.add(previous.marker.style)
                resumed = next_of_style[index].get(previous.marker.style)
                if resumed is None or previous.marker.ordinal is None \
                        or resumed.marker.ordinal != previous.marker.ordinal + 1:
                    continue
                marker = section.marker
                yield self.report(
                    context, marker.span.start, marker.span.end,
                    f"层级倒置：{quoted(marker.raw)}用在了{quoted(previous.marker.raw)}之下"
                    f"（之后又接着编{quoted(resumed.marker.raw)}），高一级的序号不应用作下一级")
                break
