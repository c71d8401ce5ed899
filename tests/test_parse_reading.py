"""The reading pass: labelled lines as fields, the template's guidance kept apart, and
column and field roles from words checked against content, in both formats."""

from __future__ import annotations

import datetime as dt

import docx
import openpyxl
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import RGBColor
from openpyxl.styles import Font

from marker.nlp.evidence import analyse
from marker.parse import BlockKind, parse_file
from marker.parse.model import RoleFrom
from marker.parse.roles import TableKind, resolve
from marker.report.parsed import render_portfolio


def _doc_with(lines: list[str], heading: str | None = None) -> docx.Document:
    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    for line in lines:
        document.add_paragraph(line)
    return document


def _blocks(path):
    return [b for b in parse_file(path).blocks if b.kind is not BlockKind.HEADING]


# -- labelled lines ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "label", "role", "value"),
    [
        ("Deadline: 31/03/2026", "Deadline", "deadline", "31/03/2026"),
        (
            "Activity - shadow Marcus on two shifts",
            "Activity",
            "activity",
            "shadow Marcus on two shifts",
        ),
        (
            "Resources – the Learning Hub and my TL",
            "Resources",
            "resources",
            "the Learning Hub and my TL",
        ),
        (
            "Objective 2: reduce AHT to 6:00 by March",
            "Objective 2",
            "objective",
            "reduce AHT to 6:00 by March",
        ),
        (
            "How I'll know: I'll see AHT under 6:00",
            "How I'll know",
            "success_measure",
            "I'll see AHT under 6:00",
        ),
        (
            "Call handling: calm on difficult calls",
            "Call handling",
            None,
            "calm on difficult calls",
        ),
    ],
)
def test_labelled_lines_become_fields(tmp_docx, line, label, role, value):
    (block,) = _blocks(tmp_docx(_doc_with([line])))
    assert block.kind is BlockKind.FIELD
    (cell,) = block.cells
    assert (cell.header, cell.role, cell.text) == (label, role, value)
    assert str(cell.locator) == str(block.locator) == "paragraph 1"
    assert block.text == line  # the line as written


@pytest.mark.parametrize(
    "line",
    [
        "I decided: never again",
        "AHT for May 8:25, QA 87%.",
        "14/02/2025 1:1 with Sam: AHT down to 6:40.",
        "Example rows are shown in grey italics - please keep them",
        "Deadline:",
    ],
)
def test_sentences_with_a_colon_or_dash_are_not_fields(tmp_docx, line):
    (block,) = parse_file(tmp_docx(_doc_with([line]))).blocks
    assert block.kind is not BlockKind.FIELD


def test_a_bold_run_is_a_label_and_list_items_are_read_too(tmp_docx):
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Learning need").bold = True
    paragraph.add_run(" call control on long calls")
    document.add_paragraph("Deadline: 30/06/2026", style="List Bullet")
    first, second = _blocks(tmp_docx(document))
    assert first.kind is second.kind is BlockKind.FIELD
    assert (first.cells[0].header, first.cells[0].role) == ("Learning need", "learning_need")
    assert first.cells[0].text == "call control on long calls"
    assert first.reading.startswith("a bold label in a paragraph")
    assert second.reading.startswith("a labelled line in a list item")


def test_consecutive_fields_are_one_record_like_a_plan_row(tmp_docx):
    lines = [
        "Objective 1: Reduce my AHT from 7:30 to 6:00",
        "Activity: sit with a senior advisor for two sessions",
        "Deadline: 31/03/2026",
        "Objective 2: Raise my QA score from 80% to 90%",
        "Deadline: 30/06/2026",
    ]
    evidence = analyse(parse_file(tmp_docx(_doc_with(lines, "My objectives"))))
    deadlines = {
        o.text.split(" from")[0]: (o.deadline or {}).get("date") for o in evidence.objectives
    }
    assert deadlines == {"Reduce my AHT": "2026-03-31", "Raise my QA score": "2026-06-30"}
    assert [o.locator for o in evidence.objectives] == ["paragraph 2", "paragraph 5"]


def test_a_heading_or_a_paragraph_ends_a_record(tmp_docx):
    document = _doc_with(["Objective 1: Reduce my AHT from 7:30 to 6:00"], "Objectives")
    document.add_heading("Plan", level=1)
    document.add_paragraph("Deadline: 31/03/2026")
    document.add_paragraph("Some thoughts on the plan.")
    document.add_paragraph("Objective 2: Raise my QA score from 80% to 90%")
    document.add_paragraph("Nothing else to add here.")
    document.add_paragraph("Deadline: 30/06/2026")
    evidence = analyse(parse_file(tmp_docx(document)))
    assert [o.deadline for o in evidence.objectives] == [None, None]


def test_a_success_measure_or_a_plan_step_is_never_an_objective(tmp_docx):
    document = _doc_with(["How I'll know: I will reduce my AHT to 6:00 by March"], "Plan")
    document.add_heading("What I'm going to do", level=1)
    document.add_paragraph("I will complete the call control module by 31/03/2026.")
    document.add_paragraph("I will sit with a senior advisor every week.")
    evidence = analyse(parse_file(tmp_docx(document)))
    assert evidence.objectives == []
    roles = {t.role for t in evidence.texts}
    assert "success_measure" in roles


# -- guidance --------------------------------------------------------------------------------


def test_template_words_are_guidance_and_learner_text_is_not(tmp_docx):
    document = docx.Document()
    document.styles.add_style("Prompt Text", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Complete this section with your line manager.")
    document.add_paragraph("e.g. Reduce my AHT to 6:00 by March")
    document.add_paragraph("[Insert your goal here]")
    document.add_paragraph("Say what success looks like.", style="Prompt Text")
    grey = document.add_paragraph().add_run("Where do you want to be in a year?")
    grey.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
    document.add_paragraph("I want to improve my FCR, e.g. by using the knowledge base.")
    document.add_paragraph("Complete the complaints module by 31/03/2026.")
    table = document.add_table(rows=3, cols=2)
    for row, texts in zip(
        table.rows,
        [["Objective", "Deadline"], ["Example: Improve QA to 80%", "31/01"], ["Cut AHT", "31/03"]],
        strict=True,
    ):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    blocks = parse_file(tmp_docx(document)).blocks
    kinds = [b.kind for b in blocks]
    assert kinds[:5] == [BlockKind.GUIDANCE] * 5
    assert kinds[5:7] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]  # the learner's own
    assert kinds[7:] == [BlockKind.TABLE_HEADER, BlockKind.GUIDANCE, BlockKind.TABLE_ROW]
    assert blocks[8].reading == "guidance: the template's example row"
    evidence = analyse(parse_file(tmp_docx(document)))
    quoted = {t.block for t in evidence.texts}
    assert not quoted & {b.index for b in blocks if b.kind is BlockKind.GUIDANCE}


def test_a_placeholder_content_control_style_run_and_instruction_sheet(save_workbook):
    wb = openpyxl.Workbook()
    guide = wb.active
    guide.title = "Instructions"
    guide["A1"] = "How to fill in your plan"
    guide["A2"] = "Fill in the yellow cells"
    plan = wb.create_sheet("My Plan")
    plan.append(["Objective", "Actions", "Target date"])
    plan.append(["Example: Reduce AHT to 6:00", "Shadow Jo", "31/03/2025"])
    for cell in plan[2]:
        cell.font = Font(color="FF808080", italic=True)
    plan.append(["Cut my AHT to 6:30", "Call listening", dt.date(2026, 3, 31)])
    blocks = parse_file(save_workbook(wb)).blocks
    sheets = {(b.locator.sheet, b.kind) for b in blocks}
    assert ("Instructions", BlockKind.GUIDANCE) in sheets
    assert not {k for s, k in sheets if s == "Instructions"} - {BlockKind.GUIDANCE}
    plan_rows = [b for b in blocks if b.locator.sheet == "My Plan"]
    assert [b.kind for b in plan_rows] == [
        BlockKind.TABLE_HEADER,
        BlockKind.GUIDANCE,
        BlockKind.TABLE_ROW,
    ]


def test_a_prompt_left_in_a_learner_row_is_set_aside(tmp_docx):
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Objective", "Actions", "By when?"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["Cut AHT to 6:30", "dd/mm/yyyy", ""], strict=True):
        cell.text = text
    row = parse_file(tmp_docx(document)).blocks[1]
    assert row.kind is BlockKind.TABLE_ROW
    assert row.cells[1].text == ""
    assert row.cells[1].note == "the template's prompt, not the learner's: dd/mm/yyyy"


# -- roles -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("What?", "objective"),
        ("Why? (need)", "learning_need"),
        ("What I'll do", "activity"),
        ("How?", "activity"),
        ("Success looks like", "success_measure"),
        ("By", "deadline"),
        ("Who/what will help?", "resources"),
        ("Progress against objectives", "progress"),
        ("RAG", "progress"),
        ("Evidence", "evidence"),
        ("Comments", "progress"),
        ("Learning need", "learning_need"),
        ("Activity", "activity"),
        ("Resources", "resources"),
        ("How I'll know", "success_measure"),
        ("Update Jan", "progress"),
    ],
)
def test_the_resolver_reads_each_template_header(header, role):
    result = resolve(header, kind=TableKind.PLAN)
    assert (result.role, result.role_from) == (role, RoleFrom.WORDS)


def test_a_plain_date_is_a_plans_deadline_and_a_review_logs_date():
    dates = ["31/03/2026", "30/06/2026"]
    assert resolve("Date", dates, kind=TableKind.PLAN).role == "deadline"
    assert resolve("Date", dates, kind=TableKind.REVIEW).role == "review_date"


def test_content_overrules_words_and_says_why():
    dates = resolve("Target", ["31/03/2026", "end of June", "30/09/2026"], kind=TableKind.PLAN)
    assert (dates.role, dates.role_from) == ("deadline", RoleFrom.CORRECTED)
    assert dates.note == "'Target' reads as Target, but it holds dates"
    people = resolve("Who", ["my TL", "QA team"], kind=TableKind.PLAN)
    assert people.role == "resources"
    rag = resolve("Objective", ["Green", "Amber", "Red - off track"])
    assert (rag.role, rag.role_from) == ("progress", RoleFrom.CORRECTED)
    kept = resolve("Objective", ["Reduce AHT to 6:00 by March", "Raise QA to 90%"])
    assert (kept.role, kept.role_from) == ("objective", RoleFrom.WORDS)


def test_content_alone_gives_a_role():
    notes = resolve(
        "Column C", ["05/06 – AHT down to 8:25, good month", "10/07 – module done at last"]
    )
    assert (notes.role, notes.role_from, notes.note) == (
        "progress",
        RoleFrom.CONTENT,
        "holds dated notes",
    )
    assert resolve(None, ["R", "A", "G"]).role == "progress"


def test_table_columns_are_resolved_in_both_readers_and_shown(tmp_docx, save_workbook):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Objective", "Actions", "Target", "Status"])
    ws.append(["Cut AHT to 6:30", "Call listening", dt.date(2026, 3, 31), "Green"])
    ws.append(["QA to 90%", "Side by sides", dt.date(2026, 6, 30), "Amber"])
    portfolio = parse_file(save_workbook(wb))
    row = portfolio.blocks[1]
    target = row.cells[2]
    assert (target.role, target.role_from) == ("deadline", RoleFrom.CORRECTED)
    assert str(target.locator) == "sheet 'Sheet', cell C2, column 'Target'"
    shown = render_portfolio(portfolio)
    assert "Target -> Deadline / target date (corrected by the content): 31/03/2026" in shown
    assert "note: 'Target' reads as Target, but it holds dates" in shown

    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for row_cells, texts in zip(
        table.rows,
        [["Objective", "Date"], ["Cut AHT", "31/03/2026"], ["QA", "30/06/2026"]],
        strict=True,
    ):
        for cell, text in zip(row_cells.cells, texts, strict=True):
            cell.text = text
    cell = parse_file(tmp_docx(document)).blocks[1].cells[1]
    assert (cell.role, str(cell.locator)) == ("deadline", "table 1, row 2, column 'Date'")


def test_marker_parse_shows_fields_and_guidance(tmp_docx):
    document = _doc_with(["Complete this section with your manager.", "Deadline - 31/03/2026"])
    shown = render_portfolio(parse_file(tmp_docx(document)))
    assert "[paragraph 1] guidance" in shown
    assert "read as: guidance: the template's instruction" in shown
    assert "[paragraph 2] field" in shown
    assert "Deadline -> Deadline / target date: 31/03/2026" in shown


def test_an_update_column_is_a_review_dated_by_its_header_month(save_workbook):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Objective", "Target date", "Update Jan", "Update Feb"])
    ws.append(["Cut AHT from 7:30 to 6:30", dt.date(2026, 3, 31), "AHT 7:10, module done", "-"])
    wb.properties.modified = dt.datetime(2026, 2, 20)
    evidence = analyse(parse_file(save_workbook(wb)))
    assert [(r.date, r.locator) for r in evidence.reviews] == [
        ("2026-01-01", "sheet 'Sheet', cell C2, column 'Update Jan'")
    ]
