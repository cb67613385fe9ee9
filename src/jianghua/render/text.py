"""Renderer: a ``Speech`` → the exact text it was parsed from.

Concatenates every piece's ``text`` + ``eol`` in document order (jianghua.model explains
why that is the whole input).
"""

from __future__ import annotations

from jianghua.model import Speech, walk


def render_text(speech: Speech) -> str:
    """The text a speech was parsed from.

    Reads the models' field dicts directly: several times faster than attribute access
    on pydantic models, and ``jianghua check`` renders every speech it is not given
    the text of.
    """
    out: list[str] = []
    append = out.append
    for node, _ in walk(speech.nodes):
        fields = node.__dict__
        append(fields["text"])
        append(fields["eol"])
    return "".join(out)
