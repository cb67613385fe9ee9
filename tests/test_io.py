"""JSON in and out: round trip, and one precise line for every way a document can break."""

from __future__ import annotations

import json

import pytest

from jianghua import parse
from jianghua.errors import DocumentError
from jianghua.model import SCHEMA_VERSION, Speech
from jianghua.render.json import json_schema, load_speech, speech_to_json

TEXT = (
    "同志们：\n"
    "今天召开会议，部署春耕工作。下面，我讲两点意见。\n"
    "一、提高认识\n"
    "春耕是一年之始。\n"
    "（一）抓好种子供应\n"
    "种子是基础。\n"
    "二、落实责任\n"
    "我就讲到这里，谢谢大家！\n"
)


@pytest.fixture
def document() -> dict:
    return json.loads(speech_to_json(parse(TEXT)))


def _error(document: dict | str) -> str:
    data = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    with pytest.raises(DocumentError) as info:
        load_speech(data, path="x.json")
    message = info.value.message
    assert "\n" not in message
    return message


def test_round_trip_is_identity() -> None:
    speech = parse(TEXT)
    text = speech_to_json(speech)
    assert "同志们" in text  # non-ASCII written as is, not \\u escapes
    assert load_speech(text, path="x.json") == speech
    assert load_speech(text.encode("utf-8"), path="x.json") == speech
    assert load_speech(b"\xef\xbb\xbf" + text.encode("utf-8"), path="x.json") == speech


def test_compact_json_is_one_line() -> None:
    assert "\n" not in speech_to_json(parse(TEXT), indent=None)


def test_changed_span_names_its_location(document: dict) -> None:
    section = document["nodes"][3]
    assert section["kind"] == "section"
    section["children"][0]["span"]["start"] = 10_000
    message = _error(document)
    assert "nodes[3].children[0].span" in message
    assert "section" in message and "第 5 行" in message and "line 5" in message


def test_missing_field_names_the_field(document: dict) -> None:
    del document["nodes"][3]["children"][0]["span"]["end"]
    message = _error(document)
    assert "nodes[3].children[0].span.end" in message
    assert "缺少必需字段 'end'" in message and "Field required" in message


def test_deleted_node_names_the_node_after_the_gap(document: dict) -> None:
    del document["nodes"][1]
    message = _error(document)
    # the node that no longer starts where the text before it ends
    assert "nodes[1]" in message


def test_several_errors_count_the_rest(document: dict) -> None:
    document["nodes"][0]["span"]["line"] = "x"
    document["nodes"][0]["span"]["column"] = "y"
    message = _error(document)
    assert "nodes[0].span.line" in message
    assert "(and 1 more)" in message and "另有 1 处错误" in message


def test_unsupported_schema_version(document: dict) -> None:
    document["schema_version"] = "2.0"
    message = _error(document)
    assert "schema_version '2.0'" in message and SCHEMA_VERSION in message


def test_a_1_0_document_still_loads(document: dict) -> None:
    # 1.1 only added (docs/json-model.md, versions): what 1.0 wrote, 1.1 reads.
    for node in document["nodes"]:
        if node["kind"] == "closing":
            del node["enumerations"]  # not written before 1.1
    document["schema_version"] = "1.0"
    speech = load_speech(json.dumps(document, ensure_ascii=False), path="x.json")
    assert speech.schema_version == "1.0"


def test_unknown_kind_and_extra_field(document: dict) -> None:
    document["nodes"][3]["kind"] = "chapter"
    assert "nodes[3]" in _error(document)
    del document["nodes"][3]["kind"]
    document["nodes"][3]["kind"] = "section"
    document["nodes"][3]["colour"] = "red"
    message = _error(document)
    assert "nodes[3].colour" in message and "不允许的字段" in message


def test_wrong_length_is_reported_at_top_level(document: dict) -> None:
    document["length"] = 3
    assert "文档顶层" in _error(document)


@pytest.mark.parametrize(
    ("data", "where"),
    [('{"nodes": [1,\n  2,,]}', "第 2 行第 5 列"), ("", "第 1 行第 1 列")],
)
def test_bad_json_gives_line_and_column(data: str, where: str) -> None:
    message = _error(data)
    assert where in message and "line" in message and "column" in message


def test_not_an_object() -> None:
    assert "应为对象" in _error("[]")


def test_not_utf8() -> None:
    with pytest.raises(DocumentError, match="UTF-8"):
        load_speech(b'{"a": "\xff"}', path="x.json")


def test_short_leaf_is_named() -> None:
    document = json.loads(speech_to_json(parse("甲\n乙\n")))
    document["nodes"][0]["text"] = ""
    message = _error(document)
    assert "nodes[0]" in message and "nodes[1]" not in message


def test_json_schema() -> None:
    schema = json_schema()
    assert schema["$id"].endswith(SCHEMA_VERSION)
    assert schema["title"] and schema["description"]
    assert schema["properties"]["nodes"] == Speech.model_json_schema()["properties"]["nodes"]
    json.dumps(schema)  # serializable


def test_streamed_json_lines_equal_the_whole_document() -> None:
    import io as stdio

    from jianghua.api import parse, parse_file
    from jianghua.render.json import write_json_lines
    from repo_paths import SAMPLES

    speeches = [parse(""), parse("同志们：\n")]
    speeches += [parse_file(path) for path in sorted(SAMPLES.glob("*.txt"))]
    for speech in speeches:
        sink = stdio.BytesIO()
        write_json_lines(speech, sink)
        assert sink.getvalue() == speech_to_json(speech, indent=None).encode("utf-8")


def test_plain_source_is_the_validated_source() -> None:
    """``read.source.plain_source`` builds a Source's state by hand (start-up, speed):
    it must stay what validation gives, field for field, if Source gains a field."""
    from jianghua.model import Source
    from jianghua.read.source import plain_source

    for given in ({}, {"path": "a.txt", "encoding": "gb18030", "bom": True},
                  {"path": None, "encoding": "utf-16-le", "bom": False}):
        made, validated = plain_source(**given), Source(**given)
        assert made.__dict__ == validated.__dict__
        assert list(made.__dict__) == list(validated.__dict__)
        assert made.__pydantic_fields_set__ == validated.__pydantic_fields_set__
        assert made.__pydantic_private__ == validated.__pydantic_private__
        assert made.model_dump_json() == validated.model_dump_json()
