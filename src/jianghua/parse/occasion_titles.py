"""Titles that name their occasion, run on into what follows them in a copy that lost its
line breaks: 在……会议上的讲话春节刚过，…… / 文章标题:……讲话一、…… / 锐意进取，开拓创新在……
座谈会上的讲话, and a collection's title that joins the titles it holds (……讲话与……发言汇编).
The occasion half of front.py's ``FrontMatter``, which mixes it in; the patterns are the
grammar's (OCCASION_TITLE, COLLECTION_JOIN, GLUED_DATE, SPEAKER_NAMED, DOCUMENT_NUMBER)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.pieces import SPACES, has_han
from jianghua.parse.scan import rescanned

if TYPE_CHECKING:
    from jianghua.parse.edges import SpeechFacts

# A title is at least this long: a shorter genre-ending piece glued after a title
# continues it, and a shorter line said again may be a label or a name.
MIN_TITLE_CHARS = 6
# Marks after which words go on in the same sentence.
_CLAUSE_MARKS = "，,、；;：:"
# A collection's title ends in what it is (……汇编) and joins its titles with these.
COLLECTION_ENDS = ("汇编", "合编")
_COLLECTION_JOINS = "与和及、"


class OccasionTitles:
    """The occasion-title decisions of ``FrontMatter`` (which provides what is declared
    here)."""

    text: str
    facts: SpeechFacts

    def _titled_before(self, title: str) -> bool:
        """Whether a front line is ``title`` itself (its words, spaces aside), or names
        the same occasion with the speaker before it or not (在……上的讲话 / 市长在……上的
        讲话)."""
        words = title.strip(SPACES)
        for front in self.facts.lines[:self.facts.front_end]:
            said = self.text[front.content_start:front.end].strip(SPACES)
            if _same_occasion(said, words):
                return True
        return False

    def split_occasion_title(self, line: Line) -> int:
        """在市政府全体会议上的讲话春节刚过，……: a text run together from a title that
        names its occasion straight into its first paragraph, no address between (a doc
        site's number, a second title and the speaker's line maybe between). Only at the
        very start of a text that is a whole speech on one line — or of a first paragraph
        that says again the title a front line gave (……讲话 / ……讲话为全面做好……).
        Returns how many title sentences lead the line now: 0 (no such title), 1, or 2
        (a main title and its subtitle)."""
        first = line.sentences[0]
        text = self.text
        number = terminal_pattern("DOCUMENT_NUMBER").match(text, first.start, first.end)
        occasion = terminal_pattern("OCCASION_TITLE").match
        title = occasion(text, number.end() if number else first.start, first.end)
        again = self._front_title_again(first)
        if again is not None and (title is None or again > title.end()):
            # 市长视察……时的讲话 / 市长视察……时的讲话一、认真……: the title line said
            # again, glued to the speech's first words, whatever it names — and all of
            # it where it names its occasion first (……动员会发言三则 (一则) 回顾……).
            cut_sentence(line, 0, again, rescanned(self.text, first, again))
            return 1
        if title is None or title.end() >= first.end or not (
                self.facts.is_flattened(line) or self._titled_before(title.group())):
            return 0
        end = title.end()
        # ……的讲话201X/X/XX在……上的讲话xxx同志讲话: the page's title, its day, the
        # speech's own title and its speaker run on before the first words (title_lines
        # splits them). Without the day, the title again (2024 在……上的讲话20XX 在……上
        # 的讲话): the same occasion, maybe another year before it.
        while True:
            date = terminal_pattern("GLUED_DATE").match(text, end, first.end)
            again = occasion(text, date.end() if date else end, first.end)
            # A collection's title names its first item first (……讲话与……发言汇编……讲话).
            if again is None or again.end() >= first.end or not (
                    date or _same_occasion(title.group(), again.group())
                    or again.group() in title.group() or _said_over(title.group(), again.group())):
                break
            end = again.end()
        speaker = terminal_pattern("SPEAKER_NAMED").match(text, end, first.end)
        if speaker is not None and speaker.end() < first.end:
            end = speaker.end()
        cut_sentence(line, 0, end, rescanned(self.text, first, end))
        slogan = text.find("在", title.start(), title.end())
        if slogan > title.start() and any(comma in text[title.start():slogan]
                                          for comma in "，,"):
            # 锐意进取，开拓创新在……座谈会上的讲话: a main title of two phrases, its
            # subtitle run on after it (corpus 208's split, without the dash).
            main = line.sentences[0]
            cut_sentence(line, 0, slogan, [Sentence(slogan, main.end, None, slogan, main.stop)])
            return 2
        return 1

    def _front_title_again(self, s: Sentence) -> int | None:
        """Where a front title line said again ends at the start of sentence ``s``, words
        following it (None: none is)."""
        text = self.text
        for front in self.facts.lines[:self.facts.front_end]:
            if front.is_blank or self.facts.front_kind(front) != "title":
                continue
            said = text[front.content_start:front.end].strip(SPACES)
            end = s.start + len(said)
            # A comma after it makes the words a clause of the sentence (an ad's line
            # said again as its subject), not a title.
            if len(said) >= MIN_TITLE_CHARS and text.startswith(said, s.start) and (
                    end < s.end and text[end] not in _CLAUSE_MARKS and has_han(text, end, s.end)):
                return end
        return None

    def joins_collection(self, s: Sentence) -> bool:
        """Whether title ``s`` is the rest of a collection's title, after the first title
        it joins (与……发言汇编 after ……讲话)."""
        words = self.text[s.start:s.cue_end].strip(SPACES)
        return words[:1] in _COLLECTION_JOINS and words.endswith(COLLECTION_ENDS)

    def cut_occasion_title(self, line: Line, index: int) -> None:
        """Cut sentence ``index`` after the title that names its occasion at its start
        (……在……会议上的讲话一、…… → the title, then the rest scanned again), read as a
        TITLE_HEAD; nothing if it holds no such title or is only one."""
        s = line.sentences[index]
        title = terminal_pattern("OCCASION_TITLE").match(self.text, s.start, s.end)
        if title is None or not self.text[title.end():s.end].strip(SPACES):
            return
        cut_sentence(line, index, title.end(), rescanned(self.text, s, title.end()))
        line.sentences[index].cue = "TITLE_HEAD"
        line.sentences[index].cue_end = title.end()


def _same_occasion(said: str, said_again: str) -> bool:
    """Whether two titles name the same occasion: the same words (……推进会讲话 twice, 在
    maybe before them), or the same 在……上的讲话 whatever words stand before their 在."""
    core = _occasion_core(said)
    return _bare(said) == _bare(said_again) or (
        core is not None and core == _occasion_core(said_again))


def _said_over(said: str, said_again: str) -> bool:
    """Whether a second title is the first said over in other words, as a site names its
    page and then the document (……轮换座谈会上的讲话稿范例 / ……轮换座谈会上的讲话范文):
    the same first words, the speaker or the body, up to its 在."""
    core = said.find("在")
    return core > 1 and said_again.startswith(said[:core + 1])


def _bare(title: str) -> str:
    """A title's words without its spaces, a leading 在 and the 的 after 上 (……会议上讲话,
    在……会议上讲话 and 在……会议上的讲话 say the same)."""
    words = "".join(title.split()).replace("上的", "上")
    return words[1:] if words.startswith("在") else words


def _occasion_core(title: str) -> str | None:
    """在……上的讲话 of a title that names its occasion so, the speaker before it aside."""
    core = title.find("在")
    return title[core:] if core >= 0 and "上的" in title[core:] else None


def cut_sentence(line: Line, index: int, cut: int, rest: list[Sentence]) -> None:
    """Replace sentence ``index`` of ``line`` by its head up to ``cut`` (no cue) and
    ``rest``, what follows it."""
    s = line.sentences[index]
    head = Sentence(start=s.start, end=cut, cue=None, cue_end=s.start,
                    stop="" if rest else s.stop)
    line.sentences[index:index + 1] = [head, *rest]
