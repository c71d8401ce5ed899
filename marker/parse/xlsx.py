"""Excel (.xlsx) portfolios: every sheet, its header row found, each data row a block."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet import _reader as openpyxl_sheet_reader
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.xml.functions import iterparse

from marker.parse.columns import role_of
from marker.parse.layout import heading_level_by_look
from marker.parse.model import (
    Block,
    BlockKind,
    Cell,
    Locator,
    ParseWarning,
    Portfolio,
    Properties,
)

MAX_ROWS = 5_000  # per sheet; a portfolio never needs more, a hostile file may claim a million
MAX_COLUMNS = 60
HEADER_SEARCH_ROWS = 15
SCAN_BYTES = 8 * 1024**2

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*\br="([A-Z]+[0-9]+)"[^>]*?(?:/>|>(.*?)</(?:\w+:)?c>)', re.S)
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*>[^<]")  # an empty <v/> is no value


def _dimensions_from_head(parser) -> tuple[int, int, int, int] | None:
    """A sheet's dimension record, looked for before its data only.

    openpyxl's own look reads to the *end* of the sheet's data when there is no record,
    so a sheet of a million rows would be read whole before read-only reading began."""
    for _, element in iterparse(parser.source, events=("start",)):
        if element.tag == openpyxl_sheet_reader.DIMENSION_TAG:
            return SheetDimension.from_tree(element).boundaries
        if element.tag == openpyxl_sheet_reader.DATA_TAG:
            return None
    return None


openpyxl_sheet_reader.WorkSheetParser.parse_dimensions = _dimensions_from_head


@dataclass
class _Value:
    column: int  # 1-based
    text: str
    date: dt.date | None
    prompt: bool = False  # grey text, as templates write their prompts


_GREY = re.compile(r"^(?:[0-9A-F]{2})?([0-9A-F]{2})\1\1$", re.I)


def _grey(cell) -> bool:
    """Text in a grey a template gives its prompts (not black, not near white)."""
    colour = getattr(getattr(getattr(cell, "font", None), "color", None), "rgb", None)
    match = _GREY.match(colour) if isinstance(colour, str) else None
    return match is not None and 0x60 <= int(match[1], 16) < 0xE0


def _render(value: object, number_format: str) -> tuple[str, dt.date | None]:
    """A cell value as a person would read it in Excel, and its date if it is one."""
    if value is None:
        return "", None
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.strftime("%d/%m/%Y"), value.date()
        return value.strftime("%d/%m/%Y %H:%M"), value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y"), value
    if isinstance(value, dt.time):
        return value.strftime("%H:%M"), None
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), None
    if isinstance(value, int | float):
        if "%" in (number_format or ""):
            return f"{value * 100:.10g}%", None
        return f"{value:.10g}", None
    return " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip(), None


@dataclass
class _SheetLayout:
    header_row: int | None  # 1-based sheet row
    form: bool  # column A holds labels, the rest answers
    headers: dict[int, str]


def _layout(rows: list[tuple[int, list[_Value]]]) -> _SheetLayout:
    """Find the header row (not assumed to be row 1) or a label/answer form layout."""
    labelled = [vals for _, vals in rows if vals and vals[0].column == 1 and len(vals) >= 2]
    if len(labelled) >= 2 and all(len(v) <= 2 for v in labelled):
        named = sum(1 for v in labelled if role_of(v[0].text))
        if named * 2 >= len(labelled) and not role_of(labelled[0][1].text):
            return _SheetLayout(None, True, {})
    best: tuple[int, int] | None = None  # (named columns, row number)
    for number, values in rows[:HEADER_SEARCH_ROWS]:
        named = _named_columns(values)
        if named and (best is None or named > best[0]):
            best = (named, number)
    if best is None:
        return _SheetLayout(None, False, {})
    values = next(v for n, v in rows if n == best[1])
    return _SheetLayout(best[1], False, {v.column: v.text for v in values if v.text})


def _named_columns(values: list[_Value]) -> int:
    """How many cells of a would-be header row name a known role (0 if it is no header)."""
    texts = [v for v in values if v.text]
    if len(texts) < 2 or any(v.date or len(v.text.split()) > 10 for v in texts):
        return 0
    named = sum(1 for v in texts if role_of(v.text))
    return named if named >= 2 and named * 2 >= len(texts) else 0


def _sheet_xml(workbook, sheet) -> bytes:
    """The start of the sheet's XML, for merged ranges and formulas.

    openpyxl's read-only sheets do not expose merged ranges or formulas alongside cached
    values, so the sheet part is scanned for both; only its first SCAN_BYTES, so that a
    sheet of a million rows costs no more than one that is read in full."""
    with workbook._archive.open(sheet._worksheet_path) as stream:
        return stream.read(SCAN_BYTES)


def _formulas_without_values(xml: bytes) -> list[str]:
    if not _FORMULA.search(xml):
        return []
    return [
        ref.decode()
        for ref, body in _CELL.findall(xml)
        if body and _FORMULA.search(body) and not _VALUE.search(body)
    ]


def _spread_merged_headers(layout: _SheetLayout, merges: list[str]) -> None:
    """A header merged across columns names every column under it."""
    if layout.header_row is None:
        return
    for ref in merges:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if min_row <= layout.header_row <= max_row and min_col in layout.headers:
            for column in range(min_col + 1, max_col + 1):
                layout.headers.setdefault(column, layout.headers[min_col])


def _read_rows(sheet) -> tuple[list[tuple[int, list[_Value]]], bool]:
    rows: list[tuple[int, list[_Value]]] = []
    truncated = False
    for number, row in enumerate(
        sheet.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS), start=1
    ):
        if number > MAX_ROWS:
            truncated = True
            break
        values = []
        for column, cell in enumerate(row, start=1):
            text, date = _render(cell.value, getattr(cell, "number_format", "") or "")
            if text:
                values.append(_Value(column, text, date, _grey(cell)))
        if values:
            rows.append((number, values))
    return rows, truncated


def read_xlsx(path: Path, source: str, sha256: str) -> Portfolio:
    """Parse an .xlsx into a Portfolio: title rows as headings, data rows as table rows."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        blocks: list[Block] = []
        warnings: list[ParseWarning] = []
        for sheet in workbook.worksheets:
            _read_sheet(workbook, sheet, blocks, warnings)
        props = workbook.properties
        properties = Properties(
            title=props.title or None,
            author=props.creator or None,
            last_modified_by=props.lastModifiedBy or None,
            created=props.created,
            modified=props.modified,
        )
    finally:
        workbook.close()
    if not blocks:
        warnings.append(ParseWarning(code="empty", message="The workbook has no text in it."))
    reference = properties.modified or properties.created
    return Portfolio(
        source=source,
        kind="xlsx",
        sha256=sha256,
        properties=properties,
        reference_date=reference.date() if reference else None,
        blocks=blocks,
        warnings=warnings,
    )


def _read_sheet(workbook, sheet, blocks: list[Block], warnings: list[ParseWarning]) -> None:
    title = sheet.title
    hidden = sheet.sheet_state != "visible"
    xml = _sheet_xml(workbook, sheet)
    merges = [m.decode() for m in _MERGE.findall(xml)]
    rows, truncated = _read_rows(sheet)
    layout = _layout(rows)
    _spread_merged_headers(layout, merges)

    if hidden:
        warnings.append(
            ParseWarning(
                code="hidden-sheet",
                message=f"Sheet '{title}' is hidden; its text was read and is marked as hidden.",
            )
        )
    if merges:
        warnings.append(
            ParseWarning(
                code="merged-cells",
                message=f"Sheet '{title}' has {len(merges)} merged cell range(s); "
                "each merged value was read once, from its first cell.",
            )
        )
    missing = _formulas_without_values(xml)
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        warnings.append(
            ParseWarning(
                code="formula-without-value",
                message=f"Sheet '{title}' has {len(missing)} formula(s) with no saved result "
                f"({shown}); open the file in Excel and save it so the results can be read.",
            )
        )
    if truncated:
        warnings.append(
            ParseWarning(
                code="truncated",
                message=f"Sheet '{title}' has more than {MAX_ROWS} rows; only the first "
                f"{MAX_ROWS} were read.",
            )
        )

    path = [title]
    prose = layout.header_row is None and not layout.form and all(len(v) == 1 for _, v in rows)
    for number, values in rows:
        locator = Locator(sheet=title, row=number)
        index = len(blocks)
        if prose:  # a sheet used as a page: one column of text
            blocks.append(_prose_block(index, title, number, values[0], path, hidden))
            if blocks[-1].kind is BlockKind.HEADING:
                path = [title, values[0].text]
            continue
        if layout.header_row is not None and number < layout.header_row and len(values) == 1:
            blocks.append(
                Block(
                    index=index,
                    kind=BlockKind.HEADING,
                    text=values[0].text,
                    level=len(path) + 1,
                    heading_path=list(path),
                    locator=locator,
                    hidden=hidden,
                    prompt=values[0].prompt,
                )
            )
            path.append(values[0].text)
            continue
        if number == layout.header_row:
            kind = BlockKind.TABLE_HEADER
            cells = [_cell(title, number, v, v.text) for v in values]
        elif layout.form or (layout.header_row is not None and number < layout.header_row):
            # a form, or "Learner | Jo Bloggs" lines above the table: label, then answer
            kind = BlockKind.TABLE_ROW
            label = values[0].text if values[0].column == 1 else None
            cells = [_cell(title, number, v, label) for v in values if v.column > 1 or not label]
        else:
            kind = BlockKind.TABLE_ROW
            cells = _data_cells(title, number, values, layout.headers)
        blocks.append(
            Block(
                index=index,
                kind=kind,
                text=" | ".join(c.text for c in cells if c.text),
                heading_path=list(path),
                locator=locator,
                cells=cells,
                hidden=hidden,
            )
        )


def _prose_block(
    index: int, title: str, number: int, value: _Value, path: list[str], hidden: bool
) -> Block:
    level = heading_level_by_look(value.text, bold=False)
    reference = f"{get_column_letter(value.column)}{number}"
    return Block(
        index=index,
        kind=BlockKind.PARAGRAPH if level is None else BlockKind.HEADING,
        text=value.text,
        level=None if level is None else level + 1,
        heading_path=[title] if level is not None else list(path),
        locator=Locator(sheet=title, cell=reference),
        hidden=hidden,
        prompt=value.prompt,
    )


def _data_cells(
    title: str, number: int, values: list[_Value], headers: dict[int, str]
) -> list[Cell]:
    """Every headed column (empty ones too, so a gap shows), then any unheaded value."""
    by_column = {v.column: v for v in values}
    cells = [
        _cell(title, number, by_column.get(column) or _Value(column, "", None), header)
        for column, header in sorted(headers.items())
    ]
    cells += [_cell(title, number, v, None) for v in values if v.column not in headers]
    return cells


def _cell(title: str, number: int, value: _Value, header: str | None) -> Cell:
    reference = f"{get_column_letter(value.column)}{number}"
    return Cell(
        text=value.text,
        header=header,
        role=role_of(header),
        date=value.date,
        locator=Locator(sheet=title, cell=reference, column=header),
        prompt=value.prompt,
    )
