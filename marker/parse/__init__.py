"""Parse stage: .docx and .xlsx files into one `Portfolio` model with locators."""

from __future__ import annotations

import gc
import hashlib
import io
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import XMLSyntaxError

from marker.parse.docx import read_docx
from marker.parse.errors import PortfolioError
from marker.parse.formats import REFUSED, SUFFIXES
from marker.parse.model import Block, BlockKind, Cell, Locator, Part, Portfolio
from marker.parse.preflight import check_size, preflight
from marker.parse.reading import read_structure

__all__ = [
    "SUFFIXES",
    "Block",
    "BlockKind",
    "Cell",
    "Locator",
    "Part",
    "Portfolio",
    "PortfolioError",
    "Source",
    "parse_file",
    "parse_with_anchors",
    "read_source",
]


Source = Path | str | tuple[str, bytes]  # a file, or a file's name and its bytes


def parse_file(source: Source) -> Portfolio:
    """Read one portfolio file; raise `PortfolioError` with a plain message if it cannot be.

    `source` is a path, or a file's name and bytes as `read_source` gives them (a worker
    that cannot see the disk the file is on): both get every check and the same result.
    """
    return parse_with_anchors(source)[0]


def read_source(path: Path) -> bytes:
    """A file's bytes; refused from its size alone when empty or too large to mark."""
    try:
        check_size(path.name, path.stat().st_size)  # a pipe is empty, never waited on
        return path.read_bytes()
    except FileNotFoundError:
        raise PortfolioError(path.name, "not-found", "The file does not exist.") from None
    except OSError as error:
        raise PortfolioError(
            path.name, "unreadable", f"The file could not be opened ({error.strerror})."
        ) from None


def parse_with_anchors(source: Source) -> tuple[Portfolio, dict]:
    """The portfolio and, for .docx, the XML element behind each locator (for annotation)."""
    name = source[0] if isinstance(source, tuple) else Path(source).name
    suffix = PurePosixPath(name).suffix.lower()
    kind = SUFFIXES.get(suffix)
    if kind is None:
        code, message = REFUSED.get(
            suffix,
            ("unsupported-type", "Only Word (.docx) and Excel (.xlsx) files can be marked."),
        )
        raise PortfolioError(name, code, message)
    data = source[1] if isinstance(source, tuple) else read_source(Path(source))
    preflight(data, name, kind)  # before any XML is read: sizes, type, zip directory
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        with _collector_paused():
            if kind == "docx":
                portfolio, anchors = read_docx(io.BytesIO(data), name, sha256)
            else:
                from marker.parse.xlsx import read_xlsx  # loaded only when a workbook is read

                portfolio, anchors = read_xlsx(io.BytesIO(data), name, sha256), {}
            return read_structure(portfolio), anchors
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        PackageNotFoundError,
        KeyError,
        XMLSyntaxError,
        ValueError,
        OSError,
    ) as error:
        raise PortfolioError(
            name,
            "corrupt",
            f"The file is damaged or is not really a {kind.upper()} file; "
            "open it in Office, save it again and re-upload it.",
        ) from error


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading makes many small objects and no reference cycles; the cyclic collector's
    passes over the growing heap took half the time of a 5,000-row sheet (0.66 s of 1.22 s
    measured) and grew faster than the sheet, so they wait until the file is read."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
