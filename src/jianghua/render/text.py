"""Renderer: a ``Speech`` → the exact text it was parsed from.

Concatenates every piece's ``text`` + ``eol`` in document order (models.py explains
why that is the whole input).
"""

from __future__ import annotations

from jianghua.model import Speech


def render_text(speech: Speech) -> str:
    """The text a speech was parsed from.

    Reads the models' field dicts directly: several times faster than attribute access
    on pydantic models, and ``jianghua check`` renders every speech it is not given
    the text of.
    """
    out: list[str] = []

    def walk(nodes) -> None:
        for node in nodes:
            fields = node.__dict__
            out.append(fields["text"])
            out.append(fields["eol"])
            for name in ("body", "items", "children"):
                nested = fields.get(name)
                if nested:
                    walk(nested)

    walk(speech.nodes)
    return "".join(out)
