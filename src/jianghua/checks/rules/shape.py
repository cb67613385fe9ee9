"""JH501–JH506: the shape of a speech — salutation, closing, agenda order.

CONVENTIONS.md, "Anatomy": a salutation (称谓) opens the speech after any title lines
and ends in ：(or ！); a closing (结尾) ends it. Practice (实务): warnings. The
``fragment`` profile turns off the missing-salutation, misplaced-salutation and
missing-closing rules: an excerpt has neither end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jianghua.checks.context import CheckContext
from jianghua.checks.diagnostics import Diagnostic, Severity, Tier
from jianghua.checks.rule import Rule
from jianghua.checks.rules._series import analyse
from jianghua.checks.rules._text import SPACES, quoted
from jianghua.model import Agenda, Blank, Closing, Paragraph, Salutation, Title
from jianghua.numerals import int_to_chinese
from jianghua.parse.lexicon import terminal_pattern

_BODY_STOPS = "。！？；!;"
# An address that opens a paragraph: the opening salutation run into the text.
_ADDRESS = re.compile(r"(尊敬的|诸位|各位|同志们|女士们|先生们|朋友们|同学们|老师们)")
# A last paragraph that sums up the whole speech is a closing even without a closing
# formula (corpus 036 ends 要有以上这些方法，才能把党委的工作搞好; its gold outline has
# it as [结束语]). The parser only knows closings by formula, so this rule stays quiet.
_SUMMING_UP = ("以上", "上述", "综上", "总之", "总而言之")


def _first_content(context: CheckContext):
    for node in context.speech.nodes:
        if not isinstance(node, (Blank, Title)) and node.text.strip(SPACES):
            return node
    return None


def _content_start(node) -> int:
    return node.span.start + len(node.text) - len(node.text.lstrip(SPACES))


class MissingSalutation(Rule):
    """缺少称谓：讲话开头没有“同志们：”一类的称呼。

    讲话稿在标题之后、正文之前以称谓开头（“同志们：”“各位领导、同志们：”）。以
    问候语开头（“大家好！”）的，视同有称谓。片段（``--profile fragment``）不检查。

    错误示例::

        今天，我们召开全市作风建设大会。主要任务是……
        一、提高站位
        ……

    正确示例::

        同志们：
        今天，我们召开全市作风建设大会。主要任务是……
        一、提高站位
        ……
    """

    code = "JH501"
    name = "missing-salutation"
    severity = Severity.WARNING
    tier = Tier.SHIWU
    message = "缺少称谓"

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        if any(isinstance(node, Salutation) for node, _ in context.nodes):
            return
        first = _first_content(context)
        if first is None:
            return
        start = _content_start(first)
        if terminal_pattern("GREETING").match(context.text, start, start + 12):
            return  # 大家好！ addresses the audience as a salutation would (corpus 205)
        yield self.report(context, start, start + 1,
                          "缺少称谓：讲话开头应有“同志们：”一类的称谓")


class MisplacedSalutation(Rule):
    """称谓不在开头：第一个称谓出现在正文之后。

    称谓应当是标题之后的第一行。日期行、署名行不算正文。片段不检查。

    错误示例::

        今天，我们召开全市作风建设大会。
        同志们：
        ……

    正确示例::

        同志们：
        今天，我们召开全市作风建设大会。
        ……
    """

    code = "JH502"
    name = "misplaced-salutation"
    severity = Severity.WARNING
    tier = Tier.SHIWU
    message = "称谓不在开头"

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        # Reported only when the structure is certain (issue 10: 4 of 5 on real texts
        # were false): a re-address (同志们！ 各位同事！) is not a misplaced opening,
        # and a text whose first paragraph opens with an address of its own (尊敬的…，
        # 诸位代表先生们，…) had its opening salutation run into the text.
        body_seen = False
        first_body: str | None = None
        nodes = [node for node in context.speech.nodes if not isinstance(node, Blank)]
        for position, node in enumerate(nodes):
            if isinstance(node, Salutation):
                certain = (node.salutation.rstrip(SPACES)[-1:] in "：:"
                           and not (first_body and _ADDRESS.match(first_body)))
                if body_seen and certain:
                    start = _content_start(node)
                    yield self.report(context, start, start + len(node.salutation),
                                      f"称谓不在开头：{quoted(node.salutation)}之前已有正文")
                return
            if isinstance(node, Title) or _news_front_matter(nodes, position):
                continue
            # A date line or a speaker line (no sentence stop) is front matter, not body;
            # a half-width ? is no stop (国务院总理?李克强: a space lost to mojibake).
            if any(ch in _BODY_STOPS for ch in node.text):
                body_seen = True
                if first_body is None:
                    first_body = node.text.strip(SPACES)


def _news_front_matter(nodes: list, position: int) -> bool:
    """A news copy's wrapping before the speech: a dateline or source line (新华社北京
    10月12日电…), a photo credit, the caption above a credit (corpus 222, 223)."""
    text = nodes[position].text
    credit = terminal_pattern("PHOTO_CREDIT")
    if credit.match(text) or terminal_pattern("BYLINE").match(text):
        return True
    after = nodes[position + 1] if position + 1 < len(nodes) else None
    return after is not None and not isinstance(after, Salutation) and \
        credit.match(after.text) is not None


class SalutationPunctuation(Rule):
    """称谓末尾应为冒号（或叹号）：“同志们，”应为“同志们：”。

    开头的称谓后用冒号，提起下文；单独成句的再次称呼（“同志们！”）用叹号。

    错误示例::

        同志们，
        今天，我们召开全市作风建设大会。下面，我讲三点意见。
        一、提高站位
        ……
        我就讲到这里，谢谢大家！

    正确示例::

        同志们：
        今天，我们召开全市作风建设大会。下面，我讲三点意见。
        一、提高站位
        ……
        我就讲到这里，谢谢大家！
    """

    code = "JH503"
    name = "salutation-punctuation"
    severity = Severity.WARNING
    tier = Tier.SHIWU
    message = "称谓末尾应为冒号或叹号"

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        for node, _ in context.nodes:
            if not isinstance(node, Salutation):
                continue
            salutation = node.salutation.rstrip(SPACES)
            if not salutation or salutation[-1] in "：！:!":
                continue
            at = node.text.find(salutation)
            if at < 0:
                continue
            end = node.span.start + at + len(salutation)
            # 同志们, ends in a comma to replace; 同志们 on its own line lacks the colon.
            punctuated = salutation[-1] in "，,、"
            fixed = (salutation[:-1] if punctuated else salutation) + "："
            yield self.report(context, end - 1, end,
                              f"称谓末尾应为冒号或叹号：{quoted(salutation)}，开头的称谓宜写作"
                              f"{quoted(fixed)}")


class MissingClosing(Rule):
    """缺少结束语：讲话没有“我就讲到这里，谢谢大家！”一类的收尾。

    片段（``--profile fragment``）不检查。

    错误示例::

        ……三、真抓实干，推动从严治党取得新成效
        ……切实把各项工作落到实处。

    正确示例::

        ……切实把各项工作落到实处。
        我就讲到这里，谢谢大家！
    """

    code = "JH504"
    name = "missing-closing"
    severity = Severity.WARNING
    tier = Tier.SHIWU
    message = "缺少结束语"

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        # A closing anywhere: a chair's script in parts closes each part under its
        # heading (OUTLINE: host scripts in several parts).
        if any(isinstance(node, Closing) for node, _ in context.nodes):
            return
        if _first_content(context) is None:
            return
        end = len(context.text.rstrip(SPACES + "\r\n"))
        if end == 0:
            return
        last_line = context.line_text(context.position(end - 1)[0])
        if any(word in last_line for word in _SUMMING_UP):
            return  # a closing the parser does not know by its formula (corpus 036)
        yield self.report(context, end - 1, end,
                          "缺少结束语：讲话末尾没有“我就讲到这里，谢谢大家！”一类的结束语")


class TextAfterClosing(Rule):
    """结束语之后还有正文：如网页转载留下的“（新华社北京3月6日电）”。

    结束语（“我就讲到这里，谢谢大家！”“散会。”）之后只应有“谢谢大家”一类的结束套语。
    已发表的文本（``--profile published``）末尾括起来的出处（新华社电头、报纸期次）不报告。

    错误示例::

        我就讲到这里，谢谢大家！
        （新华社北京3月6日电）

    正确示例::

        我就讲到这里，谢谢大家！
    """

    code = "JH505"
    name = "text-after-closing"
    severity = Severity.WARNING
    tier = Tier.SHIWU
    message = "结束语之后还有正文"

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        closing_like = (terminal_pattern("CLOSING"), terminal_pattern("CALL"),
                        terminal_pattern("THANKS"))
        for node, _ in context.nodes:
            if not isinstance(node, Closing):
                continue
            notes = False
            found = []
            tail = False  # after a publication's back matter, the rest is its too
            for part in node.body:
                content = part.text.strip(SPACES)
                if not isinstance(part, Paragraph) or not content or tail:
                    continue
                if any(pattern.search(content) for pattern in closing_like):
                    continue
                notes = notes or content.startswith(_NOTES)
                if not notes and _closing_words(content):
                    continue  # 愿……； ……万岁！: wishes and slogans are the closing itself
                if context.profile.published and (notes or _back_matter(content)):
                    tail = content.startswith("图")  # a caption follows 图片：
                    continue  # corpus 041, 049: the agency's dateline and the paper's issue
                found.append((part, content))
            if _closing_uncertain([content for _, content in found]):
                continue
            for part, content in found:
                start = _content_start(part)
                yield self.report(context, start, start + len(content),
                                  f"结束语之后还有正文：{quoted(_short(content))}")


# A published text's notes after the speech: a footnote block, photo captions (206, 219).
_NOTES = ("注：", "注:", "注释", "图片：", "图片:")
# A wish or slogan line that belongs to the closing (愿……； 预祝大会圆满成功！) is this short.
_MAX_CLOSING_WORDS = 40


def _closing_words(content: str) -> bool:
    return len(content) <= _MAX_CLOSING_WORDS and content[-1] in "！!；;：:"


# What shows that a "closing" was found in the middle of a ceremony (issue 10: 6 of
# 11 JH505 on real texts were false): the speech goes on — an address, the agenda, a
# report being finished — or several paragraphs follow it. Then the parse is unsure,
# and the check holds back.
_GOES_ON = re.compile(r"^(同志们|同学们|各位|诸位|女士们|朋友们)|议程|完毕|审议|下面")


def _closing_uncertain(contents: list[str]) -> bool:
    return len(contents) > 2 or any(_GOES_ON.search(content) for content in contents)


def _back_matter(content: str) -> bool:
    """A publication's back matter: （新华社北京3月6日电）, 《 人民日报 》（…）, a picture's
    caption (图片：, corpus 219)."""
    return (content[0] in "（(《" and content[-1] in "）)》") or content.startswith(
        ("图片", "图为", "责任编辑", "来源："))


def _short(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "……"


class AgendaOrder(Rule):
    """议程顺序有误：议程项的序号跳号、重复或颠倒。

    错误示例::

        首先，进行第一项议程，……
        下面，进行会议第三项议程，……
        下面，进行会议第二项议程，……

    正确示例::

        首先，进行第一项议程，……
        下面，进行会议第二项议程，……
        下面，进行会议第三项议程，……
    """

    code = "JH506"
    name = "agenda-order"
    severity = Severity.WARNING
    tier = Tier.SHIWU
    message = "议程顺序有误"

    def check(self, context: CheckContext) -> Iterator[Diagnostic]:
        for node in context.speech.nodes:
            if not isinstance(node, Agenda):
                continue
            problems = analyse(node.items, lambda item: item.ordinal)
            found = [(item, f"之前缺少{'、'.join(f'第{_cn(n)}项' for n in missing)}")
                     for item, missing in problems.skipped]
            found += [(item, "与前面的议程重复") for item in problems.repeated]
            found += [(item, "排在了序号更大的议程之后") for item in problems.out_of_order]
            for item, problem in sorted(found, key=lambda pair: pair[0].span.start):
                start = _content_start(item)
                shown = _short(item.sentence.strip(SPACES))
                yield self.report(context, start, start + len(item.text.strip(SPACES)),
                                  f"议程顺序有误：第{_cn(item.ordinal)}项（{shown}）{problem}")


def _cn(value: int) -> str:
    return int_to_chinese(value) if 1 <= value <= 99 else str(value)
