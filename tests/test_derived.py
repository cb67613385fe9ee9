"""``validate`` never says "ok" to a document that ``render`` contradicts: every field
derived from the text must agree with it, or the document is rejected with where and
why (an engineer's edit is never silently dropped)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from jianghua.api import parse
from jianghua.cli import main
from jianghua.render.json import speech_to_json

TEXT = """关于作风建设的讲话
同志们：
今天，我们开会。下面，我讲两点意见。
一、提高站位
（一）统一思想
正文。
二、直面问题
正文。
我就讲到这里，谢谢大家！
"""


def _set_title(d: dict) -> None:
    d["nodes"][0]["title"] = "关于纪律建设的讲话"


def _set_ordinal(d: dict) -> None:
    d["nodes"][4]["children"][0]["marker"]["ordinal"] = 99


def _set_salutation(d: dict) -> None:
    d["nodes"][1]["salutation"] = "各位领导、同志们："


def _set_length(d: dict) -> None:
    d["length"] = str(d["length"])


def _set_section_title(d: dict) -> None:
    d["nodes"][5]["title"] = "正视问题"


def _set_style(d: dict) -> None:
    d["nodes"][4]["marker"]["style"] = "arabic"


def _set_raw(d: dict) -> None:
    d["nodes"][4]["marker"]["raw"] = "二、"


def _set_declared(d: dict) -> None:
    d["nodes"][3]["declared_count"] = 3


@pytest.mark.parametrize(("edit", "where", "why"), [
    (_set_title, "nodes[0]", "title '关于纪律建设的讲话' is not in the node's text"),
    (_set_ordinal, "nodes[4].children[0]", "ordinal is 99 but '（一）' writes 1"),
    (_set_salutation, "nodes[1]", "salutation '各位领导、同志们：' is not in"),
    (_set_length, "length", ""),
    (_set_section_title, "nodes[5]", "title '正视问题' is not in"),
    (_set_style, "nodes[4]", "style arabic does not match"),
    (_set_raw, "nodes[4]", "raw '二、' is not the text at its span"),
    (_set_declared, "nodes[3]", "declared_count is 3 but the sentence declares 2"),
])
def test_a_derived_field_that_disagrees_with_the_text_is_rejected(
        tmp_path, capsys, edit: Callable[[dict], None], where: str, why: str) -> None:
    document = json.loads(speech_to_json(parse(TEXT)))
    edit(document)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert ": ok" not in out and where in out and why in out
    assert main(["render", str(path)]) == 2
    assert where in capsys.readouterr().err


def test_the_parsed_document_is_ok(tmp_path, capsys) -> None:
    path = tmp_path / "d.json"
    path.write_text(speech_to_json(parse(TEXT)), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.endswith(": ok\n")


def test_a_huge_integer_is_one_clean_error_and_the_batch_goes_on(tmp_path, capsys) -> None:
    good = tmp_path / "a.json"
    good.write_text(speech_to_json(parse(TEXT)), encoding="utf-8")
    document = good.read_text(encoding="utf-8")
    length = json.loads(document)["length"]
    (tmp_path / "b.json").write_text(
        document.replace(f'"length": {length}', '"length": 1' + "0" * 5000), encoding="utf-8")
    assert main(["validate", str(tmp_path / "b.json"), str(good)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("(error: JSON has an integer with too many digits)")
    assert out[1].endswith("a.json: ok")
    assert main(["render", str(tmp_path / "b.json")]) == 2
    err = capsys.readouterr().err
    assert "内部错误" not in err and "too many digits" in err
