"""A document viewer's chunk numbers: 1、…… 2、…… that are no markers.

Sites that preview an uploaded .doc show its text in numbered chunks of a fixed length
(《……主持词.docx》由会员分享…… then 1、县政协……主持词 各位委员：……, 2、书名单（草案）……),
each cut wherever the length ran out, mid-sentence or mid-word. Their numbers are the
viewer's, not the speaker's (gold NOTES: document-viewer chunk numbers are no markers;
corpus 130). A chunk is read from after its number, as if the number were the line's
indentation, so a title glued to the salutation at the start of chunk 1 is read as
any run-together title is, and the number stays in the line's text (the round trip).
Part of the block stage (blocks.py), before the front matter is sought.
"""

from __future__ import annotations

from jianghua.parse.lines import Line, terminal_pattern
from jianghua.parse.markers import STYLE_OF_TERMINAL
from jianghua.parse.pieces import SENTENCE_END, SPACES
from jianghua.parse.scan import scanner

# A chunk that ends mid-sentence is at least this long (viewers cut at a few hundred
# characters); the last one is whatever remained.
_MIN_CHUNK_CHARS = 150
# What a chunk cut mid-sentence does not end with.
_ENDS = SENTENCE_END + "；;”\"’'）)…"
# Marks that close a quotation or a bracket.
_CLOSERS = "”’」』）)"


def read_past_chunk_numbers(text: str, lines: list[Line]) -> None:
    """Where the text is a viewer's chunks, start each chunk's line after its number."""
    scan = scanner()
    for line, cut in _chunks(text, lines):  # cut: after the number and its 、
        line.content_start = cut
        line.sentences = scan.sentences(text, cut, line.end)
        line.chunk = True


def _chunks(text: str, lines: list[Line]) -> list[tuple[Line, int]]:
    """The lines numbered 1、 2、 3、 …, only blank lines between them, every one but the
    last long and cut mid-sentence (or the first holding the address) — the first of
    them before any address; each with where its words start, after its number."""
    arabic = terminal_pattern("ARABIC_MARKER")
    run: list[Line] = []
    words: list[int] = []
    for line in lines:
        if line.is_blank:
            continue
        first = line.sentences[0]
        number = len(run) + 1
        # The number, whatever cue the chunk's first words gave the sentence (2、在，进行第一
        # 项议程。 — a step cut from its 现, the scanner's AGENDA_STEP).
        found = arabic.match(text, line.content_start)
        if found is not None and text[found.end() - 1] == "、" and (
                text[line.content_start:found.end() - 1].strip() == str(number)):
            run.append(line)
            words.append(found.end())
            continue
        if run:
            break
        if first.cue == "VOCATIVE":
            return []  # the speech began before any chunk
    chunks = list(zip(run, words, strict=True))
    if len(run) >= 2 and any(_opens_closing(text, start, line.end) for line, start in chunks[1:]):
        # 6、……如此描述：“接汉疑星落，依楼似月悬。 7、” 宋代…… — a number put between a
        # quotation and its closing mark: a machine numbered the sentences, however short.
        return chunks
    if len(run) < 2 or any(line.end - line.content_start < _MIN_CHUNK_CHARS for line in run[:-1]):
        return []
    # Cut mid-sentence — or, where a cut happened to fall after a stop, holding the
    # speech's own address in the first: no heading comes before the address.
    # Or under the viewer's own notice (《……docx》由会员分享，可在线阅读……), which says what
    # the numbered lines are, wherever a cut fell.
    cut = all(_cut_mid_sentence(text, line) for line in run[:-1])
    return chunks if cut or any(s.cue == "VOCATIVE" for s in run[0].sentences[1:]) or (
        _under_viewer_notice(text, lines, run[0])) else []


def _under_viewer_notice(text: str, lines: list[Line], first: Line) -> bool:
    """Whether the line before chunk ``first`` (past blank ones) is a document viewer's
    notice about the file it shows (BLURB: 由会员分享, 可在线阅读 …)."""
    before = next((line for line in reversed(lines[:first.number - 1]) if not line.is_blank),
                  None)
    return before is not None and terminal_pattern("BLURB").search(
        text, before.content_start, before.end) is not None


def _opens_closing(text: str, start: int, end: int) -> bool:
    """Whether a numbered line's words, ``text[start:end]`` after its number, open with a
    closing quote or bracket, which ends the sentence before the number: no speaker
    numbers his point there."""
    while start < end and text[start] in SPACES:
        start += 1
    return start < end and text[start] in _CLOSERS


def _cut_mid_sentence(text: str, line: Line) -> bool:
    """The chunk ends mid-sentence, or right after a heading's marker whose title the
    next chunk holds (……荣誉称号。 （一） then 3、坚决不移抓发展……)."""
    if text[line.content_start:line.end].rstrip(" \u3000")[-1:] not in _ENDS:
        return True
    last = line.sentences[-1]
    return last.cue in STYLE_OF_TERMINAL and not text[last.cue_end:last.end].strip(SPACES)
