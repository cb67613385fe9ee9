"""Where a speech closes: the run of closing paragraphs after its last heading and step.

Part of the look-ahead facts (edges.py's ``SpeechFacts`` mixes it in): a formula, a
call, a 最后，wish, slogans and thanks at the end of the speech, found from the end
(OUTLINE: "the 结束语 is the first of them"). The patterns are the grammar's CLOSING,
CALL, THANKS, RECAP and HANDOVER terminals; where the speaker's words end (a sign-off,
a page's back matter) is speech_tail.py's.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable

from jianghua.parse.closing_paragraphs import ClosingParagraphs
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import STYLE_OF_TERMINAL, MarkerInfo
from jianghua.parse.pieces import EXCLAIM_OR_COLON, SENTENCE_END, SPACES
from jianghua.parse.scan import sentence_ending
from jianghua.parse.speech_tail import SpeechTail

# A re-address that opens the closing part is looked for among this many last lines.
_CLOSING_WINDOW = 4
# The closing part is at most this many paragraphs (a call, wishes, slogans, thanks).
_CLOSING_PARAGRAPHS = 10
# Why the closing starts where it does, by the first paragraph of the closing run.
CLOSING_REASONS = {
    "formula": "CLOSING formula, the last part",
    "call": "CALL 让我们……, the last part",
    "wish": "最后，with no points under it, at the end",
    "slogan": "slogans and wishes end the speech",
    "thanks": "the last paragraph before the closing thanks (THANKS)",
    "thanked": "the paragraph the closing thanks (THANKS) end",
    "thanks_alone": "THANKS right after the last point: all the closing there is",
    "recap": "RECAP: the last paragraph sums the speech up",
    "programme": "CLOSING: the programme's last numbered line says it is over",
    "agenda_done": "CLOSING formula: the agenda is done, the chair sums up after it",
}


class Closings(ClosingParagraphs, SpeechTail):
    """The closing decisions of ``SpeechFacts`` (which provides what is declared here)."""

    text: str
    lines: list[Line]
    content_lines: list[Line]
    last_marker_line: int
    front_end: int
    last_step_line: int
    handover_starts: set[int]
    step_heading_starts: dict[int, int]
    part_lines: set[int]
    closing_reason: str
    _marker_lines: list[Line]

    marker: Callable[[Sentence], MarkerInfo]
    is_flattened: Callable[[Line], bool]
    is_own_vocative: Callable[[Sentence], bool]
    _chair_sums_up: Callable[[list[tuple[Line, list[Sentence]]]], int | None]
    agenda_done_at: Callable[[list[tuple[Line, list[Sentence]]]], int | None]
    chair_recaps: Callable[[list[Sentence]], bool]
    next_content_line: Callable[[Line], Line | None]
    _first_address_line: Callable[[], int]

    def _closing_start(self) -> int | None:
        """Offset where the closing starts, or None (fragments often have none).

        The closing is the end of the speech, after its last heading and its last
        agenda step (a call between two steps of a ceremony closes nothing). A final
        re-address (同志们！) starts the closing part right after it (corpora 041, 049,
        064). Otherwise the closing part is the run of final paragraphs that close: a
        formula, a call (让我们……), a 最后，wish, short slogans and wishes
        (……万岁！ 预祝大会圆满成功！), thanks — and it starts at the first of them (OUTLINE:
        "the 结束语 is the first of them"). A run that only thanks (谢谢大家。) closes the
        paragraph before it (corpora 219, 223). Back matter (news tails, photo captions,
        stage directions in brackets) is passed over.
        """
        # Only what follows the last heading or step (-1: there is none).
        after = max(self._last_heading_start(), self._last_step_start())
        if after == 0 and not (self.last_marker_line or self.last_step_line):
            after = -1
        return self.closing_after(after)

    def closing_after(self, after: int, until: int | None = None) -> int | None:
        """Where the closing starts among the paragraphs after offset ``after`` (and
        before ``until``: a collection's next speech), as ``_closing_start`` says; the
        reason in ``closing_reason``."""
        paragraphs = self._tail_paragraphs(after, until)
        labelled = self._after_closing_label(paragraphs)
        if labelled is not None:
            self.closing_reason = "CLOSING_LABEL: the script labels its closing (结束语：)"
            return labelled
        readdress = self._final_readdress(paragraphs)
        found = self._closing_run_start(paragraphs)
        if found is not None and after < 0 and self._opens_the_speech(found[0]):
            found = None  # 大会……圆满完成各项议程，即将胜利闭幕。 opens a 闭幕词
        if found is None and readdress is None:
            return self._chair_sums_up(paragraphs)
        if found is not None and found[1] == "programme":
            self.closing_reason = CLOSING_REASONS["programme"]
            return found[0]
        # 今天的会议议程进行完毕。…… then 最后，祝……: the closing part starts at the first.
        done = self.agenda_done_at(paragraphs)
        if done is not None and all(done < at for at in (found[0] if found else None, readdress)
                                    if at is not None):
            self.closing_reason = CLOSING_REASONS["agenda_done"]
            return done
        if found is not None:
            closing, kind = found
            # A call or wish in a later paragraph than the re-address starts the closing
            # there: 女士们、先生们、朋友们！ then a body paragraph, then 最后，我衷心祝愿……
            # (corpora 049, 206); otherwise the closing starts right after the re-address.
            if readdress is None or (kind in ("call", "wish") and (
                    self._line_of(closing) > self._line_of(readdress)
                    or (kind == "wish" and self._wish_after_passage(readdress, closing)))):
                self.closing_reason = CLOSING_REASONS[kind]
                return closing
        if found is None and self._cut_in_its_passage(paragraphs, readdress):
            return None  # 同志们！ then ……为实现“ where the copy stops: no closing seen
        self.closing_reason = "after the final re-address (VOCATIVE ！), the last part"
        return readdress

    def _cut_in_its_passage(self, paragraphs: list[tuple[Line, list[Sentence]]],
                            readdress: int) -> bool:
        """Whether the copy stops mid-sentence in a paragraph of its own after the final
        re-address: the speaker's last part was cut, and where it closed is not there to
        see (gold NOTES: a text that stops on a body paragraph has no closing)."""
        line, sentences = paragraphs[-1]
        return not self.is_flattened(line) and readdress <= line.content_start and (
            self.unfinished(sentences[-1]))

    def _after_closing_label(self, paragraphs: list[tuple[Line, list[Sentence]]]
                             ) -> int | None:
        """Where the words after a script's 结束语： label start, if one stands among
        the last paragraphs (its closing, as the script says: OUTLINE's [结束语])."""
        label = terminal_pattern("CLOSING_LABEL")
        sentences = [s for _, kept in paragraphs for s in kept]
        for at, (s, after) in enumerate(itertools.pairwise(sentences)):
            if label.fullmatch(self.text, s.start, s.end):
                # 结 束 语 同志们: 我市……: an address that is a sentence of its own is a
                # [称谓]; the closing starts with the sentence after it (OUTLINE).
                if after.cue == "VOCATIVE" and self.text[after.cue_end - 1] in EXCLAIM_OR_COLON:
                    words = after.cue_end
                    while words < after.end and self.text[words] in SPACES:
                        words += 1
                    if words < after.end:
                        return words  # 同志们: 我市…… in one sentence, run together
                    if at + 2 < len(sentences):
                        return sentences[at + 2].start
                return after.start
        return None

    def _opens_the_speech(self, offset: int) -> bool:
        """Whether ``offset`` lies in the paragraph right after the speech's address:
        its opening, which a closing speech begins by saying the meeting is closing
        (……圆满完成各项议程，即将胜利闭幕。会议期间，……), never its closing part. In a
        speech run together into that one line, its first sentence only."""
        address = self._first_address_line()
        if not address:
            return False
        line = self.lines[address - 1]
        # The opening may follow the address in its own line (同志们：大会……即将闭幕。).
        first = 1 if len(line.sentences) > 1 else 0
        opening = line if first else self.next_content_line(line)
        if opening is None or not opening.start <= offset <= opening.end:
            return False
        return not (first or self.is_flattened(opening)) or offset < opening.sentences[first].end

    def _wish_after_passage(self, readdress: int, closing: int) -> bool:
        """Run together, the same: the 最后，wish at ``closing`` some sentences after the
        re-address. The paragraphs are lost, and 最后 is where the speaker began the last
        one (OUTLINE: "as the speaker would have paragraphed it"); a call (让我们……) after
        the re-address is still the re-address's passage (corpus 202)."""
        line = self.lines[self._line_of(closing) - 1]
        if not self.is_flattened(line):
            return False
        return any(readdress <= s.start < closing and s.end <= closing
                   for s in line.sentences)

    def _closing_run_start(self, paragraphs: list[tuple[Line, list[Sentence]]], *,
                           keep_cut_wish: bool = False) -> tuple[int, str] | None:
        """Start of the final run of closing paragraphs (see ``_closing_start``), and the
        kind of closing it starts with (a key of ``CLOSING_REASONS``)."""
        run: list[tuple[str, Sentence]] = []  # (kind, where it starts), last first
        window = paragraphs[-_CLOSING_PARAGRAPHS:]
        tail = window if keep_cut_wish else self._without_cut_off_wish(window)
        send_off = terminal_pattern("SEND_OFF")
        for line, sentences in reversed(tail):
            said = sentences
            while len(said) > 1 and send_off.match(self.text, said[-1].start, said[-1].end):
                said = said[:-1]  # 最后祝大会圆满成功！ 运动员、裁判员退场。
            sends_off = not any(k != "send_off" for k, _ in run) and all(
                send_off.match(self.text, s.start, s.end) for s in sentences)
            kind = self._closing_paragraph(line, said, last=line is tail[-1][0])
            if sends_off and (kind is None or kind[0] == "slogan"):
                # 最后祝大会圆满成功！ then 请各班……有序退场……，竞赛开始！: the chair sends
                # the audience off after the closing words, which start before it; or
                # declares begun what his words led up to (……现在，我宣布，……正式开始！,
                # no slogan). A formula in it (……到此结束，请……退场。) is the closing.
                kind = ("send_off", sentences[0])
            if kind is None and all(k in ("formula", "thanks", "call") for k, _ in run):
                # 总之，……。 then 就讲这些。: the recap starts the closing part — run
                # together, at the sentence that sums up among the line's last two; so
                # does 以上是我提的三点建议。 before a call (让我们……).
                summing = self._recap_start(line, sentences, sentences[-2:])
                if summing is not None:
                    kind = ("recap", summing)
            if kind is None and run and self.chair_recaps(sentences):
                # 在这次座谈会上，……畅所欲言…… then 最后祝愿…… 散会！: the chair's summary
                # of the meeting opens the closing part (CHAIR_RECAP).
                kind = ("recap", sentences[0])
            if kind is None and run and run[-1][0] in ("call", "formula") and (
                    self.is_comma_vocative(sentences[0])):
                # 同志们，…… then 让我们…… or 我就讲到这里: the closing words start with the
                # address (corpus 221, samples/04; CONVENTIONS: closing 同志们，让我们……).
                # Not before a 最后，: that word itself starts the closing (corpus 100).
                kind = ("formula", sentences[0])
            if kind is None:
                break
            if self.closes_the_programme(line, sentences[0]):
                # the paragraphs before it are its last step's, numbered like it
                run.append(("programme", sentences[0]))
                break
            run.append(kind)
        sent_off = len(run)
        run = [(kind, s) for kind, s in run if kind != "send_off"]
        if not run:
            if not keep_cut_wish and tail != window:
                # 再次祝贺全体毕业生， where the copy stops: a wish cut short with no
                # closing before it is where the closing starts all the same.
                return self._closing_run_start(paragraphs, keep_cut_wish=True)
            return None
        if all(kind == "thanks" for kind, _ in run):
            # Thanks alone: the closing is the last paragraph before them (corpus 219) —
            # unless that is the last point's own (3．……。要……。 谢谢大家！): then the
            # thanks are all the closing there is, after the last heading.
            before = len(paragraphs) - sent_off - 1
            line, kept = paragraphs[before] if before >= 0 else (None, [])
            if line is None or (kept[0] is not line.sentences[0] and not self.is_flattened(line)):
                return run[-1][1].start, "thanks_alone"
            return kept[0].start, "thanks"
        # The first closing paragraph of the run that is not only thanks.
        kind, first = next((kind, s) for kind, s in reversed(run) if kind != "thanks")
        return first.start, kind

    def is_comma_vocative(self, s: Sentence) -> bool:
        """A vocative that starts its sentence (同志们，让我们……), not one of its own
        (a line that is only the address, 尊敬的领导，尊贵的来宾，)."""
        return s.cue == "VOCATIVE" and self.text[s.cue_end - 1] in "，," and (
            not self.is_own_vocative(s))

    def _final_readdress(self, paragraphs: list[tuple[Line, list[Sentence]]]) -> int | None:
        """Where the closing starts after a final re-address (同志们！) among the last
        paragraphs, if there is one.

        One that ends in a colon (各位领导、各位来宾：) re-addresses only when it starts
        its own paragraph after the speech's first address, right after a paragraph
        the speaker finished since the last heading or step. Otherwise it is the
        salutation of a copy cut short, of a 串词 inside one line, of the guest a step
        hands the floor to (（第七项）有请县领导讲话。 各位领导，各位来宾：……), or of the
        next speech or meeting in the file (its title, date or 主持人说： before it)."""
        found: int | None = None
        first_address = self._first_address_line()
        window = max(len(paragraphs) - _CLOSING_WINDOW, 0)
        for index, (line, sentences) in enumerate(paragraphs[window:], window):
            for s in sentences:
                if self.is_own_vocative(s) and s.start > self._first_words and (
                        self.text[s.cue_end - 1] in "！!" or (
                        self.text[s.cue_end - 1] in "：:" and s is line.sentences[0]
                        and first_address and line.number > first_address
                        and ((index and self._said(paragraphs[index - 1]))
                             or self._ends_the_meeting(sentences)))):
                    found = s.cue_end
        if found is None:
            return None
        rest = self.text[found:]
        skipped = len(rest) - len(rest.lstrip(SPACES + "\r\n"))
        return found + skipped if found + skipped < len(self.text) else None

    @functools.cached_property
    def _first_words(self) -> int:
        """Where the speaker's first sentence that is no address starts: a vocative
        before it (朋友们！亲友们！ opening the speech) re-addresses no one — nor one
        after the title glued before it (……动员会上的讲话同志们！阳春三月……)."""
        return next((s.start for line in self.content_lines if line.number > self.front_end
                     for s in line.sentences if s.cue not in ("VOCATIVE", "TITLE_HEAD")),
                    len(self.text))

    @staticmethod
    def _ends_the_meeting(sentences: list[Sentence]) -> bool:
        """Whether a paragraph that opens with an address ends the meeting (老师们、同学们：
        ……让我们……。开学典礼到此结束。): the chair's words, not the guest's speech that a
        step before it handed the floor to."""
        return any(t.cue == "CLOSING" for t in sentences[1:])

    def _said(self, paragraph: tuple[Line, list[Sentence]]) -> bool:
        """Whether ``paragraph`` ends in a finished sentence: said by the speaker, not a
        label (主持人说：), a title or a date line of the next part."""
        last = paragraph[1][-1]
        return sentence_ending(self.text[last.start:last.end]) in SENTENCE_END

    def _last_step_start(self) -> int:
        """Where the last agenda step's paragraph ends (0 if none): the closing comes
        after it, and what the chair says within a step (有请……发言！) is the step's."""
        if not self.last_step_line:
            return 0
        line = self.lines[self.last_step_line - 1]
        steps = [s.start for s in line.sentences
                 if s.cue == "AGENDA_STEP" or s.start in self.handover_starts
                 or s.start in self.step_heading_starts]
        if steps and (self.is_flattened(line) or len(steps) > 1):
            return max(steps)  # the paragraphs are lost: the step sentence itself
        return line.sentences[-1].start

    def _last_heading_start(self) -> int:
        """Start of the last sentence that may open a heading (0 if none)."""
        last = 0
        for line in self.content_lines:
            if self.is_flattened(line):
                for s in line.sentences:
                    if s.cue in STYLE_OF_TERMINAL and not self.is_closing_wish(line, s):
                        last = max(last, s.start)
        for line in reversed(self._marker_lines):
            if not (self.is_closing_wish(line, line.sentences[0])
                    or self.closes_the_programme(line, line.sentences[0])):
                return max(last, line.sentences[0].start)
        return last
