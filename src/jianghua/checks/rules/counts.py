"""JH401–JH403: a declared count against what follows it.

The counts are the ones the parser binds (the grammar's TRANSITION, AGENDA_DECL and
COUNTED terminals) and records in the model with where they are written (``count``), so
no rule lexes them again: a count before the verb, as in 从4个方面作了讲话 (seed 000),
belongs to someone else's speech and is never bound, so it is never checked. 几点/若干
declare no number. Practice (实务): warnings.
"""

from __future__ import annotations

from collections.abc import Iterator

from jianghua.checks.context import CheckContext, Group
from jianghua.checks.diagnostics import Diagnostic, Severity, Tier
from jianghua.checks.rule import Rule
from jianghua.checks.rules._text import quoted
from jianghua.model import Agenda, Closing, DeclaredCount, Section, Transition
from jianghua.numerals import int_to_chinese


def _cn(value: int) -> str:
    """A count as a quantity: 两项, not 二项 (before a measure word two is 两)."""
    if value == 2:
        return "两"
    return int_to_chinese(value) if 1 <= value <= 99 else str(value)


def _heading_range(members: list[Section]) -> str:
    first, last = members[0].marker.raw, members[-1].marker.raw
    return quoted(first) if len(members) == 1 else f"{quoted(first)}至{quoted(last)}"


class DeclaredCountMismatch(Rule):
    """声明的条数与其后的标题数不符：“讲三点意见”，后面却有四部分。

    过渡语（“下面，我讲三点意见”）或标题（“最后，我再强调两个方面：”）声明了条数时，
    其后的同级标题应当正好这么多。“几点”“若干”不声明条数；“从4个方面作了讲话”说的是
    别人的讲话，不在检查之列。片段（``--profile fragment``）中后文较少时不报告。

    错误示例::

        下面，我讲三点意见。
        一、提高站位
        二、直面问题
        三、真抓实干
        四、加强领导

    正确示例::

        下面，我讲四点意见。
        一、提高站位
        二、直面问题
        三、真抓实干
        四、加强领导
    """

    code = "JH401"
    name = "declared-count-mismatch"
    severity = Severity.WARNING
    tier = Tier.SHIWU
    message = "声明的条数与其后的标题数不符"

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        yield from self._transitions(context)
        yield from self._section_titles(context)

    def _compare(self, context: CheckContext, declared: int, counted: DeclaredCount,
                 group: Group, first: Section) -> Iterator[Diagnostic]:
        if declared == 1:
            # 一个 is the indefinite article as often as a count (corpus 210: 总得要提出
            # 一个什么问题), and one point is not announced as a list of headings.
            return
        run = context.run_of[id(first)]
        counts = {len(run.members), len(group.members)}
        if declared in counts:
            return
        found = len(run.members)
        if found < declared and context.profile.fragment:
            return  # the text may stop before the rest
        yield self.report(context, counted.span.start, counted.span.end,
                          f"声明的条数与其后的标题数不符：声明{quoted(counted.raw)}，其后有"
                          f"{_cn(found)}项（{_heading_range(run.members)}）")

    def _transitions(self, context: CheckContext) -> Iterator[Diagnostic]:
        nodes = context.speech.nodes
        groups = {id(g.members[0]): g for g in context.groups if g.parent is None}
        for index, node in enumerate(nodes):
            if not isinstance(node, Transition) or node.declared_count is None:
                continue
            first = None
            for later in nodes[index + 1:]:
                if isinstance(later, Section):
                    first = later
                    break
                if isinstance(later, (Transition, Agenda, Closing)):
                    break
            group = groups.get(id(first)) if first is not None else None
            if group is None or node.count is None:
                continue
            yield from self._compare(context, node.declared_count, node.count, group, first)

    def _section_titles(self, context: CheckContext) -> Iterator[Diagnostic]:
        by_parent = {id(g.parent): g for g in context.groups if isinstance(g.parent, Section)}
        for section in context.sections:
            # The parser records a count only for a heading that ends in a colon.
            group = by_parent.get(id(section))
            counted = section.count
            if group is None or counted is None or counted.value is None:
                continue
            yield from self._compare(context, counted.value, counted, group, group.members[0])


class AgendaCountMismatch(Rule):
    """议程数目不符：“会议有两项议程”，后面却进行了三项。

    片段（``--profile fragment``）中进行的项数少于声明时不报告（后文可能缺失）。

    错误示例::

        会议有两项议程。首先，进行第一项议程，请驻村干部发言；
        下面，进行会议第二项议程，请李明同志讲话；
        下面，进行会议第三项议程，……

    正确示例::

        会议有三项议程。首先，进行第一项议程，请驻村干部发言；
        下面，进行会议第二项议程，请李明同志讲话；
        下面，进行会议第三项议程，……
    """

    code = "JH402"
    name = "agenda-count-mismatch"
    severity = Severity.WARNING
    tier = Tier.SHIWU
    message = "议程数目不符"

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        for node in context.speech.nodes:
            if not isinstance(node, Agenda) or node.declared_count is None or not node.items:
                continue
            found = len(node.items)
            if found == node.declared_count:
                continue
            if found < node.declared_count and context.profile.fragment:
                continue
            counted = node.count
            start, end = ((counted.span.start, counted.span.end) if counted
                          else (node.span.start, node.span.start + len(node.text)))
            shown = quoted(counted.raw) if counted else f"{_cn(node.declared_count)}项"
            yield self.report(context, start, end,
                              f"议程数目不符：声明{shown}议程，实际进行了{_cn(found)}项")


class EnumerationCountMismatch(Rule):
    """段内列举的条数与声明不符：“存在十条问题：一是……九是……”。

    错误示例::

        存在三个突出问题：一是大局意识淡漠。二是纪律观念松弛。

    正确示例::

        存在两个突出问题：一是大局意识淡漠。二是纪律观念松弛。
    """

    code = "JH403"
    name = "enumeration-count-mismatch"
    severity = Severity.WARNING
    tier = Tier.SHIWU
    message = "段内列举的条数与声明不符"

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        for enumeration, _ in context.enumerations:
            declared = enumeration.declared_count
            found = len(enumeration.items)
            if declared is None or declared == found:
                continue
            if found < declared and context.profile.fragment:
                continue  # the excerpt may stop mid-list (docs/checks.md, profiles)
            counted = enumeration.count
            start, end = ((counted.span.start, counted.span.end) if counted else
                          (enumeration.span.start, enumeration.items[0].marker.span.end))
            last = enumeration.items[-1].marker.raw
            yield self.report(context, start, end,
                              f"段内列举的条数与声明不符：声明{_cn(declared)}项，列出了"
                              f"{_cn(found)}项（至{quoted(last)}）")
