"""What a vocative sentence is where it stands: the speech's or a part's salutation
(``同志们：``), a re-address that is a sentence of its own (``同志们！``), the first
address after the front matter run together, or none — the start of a sentence
(``同志们，让我们……``, body text), a guest on a chair's list (上饶市人民政府副市长).
OUTLINE: salutations; CONVENTIONS: 称谓. Part of the block stage (blocks.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.pieces import EXCLAIM_OR_COLON, SPACES, stop_mark
from jianghua.parse.speakers import next_hosts_address

if TYPE_CHECKING:
    from jianghua.parse.edges import SpeechFacts

# A re-address in the middle of a paragraph is short (同志们！ / 各位同事：).
_MAX_INLINE_VOCATIVE_CHARS = 16


class Salutations:
    """The block builder's reading of vocatives (``s.cue == "VOCATIVE"``)."""

    text: str
    facts: SpeechFacts
    started: bool
    addressed: bool
    in_opening: bool
    agenda_seen: bool
    agenda_declared: bool
    handed_over: bool
    because: Callable[[str, str], str]

    def salutation_kind(self, line: Line, index: int, s: Sentence, *,
                        first: bool) -> str | None:
        """"salutation" where vocative ``s`` is one, else None (read on as text)."""
        facts = self.facts
        because = self.because
        ending = self.text[s.cue_end - 1]
        if facts.in_guest_list(line, s) and (ending not in EXCLAIM_OR_COLON or (
                ending in "：:" and terminal_pattern("ADDRESS_PREFIX").match(
                    self.text, s.start) is None)):
            # An office on a chair's guest list addresses no one, nor does one before its
            # guest's name and colon (教育局副局长：张某。, the name maybe left out).
            return None
        if ending not in EXCLAIM_OR_COLON and self.addressed and s is line.sentences[-1] and (
                not self.text[s.cue_end:s.end].strip(SPACES)) and facts.copy_stops_after(line):
            # ……候选人： / 村民委员 and the copy stops: the first words of a line it cut
            # off, after the speech had its address; a salutation opens what follows it.
            return None
        if ending in "：:" and self.text.startswith("在", s.cue_end) and terminal_pattern(
                "OCCASION_TITLE").match(self.text, s.cue_end, s.end) is not None:
            return None  # 甘肃省省长：在……会议上的讲话: the speaker labels the title
        if first and (ending in EXCLAIM_OR_COLON or not self.started):
            # 同志们： opens the speech or a part; 同志们！ in the body re-addresses
            # the audience and opens nothing (OUTLINE: it does not close the heading
            # it stands in), so a lead-in after it is no second transition.
            if ending not in "！!":
                self.in_opening = True
                # 各位代表： after the steps opens the chair's own remarks: its lead-in
                # to 一是…… hands over to them (is_lead_in_to_first_heading).
                self.agenda_seen = self.agenda_declared = False
                self.handed_over = False
            self.addressed = True
            return because("salutation", "VOCATIVE, opens the speech or a part")
        if first and line.tagged and not self.addressed and ending in "，," and (
                self.text[line.start:line.content_start].rstrip(" \u3000：:").endswith(
                    ("]", "］")) or terminal_pattern("SPEAKER_LABEL").fullmatch(
                    self.text, line.start, line.content_start)):
            # [吴邦国]各位代表，…… / 全国政协主席 俞正声:各位委员，…… after a page's lead:
            # the speaker's first words, named by the transcript (in brackets, or by office
            # and name: SPEAKER_LABEL), open his speech with its address (OUTLINE: a comma
            # vocative at the very start of the speech is its salutation).
            self.in_opening = True
            self.addressed = True
            return because("salutation", "VOCATIVE after the speaker the transcript names, "
                                         "his first address")
        if first and not self.addressed and ending in "，," and s.end == s.cue_end:
            # 各位户代表，（今天……，会议议程有两项：）: split off the agenda it opens
            return because("salutation", "VOCATIVE set off by a comma before the "
                                         "agenda, the speech's first address")
        if not self.addressed and not self.started and facts.address_ends(s.cue_end):
            # Run together, the first address may follow front matter in its line
            # (……致辞（附图片１张）……全文如下：主席先生，女士们，先生们，朋友们：,
            # corpus 222 joined; 主持人:尊敬的……同学们,大家好!); an opening address
            # is as long as it needs to be.
            self.in_opening = True
            self.addressed = True
            return because("salutation", "VOCATIVE ending in a colon, the speech's "
                                         "first address after its front matter")
        if facts.is_own_vocative(s) and s.cue_end - s.start <= _MAX_INLINE_VOCATIVE_CHARS and (
                not self._labels_value(line, index)):
            return because("salutation", "VOCATIVE, a sentence of its own: a re-address")
        rest = self.text[s.cue_end:s.end]
        if first and line.tagged and (
                (len(line.sentences) == 1 and not rest.strip(SPACES))
                or terminal_pattern("SPEAKER_TAG").fullmatch(rest) is not None) and (
                terminal_pattern("ADDRESS_PREFIX").match(self.text, s.start, s.end)):
            # a：尊敬的各位领导，老师们，同学们……. after the script's preface: a host's
            # address that fills its line from 尊敬的/亲爱的/各位, however long and however
            # it ends (OUTLINE: a line that is only a form of address is a 称谓), or that
            # runs up to the next host's tag (女：尊敬的各位领导，……各位护理同仁 合：大家
            # 下午好！): each host's address is the script's, as on a line of its own.
            return because("salutation", "VOCATIVE filling a host's line: an address")
        if not self.handed_over and next_hosts_address(self.text, line, index):
            return because("salutation", "VOCATIVE alone after a host's tag, run together")
        return None

    def _labels_value(self, line: Line, index: int) -> bool:
        """Whether the vocative at sentence ``index`` is the value of a label that ends
        a longer sentence before it in its line (（二）儿童舞蹈《泼水歌》，表演者：XX幼儿园
        小朋友): with no stop of its own it names who performs, it addresses no one. A
        speaker's tag alone before it (主持人女一号：尊敬的……代表们) is no such label."""
        if not index:
            return False
        s, before = line.sentences[index], line.sentences[index - 1]
        words = self.text[before.start:before.end]
        return self.text[s.cue_end - 1] not in EXCLAIM_OR_COLON and (
            stop_mark(before) in ("：", ":")) and (
            before.cue is not None or "，" in words or "," in words)
