"""Which kind of front line a line before the address is: a [标题], a [称谓] written over
several lines, or front matter that is neither (a date, a speaker's line, a byline, a
site's chrome). OUTLINE: titles in messy text; gold NOTES: site chrome is no title. Mixed
into front_lines.py's ``FrontLines``, whose decisions (what is front matter at all) it reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from jianghua.parse.front_titles import in_stacked_title
from jianghua.parse.lines import Line, terminal_pattern
from jianghua.parse.markers import STYLE_OF_TERMINAL
from jianghua.parse.names import (
    MAX_NAME_CHARS,
    is_name,
    is_placeholder,
    office_before_name,
    office_colon_name,
)
from jianghua.parse.pieces import SPACES, has_han, is_keywords, words_end

# The bar between a page's title and its post time (……致辞 | 2024-04-26 04:41:06).
_BAR = re.compile("[ \u3000]*[|｜][ \u3000]*")
# A day in brackets at a line's end, or the mandate a report is made under (受国务院委托).
_NOTE_AFTER = re.compile("[ \u3000]*[（(](?:[^（()）\r\n]{0,12}年[^（()）\r\n]{0,12}"
                         "|受[^（()）\r\n]{1,16}委托)[）)][ \u3000]*$")
# Each half of a title of two parallel phrases is at least this long (凝心聚力 担当作为).
_MIN_PHRASE_CHARS = 4
# A speaker's line of an office and a name run together (县委书记张XX, 县委常委、县政府负责
# 人xxx) is this short.
_MAX_SPEAKER_LINE_CHARS = 20
# What stands between a breadcrumb's crumbs (首页 > 文库资源 > ……).
_CRUMB_MARKS = ">＞›»"
# A page's label is this short: glued before a title it names (文章标题:, front.py) or
# before the address its description quotes (推荐阅读：).
MAX_LABEL_CHARS = 8
# The dashes a page may set a speaker's name between (----徐志清----).
_DASHES = "-—－─―"
# Marks a script sets before a stage direction (★（请主席团成员到主席台就座）).
_DECORATION = "★☆●○◆◇■□※*＊ \u3000"


class FrontKinds:
    """The kind decisions of ``FrontLines`` (which provides what is declared here)."""

    text: str
    lines: list[Line]
    slogan_lines: frozenset[int]
    description_lines: frozenset[int]
    contents_lines: frozenset[int]
    address_lines: frozenset[int]
    next_content_line: Callable[[Line], Line | None]
    content_line_before: Callable[[Line], Line | None]

    if TYPE_CHECKING:  # FrontLines' (declared only, so as not to shadow them)
        def is_byline(self, line: Line) -> bool: ...
        def is_blurb(self, line: Line) -> bool: ...
        def title_after_dateline(self, line: Line) -> int | None: ...
        def _among_site_notices(self, line: Line) -> bool: ...

    def _is_subtitle(self, line: Line | None) -> bool:
        """Whether ``line`` is a subtitle, saying where the speech was given (——在……上的
        讲话, SUBTITLE)."""
        return line is not None and terminal_pattern("SUBTITLE").match(
            self.text, line.content_start, line.end) is not None

    def _title_before_stamp(self, line: Line) -> int | None:
        """简短羽毛球开幕式致辞 | 2024-04-26 04:41:06 — a page's title with its post time
        after a bar: where the title ends (the bar and the stamp are the page's), or None."""
        first = line.sentences[0]
        if first.cue != "TITLE_HEAD" or len(line.sentences) != 2:
            return None
        rest = line.sentences[1]
        bar = _BAR.match(self.text, rest.start, rest.end)
        end = words_end(self.text, line.content_start, line.end)
        stamp = terminal_pattern("SITE_STAMP").fullmatch
        return first.end if bar is not None and stamp(self.text, bar.end(), end) else None


    def _is_dashed_speaker(self, content: str) -> bool:
        """——某某论坛执委会主任、某村党委书记张XX: a dash before the speaker's offices and
        name, not a subtitle naming the occasion (——在……上的讲话) or the genre; or the
        speaker's name alone set between dashes (----徐志清----)."""
        name = content.strip(_DASHES + SPACES)
        if content[:1] in _DASHES and content[-1:] in _DASHES and 1 < len(name) <= (
                MAX_NAME_CHARS) and is_name(name) and terminal_pattern(
                "GENRE_WORD").search(name) is None:
            return True
        # One dash will do as two (—某某村村主任周某某, ——……党委书记张XX): what follows
        # names no occasion either way.
        if content[:1] not in _DASHES or terminal_pattern("SUBTITLE").match(
                content) is not None or terminal_pattern("GENRE_WORD").search(content) is not None:
            return False
        return office_before_name(content, lambda name: True)


    @staticmethod
    def office_then_name(content: str, text: str = "") -> bool:
        """市长xxx / 县委书记张XX: the speaker's office and name with no space between,
        on a short line of its own: a speaker's line, not a title."""
        if len(content) > _MAX_SPEAKER_LINE_CHARS or terminal_pattern(
                "DOCUMENT_NAME").search(content) is not None:
            return False  # 毕业典礼校长致辞 names a document
        # A name written as a placeholder (xxx, 张XX), which no title ends in. A name in
        # full is not told from words (支部书记讲党课, 主席就职演说) unless ``text`` names it
        # as the one speaking (山东省政协原副主席李德强 under 李德强在……上的讲话, ……同志).
        return office_before_name(content, lambda name: is_name(name) and (
            is_placeholder(name) or f"{name}在" in text or f"{name}同志" in text))


    def _under_subtitle(self, line: Line) -> bool:
        """Whether the line right above says where the speech was given (——2022年1月18日在
        ……会议上, （在……上的讲话）): a report's head sets title, occasion and speaker
        so, and the line under the occasion names the speaker (……检察院检察长朱玉), as
        no title line does."""
        before = self.content_line_before(line)
        return before is not None and (self._is_subtitle(before) or terminal_pattern(
            "OCCASION_NOTE").fullmatch(self.text[before.content_start:before.end].strip(
                SPACES)) is not None)

    def _speaker_before_title(self, line: Line) -> bool:
        """甘肃省省长：在省政府第七次全体会议上的讲话 — the speaker named before a colon and
        the title that names the occasion, the rest of the line: a title line, not an
        address (the colon labels the title with its speaker)."""
        first = line.sentences[0]
        if len(line.sentences) > 1 or self.text[first.cue_end - 1] not in "：:" or (
                not self.text.startswith("在", first.cue_end)):
            return False
        end = words_end(self.text, line.content_start, line.end)
        return terminal_pattern("OCCASION_TITLE").fullmatch(
            self.text, first.cue_end, end) is not None


    def front_kind(self, line: Line) -> str:
        """A date line, speaker line or subtitle is front matter but not a [标题]; a line
        of an address written over several lines is a [称谓]."""
        content = self.text[line.content_start:line.end].strip(SPACES)
        if line.number in self.address_lines:
            return "salutation"
        if line.number in self.description_lines:
            # (推荐阅读:同志们: 今天…… — a label, no title, before the address it quotes)
            label = self.front_title(line)
            return "paragraph" if len(label) <= MAX_LABEL_CHARS and label.endswith(
                ("：", ":")) else "title"
        if line.sentences[0].cue in STYLE_OF_TERMINAL and self._among_site_notices(line):
            return "paragraph"  # a document site's numbered notices
        if line.sentences[0].cue == "VOCATIVE" and self._speaker_before_title(line):
            return "title"  # 甘肃省省长：在……会议上的讲话
        if self._title_before_stamp(line) is not None or self.title_after_dateline(line):
            return "title"  # ……致辞 | 2024-04-26 04:41:06 / 新华网……电 ……工作报告
        if line.sentences[0].cue == "VOCATIVE" or line.number in self.contents_lines or (
                terminal_pattern("CONTENTS_LABEL").fullmatch(self.text, line.content_start,
                                                             line.end)):
            # a byline that names the author (_names_before_address), a table of contents
            # and its label
            return "paragraph"
        if line.number in self.slogan_lines and content.endswith(("？", "?")) and (
                len(line.sentences) == 1):
            # A title may ask its question (我们为什么要经常学习党史？, a 党课's): it ends a
            # sentence as a site's slogan does, but a slogan tells, it does not ask — and
            # a title asks in one sentence (……的精神状态。怎样才能……？ is a page's words).
            return "title"
        bracketed = content.lstrip(_DECORATION)
        occasion = terminal_pattern("OCCASION_NOTE").fullmatch(bracketed) is not None
        genre = terminal_pattern("GENRE_WORD")
        if line.number in self.slogan_lines or terminal_pattern("HOST_LABEL").fullmatch(
                content) or (bracketed[:1] in "（(" and _closes_last(bracketed) and not (
                    occasion or genre.fullmatch(bracketed, 1, len(bracketed) - 1))) or (
                bracketed[:1] in "【[" and content[-1:] in "】]" and not (
                    occasion or genre.search(bracketed))):
            # A slogan, a host's label (主持人：), or a direction in brackets (会议召开前，……
            # / ★（请主席团成员到主席台就座） / 【表演完后，……主持人上场】) — not the genre
            # in brackets under a title ((主持词)) nor the occasion ((……在……会议上)), which
            # name the document, nor a whole title in square brackets that names its genre
            # (【2020中学开学典礼主持词】, corpus 100) — nor a title between a label and a
            # note in brackets ((内蒙古)……人民政府工作报告(全文)).
            return "paragraph"
        if occasion:
            return "title"  # dated, but no bare date line (（2011年3月7日在……会议上）)
        if not has_han(self.text, line.content_start, line.end):
            return "paragraph"  # an English title or byline beside the Chinese (gold NOTES)
        if line.sentences[0].cue is None and is_keywords(content):
            return "paragraph"  # the page's keywords (先祖,祭祀,清明节,仪式,主持)
        if (before := self.content_line_before(line)) is not None and not self.text[
                before.content_start:before.end].strip(SPACES + _CRUMB_MARKS):
            # 首页 / > / 文库资源 / > / 演讲/发言稿 / > / ……: a page's breadcrumb, a crumb
            # to a line, the site's chrome however it names its page (gold NOTES).
            return "paragraph"
        if (label := terminal_pattern("TITLE_LABEL").match(content)) and terminal_pattern(
                "DOCUMENT_NAME").search(content, label.end()):
            return "title"  # | 标题:在……上的讲话 |: the page labels its title
        if line.sentences[0].cue == "DATE_LINE" or self.is_byline(line) or self.is_blurb(line) or \
                self.is_photo_caption(line) or \
                terminal_pattern("BARE_DATE").fullmatch(content) or (
                terminal_pattern("PAGE_COUNTER").fullmatch(content)):
            return "paragraph"
        if in_stacked_title(self.text, self.lines, line):
            return "title"  # 市政府 / 五年 / 工作报告: a cover's title, line by line
        if terminal_pattern("MARKDOWN_HEAD").match(content):
            # A Markdown copy heads its title with hashes (# 组织起来): a heading, however
            # short — no speaker's name line is marked up as one.
            return "title"
        # The day in brackets after a speaker's line (县长 XXX（2022年X月X日）), or his
        # mandate (财政部部长 刘昆(受国务院委托)), says no more about what the line is.
        noted = _NOTE_AFTER.search(content)
        content = content[:noted.start()] if noted and noted.start() else content
        parts = content.replace("\u3000", " ").split()
        joined = "".join(parts)
        bare = genre.fullmatch(joined) is not None
        if bare or (len(content) <= MAX_NAME_CHARS and genre.search(content) is not None):
            # A genre, not a speaker's name: 主 持 词 / 开幕词 under the title ends it, and
            # 校长寄语 heads the page; but 致辞 first, or 交流发言 under a breadcrumb, is the
            # site's category (gold NOTES: site chrome is no title). 主持词 first heads a
            # chair's script (OUTLINE: a title line names 主持词; held-out golds, three).
            before = self.content_line_before(line)
            if before is None:
                scripted = terminal_pattern("SCRIPT_TITLE").fullmatch(joined) is not None
                return "paragraph" if bare and not scripted else "title"
            return "title" if self.front_kind(before) == "title" else "paragraph"
        names_genre = genre.search(joined) is not None  # 工 作 报 告 spaced is no name
        if 2 <= len(parts) <= MAX_NAME_CHARS and all(len(part) == 1 for part in parts) and (
                not names_genre):
            # a speaker's name spaced out (周 德 睿), not 工 作 报 告, nor a title set out
            # letter by letter above its subtitle (走 向 远 方 / ——在……上的讲话)
            return "title" if self._is_subtitle(self.next_content_line(line)) else "paragraph"
        if terminal_pattern("SPEAKER_BODY").fullmatch(content) and (
                following := self.next_content_line(line)) is not None and (
                following.sentences[0].cue == "VOCATIVE"):
            # the body that reports, right above the address (南宁市邕宁区人民政府 / 城区
            # 人大常委会：), no title; above more of the title it is its first lines
            # (中国人民政治协商会议 / ……委员会常务委员会 / 工作报告)
            return "paragraph"
        if 3 <= len(parts) <= MAX_NAME_CHARS + 1 and not names_genre and all(
                len(part) == 1 and has_han(part, 0, 1) for part in parts[1:]):
            parts = [parts[0], "".join(parts[1:])]  # 市人大常委会秘书长 赵 英: one name
        parallel = len(parts) == 2 and len(parts[0]) == len(parts[1]) >= _MIN_PHRASE_CHARS
        if len(content) <= MAX_NAME_CHARS or (
                len(parts) == 2 and len(parts[1]) <= MAX_NAME_CHARS and not parallel and (
                    is_name(parts[1])) and (
                    len(content) <= 16
                    or terminal_pattern("SPEAKER_OFFICE").search(parts[0]) is not None)):
            # 习近平 / 市委书记 XX / 国务院总理 朱镕基 / ……党组书记、局长　张XX — not a
            # title of two parallel phrases (坚定信心 真抓实干: 对仗, CONVENTIONS)
            return "paragraph"
        if self._is_dashed_speaker(content) or self.office_then_name(content, self.text) or (
                office_colon_name(content)) or (
                self._under_subtitle(line) and office_before_name(content)):
            return "paragraph"
        names = content.replace("，", "、").split("、")
        if len(names) >= 2 and all(1 < len(name) <= MAX_NAME_CHARS for name in names) and (
                any(len(name) < _MIN_PHRASE_CHARS for name in names)):
            # The speakers: 戚本禹、张春桥、谢富治 (corpus 122) — not a title of parallel
            # four-character phrases (行而不辍，未来可期: 对仗, CONVENTIONS).
            return "paragraph"
        # A subtitle (——在……会议上的讲话) is a title line of its own (OUTLINE: [标题]).
        return "title"


def _closes_last(bracketed: str) -> bool:
    """Whether the bracket ``bracketed`` opens with closes only at its end: (……) whole,
    not (内蒙古)……报告(全文)."""
    closing = min((at for at in (bracketed.find("）"), bracketed.find(")")) if at >= 0),
                  default=-1)
    return closing == len(bracketed) - 1
