"""Reading a decisions sheet (CSV or XLSX) safely: checked before it is opened, then streamed.

A decisions sheet is typed or exported by people, so it is read as hostile input:

- The file gets the portfolios' pre-flight (`marker.parse.preflight`): size, type, and for
  a workbook the zip checks (bombs, encryption, macros, entity declarations).
- Rows are streamed (openpyxl read-only mode, the csv module over decoded text) and
  counted as they come; a sheet with more than MAX_DATA_ROWS rows of decisions is refused
  as soon as the count passes it, before the rest is read.
- A CSV's encoding is found from its byte-order mark, else UTF-8, else Windows-1252 (what
  Excel's plain "CSV" writes), and named in any error about its columns.
- Records are split only where the csv module splits them (newline='' semantics): a line
  separator inside a field (U+2028, U+2029, form feed, vertical tab, NEL) stays in the
  field, so row numbers are the ones Excel shows (the header is row 1).
- No field limit error escapes the csv module: its limit is raised to the file size cap
  while reading, and a field over MAX_FIELD_CHARS is a row problem found by the checks.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from collections.abc import Iterator
from contextlib import closing, contextmanager
from itertools import chain, islice
from pathlib import Path

import openpyxl

from marker.parse import read_source
from marker.parse.errors import PortfolioError
from marker.parse.preflight import MAX_FILE_BYTES, OLE_MAGIC, PDF_MAGIC, ZIP_MAGIC, preflight

COLUMNS: dict[str, str] = {
    "file": "Portfolio file",
    "learner": "Learner",
    "assessor": "Assessor",
    "marking_point": "Marking point id",
    "verdict": "Verdict",
    "date": "Decision date",
    "comment": "Comment",
}
"""Canonical column -> the header the template writes."""

REQUIRED = ("file", "learner", "assessor", "marking_point", "verdict", "date")

HEADER_ALIASES: dict[str, str] = {
    "portfolio file": "file",
    "portfolio": "file",
    "file": "file",
    "file name": "file",
    "filename": "file",
    "portfolio path": "file",
    "path": "file",
    "learner": "learner",
    "learner name": "learner",
    "candidate": "learner",
    "assessor": "assessor",
    "assessor name": "assessor",
    "marking point id": "marking_point",
    "marking point": "marking_point",
    "verdict": "verdict",
    "decision": "verdict",
    "outcome": "verdict",
    "decision date": "date",
    "date": "date",
    "date of decision": "date",
    "comment": "comment",
    "comments": "comment",
    "notes": "comment",
}
MAX_DATA_ROWS = 50_000
"""Decision rows one sheet may hold; a term of a large centre is a few thousand."""
MAX_FIELD_CHARS = 128 * 1024
HEADER_SEARCH_ROWS = 10
SNIFF_CHARS = 4096

RawRow = tuple[int, dict[str, object]]
Table = Iterator[tuple[int, list[object]]]


class DecisionFileError(Exception):
    """The sheet as a whole cannot be read (not a row problem): missing columns, bad format."""


def read_sheet(path: Path) -> list[RawRow]:
    """(row number, canonical column -> cell value) for every non-empty row after the header."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv", ".txt"):
        raise DecisionFileError(f"{name}: use a .csv or .xlsx file, not '{suffix}'")
    _preflight(path, suffix)
    if suffix == ".xlsx":
        opened, where = _xlsx_rows(path), name
    else:
        text, encoding = _decode(path)
        where = f"{name} (read as {encoding})"
        opened = _csv_rows(text, where)
    with closing(opened) as table, _csv_field_limit(), warnings.catch_warnings():
        # openpyxl warns (and gives "#VALUE!") for a date cell out of Excel's range;
        # the row check reports it
        warnings.simplefilter("ignore")
        head = list(islice(table, HEADER_SEARCH_ROWS))
        header_at, columns = _find_header(head, where)
        out: list[RawRow] = []
        for number, cells in chain(head[header_at + 1 :], table):
            values = {column: cells[i] for i, column in columns.items() if i < len(cells)}
            if any(_filled(v) for v in values.values()):
                if len(out) == MAX_DATA_ROWS:
                    raise DecisionFileError(
                        f"{name}: more than {MAX_DATA_ROWS:,} rows of decisions (row {number}); "
                        "split the sheet into smaller ones and record each"
                    )
                out.append((number, values))
    return out


def _preflight(path: Path, suffix: str) -> None:
    """The portfolios' checks for a workbook; for a CSV, size and what the bytes really are."""
    name = path.name
    if suffix == ".xlsx":
        try:
            preflight(read_source(path), name, "xlsx")
        except PortfolioError as error:
            raise DecisionFileError(f"{name}: {error.message}") from None
        return
    size = path.stat().st_size
    if size == 0:
        raise DecisionFileError(f"{name}: the file is empty (0 bytes)")
    if size > MAX_FILE_BYTES:
        raise DecisionFileError(
            f"{name}: the file is too large (over {MAX_FILE_BYTES // 1024**2} MB); "
            "split it into smaller sheets"
        )
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(ZIP_MAGIC):
        raise DecisionFileError(
            f"{name}: this is a workbook or other zip file, not a CSV; give it its real "
            "name (.xlsx) or save it as CSV"
        )
    if head.startswith(OLE_MAGIC):
        raise DecisionFileError(f"{name}: this is an old .xls file; save it as .xlsx or CSV")
    if head.startswith(PDF_MAGIC):
        raise DecisionFileError(f"{name}: this is a PDF; save the decisions as .xlsx or CSV")


def _xlsx_rows(path: Path) -> Table:
    name = path.name
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise DecisionFileError(f"{name}: not a readable .xlsx workbook ({error})") from None
    number = 0
    try:
        sheet = book["Decisions"] if "Decisions" in book.sheetnames else book.worksheets[0]
        # the stored dimension may claim 16,384 columns: rows as written, unpadded
        sheet.reset_dimensions()
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)
    except Exception as error:
        raise DecisionFileError(
            f"{name}: not a readable .xlsx workbook (damaged after row {number}: "
            f"{type(error).__name__})"
        ) from None
    finally:
        book.close()


def _decode(path: Path) -> tuple[str, str]:
    """The CSV's text and the encoding it was read in, by name."""
    name = path.name
    raw = path.read_bytes()
    if raw.startswith(codecs.BOM_UTF8):
        codec, label = "utf-8-sig", "UTF-8 with BOM"
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec, label = "utf-16", "UTF-16"
    elif b"\x00" in raw:
        raise DecisionFileError(
            f"{name}: the file holds NUL bytes, so it is not a text CSV (UTF-16 without a "
            "byte-order mark?); in Excel save it as 'CSV UTF-8'"
        )
    else:
        try:
            return raw.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            codec, label = "cp1252", "Windows-1252"  # Excel's plain "CSV" on Windows
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as error:
        raise DecisionFileError(
            f"{name}: not readable as {label} (byte {error.start}); in Excel save it as 'CSV UTF-8'"
        ) from None
    if "\x00" in text:
        raise DecisionFileError(f"{name}: the file holds NUL characters (read as {label})")
    return text, label


def _csv_rows(text: str, where: str) -> Table:
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:SNIFF_CHARS], ",;\t")
    except csv.Error:
        dialect = csv.excel
    # newline="": only \r, \n and \r\n end a line, and only outside quotes; the
    # str.splitlines separators (U+2028, form feed, NEL...) stay inside their field
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            yield number, list(row)
    except csv.Error as error:
        raise DecisionFileError(f"{where}: row {number + 1} cannot be read ({error})") from None


@contextmanager
def _csv_field_limit() -> Iterator[None]:
    """No field can exceed the file size cap, so the csv module never refuses one."""
    previous = csv.field_size_limit(MAX_FILE_BYTES)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _find_header(head: list[tuple[int, list[object]]], where: str) -> tuple[int, dict[int, str]]:
    """The header is the first row naming every required column, within the first few rows
    (a sheet may have a title line above it); if none does, say which columns are missing
    from the row that came closest."""
    best: tuple[list[object], dict[int, str]] | None = None
    for index, (_, cells) in enumerate(head):
        columns: dict[int, str] = {}
        for i, cell in enumerate(cells):
            canonical = HEADER_ALIASES.get(loose(cell_text(cell)))
            if canonical and canonical not in columns.values():
                columns[i] = canonical
        if all(c in columns.values() for c in REQUIRED):
            return index, columns
        if any(_filled(c) for c in cells) and (best is None or len(columns) > len(best[1])):
            best = (cells, columns)
    if best is None:
        raise DecisionFileError(f"{where}: the sheet is empty")
    cells, columns = best
    missing = [COLUMNS[c] for c in REQUIRED if c not in columns.values()]
    found = ", ".join(repr(cell_text(c)[:60]) for c in cells[:20] if _filled(c))
    raise DecisionFileError(
        f"{where}: missing column(s) {', '.join(missing)}; the header row has {found}. "
        "Run `marker audit template` for a sheet with the right headers."
    )


def cell_text(value: object) -> str:
    """A cell as one line of text: whitespace runs (line breaks included) become a space."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return re.sub(r"\s+", " ", str(value)).strip()


def _filled(value: object) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def loose(text: str) -> str:
    """Lower case, words of letters and digits only: how headers and ids are compared."""
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
