"""Excel (.xlsx) portfolios: every sheet, its header row found, each data row a block."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from openpyxl.utils import get_column_letter, range_boundaries

from marker.parse.columns import role_of
from marker.parse.layout import heading_level_by_look
from marker.parse.model import (
    Block,
    BlockKind,
    Cell,
    Locator,
    ParseWarning,
    Portfolio,
)
from marker.parse.strict import UnmappedStrict, refuse_strict
from marker.parse.workbook import SheetData, SheetPart, Value, read_package, read_sheet

# Rows of data per sheet (rows showing text, below the header): a portfolio never needs
# more, and a hostile file may claim a million.
MAX_ROWS = 5_000
MAX_COLUMNS = 60
HEADER_SEARCH_ROWS = 15


@dataclass
class _SheetLayout:
    header_row: int | None  # 1-based sheet row
    form: bool  # column A holds labels, the rest answers
    headers: dict[int, str]


def _layout(rows: list[tuple[int, list[Value]]]) -> _SheetLayout:
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


def _named_columns(values: list[Value]) -> int:
    """How many cells of a would-be header row name a known role (0 if it is no header)."""
    texts = [v for v in values if v.text]
    if len(texts) < 2 or any(v.date or len(v.text.split()) > 10 for v in texts):
        return 0
    named = sum(1 for v in texts if role_of(v.text))
    return named if named >= 2 and named * 2 >= len(texts) else 0


def _spread_merged_headers(layout: _SheetLayout, merges: list[str]) -> None:
    """A header merged across columns names every column under it."""
    if layout.header_row is None:
        return
    for ref in merges:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if min_row <= layout.header_row <= max_row and min_col in layout.headers:
            for column in range(min_col + 1, max_col + 1):
                layout.headers.setdefault(column, layout.headers[min_col])


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


def _data_rows(
    rows: list[tuple[int, list[Value]]], layout: _SheetLayout, more: bool
) -> tuple[list[tuple[int, list[Value]]], bool]:
    """The rows to read, MAX_ROWS of data at most below the header; and if any were cut."""
    keep = MAX_ROWS
    if layout.header_row is not None:
        keep += next(i for i, (n, _) in enumerate(rows) if n == layout.header_row) + 1
    return rows[:keep], more or len(rows) > keep


def _read_sheet(
    sheet: SheetPart, data: SheetData, blocks: list[Block], warnings: list[ParseWarning]
) -> None:
    title = sheet.title
    hidden = sheet.hidden
    merges = data.merges
    layout = _layout(data.rows)
    rows, truncated = _data_rows(data.rows, layout, data.more_rows)
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
    index: int, title: str, number: int, value: Value, path: list[str], hidden: bool
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
    )


def _data_cells(
    title: str, number: int, values: list[Value], headers: dict[int, str]
) -> list[Cell]:
    """Every headed column (empty ones too, so a gap shows), then any unheaded value."""
    by_column = {v.column: v for v in values}
    cells = [
        _cell(title, number, by_column.get(column) or Value(column, "", None), header)
        for column, header in sorted(headers.items())
    ]
    cells += [_cell(title, number, v, None) for v in values if v.column not in headers]
    return cells


def _cell(title: str, number: int, value: Value, header: str | None) -> Cell:
    reference = f"{get_column_letter(value.column)}{number}"
    return Cell(
        text=value.text,
        header=header,
        role=role_of(header),
        date=value.date,
        locator=Locator(sheet=title, cell=reference, column=header),
    )
