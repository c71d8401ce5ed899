"""Strict Open XML: read as the transitional XML that the readers know.

Word and Excel can save "Strict Open XML" files: the same markup under other namespace
URIs (http://purl.oclc.org/ooxml/...) and relationship types. Each XML part is
rewritten in memory before it is parsed: every attribute value that is a known Strict
URI (namespace declarations, relationship types) becomes its transitional twin. A
Strict URI that has no twin is refused with its own code rather than read as nothing.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from marker.parse.errors import PortfolioError

STRICT = b"http://purl.oclc.org/ooxml/"
_OPENXML = "http://schemas.openxmlformats.org/"

# Strict URI (after STRICT) -> transitional URI
_NAMESPACES = {
    "wordprocessingml/main": "wordprocessingml/2006/main",
    "spreadsheetml/main": "spreadsheetml/2006/main",
    "presentationml/main": "presentationml/2006/main",
    "drawingml/main": "drawingml/2006/main",
    "drawingml/chart": "drawingml/2006/chart",
    "drawingml/chartDrawing": "drawingml/2006/chartDrawing",
    "drawingml/diagram": "drawingml/2006/diagram",
    "drawingml/lockedCanvas": "drawingml/2006/lockedCanvas",
    "drawingml/picture": "drawingml/2006/picture",
    "drawingml/spreadsheetDrawing": "drawingml/2006/spreadsheetDrawing",
    "drawingml/wordprocessingDrawing": "drawingml/2006/wordprocessingDrawing",
    "officeDocument/relationships": "officeDocument/2006/relationships",
    "officeDocument/bibliography": "officeDocument/2006/bibliography",
    "officeDocument/characteristics": "officeDocument/2006/characteristics",
    "officeDocument/customProperties": "officeDocument/2006/custom-properties",
    "officeDocument/customXml": "officeDocument/2006/customXml",
    "officeDocument/docPropsVTypes": "officeDocument/2006/docPropsVTypes",
    "officeDocument/extendedProperties": "officeDocument/2006/extended-properties",
    "officeDocument/math": "officeDocument/2006/math",
    "officeDocument/sharedTypes": "officeDocument/2006/sharedTypes",
    "schemaLibrary/main": "schemaLibrary/2006/main",
}
_RELATIONSHIP = "officeDocument/relationships/"
# relationship types whose names differ; every other type keeps its name
_RENAMED_TYPES = {
    "extendedProperties": "extended-properties",
    "customProperties": "custom-properties",
}

# A Strict URI as a whole attribute value (="..." or ='...'); text a learner typed is
# never an attribute value, so it is never rewritten.
_STRICT_VALUE = re.compile(rb"""(=\s*)(["'])http://purl\.oclc\.org/ooxml/([^"'<>\s]*)\2""")

_MESSAGES = {
    "docx": "This file was saved as Strict Open XML: save it again as a normal "
    "Word Document (.docx).",
    "xlsx": "This file was saved as Strict Open XML: save it again as a normal "
    "Excel Workbook (.xlsx).",
}


class UnmappedStrict(ValueError):
    """A Strict URI with no transitional twin."""


def transitional_uri(path: str) -> str | None:
    """The transitional URI for a Strict one given without its STRICT prefix."""
    if path in _NAMESPACES:
        return _OPENXML + _NAMESPACES[path]
    if path.startswith(_RELATIONSHIP) and "/" not in path[len(_RELATIONSHIP) :]:
        name = path[len(_RELATIONSHIP) :]
        return f"{_OPENXML}officeDocument/2006/relationships/{_RENAMED_TYPES.get(name, name)}"
    return None


def _replace(match: re.Match[bytes]) -> bytes:
    path = match.group(3).decode("ascii", "replace")
    uri = transitional_uri(path)
    if uri is None:
        raise UnmappedStrict(path)
    quote = match.group(2)
    return match.group(1) + quote + uri.encode() + quote


def to_transitional(xml: bytes) -> bytes:
    """An XML part with its Strict URIs mapped; unchanged (the same object) if it has none."""
    if STRICT not in xml:
        return xml
    return _STRICT_VALUE.sub(_replace, xml)


class StreamMapper:
    """`to_transitional` over a part read in chunks.

    Chunks are cut after their last '>': a mapped attribute value holds none, so no
    value is ever split between two chunks."""

    def __init__(self) -> None:
        self._held = b""

    def feed(self, chunk: bytes) -> bytes:
        data = self._held + chunk
        cut = data.rfind(b">") + 1
        self._held = data[cut:]
        return to_transitional(data[:cut])

    def close(self) -> bytes:
        held, self._held = self._held, b""
        return to_transitional(held)


def opened_as_transitional(path: Path) -> Path | io.BytesIO:
    """The file itself, or for a Strict file an in-memory transitional copy of it, for the
    libraries that edit a file (python-docx, openpyxl) and know only transitional XML."""
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    xml = (".xml", ".rels")
    if not any(STRICT in data for info, data in members if info.filename.endswith(xml)):
        return path
    copy = io.BytesIO()
    with zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            archive.writestr(info, to_transitional(data) if info.filename.endswith(xml) else data)
    copy.seek(0)
    return copy


def refuse_strict(source: str, kind: str) -> PortfolioError:
    return PortfolioError(source, "strict-ooxml", _MESSAGES[kind])
