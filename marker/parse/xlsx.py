"""Excel (.xlsx) portfolios: every sheet, cut into titles, notes, tables (each with its
header row found) and forms; each data row or labelled answer a block."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import BinaryIO

from openpyxl.utils import get_column_letter, range_boundaries

from marker.parse.columns import role_of
from marker.parse.model import (
    Block,
    BlockKind,
    Cell,
    Locator,
    ParseWarning,
    Portfolio,
)
from marker.parse.strict import UnmappedStrict, refuse_strict
from marker.parse.tables import GridCell, GridRow, Segment, SegmentKind, segment
from marker.parse.workbook import SheetData, SheetPart, Value, read_package, read_sheet

# Rows of data per sheet (rows showing text, below the header): a portfolio never needs
# more, and a hostile file may claim a million.
MAX_ROWS = 5_000
MAX_COLUMNS = 60
HEADER_SEARCH_ROWS = 15


def read_xlsx(path: Path | BinaryIO, source: str, sha256: str) -> Portfolio:
    """Parse an .xlsx into a Portfolio: title rows as headings, data rows as table rows."""
    blocks: list[Block] = []
    warnings: list[ParseWarning] = []
    with zipfile.ZipFile(path) as archive:
        try:
            package = read_package(archive)
            for sheet in package.sheets:
                data = read_sheet(
                    archive, package, sheet, MAX_ROWS + HEADER_SEARCH_ROWS, MAX_COLUMNS
                )
                _read_sheet(sheet, data, blocks, warnings)
        except UnmappedStrict:
            raise refuse_strict(source, "xlsx") from None
    if not blocks:
        warnings.append(ParseWarning(code="empty", message="The workbook has no text in it."))
    properties = package.properties
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


def _grid_rows(data: SheetData) -> list[GridRow]:
    """The sheet's rows as the table reader sees them: cells with their merged width and
    look, and whether blank rows lie above."""
    spans: dict[tuple[int, int], int] = {}
    for ref in data.merges:
        min_col, min_row, max_col, _ = range_boundaries(ref)
        if max_col > min_col:
            spans[(min_row, min_col)] = max_col - min_col + 1
    rows = []
    previous = None
    for number, values in data.rows:
        cells = [
            GridCell(
                column=v.column,
                text=v.text,
                span=spans.get((number, v.column), 1),
                bold=v.look.bold,
                filled=v.look.filled,
                date=v.date is not None,
                prompt=v.look.grey,
            )
            for v in values
        ]
        gap = previous is not None and number > previous + 1
        rows.append(GridRow(number, cells, gap_before=gap))
        previous = number
    return rows


def _kept(segments: list[Segment], count: int) -> tuple[list[Segment], bool]:
    """MAX_ROWS rows of data at most below the first header (within the first
    HEADER_SEARCH_ROWS rows); and whether any were cut."""
    header = next((s.header for s in segments if s.header is not None), None)
    keep = MAX_ROWS + (header + 1 if header is not None and header < HEADER_SEARCH_ROWS else 0)
    if count <= keep:
        return segments, False
    kept = []
    for part in segments:
        part.rows = [i for i in part.rows if i < keep]
        part.fields = [f for f in part.fields if f.row < keep]
        if part.rows:
            kept.append(part)
    return kept, True


def _read_sheet(
    sheet: SheetPart, data: SheetData, blocks: list[Block], warnings: list[ParseWarning]
) -> None:
    title = sheet.title
    hidden = sheet.hidden
    merges = data.merges
    rows = _grid_rows(data)
    width = max((c.column + c.span - 1 for r in rows for c in r.cells), default=0)
    segments, truncated = _kept(segment(rows, width, lone_cells_are_text=True), len(rows))
    truncated |= data.more_rows
    _warn(sheet, data, truncated, warnings)
    values = dict(data.rows)
    reader = _SheetReader(title, hidden, blocks)
    for position, part in enumerate(segments):
        before = segments[position - 1] if position else None
        heading = (
            rows[before.rows[0]].texts[0].text
            if before is not None and before.kind is SegmentKind.TITLE
            else None
        )
        if part.kind is SegmentKind.TITLE:
            reader.title(rows[part.rows[0]], first=position == 0)
        elif part.kind is SegmentKind.TEXT:
            reader.text(rows[part.rows[0]])
        else:
            if heading is None and rows[part.rows[0]].gap_before:
                reader.end_section()  # a table of its own, not the text above's section
            if part.kind is SegmentKind.FIELDS:
                reader.fields(part, rows, values, heading)
            else:
                reader.table(part, rows, values, merges, heading)


def _warn(sheet: SheetPart, data: SheetData, truncated: bool, warnings: list[ParseWarning]) -> None:
    title = sheet.title
    if sheet.hidden:
        warnings.append(
            ParseWarning(
                code="hidden-sheet",
                message=f"Sheet '{title}' is hidden; its text was read and is marked as hidden.",
            )
        )
    if data.merges:
        warnings.append(
            ParseWarning(
                code="merged-cells",
                message=f"Sheet '{title}' has {len(data.merges)} merged cell range(s); "
                "each merged value was read once, from its first cell.",
            )
        )
    missing = data.formulas_without_values
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
                message=f"Sheet '{title}' has more than {MAX_ROWS} rows of data; only the "
                f"first {MAX_ROWS} were read.",
            )
        )


class _SheetReader:
    """Blocks for one sheet's segments: headings, notes, tables and labelled fields.

    Tables are numbered per sheet (`Locator.table`), so two tables on one sheet are
    two tables to every later stage; the locator a person reads stays the cell."""

    def __init__(self, title: str, hidden: bool, blocks: list[Block]) -> None:
        self.sheet = title
        self.hidden = hidden
        self.blocks = blocks
        self.top: str | None = None  # the sheet's own title, above everything
        self.path = [title]
        self.tables = 0

    def _add(self, kind: BlockKind, text: str, locator: Locator, **extra) -> Block:
        block = Block(
            index=len(self.blocks),
            kind=kind,
            text=text,
            heading_path=list(self.path),
            locator=locator,
            hidden=self.hidden,
            **extra,
        )
        self.blocks.append(block)
        return block

    def _at(self, row: GridRow, cell: GridCell, **extra) -> Locator:
        reference = f"{get_column_letter(cell.column)}{row.number}"
        return Locator(sheet=self.sheet, cell=reference, **extra)

    def title(self, row: GridRow, first: bool) -> None:
        """A title row: a heading over what follows; the sheet's first one over the rest."""
        cell = row.texts[0]
        under = [self.sheet] if self.top is None else [self.sheet, self.top]
        self.path = under
        self._add(
            BlockKind.HEADING,
            cell.text,
            self._at(row, cell),
            level=len(under) + 1,
            prompt=cell.prompt,
        )
        self.path = [*under, cell.text]
        if first:
            self.top = cell.text

    def end_section(self) -> None:
        """A table after a blank gap, with no title of its own, is not under the title of
        the text above it ("Career goal", a paragraph, a gap, then the objectives)."""
        self.path = [self.sheet] if self.top is None else [self.sheet, self.top]

    def text(self, row: GridRow) -> None:
        cell = row.texts[0]
        self._add(BlockKind.PARAGRAPH, cell.text, self._at(row, cell), prompt=cell.prompt)

    def fields(
        self,
        part: Segment,
        rows: list[GridRow],
        values: dict[int, list[Value]],
        heading: str | None,
    ) -> None:
        self.tables += 1
        reading = self._reading(part.reason, heading)
        if part.header is not None:  # the form's own header ("Section | Details")
            number = rows[part.header].number
            cells = [self._cell(number, v, v.text, self.tables) for v in values[number]]
            locator = Locator(sheet=self.sheet, row=number, table=self.tables)
            text = " | ".join(c.text for c in cells)
            self._add(BlockKind.TABLE_HEADER, text, locator, cells=cells, reading=reading)
            reading = None
        for plan in part.fields:
            row = rows[plan.row]
            cell = next(c for c in row.cells if c.column == plan.column)
            locator = self._at(row, cell, column=plan.label, table=self.tables)
            answer = Cell(
                text=plan.text,
                header=plan.label,
                role=role_of(plan.label),
                date=None,
                locator=locator,
                prompt=cell.prompt,
            )
            self._add(BlockKind.FIELD, plan.text, locator, cells=[answer], reading=reading)
            reading = None

    def table(
        self,
        part: Segment,
        rows: list[GridRow],
        values: dict[int, list[Value]],
        merges: list[str],
        heading: str | None,
    ) -> None:
        self.tables += 1
        number = self.tables
        headers: dict[int, str] = {}
        if part.header is not None:
            header = rows[part.header]
            headers = {c.column: c.text for c in header.texts}
            _spread_merged_headers(header.number, headers, merges)
            reason = f"header row {header.number} ({part.reason})"
        else:
            reason = part.reason
        reading = self._reading(reason, heading)
        for index in part.rows:
            row = rows[index]
            row_values = values[row.number]
            if index == part.header:
                kind = BlockKind.TABLE_HEADER
                cells = [self._cell(row.number, v, v.text, number) for v in row_values]
            else:
                kind = BlockKind.TABLE_ROW
                cells = self._data_cells(row.number, row_values, headers, number)
            locator = Locator(sheet=self.sheet, row=row.number, table=number)
            text = " | ".join(c.text for c in cells if c.text)
            self._add(kind, text, locator, cells=cells, reading=reading)
            reading = None

    def _reading(self, reason: str, heading: str | None) -> str:
        titled = f"title '{heading}', " if heading else ""
        return f"sheet segment {self.tables}: {titled}{reason}"

    def _data_cells(
        self, number: int, values: list[Value], headers: dict[int, str], table: int
    ) -> list[Cell]:
        """Every headed column (empty ones too, so a gap shows), then any unheaded value."""
        by_column = {v.column: v for v in values}
        cells = [
            self._cell(number, by_column.get(column) or Value(column, "", None), header, table)
            for column, header in sorted(headers.items())
        ]
        cells += [self._cell(number, v, None, table) for v in values if v.column not in headers]
        return cells

    def _cell(self, number: int, value: Value, header: str | None, table: int) -> Cell:
        reference = f"{get_column_letter(value.column)}{number}"
        return Cell(
            text=value.text,
            header=header,
            role=role_of(header),
            date=value.date,
            locator=Locator(sheet=self.sheet, cell=reference, column=header, table=table),
            prompt=value.look.grey,
        )


def _spread_merged_headers(row: int, headers: dict[int, str], merges: list[str]) -> None:
    """A header merged across columns names every column under it."""
    for ref in merges:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if min_row <= row <= max_row and min_col in headers:
            for column in range(min_col + 1, max_col + 1):
                headers.setdefault(column, headers[min_col])
