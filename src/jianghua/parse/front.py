"""Front matter glued to the speech on one line: a title, a page marker, a date, a
speaker before the salutation (corpora 034, 044, 064, 128, 208). Part of the block
stage (blocks.py); the patterns are the grammar's (TITLE_HEAD, PAGE_MARKER,
SUBTITLE_DASH, DATE_LINE, ADDRESS_PREFIX, VOCATIVE). Where the address starts in such
a line is front_addresses.py's; what the title lines are, front_titles.py's."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from jianghua.parse.front_addresses import FrontAddresses
from jianghua.parse.front_kinds import MAX_LABEL_CHARS
from jianghua.parse.front_titles import (
    MAX_NAME_CHARS,
    MIN_NAME_CHARS,
    MIN_TITLE_CHARS,
    FrontTitles,
)
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.names import is_placeholder
from jianghua.parse.occasion_titles import OccasionTitles, cut_sentence
from jianghua.parse.pieces import SENTENCE_END, SPACES, Split, has_han, words_end
from jianghua.parse.scan import rescanned, sentence_ending

if TYPE_CHECKING:
    from jianghua.parse.edges import SpeechFacts

# Page chrome before a title glued to its address: this many short pieces at most.
_CHROME_SENTENCES, _CHROME_CHARS = 8, 40
# A title said again after the breadcrumb that ends in it is a title, not a bare genre
# (市长欢迎词, not 致辞): this many characters at least.
_MIN_SAID_AGAIN = 4


class FrontMatter(FrontTitles, OccasionTitles, FrontAddresses):
    """The block builder's reading of front matter glued before the salutation."""

    text: str
    facts: SpeechFacts
    reasons: dict[int, str]
    started: bool
    addressed: bool
    # What follows the address in its sentence: the transition, body or closing
    # (transitions.Transitions, the block builder's other half).
    split_after_vocative: Callable[[Line, Sentence, int, list[Split]], bool]

    def read_label_as_title(self, line: Line) -> None:
        """第一篇:……主持词……同志们:…… run together: a collection's item label glued to
        the title (gold NOTES: the label stays in the [标题]), not a part's marker; the
        words after it are read again, the first of them a title. The page's title may
        come first in the line (……讲话(送审稿) 第一篇:……讲话(送审稿)在……上的讲话 同志们:)."""
        index = next((position for position, s in enumerate(line.sentences)
                      if s.cue != "TITLE_HEAD"), len(line.sentences))
        if index == len(line.sentences) or line.sentences[index].cue != "PART_MARKER":
            return
        first = line.sentences[index]
        if not (self.facts.labelled_title(line) if index == 0
                else "篇" in self.facts.marker(first).raw):
            return
        rest = rescanned(self.text, first, first.cue_end)
        if rest and rest[0].cue == "TITLE_HEAD":
            line.sentences[index:index + 1] = [Sentence(first.start, rest[0].end, "TITLE_HEAD",
                                                        rest[0].cue_end, rest[0].stop), *rest[1:]]

    def peel_front_matter(self, line: Line, splits: list[Split]) -> int:
        """Split a title, date and label glued before the salutation (corpora 034,
        044, 064); returns the index of the first sentence of the speech proper."""
        if not self.started:
            self.read_label_as_title(line)
        sentences = line.sentences
        index = 0
        # A run of labels (时间：……地点：……) before the address: where it started, and how
        # many splits there were then; it is front matter only if the address follows.
        labelled: tuple[int, int] | None = None
        if sentences and sentences[0].cue in (None, "TRANSITION") and \
                self.split_dated_title(line):
            self.title_lines(sentences[0].start, sentences[0].end, 0, splits,
                             "a title glued before its date (……（一九五六年……）)")
            index = 1
        elif sentences and sentences[0].cue is None and self.split_noted_title(line):
            self.title_lines(sentences[0].start, sentences[0].end, 0, splits,
                             "a title glued before its note's mark (……新境界※)")
            index = 1
        elif sentences and sentences[0].cue == "TRANSITION" and self.split_title_before_transition(
                line):
            splits.append((sentences[0].start, 0, "title"))
            self.reasons[sentences[0].start] = "TITLE_HEAD glued before the transition"
            index = 1
        elif sentences and sentences[0].cue in (None, "AGENDA_DECL") and not self.started and (
                titles := self.split_occasion_title(line)):
            # (An agenda's count later in the first sentence reads the title as the
            # clause before it: ……的讲话今天的会议……，有4个议程：)
            for index in range(titles):
                self.title_lines(sentences[index].start, sentences[index].end, index, splits,
                                 "OCCASION_TITLE, or a front title said again, run into "
                                 "the first paragraph")
            index = titles
        while index < len(sentences):
            s = sentences[index]
            if index and sentences[index - 1].cue == "TITLE_HEAD" and s.cue is None and \
                    self.split_subtitle(line, index):
                splits.append((s.start, index, "title"))
                self.reasons[s.start] = "a subtitle (——……在……上) after the title"
                index += 1
                continue
            label = (s.cue is None and index + 1 < len(sentences)
                     and s.end - s.start <= MAX_LABEL_CHARS
                     and sentence_ending(self.text[s.start:s.end]) not in SENTENCE_END)
            if label and sentences[index + 1].cue is None and self.facts.is_flattened(line):
                # 文章标题:县长在……会议上的讲话一、全市……: the labelled title runs on into
                # the speech in a one-line copy; it ends where its occasion's genre does.
                self.cut_occasion_title(line, index + 1)
            glued_label = label and sentences[index + 1].cue == "TITLE_HEAD"
            before = sentences[index - 1] if index else None
            after = sentences[index + 1] if index + 1 < len(sentences) else None
            if s.cue == "TITLE_HEAD" and after is not None and after.cue == "TITLE_HEAD" and (
                    self._crumbs_then_title(s, after)):
                # 首页 > 教育学习 > 好词好句 > 市长欢迎词 then 市长欢迎词: the page's
                # breadcrumb ends in the title the page then gives; the crumbs are chrome.
                splits.append((s.start, index, "paragraph"))
                index += 1
                continue
            if s.cue == "TITLE_HEAD" and before is not None and before.cue == "TITLE_HEAD" \
                    and (len(self.text[s.start:s.cue_end].strip(SPACES)) < MIN_TITLE_CHARS
                         or self.joins_collection(s)
                         or self.text[s.start:s.cue_end].lstrip(SPACES)[:1] in "|｜") and (
                    not self._crumbs_then_title(before, s)) and (
                    self.text[s.start:s.cue_end] != self.text[before.start:before.cue_end]):
                # ……讲话 + 精神发言稿: the rest of one title (corpus 128), which a repeated
                # page title (……讲话……讲话, 034; 会议主持词会议主持词) is not; nor is a
                # collection's title cut at the first title it joins (……讲话 + 与……发言汇编),
                # nor one file's two names a bar joins (教师节大会主持词|年终大会主持词).
                index += 1
                continue
            if s.cue == "TITLE_HEAD" or glued_label:
                page = terminal_pattern("PAGE_MARKER").search(self.text, s.start, s.cue_end)
                title_at = s.start
                if page is not None and not self.text[s.start:page.start()].strip(SPACES):
                    splits.append((s.start, index, "paragraph"))  # a viewer's page marker
                    title_at = page.end()
                self.title_lines(title_at, s.end, index, splits,
                                 "TITLE_HEAD glued before the salutation or date")
                index += 2 if glued_label else 1  # 文章标题: + the title: one [标题]
                if not glued_label and (topic_end := self.topic_after_genre(line, index)):
                    # 党课讲稿:旗帜鲜明讲政治 为什么……: the title goes on after its genre's
                    # colon up to the lost line break (corpus 015 run together) — or up to
                    # the address glued to it (……走在前列乡亲们大家好!), read as one.
                    topic = sentences[index + 1]
                    rest = rescanned(self.text, topic, topic_end)
                    if rest and rest[0].cue == "VOCATIVE":
                        cut_sentence(line, index + 1, topic_end, rest)
                    else:
                        splits.append((topic_end, index + 1, "paragraph"))
                    index += 2
            elif s.cue == "DATE_LINE" or (s.cue is None and not self.started and (
                    self._chrome_before_titled_address(sentences, index))):
                splits.append((s.start, index, "paragraph"))
                index += 1
            elif s.cue in (None, "VOCATIVE") and terminal_pattern("BLURB_LABEL").match(
                    self.text, s.start, s.end):
                # [提要] 尊敬的……：今晚，…… — the page's blurb quotes the speech's first
                # words, its address too: front matter, no [称谓] (the speech's own follows).
                # Run together, the blurb is its own sentence only: the speech follows.
                splits.append((s.start, index, "paragraph"))
                if not self.facts.is_flattened(line):
                    return len(sentences)
                index += 1
            elif index == 0 and s.cue is None and terminal_pattern("HOST_NAMED").match(
                    self.text, s.start, s.end) and self.split_speaker_from_salutation(line, 0):
                # 主持人xxxx医院副院长xxx各位代表 (corpus 132): the host's line, his office
                # and name, run on into the address that opens with 各位/尊敬的.
                return self.address_after(line, index, splits,
                                          "VOCATIVE after the host's office and name")
            elif s.cue is None and terminal_pattern("BYLINE").match(self.text, s.start, s.end) \
                    and self.split_address_after_a_break(line, index):
                # 时间:2021-08-31各位代表: — the page's stamp run on into the address
                return self.address_after(line, index, splits,
                                          "VOCATIVE after the page's date stamp")
            elif s.cue is None and terminal_pattern("BYLINE").match(self.text, s.start, s.end):
                # 时间：2023年9月15日　地点：……尊敬的……： a chair's script's header run
                # together before its address: labels and their values are front matter.
                labelled = labelled or (index, len(splits))
                splits.append((s.start, index, "paragraph"))
                index += 1
            elif s.cue in (None, "VOCATIVE") and index and (
                    labelled is not None or sentences[index - 1].cue == "DATE_LINE") and (
                    self.split_speaker_from_salutation(line, index)):
                return self.address_after(line, index, splits,
                                          "VOCATIVE after the date and the speaker")
            elif s.cue in (None, "VOCATIVE") and self.split_address_after_a_break(line, index):
                # 县委书记 张XX （2024年8月20日） 同志们： — speaker and date joined with
                # spaces before the address (a web copy whose lines were run together).
                # Asked before a label's value is: after a site's address (a BYLINE), the
                # speaker's line and date ending in the address are no label's value.
                return self.address_after(line, index, splits,
                                          "VOCATIVE after the speaker's line and date, "
                                          "run together")
            elif labelled is not None and s.cue is None and (
                    sentence_ending(self.text[s.start:s.end]) in "：:"):
                index += 1  # a label's value that runs into the next label (……9:30　地点：)
            elif index == 0 and s.cue in (None, "VOCATIVE") and (
                    address := self.address_after_glued_title(line)) is not None:
                if self.address_from_its_start(s, address):
                    # 县人大常委会主任、各位副主任，委员：: a body's name before its office
                    # is the address's first words, no title (a report to a committee).
                    if s.cue is None:
                        s.cue, s.cue_end = "VOCATIVE", words_end(self.text, s.start, s.end)
                    break
                # ……获奖感言尊敬的各位评委，各位来宾： / ……专题党课同志们：: a title that
                # names no genre the grammar knows, glued to the address (OUTLINE: a title
                # glued before the salutation is split off the same way).
                self.title_lines(s.start, address, index, splits,
                                 "a title run together with the address after it")
                cut_sentence(line, index, address, rescanned(self.text, s, address))
                vocative = line.sentences[index + 1]
                splits.append((vocative.start, index + 1, "salutation"))
                self.reasons[vocative.start] = "VOCATIVE after the title glued before it"
                self.split_after_vocative(line, vocative, index + 1, splits)
                self.started = True
                return index + 2
            elif s.cue == "VOCATIVE" and (prefix := self.address_starts_later(s)) is not None:
                # What precedes the address in its sentence is a speaker's line or page
                # chrome: 国务院总理 李克强各位代表：, 1.1W尊敬的……：(corpora 217, 126).
                splits.append((s.start, index, "paragraph"))
                splits.append((prefix, index, "salutation"))
                self.reasons[prefix] = "VOCATIVE after a speaker's line or page chrome"
                self.split_after_vocative(line, s, index, splits)
                self.started = True
                return index + 1
            elif index and sentences[index - 1].cue in ("DATE_LINE", "TITLE_HEAD") and (
                    s.cue in (None, "VOCATIVE")) and (
                    (speaker := self._speaker_line_before_address(s)) is not None
                    or s.cue == "VOCATIVE"):
                # The speaker's name glued after the date: 习近平同志们： (corpus 064) —
                # not the 各位 of 各位代表！ (corpus 212) —, or after the title when the
                # name is a placeholder (……的讲话XXX同志们：), which no address begins with
                # (全体同志们：) — or after the speaker's office too (……的讲话……区委常委、副
                # 区长王九鸣同志们:), a speaker's line whatever the name.
                address = terminal_pattern("ADDRESS_WORD").search(self.text, s.start, s.cue_end)
                name = self.text[s.start:address.start()].strip(SPACES) if address else ""
                if speaker is not None:
                    address, name = speaker, ""
                    if s.cue is None:  # read as the address it ends in
                        s.cue, s.cue_end = "VOCATIVE", words_end(self.text, s.start, s.end)
                elif address is None or not MIN_NAME_CHARS <= len(name) <= MAX_NAME_CHARS \
                        or terminal_pattern("ADDRESS_PREFIX").match(self.text, s.start) or (
                        sentences[index - 1].cue == "TITLE_HEAD" and not is_placeholder(name)):
                    break
                splits.append((s.start, index, "paragraph"))
                splits.append((address.start(), index, "salutation"))
                self.reasons[address.start()] = "VOCATIVE after the date and the speaker's name"
                self.split_after_vocative(line, s, index, splits)
                self.started = True
                return index + 1
            else:
                break
        if labelled is not None:
            # No address after the labels (导读：本文……): the line is read as it stands.
            index, kept = labelled
            del splits[kept:]
        return index

    def _crumbs_then_title(self, crumbs: Sentence, title: Sentence) -> bool:
        """Whether ``crumbs`` is the page's words (a breadcrumb) before the very title
        that ``title`` then says again (……好词好句 > 市长欢迎词 + 市长欢迎词)."""
        words = self.text[crumbs.start:crumbs.cue_end].rstrip(SPACES)
        said = self.text[title.start:title.cue_end].strip(SPACES)
        if not len(words) > len(said) >= _MIN_SAID_AGAIN or not words.endswith(said) or (
                not has_han(said, 0, 1)):
            return False  # (not ……办公 > 致辞 + > 致辞: a crumb, a bare genre)
        at = crumbs.start + len(words) - len(said)  # where the title starts in the crumbs
        return any(terminal_pattern(chrome).fullmatch(self.text, crumbs.start, at) is not None
                   for chrome in ("CHROME_BEFORE_TITLE", "CRUMBS"))

    @staticmethod
    def _chrome_before_titled_address(sentences: list[Sentence], index: int) -> bool:
        """Sentence ``index`` is page chrome before a title glued to the address
        (……素材库：https://……。公众号：……。整理汇总。XX镇政府工作报告各位代表：): a
        title and its address follow within the line's first few sentences, and only
        such short pieces come before them."""
        for later in range(index + 1, min(len(sentences) - 1, _CHROME_SENTENCES)):
            if sentences[later].cue == "TITLE_HEAD":
                # The page's title may be said again before the address (……讲话 ……讲话同志们：)
                after = next((position for position in range(later, len(sentences))
                              if sentences[position].cue != "TITLE_HEAD"), len(sentences))
                return after < len(sentences) and sentences[after].cue == "VOCATIVE" and all(
                    t.cue is None and t.end - t.start <= _CHROME_CHARS
                    for t in sentences[index:later])
        return False

    def address_after(self, line: Line, index: int, splits: list[Split], reason: str) -> int:
        """Sentence ``index`` is front matter and the one after it the address just split
        off from it: the front matter is a paragraph — or, at the text's start and naming
        a genre, title lines (……工作报告（完整版）-工作报告-范文库某某镇人民政府工作报告——……
        上镇长 赵XX各位代表：) —, the address a salutation, what follows it in its sentence
        body text. Returns the index of the first sentence of the speech proper."""
        s, vocative = line.sentences[index], line.sentences[index + 1]
        # ……工作报告长征镇……会议人大主席团工作报告(草案)各位代表：: after a title split
        # off before it, a piece naming a document is the next title line.
        after_title = index > 0 and any(kind == "title" and at == index - 1
                                        for _, at, kind in splits)
        if (index == 0 or after_title) and terminal_pattern("GENRE_WORD").search(
                self.text, s.start, vocative.start):
            self.title_lines(s.start, vocative.start, index, splits,
                             "title lines run together before the address")
        else:
            splits.append((s.start, index, "paragraph"))
        splits.append((vocative.start, index + 1, "salutation"))
        self.reasons[vocative.start] = reason
        self.split_after_vocative(line, vocative, index + 1, splits)
        self.started = True
        return index + 2

    def titles_the_address(self, line: Line, index: int) -> bool:
        """……以方便大家借鉴学习。校长述职报告1尊敬的领导：: a page run together, where a
        collection item's title stands right before the speech's first address, which
        ends in its colon (OUTLINE: a title glued before the salutation is split off)."""
        if self.addressed or index + 1 >= len(line.sentences):
            return False
        address = line.sentences[index + 1]
        return address.cue == "VOCATIVE" and self.text[address.cue_end - 1] in "：:"

    def numbers_the_speech(self, line: Line, s: Sentence) -> bool:
        """A bare number on its own line (一) right before the speech's first address: a
        collection's item label, as 篇一 is (OUTLINE: a label on its own line is no
        title), not a heading with no title — no heading comes before the address."""
        if self.addressed or self.text[s.cue_end:line.end].strip(SPACES + "\r\n"):
            return False
        following = self.facts.next_content_line(line)
        return following is not None and following.sentences[0].cue == "VOCATIVE"
