"""Strict Open XML files read exactly as their transitional originals."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from marker.parse import PortfolioError, parse_file
from tests.strict import to_strict, transitional_left

ROOT = Path(__file__).resolve().parents[1]


def _saved(document_or_workbook) -> bytes:
    buffer = io.BytesIO()
    document_or_workbook.save(buffer)
    return buffer.getvalue()


def word_document() -> bytes:
    d = docx.Document()
    d.core_properties.author = "Jo Bloggs"
    d.add_heading("My development plan", 1)
    d.add_paragraph("I will reduce my AHT from 7:30 to 6:00 by 31/03/2025.")
    d.add_paragraph("Shadow a senior adviser", style="List Bullet")
    table = d.add_table(rows=2, cols=3)
    for cell, text in zip(
        table.rows[0].cells, ["Objective", "Support needed", "By when?"], strict=True
    ):
        cell.text = text
    for cell, text in zip(
        table.rows[1].cells, ["Cut AHT to 6:00", "Coaching", "31/03/2025"], strict=True
    ):
        cell.text = text
    d.sections[0].header.paragraphs[0].text = "Learner: Jo Bloggs"
    return _saved(d)


def workbook(iso_dates: bool = False) -> bytes:
    wb = openpyxl.Workbook()
    wb.iso_dates = iso_dates  # Excel writes Strict dates as ISO 8601 text (t="d")
    wb.properties.creator = "Jo Bloggs"
    wb.properties.modified = dt.datetime(2025, 6, 30)
    plan = wb.active
    plan.title = "PDP"
    plan["A1"] = "Personal Development Plan"
    plan.merge_cells("A1:D1")
    plan.append(["Objective", "By when?", "AHT", "FCR"])
    plan.append(["Reduce AHT", dt.datetime(2025, 3, 31), (9 * 60 + 10) / 86400, 0.75])
    plan["B3"].number_format = "DD/MM/YYYY"
    plan["C3"].number_format = "mm:ss"
    plan["D3"].number_format = "0%"
    notes = wb.create_sheet("Old plan")
    notes["A1"] = "Be better at my job"
    notes.sheet_state = "hidden"
    return _saved(wb)


def _blocks_and_warnings(path: Path):
    portfolio = parse_file(path)
    return portfolio.model_dump(exclude={"sha256", "source"})


@pytest.mark.parametrize(
    ("name", "original", "strict"),
    [
        ("plan.docx", word_document, lambda: to_strict(word_document())),
        ("plan.xlsx", workbook, lambda: to_strict(workbook())),
        ("iso-dates.xlsx", workbook, lambda: to_strict(workbook(iso_dates=True))),
    ],
)
def test_a_strict_file_reads_as_its_transitional_original(tmp_path, name, original, strict):
    data = strict()
    assert transitional_left(data) == []  # a faithful Strict file, not half converted
    (tmp_path / "t").mkdir()
    (tmp_path / "s").mkdir()
    (tmp_path / "t" / name).write_bytes(original())
    (tmp_path / "s" / name).write_bytes(data)
    read = _blocks_and_warnings(tmp_path / "s" / name)
    assert read["blocks"], "a Strict file must not read as empty"
    assert read == _blocks_and_warnings(tmp_path / "t" / name)


def test_strict_workbook_cells_and_dates_are_read(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(to_strict(workbook(iso_dates=True)))
    portfolio = parse_file(path)
    row = next(b for b in portfolio.blocks if b.text.startswith("Reduce AHT"))
    assert [c.text for c in row.cells] == ["Reduce AHT", "31/03/2025", "09:10", "75%"]
    assert row.cells[1].date == dt.date(2025, 3, 31)
    assert {"hidden-sheet", "merged-cells"} <= {w.code for w in portfolio.warnings}
    assert portfolio.properties.author == "Jo Bloggs"


@pytest.mark.parametrize(("name", "build"), [("a.docx", word_document), ("a.xlsx", workbook)])
def test_a_strict_namespace_with_no_transitional_twin_is_refused_not_read_as_empty(
    tmp_path, name, build
):
    data = to_strict(build())
    part = "word/document.xml" if name.endswith("docx") else "xl/workbook.xml"
    xml = zipfile.ZipFile(io.BytesIO(data)).read(part)
    unknown = xml.replace(
        b'purl.oclc.org/ooxml/officeDocument/relationships"',
        b'purl.oclc.org/ooxml/officeDocument/future"',
        1,
    )
    assert unknown != xml
    path = tmp_path / name
    path.write_bytes(to_strict(build(), extra={part: unknown}))
    with pytest.raises(PortfolioError) as caught:
        parse_file(path)
    assert caught.value.code == "strict-ooxml"
    assert caught.value.message.startswith("This file was saved as Strict Open XML: save it again")


def test_strict_files_need_no_office_suite(tmp_path):
    """Read with no programs on PATH at all: no LibreOffice (or anything else) converts."""
    (tmp_path / "plan.docx").write_bytes(to_strict(word_document()))
    (tmp_path / "plan.xlsx").write_bytes(to_strict(workbook()))
    script = (
        "import sys\nfrom marker.parse import parse_file\n"
        "for name in sys.argv[1:]: print(len(parse_file(name).blocks))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "plan.docx"), str(tmp_path / "plan.xlsx")],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": str(tmp_path / "nothing-here")},
        cwd=ROOT,
        check=True,
    )
    assert [int(n) > 0 for n in result.stdout.split()] == [True, True]
