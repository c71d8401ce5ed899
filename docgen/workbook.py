"""Write a portfolio's sheets as an Excel workbook with openpyxl."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from docgen.model import Portfolio, Sheet, XlCell

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
PROMPT_GREY = "808080"


def _write_cell(sheet: Worksheet, row: int, column: int, content: XlCell) -> None:
    looks = (content.format, content.bold, content.italic, content.colour, content.fill)
    if content.value in (None, "") and not any((*looks, content.wrap, content.prompt)):
        return
    cell = sheet.cell(row=row, column=column)
    value = content.value
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # "=..." is the learner's text, never a formula
    elif value is not None:
        cell.value = value
        if isinstance(value, dt.datetime):
            cell.number_format = DATETIME_FORMAT
        elif isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
    if content.format:
        cell.number_format = content.format
    italic = content.italic or content.prompt
    colour = content.colour or (PROMPT_GREY if content.prompt else None)
    if content.bold or italic or colour:
        cell.font = Font(bold=content.bold or None, italic=italic or None, color=colour)
    if content.fill:
        cell.fill = PatternFill("solid", fgColor=content.fill)
    if content.wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _write_sheet(workbook: Workbook, sheet: Sheet) -> None:
    written = workbook.create_sheet(sheet.name)
    written.sheet_state = sheet.state
    for letter, width in sheet.widths.items():
        written.column_dimensions[letter].width = width
    top, left = sheet.origin
    for row_offset, row in enumerate(sheet.rows):
        for column_offset, content in enumerate(row):
            _write_cell(written, top + row_offset, left + column_offset, content)
    for merge in sheet.merge:
        written.merge_cells(merge)


def build_workbook(portfolio: Portfolio) -> Workbook:
    """The portfolio's sheets as an openpyxl Workbook, the first visible sheet active."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in portfolio.sheets or []:
        _write_sheet(workbook, sheet)
    states = [sheet.state for sheet in portfolio.sheets or []]
    workbook.active = states.index("visible")
    return workbook
