"""The assessor grid: sheets, header rows, colours, filters; CSV carries the same content."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest

from marker.report.grid import write_grid
from marker.rules.loader import load_pack
from marker.run import mark_file
from tests.conftest import fixture_files

LOADED = load_pack()
PACK = {"id": LOADED.pack.id, "version": LOADED.pack.version, "sha256": LOADED.sha256}
RUN = dt.date(2025, 7, 1)


@pytest.fixture(scope="module")
def records():
    marked = [mark_file(p, LOADED).model_dump(mode="json") for p in fixture_files()[:4]]
    return [*marked, {"file": "broken.docx", "error": {"code": "corrupt", "message": "Damaged."}}]


def test_xlsx_grid_has_every_sheet_ready_to_work_in(tmp_path, records):
    (path,) = write_grid(tmp_path / "grid.xlsx", records, pack=PACK, run_date=RUN, fmt="xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Summary", "Evidence", "Objectives", "Findings", "Errors"]
    summary = book["Summary"]
    assert "contact-centre-pdp" in summary["A1"].value and "01/07/2025" in summary["A1"].value
    header = [c.value for c in summary[2]]
    assert header[:2] == ["File", "Outcome"] and "Self-assessment against career goals" in header
    assert summary.freeze_panes == "B3"
    assert summary.auto_filter.ref.startswith("A2:")
    verdicts = [c for row in summary.iter_rows(min_row=3) for c in row[2:6]]
    assert {c.value for c in verdicts} <= {"Met", "Partially met", "Not met"}
    assert all(c.fill.fgColor.rgb.endswith(("C6EFCE", "FFEB9C", "FFC7CE")) for c in verdicts)
    assert [r[0].value for r in summary.iter_rows(min_row=3)] == sorted(
        p.name for p in fixture_files()[:4]
    )
    errors = book["Errors"]
    assert [c.value for c in errors[3]] == ["broken.docx", "corrupt", "Damaged."]
    assert book["Evidence"].max_row > 10 and book["Objectives"].max_row > 3


def test_csv_grid_carries_the_same_content(tmp_path, records):
    written = write_grid(tmp_path / "grid.csv", records, pack=PACK, run_date=RUN, fmt="csv")
    assert [p.name for p in written] == [
        "grid.csv",
        "grid.evidence.csv",
        "grid.objectives.csv",
        "grid.findings.csv",
        "grid.errors.csv",
    ]
    with written[0].open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][-3:] == ["Pack", "Pack version", "Run date"]
    assert len(rows) == 5  # four marked files
    xlsx = write_grid(tmp_path / "g.xlsx", records, pack=PACK, run_date=RUN, fmt="xlsx")[0]
    book = openpyxl.load_workbook(xlsx)
    with written[1].open(encoding="utf-8-sig") as handle:
        assert len(list(csv.reader(handle))) == book["Evidence"].max_row - 1


def test_summary_says_which_verdicts_to_check_first_and_what_to_do_first(tmp_path, records):
    (path,) = write_grid(tmp_path / "grid.xlsx", records, pack=PACK, run_date=RUN, fmt="xlsx")
    summary = openpyxl.load_workbook(path)["Summary"]
    header = [c.value for c in summary[2]]
    assert header[-2:] == ["Check first", "Do these first"]
    by_file = {row[0].value: row for row in summary.iter_rows(min_row=3)}
    for record in records[:-1]:
        row = by_file[record["path"]]
        borderline = [
            p["title"] for p in record["marking_points"] if p["confidence"] == "borderline"
        ]
        assert (row[-2].value or "") == "; ".join(borderline)
        assert (row[-1].value or "") == "\n".join(record["do_first"])
    assert any(row[-1].value for row in by_file.values())
