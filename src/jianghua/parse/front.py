"""Front matter glued to the speech on one line: a title, a page marker, a date, a
speaker before the salutation (corpora 034, 044, 064, 128, 208). Part of the block
stage (blocks.py); the patterns are the grammar's (TITLE_HEAD, PAGE_MARKER,
SUBTITLE_DASH, DATE_LINE, ADDRESS_PREFIX, VOCATIVE)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from jianghua.parse.front_titles import (
    MAX_DATED_TITLE_CHARS,
    MAX_NAME_CHARS,
    MIN_NAME_CHARS,
    MIN_TITLE_CHARS,
    FrontTitles,
    cut_sentence,
)
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.names import is_placeholder, is_signer, office_before_name
from jianghua.parse.pieces import SENTENCE_END, SPACES, Split
from jianghua.parse.scan import rescanned, sentence_ending

if TYPE_CHECKING:
    from jianghua.parse.edges import SpeechFacts

# A label glued before a title (文章标题:) is this short.
_MAX_LABEL_CHARS = 8
# A speaker's line (title and name) glued before a salutation is this short.
_MAX_SPEAKER_CHARS = 24
# Page chrome before a title glued to its address: this many short pieces at most.
_CHROME_SENTENCES, _CHROME_CHARS = 8, 40


class FrontMatter(FrontTitles):
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
        words after it are read again, the first of them a title."""
        first = line.sentences[0]
        if not self.facts.labelled_title(line):
            return
        rest = rescanned(self.text, first, first.cue_end)
        if rest and rest[0].cue == "TITLE_HEAD":
            line.sentences[:1] = [Sentence(first.start, rest[0].end, "TITLE_HEAD",
                                           rest[0].cue_end, rest[0].stop), *rest[1:]]

    def peel_front_matter(self, line: Line, splits: list[Split]) -> int:
        """Split a title, date and label glued before the salutation (corpora 034,
        044, 064); returns the index of the first sentence of the speech proper."""
        if line.sentences and line.sentences[0].cue == "PART_MARKER" and not self.started:
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
        elif sentences and sentences[0].cue == "TRANSITION" and self.split_title_before_transition(
                line):
            splits.append((sentences[0].start, 0, "title"))
            self.reasons[sentences[0].start] = "TITLE_HEAD glued before the transition"
            index = 1
        elif sentences and sentences[0].cue is None and not self.started and (
                self.split_occasion_title(line)):
            self.title_lines(sentences[0].start, sentences[0].end, 0, splits,
                             "OCCASION_TITLE run into the first paragraph")
            index = 1
        while index < len(sentences):
            s = sentences[index]
            if index and sentences[index - 1].cue == "TITLE_HEAD" and s.cue is None and \
                    self.split_subtitle(line, index):
                splits.append((s.start, index, "title"))
                self.reasons[s.start] = "a subtitle (——……在……上) after the title"
                index += 1
                continue
            glued_label = (s.cue is None and index + 1 < len(sentences)
                           and sentences[index + 1].cue == "TITLE_HEAD"
                           and s.end - s.start <= _MAX_LABEL_CHARS
                           and sentence_ending(self.text[s.start:s.end]) not in SENTENCE_END)
            if s.cue == "TITLE_HEAD" and index and sentences[index - 1].cue == "TITLE_HEAD" \
                    and len(self.text[s.start:s.cue_end].strip(SPACES)) < MIN_TITLE_CHARS:
                index += 1  # ……讲话 + 精神发言稿: the rest of one title (corpus 128), which a
                continue    # repeated page title (……讲话……讲话, 034) is not
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
            elif labelled is not None and s.cue is None and (
                    sentence_ending(self.text[s.start:s.end]) in "：:"):
                index += 1  # a label's value that runs into the next label (……9:30　地点：)
            elif s.cue in (None, "VOCATIVE") and self.split_address_after_a_break(line, index):
                # 县委书记 张XX （2024年8月20日） 同志们： — speaker and date joined with
                # spaces before the address (a web copy whose lines were run together).
                return self.address_after(line, index, splits,
                                          "VOCATIVE after the speaker's line and date, "
                                          "run together")
            elif index == 0 and s.cue in (None, "VOCATIVE") and (
                    end := self._address_from_body_office(line)) is not None:
                # 县人大常委会主任、各位副主任，委员：: a body's name before its office is
                # the address's first words, no title (a report to a standing committee).
                if s.cue is None:
                    s.cue, s.cue_end = "VOCATIVE", end
                break
            elif index == 0 and s.cue in (None, "VOCATIVE") and (
                    address := self.address_after_glued_title(line)) is not None:
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
                    s.cue == "VOCATIVE" or (
                        s.cue is None and self._speaker_line_before_address(s))):
                # The speaker's name glued after the date: 习近平同志们： (corpus 064) —
                # not the 各位 of 各位代表！ (corpus 212) —, or after the title when the
                # name is a placeholder (……的讲话XXX同志们：), which no address begins with
                # (全体同志们：) — or after the speaker's office too (……的讲话……区委常委、副
                # 区长王九鸣同志们:), a speaker's line whatever the name.
                address = terminal_pattern("ADDRESS_WORD").search(self.text, s.start, s.cue_end)
                name = self.text[s.start:address.start()].strip(SPACES) if address else ""
                speaker = self._speaker_line_before_address(s)
                if speaker is not None:
                    address, name = speaker, ""
                    if s.cue is None:  # read as the address it ends in
                        s.cue, s.cue_end = "VOCATIVE", self._colon_end(s)
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

    @staticmethod
    def _chrome_before_titled_address(sentences: list[Sentence], index: int) -> bool:
        """Sentence ``index`` is page chrome before a title glued to the address
        (……素材库：https://……。公众号：……。整理汇总。XX镇政府工作报告各位代表：): a
        title and its address follow within the line's first few sentences, and only
        such short pieces come before them."""
        for later in range(index + 1, min(len(sentences) - 1, _CHROME_SENTENCES)):
            if sentences[later].cue == "TITLE_HEAD":
                return sentences[later + 1].cue == "VOCATIVE" and all(
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

    def address_after_glued_title(self, line: Line) -> int | None:
        """Where the address starts in the text's first sentence when a title is glued
        before it and the sentence ends with the address (its colon, or a greeting after
        it): ``address_start_in``. None if there is none."""
        if self.started or line is not self.facts.first_speech_line:
            return None
        s = line.sentences[0]
        end = s.cue_end if s.cue == "VOCATIVE" else s.end
        if self.text[s.start:end].rstrip(SPACES)[-1:] not in "：:!！" or (
                end - s.start > MAX_DATED_TITLE_CHARS):
            return None
        if terminal_pattern("GREETING_FIRST").match(self.text, s.start, end) or any(
                terminal_pattern(name).match(self.text, s.start)
                for name in ("ADDRESS_PREFIX", "ADDRESS_WORD")):
            return None  # an address from the start (尊敬的……：), or after 大家好，
        at = self.address_start_in(s.start, end)
        if at is None:
            return None
        rest = rescanned(self.text, s, at)
        return at if rest and rest[0].cue == "VOCATIVE" else None

    def _address_from_body_office(self, line: Line) -> int | None:
        """Where the address ends when the text's first sentence is an address that
        opens with a body's name and its office (县人大常委会主任、各位副主任，委员：),
        which ``address_after_glued_title`` would cut into a title and an address."""
        at = self.address_after_glued_title(line)
        if at is None:
            return None
        s = line.sentences[0]
        word = terminal_pattern("ADDRESS_WORD").match(self.text, at)
        body = self.text[s.start:at].strip(SPACES)
        if word is None or terminal_pattern("SPEAKER_OFFICE").search(word.group()) is None or (
                terminal_pattern("GENRE_WORD").search(body) is not None):
            return None
        return self._colon_end(s)

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

    def split_address_before_agenda(self, line: Line, index: int) -> bool:
        """各位户代表，今天……换届选举，会议议程有两项： — the speech opens with its
        address set off by a comma, in the sentence that declares the agenda (which the
        cue scan read it as): split the address off as a sentence of its own, so it is
        the salutation (OUTLINE: a comma vocative at the very start is the salutation)
        and the rest is read again as the agenda. Only before the speech's first
        address."""
        s = line.sentences[index]
        if self.addressed or s.cue != "AGENDA_DECL":
            return False
        address = terminal_pattern("VOCATIVE").match(self.text, s.start, s.end)
        if address is None or self.text[address.end() - 1] not in "，,":
            return False
        rest = rescanned(self.text, s, address.end())
        if not rest or rest[0].cue != "AGENDA_DECL":
            return False
        head = Sentence(start=s.start, end=address.end(), cue="VOCATIVE",
                        cue_end=address.end(), stop="")
        line.sentences[index:index + 1] = [head, *rest]
        return True

    def address_starts_later(self, s: Sentence) -> int | None:
        """Where an address that opens with 尊敬的/各位/诸位 starts inside a vocative
        sentence, when the words before it hold no form of address (a name, a label);
        None if the address starts the sentence. A greeting before it (大家好，亲爱的
        同志们：) is not part of it either."""
        greeting = terminal_pattern("GREETING_FIRST").match(self.text, s.start, s.cue_end)
        if greeting is not None:
            return greeting.end()
        prefix = terminal_pattern("ADDRESS_PREFIX").search(
            self.text, s.start + 1, min(s.cue_end, s.start + _MAX_SPEAKER_CHARS))
        if prefix is None:
            return None
        before = self.text[s.start:prefix.start()].rstrip(SPACES)
        ends_in_address = any(word.end() == len(before) for word in
                              terminal_pattern("ADDRESS_WORD").finditer(before))
        if not before or ends_in_address or any(
                terminal_pattern(name).search(before)
                for name in ("ADDRESS_PREFIX", "ADDRESS_JOIN")):
            # 尊敬的各位……, 领导、各位来宾, 同志们各位……: one address from its start; a
            # speaker's line (国务院总理 李克强) ends in a name, not in a form of address
            return None
        if terminal_pattern("VOCATIVE").match(self.text, prefix.start(), s.end) is None:
            return None
        return prefix.start()

    def _speaker_line_before_address(self, s: Sentence) -> re.Match[str] | None:
        """The address word that ends vocative ``s`` (……副区长王九鸣同志们:), when the
        words before it are a speaker's office and name (names.office_before_name). A
        sentence with no cue (the office's 、 kept the scanner from reading an address)
        must end at the address's colon."""
        end = s.cue_end if s.cue == "VOCATIVE" else self._colon_end(s)
        if s.cue is None and self.text[end - 1] not in "：:":
            return None
        while end > s.start and self.text[end - 1] in SPACES + "：:":
            end -= 1
        last = None
        for word in terminal_pattern("ADDRESS_WORD").finditer(self.text, s.start, end):
            last = word
        if last is None or last.end() != end:
            return None
        before = self.text[s.start:last.start()].strip(SPACES)
        return last if before and office_before_name(before) else None

    def _colon_end(self, s: Sentence) -> int:
        """Where sentence ``s`` ends but for the spaces after its last character."""
        end = s.end
        while end > s.start and self.text[end - 1] in SPACES:
            end -= 1
        return end

    def split_address_after_a_break(self, line: Line, index: int) -> bool:
        """An address that ends at a colon and starts after a space, a closing bracket
        or a date inside its sentence (……张XX （2024年8月20日） 同志们：, 王XX 同志们:,
        张XX2023年1月6日各位代表:): the sentence is split there, so the address is read
        as a vocative."""
        text = self.text
        s = line.sentences[index]
        end = s.cue_end if s.cue == "VOCATIVE" else s.end  # where the address must end
        ending = text[s.start:end].rstrip(SPACES)
        if not ending.endswith(("：", ":")) or end - s.start > MAX_DATED_TITLE_CHARS:
            return False
        if s.cue == "VOCATIVE" and not any(ch in SPACES for ch in ending):
            return False  # one address from its start (尊敬的各位领导，同志们：)
        vocative = terminal_pattern("VOCATIVE")
        # The last break first: the address is what follows the speaker's name and date
        # (国务院总理 朱镕基 各位代表：), not the name with it.
        prefix = terminal_pattern("ADDRESS_PREFIX").match
        for at in range(s.start + len(ending) - 1, s.start, -1):
            # (a page's counter before 尊敬的……: 人气:45尊敬的各位领导……:)
            if (text[at - 1] in SPACES + "）)" or self._date_ends_at(s.start, at) or (
                    text[at - 1].isdigit() and prefix(text, at))) and text[at] not in SPACES:
                found = vocative.match(text, at, end)
                if found is None or text[found.end():end].strip(SPACES):
                    continue
                named = self._name_before_address(s.start, at, found.end())
                if named is not None:
                    at = named  # 市委副书记、市长　××同志们：: the speaker, then the address
                elif s.cue == "VOCATIVE" and terminal_pattern("ADDRESS_WORD").search(
                        text, s.start, at):
                    return False  # 尊敬的各位领导、 同志们： is one address
                address = Sentence(start=at, end=s.end, cue="VOCATIVE", cue_end=found.end(),
                                   stop=s.stop)
                # 刘XX尊敬的各位领导,同志们: — the name glued to the address
                address.start = self.address_starts_later(address) or at
                cut_sentence(line, index, address.start, [address])
                return True
        return False

    def _name_before_address(self, start: int, at: int, end: int) -> int | None:
        """Where the address starts when ``text[at:end]`` opens with the speaker's name
        and ``text[start:at]`` is his office (市委副书记、市长　××同志们：): the speaker's
        line is office, break, name (is_signer), and the address is what follows the
        name. None otherwise."""
        text = self.text
        clean = (terminal_pattern("ADDRESS_PREFIX").match, terminal_pattern("ADDRESS_WORD").match)
        vocative = terminal_pattern("VOCATIVE").match
        for after in range(at + MIN_NAME_CHARS, min(at + MAX_NAME_CHARS, end) + 1):
            if any(match(text, after) for match in clean) and (
                    found := vocative(text, after, end)) and (
                    found.end() == end):
                office = text[start:at].strip(SPACES)
                return after if is_signer(f"{office} {text[at:after]}") else None
        return None

    def _date_ends_at(self, start: int, at: int) -> bool:
        """Whether a date without brackets (2023年1月6日) or a page's date stamp
        (2021-08-23 05:33:22) ends right before ``at``."""
        last = self.text[at - 1]
        if last != "日" and not last.isdigit():
            return False
        date = terminal_pattern("BARE_DATE" if last == "日" else "SITE_STAMP").search(
            self.text, start, at)
        return date is not None and date.end() == at

    def split_speaker_from_salutation(self, line: Line, index: int) -> bool:
        """中华人民共和国主席 习近平尊敬的普京总统，……： after the date: the speaker's line
        glued to a salutation that opens with 尊敬的/各位…… (corpus 208). Splits the
        sentence where the salutation starts, so it is read as a vocative."""
        s = line.sentences[index]
        prefix = terminal_pattern("ADDRESS_PREFIX").search(
            self.text, s.start, min(s.end, s.start + _MAX_SPEAKER_CHARS))
        if prefix is None or prefix.start() == s.start:
            return False
        vocative = terminal_pattern("VOCATIVE").match(self.text, prefix.start(), s.end)
        if vocative is None:
            return False
        cut_sentence(line, index, prefix.start(), [
            Sentence(start=prefix.start(), end=s.end, cue="VOCATIVE", cue_end=vocative.end(),
                     stop=s.stop)])
        return True
