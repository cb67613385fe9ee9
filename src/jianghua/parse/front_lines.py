"""Which of a speech's first lines are its front matter, and which of those are titles.

A title, a subtitle (——在……上的讲话), a date, a speaker's line, a byline, a site's
chrome and blurbs stand before the address; only the lines that name the document are
[标题] (OUTLINE: titles in messy text; gold NOTES: site chrome). Part of the look-ahead
(edges.py's ``SpeechFacts``, which provides what is declared here).
"""

from __future__ import annotations

from collections.abc import Callable

from jianghua.parse.front_kinds import FrontKinds
from jianghua.parse.front_titles import after_page_words
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import STYLE_OF_TERMINAL, MarkerInfo
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
# An author's name line stands this few lines before the address it precedes.
_ADDRESS_REACH = 3


def ends_in_genre(words: str, *, drafts: bool = False) -> bool:
    """Whether ``words`` end in the name of a genre (……讲话, ……主持词) — with ``drafts``,
    also before its draft's word (……讲话稿, ……致辞文稿)."""
    if drafts:
        for draft in ("文稿", "稿"):
            words = words.removesuffix(draft)
    return any(found.end() == len(words)
               for found in terminal_pattern("GENRE_WORD").finditer(words, len(words) - 4))


class FrontLines(FrontKinds):
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
        addressed = False  # the slogans run up to the address
        names = terminal_pattern("DOCUMENT_NAME").search
        back_matter = terminal_pattern("BACK_MATTER").match
        for line in self.lines:
            if not line.is_blank:
                if slogans and back_matter(self.text, line.content_start, line.end):
                    break  # 上一篇：某某主持词: the page's footer, the text has ended
                if not self._looks_like_front_line(line):
                    if not self._is_slogan(line):
                        addressed = line.sentences[0].cue == "VOCATIVE"
                        break
                    slogans.append(line.number)
                elif slogans and names(self.text, line.content_start, line.end):
                    named = True
            count += 1
        if slogans and not (named or addressed):
            # No address or title after them, up to the speech's words, the footer or the
            # text's end (现在开会。 首先请……): they are speech.
            count, slogans = slogans[0] - 1, []
        self.slogan_lines = frozenset(slogans)
        # Trailing blank lines belong to the speech, not the header.
        while count and self.lines[count - 1].is_blank:
            count -= 1
        return count

    def _page_descriptions(self) -> frozenset[int]:
        """A page's description of the speech, which repeats its start — title, address
        and first words, cut short — before the speech itself begins again on a later
        line (……讲话 同志们：根据……  then  ……讲话 / 同志们：, or then 同志们： / 根据……
        with no title again): front matter, whose title is a [标题] (gold NOTES: a
        repeated page title) and whose address is none."""
        found: set[int] = set()
        first_lines = self.content_lines[:_DESCRIPTION_REACH]
        for position, line in enumerate(first_lines):
            if line.end - line.content_start <= MAX_TITLE_CHARS or (
                    address_end := self._titled_address_end(line)) is None:
                continue
            for later in first_lines[position + 1:]:
                head = self.text[later.content_start:later.end].strip(SPACES)[:_REPEATED_CHARS]
                if len(head) >= _MIN_REPEATED_CHARS and has_han(head, 0, len(head)) and (
                        self.text.startswith(head, line.content_start)
                        or self.text.startswith(head, address_end)):
                    found.add(line.number)
                    break
        return frozenset(found)

    def _titled_address_end(self, line: Line) -> int | None:
        """Where an address in ``line`` with a title before it ends (None: no such
        address): a line that opens with the address is the speech itself, which the page
        then repeats whole (title, 同志们：…… twice), not its description."""
        address = terminal_pattern("VOCATIVE").search(self.text, line.content_start, line.end)
        if address is None or not has_han(self.text, line.content_start, address.start()):
            return None
        end = address.end()
        while end < line.end and self.text[end] in SPACES:
            end += 1  # (推荐阅读:同志们: 今天……: the first words after a space)
        return end

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
        opens with, or what stands before its address), past the page's words before it."""
        end = line.end
        if line.number in self.description_lines:
            first = line.sentences[0]
            end = first.end if first.cue == "TITLE_HEAD" else self._address_in(line) or end
        end = self._title_before_stamp(line) or end
        # 立即了解 ……上的讲话: the page's words before the title on its line are not its.
        start = self.title_after_dateline(line) or after_page_words(
            self.text, line.content_start, end)
        return self.text[start:end].strip(SPACES)

    def _looks_like_front_line(self, line: Line) -> bool:
        if line.number in self.description_lines or line.number in self.contents_lines or (
                line.number in self.address_lines):
            return True
        if line.tagged:
            return False  # 女：寒风飘飘…… — a host speaks (speakers.py): the script has begun
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
        if self.is_photo_caption(line):
            return True  # ……发表重要讲话。 新华社记者 某某 摄: a news photo's caption
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
        if terminal_pattern("REQUEST_CLAUSE").match(self.text, line.content_start, line.end):
            return False  # 大家安静，请将手机调到静音: the chair asks, no title names
        return not ends_a_sentence(line)

    def labelled_title(self, line: Line) -> bool:
        """A collection's item label glued to a title that names its genre (第一篇：……
        主持词, 1.……主持词 篇一), or to the page's first line (第一篇：开学典礼暨教师节表彰
        大会): the label stays in the line's [标题] (gold NOTES), it opens no part."""
        first = line.sentences[0]
        names_genre = terminal_pattern("GENRE_WORD").search(
            self.text, first.cue_end, line.end) is not None
        if first.cue in STYLE_OF_TERMINAL and first.cue != "PART_MARKER":
            # 1.政协活动组长会主持词 篇一: a collection's running number before the item's
            # title, which names its genre and ends in its label.
            label = terminal_pattern("ITEM_LABEL").search(self.text, first.cue_end, line.end)
            return len(line.sentences) == 1 and names_genre and (
                (label is not None and label.end() == line.end) or (
                    # 1、高三毕业典礼校长讲话稿 as the page's first words, its genre last
                    self.marker(first).ordinal == 1 and ends_in_genre(
                        self.text[line.content_start:line.end].rstrip(SPACES), drafts=True)
                    and self._first_words_line(line)))
        return first.cue == "PART_MARKER" and "篇" in self.marker(first).raw and (
            names_genre or self._first_words_line(line))

    def _first_words_line(self, line: Line) -> bool:
        """Whether ``line`` is the page's first line but for its chrome above it (a
        breadcrumb, a byline: 首页 > 范文 > …… / 时间：……作者：……)."""
        for before in self.content_lines:
            if before is line:
                return True
            if not self.is_byline(before):
                return False
        return False

    def is_photo_caption(self, line: Line) -> bool:
        """A news photo's caption ending in its credit (……在北京举行。某某发表重要讲话。
        新华社记者 某某 摄, PHOTO_CREDIT): front matter above the title, never the
        speech's first paragraph (corpora 222, 223)."""
        return len(line.sentences) > 1 and terminal_pattern("PHOTO_CREDIT").fullmatch(
            self.text, line.sentences[-1].start, line.end) is not None

    def is_byline(self, line: Line) -> bool:
        """Site or news chrome (时间:…, 作者:…, 新华社……电): front matter, never a title."""
        return (terminal_pattern("BYLINE").match(self.text, line.content_start, line.end)
                or terminal_pattern("SITE_DATE").search(self.text, line.content_start,
                                                        line.end)) is not None

    def title_after_dateline(self, line: Line) -> int | None:
        """新华网北京3月19日电 最高人民检察院工作报告 ━━2006年……在……上 — a news copy's
        dateline before the title of the report it carries: where the title starts (the
        dateline is the copy's), or None. The rest names a document and holds no
        sentence's stop: a news story's first sentence after its byline is no title."""
        found = terminal_pattern("NEWS_DATELINE").match(self.text, line.content_start, line.end)
        if found is None or len(line.sentences) != 1:
            return None
        rest = self.text[found.end():line.end].strip(SPACES)
        if not rest or len(rest) > MAX_TITLE_CHARS or any(stop in rest for stop in SENTENCE_END):
            return None
        named = terminal_pattern("DOCUMENT_NAME").search(self.text, found.end(), line.end)
        return found.end() if named is not None else None

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
        run is the page's, not the speech's points. The run is of the line's own style:
        the item's label after the notices (第一篇:……主持词) is none of them."""
        lines = self.content_lines
        at = lines.index(line)
        style = line.sentences[0].cue
        start = end = at
        while start and lines[start - 1].sentences[0].cue == style:
            start -= 1
        while end + 1 < len(lines) and lines[end + 1].sentences[0].cue == style:
            end += 1
        return any(self.is_blurb(numbered) for numbered in lines[start:end + 1])

    def _is_slogan(self, line: Line) -> bool:
        """A short line of site chrome that ends a sentence: one or two sentences with
        no cue at all (no address, marker, step or transition), before the address;
        never a host's tagged words (女：……), which are the script itself, nor the host's
        line run on into his address (主持人……副院长xxx各位代表, front.py splits it)."""
        return (not line.tagged and line.end - line.content_start <= MAX_TITLE_CHARS
                and len(line.sentences) <= _MAX_SLOGAN_SENTENCES
                and all(s.cue is None for s in line.sentences)) and not (
            terminal_pattern("HOST_NAMED").match(self.text, line.content_start, line.end)
            and self._address_in(line) is not None)

    def _names_before_address(self, line: Line) -> bool:
        """A line that only names someone (刘莉莉老师, the page's author), with no stop
        after it, where an address with its colon (or its greeting, 老年朋友们，大家好！)
        follows among the next front lines: that address opens the speech; the name is
        a byline, not a [称谓]."""
        text = self.text
        if len(line.sentences) > 1 or text[line.end - 1] in EXCLAIM_OR_COLON + "，,":
            return False
        later = line
        for _ in range(_ADDRESS_REACH):
            later = self.next_content_line(later)
            if later is None:
                return False
            first = later.sentences[0]
            if first.cue == "VOCATIVE" and (text[first.cue_end - 1] in "：:" or terminal_pattern(
                    "GREETING_AFTER").match(text, first.cue_end, first.end)):
                return True  # 同志们： / 老年朋友们，大家好！
            if ends_a_sentence(later):
                return False
        return False
