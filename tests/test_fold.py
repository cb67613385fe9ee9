"""Traditional characters are read through grammar/traditional.tsv (parse/fold.py)."""

from __future__ import annotations

import re

from jianghua import parse, render, render_outline
from jianghua.parse.explain import explain
from jianghua.parse.fold import TABLE_NAME, reading_copy
from jianghua.parse.lexicon import grammar_text
from jianghua.render.json import load_speech, speech_to_json

SIMPLIFIED = """某某县表彰大会主持词
同志们：
今天的会议有两项议程。
下面，请县委书记讲话。
下面，请县长宣读表彰决定。
同志们，今天的会议到此结束。
"""
# The same script as a traditional-character page gives it (下面 as 下麵, as pages do).
TRADITIONAL = SIMPLIFIED.translate(str.maketrans("两书们会决县结议记讲词话请读长面项", "兩書們會決縣結議記講詞話請讀長麵項"))


def _table() -> list[tuple[str, str]]:
    rows = [line.split("\t") for line in grammar_text(TABLE_NAME).splitlines()
            if line and not line.startswith("#")]
    return [(traditional, simplified) for traditional, simplified in rows]


def test_each_pair_is_one_character_for_one_that_the_grammar_uses() -> None:
    grammar = grammar_text()
    rows = _table()
    assert rows
    for traditional, simplified in rows:
        assert len(traditional) == len(simplified) == 1 and traditional != simplified
        assert simplified in grammar, f"{traditional}→{simplified}: no pattern reads it"
    assert len({traditional for traditional, _ in rows}) == len(rows)


def test_a_simplified_text_is_read_as_it_is() -> None:
    assert reading_copy(SIMPLIFIED).text is SIMPLIFIED


def test_folding_keeps_every_offset() -> None:
    copy = reading_copy(TRADITIONAL)
    assert len(copy.text) == len(TRADITIONAL) and copy.where is None
    assert copy.text != TRADITIONAL


def test_a_traditional_script_has_the_structure_of_its_simplified_twin() -> None:
    def shape(outline: str) -> list[str]:
        # tags and depth only: the words are quoted as written
        return [re.sub(r"\].*", "]", line) for line in outline.splitlines()]

    simplified, traditional = parse(SIMPLIFIED), parse(TRADITIONAL)
    assert shape(render_outline(traditional)) == shape(render_outline(simplified))
    assert "[议程] 2" in render_outline(traditional)


def test_the_outline_quotes_the_text_as_written() -> None:
    speech = parse(TRADITIONAL)
    outline = render_outline(speech)
    assert "[称谓] 同志們：" in outline
    assert "請縣委書記講話。" in outline
    assert render(speech) == TRADITIONAL


# A page that injected pinyin after its characters (corpus 124's 第一個(gè)問(wèn)題,).
PINYIN = """同志們(men):
今天的會(huì)議有兩項議程。
下面,進(jìn)行第一項議程,請縣長講話(huà)。
下面,進(jìn)行第二項議程,請書記講話(huà)。
會(huì)議到此結束。
"""


def test_injected_pinyin_is_read_past_and_kept_in_the_quotes() -> None:
    copy = reading_copy(PINYIN)
    assert "(" not in copy.text and copy.where is not None
    assert len(copy.where) == len(copy.text) + 1
    speech = parse(PINYIN)
    outline = render_outline(speech)
    assert "[议程] 2" in outline
    assert "[议程项] 下面,進(jìn)行第一項議程,請縣長講話(huà)。" in outline
    assert "[结束语] 會(huì)議到此結束。" in outline
    assert render(speech) == PINYIN


def test_steps_with_no_announcement_read_through_a_copy_load_back() -> None:
    # The agenda head the nesting adds for such steps (corpus 003) takes the text's
    # offsets too: read through the pinyin-free copy it once kept the copy's, and the
    # JSON did not load (its items did not follow it).
    text = ("會(huì)議(yì)通知(zhī)\n同志們(men)：\n首先，進行第一項議程，請縣長講話；\n"
            "下面，進行第二項議程，請書記講話。\n")
    speech = parse(text)
    agenda = next(node for node in speech.nodes if node.kind == "agenda")
    assert agenda.text == "" and agenda.span.start == agenda.items[0].span.start
    assert load_speech(speech_to_json(speech)) == speech


def test_one_bracketed_note_is_no_injected_pinyin() -> None:
    text = "同志们：\n会上播放了课件(ppt)。\n"
    assert reading_copy(text).where is None


def test_indentation_lost_to_the_wrong_encoding_is_read_as_spaces() -> None:
    # A page saved in the wrong encoding turns each line's full-width indentation into ?.
    lost = "".join("?" + line + "\n" for line in SIMPLIFIED.splitlines())
    copy = reading_copy(lost)
    assert len(copy.text) == len(lost) and copy.where is None
    assert copy.text == lost.replace("?", "\u3000")
    assert render_outline(parse(lost)) == render_outline(parse(SIMPLIFIED))
    assert render(parse(lost)) == lost


def test_a_question_mark_opening_one_line_is_left_alone() -> None:
    text = SIMPLIFIED + "?为什么要开这个会\n"
    assert reading_copy(text).text is text


def test_full_width_digits_read_as_ascii_ones() -> None:
    # A page's date and clock in full-width digits are chrome as they are in ASCII ones;
    # the outline still quotes the digits as written.
    ascii_digits = ("某某县安全生产工作会议主持词\n2023-08-01 16:37:40 某某范文网\n同志们：\n"
                    "现在开会。今天会议有两项议程。\n下面进行第一项议程，请副县长通报情况。\n"
                    "下面进行第二项议程，请县长讲话。\n会议到此结束，散会。\n")
    wide = ascii_digits.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert render_outline(parse(wide)) == render_outline(parse(ascii_digits))
    assert render(parse(wide)) == wide


LAST_POINT = """同志们：
一、提高认识。要看到这项工作的紧迫性。
二、压实责任。各单位要明确分工。
最后，我再强调两点：一是要抓整改。
二是要抓落实。
谢谢大家！
"""


def test_a_traditional_final_point_nests_as_its_simplified_twin() -> None:
    # 最後，with points under it ends the speech's series at the top (OUTLINE rule 5),
    # whichever script it is written in.
    simplified, traditional = "后们强调两点实谢", "後們強調兩點實謝"
    written = LAST_POINT.translate(str.maketrans(simplified, traditional))
    outline = render_outline(parse(written))
    assert "\n最後， 我再強調兩點：\n  一是 要抓整改。\n" in outline
    assert "[结束语] 謝謝大家！" in outline
    assert outline.translate(str.maketrans(traditional, simplified)) == render_outline(
        parse(LAST_POINT))


def test_explain_reads_the_text_as_the_parse_does() -> None:
    plain = re.sub(r"\([a-zà-ü]+\)", "", PINYIN)
    decisions, twins = explain(PINYIN), explain(plain)
    assert [(d.kind, d.line, d.reason) for d in decisions] == [
        (d.kind, d.line, d.reason) for d in twins]
    assert all(PINYIN[d.start] == plain[t.start] for d, t in zip(decisions, twins, strict=True))
