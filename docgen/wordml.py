"""Write a portfolio's body as a Word document with python-docx."""

from __future__ import annotations

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from docgen.model import Block, DocCell, Paragraph, Portfolio, Run, Table

PROMPT_STYLE = "Prompt Text"
PROMPT_GREY = "808080"
STYLE_NAMES = {"normal": "Normal", "prompt": PROMPT_STYLE, "quote": "Quote", "caption": "Caption"}


def new_document(*, header: str | None = None, footer: str | None = None) -> DocxDocument:
    """A blank A4 document in Calibri 11, optionally with page header and footer text."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    if header is not None:
        section.header.paragraphs[0].text = header
    if footer is not None:
        section.footer.paragraphs[0].text = footer
    return document


def shade(cell: _Cell, fill: str) -> None:
    """Give a cell a solid background colour."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def repeat_as_header(table: DocxTable, row_index: int) -> None:
    """Mark a table row as a header row (repeated at the top of each page)."""
    tr_pr = table.rows[row_index]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))


def paragraph_style(document: DocxDocument, name: str) -> ParagraphStyle:
    """The paragraph style a writer named; made (based on Normal) if the template lacks it."""
    wanted = STYLE_NAMES.get(name, name)
    try:
        style = document.styles[wanted]
    except KeyError:
        style = document.styles.add_style(wanted, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        if wanted == PROMPT_STYLE:  # a template's grey italic guidance text
            style.font.italic = True
            style.font.color.rgb = RGBColor.from_string(PROMPT_GREY)
    if style.type != WD_STYLE_TYPE.PARAGRAPH:
        raise ValueError(f"style {wanted!r} is not a paragraph style")
    return style


def _add_run(paragraph: DocxParagraph, run: Run) -> None:
    if not run.text:
        return
    written = paragraph.add_run(run.text)  # python-docx writes "\n" as a line break
    written.bold = run.bold or None
    written.italic = run.italic or None
    written.underline = run.underline or None
    if run.colour:
        written.font.color.rgb = RGBColor.from_string(run.colour)
    if run.highlight:
        written.font.highlight_color = WD_COLOR_INDEX[run.highlight.upper()]


def _write_paragraph(document: DocxDocument, paragraph: Paragraph) -> None:
    written = document.add_paragraph(style=paragraph_style(document, paragraph.style))
    for run in paragraph.as_runs():
        _add_run(written, run.model_copy(update={"text": run.text.rstrip("\n")}))


def _write_cell(document: DocxDocument, cell: _Cell, content: DocCell, in_header: bool) -> None:
    style = paragraph_style(document, content.style)
    bold = in_header if content.bold is None else content.bold
    lines = (content.text or "").rstrip("\n").split("\n")
    for index, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.style = style
        _add_run(paragraph, Run(text=line, bold=bold, italic=content.italic))
    if content.shade:
        shade(cell, content.shade)


def _write_table(document: DocxDocument, table: Table) -> None:
    written = document.add_table(rows=len(table.rows), cols=table.columns)
    if table.style == "grid":
        written.style = "Table Grid"
    for row_index, row in enumerate(table.rows):
        padded = [*row, *[DocCell()] * (table.columns - len(row))]
        for column, content in enumerate(padded):
            in_header = table.header and row_index == 0
            _write_cell(document, written.cell(row_index, column), content, in_header)
    if table.header:
        repeat_as_header(written, 0)
    if table.widths:
        written.autofit = False
        for column, width in zip(written.columns, table.widths, strict=True):
            column.width = Cm(width)
            for cell in column.cells:
                cell.width = Cm(width)
    for merge in table.merge:
        first, last = merge.split(":")
        written.cell(*_row_column(first)).merge(written.cell(*_row_column(last)))


def _row_column(reference: str) -> tuple[int, int]:
    """0-based (row, column) of a cell reference such as B3."""
    letters, row = coordinate_from_string(reference)
    return row - 1, column_index_from_string(letters) - 1


def _write_block(document: DocxDocument, block: Block) -> None:
    match block.kind:
        case "heading":
            document.add_heading(block.heading.text.rstrip("\n"), block.heading.level)
        case "title":
            document.add_heading(block.title.rstrip("\n"), 0)
        case "paragraph":
            _write_paragraph(document, block.paragraph)
        case "bullets" | "numbered":
            style = "List Bullet" if block.kind == "bullets" else "List Number"
            for item in getattr(block, block.kind):
                document.add_paragraph(item.rstrip("\n"), style=style)
        case "table":
            _write_table(document, block.table)
        case "page_break":
            document.add_page_break()


def build_document(portfolio: Portfolio) -> DocxDocument:
    """The portfolio's body as a python-docx Document (core properties are set on saving)."""
    document = new_document(header=portfolio.header, footer=portfolio.footer)
    for block in portfolio.body or []:
        _write_block(document, block)
    return document
