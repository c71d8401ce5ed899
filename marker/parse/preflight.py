"""Pre-flight: refuse unsafe or unreadable files before any XML is parsed.

Learners upload whatever they have: renamed PDFs, old .doc files, password-protected
workbooks, damaged zips, and now and then something built to hurt (a zip that inflates
to gigabytes, XML entity expansion). Each is refused here with a stable code and a
message the learner can act on; the internals (sizes, ratios, entry names) go to the
log, never into the message.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
import zlib

from lxml import etree

from marker.parse.errors import PortfolioError
from marker.parse.formats import REFUSED

log = logging.getLogger("marker.preflight")

MAX_FILE_BYTES = 25 * 1024**2
MAX_ENTRIES = 2_000
MAX_ENTRY_BYTES = 100 * 1024**2
MAX_TOTAL_BYTES = 200 * 1024**2
MAX_RATIO = 100  # uncompressed / compressed, for entries over RATIO_FLOOR bytes
RATIO_FLOOR = 1024**2
XML_HEAD_BYTES = 4_096  # a DOCTYPE or ENTITY declaration must come before the root element

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_MAGIC = b"%PDF"

MESSAGES = {
    "empty-file": "The file is empty (0 bytes): save your work again and upload it.",
    "too-large": "The file is too large to mark (over 25 MB): remove pictures or split it.",
    # what the bytes are gets the message its suffix would have had (formats.REFUSED)
    "legacy-doc": REFUSED[".doc"][1],
    "legacy-xls": REFUSED[".xls"][1],
    "encrypted": "This file is password-protected: remove the password and upload it again.",
    "pdf": REFUSED[".pdf"][1],
    "not-office-file": "This is not a Word (.docx) or Excel (.xlsx) file: upload the original.",
    "corrupt": "The file is damaged and cannot be opened: open it in Office, save it again "
    "and re-upload it.",
    "zip-bomb": "The file is damaged or too large to open safely: open it in Office, save "
    "it again and re-upload it.",
    "zip-unsafe": "The file's contents are not laid out as Office saves them: open it in "
    "Office, save it again and re-upload it.",
    "xlsb": REFUSED[".xlsb"][1],
    "xml-doctype": "The file contains content that is not allowed in Office documents: open "
    "it in Office, save it again and re-upload it.",
}

_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "docx",
    "application/vnd.ms-word.document.macroenabled.main+xml": "docm",
    "application/vnd.ms-word.template.macroenabledtemplate.main+xml": "docm",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "xlsx",
    "application/vnd.ms-excel.sheet.macroenabled.main+xml": "xlsm",
    "application/vnd.ms-excel.template.macroenabled.main+xml": "xlsm",
    "application/vnd.ms-excel.sheet.binary.macroenabled.main": "xlsb",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
_KIND_NAMES = {"docx": "a Word document", "xlsx": "an Excel workbook"}
_DRIVE = re.compile(r"^[a-zA-Z]:")
_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def refuse(source: str, code: str, detail: str = "", message: str | None = None) -> PortfolioError:
    """The error to raise; `detail` is for the log only."""
    if detail:
        log.warning("%s refused (%s): %s", source, code, detail)
    return PortfolioError(source, code, message or MESSAGES[code])


def check_size(source: str, size: int) -> None:
    """Refuse an empty or oversized file from its size alone, before it is read."""
    if size == 0:
        raise refuse(source, "empty-file")
    if size > MAX_FILE_BYTES:
        raise refuse(source, "too-large", f"{size} bytes")


def preflight(data: bytes, source: str, expected: str) -> None:
    """Raise PortfolioError unless `data` looks like a safe `expected` ("docx"/"xlsx")."""
    check_size(source, len(data))
    head = data[:8]
    if head.startswith(OLE_MAGIC):
        raise _compound_file(data, source, expected)
    if head.startswith(PDF_MAGIC):
        raise refuse(source, "pdf")
    if not head.startswith(ZIP_MAGIC):
        raise refuse(source, "not-office-file", f"starts with {head!r}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_directory(archive, source)
            _check_declarations(archive, source)
            _check_type(archive, source, expected)
    except zipfile.BadZipFile as error:
        raise refuse(source, "corrupt", str(error)) from None
    except (OSError, EOFError, RuntimeError, ValueError, zlib.error) as error:
        raise refuse(source, "corrupt", f"{type(error).__name__}: {error}") from None


def _compound_file(data: bytes, source: str, expected: str) -> PortfolioError:
    """An OLE compound file: an encrypted Office file, or a legacy .doc/.xls."""

    def has(stream: str) -> bool:  # directory entries name streams in UTF-16
        return stream.encode("utf-16-le") in data

    if has("EncryptedPackage") or has("EncryptionInfo"):
        return refuse(source, "encrypted")
    if has("WordDocument"):
        return refuse(source, "legacy-doc")
    if has("Workbook") or has("Book"):
        return refuse(source, "legacy-xls")
    return refuse(source, "legacy-doc" if expected == "docx" else "legacy-xls", "unknown OLE")


def _check_directory(archive: zipfile.ZipFile, source: str) -> None:
    """Sizes, ratios, names, flags and methods, from the central directory alone."""
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise refuse(source, "zip-bomb", f"{len(entries)} entries")
    names: set[str] = set()
    total = 0
    for entry in entries:
        name = entry.filename
        if name in names or _unsafe_name(name):
            raise refuse(source, "zip-unsafe", f"entry name {name!r}")
        names.add(name)
        if entry.flag_bits & 0x1:
            raise refuse(source, "encrypted", f"zip entry {name!r} is encrypted")
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise refuse(source, "zip-unsafe", f"compression method {entry.compress_type}")
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        too_big = entry.file_size > MAX_ENTRY_BYTES
        if too_big or (entry.file_size > RATIO_FLOOR and ratio > MAX_RATIO):
            raise refuse(source, "zip-bomb", f"{name!r}: {entry.file_size} bytes, {ratio:.0f}:1")
    if total > MAX_TOTAL_BYTES:
        raise refuse(source, "zip-bomb", f"{total} bytes in all")


def _unsafe_name(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or bool(_DRIVE.match(name))


def _check_declarations(archive: zipfile.ZipFile, source: str) -> None:
    """No DOCTYPE or ENTITY in any XML part: Office never writes them, attacks do."""
    for entry in archive.infolist():
        if entry.filename.endswith((".xml", ".rels")):
            with archive.open(entry) as stream:
                head = stream.read(XML_HEAD_BYTES)
            if _DECLARATION.search(head):
                raise refuse(source, "xml-doctype", f"declaration in {entry.filename!r}")


def _check_type(archive: zipfile.ZipFile, source: str, expected: str) -> None:
    try:
        with archive.open("[Content_Types].xml") as stream:
            types = etree.fromstring(stream.read(MAX_ENTRY_BYTES), _SAFE_XML)
    except KeyError:
        raise refuse(source, "not-office-file", "no [Content_Types].xml") from None
    except etree.XMLSyntaxError as error:
        raise refuse(source, "corrupt", f"content types: {error}") from None
    kinds = {
        _MAIN_TYPES[content.lower()]
        for element in types
        if (content := element.get("ContentType", "")).lower() in _MAIN_TYPES
    }
    if not kinds:
        raise refuse(source, "not-office-file", "no Word or Excel main part")
    kind = sorted(kinds)[0]
    if kind in ("docm", "xlsm"):
        raise refuse(source, "macro-enabled", message=REFUSED[f".{kind}"][1])
    if kind == "xlsb":
        raise refuse(source, "xlsb")
    if kind == "pptx":
        raise refuse(
            source,
            "not-office-file",
            message="This is a PowerPoint file: upload your "
            "Word (.docx) or Excel (.xlsx) portfolio instead.",
        )
    if kind != expected:
        wanted = {"docx": ".docx", "xlsx": ".xlsx"}[kind]
        raise refuse(
            source,
            "wrong-type",
            f"{kind} named .{expected}",
            message=f"This is {_KIND_NAMES[kind]} saved with a .{expected} name: rename it to "
            f"{wanted} and upload it again.",
        )
