"""The Excel parser on small workbooks built here."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from marker.parse import BlockKind, parse_file, workbook, xlsx


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
        BlockKind.FIELD,  # "Learner: Jo Bloggs" in column A is a labelled line, not a title
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
    assert row.heading_path == ["PDP", "Personal Development Plan"]
    assert str(plan[1].locator) == "sheet 'PDP', cell A2"


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


NINE_MINUTES_TEN = (9 * 60 + 10) / 86_400


@pytest.mark.parametrize(
    ("number_format", "days", "shown"),
    [
        ("mm:ss", NINE_MINUTES_TEN, "09:10"),
        ("[mm]:ss", NINE_MINUTES_TEN, "09:10"),
        ("m:ss", NINE_MINUTES_TEN, "9:10"),
        ("[m]:ss", NINE_MINUTES_TEN, "9:10"),
        ("mm:ss.0", NINE_MINUTES_TEN, "09:10.0"),
        ("[mm]:ss", (75 * 60 + 30) / 86_400, "75:30"),  # elapsed minutes go past 59
        ("[h]:mm:ss", 1 + NINE_MINUTES_TEN, "24:09:10"),  # elapsed hours go past 23
        ("h:mm:ss", (3600 + 9 * 60 + 10) / 86_400, "1:09:10"),
        ("hh:mm", 0.375, "09:00"),
        ("h:mm AM/PM", 0.75, "6:00 PM"),
    ],
)
def test_time_and_duration_cells_read_as_excel_shows_them(
    save_workbook, number_format, days, shown
):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["KPI", "Baseline"])
    ws.append(["AHT", days])
    ws["B2"].number_format = number_format
    row = parse_file(save_workbook(wb)).blocks[-1]
    assert row.cells[1].text == shown
    assert row.cells[1].date is None


def _plan(rows: int, empty_formatted_rows: int = 0) -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws["A1"] = "Personal Development Plan"
    ws.merge_cells("A1:B1")
    ws.append(["Objective", "By when?"])
    for number in range(rows):
        ws.append([f"Objective {number}", "31/03/2026"])
    for number in range(empty_formatted_rows):  # styled cells with nothing in them
        ws.cell(row=rows + 3 + number, column=1).number_format = "0%"
    return wb


def test_the_row_cap_counts_rows_of_data_below_the_header(save_workbook, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 10)
    full = parse_file(save_workbook(_plan(10, empty_formatted_rows=50), "full.xlsx"))
    assert [b.kind for b in full.blocks].count(BlockKind.TABLE_ROW) == 10
    assert "truncated" not in {w.code for w in full.warnings}
    over = parse_file(save_workbook(_plan(11), "over.xlsx"))
    assert over.blocks[-1].text == "Objective 9 | 31/03/2026"
    assert "truncated" in {w.code for w in over.warnings}


def test_merged_ranges_are_found_after_rows_left_unread(save_workbook, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 10)
    monkeypatch.setattr(workbook, "CHUNK_BYTES", 256)  # the merges lie chunks past the cap
    portfolio = parse_file(save_workbook(_plan(200)))
    assert {"merged-cells", "truncated"} <= {w.code for w in portfolio.warnings}


def test_a_sheet_of_5000_plan_rows_is_read_whole(save_workbook):
    portfolio = parse_file(save_workbook(_plan(5_000)))
    rows = [b for b in portfolio.blocks if b.kind is BlockKind.TABLE_ROW]
    assert len(rows) == 5_000
    assert rows[-1].text == "Objective 4999 | 31/03/2026"
    assert "truncated" not in {w.code for w in portfolio.warnings}
