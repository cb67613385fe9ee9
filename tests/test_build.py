"""The plain-dict tree (``api.parse_data``) against the ``Speech`` (``api.parse``).

parse→JSON writes the dict tree with orjson and never makes a model, so each dict must
hold its model's fields in declaration order and write the very bytes pydantic's own
serializer writes for the ``Speech``.
"""

from __future__ import annotations

import io

import pytest

from jianghua.api import parse, parse_data
from jianghua.model import (
    Agenda,
    AgendaItem,
    Blank,
    Closing,
    Enumeration,
    EnumerationItem,
    Marker,
    Paragraph,
    Salutation,
    Section,
    Speech,
    Title,
    Transition,
)
from jianghua.read.decode import decode_file
from jianghua.render.json import (
    data_to_json_bytes,
    speech_to_json,
    speech_to_json_bytes,
    write_data_json,
)
from repo_paths import SAMPLES

KINDS = {cls.model_fields["kind"].default: cls for cls in (
    Agenda, AgendaItem, Blank, Closing, Enumeration, Paragraph, Salutation, Section, Title,
    Transition)}


def _dicts(value, owner: str = ""):
    """Every dict of the tree with the model it stands for."""
    if isinstance(value, list):
        for item in value:
            yield from _dicts(item, owner)
    elif isinstance(value, dict):
        if "kind" in value and value["kind"] in KINDS:
            yield value, KINDS[value["kind"]]
        elif owner == "marker":
            yield value, Marker
        elif owner == "items" and "marker" in value:
            yield value, EnumerationItem
        for key, item in value.items():
            if key != "source":
                yield from _dicts(item, key)


TEXTS = sorted(SAMPLES.glob("*.txt"))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_data_is_the_speech_as_plain_dicts(path) -> None:
    text = decode_file(path).text
    data = parse_data(text)
    assert list(data) == list(Speech.model_fields)
    seen = set()
    for node, cls in _dicts(data["nodes"]):
        assert list(node) == list(cls.model_fields), cls.__name__
        seen.add(cls)
    speech = parse(text)
    pydantic_bytes = speech.__pydantic_serializer__.to_json(speech, indent=2)
    assert data_to_json_bytes(data) == pydantic_bytes
    assert speech_to_json_bytes(speech) == pydantic_bytes
    assert data_to_json_bytes(data, indent=None) == speech.model_dump_json().encode()
    stream = io.BytesIO()
    write_data_json(parse_data(text), stream)
    assert stream.getvalue() == speech.model_dump_json().encode()
    assert speech_to_json(speech, indent=4) == speech.model_dump_json(indent=4)


def test_samples_hold_every_kind() -> None:
    seen = set()
    for path in TEXTS:
        seen |= {cls for _, cls in _dicts(parse_data(decode_file(path).text)["nodes"])}
    assert seen >= {Section, Paragraph, Blank, Title, Salutation, Transition, Agenda,
                    AgendaItem, Closing, Marker, Enumeration, EnumerationItem}
