"""Strict Open XML files for tests, made from the transitional files python-docx and
openpyxl write: every transitional namespace and relationship type is renamed to its
Strict twin, as Word and Excel do when they save "Strict Open XML"."""

from __future__ import annotations

import io
import zipfile

_OPENXML = "http://schemas.openxmlformats.org/"
_STRICT = "http://purl.oclc.org/ooxml/"

# transitional -> Strict, longest first so that a namespace never shadows a longer one
_RENAMES = [
    (
        _OPENXML + "officeDocument/2006/relationships/extended-properties",
        _STRICT + "officeDocument/relationships/extendedProperties",
    ),
    (
        _OPENXML + "officeDocument/2006/relationships/custom-properties",
        _STRICT + "officeDocument/relationships/customProperties",
    ),
    (
        _OPENXML + "officeDocument/2006/extended-properties",
        _STRICT + "officeDocument/extendedProperties",
    ),
    (
        _OPENXML + "officeDocument/2006/custom-properties",
        _STRICT + "officeDocument/customProperties",
    ),
    (_OPENXML + "officeDocument/2006/relationships", _STRICT + "officeDocument/relationships"),
    (_OPENXML + "officeDocument/2006/docPropsVTypes", _STRICT + "officeDocument/docPropsVTypes"),
    (_OPENXML + "wordprocessingml/2006/main", _STRICT + "wordprocessingml/main"),
    (_OPENXML + "spreadsheetml/2006/main", _STRICT + "spreadsheetml/main"),
    (_OPENXML + "drawingml/2006/main", _STRICT + "drawingml/main"),
    (_OPENXML + "drawingml/2006/picture", _STRICT + "drawingml/picture"),
    (
        _OPENXML + "drawingml/2006/wordprocessingDrawing",
        _STRICT + "drawingml/wordprocessingDrawing",
    ),
    (_OPENXML + "drawingml/2006/spreadsheetDrawing", _STRICT + "drawingml/spreadsheetDrawing"),
]

# Word and Excel say so on the root element
_CONFORMANCE = {
    "word/document.xml": (b"<w:document ", b'<w:document w:conformance="strict" '),
    "xl/workbook.xml": (b"<workbook ", b'<workbook conformance="strict" '),
}


def to_strict(data: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    """A Strict copy of a transitional .docx/.xlsx; `extra` replaces parts afterwards."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename.endswith((".xml", ".rels")):
                text = payload.decode("utf-8")
                for old, new in _RENAMES:
                    text = text.replace(old, new)
                payload = text.encode("utf-8")
                if info.filename in _CONFORMANCE:
                    root, marked = _CONFORMANCE[info.filename]
                    payload = payload.replace(root, marked, 1)
            target.writestr(info.filename, (extra or {}).get(info.filename, payload))
    return buffer.getvalue()


def transitional_left(data: bytes) -> list[str]:
    """Parts that still name a transitional namespace (none, for a faithful conversion)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    return [
        name
        for name in archive.namelist()
        if name.endswith((".xml", ".rels"))
        and any(old.encode() in archive.read(name) for old, _ in _RENAMES)
    ]
