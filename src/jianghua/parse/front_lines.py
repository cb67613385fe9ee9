"""Which of a speech's first lines are its front matter, and which of those are titles.

A title, a subtitle (——在……上的讲话), a date, a speaker's line, a byline, a site's
chrome and blurbs stand before the address; only the lines that name the document are
[标题] (OUTLINE: titles in messy text; gold NOTES: site chrome). Part of the look-ahead
(edges.py's ``SpeechFacts``, which provides what is declared here).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jianghua.parse.front_titles import in_stacked_title
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import STYLE_OF_TERMINAL, MarkerInfo
from jianghua.parse.names import (
    MAX_NAME_CHARS,
    is_name,
    is_placeholder,
    office_before_name,
    office_colon_name,
)
from jianghua.parse.pieces import EXCLAIM_OR_COLON, SENTENCE_END, SPACES, ends_a_sentence, has_han
from jianghua.parse.scan import sentence_ending

__all__ = ["MAX_TITLE_CHARS", "FrontLines"]

# Front matter is short: a title line longer than this is body text.
MAX_TITLE_CHARS = 60
# No line of front matter (a byline, a date, a blurb) is this long.
_MAX_FRONT_LINE_CHARS = 300
# A page's description repeats the speech's start within its first lines: the first
# characters of a later line, at least this many of them.
_DESCRIPTION_REACH = 20
_REPEATED_CHARS, _MIN_REPEATED_CHARS = 12, 8
# A site's slogan among the front lines is one or two short sentences.
_MAX_SLOGAN_SENTENCES = 2
# A day in brackets at a line's end.
# The bar between a page's title and its post time (……致辞 | 2024-04-26 04:41:06).
_BAR = re.compile("[ \u3000]*[|｜][ \u3000]*")
_DATE_AFTER = re.compile("[ \u3000]*[（(][^（()）\r\n]{0,12}年[^（()）\r\n]{0,12}[）)][ \u3000]*$")
# An author's name line stands this few lines before the address it precedes.
_ADDRESS_REACH = 3
# Each half of a title of two parallel phrases is at least this long (凝心聚力 担当作为).
_MIN_PHRASE_CHARS = 4
# A speaker's line of an office and a name run together (县委书记张XX, 县委常委、县政府负责
# 人xxx) is this short.
_MAX_SPEAKER_LINE_CHARS = 20
# Marks a script sets before a stage direction (★（请主席团成员到主席台就座）).
_DECORATION = "★☆●○◆◇■□※*＊ \u3000"


class FrontLines:
    """The front-matter decisions of ``SpeechFacts``."""

    text: str
    lines: list[Line]
    content_lines: list[Line]
    marker: Callable[[Sentence], MarkerInfo]
    next_content_line: Callable[[Line], Line | None]
    content_line_before: Callable[[Line], Line | None]
    slogan_lines: frozenset[int]
    description_lines: frozenset[int]
    contents_lines: frozenset[int]
    address_lines: frozenset[int]
    # Provided by PageRuns (page_runs.py), which reads whole runs of lines.
    _table_of_contents: Callable[[], frozenset[int]]
    _addresses_before_address: Callable[[], frozenset[int]]

    def _front_matter_end(self) -> int:
        """Number of leading lines that are front matter (titles, date, speaker).

        A site's short slogan among them (让写作成为一种习惯,……欢迎您!) ends a sentence
        as no title does, but it does not end the front matter when only front lines
        follow it up to the address, or up to the first words after a title that names
        the document (a script with no salutation): what stands before the salutation
        and names the document is a [标题] (OUTLINE: titles in messy text)."""
        self.description_lines = self._page_descriptions()
        self.contents_lines = self._table_of_contents()
        self.address_lines = self._addresses_before_address()
        count = 0
        slogans: list[int] = []
        named = False  # a front line after the slogans names a document (……主持稿)
        names = terminal_pattern("DOCUMENT_NAME").search
        for line in self.lines:
            if not line.is_blank and not self._looks_like_front_line(line):
                if self._is_slogan(line):
                    slogans.append(line.number)
                else:
                    if slogans and line.sentences[0].cue != "VOCATIVE" and not named:
                        count = slogans[0] - 1  # no address or title after them: speech
                        slogans = []
                    break
            elif slogans and not line.is_blank and names(self.text, line.content_start, line.end):
                named = True
            count += 1
        self.slogan_lines = frozenset(slogans)
        # Trailing blank lines belong to the speech, not the header.
        while count and self.lines[count - 1].is_blank:
            count -= 1
        return count

    def _page_descriptions(self) -> frozenset[int]:
        """A page's description of the speech, which repeats its start — title, address
        and first words, cut short — before the speech itself begins again on a later
        line (……讲话 同志们：根据……  then  ……讲话 / 同志们：): front matter, whose title is
        a [标题] (gold NOTES: a repeated page title) and whose address is none."""
        found: set[int] = set()
        first_lines = self.content_lines[:_DESCRIPTION_REACH]
        for position, line in enumerate(first_lines):
            if line.end - line.content_start <= MAX_TITLE_CHARS:
                continue
            for later in first_lines[position + 1:]:
                head = self.text[later.content_start:later.end].strip(SPACES)[:_REPEATED_CHARS]
                if len(head) >= _MIN_REPEATED_CHARS and has_han(head, 0, len(head)) and (
                        self.text.startswith(head, line.content_start)) and (
                        self._titled_address(line)):
                    found.add(line.number)
                    break
        return frozenset(found)

    def _titled_address(self, line: Line) -> bool:
        """An address in ``line`` with a title before it: a line that opens with the
        address is the speech itself, which the page then repeats whole (title, 同志们：
        …… twice), not its description."""
        address = self._address_in(line)
        return address is not None and has_han(self.text, line.content_start, address)

    def _address_in(self, line: Line) -> int | None:
        """Where the first address in ``line`` starts, glued or not (None: none)."""
        found = terminal_pattern("VOCATIVE").search(self.text, line.content_start, line.end)
        return found.start() if found is not None else None

    def address_ends(self, end: int) -> bool:
        """An address ends at ``end``: in its colon, or before the greeting after its
        comma (主持人:尊敬的各位领导,……同学们,大家好!)."""
        return self.text[end - 1] in "：:" or terminal_pattern("GREETING_AFTER").match(
            self.text, end) is not None

    def _speech_after_address(self, line: Line) -> bool:
        """An address ending in its colon inside the line, and finished sentences after
        it (……主持词时间:2021-08-31各位代表:现在开会。): the speech under way, whatever
        the page's stamp before it (front.py splits them)."""
        found = terminal_pattern("VOCATIVE").search(self.text, line.content_start, line.end)
        return found is not None and self.text[found.end() - 1] in "：:" and any(
            s.start >= found.end() and sentence_ending(self.text[s.start:s.end]) in SENTENCE_END
            for s in line.sentences)

    def front_title(self, line: Line) -> str:
        """A front line's [标题] text: the line, or a description's title (the title it
        opens with, or what stands before its address)."""
        end = line.end
        if line.number in self.description_lines:
            first = line.sentences[0]
            end = first.end if first.cue == "TITLE_HEAD" else self._address_in(line) or end
        end = self._title_before_stamp(line) or end
        return self.text[line.content_start:end].strip(SPACES)

    def _title_before_stamp(self, line: Line) -> int | None:
        """简短羽毛球开幕式致辞 | 2024-04-26 04:41:06 — a page's title with its post time
        after a bar: where the title ends (the bar and the stamp are the page's), or None."""
        first = line.sentences[0]
        if first.cue != "TITLE_HEAD" or len(line.sentences) != 2:
            return None
        rest = line.sentences[1]
        bar = _BAR.match(self.text, rest.start, rest.end)
        end = len(self.text[:line.end].rstrip(SPACES))
        stamp = terminal_pattern("SITE_STAMP").fullmatch
        return first.end if bar is not None and stamp(self.text, bar.end(), end) else None

    def _looks_like_front_line(self, line: Line) -> bool:
        if line.number in self.description_lines or line.number in self.contents_lines or (
                line.number in self.address_lines):
            return True
        first = line.sentences[0]
        length = line.end - line.content_start
        blurb = self.is_blurb(line)
        if length <= _MAX_FRONT_LINE_CHARS and blurb and not any(
                s.cue == "VOCATIVE" for s in line.sentences):
            # A collection's blurb, however long a paragraph (……下面是小编整理的……，仅供
            # 参考。): the titles after it are still the page's front matter.
            return True
        if length > _MAX_FRONT_LINE_CHARS or (
                length > MAX_TITLE_CHARS and any(s.cue == "VOCATIVE" for s in line.sentences)):
            # A byline or date that runs on into the salutation, or on and on, is a
            # whole speech run together into one line (更新时间:……作者:……同志们:……):
            # its front matter is peeled off sentence by sentence (front.py).
            return False
        if first.cue == "DATE_LINE" or self.is_byline(line) or blurb:
            # ……but the host's line run on into the address (主持人XX副院长XXX各位代表) is
            # the speech's start: its address is split off by the block stage (front.py),
            # as is the address a date runs on into ((2006年8月30日) 同志们：).
            if any(s.cue == "VOCATIVE" and self.address_ends(s.cue_end)
                   for s in line.sentences[1:]) or self._speech_after_address(line):
                return False
            return terminal_pattern("HOST_NAMED").match(
                self.text, line.content_start, line.end) is None or self._address_in(line) is None
        host_label = terminal_pattern("HOST_LABEL").fullmatch(self.text, first.start, first.end)
        if len(line.sentences) > 1 and line.sentences[1].cue == "VOCATIVE" and host_label:
            return False  # 主持人：尊敬的各位领导…… — the host's address, not a title
        if host_label and len(line.sentences) == 1:
            return True  # 主持人： on a line of its own names who reads what follows
        if first.cue == "VOCATIVE" and (self._names_before_address(line)
                                        or self._speaker_before_title(line)):
            return True
        if first.cue in STYLE_OF_TERMINAL and self._among_site_notices(line):
            return True
        alone_in_brackets = first.cue == "DIRECTION" and len(line.sentences) == 1
        # (两会受权发布)中国……工作报告: a news label in brackets before the title it heads.
        label_before_title = first.cue == "DIRECTION" and len(line.sentences) == 2 and (
            line.sentences[1].cue in (None, "TITLE_HEAD")) and terminal_pattern(
            "DOCUMENT_NAME").search(self.text, first.end, line.end) is not None
        if first.cue not in (None, "TITLE_HEAD") and not (
                alone_in_brackets or label_before_title or self.labelled_title(line)):
            return False
        content = self.text[line.content_start:line.end].strip(SPACES)
        if len(content) > MAX_TITLE_CHARS or (content[-1:] in "：:，,、" and not (
                terminal_pattern("TITLE_ITEM_LABEL").search(content))):
            # A lead-in (……我再强调三点：) is speech, not a title (corpus 108); so is a
            # clause a copy's line wrap cut (根据……的统一部署，): a title ends in neither,
            # but for an item's label (……讲话稿范文(一):, TITLE_ITEM_LABEL).
            return False
        return not ends_a_sentence(line)

    def labelled_title(self, line: Line) -> bool:
        """A collection's item label glued to a title that names its genre (第一篇：……
        主持词), or to the page's first line (第一篇：开学典礼暨教师节表彰大会): the label
        stays in the line's [标题] (gold NOTES), it opens no part."""
        first = line.sentences[0]
        return first.cue == "PART_MARKER" and "篇" in self.marker(first).raw and (
            terminal_pattern("GENRE_WORD").search(self.text, first.cue_end, line.end)
            is not None or self._first_words_line(line))

    def _first_words_line(self, line: Line) -> bool:
        """Whether ``line`` is the page's first line but for its chrome above it (a
        breadcrumb, a byline: 首页 > 范文 > …… / 时间：……作者：……)."""
        for before in self.content_lines:
            if before is line:
                return True
            if not self.is_byline(before):
                return False
        return False

    def is_byline(self, line: Line) -> bool:
        """Site or news chrome (时间:…, 作者:…, 新华社……电): front matter, never a title."""
        return (terminal_pattern("BYLINE").match(self.text, line.content_start, line.end)
                or terminal_pattern("SITE_DATE").search(self.text, line.content_start,
                                                        line.end)) is not None

    def is_blurb(self, line: Line) -> bool:
        """A site's blurb (下面是小编为大家整理的……，欢迎阅读。): sentences that say what the
        page holds, front matter and never a title. A title glued before one (……范文
        (三篇)导读:本文……) is split off by the block stage (corpus 104)."""
        if line.sentences[0].cue == "TITLE_HEAD":
            return False
        if terminal_pattern("SITE_CHROME").search(self.text, line.content_start, line.end):
            return True  # the site's greeting, link or ads (您好，欢迎访问……文档)
        found = terminal_pattern("BLURB").search(self.text, line.content_start, line.end)
        # Its sentences end in a stop; one that opens with the blurb's words (点击上方蓝字
        # 关注我们，……) needs none: a title never starts so. Nor does a site's notice that
        # opens with the file's name in brackets (《……工作报告》由会员上传分享，……).
        return found is not None and (found.start() == line.content_start
                                      or ends_a_sentence(line)
                                      or self.text.startswith("《", line.content_start))

    def _among_site_notices(self, line: Line) -> bool:
        """A numbered line among a document site's notices (温馨提示: 1. ……预览…… 2. 本文档
        由用户上传……): the run of numbered lines it stands in holds a blurb, so the whole
        run is the page's, not the speech's points."""
        lines = self.content_lines
        at = lines.index(line)
        start = end = at
        while start and lines[start - 1].sentences[0].cue in STYLE_OF_TERMINAL:
            start -= 1
        while end + 1 < len(lines) and lines[end + 1].sentences[0].cue in STYLE_OF_TERMINAL:
            end += 1
        return any(self.is_blurb(numbered) for numbered in lines[start:end + 1])

    def _is_slogan(self, line: Line) -> bool:
        """A short line of site chrome that ends a sentence: one or two sentences with
        no cue at all (no address, marker, step or transition), before the address."""
        return (line.end - line.content_start <= MAX_TITLE_CHARS
                and len(line.sentences) <= _MAX_SLOGAN_SENTENCES
                and all(s.cue is None for s in line.sentences))

    def _is_dashed_speaker(self, content: str) -> bool:
        """——某某论坛执委会主任、某村党委书记张XX: a dash before the speaker's offices and
        name, not a subtitle naming the occasion (——在……上的讲话) or the genre."""
        dash = terminal_pattern("SUBTITLE_DASH").match(content)
        if dash is None or terminal_pattern("SUBTITLE").match(content) is not None or \
                terminal_pattern("GENRE_WORD").search(content) is not None:
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

    def _names_before_address(self, line: Line) -> bool:
        """A line that only names someone (刘莉莉老师, the page's author), with no stop
        after it, where an address with its colon follows among the next front lines:
        that address opens the speech; the name is a byline, not a [称谓]."""
        text = self.text
        if len(line.sentences) > 1 or text[line.end - 1] in EXCLAIM_OR_COLON + "，,":
            return False
        later = line
        for _ in range(_ADDRESS_REACH):
            later = self.next_content_line(later)
            if later is None:
                return False
            first = later.sentences[0]
            if first.cue == "VOCATIVE" and text[first.cue_end - 1] in "：:":
                return True
            if ends_a_sentence(later):
                return False
        return False

    def _speaker_before_title(self, line: Line) -> bool:
        """甘肃省省长：在省政府第七次全体会议上的讲话 — the speaker named before a colon and
        the title that names the occasion, the rest of the line: a title line, not an
        address (the colon labels the title with its speaker)."""
        first = line.sentences[0]
        if len(line.sentences) > 1 or self.text[first.cue_end - 1] not in "：:" or (
                not self.text.startswith("在", first.cue_end)):
            return False
        end = len(self.text[:line.end].rstrip(SPACES))
        return terminal_pattern("OCCASION_TITLE").fullmatch(
            self.text, first.cue_end, end) is not None

    def front_kind(self, line: Line) -> str:
        """A date line, speaker line or subtitle is front matter but not a [标题]; a line
        of an address written over several lines is a [称谓]."""
        content = self.text[line.content_start:line.end].strip(SPACES)
        if line.number in self.address_lines:
            return "salutation"
        if line.number in self.description_lines:
            return "title"
        if line.sentences[0].cue in STYLE_OF_TERMINAL and self._among_site_notices(line):
            return "paragraph"  # a document site's numbered notices
        if line.sentences[0].cue == "VOCATIVE" and self._speaker_before_title(line):
            return "title"  # 甘肃省省长：在……会议上的讲话
        if self._title_before_stamp(line) is not None:
            return "title"  # ……致辞 | 2024-04-26 04:41:06
        if line.sentences[0].cue == "VOCATIVE" or line.number in self.contents_lines or (
                terminal_pattern("CONTENTS_LABEL").fullmatch(self.text, line.content_start,
                                                             line.end)):
            # a byline that names the author (_names_before_address), a table of contents
            # and its label
            return "paragraph"
        if line.number in self.slogan_lines and content.endswith(("？", "?")):
            # A title may ask its question (我们为什么要经常学习党史？, a 党课's): it ends a
            # sentence as a site's slogan does, but a slogan tells, it does not ask.
            return "title"
        bracketed = content.lstrip(_DECORATION)
        occasion = terminal_pattern("OCCASION_NOTE").fullmatch(bracketed) is not None
        if line.number in self.slogan_lines or terminal_pattern("HOST_LABEL").fullmatch(
                content) or (bracketed[:1] in "（(" and content[-1:] in "）)" and not (
                    occasion or terminal_pattern("GENRE_WORD").fullmatch(
                        bracketed, 1, len(bracketed) - 1))):
            # A slogan, a host's label (主持人：), or a direction in brackets (会议召开前，……
            # / ★（请主席团成员到主席台就座）) — not the genre in brackets under a title
            # ((主持词)) nor the occasion ((……在……会议上)), which name the document.
            return "paragraph"
        if occasion:
            return "title"  # dated, but no bare date line (（2011年3月7日在……会议上）)
        if not has_han(self.text, line.content_start, line.end):
            return "paragraph"  # an English title or byline beside the Chinese (gold NOTES)
        if line.sentences[0].cue == "DATE_LINE" or self.is_byline(line) or self.is_blurb(line) or \
                terminal_pattern("BARE_DATE").fullmatch(content) or (
                terminal_pattern("PAGE_COUNTER").fullmatch(content)):
            return "paragraph"
        if in_stacked_title(self.text, self.lines, line):
            return "title"  # 市政府 / 五年 / 工作报告: a cover's title, line by line
        # The day in brackets after a speaker's line (县长 XXX（2022年X月X日）) says no
        # more about what the line is.
        dated = _DATE_AFTER.search(content)
        content = content[:dated.start()] if dated and dated.start() else content
        parts = content.replace("\u3000", " ").split()
        genre = terminal_pattern("GENRE_WORD")
        bare = genre.fullmatch("".join(parts)) is not None
        if bare or (len(content) <= MAX_NAME_CHARS and genre.search(content) is not None):
            # A genre, not a speaker's name: 主 持 词 / 开幕词 under the title ends it, and
            # 校长寄语 heads the page; but 致辞 first, or 交流发言 under a breadcrumb, is the
            # site's category (gold NOTES: site chrome is no title).
            before = self.content_line_before(line)
            if before is None:
                return "paragraph" if bare else "title"
            return "title" if self.front_kind(before) == "title" else "paragraph"
        if 2 <= len(parts) <= MAX_NAME_CHARS and all(len(part) == 1 for part in parts):
            return "paragraph"  # a speaker's name spaced out (周 德 睿), no title
        if terminal_pattern("SPEAKER_BODY").fullmatch(content) and (
                following := self.next_content_line(line)) is not None and (
                following.sentences[0].cue == "VOCATIVE"):
            # the body that reports, right above the address (南宁市邕宁区人民政府 / 城区
            # 人大常委会：), no title; above more of the title it is its first lines
            # (中国人民政治协商会议 / ……委员会常务委员会 / 工作报告)
            return "paragraph"
        if 3 <= len(parts) <= MAX_NAME_CHARS + 1 and all(
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
                office_colon_name(content)):
            return "paragraph"
        names = content.replace("，", "、").split("、")
        if len(names) >= 2 and all(1 < len(name) <= MAX_NAME_CHARS for name in names) and (
                any(len(name) < _MIN_PHRASE_CHARS for name in names)):
            # The speakers: 戚本禹、张春桥、谢富治 (corpus 122) — not a title of parallel
            # four-character phrases (行而不辍，未来可期: 对仗, CONVENTIONS).
            return "paragraph"
        # A subtitle (——在……会议上的讲话) is a title line of its own (OUTLINE: [标题]).
        return "title"
