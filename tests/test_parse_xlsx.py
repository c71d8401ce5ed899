"""The Excel parser on small workbooks built here."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from marker.parse import BlockKind, parse_file


@pytest.fixture
def save_workbook(tmp_path):
    def save(workbook, name: str = "portfolio.xlsx"):
        path = tmp_path / name
        workbook.save(path)
        return path

    return save


def plan_workbook() -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    about = wb.active
    about.title = "About me"
    about["A1"] = "Career goal: team leader within two years."
    plan = wb.create_sheet("PDP")
    plan["A1"] = "Personal Development Plan"
    plan.merge_cells("A1:D1")
    plan["A2"] = "Learner: Jo Bloggs"
    plan.append([])
    plan.append(["Objective", "Support needed", "By when?", "Progress"])
    plan.append(["Reduce AHT to 6:00", "Coach", dt.datetime(2025, 3, 31), "On track"])
    plan.append(["Raise FCR", None, "end of Q3", None])
    plan["C5"].number_format = "DD/MM/YYYY"
    return wb


def test_header_row_found_below_title_rows(save_workbook):
    portfolio = parse_file(save_workbook(plan_workbook()))
    plan = [b for b in portfolio.blocks if b.locator.sheet == "PDP"]
    assert [b.kind for b in plan] == [
        BlockKind.HEADING,
        BlockKind.HEADING,
        BlockKind.TABLE_HEADER,
        BlockKind.TABLE_ROW,
        BlockKind.TABLE_ROW,
    ]
    row = plan[3]
    assert str(row.locator) == "sheet 'PDP', row 5"
    assert [(c.role, c.text) for c in row.cells] == [
        ("objective", "Reduce AHT to 6:00"),
        ("resources", "Coach"),
        ("deadline", "31/03/2025"),
        ("progress", "On track"),
    ]
    assert str(row.cells[2].locator) == "sheet 'PDP', cell C5, column 'By when?'"
    assert row.heading_path == ["PDP", "Personal Development Plan", "Learner: Jo Bloggs"]


def test_excel_dates_become_dates_and_text_dates_stay_text(save_workbook):
    portfolio = parse_file(save_workbook(plan_workbook()))
    first, second = [b for b in portfolio.blocks if b.kind is BlockKind.TABLE_ROW]
    assert first.cells[2].date == dt.date(2025, 3, 31)
    assert (second.cells[2].text, second.cells[2].date) == ("end of Q3", None)
    assert second.cells[1].text == ""  # an empty headed cell still shows the gap


def test_every_sheet_is_read_and_hidden_ones_flagged(save_workbook):
    wb = plan_workbook()
    lists = wb.create_sheet("Lists")
    lists["A1"] = "Old objective: be better at my job"
    lists.sheet_state = "hidden"
    portfolio = parse_file(save_workbook(wb))
    sheets = {b.locator.sheet for b in portfolio.blocks}
    assert sheets == {"About me", "PDP", "Lists"}
    hidden = [b for b in portfolio.blocks if b.hidden]
    assert [b.text for b in hidden] == ["Old objective: be better at my job"]
    assert "hidden-sheet" in {w.code for w in portfolio.warnings}


def test_merged_cells_and_formulas_without_cached_values_warn(save_workbook):
    wb = plan_workbook()
    wb["PDP"]["E4"] = "Score"
    wb["PDP"]["E5"] = "=1+1"
    portfolio = parse_file(save_workbook(wb))
    codes = {w.code for w in portfolio.warnings}
    assert {"merged-cells", "formula-without-value"} <= codes
    message = next(w.message for w in portfolio.warnings if w.code == "formula-without-value")
    assert "E5" in message


def test_percent_cells_read_as_shown(save_workbook):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["KPI", "Baseline", "Target"])
    ws.append(["FCR", 0.68, 0.75])
    for ref in ("B2", "C2"):
        ws[ref].number_format = "0%"
    row = parse_file(save_workbook(wb)).blocks[-1]
    assert [c.text for c in row.cells] == ["FCR", "68%", "75%"]
    assert [c.role for c in row.cells] == ["kpi", "baseline", "target"]


def test_label_and_answer_sheet_is_a_form(save_workbook):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Objective", "Raise CSAT to 4.5/5"])
    ws.append(["Target date", "30/09/2025"])
    ws.append(["Success measure", "CSAT report"])
    rows = parse_file(save_workbook(wb)).blocks
    assert [(r.cells[0].role, r.text) for r in rows] == [
        ("objective", "Raise CSAT to 4.5/5"),
        ("deadline", "30/09/2025"),
        ("success_measure", "CSAT report"),
    ]


def test_one_column_sheet_reads_as_paragraphs(save_workbook):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Reviews"
    ws["A1"] = "REVIEWS"
    ws["A2"] = "14/02/2025 1:1 with Sam: AHT down to 6:40."
    blocks = parse_file(save_workbook(wb)).blocks
    assert [(b.kind, str(b.locator)) for b in blocks] == [
        (BlockKind.HEADING, "sheet 'Reviews', cell A1"),
        (BlockKind.PARAGRAPH, "sheet 'Reviews', cell A2"),
    ]
    assert blocks[1].heading_path == ["Reviews", "REVIEWS"]


def test_workbook_properties(save_workbook):
    wb = plan_workbook()
    wb.properties.creator = "Jo Bloggs"
    wb.properties.modified = dt.datetime(2025, 6, 30)
    portfolio = parse_file(save_workbook(wb))
    assert portfolio.kind == "xlsx"
    assert portfolio.properties.author == "Jo Bloggs"
