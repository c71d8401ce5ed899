"""The Word parser on small documents built here, one feature at a time."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Pt

from marker.parse import BlockKind, Part, PortfolioError, parse_file, parse_with_anchors
from marker.parse.docx import read_document
from marker.parse.reading import read_structure
from tests import wordml


def body(document):
    return document.element.body


def append(document, xml: str) -> None:
    body(document).insert(len(body(document)) - 1, wordml.element(xml))  # before sectPr


def blocks_of(path, part=Part.BODY):
    return [b for b in parse_file(path).blocks if b.part is part]


def test_body_order_keeps_paragraphs_and_tables_interleaved(tmp_docx):
    d = docx.Document()
    d.add_paragraph("First paragraph.")
    table = d.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Objective", "Deadline"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "Cut AHT", "31/03/2025"
    d.add_paragraph("After the table.")
    blocks = blocks_of(tmp_docx(d))
    assert [b.text for b in blocks] == [
        "First paragraph.",
        "Objective | Deadline",
        "Cut AHT | 31/03/2025",
        "After the table.",
    ]
    assert [str(b.locator) for b in blocks] == [
        "paragraph 1",
        "table 1, row 1",
        "table 1, row 2",
        "paragraph 2",
    ]


def test_table_cells_keep_header_role_and_locator(tmp_docx):
    d = docx.Document()
    headers = [
        "What do I need to learn?",
        "Support needed",
        "By when?",
        "How will I know I've succeeded?",
    ]
    table = d.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    for cell, text in zip(
        table.rows[1].cells, ["Call control", "Coach", "end of Q3", "AHT < 6m"], strict=True
    ):
        cell.text = text
    header, row = blocks_of(tmp_docx(d))
    assert header.kind is BlockKind.TABLE_HEADER
    assert [c.role for c in row.cells] == [
        "learning_need",
        "resources",
        "deadline",
        "success_measure",
    ]
    assert [c.header for c in row.cells] == headers
    assert str(row.cells[2].locator) == "table 1, row 2, column 'By when?'"


def test_title_row_above_header_and_merged_cells_are_read_once(tmp_docx):
    d = docx.Document()
    table = d.add_table(rows=3, cols=3)
    title = table.rows[0].cells[0].merge(table.rows[0].cells[2])
    title.text = "Personal development plan 2025"
    for cell, text in zip(
        table.rows[1].cells, ["Objective", "Actions", "Target date"], strict=True
    ):
        cell.text = text
    merged = table.rows[2].cells[0].merge(table.rows[2].cells[1])
    merged.text = "Improve FCR to 75%"
    table.rows[2].cells[2].text = "30/09/2025"
    title_row, header, row = blocks_of(tmp_docx(d))
    assert title_row.text == "Personal development plan 2025"
    assert header.kind is BlockKind.TABLE_HEADER
    assert [(c.header, c.text) for c in row.cells] == [
        ("Objective", "Improve FCR to 75%"),
        ("Target date", "30/09/2025"),
    ]


def test_vertically_merged_cell_is_counted_once(tmp_docx):
    d = docx.Document()
    table = d.add_table(rows=3, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Objective", "Actions"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Raise CSAT to 4.5/5"
    table.rows[1].cells[1].text = "Call listening"
    table.rows[2].cells[1].text = "Shadowing"
    rows = [b for b in blocks_of(tmp_docx(d)) if b.kind is BlockKind.TABLE_ROW]
    assert sum(c.text.count("Raise CSAT") for r in rows for c in r.cells) == 1
    assert [c.text for c in rows[1].cells] == ["Shadowing"]


def test_two_column_form_table_uses_left_column_as_header(tmp_docx):
    d = docx.Document()
    table = d.add_table(rows=3, cols=2)
    pairs = [
        ("Objective", "Reduce AHT to 6:00"),
        ("Target date", "31/03/2025"),
        ("Success measure", "AHT report"),
    ]
    for row, (label, answer) in zip(table.rows, pairs, strict=True):
        row.cells[0].text, row.cells[1].text = label, answer
    rows = blocks_of(tmp_docx(d))
    assert [(r.cells[0].role, r.text) for r in rows] == [
        ("objective", "Reduce AHT to 6:00"),
        ("deadline", "31/03/2025"),
        ("success_measure", "AHT report"),
    ]
    assert str(rows[1].cells[0].locator) == "table 1, row 2, column 'Target date'"


def test_nested_table_is_read_with_its_own_number(tmp_docx):
    d = docx.Document()
    outer = d.add_table(rows=1, cols=2)
    outer.rows[0].cells[0].text = "Outer cell"
    inner = outer.rows[0].cells[1].add_table(rows=1, cols=1)
    inner.rows[0].cells[0].text = "Inner cell"
    d.add_table(rows=1, cols=1).rows[0].cells[0].text = "Last table"
    blocks = blocks_of(tmp_docx(d))
    assert [(str(b.locator), b.text) for b in blocks] == [
        ("table 1, row 1", "Outer cell"),
        ("table 2, row 1", "Inner cell"),
        ("table 3, row 1", "Last table"),
    ]


def test_headings_from_styles_and_from_look(tmp_docx):
    d = docx.Document()
    d.add_heading("Self-assessment", level=1)
    d.add_paragraph("I handle 60 calls a day.")
    d.add_paragraph().add_run("Career goals").bold = True
    d.add_paragraph("Become a team leader.")
    d.add_paragraph("Section 3: Development plan")
    d.add_paragraph("1.2 Objectives")
    d.add_paragraph("1. Listen to five recorded calls every week with my coach.")
    d.add_paragraph().add_run(
        "This bold sentence is far too long to be a heading at all."
    ).bold = True
    blocks = blocks_of(tmp_docx(d))
    kinds = [(b.kind, b.level, b.text) for b in blocks if b.kind is BlockKind.HEADING]
    assert kinds == [
        (BlockKind.HEADING, 1, "Self-assessment"),
        (BlockKind.HEADING, 1, "Career goals"),
        (BlockKind.HEADING, 1, "Section 3: Development plan"),
        (BlockKind.HEADING, 2, "1.2 Objectives"),
    ]
    by_text = {b.text: b for b in blocks}
    assert by_text["I handle 60 calls a day."].heading_path == ["Self-assessment"]
    assert by_text["Become a team leader."].heading_path == ["Career goals"]
    assert by_text["1.2 Objectives"].heading_path == ["Section 3: Development plan"]


def test_list_items_from_styles_numbering_and_typed_bullets(tmp_docx):
    d = docx.Document()
    d.add_paragraph("Shadow a senior adviser", style="List Bullet")
    d.add_paragraph("Complete the complaints e-learning", style="List Number")
    d.add_paragraph("• Attend the call-control workshop")
    items = blocks_of(tmp_docx(d))
    assert all(b.kind is BlockKind.LIST_ITEM for b in items)
    assert items[2].text == "Attend the call-control workshop"


def test_text_that_paragraph_text_misses(tmp_docx):
    d = docx.Document()
    rid = d.part.relate_to("https://learning.example/aht", RT.HYPERLINK, is_external=True)
    append(d, wordml.tracked_paragraph("I will cut AHT", " to 6:00", " to 5:00"))
    append(d, wordml.content_control_block("My objective is to raise FCR."))
    append(d, wordml.inline_control_paragraph("Deadline: ", "31/03/2025"))
    append(d, wordml.hyperlink_paragraph("Module: ", "Call control basics", rid))
    append(d, wordml.text_box_paragraph("See box.", "Career goal: team leader"))
    portfolio = parse_file(tmp_docx(d))
    texts = [b.text for b in portfolio.blocks]
    assert texts[:4] == [
        "I will cut AHT to 6:00",
        "My objective is to raise FCR.",
        "Deadline: 31/03/2025",
        "Module: Call control basics",
    ]
    assert "to 5:00" not in " ".join(texts)
    boxes = [b for b in portfolio.blocks if b.part is Part.TEXT_BOX]
    assert [b.text for b in boxes] == ["Career goal: team leader"]  # read once, not twice
    assert {w.code for w in portfolio.warnings} >= {"tracked-changes", "text-boxes"}


def test_headers_footers_and_comments_are_kept_apart(tmp_docx):
    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "Learner: Jo Bloggs"
    section.footer.paragraphs[0].text = "Centre 12345"
    paragraph = d.add_paragraph("I will reduce AHT.")
    d.add_comment(paragraph.runs, text="Add a date", author="Assessor")
    portfolio = parse_file(tmp_docx(d))
    parts = {b.part: b.text for b in portfolio.blocks}
    assert parts[Part.BODY] == "I will reduce AHT."
    assert parts[Part.HEADER] == "Learner: Jo Bloggs"
    assert parts[Part.FOOTER] == "Centre 12345"
    assert parts[Part.COMMENT] == "Add a date"
    comment = next(b for b in portfolio.blocks if b.part is Part.COMMENT)
    assert str(comment.locator) == "comment, paragraph 1"
    assert comment.heading_path == []
    assert_readers_agree(tmp_docx(d))


DOCX_FIXTURES = sorted((Path(__file__).parents[1] / "fixtures" / "portfolios").glob("*.docx"))


def assert_readers_agree(path: Path) -> None:
    """Marking reads the zip; annotating reads python-docx's tree: same portfolio."""
    marked = parse_file(path)
    annotated, _ = read_document(docx.Document(str(path)), marked.source, marked.sha256)
    assert read_structure(annotated) == marked  # annotating reads the structure the same way


def rewritten(path: Path, name: str, edit: Callable[[str, bytes], bytes | None]) -> Path:
    """A copy of a package beside it with each member edited (None leaves it out)."""
    copy = path.with_name(name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w") as target:
        for item in source.infolist():
            data = edit(item.filename, source.read(item.filename))
            if data is not None:
                target.writestr(item, data)
    return copy


@pytest.mark.parametrize("path", DOCX_FIXTURES, ids=lambda p: p.name)
def test_reading_the_zip_and_python_docx_give_the_same_portfolio(path):
    assert_readers_agree(path)


def test_a_package_without_core_properties_or_styles_is_read(tmp_docx):
    d = docx.Document()
    d.add_paragraph("Progress", style="Heading 1")
    d.add_paragraph("I will reduce AHT.")

    def strip(member: str, data: bytes) -> bytes | None:
        if member in ("docProps/core.xml", "word/styles.xml"):
            return None
        return re.sub(rb"<Relationship [^>]*(core\.xml|styles\.xml)\"/>", b"", data)

    stripped = rewritten(tmp_docx(d), "stripped.docx", strip)
    portfolio = parse_file(stripped)
    assert portfolio.properties.author is None and portfolio.reference_date is None
    assert [b.kind for b in portfolio.blocks] == [BlockKind.HEADING, BlockKind.PARAGRAPH]
    assert_readers_agree(stripped)


@pytest.mark.parametrize(
    ("member", "change"),
    [
        ("_rels/.rels", (rb'<Relationship [^>]*/officeDocument"[^>]*/>', b"")),  # no main part
        ("word/document.xml", (rb"<w:body>.*</w:body>", b"")),  # a document with no body
    ],
)
def test_a_package_without_a_readable_main_document_is_damaged(tmp_docx, member, change):
    d = docx.Document()
    d.add_paragraph("I will reduce AHT.")
    broken = rewritten(
        tmp_docx(d),
        "broken.docx",
        lambda name, data: re.sub(*change, data, flags=re.S) if name == member else data,
    )
    with pytest.raises(PortfolioError) as refused:
        parse_file(broken)
    assert refused.value.code == "corrupt"


def test_core_properties_and_reference_date(tmp_docx):
    d = docx.Document()
    d.add_paragraph("Text")
    d.core_properties.author = "Jo Bloggs"
    d.core_properties.created = dt.datetime(2025, 1, 2, 9, 0)
    d.core_properties.modified = dt.datetime(2025, 6, 30, 17, 0)
    portfolio = parse_file(tmp_docx(d))
    assert portfolio.properties.author == "Jo Bloggs"
    assert portfolio.reference_date == dt.date(2025, 6, 30)
    assert len(portfolio.sha256) == 64
    assert portfolio.source == "portfolio.docx"


def test_anchors_point_at_the_elements_behind_locators(tmp_docx):
    d = docx.Document()
    d.add_paragraph("Objective one")
    table = d.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Objective", "Deadline"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "Cut AHT", "March"
    portfolio, anchors = parse_with_anchors(tmp_docx(d))
    row = portfolio.blocks[-1]
    assert anchors[row.cells[1].locator].tag.endswith("}tc")
    assert anchors[portfolio.blocks[0].locator].tag.endswith("}p")


def test_large_table_is_read_quickly_enough_to_be_linear(tmp_docx):
    d = docx.Document()
    table = d.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Objective", "Actions", "Deadline"], strict=True):
        cell.text = text
    for i in range(300):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = f"Objective {i}", "Shadowing", "31/03/2025"
    rows = blocks_of(tmp_docx(d))
    assert len(rows) == 301
    assert rows[-1].cells[0].text == "Objective 299"


def test_empty_document_warns(tmp_docx):
    portfolio = parse_file(tmp_docx(docx.Document()))
    assert [w.code for w in portfolio.warnings] == ["empty"]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.docx", b"", "empty-file"),
        ("notes.docx", b"just some text, not a zip", "not-office-file"),
        ("cut.docx", b"PK\x03\x04 cut short", "corrupt"),
        ("notes.txt", b"text", "plain-text"),  # a suffix with its own message
        ("notes.md", b"text", "unsupported-type"),
        ("notes.xyz", b"text", "unsupported-type"),
    ],
)
def test_unreadable_files_are_refused_with_a_code(tmp_path, name, data, code):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PortfolioError) as caught:
        parse_file(path)
    assert caught.value.code == code
    assert caught.value.source == name
    assert name in str(caught.value)


def test_short_plain_line_is_body_text_but_a_capitalised_section_name_is_a_heading(tmp_docx):
    d = docx.Document()
    d.add_paragraph().add_run("Reviews").font.size = Pt(14)
    d.add_paragraph("REVIEWS")
    d.add_paragraph("Met with my TL on 14/02/2025.")
    kinds = [b.kind for b in blocks_of(tmp_docx(d))]
    assert kinds == [BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.PARAGRAPH]


def test_content_control_prompts_are_not_read_as_the_learners_text(tmp_docx):
    d = docx.Document()
    append(
        d, wordml.placeholder_control_paragraph("Target date: ", "Click or tap to enter a date.")
    )
    assert [b.text for b in blocks_of(tmp_docx(d))] == ["Target date:"]


@pytest.mark.parametrize(
    ("name", "stream", "suffix"),
    [
        ("old-word.docx", "WordDocument", ".doc"),
        ("old-word.doc", "WordDocument", ".doc"),
        ("old-excel.xlsx", "Workbook", ".xls"),
        ("OLD-EXCEL.XLS", "Workbook", ".xls"),
    ],
)
def test_a_real_old_office_file_gets_the_same_message_by_name_or_by_content(
    tmp_path, name, stream, suffix
):
    from marker.parse.formats import REFUSED
    from tests.hostile import _ole

    path = tmp_path / name
    path.write_bytes(_ole(stream))
    with pytest.raises(PortfolioError) as caught:
        parse_file(path)
    assert (caught.value.code, caught.value.message) == REFUSED[suffix]


@pytest.mark.parametrize(("build", "suffix"), [("docx", ".docm"), ("xlsx", ".xlsm")])
def test_macros_found_by_content_get_the_message_of_their_suffix(tmp_path, build, suffix):
    from marker.parse.formats import REFUSED
    from tests import hostile

    main = {"docx": hostile.WORD_MAIN, "xlsx": hostile.EXCEL_MAIN}[build]
    macro = {
        "docx": "application/vnd.ms-word.document.macroEnabled.main+xml",
        "xlsx": "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    }[build]
    data = {"docx": hostile._docx, "xlsx": hostile._xlsx}[build]()
    path = tmp_path / f"renamed.{build}"
    path.write_bytes(hostile._content_type(data, main, macro))
    with pytest.raises(PortfolioError) as caught:
        parse_file(path)
    assert (caught.value.code, caught.value.message) == REFUSED[suffix]
