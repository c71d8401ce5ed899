"""What a file found in a submissions folder is, from its name alone.

A batch must account for every file: a portfolio is marked, a file that looks like a
submission but cannot be read (an old .doc, a PDF, a photo of a page) is an error row
with a message the learner can act on, and the clutter that operating systems and
Office leave in folders is skipped and counted.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import PurePath

SUFFIXES = {".docx": "docx", ".xlsx": "xlsx"}

_SAVE_AS_DOCX = "open it in Word (or LibreOffice) and save it as a Word document (.docx)"
_SAVE_AS_XLSX = "open it in Excel (or LibreOffice) and save it as an Excel workbook (.xlsx)"

# suffix -> (stable code, message); the code is what machines match on.
REFUSED: dict[str, tuple[str, str]] = {
    ".doc": ("legacy-doc", "This is an old .doc file: open it in Word and save it as .docx."),
    ".dot": ("legacy-doc", "This is an old Word template (.dot): " + _SAVE_AS_DOCX + "."),
    ".xls": ("legacy-xls", "This is an old .xls file: open it in Excel and save it as .xlsx."),
    ".docm": (
        "macro-enabled",
        "This file contains macros (.docm): save it as a normal Word document (.docx).",
    ),
    ".dotm": (
        "macro-enabled",
        "This is a Word template with macros (.dotm): " + _SAVE_AS_DOCX + ".",
    ),
    ".xlsm": (
        "macro-enabled",
        "This file contains macros (.xlsm): save it as a normal Excel workbook (.xlsx).",
    ),
    ".xlsb": ("xlsb", "This is a binary Excel workbook (.xlsb): " + _SAVE_AS_XLSX + "."),
    ".dotx": ("template", "This is a Word template (.dotx): " + _SAVE_AS_DOCX + "."),
    ".xltx": ("template", "This is an Excel template (.xltx): " + _SAVE_AS_XLSX + "."),
    ".odt": ("opendocument", "This is an OpenDocument text file (.odt): " + _SAVE_AS_DOCX + "."),
    ".ods": (
        "opendocument",
        "This is an OpenDocument spreadsheet (.ods): " + _SAVE_AS_XLSX + ".",
    ),
    ".rtf": ("rtf", "This is a Rich Text file (.rtf): " + _SAVE_AS_DOCX + "."),
    ".pages": (
        "pages",
        "This is an Apple Pages file: export it from Pages as a Word file (.docx).",
    ),
    ".numbers": (
        "numbers",
        "This is an Apple Numbers file: export it from Numbers as an Excel file (.xlsx).",
    ),
    ".pdf": ("pdf", "This is a PDF, not a Word or Excel file: upload the original .docx or .xlsx."),
    ".txt": ("plain-text", "This is a plain text file: paste it into Word and save it as .docx."),
    ".csv": ("csv", "This is a CSV file: " + _SAVE_AS_XLSX + "."),
    ".pptx": (
        "not-office-file",
        "This is a PowerPoint file: upload your Word (.docx) or Excel (.xlsx) portfolio instead.",
    ),
    ".ppt": (
        "not-office-file",
        "This is a PowerPoint file: upload your Word (.docx) or Excel (.xlsx) portfolio instead.",
    ),
}
_IMAGE = (
    "image",
    "This is a picture, not a document: type the portfolio into Word (.docx) or Excel (.xlsx).",
)
for _suffix in (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".heic", ".webp"):
    REFUSED[_suffix] = _IMAGE

# Left in folders by operating systems and Office; never a learner's submission.
_CLUTTER_NAMES = {".ds_store", "thumbs.db", "desktop.ini", "ehthumbs.db"}


class FileKind(StrEnum):
    PORTFOLIO = "portfolio"  # .docx/.xlsx: marked
    REFUSED = "refused"  # looks like a submission but cannot be read: an error row
    CLUTTER = "clutter"  # lock files, .DS_Store, Thumbs.db: skipped and counted
    OTHER = "other"  # anything else: skipped and counted


def classify(path: PurePath) -> FileKind:
    """What a file is, from its name; upper-case extensions count the same."""
    name = path.name.lower()
    if name.startswith(("~$", ".~lock.")) or name in _CLUTTER_NAMES or name.startswith("._"):
        return FileKind.CLUTTER
    suffix = path.suffix.lower()
    if suffix in SUFFIXES:
        return FileKind.PORTFOLIO
    if suffix in REFUSED:
        return FileKind.REFUSED
    return FileKind.OTHER
