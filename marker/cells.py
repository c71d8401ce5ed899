"""Text from learners and assessors goes into spreadsheets as text, never as a formula.

openpyxl takes any string that starts with "=" for a formula (and "#N/A" and the like for
error values), so a paragraph `=HYPERLINK("http://…","1. My career goal")` would become a
live link in the assessor's grid. Every workbook writer puts values through `put`, which
keeps a string a string cell whatever it starts with. CSV has no cell types: a field that
a spreadsheet would read as a formula (starting with =, +, -, @, tab or carriage return)
gets a leading single quote, as OWASP recommends against CSV injection.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from marker.outputs import replacing

if TYPE_CHECKING:  # openpyxl is loaded by the writers that need it, not by every command
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def put(cell: Cell, value: object) -> Cell:
    """Store `value` in `cell`; a string is always a string cell."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # after the assignment, which guessed a formula or an error value
    return cell


def write_row(sheet: Worksheet, row: int, values: Iterable[object]) -> list[Cell]:
    """Put `values` in `row` from column A on; returns the cells."""
    return [
        put(sheet.cell(row=row, column=column), value)
        for column, value in enumerate(values, start=1)
    ]


def csv_field(value: object) -> object:
    """A CSV field no spreadsheet will run: a formula-like string gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(path: Path, rows: Iterable[Iterable[object]]) -> None:
    """Write rows as a CSV Excel opens as UTF-8, every string field neutralised; rows are
    written as they come, to a temporary file renamed into place when whole."""
    with replacing(path) as temporary, temporary.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows([csv_field(value) for value in row] for row in rows)
