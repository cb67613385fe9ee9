"""Agenda steps that carry no number: where a chair hands the floor on.

A chair's script need not number its steps (OUTLINE: "A step need not be numbered"):
``接下来，有请校长致辞``, ``下面，请……发言``, a ceremony item (``全体起立，奏国歌``).
Such a paragraph is a step only in a script
whose steps are *all* unnumbered — where numbered steps exist, unnumbered hand-overs
outside them are preliminaries or sub-steps (gold NOTES: "Unnumbered host steps") —
and only in what reads as a chair's script: one titled 主持词, one that announces an
agenda, or one that hands over more than once. The patterns are the grammar's
``STEP_LEAD`` and ``HANDOVER`` terminals.
"""

from __future__ import annotations

from jianghua.parse.lines import Line, terminal_pattern

# Words in a title that name a chair's script.
_SCRIPT_TITLES = ("主持词", "主持詞", "主持稿")


def handover_steps(text: str, lines: list[Line], front_end: int,
                   cues: set[str | None]) -> list[Line]:
    """The lines (after the front matter) that open an unnumbered step. ``cues``: every
    cue the text holds."""
    if "AGENDA_STEP" in cues:
        return []
    lead = terminal_pattern("STEP_LEAD")
    handover = terminal_pattern("HANDOVER")
    ceremony = terminal_pattern("CEREMONY")
    openers = (lead, handover, ceremony)
    steps: list[Line] = []
    for line in lines:
        if line.is_blank or line.number <= front_end:
            continue
        first = line.sentences[0]
        if first.cue not in (None, "SEQUENCE_MARKER"):
            continue  # a heading, salutation, transition or closing says what it is
        opens_with = any(p.match(text, line.content_start, line.end) for p in openers)
        if opens_with and (handover.search(text, line.content_start, line.end)
                           or ceremony.search(text, line.content_start, line.end)):
            steps.append(line)
    if len(steps) >= 2:
        return steps
    return steps if is_chair_script(text, lines, front_end, cues) else []


def is_chair_script(text: str, lines: list[Line], front_end: int,
                    cues: set[str | None]) -> bool:
    """Whether the text reads as a chair's script: titled 主持词, or announcing or
    carrying out an agenda (``cues``: every cue the text holds)."""
    if cues & {"AGENDA_DECL", "AGENDA_STEP"}:
        return True
    return any(word in text[line.content_start:line.end]
               for line in lines[:front_end or 1] for word in _SCRIPT_TITLES)
