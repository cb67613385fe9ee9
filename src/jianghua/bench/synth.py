"""A seeded generator of synthetic speeches in the conventional style (CONVENTIONS.md).

Used by the benchmark (``python -m jianghua.bench``) to build corpora of any size and
by tests that need many well-formed speeches. The text is composed from generic 公文
vocabulary; nothing is copied from real speeches. A speech has, in order: a title
(讲话 or 主持词), sometimes a date and speaker line, a salutation, an opening, for a
chair's script an agenda (会议有两项议程 / 进行第一项议程 steps) and a re-address, the
transition that declares how many points follow (下面，我讲三点意见。), the body and a
closing (我就讲到这里，谢谢大家！).

The body uses every conventional heading style: standalone 一、 with （一） below, 1. and
run-in （1） below that; run-in 第一，/一是/一要/首先…最后 points; and paragraphs with an
inline enumeration (存在三个方面的问题：一是…。二是…。三是…。) that is a list, not headings.
Some speeches have half-width punctuation, full-width indentation, (一) with half-width
brackets, 1、 instead of 1., and placeholders (XX, ×××, 某某, **).

Everything depends only on the ``random.Random`` passed in (or the seed), so the same
seed gives the same text on every platform and Python version that keeps
``random.Random``'s sequence (all CPython 3.x for the methods used here).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

__all__ = ["corpus_speeches", "generate_corpus", "generate_speech"]

CN = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
      "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"]
COUNT = ["", "一", "两", *CN[3:]]  # 两 in counts: 两点意见, 两项议程

# --- vocabulary (generic 公文 words, combined at random) ----------------------------

REGIONS = ["全市", "全县", "全区", "全省", "全镇", "全系统", "全局", "全行业"]
TOPICS = ["安全生产", "优化营商环境", "基层党建", "作风建设", "乡村振兴", "生态环境保护",
          "招商引资", "城市管理", "民生保障", "防汛抗旱", "政务服务", "重点项目建设",
          "文明城市创建", "干部队伍建设", "信访维稳", "财税", "科技创新", "农业农村",
          "教育", "医疗卫生", "应急管理", "市场监管", "国资国企", "数字政府"]
MEETINGS = ["工作会议", "工作推进会", "动员部署会", "座谈会", "专题会议", "总结表彰大会",
            "调度会", "现场观摩会"]
ROLES = ["市委书记", "市长", "县委书记", "县长", "区委副书记", "副市长", "局党组书记、局长",
         "市委常委、组织部部长", "党委书记"]
PLACEHOLDERS = ["XX", "×××", "某某", "**", "XXX", "××"]
UNITS = ["市发展改革委", "县应急管理局", "区住建局", "市财政局", "县农业农村局",
         "市政务服务中心", "区市场监管局", "县自然资源局", "市生态环境局", "区人社局"]

SUBJECTS = ["各级各部门", "各乡镇（街道）", "各级党组织", "有关部门", "各单位主要负责同志",
            "各县区", "广大党员干部", "牵头单位", "市直各单位", "各责任单位", "班子成员",
            "基层站所", "行业主管部门", "各工作专班"]
ACTIONS = ["落实主体责任", "完善工作机制", "强化监督检查", "加大投入力度", "细化工作措施",
           "压实属地责任", "健全考核体系", "推动政策落地", "优化资源配置", "提升服务水平",
           "畅通反馈渠道", "建立工作台账", "加强统筹调度", "抓好风险防控", "补齐短板弱项",
           "夯实基层基础", "规范工作流程", "强化数据共享", "做好宣传解读", "深化协同联动"]
ADVERBS = ["切实", "认真", "全力", "扎实", "持续", "进一步", "坚决", "着力", "主动", "积极"]
FOURS = ["守土有责", "守土尽责", "真抓实干", "久久为功", "精准施策", "标本兼治", "上下联动",
         "齐抓共管", "务求实效", "一抓到底", "动真碰硬", "善作善成", "立行立改", "闭环管理",
         "靶向发力", "统筹兼顾"]
RESULTS = ["确保各项任务按期完成", "确保工作取得实效", "形成工作合力", "推动工作落地见效",
           "切实解决群众急难愁盼问题", "不断提升群众满意度", "为全局工作提供有力保障",
           "以实际成效检验工作成果"]
PROBLEMS = ["工作推进不力的", "群众反映强烈的", "排查发现的隐患", "整改不到位的",
            "敷衍应付的", "长期积累的薄弱环节", "责任不清的事项"]
REMEDIES = ["建立台账、限期整改", "约谈提醒、通报批评", "逐项销号、跟踪问效",
            "严肃问责、绝不姑息", "挂牌督办、一督到底", "倒查责任、举一反三"]
FLAWS = ["思想认识不到位", "责任落实有差距", "工作措施不够实", "基础工作较薄弱",
         "部门协同不顺畅", "资金保障有缺口", "专业人才较缺乏", "考核激励不健全",
         "信息化水平不高", "基层力量偏弱", "宣传引导不够", "制度执行打折扣"]
FLAW_TAILS = ["，个别地方还存在“上热中温下冷”现象", "，一些问题反复出现",
              "，与上级要求相比仍有差距", "，群众还有不少意见", "，亟需加以改进", ""]

HEAD_VERBS = ["提高政治站位", "坚持问题导向", "突出工作重点", "强化责任落实", "深化改革创新",
              "加强统筹协调", "压实工作责任", "改进工作作风", "强化要素保障", "健全工作机制",
              "夯实基层基础", "提升服务效能", "坚持系统观念", "聚焦关键环节", "严格督查考核"]
HEAD_GOALS = ["进一步增强{t}工作的紧迫感", "全力推动{t}工作实现新突破", "确保各项任务落地见效",
              "着力补齐{t}工作短板", "推动{t}工作提质增效", "切实扛起{t}政治责任",
              "构建齐抓共管的工作格局", "奋力开创{t}工作新局面", "持续巩固{t}良好态势"]
SUB_HEADS = ["加强组织领导", "严格督查考核", "强化宣传引导", "完善制度体系", "加大资金投入",
             "狠抓隐患排查", "优化服务流程", "健全长效机制", "推进数字赋能", "抓实队伍建设",
             "深化源头治理", "注重统筹兼顾", "强化考核激励", "压实各方责任", "抓好典型示范",
             "做实基础工作", "突出重点领域", "畅通沟通渠道"]
SEQUENCE = ["首先，", "其次，", "再次，", "最后，"]


@dataclass
class _Node:
    """A heading (or the body root): its own lines, body paragraphs, then children."""

    head: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    grows: bool = True  # whether extra body paragraphs may be added here

    def lines(self) -> list[str]:
        out = [*self.head, *self.body]
        for child in self.children:
            out.extend(child.lines())
        return out


class _Writer:
    """One speech's choices: topic, place, punctuation habits; composes its sentences."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.region = rng.choice(REGIONS)
        self.topic = rng.choice(TOPICS)
        self.meeting = rng.choice(MEETINGS)
        # Real-world mess, per speech: half-width punctuation in some paragraphs,
        # full-width indentation, half-width brackets in （一）, 1、 for 1.
        self.halfwidth = rng.random() < 0.2
        self.indent = "　　" if rng.random() < 0.2 else ""
        self.half_paren = rng.random() < 0.15
        self.arabic_sep = rng.choice([".", ".", ".", "、", "．"])

    # -- small pieces --

    def pick(self, words: list[str]) -> str:
        return self.rng.choice(words)

    def placeholder(self) -> str:
        return self.pick(PLACEHOLDERS)

    def person(self) -> str:
        return f"{self.pick(ROLES)}{self.placeholder()}同志"

    def sentence(self) -> str:
        r = self.rng
        kind = r.randrange(7)
        if kind == 0:
            a, b = r.sample(ACTIONS, 2)
            return (f"{self.pick(SUBJECTS)}要{self.pick(ADVERBS)}{a}，{b}，"
                    f"{self.pick(RESULTS)}。")
        if kind == 1:
            a, b = r.sample(FOURS, 2)
            return (f"要坚持{a}、{b}，把{self.topic}工作"
                    f"摆在突出位置，{self.pick(ADVERBS)}{self.pick(ACTIONS)}。")
        if kind == 2:
            return f"对{self.pick(PROBLEMS)}，要{self.pick(REMEDIES)}，决不能走过场、搞形式。"
        if kind == 3:
            fours = r.sample(FOURS, 3)
            return (f"{self.pick(SUBJECTS)}要{self.pick(ADVERBS)}{self.pick(ACTIONS)}，"
                    f"做到{fours[0]}、{fours[1]}、{fours[2]}。")
        if kind == 4:
            return (f"截至目前，{self.region}已完成{r.randint(2, 95)}项重点任务，"
                    f"完成率达到{r.randint(60, 99)}%，但距离年度目标还有差距。")
        if kind == 5:
            a, b = r.sample(UNITS, 2)
            return (f"{a}要会同{b}，{self.pick(ACTIONS)}，"
                    f"每{r.choice(['周', '月', '季度'])}调度一次进展情况。")
        return (f"实践证明，只有{self.pick(ACTIONS)}，才能{self.pick(RESULTS)}，"
                f"这一点必须始终牢记。")

    def sentences(self, n: int) -> str:
        return "".join(self.sentence() for _ in range(n))

    def paragraph(self, sentences: int | None = None) -> str:
        n = sentences if sentences is not None else self.rng.randint(2, 4)
        return self.finish(self.sentences(n))

    def finish(self, text: str) -> str:
        """Apply this speech's punctuation habits to one paragraph and indent it."""
        if self.halfwidth and self.rng.random() < 0.5:
            text = text.replace("，", ",").replace("；", ";")
        return self.indent + text

    def enumeration(self) -> str:
        """A paragraph with an inline list: ……存在三个方面的问题：一是…。二是…。三是…。"""
        n = self.rng.randint(2, 5)
        flaws = self.rng.sample(FLAWS, n)
        lead = (f"从前期督查情况看，{self.region}{self.topic}工作总体向好，"
                f"但也还存在{COUNT[n]}个方面的问题：")
        items = "".join(f"{CN[i + 1]}是{flaw}{self.pick(FLAW_TAILS)}。"
                        for i, flaw in enumerate(flaws))
        return self.finish(lead + items + "对这些问题，必须高度重视，下大力气加以解决。")

    def head_title(self) -> str:
        return f"{self.pick(HEAD_VERBS)}，{self.pick(HEAD_GOALS).format(t=self.topic)}"

    # -- headings --

    def chinese(self, i: int) -> str:  # 一、 standalone
        return f"{self.indent}{CN[i]}、{self.head_title()}"

    def chinese_paren(self, i: int, title: str) -> str:  # （一） standalone
        left, right = ("(", ")") if self.half_paren else ("（", "）")
        return f"{self.indent}{left}{CN[i]}{right}{title}"

    def arabic(self, i: int, title: str) -> str:  # 1. standalone
        return f"{self.indent}{i}{self.arabic_sep}{title}"

    def run_in(self, marker: str, title: str) -> str:  # 一是…。 / 第一，…。 / （1）…。
        return self.finish(f"{marker}{title}。{self.sentences(self.rng.randint(1, 3))}")

    def arabic_paren(self, i: int) -> str:  # （1） run-in marker
        return f"({i})" if self.half_paren else f"（{i}）"


def _floating_markers(rng: random.Random, n: int) -> list[str]:
    """Markers of one run of floating run-in headings, all in the same style."""
    style = rng.randrange(4)
    if style == 0:
        return [f"第{CN[i]}，" for i in range(1, n + 1)]
    if style == 1:
        return [f"{CN[i]}是" for i in range(1, n + 1)]
    if style == 2:
        return [f"{CN[i]}要" for i in range(1, n + 1)]
    n = min(n, 4)
    return [*SEQUENCE[: n - 1], SEQUENCE[-1]]


def _section(w: _Writer, i: int, layout: str, budget: int) -> _Node:
    """One top-level 一、 section laid out as ``paren``, ``floating`` or ``plain``, with
    less structure when its share of the speech (``budget`` characters) is small."""
    rng = w.rng
    node = _Node(head=[w.chinese(i)], grows=False)
    titles = rng.sample(SUB_HEADS, 10)  # distinct titles for (一)… and the 1. below them
    if layout == "paren":
        for j in range(1, rng.randint(2, 4 if budget > 900 else 2) + 1):
            sub = _Node(head=[w.chinese_paren(j, titles[j - 1])], body=[w.paragraph()])
            if budget > 1200 and rng.random() < 0.3:  # a third level: 1. and run-in (1)
                sub.body = []
                sub.grows = False
                for k in range(1, rng.randint(2, 3) + 1):
                    leaf = _Node(head=[w.arabic(k, titles[4 + k])])
                    if rng.random() < 0.5:
                        leaf.body = [w.run_in(w.arabic_paren(m), w.pick(SUB_HEADS))
                                     for m in range(1, rng.randint(2, 3) + 1)]
                    else:
                        leaf.body = [w.paragraph()]
                    sub.children.append(leaf)
            node.children.append(sub)
    elif layout == "floating":
        node.body = [w.paragraph(2)]
        n = rng.randint(2, 4 if budget > 700 else 2)
        for marker, title in zip(_floating_markers(rng, n), rng.sample(SUB_HEADS, n), strict=False):
            node.children.append(_Node(head=[w.run_in(marker, title)]))
    else:
        node.body = [w.paragraph(), w.enumeration()]
        node.grows = True
    return node


def generate_speech(rng: random.Random, target_chars: int) -> str:
    """One speech of about ``target_chars`` characters (at least a minimal skeleton).

    Lines end in ``\\n``, the last one included.
    """
    w = _Writer(rng)
    host = rng.random() < 0.2  # a chair's script: 主持词 with an agenda
    lines: list[str] = []

    # Title and front matter.
    genre = "主持词" if host else "讲话"
    if host:
        lines.append(f"{w.region}{w.topic}{w.meeting}{genre}")
    else:
        lines.append(f"在{w.region}{w.topic}{w.meeting}上的{genre}")
    if rng.random() < 0.5:
        year = rng.choice(["20XX", str(rng.randint(2015, 2024))])
        lines.append(f"（{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日）")
    if rng.random() < 0.4:
        lines.append(f"{rng.choice(ROLES)}　{w.placeholder()}")
    lines.append(rng.choice(["同志们：", "各位领导、同志们：", "同志们、朋友们：", "同志们："]))

    # Opening, agenda, transition.
    n_top = rng.randint(2, 5) if target_chars >= 3000 else rng.randint(2, 3)
    opening = (f"今天，我们召开{w.region}{w.topic}{w.meeting}，主要任务是总结前一阶段工作，"
               f"分析当前形势，安排部署下一步重点任务。")
    transition = f"下面，我讲{COUNT[n_top]}点意见。"
    if host:
        steps = rng.randint(2, 4)
        lines.append(w.finish("现在开会。" + opening))
        lines.append(w.finish(f"出席今天会议的领导有：{w.person()}，{w.person()}。"))
        acts = [f"请{w.pick(UNITS)}主要负责同志通报{w.topic}工作情况",
                f"请{w.placeholder()}县、{w.pick(UNITS)}负责同志依次作表态发言",
                f"请{w.pick(UNITS)}负责同志宣读表彰决定",
                f"请{w.person()}作重要讲话，大家欢迎"]
        lines.append(w.finish(f"会议有{COUNT[steps]}项议程。首先，进行第一项议程，{acts[0]}；"))
        for k in range(2, steps + 1):
            act = acts[-1] if k == steps else acts[k - 1]
            stop = "！" if k == steps else "；"
            lines.append(w.finish(f"下面，进行会议第{CN[k]}项议程，{act}{stop}"))
        lines.append("同志们：")
        lines.append(w.finish(f"刚才，{w.pick(UNITS)}等单位作了发言，{w.person()}作了重要讲话，"
                              f"讲得都很好。为抓好会议精神的落实，{transition}"))
    else:
        lines.append(w.finish(opening))
        if rng.random() < 0.5:
            a, b = rng.sample(UNITS, 2)
            lines.append(w.finish(f"刚才，{a}和{b}作了交流发言，"
                                  f"{w.person()}对具体工作作了安排，我都同意。{transition}"))
        else:
            lines.append(w.finish(w.sentences(2) + transition))

    # Body: 一、 sections (with at least one （一） layout), or floating run-in points.
    root = _Node(grows=False)
    if host or rng.random() < 0.1:
        for marker, title in zip(_floating_markers(rng, n_top), rng.sample(SUB_HEADS, n_top),
                                 strict=False):
            root.children.append(_Node(head=[w.run_in(marker, title)]))
    else:
        layouts = [rng.choice(["paren", "paren", "floating", "plain"]) for _ in range(n_top)]
        if "paren" not in layouts:
            layouts[rng.randrange(n_top)] = "paren"
        budget = target_chars // n_top
        root.children = [_section(w, i + 1, layout, budget) for i, layout in enumerate(layouts)]

    # Closing.
    closing = []
    if rng.random() < 0.5:
        closing.append(w.finish(f"同志们，{w.topic}工作责任重大、使命光荣。让我们{w.pick(ADVERBS)}"
                                f"{w.pick(ACTIONS)}，为推动{w.region}高质量发展作出新的更大贡献！"))
    closing.append(w.indent + ("今天的会议到此结束，散会。" if host else
                               rng.choice(["我就讲到这里，谢谢大家！", "以上意见，供大家参考。"])))

    # Grow the body to the target size, one paragraph at a time.
    slots = [node for node in _walk(root) if node.grows]
    size = sum(len(line) + 1 for line in [*lines, *root.lines(), *closing])
    while size < target_chars and slots:
        node = rng.choice(slots)
        para = w.enumeration() if rng.random() < 0.1 else w.paragraph()
        node.body.append(para)
        size += len(para) + 1

    return "\n".join([*lines, *root.lines(), *closing]) + "\n"


def _walk(node: _Node):
    yield node
    for child in node.children:
        yield from _walk(child)


def corpus_speeches(seed: int, size_bytes: int, *, min_chars: int = 2500,
                    max_chars: int = 9000) -> list[str]:
    """Speeches whose UTF-8 sizes, with one blank line between each, add up to about
    ``size_bytes``: each is ``min_chars``…``max_chars`` characters, except that the last
    one takes what remains (so a small corpus holds one short speech)."""
    rng = random.Random(seed)
    speeches: list[str] = []
    total = 0
    # Stop when what remains is less than the smallest speech (~1.5 KB of skeleton).
    while not speeches or size_bytes - total > 1500:
        # About 2.9 bytes per character: CJK is 3 bytes, digits and newlines 1.
        remaining_chars = max(int((size_bytes - total) / 2.9), 1)
        target = rng.randint(min_chars, max_chars)
        if remaining_chars - target < min_chars:  # no short speech left over at the end
            target = remaining_chars
        speech = generate_speech(rng, target)
        speeches.append(speech)
        total += len(speech.encode("utf-8")) + 1
    return speeches


def generate_corpus(seed: int, size_bytes: int) -> str:
    """Many speeches separated by blank lines, about ``size_bytes`` bytes in UTF-8."""
    return "\n".join(corpus_speeches(seed, size_bytes))
