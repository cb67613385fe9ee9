"""Hard wraps: a copy from a PDF breaks its paragraphs at the page's width (wraps.py).
Read through a copy without those line ends, it outlines as the paragraphs it was; its
nodes keep the text as written and point at the lines as the file has them."""

from __future__ import annotations

from pathlib import Path

from jianghua import parse, render, render_outline
from jianghua.model import Section
from jianghua.parse.explain import explain
from jianghua.parse.fold import reading_copy
from jianghua.parse.wraps import space_breaks, wrap_breaks
from jianghua.render.json import load_speech, speech_to_json

CASES = Path(__file__).resolve().parent / "outline_cases"
CASE = CASES / "hard_wrapped_speech.txt"
WIDTH = 21
STOPS = "，。、；：！？”）"


def _page(paragraphs: list[str], width: int = WIDTH) -> str:
    """``paragraphs`` as a PDF sets them: ``width`` characters a line, a paragraph's
    first line short by its indentation, no line opening with a stop (禁则)."""
    lines: list[str] = []
    for paragraph in paragraphs:
        start = 0
        while start < len(paragraph):
            end = start + (width - 2 if start == 0 else width)
            while end < len(paragraph) and paragraph[end] in STOPS:
                end += 1
            lines.append(paragraph[start:end])
            start = end
    return "\n".join(lines) + "\n"


def _unwrapped(text: str) -> str:
    return _without(text, wrap_breaks(text))


def _without(text: str, breaks: list[tuple[int, int]]) -> str:
    kept, position = [], 0
    for start, end in breaks:
        kept.append(text[position:start])
        position = end
    return "".join(kept) + text[position:]


def test_a_wrapped_speech_outlines_as_its_paragraphs() -> None:
    text = CASE.read_text(encoding="utf-8")
    assert wrap_breaks(text)
    speech = parse(text)
    assert render(speech) == text
    assert render_outline(speech) == render_outline(parse(_unwrapped(text)))
    assert "一、 认清形势，切实增强抓好秋冬季生产的责任" in render_outline(speech)
    assert load_speech(speech_to_json(speech)) == speech


def test_spans_count_the_lines_as_the_file_has_them() -> None:
    text = CASE.read_text(encoding="utf-8")
    lines = text.splitlines()
    speech = parse(text)
    for node in speech.nodes:
        if isinstance(node, Section):
            assert lines[node.span.line - 1].startswith(node.marker.raw)
            # Its own text runs over the wrapped lines, their line ends included.
            assert node.text.startswith(lines[node.span.line - 1])
    transition = next(node for node in speech.nodes if node.kind == "transition")
    assert "\n" not in transition.sentence
    assert lines[transition.span.line - 1].endswith("下")
    assert [d.line for d in explain(text) if d.kind == "transition"] == [transition.span.line]


def test_lines_of_one_width_that_are_no_paragraphs_stay() -> None:
    titles = "\n".join(f"某某镇二〇XX年政府工作报告全文_第{n}页" for n in range(1, 9))
    assert wrap_breaks(titles + "\n各位代表：\n") == []
    steps = "\n".join(f"下面，进行第{n}项议程，请某某同志讲话，大家欢迎！"
                      for n in "一二三四五六七八")
    assert wrap_breaks(steps) == []


def test_a_heading_as_wide_as_the_page_keeps_its_line() -> None:
    body = ("全县上下克服了春季低温、夏季干旱等不利因素的影响，粮食生产再获丰收，农民收入稳步"
            "增长，农村社会和谐稳定。各乡镇要把秋冬季农业生产摆上重要议事日程，主要领导亲自"
            "抓，分管领导具体抓，层层落实责任，成绩来之不易。")
    heading = "一、认清形势，切实增强抓好秋冬季生产的责任"
    assert len(heading) == WIDTH
    text = _page([body, body]) + heading + "\n" + _page([body, body])
    assert wrap_breaks(text)
    assert f"一、 {heading[2:]}" in render_outline(parse(text)).splitlines()


def test_half_width_punctuation_runs_to_the_same_margin() -> None:
    # A Chinese page sets , and ， in one character's box: typed half-width, the same
    # page breaks its lines at the same places (tests/outline_cases: a heading as wide as
    # the page is kept whole either way).
    for text in (CASE.read_text(encoding="utf-8"),
                 (CASES / "page_numbers_between_the_lines.txt").read_text(encoding="utf-8")):
        half_width = text.translate(str.maketrans("，：；！？（）", ",:;!?()"))
        assert wrap_breaks(half_width) == wrap_breaks(text)


def test_a_marker_across_a_line_end_is_not_joined_but_a_count_is() -> None:
    lines = ["今天召开全县秋冬季农业生产工作会议，主要任务是总结前一阶",
             "段的农业生产工作，分析当前面临的形势，安排部署秋冬季各项重",
             "点工作。刚才，某某同志通报了全县秋收秋种进度，几个乡镇作了",
             "交流发言，讲得都很好，我都同意。下面，我就做好今年的工作讲三",
             "点意见，请大家认真抓好落实，确保各项任务落到实处，不留死角。",
             "要抓好秋种，抢墒播种、足墒下种，确保种足种好，不留白茬地。一",
             "是加强领导，主要领导亲自抓，分管领导具体抓，层层落实责任。",
             "各乡镇党委、政府要把秋冬季农业生产摆上重要议事日程，切实抓好。"]
    text = "\n".join(lines) + "\n"
    ends = {start for start, _ in wrap_breaks(text)}
    # A marker keeps its line (its raw text is one line's); a count the page broke
    # (讲三|点意见) is read whole, so the transition it announces is found.
    assert text.index("。一") + 2 not in ends
    assert text.index("讲三") + 2 in ends and text.index("前一阶") + 3 in ends
    speech = parse(text)
    assert "[过渡] 下面，我就做好今年的工作讲三点意见，" in render_outline(speech)
    assert render(speech) == text
    assert load_speech(speech_to_json(speech)) == speech


def test_a_word_document_is_never_unwrapped() -> None:
    text = CASE.read_text(encoding="utf-8")
    assert reading_copy(text, paragraphs=True).wraps == []
    assert reading_copy(text).wraps


def test_a_page_whose_lines_a_site_joined_with_spaces_reads_as_its_paragraphs() -> None:
    # A document site's copy of a PDF: the page's lines joined with spaces. Its spaces
    # at the page's width are read past; those where a paragraph ended stay, and it
    # outlines as its paragraphs joined with spaces. The quotes keep the spaces.
    text = (CASES / "space_wrapped_page.txt").read_text(encoding="utf-8")
    breaks = space_breaks(text)
    assert breaks and all(text[start:end] == " " for start, end in breaks)
    paragraphs = _without(text, breaks)
    assert " 一、认清形势，切实增强抓好秋冬季生产的责任 今年以来，" in paragraphs
    outline = render_outline(parse(text))
    assert "[过渡] 下 面，我就做好今年的秋冬季农业生产，讲三点意 见：" in outline
    assert outline.replace(" ", "") == render_outline(parse(paragraphs)).replace(" ", "")
    assert render(parse(text)) == text


def test_a_title_cut_where_the_page_broke_ends_at_its_words() -> None:
    # A heading as wide as the page, glued to its body, on a page joined with spaces:
    # the space after the title is the page's line end, read past, and no part of it.
    body = ("全县上下克服了春季低温、夏季干旱等不利因素的影响，粮食生产再获丰收，农民收入稳步"
            "增长，农村社会和谐稳定。各乡镇要把秋冬季农业生产摆上重要议事日程，主要领导亲自"
            "抓，分管领导具体抓，层层落实责任，成绩来之不易。")
    heading = "一、认清形势，增强抓好秋冬季生产的责任"
    assert len(heading) == WIDTH - 2  # a paragraph's first line, short by its indent
    page = _page(["同志们：", "今天召开全县秋冬季农业生产工作会议，主要任务是总结前一阶段的工作。"
                  + body, heading + "今年以来，" + body, body])
    text = " ".join(page.splitlines()) + "\n"
    assert f"{heading} 今年以来" in text and space_breaks(text)
    speech = parse(text)
    assert f"一、 {heading[2:]}" in render_outline(speech).splitlines()
    assert render(speech) == text


def test_spaces_between_paragraphs_are_no_page() -> None:
    text = CASE.read_text(encoding="utf-8")
    assert space_breaks(_unwrapped(text).replace("\n", " ")) == []


def test_a_host_label_opens_a_line_of_its_own() -> None:
    # A duet script's lines may run to the width without a stop (男：在这个秋高气爽的
    # 季节); the next host's label opens a paragraph all the same.
    body = ("今天我们欢聚一堂，隆重举行学校秋季运动会，全体师生以饱满的热情迎接这一盛会，"
            "赛场上处处洋溢着青春的活力，展现出我校师生积极向上的精神风貌和团结拼搏的品质。")
    text = (_page([body, body]) + "男：在这个秋高气爽、丹桂飘香的美好季节，让我们\n"
            "女：让热情如火，让生命闪烁智慧的光华！\n" + _page([body, body]))
    assert wrap_breaks(text)
    ends = {start for start, _ in wrap_breaks(text)}
    assert text.index("让我们\n女：") + 3 not in ends


def test_a_line_ending_in_a_bracket_ends_there() -> None:
    # A chair's lines of one length, each closed by a direction in brackets, are no
    # paragraph broken at a page's width.
    votes = "\n".join(f"对第{n}号候选人，同意的请举手，不同意的请举手。（请放下）"
                      for n in "一二三四五六七八")
    assert wrap_breaks(votes + "\n") == []


def test_a_numbered_line_goes_on_into_the_end_of_its_sentence() -> None:
    # 一、请……宣读《……的通 / 报》； — the rest of a step's first sentence, wrapped: a short
    # line that stops only at its end.
    body = ("这次全县安全生产工作会议是县政府决定召开的，会议的主要目的是全面贯彻省、市安全"
            "生产工作会议精神，分析形势，明确责任，全面部署下步工作，确保全县安全生产形势"
            "持续稳定。")
    item = "一、请某某局长宣读《关于全县安全事故的通"
    text = _page([body, body]) + item + "\n报》；\n" + _page([body, body])
    assert len(item) == WIDTH - 1
    ends = {start for start, _ in wrap_breaks(text)}
    assert text.index("的通\n报") + 2 in ends
