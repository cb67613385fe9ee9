"""Runs of lines around and between speeches on a page: a table of contents before
the speech, an address written over several lines, and the title of the next speech
in a collection. Front matter and titles, never headings (OUTLINE rule 8; OUTLINE:
salutations, titles in messy text). Part of the look-ahead (edges.py's ``SpeechFacts``,
which provides what is declared here; front_lines.py uses the first two).
"""

from __future__ import annotations

from collections.abc import Callable

from jianghua.parse.front_lines import MAX_TITLE_CHARS
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import STYLE_OF_TERMINAL, MarkerInfo
from jianghua.parse.pieces import EXCLAIM_OR_COLON, SPACES, ends_a_sentence, is_keywords

__all__ = ["PageRuns"]

# A table of contents before the speech is looked for in this many lines.
_CONTENTS_REACH = 80
# The next speech's title stands this few lines before its address (主持人：…… and a date
# between).
_TITLE_TO_ADDRESS_LINES = 3


class PageRuns:
    """The run-of-lines decisions of ``SpeechFacts``."""

    text: str
    lines: list[Line]
    content_lines: list[Line]
    front_end: int
    marker: Callable[[Sentence], MarkerInfo]
    next_content_line: Callable[[Line], Line | None]
    is_byline: Callable[[Line], bool]
    _marker_lines: list[Line]

    def _lines_to_address(self) -> tuple[list[Line], int | None]:
        """The text's first lines, and the index among them of the first that opens
        with an address (None: none does)."""
        lines = self.content_lines[:_CONTENTS_REACH]
        return lines, next((position for position, line in enumerate(lines)
                            if line.sentences[0].cue == "VOCATIVE"), None)

    def _table_of_contents(self) -> frozenset[int]:
        """A table of contents before the speech: the short lines under a 目录 line (a
        collection's: 1、大学的使命 3 / 2、…… 7, page numbers and all), or a run of marker
        lines (一、铸魂赋能 / （一）要深化理论武装 / 二、……) whose first heading opens the
        speech again after its address. Front matter, never headings (OUTLINE rule 8:
        a preview of the parts on lines of its own is not listed). A speech copied
        without its address (a site's 目錄/提綱：…… before a 中青班 speech) has them too:
        under their label, or where the speech opens its first heading again word for
        word."""
        text = self.text
        lines, address = self._lines_to_address()
        found: set[int] = set()

        def contents(run: list[Line], labelled: bool) -> None:
            if run and (labelled or (self._opens_again(run[0], self.content_lines[address:])
                                     if address is not None else self._said_again(run))):
                found.update(line.number for line in run)

        run: list[Line] = []
        labelled = False
        for line in [*lines[:address], None]:  # None: the run ends
            if labelled and run and line is not None and (
                    line.number != run[-1].number + 1 or self._after_page_numbers(run, line)
                    or self._after_numbered_entries(run, line)
                    or not text[line.content_start:line.end].strip(SPACES + "….。.·")):
                # The contents under the label end at a blank line, at a line with no
                # page number after entries that all have one (the title of the first
                # item: 目录 / 1.……讲话. 3 / 2.……讲话. 5 / ……讲话 / 尊敬的……), or no
                # number before it after entries that all open with one (目录 / 1.……讲话 /
                # 2.……讲话 / ……讲话 / 同志们:), or at a line of dots, where the site cut
                # them off (目录/提纲：…… / 一、…… / …… / the title again / 同志们：); the
                # line may open a run of its own.
                contents(run, labelled)
                run, labelled = [], False
            # Under its label an entry may hold a stray stop (5、副院长?在……讲话 26).
            short = line is not None and line.end - line.content_start <= MAX_TITLE_CHARS
            if short and (labelled or (line.sentences[0].cue in STYLE_OF_TERMINAL
                                       and not ends_a_sentence(line))):
                run.append(line)
                continue
            contents(run, labelled)
            run = []
            labelled = line is not None and terminal_pattern("CONTENTS_LABEL").fullmatch(
                text, line.content_start, line.end) is not None
        return frozenset(found)

    @staticmethod
    def _after_numbered_entries(run: list[Line], line: Line) -> bool:
        """Whether every entry of ``run`` opens with a marker and ``line`` does not."""
        return len(run) > 1 and line.sentences[0].cue not in STYLE_OF_TERMINAL and all(
            entry.sentences[0].cue in STYLE_OF_TERMINAL for entry in run)

    def _after_page_numbers(self, run: list[Line], line: Line) -> bool:
        """Whether every entry of ``run`` ends in its page number and ``line`` does not."""
        def numbered(entry: Line) -> bool:
            return self.text[entry.content_start:entry.end].rstrip(SPACES)[-1:].isdigit()
        return all(numbered(entry) for entry in run) and not numbered(line)

    def later_documents(self) -> dict[int, int]:
        """Speeches after the first in one text: a collection's next item (开工典礼致辞
        篇2) or a script's next meeting (召集人第二次会议主持词), title line → the line of
        its address. A title mid-text is a short line with no stop that names a genre
        (主持词, 讲话, 致辞 …) or a collection's item (篇2), and only front lines (主持人：,
        a date, a bracketed note, a second title: 第二篇：……主持词 / ××公司……大会主持词)
        stand between it and an address ending in a colon: a [标题], and the speech
        before it has ended (OUTLINE: titles; gold NOTES: collections)."""
        text = self.text
        found: dict[int, int] = {}
        for line in self.content_lines:
            if line.number <= self.front_end or line.number in found or (
                    not self._title_mid_text(line)):
                continue
            titles = [line.number]
            later: Line | None = line
            for _ in range(_TITLE_TO_ADDRESS_LINES + 1):
                later = self.next_content_line(later)
                if later is None:
                    break
                first = later.sentences[0]
                if first.cue == "VOCATIVE" and text[first.cue_end - 1] in "：:":
                    found.update(dict.fromkeys(titles, later.number))
                    break
                if self._title_mid_text(later):
                    titles.append(later.number)
                elif not (first.cue == "DATE_LINE" or self.is_byline(later) or terminal_pattern(
                        "BARE_DATE").fullmatch(text, later.content_start, later.end)
                        or terminal_pattern("HOST_LABEL").fullmatch(
                            text, later.content_start, later.end)
                        or self._bracketed(later)):
                    break
            if line.number not in found and (terminal_pattern("LATER_ITEM").search(
                    text, line.content_start, line.end) or terminal_pattern("LATER_LABEL").match(
                    text, line.content_start, line.end) or self._first_item_after_blurb(
                    line)) and not self._says_front_line_again(line):
                # ……主持词范文二 with no address after it (a how-to's 一般程序为：), or
                # 【2】……主持词 with the host's label before his address: its number says
                # a collection's next item begins — not the page's own title and number
                # said again under the address (校长年度述职报告(2), corpus 126's repeat).
                found[line.number] = line.number
        return found

    def _first_item_after_blurb(self, line: Line) -> bool:
        """……(优秀8篇), the page's blurb, then 道德讲堂主持稿篇一: the collection's first
        item begins (FIRST_ITEM), before any point or step of it."""
        first_marker = self._marker_lines[0].number if self._marker_lines else None
        return (first_marker is None or line.number < first_marker) and (
            terminal_pattern("FIRST_ITEM").search(self.text, line.content_start, line.end)
            is not None)

    def _says_front_line_again(self, line: Line) -> bool:
        """Whether ``line`` says again, word for word, a line of the front matter."""
        words = self.text[line.content_start:line.end].strip(SPACES)
        return any(self.text[front.content_start:front.end].strip(SPACES) == words
                   for front in self.lines[:self.front_end] if not front.is_blank)

    def speeches_after_closing(self) -> frozenset[int]:
        """Lines where a page's next speech begins with its address alone, right after a
        paragraph that closed the one before with a formula (……颁奖到此结束。谢谢大家。
        then 各位老师、各位同学: and the headmaster's speech): a host's script and a speech
        given at it on one page, no title between (OUTLINE: each closes)."""
        text = self.text
        found: set[int] = set()
        for line in self.content_lines:
            if line.number <= self.front_end or all(s.cue != "CLOSING" for s in line.sentences):
                continue
            following = self.next_content_line(line)
            if following is None or following.number in self.document_lines or (
                    self.next_content_line(following) is None):
                continue
            first = following.sentences[0]
            if len(following.sentences) == 1 and first.cue == "VOCATIVE" and (
                    text[first.cue_end - 1] in "：:"):
                found.add(following.number)
        return frozenset(found)

    def _bracketed(self, line: Line) -> bool:
        """A line wholly in brackets: a note under a title ((2月10日上午主持人：××))."""
        content = self.text[line.content_start:line.end].strip(SPACES)
        return content[:1] in "（(" and content[-1:] in "）)"

    def _title_mid_text(self, line: Line) -> bool:
        """A short line with no stop that names a document, possibly after its
        collection label (篇二：……主持词)."""
        text = self.text
        head = line.sentences[0]
        labelled = len(line.sentences) == 2 and "篇" in text[head.start:head.end] and (
            terminal_pattern("BYLINE").fullmatch(text, head.start, head.end) is not None)
        if (len(line.sentences) != 1 and not labelled) or (
                head.cue not in (None, "TITLE_HEAD") and not self.labelled_title(line)):
            return False
        if is_keywords(text[line.content_start:line.end].strip(SPACES)):
            return False  # a page's keywords (镇政府,工作报告,2023), no title
        return not (line.end - line.content_start > MAX_TITLE_CHARS or ends_a_sentence(line)
                    or text[line.end - 1] in EXCLAIM_OR_COLON + "，,、"
                    or terminal_pattern("DOCUMENT_NAME").search(
                        text, line.content_start, line.end) is None)

    def _addresses_before_address(self) -> frozenset[int]:
        """The lines of an address written one person or group a line before its last
        line (尊敬的新加坡总理 通商中国赞助人 李显龙先生 / 各位部长、外交使节 / 华侨银行集团
        行政总裁 钱乃骥先生 / 各位来宾、女士们、先生们): each opens with an address word
        (尊敬的, 亲爱的, 各位 …) or ends in an honorific (先生), the first opens with an
        address word, and the run ends in a line the grammar reads as an address. Each
        is a [称谓] (OUTLINE: salutations), however long the names, whatever mark it
        ends in."""
        text = self.text
        lines, address = self._lines_to_address()
        if address is None:
            return frozenset()
        # The address proper is the last of the lines the grammar reads as addresses, one
        # after another (尊敬的……先生 / 尊贵的各位嘉宾， / 各位来宾、女士们、先生们：).
        while address + 1 < len(lines) and self._only_an_address(lines[address]) and (
                self._only_an_address(lines[address + 1])) and (
                text[lines[address].end - 1] not in "：:"):
            address += 1
        found: list[int] = []
        for line in reversed(lines[:address]):
            if not self._only_an_address(line):
                break
            found.append(line.number)
        # The run must open with an address word (not a speaker's name line before it):
        # 尊敬的……, or an audience's name alone (同志们、 / 同学们：).
        while found and terminal_pattern("ADDRESS_PREFIX").match(
                text, self.lines[found[-1] - 1].content_start) is None and (
                terminal_pattern("ADDRESS_WORD").match(
                    text, self.lines[found[-1] - 1].content_start) is None):
            found.pop()
        return frozenset(found)

    def _only_an_address(self, line: Line) -> bool:
        """A line that is an address and nothing more: one the grammar reads as an
        address to its end, or a short one that opens with an address word or ends in
        an honorific (尊敬的……李显龙先生), naming no document."""
        text = self.text
        first = line.sentences[0]
        if first.cue == "VOCATIVE":
            return not text[first.cue_end:line.end].strip(SPACES)
        content = text[line.content_start:line.end].strip(SPACES)
        if len(line.sentences) > 1 or len(content) > MAX_TITLE_CHARS or terminal_pattern(
                "DOCUMENT_NAME").search(content) is not None:
            return False
        opens = terminal_pattern("ADDRESS_PREFIX").match(content)
        return (opens is not None and not opens.group().startswith("全体")) or (
            terminal_pattern("HONORIFIC_END").search(content) is not None) or (
            # 同志们、 / 同学们： — an address word alone, its list going on on the next line
            content[-1:] in "、，," and terminal_pattern("ADDRESS_WORD").fullmatch(
                content[:-1].rstrip(SPACES)) is not None)

    def _said_again(self, run: list[Line]) -> bool:
        """Whether the first line of ``run`` is said again, word for word, after it."""
        text = self.text
        first = run[0]
        words = text[first.content_start:first.end].strip(SPACES)
        return any(text[line.content_start:line.end].strip(SPACES) == words
                   for line in self.content_lines if line.number > run[-1].number)

    def _opens_again(self, first: Line, after: list[Line]) -> bool:
        """Whether the marker ``first`` opens with opens a line again in ``after``."""
        head = first.sentences[0]
        if head.cue not in STYLE_OF_TERMINAL:
            return False
        raw = self.marker(head).raw
        return any(line.sentences[0].cue == head.cue and self.marker(line.sentences[0]).raw == raw
                   for line in after)
