"""jianghua (讲话): recover the conventional structure of Chinese official speeches.

    >>> import jianghua
    >>> speech = jianghua.parse("同志们：\\n一、提高站位\\n……\\n")
    >>> jianghua.render(speech) == "同志们：\\n一、提高站位\\n……\\n"
    True
    >>> print(jianghua.render_outline(speech), end="")
    [称谓] 同志们：
    一、 提高站位

``parse``/``parse_file`` give a validated ``Speech``; ``render`` gives back the exact
text; ``render_outline`` the outline (提纲); ``speech_to_json``/``load_speech`` convert to
and from JSON; ``check`` reviews a draft and ``fix`` returns it with the safe fixes.
The command line lives in ``jianghua.cli`` and the rich tree in
``jianghua.render.tree``; neither is imported here, so ``import jianghua`` stays light (no rich).
"""

from __future__ import annotations

# ``render`` is both a subpackage (jianghua/render/) and the public function. Importing
# ``jianghua.api`` loads the submodule first (which binds ``jianghua.render`` to the
# module); the ``from ... import render`` below then rebinds the name to the function.
# Keep that order: the function is what users call.
from jianghua.api import fix, parse, parse_docx, parse_file, render
from jianghua.errors import DocumentError, InputError, JianghuaError
from jianghua.model import (
    SCHEMA_VERSION,
    Agenda,
    AgendaItem,
    Blank,
    Closing,
    Enumeration,
    EnumerationItem,
    HeadingHints,
    Marker,
    MarkerStyle,
    Paragraph,
    Salutation,
    Section,
    Source,
    SourceParagraph,
    Span,
    Speech,
    Title,
    Transition,
)
from jianghua.render.outline import render_outline

# Looked up on first use (PEP 562, ``__getattr__`` below), not at import: the checks
# engine and orjson are a tenth of the start-up of `jianghua outline`, which needs
# neither (python -m jianghua.bench, start-up). ``from jianghua import check`` works as
# ever. `jianghua check` as an API: check(speech, select=..., profile=...) ->
# list[Diagnostic], where speech is a Speech, its text or a path; fix(...) -> FixResult
# is `check --fix`.
_LAZY = {"check": "jianghua.checks", "json_schema": "jianghua.render.json",
         "load_speech": "jianghua.render.json", "speech_to_json": "jianghua.render.json"}


def explain(text: str) -> list:
    """Why each node of ``parse(text)`` is what it is (``jianghua tree --explain``): a list
    of ``Decision(kind, start, line, reason)`` in document order."""
    from jianghua.parse.explain import explain as _explain

    return _explain(text)


def __getattr__(name: str):  # PEP 562: what `import jianghua` need not pay for
    if name in _LAZY:
        import importlib

        value = globals()[name] = getattr(importlib.import_module(_LAZY[name]), name)
        return value
    if name == "parse_many":  # multiprocessing
        from jianghua.batch import parse_many

        return parse_many
    if name == "__version__":  # importlib.metadata: ~45 ms of every start-up
        global __version__
        from importlib.metadata import PackageNotFoundError, version

        try:
            __version__ = version("jianghua")
        except PackageNotFoundError:  # running from a source tree never installed
            __version__ = "0+unknown"
        return __version__
    raise AttributeError(f"module 'jianghua' has no attribute {name!r}")

__all__ = [
    "SCHEMA_VERSION",
    "Agenda",
    "AgendaItem",
    "Blank",
    "Closing",
    "DocumentError",
    "Enumeration",
    "EnumerationItem",
    "HeadingHints",
    "InputError",
    "JianghuaError",
    "Marker",
    "MarkerStyle",
    "Paragraph",
    "Salutation",
    "Section",
    "Source",
    "SourceParagraph",
    "Span",
    "Speech",
    "Title",
    "Transition",
    "__version__",
    "check",
    "explain",
    "fix",
    "json_schema",
    "load_speech",
    "parse",
    "parse_docx",
    "parse_file",
    "parse_many",
    "render",
    "render_outline",
    "speech_to_json",
]
