"""JH201–JH203: the form of markers — one style per series, the right punctuation.

The punctuation after a 序次语 follows GB/T 15834-2011 (附录 B, 序次语之后的标点):
第/其/首先 take a comma (第一，); a bare Chinese numeral takes 顿号 (一、); an Arabic
numeral takes the low dot (1.); a bracketed one takes nothing ((一) not (一)、). The
appendix is informative and practice widely writes 1、, so these are warnings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from jianghua.checks.context import CheckContext
from jianghua.checks.diagnostics import Diagnostic, Severity, Tier, make_fix
from jianghua.checks.rule import Rule
from jianghua.checks.rules._text import quoted
from jianghua.model import Marker, MarkerStyle
from jianghua.numerals import is_enclosed

#: The form GB/T 15834-2011 gives each style's trailing mark.
CANONICAL = {
    MarkerStyle.CHINESE: "、", MarkerStyle.ARABIC: ".", MarkerStyle.ORDINAL: "，",
    MarkerStyle.QI: "，", MarkerStyle.SEQUENCE: "，", MarkerStyle.CHINESE_PAREN: "",
    MarkerStyle.ARABIC_PAREN: "", MarkerStyle.CIRCLED: "", MarkerStyle.SHI: "",
}
#: Trailing marks that are not wrong (JH203 leaves them alone); mixing them is JH202.
ACCEPTABLE = {
    MarkerStyle.CHINESE: {"、", ""},  # a bare 一 before a space: corpus 025
    MarkerStyle.ARABIC: {".", "．", "、"},
    MarkerStyle.ORDINAL: {"，", "："}, MarkerStyle.QI: {"，", "："},
    MarkerStyle.SEQUENCE: {"，", "："},
    MarkerStyle.CHINESE_PAREN: {""}, MarkerStyle.ARABIC_PAREN: {""},
    MarkerStyle.CIRCLED: {""}, MarkerStyle.SHI: {""},
}
_HALF_TO_FULL = {",": "，", ":": "：", "(": "（", ")": "）"}
#: An ordinal word alone, no counter word or copula after it (第一 / 其二 / 首先).
_BARE_WORD = re.compile("(?:第|其)[一二三四五六七八九十百]+|首先|其次|再次|然后|最后")


def _style_name(marker: Marker) -> str:
    return quoted(marker.raw)


class MixedMarkerStyle(Rule):
    """同组序数混用不同形式：“一是……二要……”“首先……其次……第三……”。

    一组并列的序号应当用同一种形式。GB/T 15834-2011 把“第”字头、“其”字头和“首先”类
    序次语作为各自独立的三套，不宜混用；“一是”与“一要”也各成一套。

    错误示例::

        一是提高政治站位。……
        二要振奋精神状态。……
        三是强化责任担当。……

    正确示例::

        一是提高政治站位。……
        二是振奋精神状态。……
        三是强化责任担当。……
    """

    code = "JH201"
    name = "mixed-marker-style"
    severity = Severity.WARNING
    tier = Tier.BIAOZHUN
    ceiling = Severity.WARNING  # 不宜混用 / 附录 B is informative
    message = "同组序数混用不同形式"

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        for run in context.runs:
            keys = run.keys
            if len(set(keys)) < 2:
                continue
            dominant = run.dominant_key
            example = next(m for m, k in zip(run.members, keys, strict=True) if k == dominant)
            for member, key in zip(run.members, keys, strict=True):
                if key == dominant:
                    continue
                marker = member.marker
                yield self.report(context, marker.span.start, marker.span.end,
                                  f"同组序数混用不同形式：{_style_name(marker)}与同组的"
                                  f"{_style_name(example.marker)}不一致")


class MixedMarkerPunctuation(Rule):
    """同组序号后的标点不一致：“1.”与“2、”并用。

    统一为标准形式（GB/T 15834-2011：阿拉伯数字后用下脚点“1.”，“第一”后用逗号）；
    组内没有标准形式时，统一为多数的写法。可自动修复（``--fix``）。

    错误示例::

        1.加强学习
        2、转变作风
        3.狠抓落实

    正确示例::

        1.加强学习
        2.转变作风
        3.狠抓落实
    """

    code = "JH202"
    name = "mixed-marker-punctuation"
    severity = Severity.WARNING
    tier = Tier.BIAOZHUN
    ceiling = Severity.WARNING  # 不宜混用 / 附录 B is informative
    message = "同组序号后的标点不一致"
    fixable = True

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        for run in context.runs:
            by_style: dict[MarkerStyle, list[Marker]] = {}
            for member in run.members:
                marker = member.marker
                if marker.punctuation in ACCEPTABLE.get(marker.style, ()):
                    by_style.setdefault(marker.style, []).append(marker)
            for style, markers in by_style.items():
                used = Counter(marker.punctuation for marker in markers)
                if len(used) < 2:
                    continue
                canonical = CANONICAL[style]
                target = canonical if canonical in used else used.most_common(1)[0][0]
                for marker in markers:
                    if marker.punctuation == target:
                        continue
                    fix = None
                    if marker.punctuation and target:
                        end = marker.span.end
                        fix = make_fix(f"改为{quoted(target)}", (end - 1, end, target))
                    shown = quoted(target) if target else "不加标点"
                    yield self.report(context, marker.span.start, marker.span.end,
                                      f"同组序号后的标点不一致：{_style_name(marker)}，"
                                      f"同组其他序号用{shown}", fix=fix)


def _wrong(marker: Marker, mixed_arabic: bool, in_list: bool) -> tuple[str, str] | None:
    """(what is wrong, the corrected marker) or None. ``in_list``: a member of a list
    inside a paragraph, not a heading."""
    raw, style, punctuation = marker.raw, marker.style, marker.punctuation
    if style in (MarkerStyle.ARABIC, MarkerStyle.ARABIC_PAREN) and marker.ordinal and (
            is_enclosed(raw[0])):
        # ⑴ and ⒈ are single compatibility characters (Unicode folds them to (1) and 1.),
        # which many fonts draw apart from the text's own digits and brackets.
        written = (f"（{marker.ordinal}）" if style is MarkerStyle.ARABIC_PAREN
                   else f"{marker.ordinal}.")
        return "是单个的编号字符（Unicode 兼容字符）", written
    if style in (MarkerStyle.CHINESE_PAREN, MarkerStyle.ARABIC_PAREN):
        inner = raw.rstrip("、")
        if inner[:1] not in "（(":
            # 1） written for （1）: the opening bracket is missing, not mistyped
            return "序号缺少左括号", "（" + inner[:-1] + "）"
        fixed = "（" + inner[1:-1] + "）"
        if raw.endswith("、"):
            return "括号序号后不再加顿号", fixed
        if inner != fixed:
            if "(" in inner and ")" in inner:
                return "序号用了半角括号", fixed
            return "序号的括号不配套（一半角一全角）", fixed
        return None
    if style is MarkerStyle.CIRCLED and punctuation:
        return "带圈序号后不再加标点", raw[:-1]
    if style is MarkerStyle.ARABIC and punctuation == "、" and not mixed_arabic:
        return "阿拉伯数字序号后一般用下脚点", raw[:-1] + "."
    if style not in CANONICAL or punctuation in ACCEPTABLE.get(style, {punctuation}):
        return None
    if not punctuation and style in (MarkerStyle.ORDINAL, MarkerStyle.SEQUENCE, MarkerStyle.QI):
        # 第一是…… 第一个问题是……: a copula, not a missing comma (OUTLINE); 首先要……，其次是……
        # counts inside a sentence, where no comma follows the word (a list, not a heading).
        # A heading that opens with the bare word (第一从……看，…… / 首先要……) lost its comma.
        if in_list or _BARE_WORD.fullmatch(raw) is None:
            return None
        return f"{quoted(raw)}后用逗号", raw + CANONICAL[style]
    canonical = CANONICAL[style]
    if punctuation in _HALF_TO_FULL and _HALF_TO_FULL[punctuation] in ACCEPTABLE[style]:
        return "序号后用了半角标点", raw[:-1] + _HALF_TO_FULL[punctuation]
    if style is MarkerStyle.CHINESE:
        return "汉字数字序号后用顿号", raw[:-1] + canonical
    return f"{quoted(raw.rstrip(punctuation))}后用逗号", raw[:-1] + canonical


class WrongMarkerPunctuation(Rule):
    """序号的标点用错：“（一）、”“一.”“一，”“第一、”“一是、”、半角或不配套的括号、“1、”。

    GB/T 15834-2011（附录 B）：“一”后用顿号，“第一”“其一”“首先”后用逗号，阿拉伯
    数字后用下脚点，带括号和带圈的序号后不再加标点；“一是”“一要”直接连着下文，
    后面不加顿号。“1、”在实务中常见，按“1.”提示。从 Word 复制来的单个编号字符
    “⑴”“⒈”按“（1）”“1.”提示。段首作标题的“第一”“首先”直接连着下文、漏了逗号的
    （“第一从……看”），也按此提示；句中列举的“首先要……，其次要……”不在此列。
    可自动修复（``--fix``）。

    错误示例::

        （一）、加强组织领导
        第一、主动提高政治站位。
        第二从全局看，必须……

    正确示例::

        （一）加强组织领导
        第一，主动提高政治站位。
        第二，从全局看，必须……
    """

    code = "JH203"
    name = "wrong-marker-punctuation"
    severity = Severity.WARNING
    tier = Tier.BIAOZHUN
    ceiling = Severity.WARNING  # 不宜混用 / 附录 B is informative
    message = "序号的标点用错"
    fixable = True

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        mixed_arabic: set[int] = set()
        for run in context.runs:
            arabic = {m.marker.punctuation for m in run.members
                      if m.marker.style is MarkerStyle.ARABIC}
            if len(arabic) > 1:  # JH202 reports the mix; do not report 1、 twice
                mixed_arabic.update(id(m.marker) for m in run.members)
        # A list inside a paragraph numbered 1、2、3、 is running text, where 、 after a
        # digit is the common house form; the 1. of GB/T 15834 is asked of headings.
        in_lists = {id(item.marker) for enumeration, _ in context.enumerations
                    for item in enumeration.items}
        for marker in context.markers:
            start, end = marker.span.start, marker.span.end
            in_list = id(marker) in in_lists
            found = _wrong(marker, id(marker) in mixed_arabic or (
                marker.style is MarkerStyle.ARABIC and in_list), in_list)
            if found is None:
                found = _shi_with_dunhao(marker, context.text)
                if found is None:
                    continue
                end += 1  # the 、 after 一是 is not part of the marker
            why, fixed = found
            raw = context.text[start:end]
            fix = make_fix(f"改为{quoted(fixed)}", (start, end, fixed))
            yield self.report(context, start, end,
                              f"序号的标点用错：{quoted(raw)}，{why}，宜改为{quoted(fixed)}",
                              fix=fix)


def _shi_with_dunhao(marker: Marker, text: str) -> tuple[str, str] | None:
    """一是、: 一是/一要 run straight into their clause (CANONICAL: no mark), so a 顿号
    typed after them is a slip; the grammar's SHI_MARKER ends before it. Not when
    another numeral follows (一是、二是 as words in a sentence, not a heading)."""
    if marker.style is not MarkerStyle.SHI:
        return None
    end = marker.span.end
    if text[end:end + 1] != "、" or text[end + 1:end + 2] in "一二三四五六七八九十两":
        return None
    return f"{quoted(marker.raw)}后不加顿号", marker.raw
