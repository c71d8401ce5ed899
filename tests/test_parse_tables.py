"""The structure of tables: sheets cut into several tables, Word tables with sections,
form tables, label/value rows and labelled grids, on small portfolios written as docgen
YAML and rendered here."""

from __future__ import annotations

import textwrap
from pathlib import Path

from click.testing import CliRunner

from docgen.render import render_source
from marker.cli import main
from marker.parse import BlockKind, Portfolio, parse_file


def render(tmp_path: Path, stem: str, suffix: str, body: str) -> Path:
    """Render one docgen portfolio (`body` is its YAML after the properties)."""
    source = tmp_path / "src" / f"{stem}.yaml"
    source.parent.mkdir(exist_ok=True)
    header = f"file: {stem}.{suffix}\nauthor: Jo Bloggs\nreference_date: 2025-06-30\n"
    source.write_text(header + textwrap.dedent(body))
    out = tmp_path / f"{stem}.{suffix}"
    out.write_bytes(render_source(source).content)
    return out


def kinds(portfolio: Portfolio) -> list[tuple[str, str]]:
    return [(b.kind.value, str(b.locator)) for b in portfolio.blocks]


def parse_printed(path: Path) -> str:
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 0, result.output
    return result.output


STACKED = """\
sheets:
  - name: "PDP"
    merge: ["A1:E1", "A14:E14"]
    rows:
      - [{value: "Personal Development Plan - Jo Bloggs", bold: true}]
      - []
      - [{value: "Objectives", bold: true, fill: "D9E1F2"}]
      - [{value: "No.", bold: true}, {value: "Objective", bold: true},
         {value: "KPI", bold: true}, {value: "Deadline", bold: true}]
      - [1, "Reduce my AHT from 8:12 to 7:15 by 30 April 2025", "AHT", 2025-04-30]
      - [2, "Raise my FCR from 71% to 78% by 31 May 2025", "FCR", 2025-05-31]
      - []
      - [{value: "Reviews", bold: true, fill: "D9E1F2"}]
      - [{value: "Review date", bold: true}, {value: "Progress", bold: true},
         {value: "With", bold: true}, {value: "Changes", bold: true}]
      - [2025-02-14, "AHT 7:58, on track", "Marcus (TL)", "No changes"]
      - [2025-03-14, "AHT 7:41", "Marcus", "Added call listening"]
      - []
      - ["Note to self: ask Marcus about the complaints course"]
      - ["Marcus said at my March review that the complaints course runs again in the
          summer, so I will move that part of the plan to July and keep the rest as it is."]
      - []
      - [{value: "AHT trend", bold: true}, "Dec", "Jan", "Feb", "Mar"]
      - ["AHT", {value: 0.005694, format: "mm:ss"}, {value: 0.005532, format: "mm:ss"},
         {value: 0.005336, format: "mm:ss"}, {value: 0.005139, format: "mm:ss"}]
      - [{value: "Skill", bold: true}, {value: "Rating", bold: true},
         {value: "Evidence", bold: true}]
      - ["Call control", 3, "QA comments in March"]
"""


def test_a_sheet_holds_several_tables_each_with_its_title_and_header(tmp_path):
    portfolio = parse_file(render(tmp_path, "stacked", "xlsx", STACKED))
    assert kinds(portfolio) == [
        ("heading", "sheet 'PDP', cell A1"),
        ("heading", "sheet 'PDP', cell A3"),
        ("table_header", "sheet 'PDP', row 4"),
        ("table_row", "sheet 'PDP', row 5"),
        ("table_row", "sheet 'PDP', row 6"),
        ("heading", "sheet 'PDP', cell A8"),
        ("table_header", "sheet 'PDP', row 9"),
        ("table_row", "sheet 'PDP', row 10"),
        ("table_row", "sheet 'PDP', row 11"),
        ("field", "sheet 'PDP', cell A13"),  # a note typed in column A, read as a labelled line
        ("paragraph", "sheet 'PDP', cell A14"),  # a paragraph merged across the sheet
        ("table_header", "sheet 'PDP', row 16"),  # months across the top
        ("table_row", "sheet 'PDP', row 17"),
        ("table_header", "sheet 'PDP', row 18"),  # a header row straight below a table
        ("table_row", "sheet 'PDP', row 19"),
    ]
    blocks = portfolio.blocks
    objectives, reviews, trend, skills = blocks[3], blocks[7], blocks[12], blocks[14]
    assert [c.role for c in objectives.cells] == [None, "objective", "kpi", "deadline"]
    assert [c.role for c in reviews.cells][:2] == ["review_date", "progress"]
    assert objectives.heading_path == ["PDP", "Personal Development Plan - Jo Bloggs", "Objectives"]
    assert reviews.heading_path == ["PDP", "Personal Development Plan - Jo Bloggs", "Reviews"]
    # each table has its own number, and the header of the table it sits in
    assert [b.locator.table for b in (objectives, reviews, trend, skills)] == [1, 2, 3, 4]
    assert [c.header for c in trend.cells] == ["AHT trend", "Dec", "Jan", "Feb", "Mar"]
    assert [c.text for c in trend.cells][:2] == ["AHT", "08:12"]
    assert [c.header for c in skills.cells] == ["Skill", "Rating", "Evidence"]
    assert str(objectives.cells[1].locator) == "sheet 'PDP', cell B5, column 'Objective'"
    assert (
        blocks[2].reading
        == "sheet segment 1: title 'Objectives', header row 4 (bold or shaded labels)"
    )
    assert blocks[11].reading == "sheet segment 3: header row 16 (dates across the top)"
    printed = parse_printed(tmp_path / "stacked.xlsx")
    assert (
        "read as: sheet segment 2: title 'Reviews', header row 9 (bold or shaded labels)" in printed
    )


def test_review_rows_under_a_reviews_title_are_not_objectives(tmp_path):
    from marker.nlp.evidence import analyse

    evidence = analyse(parse_file(render(tmp_path, "stacked", "xlsx", STACKED)))
    assert {o.locator.split(",")[1].strip() for o in evidence.objectives} == {
        "cell B5",
        "cell B6",
    }
    assert {r.date for r in evidence.reviews} >= {"2025-02-14", "2025-03-14"}


def test_a_word_table_with_sections_and_two_header_rows(tmp_path):
    path = render(
        tmp_path,
        "sectioned",
        "docx",
        """\
        body:
          - heading: "Personal Development Plan"
          - table:
              header: false
              merge: ["A1:C1", "A5:C5"]
              rows:
                - [{text: "SECTION 1: OBJECTIVES", bold: true, shade: "9DC3E6"}, "", ""]
                - [{text: "Objective", bold: true}, {text: "KPI", bold: true},
                   {text: "Deadline", bold: true}]
                - ["Reduce my AHT from 8:12 to 7:15", "AHT", "30/04/2025"]
                - ["Raise my FCR from 71% to 78%", "FCR", "31/05/2025"]
                - [{text: "SECTION 2: REVIEWS", bold: true, shade: "9DC3E6"}, "", ""]
                - [{text: "Date", bold: true}, {text: "Progress", bold: true},
                   {text: "Adjustments", bold: true}]
                - ["14/02/2025", "AHT 7:58", "None"]
                - [{text: "Learning need", bold: true}, {text: "Activity", bold: true},
                   {text: "Resources", bold: true}]
                - ["Call control", "Side-by-side with Priya", "Priya, call recordings"]
          - paragraph: "After the table."
        """,
    )
    portfolio = parse_file(path)
    assert [b.kind.value for b in portfolio.blocks] == [
        "heading",
        "heading",  # the merged row spanning the table is a section title
        "table_header",
        "table_row",
        "table_row",
        "heading",
        "table_header",
        "table_row",
        "table_header",  # short labels after data rows start a sub-table
        "table_row",
        "paragraph",
    ]
    blocks = portfolio.blocks
    assert str(blocks[1].locator) == "table 1, row 1"
    assert blocks[3].heading_path == ["Personal Development Plan", "SECTION 1: OBJECTIVES"]
    assert blocks[7].heading_path == ["Personal Development Plan", "SECTION 2: REVIEWS"]
    assert [c.role for c in blocks[3].cells] == ["objective", "kpi", "deadline"]
    assert [c.role for c in blocks[7].cells] == ["review_date", "progress", "adjustment"]
    assert [c.role for c in blocks[9].cells] == ["learning_need", "activity", "resources"]
    assert str(blocks[9].cells[1].locator) == "table 1, row 9, column 'Activity'"
    assert blocks[-1].heading_path == ["Personal Development Plan"]  # titles end with the table
    assert blocks[2].reading == (
        "part 1 of 3: title 'SECTION 1: OBJECTIVES', table with header row 2 "
        "(bold or shaded labels)"
    )
    assert blocks[8].reading == "part 3 of 3: table with header row 8 (bold or shaded labels)"


FORM_ROWS = [
    ("Career goal", "Team leader in the sales contact centre within 18 months."),
    ("Strengths", "Rapport with customers; QA 92% over the last six months."),
    ("Areas to develop", "Closing the sale: my conversion is 22% against a 27% target."),
]


def _form_answers(portfolio: Portfolio) -> list[tuple[str | None, str | None, str]]:
    return [
        (b.cells[0].header, b.cells[0].role, b.cells[0].text)
        for b in portfolio.blocks
        if b.kind is BlockKind.FIELD
    ]


def test_a_two_column_form_table_in_word_gives_one_field_per_label(tmp_path):
    rows = "\n".join(
        f'        - [{{text: "{label}", bold: true, shade: "DEEAF6"}}, "{answer}"]'
        for label, answer in FORM_ROWS
    )
    body = f"body:\n  - table:\n      header: false\n      rows:\n{rows}\n"
    portfolio = parse_file(render(tmp_path, "form", "docx", body))
    assert [b.kind for b in portfolio.blocks] == [BlockKind.FIELD] * 3
    assert _form_answers(portfolio) == [
        ("Career goal", "career_goal", FORM_ROWS[0][1]),
        ("Strengths", "skill", FORM_ROWS[1][1]),
        ("Areas to develop", "learning_need", FORM_ROWS[2][1]),
    ]
    first = portfolio.blocks[0]
    assert str(first.locator) == "table 1, row 1, column 'Career goal'"
    assert first.reading == (
        "form table: labels down the first column (3 of 3 short, labels bold or shaded, "
        "3 of 3 name roles, answers longer)"
    )
    assert "read as: form table: labels down the first column" in parse_printed(
        tmp_path / "form.docx"
    )


def test_a_two_column_form_on_a_sheet_gives_one_field_per_label(tmp_path):
    rows = "\n".join(
        f'      - [{{value: "{label}", bold: true}}, "{answer}"]' for label, answer in FORM_ROWS
    )
    body = f'sheets:\n  - name: "About me"\n    rows:\n{rows}\n'
    portfolio = parse_file(render(tmp_path, "form", "xlsx", body))
    assert [b.kind for b in portfolio.blocks] == [BlockKind.FIELD] * 3
    assert _form_answers(portfolio)[0] == ("Career goal", "career_goal", FORM_ROWS[0][1])
    assert str(portfolio.blocks[1].locator) == "sheet 'About me', cell B2, column 'Strengths'"
    assert portfolio.blocks[0].reading.startswith("sheet segment 1: form table: labels down")


def test_label_value_pairs_across_a_row_give_a_field_per_pair(tmp_path):
    path = render(
        tmp_path,
        "pairs",
        "docx",
        """\
        body:
          - table:
              header: false
              rows:
                - [{text: "Name", bold: true}, "Jo Bloggs", {text: "Date", bold: true}, "3/6/25"]
                - [{text: "Team", bold: true}, "Billing",
                   {text: "Manager", bold: true}, "Sam Patel"]
        """,
    )
    portfolio = parse_file(path)
    fields = [(b.cells[0].header, b.text, str(b.locator)) for b in portfolio.blocks]
    assert fields == [
        ("Name", "Jo Bloggs", "table 1, row 1, column 'Name'"),
        ("Date", "3/6/25", "table 1, row 1, column 'Date'"),
        ("Team", "Billing", "table 1, row 2, column 'Team'"),
        ("Manager", "Sam Patel", "table 1, row 2, column 'Manager'"),
    ]
    assert portfolio.blocks[1].cells[0].role == "date"
    assert portfolio.blocks[0].reading == "form table: label/value pairs across 2 row(s)"


def test_a_swot_grid_is_read_as_labelled_cells(tmp_path):
    path = render(
        tmp_path,
        "swot",
        "docx",
        """\
        body:
          - heading: "SWOT analysis"
          - table:
              header: false
              rows:
                - ["Strengths: calm on difficult calls; 6 of 6 audits passed.",
                   "Weaknesses:\\nMy call length is 11:50 against 10:00."]
                - ["Opportunities: the Senior HA course runs in January.",
                   "Threats: winter pressures cancel off-phone time."]
        """,
    )
    portfolio = parse_file(path)
    fields = [b for b in portfolio.blocks if b.kind is BlockKind.FIELD]
    assert [(b.cells[0].header, b.text) for b in fields] == [
        ("Strengths", "calm on difficult calls; 6 of 6 audits passed."),
        ("Weaknesses", "My call length is 11:50 against 10:00."),
        ("Opportunities", "the Senior HA course runs in January."),
        ("Threats", "winter pressures cancel off-phone time."),
    ]
    assert str(fields[3].locator) == "table 1, row 2, column 'Threats'"
    assert fields[0].heading_path == ["SWOT analysis"]
    assert fields[0].reading == (
        "grid of labelled cells (4 cells: Strengths, Weaknesses, Opportunities, Threats)"
    )


def test_consecutive_fields_of_one_form_table_are_one_record(tmp_path):
    from marker.nlp.evidence import analyse

    path = render(
        tmp_path,
        "plan_form",
        "docx",
        """\
        body:
          - table:
              header: false
              rows:
                - [{text: "Objective", bold: true}, "Reduce my AHT from 8:12 to 7:15"]
                - [{text: "Target date", bold: true}, "30/04/2025"]
                - [{text: "Success measure", bold: true}, "AHT 7:15 on the April scorecard"]
          - table:
              header: false
              rows:
                - [{text: "Objective", bold: true}, "Raise my FCR from 71% to 78%"]
                - [{text: "Target date", bold: true}, "31/05/2025"]
        """,
    )
    objectives = analyse(parse_file(path)).objectives
    assert [(o.locator, (o.deadline or {}).get("iso"), o.row_text) for o in objectives] == [
        (
            "table 1, row 1, column 'Objective'",
            "2025-04-30",
            "Reduce my AHT from 8:12 to 7:15 | 30/04/2025 | AHT 7:15 on the April scorecard",
        ),
        (
            "table 2, row 1, column 'Objective'",
            "2025-05-31",
            "Raise my FCR from 71% to 78% | 31/05/2025",
        ),
    ]
