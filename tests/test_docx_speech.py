"""A .docx speech parses like its text: Word's numbering labels become markers, spans
map back to paragraphs, and heading styles are kept as hints."""

from __future__ import annotations

from docx_factory import SPEECH_LEVELS, add_numbering, add_par, new_document, to_bytes
from jianghua.api import parse, parse_docx, parse_file, render
from jianghua.model import Speech
from jianghua.render.outline import render_outline


def _document() -> bytes:
    doc = new_document()
    add_numbering(doc, {1: SPEECH_LEVELS}, {1: 1})
    add_par(doc, "同志们：")
    add_par(doc, "下面，我讲两点意见。")
    add_par(doc, "提高站位", num_id=1, ilvl=0, outline=0)
    add_par(doc, "加强学习。要原原本本学。", num_id=1, ilvl=1)
    add_par(doc, "强化落实", num_id=1, ilvl=0, outline=0)
    add_par(doc, "（一）压实责任")  # typed by hand, not Word numbering
    add_par(doc, "我就讲到这里，谢谢大家！")
    return to_bytes(doc)


def test_word_numbering_parses_like_typed_markers() -> None:
    speech = parse_docx(data=_document(), name="讲话.docx")
    assert render_outline(speech) == (
        "[称谓] 同志们：\n[过渡] 下面，我讲两点意见。\n一、 提高站位\n  （一） 加强学习。\n"
        "二、 强化落实\n  （一） 压实责任\n[结束语] 我就讲到这里，谢谢大家！\n")
    assert speech.source.format == "docx"
    assert speech.source.path == "讲话.docx"


def test_spans_map_back_to_paragraphs_and_hints_are_kept() -> None:
    speech = parse_docx(data=_document())
    assert speech.paragraphs is not None
    first, second = (n for n in speech.nodes if n.kind == "section")
    paragraph = speech.paragraphs[first.span.line - 1]
    assert (paragraph.index, paragraph.label) == (2, "一、")
    assert first.hints is not None and first.hints.numbered_by_word
    assert first.hints.outline_level == 0
    typed = second.children[0]
    assert typed.hints is not None and not typed.hints.numbered_by_word
    # the typed （一） starts at character 0 of its paragraph's own text
    typed_paragraph = speech.paragraphs[typed.span.line - 1]
    assert typed.span.column - 1 - len(typed_paragraph.label) == 0


def test_docx_speech_round_trips_and_validates(tmp_path) -> None:
    path = tmp_path / "speech.docx"
    path.write_bytes(_document())
    speech = parse_file(path)
    assert render(speech).startswith("同志们：\n")
    again = Speech.model_validate_json(speech.model_dump_json())
    assert again.paragraphs == speech.paragraphs


def test_streamed_json_of_a_docx_speech_equals_the_whole_document() -> None:
    import io as stdio

    from jianghua.render.json import speech_to_json, write_json_lines

    speech = parse_docx(data=_document())
    sink = stdio.BytesIO()
    write_json_lines(speech, sink)
    assert sink.getvalue() == speech_to_json(speech, indent=None).encode("utf-8")


def test_every_door_gives_the_same_docx_json(tmp_path, capsysbinary) -> None:
    """One read door (issue 8): ``jianghua parse``, ``parse_many`` and
    ``batch.convert_to_json`` write what ``jianghua.parse_file`` gives: format docx, the
    paragraphs, and each heading's hints."""
    import json

    from jianghua.batch import convert_to_json, parse_many
    from jianghua.cli import main

    path = tmp_path / "讲话.docx"
    path.write_bytes(_document())
    expected = json.loads(parse_file(path).model_dump_json())
    assert expected["source"]["format"] == "docx"
    assert expected["paragraphs"] and len(expected["paragraphs"]) == 7
    sections = [n for n in expected["nodes"] if n["kind"] == "section"]
    assert sections and all(s["hints"] is not None for s in sections)

    assert main(["parse", str(path)]) == 0
    assert json.loads(capsysbinary.readouterr().out) == expected
    [result] = list(parse_many([path], workers=1))
    assert json.loads(result.speech_json) == expected
    assert json.loads(convert_to_json(path))["speech"] == expected


def test_a_docx_on_stdin_keeps_its_paragraphs(monkeypatch) -> None:
    import io as stdio
    import sys
    import types

    from jianghua.read import read_source

    data = _document()
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=stdio.BytesIO(data)))
    text, source = read_source("-")
    assert source.path is None and source.format == "docx"
    speech = parse(text, source=source)
    assert speech.paragraphs == parse_docx(data=data).paragraphs
    assert speech.source.carried_paragraphs is None  # moved onto the speech
