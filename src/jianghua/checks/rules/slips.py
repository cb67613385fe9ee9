"""JH604: well-known one-character slips in official text (a small curated list).

Each entry names where it was seen or why it is certainly wrong, and carries guards so
that correct words are never flagged: 千部 is only a slip for 干部 when no numeral is
before it (一千部手机, 数千部 are fine), 切水 only before the verbs 切实 goes with (一切水源
is fine), 自已 not inside 来自已有 / 各自已经. The list is deliberately short: a false
alarm on a correct word costs more trust than a missed slip.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from jianghua.checks.context import CheckContext
from jianghua.checks.diagnostics import Diagnostic, Severity, Tier, make_fix
from jianghua.checks.rule import Rule
from jianghua.checks.rules._text import quoted

_NUMERALS = frozenset("零〇一二三四五六七八九十百千万两几数上近约余多成"
                      "0123456789０１２３４５６７８９")


@dataclass(frozen=True)
class Slip:
    wrong: str
    right: str
    source: str
    #: The slip is not one when the character before it is one of these.
    not_after: frozenset[str] = frozenset()
    #: … or when the character after it is one of these.
    not_before: frozenset[str] = frozenset()
    #: If set, the character after it must be one of these.
    only_before: frozenset[str] | None = None


SLIPS = [
    # 千 for 干 (the strokes differ by one): seed 002 (机关千部作风, 千事业).
    Slip("千部", "干部", "seed 002: 机关千部作风", not_after=_NUMERALS),
    Slip("千事业", "干事业", "seed 002: 促改革、千事业", not_after=_NUMERALS),
    Slip("千事创业", "干事创业", "干 for 千 as in seed 002", not_after=_NUMERALS),
    Slip("千群关系", "干群关系", "干 for 千 as in seed 002", not_after=_NUMERALS),
    # 干 for 于: seed 002 (敢干向浑浑噩噩……亮剑); issue 3's list (敢干于).
    Slip("敢干向", "敢于向", "seed 002: 敢干向浑浑噩噩"),
    Slip("敢干于", "敢于", "issue 3 (敢干于 → 敢于)"),
    Slip("敢干担当", "敢于担当", "干 for 于 as in seed 002"),
    Slip("敢干斗争", "敢于斗争", "干 for 于 as in seed 002"),
    # 水 for 实 (pinyin shi/shui input slip): seed 001 (切水增强“四个意识”).
    Slip("切水", "切实", "seed 001: 切水增强", not_after=frozenset("一"),
         only_before=frozenset("增加提做履落抓把推解维保改转担肩负发强扛减防解")),
    # 已 for 己: corpus 015 (端在自已手里); MANIFEST notes the typo.
    Slip("自已", "自己", "corpus 015: 端在自已手",
         not_after=frozenset("来源出发各摘引选取亲独擅暗径私"),
         not_before=frozenset("经有知久然")),
    # 《现代汉语词典》(第7版) has 再接再厉 only; 励 is the classic slip.
    Slip("再接再励", "再接再厉", "《现代汉语词典》第7版：再接再厉"),
    # Issue 10's review of real speeches; each right form is the 《现代汉语词典》(第7版)
    # entry, and the wrong one is no word (guards keep the correct neighbours).
    Slip("迫不急待", "迫不及待", "《现代汉语词典》第7版：迫不及待"),
    Slip("以身做则", "以身作则", "《现代汉语词典》第7版：以身作则"),
    Slip("贯切落实", "贯彻落实", "《现代汉语词典》第7版：贯彻"),
    # 公布署名 / 分布署… : 布 ends another word there.
    Slip("布署", "部署", "《现代汉语词典》第7版：部署",
         not_after=frozenset("公分发颁宣散遍密摆满宣流传"), not_before=frozenset("名")),
    # 既使 is right in 既使…又… (既 + 使); only 既使是/既使再/既使如此 are 即使.
    Slip("既使", "即使", "《现代汉语词典》第7版：即使", only_before=frozenset("是再如")),
    # 按装订线 / 按装修标准 are 按 + another word.
    Slip("按装", "安装", "《现代汉语词典》第7版：安装",
         not_before=frozenset("订修配饰载潢帧束箱卸")),
    # Traditional script: 同志 is 同志 there too; 誌 (a record) is the conversion slip.
    Slip("同誌", "同志", "繁体亦作“同志”；“誌”意为记载"),
]
_BY_WRONG = {slip.wrong: slip for slip in SLIPS}
_PATTERN = re.compile("|".join(re.escape(w) for w in sorted(_BY_WRONG, key=len, reverse=True)))


def _applies(slip: Slip, text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if before and before in slip.not_after:
        return False
    if after and after in slip.not_before:
        return False
    return slip.only_before is None or (bool(after) and after in slip.only_before)


class CharacterSlip(Rule):
    """常见的一字之误：“千部”（干部）、“切水”（切实）、“敢干向”（敢于向）……

    只收确有出处、不会误伤正确词语的少数几条（“一千部手机”“一切水源”“来自已有”不报）。
    可自动修复（``--fix``）。

    错误示例::

        关于开展机关千部作风问题教育整顿的意见

    正确示例::

        关于开展机关干部作风问题教育整顿的意见
    """

    code = "JH604"
    name = "character-slip"
    severity = Severity.WARNING
    tier = Tier.SHIWU
    message = "常见的一字之误"
    fixable = True

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        text = context.text
        for match in _PATTERN.finditer(text):
            slip = _BY_WRONG[match.group()]
            start, end = match.span()
            if not _applies(slip, text, start, end):
                continue
            fix = make_fix(f"改为{quoted(slip.right)}", (start, end, slip.right))
            yield self.report(context, start, end,
                              f"疑似错字：{quoted(slip.wrong)}应为{quoted(slip.right)}", fix=fix)
