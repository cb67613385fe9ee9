"""How one paragraph at the end of a speech closes it: a formula, a call, a 最后，wish,
slogans, thanks or a recap, and where its closing words start (OUTLINE: Agendas and
closings), and when a final numbered line (最后，…… / 八、……到此结束) closes rather than
heads. The per-paragraph half of closings.py, which walks the speech's last
paragraphs and mixes this in; the patterns are the grammar's CLOSING, CALL, THANKS,
RECAP, CLOSING_WISH and DIRECTION terminals.
"""

from __future__ import annotations

from collections.abc import Callable

from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.markers import STYLE_OF_TERMINAL, MarkerInfo, speaks_a_count
from jianghua.parse.pieces import (
    EXCLAIM_OR_COLON,
    SENTENCE_END,
    SPACES,
    words_after_address,
)
from jianghua.parse.scan import sentence_ending

# What may stand between an address and the words after it (同志们，今天……).
_LEADING = SPACES + "，,"
# A slogan or wish line that may close a speech (……万岁！ 预祝大会圆满成功！) is this short.
_MAX_SLOGAN_CHARS = 40
# Run together, a call closes only where at most a paragraph's words follow it in the line
# (……让我们……。甲：……现在开始。…… is the opening of a gala, its programme still to come).
_MAX_FLAT_CLOSING_TAIL = 200
# A lead-in to the closing words (现在，我宣布：) is this short.
_MAX_LEAD_IN_CHARS = 10


class ClosingParagraphs:
    """The paragraph decisions of ``Closings`` (which provides what is declared here)."""

    text: str
    is_flattened: Callable[[Line], bool]
    last_marker_line: int
    _marker_lines: list[Line]
    marker: Callable[[Sentence], MarkerInfo]
    is_comma_vocative: Callable[[Sentence], bool]
    content_line_before: Callable[[Line], Line | None]
    guest_list_starts: dict[int, int]

    def _without_cut_off_wish(self, paragraphs: list[tuple[Line, list[Sentence]]]
                              ) -> list[tuple[Line, list[Sentence]]]:
        """The closing paragraphs without the copy's unfinished last wish or thanks
        (祝……圆满成功！ then 祝全市人民万事如, or ……万事如意！ 谢谢大): the unfinished words
        go on the closing run before them and end nothing themselves."""
        if not paragraphs:
            return paragraphs
        line, sentences = paragraphs[-1]
        last = sentences[-1]
        if not self.unfinished(last):
            return paragraphs
        words = self.text[last.start:last.end].lstrip(SPACES)
        if not (terminal_pattern("CLOSING_WISH").match(words)
                or terminal_pattern("THANKS").match(words)):
            return paragraphs
        return paragraphs[:-1] + ([(line, sentences[:-1])] if len(sentences) > 1 else [])

    def unfinished(self, s: Sentence) -> bool:
        """Whether ``s`` ends on no stop: the copy was cut in it (……为实现“)."""
        return sentence_ending(self.text[s.start:s.end]) not in SENTENCE_END + EXCLAIM_OR_COLON

    def _sums_up(self, sentences: list[Sentence]) -> bool:
        """The speech's last paragraph sums it up in its first two sentences (RECAP)."""
        recap = terminal_pattern("RECAP")
        return any(recap.search(self.text, s.start, s.end) for s in sentences[:2])

    def _closing_paragraph(self, line: Line, sentences: list[Sentence], *,
                           last: bool = False) -> tuple[str, Sentence] | None:
        """Whether a paragraph at the end closes the speech, how, and where it starts
        (``last``: the text's last paragraph, back matter aside)."""
        text = self.text
        if line.number in self.guest_list_starts and not self.is_flattened(line):
            return None  # 出席今天晚会的领导有：……热烈欢迎……！ introduces, it does not close
        thanks = terminal_pattern("THANKS")
        closing = terminal_pattern("CLOSING")
        if all(thanks.fullmatch(text[s.start:s.end].strip(SPACES)) for s in sentences):
            return "thanks", sentences[0]
        for position, s in enumerate(sentences):
            if position and thanks.fullmatch(text[s.start:s.end].strip(SPACES)) and (
                    not self.is_flattened(line)):
                # ……建功立业。谢谢大家！: the thanks close the paragraph they end, as
                # thanks alone close the one before them (corpora 219, 223).
                return "thanked", sentences[0]
            body = text[s.cue_end if s.cue == "VOCATIVE" else s.start:s.end]
            # 同志们，……。让我们……: the closing words start with the address (samples/07),
            # at the paragraph's start or, where it is the sentence before, there.
            start = sentences[0] if self.is_comma_vocative(sentences[0]) else (
                sentences[position - 1] if position and (
                    self.is_comma_vocative(sentences[position - 1])
                    or self._lead_in(sentences[position - 1])) else s)
            if self._is_call(body.lstrip(SPACES + "，,")) and not (
                    self.is_flattened(line) and line.end - s.end > _MAX_FLAT_CLOSING_TAIL):
                # The paragraph that ends in the call closes from its start (gold NOTES:
                # the first sentence of the final wrap-up paragraph) — not run together,
                # nor where it is the body of a heading standing alone above it.
                whole = not (self.is_flattened(line) or self._under_its_heading(line))
                return "call", sentences[0] if whole else start
            if self.is_formula(s) or self.closes_the_programme(line, s) or (
                    s.cue == "VOCATIVE" and closing.match(body.lstrip(SPACES + "，,"))):
                # 各位委员、同志们，开幕大会到此结束。: the formula after the address
                # 总的来说，……。……。我就说这些，谢谢大家！: the paragraph that sums up and
                # ends in the formula closes from its start (corpus 025); run together
                # (……。总之，……。谢谢大家！, a chair's 同志们，今天的大会开得很成功。……现在
                # 我宣布，……散会。), from the recap that would have begun it.
                summing = self._recap_start(line, sentences[:position], sentences[:position]) \
                    if start is s else None
                return ("recap", summing) if summing is not None else ("formula", start)
            if self.is_closing_wish(line, s):
                return "wish", s
        if self.is_flattened(line):
            # Run together, the slogans are the line's last sentences, not a paragraph.
            sentences = self._final_slogans(sentences)
            if not sentences:
                return None
        words = sum(s.end - s.start for s in sentences)
        ends = [sentence_ending(text[s.start:s.end]) for s in sentences]
        wish = terminal_pattern("CLOSING_WISH")
        # A wish may be said to the audience by name (同学们，愿你们前程似锦！).
        addressed = self.is_comma_vocative(sentences[0])
        starts = [sentences[0].cue_end if addressed else sentences[0].start] + [
            s.start for s in sentences[1:]]
        if (words <= _MAX_SLOGAN_CHARS and (sentences[0].cue is None or (
                addressed and wish.match(text, starts[0], sentences[0].end)))
                and all(end in "！!；;：:" or wish.match(text, start, s.end)
                        for end, s, start in zip(ends, sentences, starts, strict=True))
                and ends[-1] not in "：:"
                and not (ends[-1] in "；;" and last)
                and not any(self._ends_in_direction(s) for s in sentences)
                and not all(terminal_pattern("APPLAUSE").fullmatch(text, s.start, s.end)
                            for s in sentences)):
            # Short slogans, or wishes however they end (愿各位……共创佳绩。), but not
            # the text's last words ending in "；": the copy was cut mid-list. Not a
            # chair's line with its direction (通过（全体通过）！): a vote, no slogan
            # — a name's bracket (祝2007中国(无锡)……节圆满成功!) is no direction; nor a
            # call for applause after the last step (大家欢迎！).
            return "slogan", sentences[0]
        return None

    def _under_its_heading(self, line: Line) -> bool:
        """Whether the line before ``line`` is a heading standing alone (二、……)."""
        before = self.content_line_before(line)
        return before is not None and len(before.sentences) == 1 and (
            before.sentences[0].cue in STYLE_OF_TERMINAL)

    def _ends_in_direction(self, s: Sentence) -> bool:
        """The sentence's last words before its stop are a stage direction (（全体通过）)."""
        words = self.text[s.start:s.end].rstrip(SPACES + "\r\n！!；;")
        return any(found.end() >= s.start + len(words) for found in
                   terminal_pattern("DIRECTION").finditer(self.text, s.start, s.start + len(words)))

    def _recap_start(self, line: Line, sentences: list[Sentence],
                     run_together: list[Sentence]) -> Sentence | None:
        """Where closing words that sum up start (RECAP): the first of a paragraph's
        ``sentences`` if they open by summing up; in a line run together, the sentence
        among ``run_together`` that does."""
        if self.is_flattened(line):
            return self._recap_before(run_together)
        return sentences[0] if sentences and self._sums_up(sentences) else None

    def _recap_before(self, sentences: list[Sentence]) -> Sentence | None:
        """The last of ``sentences`` that opens by summing up (RECAP), after its address
        if it has one (同志们，今天的大会开得很成功。)."""
        recap = terminal_pattern("RECAP")
        text = self.text
        for s in reversed(sentences):
            if recap.match(text, words_after_address(text, s, _LEADING), s.end):
                return s
        return None

    def _is_call(self, words: str) -> bool:
        """A call to action (CALL): 让我们……, or after a clause or two (新的一年，让我们……)
        that is not a chair's lead word (STEP_LEAD: 下面，让我们…… hands over, 最后，让我们
        共同祝愿 is a wish, corpus 100), nor the chair's hand-over itself (让我们一起来听听
        ……的心里话, 让我们以热烈的掌声有请……讲话: HANDOVER)."""
        return terminal_pattern("CALL").match(words) is not None and (
            terminal_pattern("STEP_LEAD").match(words) is None) and (
            terminal_pattern("HANDOVER").match(words) is None)

    def is_formula(self, s: Sentence) -> bool:
        """Whether ``s`` is a closing formula (CLOSING) that closes: not the chair thanking
        the applause and handing the floor on in the same sentence (好，谢谢大家的掌声，
        下面有请……: HANDS_ON), the next step."""
        return s.cue == "CLOSING" and terminal_pattern("HANDS_ON").search(
            self.text, s.start, s.end) is None

    def _lead_in(self, s: Sentence) -> bool:
        """A short sentence ending in a colon that leads into the next (现在，我宣布：
        ……胜利闭幕！): the closing words start with it (OUTLINE: a colon ends no
        [结束语] sentence)."""
        words = self.text[s.start:s.end].strip(SPACES)
        return s.cue is None and words[-1:] in "：:" and len(words) <= _MAX_LEAD_IN_CHARS and (
            terminal_pattern("HOST_LABEL").fullmatch(self.text, s.start, s.end) is None)

    def _final_slogans(self, sentences: list[Sentence]) -> list[Sentence]:
        """The longest run of short exclaimed sentences that ends a run-together line
        (……。预祝大会圆满成功！现在我宣布：……开幕！, corpus 222 joined), unless they
        only thank."""
        text = self.text
        thanks = terminal_pattern("THANKS")
        run: list[Sentence] = []
        words = 0
        for s in reversed(sentences):
            words += s.end - s.start
            if words > _MAX_SLOGAN_CHARS or sentence_ending(text[s.start:s.end]) not in (
                    "！!；;：:"):
                break
            run.insert(0, s)
        if all(thanks.fullmatch(text[s.start:s.end].strip(SPACES)) for s in run):
            return []
        return run

    def closes_the_programme(self, line: Line, s: Sentence) -> bool:
        """A programme's last numbered line that says it is over (八、×××同志追悼会到此
        结束 / （十一）司仪宣布追悼会结束。): the closing, numbered like the steps before it
        (CLOSING after the marker; real20 host 01) — not 最后，……圆满结束！, a closing
        word numbered like no step, which a call before it may begin."""
        return s is line.sentences[0] and s.cue in STYLE_OF_TERMINAL and (
            s.cue != "SEQUENCE_MARKER") and (
            line.number == self.last_marker_line) and terminal_pattern("CLOSING").match(
            self.text, s.cue_end, line.end) is not None

    def is_closing_wish(self, line: Line, s: Sentence) -> bool:
        """``最后，……`` at the end with no points under it, ending no 首先/其次 series:
        the closing wish or word, not a heading (corpora 049, 200, 205, 218; OUTLINE:
        "最后，… with no sub-points under it, at the end of the speech")."""
        if s.cue != "SEQUENCE_MARKER" or not self.marker(s).raw.startswith("最后"):
            return False
        if line.number < self.last_marker_line:
            return False
        if s is not line.sentences[0] and not self.is_flattened(line) and not (
                self._ends_in_wishes(line, s)):
            return False
        if any(t.cue in STYLE_OF_TERMINAL for t in line.sentences if t.start > s.start):
            return False  # 最后，我再强调两点：一是…… has points under it (OUTLINE rule 5)
        if terminal_pattern("HANDOVER").search(self.text, s.cue_end, s.end):
            return False  # 最后，请……作重要讲话: the chair hands the floor on, a step
        if speaks_a_count(self.text, s.cue_end, s.end):
            return False  # 最后，我再强调一点：…… speaks for the whole speech (OUTLINE rule 5)
        return not self._series_open_at(s.start) or terminal_pattern("CLOSING_WISH").match(
            self.text, s.cue_end, s.end) is not None

    def _ends_in_wishes(self, line: Line, s: Sentence) -> bool:
        """``s`` (最后，……) wishes or thanks, and so does whatever follows it in its
        paragraph: ……。最后，预祝项目早日投产达效！ ends the last paragraph with the
        closing wish the speaker would have set apart."""
        wish = terminal_pattern("CLOSING_WISH")
        if not wish.match(self.text, s.cue_end, s.end):
            return False
        rest = [t for t in line.sentences if t.start > s.start]
        return all(wish.match(self.text, t.start, t.end) or terminal_pattern("THANKS").match(
            self.text, t.start, t.end) for t in rest)

    def _series_open_at(self, offset: int) -> bool:
        """Whether a 首先/其次 series is open at ``offset``: a line opening with 其次/再次
        before it, and no 最后 line since that ended the series (a lone 首先，我代表……
        in an opening is no series, gold NOTES; a second 最后 after a series and a new
        hand-over is the closing wish, not the series' end)."""
        open_ = False
        for line in self._marker_lines:
            first = line.sentences[0]
            if first.start >= offset:
                break
            raw = self.marker(first).raw
            if raw[:2] in ("其次", "再次"):
                open_ = True
            elif raw.startswith("最后"):
                open_ = False
        return open_
