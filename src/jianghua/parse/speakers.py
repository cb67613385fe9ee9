"""The hosts' tags: 男：…… 女：…… 合：…… or （女）…… at the start of a line.

A script for two hosts or more (a 晚会's, a 开幕式's 主持词) names who reads each line
before its words (SPEAKER_TAG). The tag says who speaks, not what: the line is read from
after it, as if it were the line's indentation, so 男：尊敬的各位领导 is an address as
尊敬的各位领导 would be, and the tag stays in the line's text (the round trip). So is who speaks
named by office before the address he speaks (陈校长：各位领导、老师、同学们，). A tag alone
on its line is left as it is, and so is 主持人：, which as often labels a byline
(主持人：五（1）班 李XX): front matter reads them (front_lines.py). Part of the
block stage (blocks.py), like chunks.py.
"""

from __future__ import annotations

import re

from jianghua.parse.glued_titles import cut_after_title
from jianghua.parse.lines import Line, Sentence, terminal_pattern
from jianghua.parse.pieces import has_han
from jianghua.parse.scan import rescanned, scanner

# A host named by a short word before a colon (刘：…… 樊：……): one or two characters.
# A host named in round brackets needs no colon after (（刘）亲爱的……, (袁):……).
_NAMED_HOST = re.compile(
    "[ \u3000]*(?:[（(]([\u4e00-\u9fff]{1,2})[）)][：:]?|([\u4e00-\u9fff]{1,2})[：:])[ \u3000]*")
# The host's label glued to the words before it, in a copy that lost the line break.
_GLUED_HOST_LABEL = re.compile("(?<=[\u4e00-\u9fff])主持人[：:]")
# A transcript's speaker in square brackets at a line's start ([吴邦国] / [全国人大常委会委员长
# 张德江]:), a colon maybe after it: who speaks, not what.
_BRACKETED_SPEAKER = re.compile(
    "[ \u3000]*[\\[［][^\\]］\r\n]{2,20}[\\]］][ \u3000]*[：:]?[ \u3000]*")
# A transcript's label for its speaker (全国政协主席 俞正声:) is at most this long.
_MAX_LABEL_CHARS = 28
# A host's tag is at most this long (主持人（女）：).
_MAX_TAG_CHARS = 8
# Hosts so named take turns: each names at least this many lines, two hosts at least.
_MIN_TURNS, _MIN_HOSTS = 2, 2


def read_past_speaker_tags(text: str, lines: list[Line]) -> None:
    """Start each line that opens with a host's tag, and says more, after the tag."""
    tag = terminal_pattern("SPEAKER_TAG").fullmatch
    opening_label = terminal_pattern("OPENING_LABEL").match
    speaker_label = terminal_pattern("SPEAKER_LABEL").match
    named = _hosts_by_name(text, lines)
    for line in lines:
        sentences = line.sentences
        if len(sentences) > 1 and (tag(text, sentences[0].start, sentences[0].end) or (
                text[sentences[0].start:sentences[0].end].strip(" \u3000：:（()）") in named)):
            # （女）：各位领导； — the colon after a bracketed tag is the tag's too
            after = 2 if len(sentences) > 2 and not text[
                sentences[1].start:sentences[1].end].strip(" \u3000：:") else 1
            line.content_start = sentences[after].start
            line.sentences = sentences[after:]
            line.tagged = True
        elif sentences and (label := opening_label(
                text, line.content_start, line.end)) and label.end() < line.end and (
                has_han(text, label.end(), line.end)):
            # 開場白)尊敬的各位來賓，…… — the script's label for its opening: the words
            # start after it (OUTLINE: a label is not a title, nor part of what it labels).
            line.content_start = label.end()
            line.sentences = scanner().sentences(text, label.end(), line.end)
        elif sentences and (after := _speaker_before_address(text, sentences[0])):
            line.content_start = sentences[0].cue_end
            line.sentences[:1] = after
        elif sentences and (named_speaker := _BRACKETED_SPEAKER.match(
                text, line.content_start, sentences[0].end) or (
                text[sentences[0].end - 1] in "：:"
                and sentences[0].end - line.content_start <= _MAX_LABEL_CHARS
                and speaker_label(text, line.content_start, sentences[0].end))) and (
                named_speaker.end() < line.end):
            # [吴邦国]各位代表，…… / [全国人大常委会委员长张德江]:各位代表，…… — a
            # transcript names who speaks in square brackets before his words, or by
            # office and name before a colon (全国政协主席 俞正声:各位委员，……).
            first = sentences[0]
            rest = sentences[1:] if named_speaker.end() >= first.end else [
                *rescanned(text, first, named_speaker.end()), *sentences[1:]]
            # Only before what a speaker says first, his address or hand-over, or the
            # chair's step ([吴邦国]现在进行第八项议程，……): a title's bracketed category
            # ([2019主持词]……, [政治]在……上的讲话) names no one, nor does a page's label
            # for its blurb ([提要] 尊敬的……：今晚，……, the speech's opening quoted: BYLINE).
            if rest and rest[0].cue in ("VOCATIVE", "TRANSITION", "AGENDA_STEP") and (
                    terminal_pattern("BYLINE").match(text, line.content_start, line.end)
                    is None):
                line.content_start = rest[0].start
                line.sentences = rest
                line.tagged = True


def split_glued_host_labels(text: str, lines: list[Line]) -> None:
    """Where a copy glued the host's label to the words before it (……主持词主持人：各位
    选民： / 第一项议程：宣布大会开始主持人：各位选民，……), start a sentence at the
    label: it began a line of the script, and what stands before it (a title, a step's
    name) ends there."""
    for line in lines:
        if text.find("主持人", line.content_start, line.end) < 0:
            continue  # most lines
        pieces: list[Sentence] = []
        for s in line.sentences:
            found = _GLUED_HOST_LABEL.search(text, max(s.cue_end, s.start + 1), s.end)
            if found is None:
                pieces.append(s)
                continue
            pieces += cut_after_title(text, s, found.start())
        line.sentences = pieces


def _hosts_by_name(text: str, lines: list[Line]) -> frozenset[str]:
    """Hosts a script names by surname or role (刘：…… 樊：…… 合：……, （刘）……): short words
    before a colon, or in round brackets, that open lines, two of them or more, each
    opening more than one line — the turns of a script for several hosts, not a label
    (时间：) that opens one."""
    turns: dict[str, int] = {}
    for line in lines:
        if line.sentences and (found := _NAMED_HOST.match(text, line.content_start, line.end)):
            name = found.group(1) or found.group(2)
            turns[name] = turns.get(name, 0) + 1
    hosts = frozenset(word for word, count in turns.items() if count >= _MIN_TURNS)
    return hosts if len(hosts) >= _MIN_HOSTS else frozenset()


def _speaker_before_address(text: str, first: Sentence) -> list[Sentence]:
    """陈校长：各位领导、老师、同学们，…… — who speaks, named by office, before the
    address he speaks: no one is addressed twice in one breath, so the first is a tag.
    The sentence read again after it; none where it is no such tag."""
    if first.cue != "VOCATIVE" or text[first.cue_end - 1] not in "：:" or terminal_pattern(
            "ADDRESS_PREFIX").match(text, first.start) is not None:
        return []
    rest = rescanned(text, first, first.cue_end)
    return rest if rest and rest[0].cue == "VOCATIVE" else []


def next_hosts_address(text: str, line: Line, index: int) -> bool:
    """Whether sentence ``index`` is an address alone that a host's tag opens in a script
    for two run together (……各位来宾，女：亲爱的老师们、同学们，合：晚上好！): each host's
    address line, as the script had it, is a [称谓] of its own — the first in a line a
    host's tag opens too (男：爷爷 女：奶奶 男：叔叔 ……)."""
    s = line.sentences[index]
    if s.cue != "VOCATIVE" or not (line.tagged if index == 0 else _ends_in_tag(
            text, line.sentences[index - 1].start, line.sentences[index - 1].end)):
        return False
    rest = text[s.cue_end:s.end]
    return not rest.strip(" \u3000") or (
        terminal_pattern("SPEAKER_TAG").fullmatch(rest) is not None)


def _ends_in_tag(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends in a host's tag (……来宾，女：), or is one."""
    tag = terminal_pattern("SPEAKER_TAG").fullmatch
    return any(tag(text, at, end) is not None
               for at in range(max(start, end - _MAX_TAG_CHARS), end))
