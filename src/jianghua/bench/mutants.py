"""The mutant benchmark: does ``jianghua check`` find the slips an editor would?

Correct speeches composed in the conventional style (placeholder names, no real
text) are mutated one slip at a time — a skipped or repeated number, 、 swapped for
., a dropped closing or salutation, a half-width comma, a slip of the pen, a
placeholder, a wrong declared count — and each mutant is checked. *Recall* is the
share of mutants on which the rule that names the slip fires at the mutated line (a
finding elsewhere does not count). The bases themselves must be clean, so a false
alarm on correct text shows up as a failure here too.

``python -m jianghua.bench.mutants`` prints the recall per rule and overall;
``tests/checks/test_mutants.py`` asserts that it stays at or above 0.9.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass

__all__ = ["BASES", "Mutant", "Outcome", "main", "mutants", "run"]

# Three correct speeches: a work-meeting speech with 一、/（一）, a short one with 一是
# runs and declared counts, a chaired meeting with an agenda.
BASES = {
    "work": """在全市作风建设大会上的讲话
（2024年3月1日）
同志们：
今天，我们召开全市作风建设大会，主要任务是总结工作、部署任务。下面，我讲三点意见。
一、提高政治站位
（一）统一思想认识。各级干部要切实增强责任感和紧迫感。
（二）压实工作责任。各部门要把任务落到实处。
二、直面突出问题
（一）查找问题短板。要坚持问题导向，逐项列出清单。
（二）抓好整改落实。要建立台账，限期整改。
（三）健全长效机制。要完善制度，巩固成果。
三、强化组织保障
各级党组织要加强领导，形成合力，确保各项工作落地见效。
同志们，作风建设永远在路上。让我们以更加务实的作风，推动各项工作再上新台阶！
谢谢大家！
""",
    "shi": """同志们：
今天，我们在这里召开全县安全生产工作会议。下面，我讲两点意见。
一、认清形势
当前，安全生产形势总体平稳，但风险隐患依然存在。一是思想认识还不到位。二是责任落实还不够有力。三是监管能力还有短板。
二、狠抓落实
一是要压实企业主体责任。企业负责人要亲自抓、负总责。
二是要强化部门监管责任。各部门要按照职责分工，加强执法检查。
三是要落实属地管理责任。各乡镇要守土有责、守土尽责。
我就讲到这里，谢谢大家！
""",
    "agenda": """同志们：
现在开会。今天会议有三项议程。
首先，进行第一项议程，请县委办公室主任宣读表彰决定。
下面，进行第二项议程，请受表彰代表发言。
下面，进行第三项议程，请县委书记讲话，大家欢迎。
同志们，刚才，县委书记作了重要讲话，大家要认真学习领会，抓好贯彻落实。
会议到此结束，散会！
""",
}


@dataclass(frozen=True)
class Mutant:
    base: str
    name: str
    code: str
    text: str
    #: 1-based line of the slip (the finding must be there); None: anywhere.
    line: int | None


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    found: bool


def _replace_line(text: str, line: int, old: str, new: str) -> str | None:
    lines = text.split("\n")
    if old not in lines[line - 1]:
        return None
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


def _drop_line(text: str, line: int) -> str:
    lines = text.split("\n")
    del lines[line - 1]
    return "\n".join(lines)


# (name, rule, line, old, new) replacements within one line of a base.
_EDITS: dict[str, list[tuple[str, str, int, str, str]]] = {
    "work": [
        ("skip-number", "JH101", 8, "二、", "三、"),
        ("skip-sub-number", "JH101", 7, "（二）", "（三）"),
        ("repeat-sub-number", "JH102", 10, "（二）", "（一）"),
        ("swap-order", "JH103", 7, "", ""),  # see _extra
        ("dot-for-dunhao", "JH203", 5, "一、", "一."),
        ("halfwidth-paren", "JH203", 6, "（一）", "(一)"),
        ("halfwidth-comma", "JH601", 6, "切实增强", "切实,增强"),
        ("halfwidth-colon", "JH601", 4, "。下面", ":下面"),
        ("ellipsis", "JH601", 14, "新台阶！", "新台阶......"),
        ("slip-qianbu", "JH604", 6, "干部", "千部"),
        ("slip-bushu", "JH604", 4, "部署", "布署"),
        ("slip-zaili", "JH604", 14, "推动", "再接再励推动"),
        ("placeholder-xx", "JH603", 13, "各级党组织", "XX党组织"),
        ("placeholder-year", "JH603", 2, "2024年", "20XX年"),
        ("placeholder-star", "JH603", 10, "要建立", "请*同志建立"),
        ("declared-count", "JH401", 4, "三点意见", "四点意见"),
        ("salutation-comma", "JH503", 3, "同志们：", "同志们,"),
        ("unpaired-quote", "JH602", 13, "形成合力", "形成“合力"),
        ("heading-stop", "JH301", 5, "提高政治站位", "提高政治站位。"),
    ],
    "shi": [
        ("skip-shi", "JH101", 8, "三是", "四是"),
        ("repeat-shi", "JH102", 8, "三是", "二是"),
        ("enumeration-count", "JH403", 4, "", ""),  # see _extra
        ("skip-heading", "JH101", 5, "二、", "三、"),
        ("halfwidth-comma-shi", "JH601", 6, "亲自抓、", "亲自抓,"),
        ("slip-jishi", "JH604", 4, "但风险", "既使是这样，风险"),
        ("slip-pobuji", "JH604", 7, "加强执法", "迫不急待地加强执法"),
        ("placeholder-x-title", "JH603", 6, "企业负责人", "X副县长"),
        ("placeholder-percent", "JH603", 4, "总体平稳", "事故下降X%"),
        ("declared-count-shi", "JH401", 2, "两点意见", "三点意见"),
        ("not-from-one", "JH104", 6, "", ""),  # see _extra
    ],
    "agenda": [
        ("agenda-count", "JH402", 2, "三项议程", "四项议程"),
        ("halfwidth-comma-agenda", "JH601", 3, "首先，", "首先,"),
        ("slip-ganbu", "JH604", 6, "抓好贯彻", "千部要抓好贯彻"),
        ("placeholder-name", "JH603", 5, "县委书记讲话", "×××同志讲话"),
    ],
}


def _extra(name: str, text: str) -> str | None:
    if name == "enumeration-count":  # 三 listed, 四 declared
        return text.replace("但风险隐患依然存在。", "但存在四个方面的问题：", 1)
    if name == "swap-order":  # （二）（一）
        return text.replace("（一）统一", "（二）统一", 1).replace("（二）压实", "（一）压实", 1)
    if name == "not-from-one":  # 二是 三是 四是
        return (text.replace("三是要", "四是要", 1).replace("二是要", "三是要", 1)
                .replace("一是要", "二是要", 1))
    return None


def mutants() -> Iterator[Mutant]:
    for base, edits in _EDITS.items():
        text = BASES[base]
        for name, code, line, old, new in edits:
            mutated = _extra(name, text) or _replace_line(text, line, old, new)
            if mutated is None or mutated == text:
                raise ValueError(f"mutant {base}/{name} does not apply")
            yield Mutant(base, name, code, mutated, line)
    # Dropped pieces: the structure rules.
    yield Mutant("work", "drop-salutation", "JH501", _drop_line(BASES["work"], 3), None)
    yield Mutant("shi", "drop-closing", "JH504", _drop_line(BASES["shi"], 9), None)
    yield Mutant("shi", "drop-salutation", "JH501", _drop_line(BASES["shi"], 1), None)
    yield Mutant("work", "drop-sub-heading", "JH101", _drop_line(BASES["work"], 10), 10)


Checker = Callable[[str], list]


def _default_checker(text: str) -> list:
    from jianghua.api import parse
    from jianghua.checks.runner import check

    return check(parse(text), text=text)


def run(checker: Checker = _default_checker) -> tuple[list[Outcome], dict[str, list]]:
    """Every mutant's outcome, and the findings on each (clean) base."""
    base_findings = {name: checker(text) for name, text in BASES.items()}
    outcomes = []
    for mutant in mutants():
        found = [d for d in checker(mutant.text) if d.code == mutant.code]
        if mutant.line is not None:
            found = [d for d in found if d.line <= mutant.line <= d.end_line]
        outcomes.append(Outcome(mutant, bool(found)))
    return outcomes, base_findings


def recall(outcomes: list[Outcome]) -> float:
    return sum(o.found for o in outcomes) / len(outcomes) if outcomes else 0.0


def main(argv: list[str] | None = None) -> int:
    outcomes, bases = run()
    out = sys.stdout
    print("mutant benchmark: does the expected rule fire at the mutated line?", file=out)
    by_code: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        by_code.setdefault(outcome.mutant.code, []).append(outcome)
    for code in sorted(by_code):
        group = by_code[code]
        missed = [o.mutant.base + "/" + o.mutant.name for o in group if not o.found]
        print(f"  {code}  {sum(o.found for o in group)}/{len(group)}"
              + (f"  missed: {', '.join(missed)}" if missed else ""), file=out)
    for name, findings in bases.items():
        if findings:
            print(f"  base {name} is not clean: "
                  + ", ".join(f"{d.code}@{d.line}" for d in findings), file=out)
    print(f"recall {recall(outcomes):.3f} ({sum(o.found for o in outcomes)}/{len(outcomes)})",
          file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
