"""The rich tree: the outline's shape, literal text, CJK-aware widths."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from jianghua import parse
from jianghua.render.tree import FoldingText, speech_tree, truncate_cells

SPEECH = (
    "在全县春耕工作会议上的讲话\n"
    "同志们：\n"
    "今天召开会议，主要是部署春耕工作。下面，我讲三点意见。\n"
    "一、提高认识[重要]\n"
    "春耕是一年之始，存在三个问题：一是种子不足。二是化肥涨价。三是人手短缺。\n"
    "\n"
    "（一）抓好种子供应\n"
    "种子是基础。\n"
    "（二）抓好农资保障\n"
    "二、落实责任\n"
    "一是压实县级责任。各部门要各司其职。\n"
    "二是压实乡镇责任。\n"
    "我就讲到这里，谢谢大家！\n"
)


def show(renderable, width: int = 80) -> str:
    console = Console(color_system=None, width=width, highlight=False)
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


def test_tree_reads_like_the_outline() -> None:
    out = show(speech_tree(parse(SPEECH), source_name="春耕.txt"))
    assert out == (
        "春耕.txt  172 字\n"
        "├── [标题] 在全县春耕工作会议上的讲话  L1\n"
        "├── [称谓] 同志们：  L2\n"
        "├── [过渡] 下面，我讲三点意见。 (3)  L3\n"
        "├── 一、 提高认识[重要]  L4\n"
        "│   ├── [列举] 3 (声明 3) 一是 二是 三是  L5\n"
        "│   ├── （一） 抓好种子供应  L7\n"
        "│   └── （二） 抓好农资保障  L9\n"
        "├── 二、 落实责任  L10\n"
        "│   ├── 一是 压实县级责任。  L11\n"
        "│   └── 二是 压实乡镇责任。  L12\n"
        "└── [结束语] 我就讲到这里，谢谢大家！  L13\n"
    )


def test_body_paragraphs_only_on_request() -> None:
    out = show(speech_tree(parse(SPEECH), source_name="x", body=True))
    assert "├── ¶ 今天召开会议，主要是部署春耕工作。  L3\n" in out
    # a long paragraph is cut to about 20 CJK characters, its enumeration under it
    assert "│   ├── ¶ 春耕是一年之始，存在三个问题：一是种子…  L5\n" in out
    assert "│   │   └── [列举] 3" in out
    assert "│   │   └── ¶ 种子是基础。  L8\n" in out
    assert "L6" not in out  # blank lines never


def test_square_brackets_are_not_markup() -> None:
    speech = parse("一、[bold]加强[/bold]领导[1]\n正文。\n")
    out = show(speech_tree(speech, source_name="[red]x[/red]"))
    assert "[red]x[/red]" in out
    assert "一、 [bold]加强[/bold]领导[1]  L1" in out


def test_control_characters_are_shown_not_sent() -> None:
    speech = parse("一、加强\x1b[31m领导\n")
    out = show(speech_tree(speech, source_name="x"))
    assert "\x1b" not in out and "␛[31m" in out


def test_default_root_name_and_empty_speech() -> None:
    assert show(speech_tree(parse(""))) == "讲话 (speech)  0 字\n"


def test_truncate_cells_counts_cjk_as_two() -> None:
    assert truncate_cells("abc", 5) == "abc"
    assert truncate_cells("一二三四五", 6) == "一二…"
    assert cell_len(truncate_cells("一二三四五六七八九十", 9)) <= 9
    assert truncate_cells("ab一二三", 5) == "ab一…"


def test_long_chinese_wraps_after_the_marker_not_before_the_title() -> None:
    label = FoldingText("[结束语] ")
    label.append("同志们，让我们更加紧密地团结起来，为实现目标而努力奋斗！")
    # (inside a Tree, as speech_tree uses it: Console.print joins bare Text objects into
    # a plain Text first)
    lines = show(Tree(label), width=30).splitlines()
    assert lines[0].startswith("[结束语] 同志们")
    assert all(cell_len(line) <= 30 for line in lines)
    # no line starts with closing punctuation
    assert not any(line[:1] in "，。！" for line in lines[1:])
    assert "".join(lines).replace(" ", "") == label.plain.replace(" ", "")


def test_folding_text_keeps_latin_words_whole() -> None:
    lines = show(Tree(FoldingText("alpha beta gamma delta")), width=12).splitlines()
    assert [line.rstrip() for line in lines] == ["alpha beta", "gamma delta"]


def test_the_tree_is_a_rich_renderable() -> None:
    # The model has no __rich__ (it imports no renderer, issue 8): the tree is how rich
    # prints a speech.
    speech = parse("同志们：\n")
    assert not hasattr(speech, "__rich__")
    assert "同志们" in show(speech_tree(speech))
    assert isinstance(speech_tree(speech).label, Text)


def test_explain_names_the_cue_and_the_rule() -> None:
    import jianghua

    text = "同志们：\n下面，我讲两点意见。\n一、抓学习\n二、抓落实\n我就讲到这里，谢谢大家！\n"
    reasons = {(d.kind, d.line): d.reason for d in jianghua.explain(text)}
    assert reasons[("salutation", 1)].startswith("VOCATIVE")
    assert reasons[("transition", 2)].startswith("TRANSITION")
    assert reasons[("section", 3)].startswith("CHINESE_MARKER")
    assert reasons[("closing", 5)].startswith("CLOSING")


def test_tree_explain_through_main(tmp_path, capsys) -> None:
    from jianghua.cli import main

    path = tmp_path / "讲话.txt"
    path.write_text("同志们：\n一、抓学习\n今天的会议到此结束，散会。\n", encoding="utf-8")
    assert main(["tree", "--explain", "--width", "200", str(path)]) == 0
    out = capsys.readouterr().out
    assert "← CLOSING formula" in out
    assert "← CHINESE_MARKER opens a paragraph" in out
