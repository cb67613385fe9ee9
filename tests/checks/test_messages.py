"""Messages in good Chinese (issue 10): 两项 not 二项, inner quotes ‘’, no repeated
应为, no English inside the Chinese half, ``jianghua rules CODE`` without reST."""

from __future__ import annotations

import json
import re

from jianghua.api import parse
from jianghua.checks.runner import check
from jianghua.cli import main
from jianghua.render.json import speech_to_json


def messages(text: str, **options) -> list[str]:
    return [d.message for d in check(parse(text), text=text, **options)]


def test_a_count_of_two_is_liang() -> None:
    text = "同志们：\n下面，我讲三点意见。\n一、甲\n正文。\n二、乙\n正文。\n谢谢大家！\n"
    found = [m for m in messages(text) if "声明" in m]
    assert found and "其后有两项" in found[0] and "二项" not in found[0]


def test_quoted_double_quotes_use_inner_quotes() -> None:
    text = '同志们：\n要做到"三个必须",确保落实。\n谢谢大家！\n'
    found = [m for m in messages(text) if '"' in m]
    assert found and all("‘\"’" in m for m in found)


def test_no_message_says_ying_wei_twice() -> None:
    text = "同志们,\n今天开会。\n(一)甲\n正文。\n(二)乙\n正文。\n谢谢大家！\n"
    assert all(m.count("应为") <= 1 for m in messages(text))


def test_rules_code_shows_no_rest_markup(capsys) -> None:
    assert main(["rules", "JH601"]) == 0
    out = capsys.readouterr().out
    assert "``" not in out and not re.search(r"::$", out, re.MULTILINE)
    assert "错误示例：" in out


def test_validate_keeps_english_out_of_the_chinese_half(tmp_path, capsys) -> None:
    document = json.loads(speech_to_json(parse("同志们：\n今天开会。\n")))
    document["nodes"][0]["text"] = "同志们们："
    path = tmp_path / "e.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    line = capsys.readouterr().out.strip()
    reason = line.split(" (error: ")[0].rsplit("）：", 1)[1]  # after the JSON location
    assert reason == "数据不一致（文本与 span 的位置或长度不符）"
