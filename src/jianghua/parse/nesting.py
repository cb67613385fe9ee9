"""Stage 4: flat blocks → a tree, as an editor nests a speech's headings.

A separate pure pass rather than a Lark postlexer: one odd marker then costs a
slightly odd outline (and a diagnostic from ``jianghua check``), never a failed parse,
and the rules are testable on bare style sequences (tests/test_nesting.py).

The rules are OUTLINE.md's "Depth" rules:

1. depth is the heading's place in this speech's own hierarchy;
2. the standalone styles keep GB/T 9704-2012's order 第X部分 › 一、 › （一） › 1. › （1）;
3. a style first met inside a heading nests one level under it; a style already
   open at some level is a sibling there (docutils' first-seen title styles, scoped to
   the open headings: ``open`` below is that scope);
4. a ranked heading closes everything of its rank and below, and every floating
   (run-in, unranked) heading: after 一是 … 五是, a 三、 is again at its own level;
5. a 最后， that ends no open 首先/其次 series stands for the whole speech: top level;
6. a fragment's first headings are top level (nothing is open yet).

Headings read out inside an agenda item nest under that item (corpus 067); the
closing takes everything after it as its body.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from jianghua.model import STANDALONE_RANK, MarkerStyle
from jianghua.parse.markers import MarkerInfo, continues
from jianghua.parse.pieces import Block

_CONTAINERS = ("heading", "agenda", "agenda_item", "closing")


@dataclass(slots=True)
class TreeNode:
    """A block with the nodes under it (``root`` has no block)."""

    block: Block | None
    body: list[TreeNode] = field(default_factory=list)
    children: list[TreeNode] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.block.kind if self.block else "root"


@dataclass(frozen=True, slots=True)
class OpenHeading:
    """What the nesting rules need to know of a heading: its marker and its form."""

    marker: MarkerInfo
    standalone: bool


def heading_level(open_headings: list[OpenHeading], new: OpenHeading) -> int:
    """Level (0 = outermost open heading) at which ``new`` is placed.

    ``open_headings`` are the open headings, outermost first. Pure, so the rules can
    be tested on style sequences alone.
    """
    marker = new.marker
    for level, opened in enumerate(open_headings):  # rule 3: an open style is a sibling
        if opened.marker.key == marker.key:
            return level
    rank = STANDALONE_RANK.get(marker.style)
    if rank is not None:  # rules 2 and 4
        for level, opened in enumerate(open_headings):
            opened_rank = STANDALONE_RANK.get(opened.marker.style)
            if opened_rank is None:
                if marker.ordinal == 1 and (level == 0 or not new.standalone):
                    # Rule 3: a series that starts inside a top-level run-in point, with
                    # no ranked heading above to place it by, nests under it (第一，……
                    # （一）……（二）, corpus 128), and so does one run in as the point is
                    # (第三，……： （一）去年……。（二）……), at any depth; one that goes on from
                    # outside (三、 after 一是…五是, seed 001) closes the points (rule 4), as
                    # does a standalone heading below a ranked one (rule 2).
                    continue
                return level
            # Rule 2: a standalone heading outranks run-in ones of another form at its
            # rank: 二 关于…… holds run-in 一、…… items (samples/12_numerals).
            if opened_rank >= rank and not (opened.standalone and not new.standalone
                                            and opened_rank == rank):
                return level
        return len(open_headings)
    if marker.style is MarkerStyle.SEQUENCE and marker.raw.startswith("最后"):
        return 0  # rule 5: no open series took it as a sibling above
    return len(open_headings)


def _open_headings(stack: list[TreeNode], base: int) -> list[OpenHeading]:
    return [OpenHeading(frame.block.marker, frame.block.standalone)  # type: ignore[union-attr,arg-type]
            for frame in stack[base + 1:]]


def _as_open(block: Block) -> OpenHeading:
    assert block.marker is not None
    return OpenHeading(block.marker, block.standalone)


def nest(blocks: list[Block], made: list[Block] | None = None) -> TreeNode:
    """Build the tree. Every block lands exactly once, in document order. The blocks
    the tree needs beside them (an agenda's empty head) are added to ``made``, so a
    text read through a copy can give them its offsets too (fold.restore_blocks)."""
    root = TreeNode(None)
    stack: list[TreeNode] = [root]

    def close_to_root() -> None:
        del stack[1:]

    last_step = max((position for position, block in enumerate(blocks)
                     if block.kind == "agenda_item"), default=-1)

    for position, block in enumerate(blocks):
        node = TreeNode(block)
        kind = block.kind
        part = _chair_part(stack)
        if kind == "heading" and block.opens_part:
            close_to_root()  # a chair's part (一、预备会议) is top level
            root.body.append(node)
            stack.append(node)
        elif kind == "heading":
            assert block.marker is not None
            base = max(i for i, frame in enumerate(stack) if frame.kind != "heading")
            step = stack[base].block
            if stack[base].kind in ("agenda", "closing") or (
                    step is not None and step.numbered_as is block.marker.style):
                # Headings go under an agenda *item*; an announcement alone holds none,
                # and a heading numbered as the steps are (八、…… then 一、……) is past
                # them: the numbering starts again.
                close_to_root()
                base = 0
            opened = _open_headings(stack, base)
            level = heading_level(opened, _as_open(block))
            if level == len(opened) and level and _beside_the_last_point(
                    blocks, position, opened[:-1]):
                level -= 1
            del stack[base + 1 + level:]
            parent = stack[-1]
            (parent.children if parent.kind != "root" else parent.body).append(node)
            stack.append(node)
        elif kind == "salutation" and _between_steps(blocks, position, stack):
            # In the step's body, where what follows it goes too (document order); the
            # item goes on, and so does its agenda.
            stack[-1].body.append(node)
        elif kind in ("agenda", "closing", "transition", "salutation") and part is not None and (
                kind != "salutation" or stack[-1] is part or stack[-1].kind != "heading"):
            # In a chair's part its address, opening, agenda and closing are its own
            # (OUTLINE: "under a part heading they are its children").
            del stack[2:]
            (part.children if part.children else part.body).append(node)
            if kind in ("agenda", "closing"):
                stack.append(node)
        elif kind in ("agenda", "closing"):
            close_to_root()
            root.body.append(node)
            stack.append(node)
        elif kind == "agenda_item":
            agenda_at = next((i for i, f in enumerate(stack) if f.kind == "agenda"), None)
            if agenda_at is None:
                # Steps with no announcement (corpus 003, 004): an agenda with an empty head.
                head = Block(kind="agenda", start=block.start, end=block.start, eol="",
                             line=block.line)
                if made is not None:
                    made.append(head)
                agenda = TreeNode(head)
                if part is not None:
                    del stack[2:]
                    (part.children if part.children else part.body).append(agenda)
                else:
                    close_to_root()
                    root.body.append(agenda)
                stack.append(agenda)
                agenda_at = len(stack) - 1
            del stack[agenda_at + 1:]
            stack[-1].children.append(node)
            stack.append(node)
        elif kind == "transition" or (kind == "salutation" and (
                stack[-1].kind != "heading" or _opens_part(blocks, position, stack))):
            # An opening salutation or one starting a chair's new part is top level
            # (OUTLINE: tag lines).
            close_to_root()
            root.body.append(node)
        elif kind == "salutation":
            _place_readdress(stack, node)
        elif kind == "paragraph" and block.sums_up is not None and _sums_up_open_series(
                stack, block.sums_up):
            # 上面这八条，就是……: the points it counts are over; it and what follows are
            # top level again (gold NOTES 210).
            close_to_root()
            root.body.append(node)
        elif kind == "paragraph" and block.resumes and position > last_step and any(
                frame.kind == "agenda_item" for frame in stack):
            # 同志们，刚才，……, no step after it: the chair speaks again, the last step
            # is over and the rest is his own, top level. The paragraph itself stays
            # where it stands (document order).
            parent = stack[-1]
            (parent.children if parent.kind == "heading" and parent.children
             else parent.body).append(node)
            close_to_root()
        elif kind == "title":
            # A title is top level, the next speech's mid-text too (front_lines.py).
            close_to_root()
            root.body.append(node)
        else:
            parent = stack[-1]
            # After a part's passage began among its children (a re-address), what
            # follows stays there, in document order.
            (parent.children if parent.kind == "heading" and parent.children
             else parent.body).append(node)
    return root


# A point's body, in sentences, before a series that follows it is past the point's
# lead-in (……要做到以下几点：一是……, a lead sentence then the points, nests under it).
_MIN_POINT_BODY_SENTENCES = 3


def _beside_the_last_point(blocks: list[Block], position: int,
                           outer: list[OpenHeading]) -> bool:
    """Whether the new run-in series at ``position`` stands beside the run-in point
    before it rather than under it (gold NOTES 202: the experiences 一是…六是, led in
    after 第四's body, sit beside 第一…第四, not under 第四, which is only about the
    制度体系).

    An editor reads points as parallel: when the point is the last of its series, none
    of its siblings holds sub-points, and the new series starts only after the point's
    body, the series belongs to the enclosing heading's text, not the last point's. A series
    right after the point's title or lead-in, or under a point whose siblings hold
    series of their own (corpus 202's 第三个问题：…第一，…), nests under it (rule 3).
    ``outer`` are the headings open above the point.
    """
    new = blocks[position].marker
    point_at = next(index for index in range(position - 1, -1, -1)
                    if blocks[index].kind == "heading")  # the point: the last heading open
    point = blocks[point_at]
    if new is None or point.marker is None or new.ordinal != 1 or any(
            marker.style in STANDALONE_RANK for marker in (new, point.marker)):
        return False
    body = point.sentence_count - 1 + sum(block.sentence_count for block in
                                          blocks[point_at + 1:position]
                                          if block.kind == "paragraph")
    if body < _MIN_POINT_BODY_SENTENCES:
        return False
    outer_keys = {heading.marker.key for heading in outer}
    siblings = 0
    for marker in _run_in_markers(reversed(blocks[:point_at]), outer_keys):
        if marker.key != point.marker.key:
            return False  # a sibling holds sub-points: the point's may too
        siblings += 1
        if marker.ordinal == 1:
            break  # where the point's series began
    return siblings > 0 and not any(  # nor does the point's series go on past the new one
        continues(point.marker, marker)
        for marker in _run_in_markers(blocks[position + 1:], outer_keys))


def _run_in_markers(blocks: Iterable[Block], outer_keys: set[str]) -> Iterator[MarkerInfo]:
    """The markers of the run-in headings among ``blocks``, up to the first heading of
    a style open above them or of a ranked style, which closes them."""
    for block in blocks:
        if block.kind != "heading" or block.marker is None:
            continue
        if block.marker.key in outer_keys or block.marker.style in STANDALONE_RANK:
            return
        yield block.marker


def _sums_up_open_series(stack: list[TreeNode], count: int) -> bool:
    """Whether the top-level heading open is the last of a series of ``count``."""
    top = stack[1].block if len(stack) > 1 else None
    return top is not None and top.kind == "heading" and top.marker is not None and (
        top.marker.ordinal == count)


def _chair_part(stack: list[TreeNode]) -> TreeNode | None:
    """The open part of a chair's script (一、预备会议), if any."""
    if len(stack) > 1 and stack[1].block is not None and stack[1].block.opens_part:
        return stack[1]
    return None


def _place_readdress(stack: list[TreeNode], node: TreeNode) -> None:
    """A re-address inside a part (各位代表！ after the last sub-heading's body) opens a
    passage of that part: it closes the run-in and sub-headings open in it and follows
    them under the part heading (corpora 215-217). Under a heading of a floating style
    (其次，…… / 第二，……) it sits in the heading whose body holds it (OUTLINE: "it does
    not close the heading it stands in"); between top-level parts, before the closing,
    it is at depth 0 (``_opens_part``, corpus 049). Inside an agenda item it stays where
    it stands.
    """
    part = _part_heading(stack)
    if part is not None:
        del stack[2:]
        # In the part's own body while it has no sub-headings yet.
        (part.children if part.children else part.body).append(node)
    elif stack[-1].kind == "heading":
        stack[-1].children.append(node)
    else:
        stack[-1].body.append(node)


def _part_heading(stack: list[TreeNode]) -> TreeNode | None:
    """The open top-level heading if it is a part of a ranked style (一、……), else None.

    The style, not the line: run together, a part's title and its first paragraph share
    a line, and the re-address after its last sub-heading is still the part's (corpus
    215 joined)."""
    if len(stack) < 2 or stack[1].kind != "heading":
        return None
    block = stack[1].block
    assert block is not None and block.marker is not None
    ranked = STANDALONE_RANK.get(block.marker.style) is not None
    return stack[1] if ranked else None


def _between_steps(blocks: list[Block], position: int, stack: list[TreeNode]) -> bool:
    """Whether the re-address at ``position`` stands inside a numbered step whose
    agenda goes on with the next number (大会第一项：…… 各位居民代表们：…… 大会第二项：……):
    it sits where its paragraph sits, under that step (OUTLINE: a re-address "sits where
    its paragraph sits"); a new part of the script would number its steps afresh."""
    step = stack[-1]
    if step.kind != "agenda_item" or step.block is None or step.block.ordinal is None:
        return False
    following = next((block for block in blocks[position + 1:]
                      if block.kind not in ("blank", "paragraph", "salutation")), None)
    return following is not None and following.kind == "agenda_item" and (
        following.ordinal == step.block.ordinal + 1)


def _opens_part(blocks: list[Block], position: int, stack: list[TreeNode]) -> bool:
    """Whether the re-address at ``position`` stands between top-level parts.

    It does when what follows it is the closing, a transition or agenda, or a heading
    that goes back to the top level (OUTLINE: "or at depth 0 between top-level parts";
    corpora 041, 049, 064) — after body text, one that starts a series again.
    """
    saw_body = False
    for following in blocks[position + 1:]:
        if following.kind in ("blank", "salutation"):
            continue
        if following.kind == "paragraph":
            # Body after it: the re-address opens a part only if that part runs on to
            # the closing (corpus 049); before a heading it stays in the heading it
            # stands in ("it does not close the heading it stands in").
            saw_body = True
            continue
        if following.kind in ("transition", "agenda", "agenda_item"):
            return True  # a chair's new part: address, opening, agenda (OUTLINE)
        if following.kind == "closing":
            # With body before it, a part heading still holds the re-address (corpus 217).
            return not saw_body or _part_heading(stack) is None
        if following.kind == "heading" and following.marker is not None and (
                not saw_body or following.marker.ordinal == 1):
            # With body between, only a series that starts again at the top (……四是……。
            # 各位同事！……。一是……) leaves the point it stands after: one that goes on
            # (其次，……同志们！……。最后，……) keeps it in its point.
            base = max(i for i, frame in enumerate(stack) if frame.kind != "heading")
            return base == 0 and heading_level(_open_headings(stack, base),
                                               _as_open(following)) == 0
        return False
    return False
