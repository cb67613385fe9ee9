"""Where the speech's first address starts in a front line run together: after a
title glued before it (……获奖感言尊敬的……：), a speaker's line or page chrome (国务院总理
李克强各位代表：), a space, bracket or date (……张XX （2024年8月20日） 同志们：), the
speaker's office and name (……副区长王某同志们:), or from the line's start when a body's
office opens it (县人大常委会主任、……：); and the address that opens an agenda's sentence
(各位户代表，……会议议程有两项：). The address-finding half of the front matter reading
(front.py; OUTLINE: salutations and titles in messy text; grammar VOCATIVE,
ADDRESS_PREFIX, ADDRESS_WORD)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from jianghua.parse.front_titles import (
    MAX_DATED_TITLE_CHARS,
    MAX_NAME_CHARS,
    MIN_NAME_CHARS,
)
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.names import is_signer, office_before_name
from jianghua.parse.occasion_titles import cut_sentence
from jianghua.parse.pieces import SPACES, words_end
from jianghua.parse.scan import rescanned

if TYPE_CHECKING:
    from jianghua.parse.edges import SpeechFacts

# A speaker's line (title and name) glued before a salutation is this short.
MAX_SPEAKER_CHARS = 24


class FrontAddresses:
    """Where front matter run together ends and the address begins (``FrontMatter``)."""

    text: str
    facts: SpeechFacts
    started: bool
    addressed: bool
    address_start_in: Callable[[int, int], int | None]  # FrontTitles'

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

    def address_from_its_start(self, s: Sentence, at: int) -> bool:
        """Whether sentence ``s``, which ``address_after_glued_title`` would cut at ``at``
        into a title and an address, is an address from its start: one that opens with
        a body's name and its office (县人大常委会主任、各位副主任，委员：), or is the
        body (全国人民代表大会常务委员会：), or whose words before the cut end in 的 or
        、, which no title ends in (……的教授、……的同学们：, a reworded 尊敬的), or in the
        audience they qualify (2024届毕业生同学们：)."""
        word = terminal_pattern("ADDRESS_WORD").match(self.text, at)
        before = self.text[s.start:at].strip(SPACES)
        office = word is not None and (
            terminal_pattern("SPEAKER_OFFICE").search(word.group()) is not None
            or word.group().endswith(("委员会", "常委会"))) and terminal_pattern(
            "GENRE_WORD").search(before) is None
        # 2024届毕业生同学们：: the words before name who is addressed (AUDIENCE's last
        # word), as no title ends (……专题党课同志们：).
        audience = bool(before) and terminal_pattern("AUDIENCE").fullmatch(
            before, len(before) - 1) is not None and terminal_pattern(
            "GENRE_WORD").search(before) is None
        return office or audience or before.endswith(("的", "、"))

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
            self.text, s.start + 1, min(s.cue_end, s.start + MAX_SPEAKER_CHARS))
        if prefix is None:
            return None
        before = self.text[s.start:prefix.start()].rstrip(SPACES)
        ends_in_address = any(word.end() == len(before) for word in
                              terminal_pattern("ADDRESS_WORD").finditer(before))
        if not before or ends_in_address or any(
                terminal_pattern(name).search(before)
                for name in ("ADDRESS_PREFIX", "ADDRESS_JOIN")) or (
                terminal_pattern("ADDRESS_BODY").fullmatch(before)):
            # 尊敬的各位……, 领导、各位来宾, 同志们各位……, 市委巡察组各位领导: one address
            # from its start; a speaker's line (国务院总理 李克强) ends in a name, not in a
            # form of address or a body
            return None
        if terminal_pattern("VOCATIVE").match(self.text, prefix.start(), s.end) is None:
            return None
        return prefix.start()

    def _speaker_line_before_address(self, s: Sentence) -> re.Match[str] | None:
        """The address word that ends vocative ``s`` (……副区长王九鸣同志们:), when the
        words before it are a speaker's office and name (names.office_before_name). A
        sentence with no cue (the office's 、 kept the scanner from reading an address)
        must end at the address's colon."""
        end = s.cue_end if s.cue == "VOCATIVE" else words_end(self.text, s.start, s.end)
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
        if terminal_pattern("ADDRESS_PREFIX").match(self.text, s.start) is not None:
            return None  # 各位校长、书记，同志们： addresses them all, no speaker's line
        return last if before and office_before_name(before) else None

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
            self.text, s.start, min(s.end, s.start + MAX_SPEAKER_CHARS))
        if prefix is None or prefix.start() == s.start:
            return False
        vocative = terminal_pattern("VOCATIVE").match(self.text, prefix.start(), s.end)
        if vocative is None:
            return False
        cut_sentence(line, index, prefix.start(), [
            Sentence(start=prefix.start(), end=s.end, cue="VOCATIVE", cue_end=vocative.end(),
                     stop=s.stop)])
        return True
