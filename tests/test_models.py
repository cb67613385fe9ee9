"""Model validators reject hand-edited documents that break the invariants."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from jianghua.api import parse
from jianghua.model import SCHEMA_VERSION, Speech

TEXT = "同志们：\n下面，我讲两点意见。\n一、抓学习\n（一）学理论\n正文。\n二、抓落实\n我就讲到这里，谢谢大家！\n"


def document() -> dict:
    return json.loads(parse(TEXT).model_dump_json())


def test_valid_document_loads() -> None:
    speech = Speech.model_validate(document())
    assert speech.schema_version == SCHEMA_VERSION


def _reject(doc: dict, fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Speech.model_validate(doc)
    assert fragment in str(caught.value)


def test_unknown_schema_version() -> None:
    doc = document()
    doc["schema_version"] = "9.9"
    _reject(doc, "schema_version")


def test_span_that_leaves_a_gap() -> None:
    doc = document()
    doc["nodes"][1]["span"]["start"] += 1
    doc["nodes"][1]["span"]["end"] += 1
    _reject(doc, "starts at offset")


def test_span_pointing_at_another_column() -> None:
    doc = document()
    doc["nodes"][1]["span"]["column"] = 7
    _reject(doc, "claims line 2 column 7")


def test_child_outside_its_parent() -> None:
    doc = document()
    section = next(n for n in doc["nodes"] if n["kind"] == "section")
    section["children"][0]["span"]["start"] += 2
    _reject(doc, "should start at offset")


def test_text_longer_than_its_span() -> None:
    doc = document()
    doc["nodes"][0]["text"] += "多余"
    _reject(doc, "its text is")


def test_non_positive_ordinal() -> None:
    doc = document()
    section = next(n for n in doc["nodes"] if n["kind"] == "section")
    section["marker"]["ordinal"] = 0
    _reject(doc, "greater than or equal to 1")


def test_length_mismatch() -> None:
    doc = document()
    doc["length"] += 1
    _reject(doc, "the text has")


def test_unknown_kind() -> None:
    doc = document()
    doc["nodes"][0]["kind"] = "mystery"
    _reject(doc, "mystery")


def test_the_model_carries_counts_numerals_and_series() -> None:
    """What the checks once re-derived from the text (issue 8) is in the model."""
    from jianghua import parse

    text = ("下面，我讲两点意见。\n一是抓学习：存在三个问题：一要甲。二要乙。\n二是抓落实\n"
            "会议有两项议程。\n进行第一项议程，请发言；\n")
    speech = parse(text)
    transition, first, second, agenda = speech.nodes
    assert transition.count is not None
    assert (transition.count.raw, transition.count.value) == ("两点", 2)
    assert text[transition.count.span.start:transition.count.span.end] == "两点"
    assert first.numeral is not None
    assert first.marker.raw[slice(*first.numeral)] == "一"
    assert first.series == second.series == "shi:是"
    [enumeration] = first.enumerations
    assert enumeration.count is not None and enumeration.count.raw == "三个问题"
    assert agenda.count is not None and agenda.count.raw == "两项"
    assert agenda.count.value == agenda.declared_count == 2


def test_a_document_without_the_new_fields_still_loads() -> None:
    import json

    from jianghua import load_speech, parse, speech_to_json

    speech = parse("下面，我讲两点意见。\n一、甲\n二、乙\n")
    document = json.loads(speech_to_json(speech))

    def drop(value):
        if isinstance(value, dict):
            return {k: drop(v) for k, v in value.items() if k not in ("count", "numeral",
                                                                      "series")}
        return [drop(v) for v in value] if isinstance(value, list) else value

    old = load_speech(json.dumps(drop(document), ensure_ascii=False), path="old.json")
    assert old.nodes[1].series is None and old.nodes[1].numeral is None
    assert old.nodes[0].count is None and old.nodes[0].declared_count == 2


def test_a_count_must_fill_its_span() -> None:
    import json

    import pytest

    from jianghua import DocumentError, load_speech, parse, speech_to_json

    document = json.loads(speech_to_json(parse("下面，我讲两点意见。\n一、甲\n二、乙\n")))
    document["nodes"][0]["count"]["raw"] = "两点意见"
    with pytest.raises(DocumentError, match="count"):
        load_speech(json.dumps(document, ensure_ascii=False), path="x.json")
