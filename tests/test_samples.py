"""Fixture tests over samples/: each ``<stem>.txt`` has its expected outline and JSON
beside it, discovered by file stem.

``JIANGHUA_REGEN=1 python -m pytest tests/test_samples.py`` rewrites the expected
files from the current parser; review the change as a diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jianghua.api import parse_file
from jianghua.render.json import speech_to_json
from jianghua.render.outline import render_outline
from repo_paths import SAMPLES

REGENERATE = os.environ.get("JIANGHUA_REGEN") == "1"
STEMS = sorted(path.stem for path in SAMPLES.glob("*.txt"))


def _expect(path: Path, actual: str) -> None:
    if REGENERATE:
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path.name} is missing: run with JIANGHUA_REGEN=1 and review it"
    assert actual == path.read_text(encoding="utf-8")


def _speech(stem: str):
    speech = parse_file(SAMPLES / f"{stem}.txt")
    # The path recorded in the JSON is the one a user would type from the repo root.
    return speech.model_copy(update={"source": speech.source.model_copy(
        update={"path": f"samples/{stem}.txt"})})


def test_samples_exist() -> None:
    assert len(STEMS) >= 10


@pytest.mark.parametrize("stem", STEMS)
def test_outline(stem: str) -> None:
    _expect(SAMPLES / f"{stem}.outline", render_outline(_speech(stem)))


@pytest.mark.parametrize("stem", STEMS)
def test_json(stem: str) -> None:
    _expect(SAMPLES / f"{stem}.json", speech_to_json(_speech(stem)) + "\n")
