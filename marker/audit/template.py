"""The decisions template: a sheet a centre fills in and `marker audit record` reads back.

The XLSX version has drop-downs for marking point and verdict (lists on a second sheet, so
a pack with many marking points still fits) and a date check, because most rejected rows
in practice are free-typed verdicts, misspelt marking points and day/month slips.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from marker.audit.decisions import COLUMNS, EXAMPLE_MARK
from marker.audit.scheme import VERDICT_LABELS, VERDICTS, Pack
from marker.cells import write_csv, write_row
from marker.outputs import save

_EXAMPLE = {
    "file": "jo-bloggs-pdp.docx",
    "learner": "Jo Bloggs",
    "assessor": "A. Assessor",
    "verdict": "partially met",
    "comment": f"{EXAMPLE_MARK}: replace it with your own decisions (rows like it are skipped)",
}


def write_template(path: Path, pack: Pack) -> None:
    """A decisions sheet to fill in: headers, one example row, and (XLSX) drop-downs."""
    example: dict[str, object] = {
        **_EXAMPLE,
        "marking_point": next(iter(pack.marking_points)),
        "date": dt.date.today(),
    }
    if path.suffix.lower() == ".csv":
        example["date"] = dt.date.today().strftime("%d/%m/%Y")
        write_csv(path, [list(COLUMNS.values()), [example[c] for c in COLUMNS]])
        return
    _xlsx_template(path, pack, [example[c] for c in COLUMNS])


def _xlsx_template(path: Path, pack: Pack, example: list[object]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Decisions"
    write_row(sheet, 1, COLUMNS.values())
    write_row(sheet, 2, example)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="666666")
    sheet.cell(row=2, column=6).number_format = "DD/MM/YYYY"
    for letter, width in zip("ABCDEFG", (30, 20, 20, 22, 16, 14, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"

    lists = book.create_sheet("Lists")
    write_row(lists, 1, ["Marking point id", "Title", "Verdict"])
    labels = [VERDICT_LABELS[v] for v in VERDICTS]
    points = list(pack.marking_points.items())
    for i in range(max(len(points), len(labels))):
        point_id, title = points[i] if i < len(points) else ("", "")
        write_row(lists, i + 2, [point_id, title, labels[i] if i < len(labels) else ""])
    for cell in lists[1]:
        cell.font = Font(bold=True)
    lists.column_dimensions["A"].width, lists.column_dimensions["B"].width = 22, 60

    last = 1000
    point_list = DataValidation(
        type="list", formula1=f"=Lists!$A$2:$A${len(points) + 1}", allow_blank=True
    )
    verdict_list = DataValidation(
        type="list", formula1=f"=Lists!$C$2:$C${len(labels) + 1}", allow_blank=True
    )
    date_check = DataValidation(type="date", operator="greaterThan", formula1="36526")
    for validation, column, title in (
        (point_list, "D", "Marking point"),
        (verdict_list, "E", "Verdict"),
        (date_check, "F", "Decision date"),
    ):
        validation.error = f"Choose a {title.lower()} from the list (see sheet Lists)."
        validation.errorTitle = title
        validation.showErrorMessage = True
        sheet.add_data_validation(validation)
        validation.add(f"{column}2:{column}{last}")
    date_check.error = "Enter a date such as 31/03/2025."
    save(book, path)
