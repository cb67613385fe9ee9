"""JH301–JH303: heading titles — their closing mark, and parallel form (对仗).

These are editorial practice (实务): warnings at most, 对仗 only as info.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from jianghua.checks.context import CheckContext
from jianghua.checks.diagnostics import Diagnostic, Severity, Tier
from jianghua.checks.rule import Rule
from jianghua.checks.rules._text import SPACES, is_han, quoted
from jianghua.model import Agenda, AgendaItem, MarkerStyle, Section

#: Styles that stand as headings of their own (GB/T 9704-2012 §7.3.3 levels and parts).
STANDALONE_STYLES = frozenset({MarkerStyle.PART, MarkerStyle.CHINESE, MarkerStyle.CHINESE_PAREN,
                               MarkerStyle.ARABIC, MarkerStyle.ARABIC_PAREN})
_CLOSERS = "”’）》」』】)\"'"
_ENDINGS = {"。": "stop", "！": "stop", "？": "stop", "!": "stop", "?": "stop",
            "；": "semicolon", ";": "semicolon", "：": "colon", ":": "colon"}
_SHOWN = {"stop": "“。”", "semicolon": "“；”", "colon": "“：”", "none": "无标点"}


def title_end(section: Section) -> int:
    """Offset just past the title (after the marker, in the heading's own text)."""
    marker_end = section.marker.span.end - section.span.start
    at = section.text.find(section.title, marker_end) if section.title else -1
    if at < 0:
        return section.span.start + len(section.text.rstrip(SPACES))
    return section.span.start + at + len(section.title)


def ending(section: Section) -> str:
    title = section.title.rstrip(SPACES)
    if title and title[-1] in _CLOSERS:
        return "quoted"  # a mark inside a closing quote belongs to the quotation
    return _ENDINGS.get(title[-1], "none") if title else "none"


class StandaloneHeadingStop(Rule):
    """独立成行的标题末尾加了“。”“；”“：”。

    单独成行、下面另起正文的标题（“一、”“（一）”等）末尾不加句号、分号、冒号。
    一组标题里若有的是“标题＋正文”同段的写法，不在此列（见 JH302）。

    错误示例::

        一、提高站位，扛起从严治党使命担当。
        党风廉政建设没有“完成时”……

    正确示例::

        一、提高站位，扛起从严治党使命担当
        党风廉政建设没有“完成时”……
    """

    code = "JH301"
    name = "standalone-heading-stop"
    severity = Severity.WARNING
    tier = Tier.SHIWU
    message = "独立成行的标题末尾不加句号、分号、冒号"

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        for run in context.runs:
            if any(not member.standalone for member in run.members):
                continue  # a run-in series: its titles are sentences
            for member in run.members:
                if member.marker.style not in STANDALONE_STYLES or not context.has_content(member):
                    continue
                title = member.title.rstrip(SPACES)
                if not title or title[-1] not in "。；：;:":
                    continue
                end = title_end(member)
                yield self.report(context, end - 1, end,
                                  f"独立成行的标题末尾不加{quoted(title[-1])}："
                                  f"{quoted(member.marker.raw + title)}")


class InconsistentTitleEnding(Rule):
    """同组标题收尾不一致：有的以“。”结尾，有的没有标点或用“；”。

    “一是……。”式的段首标题（标题与正文同段）以句号收尾；同一组里应当一致。
    以“：”引出下一层条目的标题不算在内。主持词中同一议程各项独立成行时也是如此：
    有的以“；”、有的以“。”收尾，或多数有标点而个别一行没有。前几项用“；”、最后一项
    用“。”是分项列举的正常写法；以“！”收尾（“大家欢迎！”）的一项不算在内。

    错误示例::

        一是提高政治站位抓落实。党的领导是……
        二是振奋精神状态保落实；为政之要……
        三是强化责任担当促落实。……

    正确示例::

        一是提高政治站位抓落实。党的领导是……
        二是振奋精神状态保落实。为政之要……
        三是强化责任担当促落实。……
    """

    code = "JH302"
    name = "inconsistent-title-ending"
    severity = Severity.WARNING
    tier = Tier.SHIWU
    message = "同组标题收尾不一致"

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        for run in context.runs:
            members = run.members
            if len(members) < 2 or all(member.standalone for member in members):
                continue
            classes = {}
            for member in members:
                kind = ending(member)
                if kind == "quoted":
                    continue
                if kind == "colon" and (member.children or member.enumerations):
                    continue  # the colon introduces the points under it
                classes[id(member)] = kind
            _closing_stop(classes, id(members[-1]))
            counts = Counter(classes.values())
            if len(counts) < 2:
                continue
            best = max(counts.values())
            majority = "stop" if counts.get("stop") == best else counts.most_common(1)[0][0]
            for member in members:
                kind = classes.get(id(member))
                if kind is None or kind == majority:
                    continue
                end = title_end(member)
                start = end - 1 if kind != "none" else member.marker.span.start
                yield self.report(context, start, end,
                                  f"同组标题收尾不一致：{quoted(member.marker.raw)}的标题以"
                                  f"{_SHOWN[kind]}收尾，同组其他标题以{_SHOWN[majority]}收尾")
        yield from self._agendas(context)

    def _agendas(self, context: CheckContext) -> Iterator[Diagnostic]:
        for node, _ in context.nodes:
            if not isinstance(node, Agenda):
                continue
            lines = [item for item in node.items if item.eol and item.text.strip(SPACES)]
            if len(lines) < 3:
                continue  # two steps are too few to call one of them the odd one out
            classes = {id(item): kind for item in lines
                       if (kind := _line_ending(item)) is not None}
            _closing_stop(classes, id(lines[-1]))
            counts = Counter(classes.values())
            if len(counts) < 2:
                continue
            best = max(counts.values())
            majority = "stop" if counts.get("stop") == best else counts.most_common(1)[0][0]
            if majority == "none":
                continue  # bare lines are the form; a closing 。 on one is no slip
            for item in lines:
                kind = classes.get(id(item))
                if kind is None or kind == majority:
                    continue
                end = item.span.start + len(item.text.rstrip(SPACES))
                start = end - 1 if kind != "none" else item.span.start
                yield self.report(context, start, end,
                                  f"同组标题收尾不一致：这一项议程以{_SHOWN[kind]}收尾，"
                                  f"同一议程其他各项以{_SHOWN[majority]}收尾")


def _closing_stop(classes: dict[int, str], last: int) -> None:
    """Leave out the last item's 。 when the others end in ；: 1.……；2.……；3.……。 is how
    a list of items is closed (分项列举, GB/T 15834-2011 分号 4.6), not a slip (corpus 130)."""
    others = Counter(kind for key, kind in classes.items() if key != last)
    if classes.get(last) == "stop" and others and others.most_common(1)[0][0] == "semicolon":
        del classes[last]


def _line_ending(item: AgendaItem) -> str | None:
    """How an agenda step's line ends: stop (。), semicolon, none, or None for a mark
    that is neither a slip nor the norm (！ of 大家欢迎！, a closing quote, a colon)."""
    last = item.text.rstrip(SPACES)[-1:]
    if last in _CLOSERS or last in "！？!?：:":
        return None
    if last in ("。", "；", ";"):
        return _ENDINGS[last]
    return "none" if is_han(last) or last.isalnum() else None


def _bare_title(section: Section) -> str:
    # A quoted title's closing quote goes with its stop (……不硬写。”): neither is its form.
    return section.title.rstrip(SPACES + "。！？；：!?;:，," + _CLOSERS)


class ParallelHeadingPattern(Rule):
    """并列标题不对仗：一组标题都以同一个词收尾（或字数相同），只有一条例外。

    讲话稿的并列标题讲究对仗：“提高政治站位抓落实”“振奋精神状态保落实”……。四条以上
    的一组中只有一条破了格式时提示，是否调整由作者决定。

    错误示例::

        一是提高政治站位抓落实。……
        二是振奋精神状态保落实。……
        三是强化责任担当促落实。……
        四是改进工作作风。……

    正确示例::

        一是提高政治站位抓落实。……
        二是振奋精神状态保落实。……
        三是强化责任担当促落实。……
        四是改进工作作风严落实。……
    """

    code = "JH303"
    name = "parallel-heading-pattern"
    severity = Severity.INFO
    tier = Tier.SHIWU
    message = "并列标题不对仗"

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        for run in context.runs:
            members = [m for m in run.members if len(_bare_title(m)) >= 4]
            if len(members) < 4 or len(members) != len(run.members):
                continue
            titles = [_bare_title(m) for m in members]
            odd = _single_outlier([t[-2:] for t in titles])
            if odd is not None:
                shared = titles[(odd + 1) % len(titles)][-2:]
                why = f"同组其他标题都以{quoted(shared)}收尾"
            else:
                # Count hanzi only: quotation marks around a term do not break 对仗.
                lengths = [sum(1 for ch in t if is_han(ch)) for t in titles]
                odd = _single_outlier(lengths)
                if odd is None:
                    continue
                why = f"同组其他标题都是{lengths[(odd + 1) % len(titles)]}个字"
            member = members[odd]
            yield self.report(context, member.marker.span.start, title_end(member),
                              f"并列标题不对仗：{quoted(member.marker.raw + titles[odd])}，{why}")


def _single_outlier(values: list) -> int | None:
    """Index of the one value that differs when all the others agree, else None."""
    counts = Counter(values)
    if len(counts) != 2:
        return None
    (_, many), (rare, few) = counts.most_common(2)
    if few != 1 or many < 3:
        return None
    return values.index(rare)
