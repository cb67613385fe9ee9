"""What a file that cannot be read is, by its name, and what to do with it.

Drafters are sent .doc, .wps, .docm, .rtf and PDF files; "binary file" tells them
nothing. Every reader (``read.source.read_source``) turns such a file's error into a
one-line hint: save it as .docx, or copy its text.
"""

from __future__ import annotations

import os

from jianghua.errors import InputError, JianghuaError

__all__ = ["explain_format"]

# Formats a drafter's colleague sends, which the tool cannot read, and what to do.
_HINTS = {
    ".doc": ("旧版 Word 文档（.doc）不能直接读取，请在 Word 或 WPS 中另存为 .docx",
             "an old binary Word document (.doc); save it as .docx in Word or WPS"),
    ".wps": ("WPS 文字文档（.wps）不能直接读取，请在 WPS 中另存为 .docx",
             "a WPS Writer document (.wps); save it as .docx in WPS"),
    ".docm": ("启用宏的 Word 文档（.docm）不直接读取，请另存为 .docx",
              "a macro-enabled Word document (.docm); save it as .docx"),
    ".pdf": ("PDF 不能直接检查，请复制其中的文字存为 .txt，或找到原 .docx",
             "a PDF cannot be checked; copy its text into a .txt, or use the original .docx"),
    ".rtf": ("RTF 文档不能直接读取，请另存为 .docx",
             "an RTF document; save it as .docx"),
}


def explain_format(path: str, exc: JianghuaError) -> JianghuaError:
    """``exc`` about ``path``, or a clearer error if the suffix says what the file is."""
    hint = _HINTS.get(os.path.splitext(path)[1].lower())
    if hint is None or not isinstance(exc, InputError) or not os.path.isfile(path):
        return exc
    return InputError(hint[0], hint[1], path=path)
