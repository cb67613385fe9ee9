"""Put edited part trees back into a .docx, changing no byte that was not edited.

docx.writer edits the parsed trees of the parts holding text (``word/document.xml``,
``word/footnotes.xml``…). This module writes them back: each edited part is serialized
again with its original XML declaration and namespace declarations
(``serialize_part``), and the package is rebuilt with every other member copied
unchanged — same bytes, same compression, same order, same dates and attributes
(``rezip``).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile

from lxml import etree

_DECLARATION = re.compile(rb"^(?:\xef\xbb\xbf)?<\?xml[^>]*\?>[ \t\r\n]*")


def serialize_part(root: etree._Element, original: bytes) -> bytes:
    """The part again, with the declaration it had (quotes, standalone, the line break
    after it) byte for byte; lxml keeps the namespace declarations where they were.
    (Text lxml re-encodes: a character reference such as ``&#21315;`` comes out as the
    UTF-8 character, the same text.)"""
    tree = root.getroottree()
    encoding = tree.docinfo.encoding or "UTF-8"
    if encoding.upper().replace("_", "-") not in ("UTF-8", "UTF8"):
        return etree.tostring(tree, xml_declaration=True, encoding=encoding,
                              standalone=tree.docinfo.standalone)
    match = _DECLARATION.match(original)
    head = match.group(0) if match else b""
    # The parser keeps no white space outside the root element; put back what ended
    # the part (a pretty-printer's final line break).
    end = original[len(original.rstrip(b" \t\r\n")):]
    body = etree.tostring(tree, encoding="UTF-8", xml_declaration=False)
    return head + body.rstrip(b" \t\r\n") + end


def _strip_zip64(extra: bytes) -> bytes:
    """The extra field without a ZIP64 record (zipfile writes its own when needed)."""
    out, i = b"", 0
    while i + 4 <= len(extra):
        kind = int.from_bytes(extra[i:i + 2], "little")
        size = int.from_bytes(extra[i + 2:i + 4], "little")
        if kind != 0x0001:
            out += extra[i:i + 4 + size]
        i += 4 + size
    return out


def rezip(data: bytes, replaced: dict[str, bytes]) -> bytes:
    """The package with ``replaced`` members swapped in; every member, in the same order,
    with the same compression, dates and attributes, the others with the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        dst.comment = src.comment
        for info in src.infolist():
            blob = replaced.get(info.filename)
            if blob is None:
                blob = src.read(info)
            try:
                clone = zipfile.ZipInfo(info.filename, info.date_time)
            except ValueError:  # a date zipfile will not write (before 1980)
                clone = zipfile.ZipInfo(info.filename)
            clone.compress_type = info.compress_type
            clone.comment = info.comment
            clone.create_system = info.create_system
            clone.external_attr = info.external_attr
            clone.internal_attr = info.internal_attr
            clone.extra = _strip_zip64(info.extra)
            with warnings.catch_warnings():  # a duplicate name is kept, as it was
                warnings.simplefilter("ignore", UserWarning)
                dst.writestr(clone, blob)
    return out.getvalue()


__all__ = ["rezip", "serialize_part"]
