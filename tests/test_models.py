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
