"""Stages 2–5: text → the pydantic ``Speech``.

``lines`` runs the Lark grammar (``grammar/speech.lark``) over the text and gives lines
of cued sentences; ``blocks`` decides what each cue means where it stands; ``nesting``
nests the headings as an editor does (OUTLINE.md); ``build`` makes the models.
Nothing outside this package sees a Lark object.
"""
