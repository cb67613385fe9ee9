"""Title lines in front matter run together: where one title line ends and the next, a
subtitle, a date, a document number or the speaker's line begins (……的讲话2019/3/12在
……上的讲话, ……致辞 在……致辞, ……报告——在……上, 党课讲稿：旗帜鲜明讲政治). The title half
of front.py's ``FrontMatter``, which mixes it in; the patterns are the grammar's
(DOCUMENT_NAME, GLUED_DATE, DOCUMENT_NUMBER, DATE_LINE, SUBTITLE_DASH, SUBTITLE, SITE_NAME,
OCCASION_TITLE, TITLE_HEAD). Titles that name their occasion, run on into what follows
them, are occasion_titles.py's."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.names import is_placeholder
from jianghua.parse.occasion_titles import COLLECTION_ENDS, MIN_TITLE_CHARS, cut_sentence
from jianghua.parse.pieces import (
    EXCLAIM_OR_COLON,
    PADDED_NUMBER_CHARS,
    SENTENCE_END,
    SPACES,
    Split,
    first_han,
    has_han,
)
from jianghua.parse.scan import rescanned

if TYPE_CHECKING:
    from jianghua.parse.edges import SpeechFacts

# A title glued before its date line starts the text and is this short (with the date).
MAX_DATED_TITLE_CHARS = 120
# A speaker's name (2–4 characters) glued before the salutation.
MIN_NAME_CHARS, MAX_NAME_CHARS = 2, 4
# A subtitle says where, within this many characters of its dash (——2003年3月5日在……).
_SUBTITLE_AT = 16
# A run of spaces, where a page's lines were joined.
_SPACE_RUN = re.compile("[ \u3000]+")
# A title's parallel phrases (对仗, CONVENTIONS) are each this long at least.
_PARALLEL_PHRASE_CHARS = 4
# Marks of a page's leaked code (a style sheet, markup), which no title's words hold.
_CODE_MARKS = "{}<>;=#@|\\"
# A title's topic after its genre's colon (党课讲稿：旗帜鲜明讲政治) is at most this long.
_MAX_TOPIC_CHARS = 40


# A cover title set over short lines (市政府 / 五年 / 工作报告): each at most this long,
# the last only its genre.
_STACKED_LINE_CHARS = 8
_GENRE_LINE_CHARS = 4
# A stop or a comma: a sentence's, not a piece of a title.
_NO_TITLE_PIECE = SENTENCE_END + EXCLAIM_OR_COLON + "，,"


def after_page_words(text: str, start: int, end: int) -> int:
    """Where the title starts in ``text[start:end]`` after the page's words before it on
    its line, a space between (立即了解 县委书记在……上的讲话, 刘莉莉老师 ……主持词范文,
    登录 | 注册 | 返回首页 ……): after the last space before the first document's name that
    stands between words (not a number's padding), when the words after it are a title by
    themselves, with no subtitle's dash before the name, and the words before it name no
    document, are no parallel phrases and are the page's (CHROME_BEFORE_TITLE). ``start``
    otherwise: 勠力战疫 共创未来——在……上的讲话 is one title line and its subtitle."""
    name = terminal_pattern("DOCUMENT_NAME").search(text, start, end)
    if name is None:
        return start
    at = start
    for gap in _SPACE_RUN.finditer(text, start + 1, name.start()):
        if text[gap.start() - 1] not in PADDED_NUMBER_CHARS and has_han(
                text, gap.end(), gap.end() + 1):
            at = gap.end()
    if at == start or name.end() - at < MIN_TITLE_CHARS or not has_han(text, start, at):
        return start
    if terminal_pattern("SUBTITLE_DASH").search(text, at, name.start()) is not None or (
            terminal_pattern("DOCUMENT_NAME").search(text, start, at) is not None):
        return start
    chunks = text[start:at].split()
    if len(chunks) > 1 and len(chunks[-1]) == len(chunks[-2]) >= _PARALLEL_PHRASE_CHARS:
        return start  # 奋进新时代 建功新征程 在……上的讲话: a title's parallel phrases (对仗)
    chrome = terminal_pattern("CHROME_BEFORE_TITLE").fullmatch(text, start, at)
    return start if chrome is None else at


def in_stacked_title(text: str, lines: list[Line], line: Line) -> bool:
    """Whether ``line`` is one of a title's short lines set one under another, as on a
    report's cover (市政府 / 五年 / 工作报告): two or more short lines with only blank
    lines between them, the last only the genre. Each is a [标题] (gold NOTES: a title
    split over lines, one per line), though alone each looks like a speaker's name."""
    genre = terminal_pattern("GENRE_WORD")

    def short(number: int) -> bool:
        found = lines[number - 1]
        words = text[found.content_start:found.end].strip(SPACES)
        return len(words) <= _STACKED_LINE_CHARS and has_han(words, 0, len(words)) and not any(
            stop in words for stop in _NO_TITLE_PIECE)

    def next_short(number: int, step: int) -> int | None:
        # The next line with words, past blank ones (a cover spaces its lines out).
        number += step
        while 0 < number <= len(lines) and lines[number - 1].is_blank:
            number += step
        return number if 0 < number <= len(lines) and short(number) else None

    if not short(line.number):
        return False
    first = last = line.number
    while (before := next_short(first, -1)) is not None:
        first = before
    while (after := next_short(last, 1)) is not None:
        last = after
    if first == last:
        return False
    # The genre is the last line's word (工作报告, 讲话): not a title the run ends in
    # (资源描述 / 团支部选举主持词: a site's label over the title).
    genre_line = lines[last - 1]
    words = text[genre_line.content_start:genre_line.end].strip(SPACES)
    return len(words) <= _GENRE_LINE_CHARS and any(
        match.end() == len(words) for match in genre.finditer(words))


class FrontTitles:
    """The title decisions of ``FrontMatter`` (which provides what is declared here)."""

    text: str
    facts: SpeechFacts
    reasons: dict[int, str]

    def topic_after_genre(self, line: Line, index: int) -> int | None:
        """A title that names its genre, then a colon, then its topic (党课讲稿：旗帜鲜明
        讲政治), run together with what followed it: where the topic ends — at a byline's
        label (……初心时间:2024-06-25) or else at the first space — if sentence ``index``
        is that colon alone. None otherwise."""
        sentences = line.sentences
        if index + 1 >= len(sentences) or self.text[
                sentences[index].start:sentences[index].end].strip(SPACES) not in ("：", ":"):
            return None
        topic = sentences[index + 1]
        label = terminal_pattern("BYLINE").search(self.text, topic.start, topic.end)
        end = label.start() if label else (self.address_start_in(topic.start, topic.end)
                                           or self._parallel_phrases_end(topic))
        if end is None or not has_han(self.text, topic.start, end) or (
                end - topic.start > _MAX_TOPIC_CHARS):
            return None
        return end

    def address_start_in(self, start: int, end: int) -> int | None:
        """Where a title glued before an address gives way to it in ``text[start:end]``:
        the first place, a title's length in, from which the rest is one address — that
        opens with 尊敬的/各位…… or with a form of address standing alone (……党课同志们：,
        ……汇报各位代表：, not the 代表 of ……代表大会开幕词同志们：) — and then nothing or
        a greeting (……走在前列乡亲们大家好!). None where the words before it are an
        address themselves (尊敬的各位理事，各代表团|团长, 卢××主任、刘××副|省长)."""
        text = self.text
        vocative, prefix = terminal_pattern("VOCATIVE"), terminal_pattern("ADDRESS_PREFIX")
        word, join = terminal_pattern("ADDRESS_WORD"), terminal_pattern("ADDRESS_JOIN")
        greeted = terminal_pattern("GREETING_AFTER")
        for at in range(start + MIN_TITLE_CHARS, end - 1):
            alone = word.match(text, at)
            if prefix.match(text, at) is None and (alone is None or not (
                    join.match(text, alone.end()) or greeted.match(text, alone.end())
                    or text[alone.end()] in "：:")):
                continue
            before = text[start:at].rstrip(SPACES)
            if before[-1:] in "，,、" or prefix.search(before) or any(
                    join.match(before, found.end()) for found in word.finditer(before)):
                return None
            found = vocative.match(text, at, end)
            if found is not None and (not text[found.end():end].strip(SPACES) or (
                    greeted.match(text, found.end()))):
                return at
        return None

    def _parallel_phrases_end(self, topic: Sentence) -> int | None:
        """Where a topic run on into the text ends: at its first space — or, where the
        words after that space are as long as those before it, a title of parallel
        phrases (坚定理想信念 筑牢思想根基: 对仗, CONVENTIONS), at the space after them."""
        words = self.text[topic.start:topic.end]
        chunks = words.replace("\u3000", " ").split(" ")
        if len(chunks) < 2:
            return None
        taken = 1
        while taken + 1 < len(chunks) and len(chunks[taken]) == len(chunks[0]):
            taken += 1
        return topic.start + sum(len(chunk) + 1 for chunk in chunks[:taken]) - 1

    def _after_page_code(self, start: int, end: int) -> int:
        """Where the words of ``text[start:end]`` start after a page's leaked code run
        together before them with spaces (……ar-SA } 市长在……上的讲话, a style sheet
        the copy kept): at the first Han character, when a space stands before it and
        what precedes it has the marks of code. ``start`` otherwise."""
        words = first_han(self.text, start, end)
        if words is None:
            return start
        prefix = self.text[start:words]
        if prefix[-1:] not in SPACES or not any(ch in _CODE_MARKS for ch in prefix):
            return start  # no gap before the words, or no code before the gap
        return words

    def title_lines(self, start: int, end: int, index: int, splits: list[Split],
                    reason: str) -> None:
        """The title lines run together in ``text[start:end]``: a page's title ending in
        its site's name (……_公文范文网), the title, and a subtitle after a dash. Front
        matter glued between them is split off: the page's code or words before the first
        (……ar-SA } ……, 立即了解 ……), a document number or a viewer's page marker before it
        (编号:136929198……, 第1页共9页……), a day after a title
        that names its document (……的讲话2019/3/12在……上的讲话), and the speaker's
        office and name after the last (……主持词县委常委、县政府负责人xxx)."""
        text = self.text
        code_end = self._after_page_code(start, end)
        if code_end == start:
            code_end = after_page_words(text, start, end)
        if code_end > start:
            splits.append((start, index, "paragraph"))
            start = code_end
        for chrome in ("DOCUMENT_NUMBER", "PAGE_MARKER"):  # 编号:136929198…… / 第1页共9页……
            found = terminal_pattern(chrome).match(text, start, end)
            if found is not None and has_han(text, found.end(), end):
                splits.append((start, index, "paragraph"))
                start = found.end()
        occasion = terminal_pattern("OCCASION_TITLE")
        last = len(text[:end].rstrip(SPACES))
        for genre in terminal_pattern("GENRE_WORD").finditer(text, start, last):
            if genre.start() > start and text.startswith(genre.group(), genre.end()):
                # 学校十佳评选主持词主持词: the page's title, then its category's name
                # glued after it, a line of its own (OUTLINE: a repeated page title)
                self._title_line(start, genre.end(), index, splits, reason)
                start = genre.end()
                break
        collection = occasion.match(text, start, end)
        if collection is not None and collection.group().endswith(COLLECTION_ENDS):
            # ……讲话与……讲话汇编……讲话: the names inside a collection's title end none
            # of its lines; the item's title after it is one.
            if collection.end() < last and occasion.fullmatch(text, collection.end(), last):
                self._title_line(start, collection.end(), index, splits, reason)
            start = collection.end() if collection.end() < last else start
        said_twice = self._title_said_twice(start, end)
        if said_twice is not None:
            # ……的欢迎致辞……的欢迎致辞: the page's title, then the speech's own, the same
            # words run together (OUTLINE: a repeated page title is a title line again).
            first, second = said_twice
            if first > start:
                splits.append((start, index, "paragraph"))  # 首页 > …… > the crumbs before it
            self._title_line(first, second, index, splits, reason)
            start = second
        suffix = terminal_pattern("GENRE_SUFFIX")  # (讲话)稿范例 ends the title it is in
        for name in terminal_pattern("DOCUMENT_NAME").finditer(text, start, end):
            # ……致辞 在……致辞: a space after a document's name is a lost line break
            # before the next title line (a page's titles joined with spaces); so is no
            # space before a second title that names the occasion up to the end (a file's
            # name, then its title: ……例会上讲话在……例会上的讲话).
            gap = _SPACE_RUN.match(text, name.end(), end)
            if gap is not None and len(text[gap.end():end].strip(SPACES)) >= MIN_TITLE_CHARS \
                    and has_han(text, gap.end(), end) and name.start() > start:
                self._title_line(start, name.end(), index, splits, reason)
                start = gap.end()
            elif gap is None and name.start() > start and name.end() < last and (
                    occasion.fullmatch(text, after := _end_of_suffix(suffix, text, name.end()),
                                       last)):
                self._title_line(start, after, index, splits, reason)
                start = after
        for date in terminal_pattern("GLUED_DATE").finditer(text, start, end):
            if len(text[date.end():end].strip(SPACES)) < MIN_TITLE_CHARS:
                break
            if date.start() == start and splits and splits[-1][2] == "title":
                splits.append((start, index, "paragraph"))
                start = date.end()
            elif date.start() > start and self._names_a_document_up_to(start, date.start()):
                self._title_line(start, date.start(), index, splits, reason)
                splits.append((date.start(), index, "paragraph"))
                start = date.end()
        self._title_line(start, end, index, splits, reason)

    def _title_said_twice(self, start: int, end: int) -> tuple[int, int] | None:
        """Where a title that names its document starts and where the same words start
        again right after it, in ``text[start:end]`` (市长欢迎词市长欢迎词), if they do."""
        text = self.text
        for name in terminal_pattern("DOCUMENT_NAME").finditer(text, start, end):
            said = name.end()
            for first in range(start, said - MIN_TITLE_CHARS + 1):
                size = said - first
                if said + size <= end and text.startswith(text[first:said], said) and (
                        has_han(text, first, said)) and text[first] not in SPACES and (
                        first == start or not has_han(text, first - 1, first)):
                    # (not 乡政府工作报告政府工作报告: a title, then a shorter one)
                    return first, said
        return None

    def _names_a_document_up_to(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` ends in a document's name (……的讲话, ……主持词)."""
        return any(found.end() == end for found in
                   terminal_pattern("DOCUMENT_NAME").finditer(self.text, start, end))

    def _title_line(self, start: int, end: int, index: int, splits: list[Split],
                    reason: str) -> None:
        """One title line of ``title_lines``, with the site's name, subtitle, speaker and
        date run on after it split off."""
        dated = [found for found in terminal_pattern("DATE_LINE").finditer(self.text, start, end)
                 if not self.text[found.end():end].strip(SPACES) and found.start() > start]
        if dated:  # ……主持词……（二○一八年十二月二十九日）: the date line run on after it
            end = dated[0].start()
            splits.append((end, index, "paragraph"))
        names = list(terminal_pattern("DOCUMENT_NAME").finditer(self.text, start, end))
        speaker = terminal_pattern("SPEAKER_NAMED").fullmatch
        if len(names) > 1 and speaker(self.text, names[-2].end(), end):
            # ……上的讲话xxx同志讲话: the speaker's line after the title, not a title
            end = names[-2].end()
            splits.append((end, index, "paragraph"))
            names.pop()
        after = self.text[names[-1].end():end].strip(SPACES) if names else ""
        if after and (self.facts.office_then_name(after) or (
                len(after) <= MAX_NAME_CHARS and is_placeholder(after))):
            end = names[-1].end()  # ……主持词县委常委、县政府负责人xxx: the speaker's line,
            # or only a name left blank (……致辞 xxxx)
            splits.append((end, index, "paragraph"))
        site = terminal_pattern("SITE_NAME").search(self.text, start, end)
        if site is None or site.start() > start or not splits:
            splits.append((start, index, "title"))
            self.reasons[start] = reason
        # else: ……主持词范文 + _第一范文网XX市……: the site's name ends the title before
        if site is not None and self.text[site.end():end].strip(SPACES):
            splits.append((site.end(), index, "title"))
            self.reasons[site.end()] = "the speech's title after the page's (……_范文网)"
            start = site.end()
        dash = terminal_pattern("SUBTITLE_DASH").search(self.text, start + 2, end)
        if dash is not None and "在" in self.text[dash.end():dash.end() + _SUBTITLE_AT]:
            # ……合作——在……上的讲话, ……报告——2003年3月5日在……上: a subtitle says where
            # the speech was given, and is a title line of its own (208, 215);
            # ……新世纪——二○○一年新年贺词 is one title (218).
            splits.append((dash.start(), index, "title"))
            self.reasons[dash.start()] = "the subtitle after the dash"
            subtitle = terminal_pattern("SUBTITLE").match(self.text, dash.start(), end)
            if subtitle is not None and self.text[subtitle.end():end].strip(SPACES):
                # ……上的报告王XX / ……会议上镇长 赵XX: the speaker's line run on after
                # the subtitle is front matter, not part of a title (OUTLINE).
                splits.append((subtitle.end(), index, "paragraph"))

    def split_subtitle(self, line: Line, index: int) -> bool:
        """……工作报告——2003年3月5日在……会议上国务院总理 朱镕基各位代表: a subtitle run
        together after its title. Splits the sentence where the subtitle ends; what
        follows is scanned again for its cues (a speaker, an address)."""
        s = line.sentences[index]
        subtitle = terminal_pattern("SUBTITLE").match(self.text, s.start, s.end)
        if subtitle is None:
            return False
        cut_sentence(line, index, subtitle.end(), rescanned(self.text, s, subtitle.end()))
        return True

    def split_dated_title(self, line: Line) -> bool:
        """论十大关系（一九五六年四月二十五日）最近几个月，……: a speech run together with
        its title and date line (CONVENTIONS: web copies; GB/T 9704 puts the date under
        the title). A short stop-free opening followed by a date in brackets is the
        title (关心群众生活，注意工作方法 holds a comma); the line's first sentence is split
        there, and what follows the date is scanned again for its cues — a transition
        the first sentence was read as (在……上的讲话（……）我讲四个问题；) is found again
        after the date. Only at the very start of the text."""
        date = self._after_opening_title(line, "DATE_LINE")
        return date is not None and self._cut_before(line, date.start(), "DATE_LINE")

    def split_noted_title(self, line: Line) -> bool:
        """……更好认识源远流长博大精深的中华文明※习近平我国是……: a journal's copy run
        together, its title marked for the editor's note (TITLE_NOTE_MARK), the author and
        the body glued after it. A short stop-free opening that ends on the mark is the
        title, the mark with it (as written); the rest is scanned again. Only at the
        very start of the text."""
        first = line.sentences[0]
        mark = self._after_opening_title(line, "TITLE_NOTE_MARK")
        if mark is None or mark.end() >= first.end:
            return False
        cut_sentence(line, 0, mark.end(), rescanned(self.text, first, mark.end()))
        return True

    def _after_opening_title(self, line: Line, name: str) -> re.Match[str] | None:
        """The terminal ``name`` found near the start of the text's first sentence, after
        words that may be a title: short, stop-free, no colon (a lead-in, ……如下：, has
        one; a title may hold a comma). None once the speech has started."""
        first = line.sentences[0]
        if self.started:
            return None
        found = terminal_pattern(name).search(
            self.text, first.start, min(first.end, first.start + MAX_DATED_TITLE_CHARS))
        if found is None:
            return None
        title = self.text[first.start:found.start()].strip(SPACES)
        return None if len(title) < MIN_NAME_CHARS or any(ch in "：:" for ch in title) else found

    def split_title_before_transition(self, line: Line) -> bool:
        """……工作會議主持詞對貫徹落實今天的會議精神,我再強調三點: a text run together
        from its title straight into a transition (corpus 108 joined). The title is cut
        where TITLE_HEAD ends, if what follows it is still a transition. Only at the
        very start of the text."""
        first = line.sentences[0]
        if self.started:
            return False
        title = terminal_pattern("TITLE_HEAD").match(self.text, first.start, first.end)
        if title is None or title.end() >= first.end:
            return False
        return self._cut_before(line, title.end(), "TRANSITION")

    def _cut_before(self, line: Line, at: int, cue: str) -> bool:
        """Cut the line's first sentence at ``at`` if what follows opens with ``cue``."""
        rest = rescanned(self.text, line.sentences[0], at)
        if not rest or rest[0].cue != cue:
            return False
        cut_sentence(line, 0, at, rest)
        return True


def _end_of_suffix(suffix: re.Pattern[str], text: str, at: int) -> int:
    """Where the site's words after a title's genre end (讲话稿范例), or ``at``."""
    found = suffix.match(text, at)
    return found.end() if found else at
