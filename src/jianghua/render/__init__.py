"""Renderers over the typed model: the exact text, the outline (提纲), the rich tree,
and JSON. None of them reads a Lark tree or re-parses."""
