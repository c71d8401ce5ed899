"""A portfolio file (docgen/FORMAT.md) as pydantic models: what may be written, and nothing else."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal

from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries
from pydantic import AfterValidator, BeforeValidator, Field, PositiveFloat, model_validator

from docgen.strict import Colour, Strict, fail

CELL = re.compile(r"^[A-Z]{1,3}[1-9][0-9]*$")
RANGE = re.compile(r"^[A-Z]{1,3}[1-9][0-9]*:[A-Z]{1,3}[1-9][0-9]*$")
COLUMN = re.compile(r"^[A-Z]{1,3}$")
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
HIGHLIGHTS = (
    "yellow",
    "bright_green",
    "turquoise",
    "pink",
    "blue",
    "red",
    "dark_blue",
    "teal",
    "green",
    "violet",
    "dark_red",
    "dark_yellow",
    "gray_25",
    "gray_50",
    "black",
)
BLOCK_KINDS = ("heading", "title", "paragraph", "bullets", "numbered", "table", "page_break")

# (first column, first row, last column, last row), 1-based, as openpyxl gives them.
Bounds = tuple[int, int, int, int]


def _cell_ref(value: str) -> str:
    if not CELL.match(value.upper()):
        raise ValueError("a cell is a column letter and a row number, e.g. B3")
    return value.upper()


def _cell_range(value: str) -> str:
    value = value.upper()
    if not RANGE.match(value):
        raise ValueError("a range is two cells joined by ':', e.g. A1:C1")
    first_col, first_row, last_col, last_row = range_boundaries(value)
    if first_col > last_col or first_row > last_row:
        raise ValueError("a range goes from its top-left to its bottom-right cell")
    if (first_col, first_row) == (last_col, last_row):
        raise ValueError("a merge covers at least two cells")
    return value


def _column(value: str) -> str:
    if not COLUMN.match(value.upper()):
        raise ValueError("a column is one to three letters, e.g. B")
    return value.upper()


def _highlight(value: Any) -> Any:
    if value is True:  # `highlight: true` is Word's default yellow
        return "yellow"
    return value.lower() if isinstance(value, str) else value


CellRef = Annotated[str, AfterValidator(_cell_ref)]
CellRange = Annotated[str, AfterValidator(_cell_range)]
ColumnLetter = Annotated[str, AfterValidator(_column)]
Highlight = Annotated[Literal[HIGHLIGHTS], BeforeValidator(_highlight)]  # type: ignore[valid-type]


def merged_away(merges: list[str]) -> Iterator[tuple[str, int, int]]:
    """(range, row, column) of every cell a merge covers except its top-left one.

    Raises ValueError when two merges overlap.
    """
    owner: dict[tuple[int, int], str] = {}
    for merge in merges:
        first_col, first_row, last_col, last_row = range_boundaries(merge)
        for row in range(first_row, last_row + 1):
            for column in range(first_col, last_col + 1):
                if (row, column) in owner:
                    raise ValueError(f"merges {owner[row, column]} and {merge} overlap")
                owner[row, column] = merge
                if (row, column) != (first_row, first_col):
                    yield merge, row, column


def _coordinate(row: int, column: int) -> str:
    return f"{get_column_letter(column)}{row}"


# -- Word ----------------------------------------------------------------------------------


class Run(Strict):
    """A stretch of text with one look."""

    shape: ClassVar[str] = "a run: {text, bold, italic, underline, colour, highlight}"
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    colour: Colour | None = None
    highlight: Highlight | None = None


class Paragraph(Strict):
    """One paragraph: `text` (with optional look) or `runs`, in a paragraph style."""

    shorthand: ClassVar[str] = "text"
    text: str | None = None
    runs: list[Run] | None = None
    style: str = "normal"
    bold: bool = False
    italic: bool = False
    underline: bool = False
    colour: Colour | None = None
    highlight: Highlight | None = None

    @model_validator(mode="after")
    def _text_or_runs(self) -> Paragraph:
        if (self.text is None) == (self.runs is None):
            raise fail("paragraph", "a paragraph has either 'text' or 'runs'")
        looks = (self.bold, self.italic, self.underline, self.colour, self.highlight)
        if self.runs is not None and any(looks):
            raise fail("paragraph", "with 'runs', bold/italic/colour... go on each run")
        return self

    def as_runs(self) -> list[Run]:
        """The paragraph's runs; `text` is one run with the paragraph's look."""
        if self.runs is not None:
            return self.runs
        look = self.model_dump(include={"bold", "italic", "underline", "colour", "highlight"})
        return [Run(text=self.text or "", **look)]


class Heading(Strict):
    """A heading in Word's "Heading n" style."""

    shorthand: ClassVar[str] = "text"
    text: str
    level: int = Field(default=1, ge=1, le=9)


class DocCell(Strict):
    """A table cell: its text (a newline starts a new paragraph) and look."""

    shorthand: ClassVar[str] = "text"
    shape: ClassVar[str] = "a cell: text or a mapping {text, style, bold, italic, shade}"
    text: str | None = None
    style: str = "normal"
    bold: bool | None = None  # None: bold in a header row, plain elsewhere
    italic: bool = False
    shade: Colour | None = None


class Table(Strict):
    """A Word table: rows of cells, optional header row, widths and merges."""

    style: Literal["grid", "plain"] = "grid"
    header: bool = True
    widths: list[PositiveFloat] | None = None
    rows: list[list[DocCell]] = Field(min_length=1)
    merge: list[CellRange] = Field(default_factory=list)

    @property
    def columns(self) -> int:
        return max(len(row) for row in self.rows)

    @model_validator(mode="after")
    def _fits(self) -> Table:
        if self.columns == 0:
            raise fail("table", "a table needs at least one cell")
        if self.widths is not None and len(self.widths) != self.columns:
            raise fail("table", f"widths has {len(self.widths)} values for {self.columns} columns")
        try:
            covered = list(merged_away(self.merge))
        except ValueError as error:
            raise fail("table", str(error)) from None
        for merge in self.merge:
            _, _, last_col, last_row = range_boundaries(merge)
            if last_row > len(self.rows) or last_col > self.columns:
                size = f"{len(self.rows)} rows x {self.columns} columns"
                raise fail("table", f"merge {merge} goes outside the table ({size})")
        for merge, row, column in covered:
            cells = self.rows[row - 1]
            if column <= len(cells) and cells[column - 1].text:
                where = _coordinate(row, column)
                raise fail("table", f"cell {where} is under merge {merge}: leave it empty")
        return self


class Block(Strict):
    """One body block: a mapping whose single key names its kind, or `page_break`."""

    shape: ClassVar[str] = f"a block: one of {', '.join(BLOCK_KINDS)}"
    heading: Heading | None = None
    title: str | None = None
    paragraph: Paragraph | None = None
    bullets: list[str] | None = None
    numbered: list[str] | None = None
    table: Table | None = None
    page_break: Literal[True] | None = None

    @model_validator(mode="before")
    @classmethod
    def _one_kind(cls, data: Any) -> Any:
        if data == "page_break":
            return {"page_break": True}
        if isinstance(data, dict) and len(data) != 1:
            found = ", ".join(repr(key) for key in data) or "nothing"
            raise fail(
                "block",
                f"a block has exactly one key naming its kind ({', '.join(BLOCK_KINDS)}); "
                f"found {found} (indent a block's own keys under it)",
            )
        return data

    @model_validator(mode="after")
    def _has_content(self) -> Block:
        if all(getattr(self, kind) is None for kind in BLOCK_KINDS):
            raise fail("block", "an empty block: give it its content")
        return self

    @property
    def kind(self) -> str:
        return next(kind for kind in BLOCK_KINDS if getattr(self, kind) is not None)


# -- Excel ---------------------------------------------------------------------------------


def _scalar(value: Any) -> Any:
    if value is None or isinstance(value, str | bool | int | float | dt.date):
        return value
    raise ValueError("a cell value is text, a number, a date, true/false or null")


Scalar = Annotated[
    str | bool | int | float | dt.datetime | dt.date | None, BeforeValidator(_scalar)
]


class XlCell(Strict):
    """A worksheet cell: its value, number format and look."""

    shorthand: ClassVar[str] = "value"
    shape: ClassVar[str] = "a cell: text, a number, a date, true/false, null or a mapping"
    value: Scalar = None
    format: str | None = None
    bold: bool = False
    italic: bool = False
    colour: Colour | None = None
    fill: Colour | None = None
    wrap: bool = False
    prompt: bool = False


def _hidden(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


class Sheet(Strict):
    """A worksheet: rows of cells from `start`, with widths, merges and visibility."""

    name: str = Field(min_length=1, max_length=31)
    hidden: Annotated[bool | Literal["very_hidden"] | None, BeforeValidator(_hidden)] = None
    very_hidden: bool = False
    widths: dict[ColumnLetter, PositiveFloat] = Field(default_factory=dict)
    merge: list[CellRange] = Field(default_factory=list)
    start: CellRef = "A1"
    rows: list[list[XlCell]] = Field(default_factory=list)

    @property
    def state(self) -> Literal["visible", "hidden", "veryHidden"]:
        if self.very_hidden or self.hidden == "very_hidden":
            return "veryHidden"
        return "hidden" if self.hidden else "visible"

    @property
    def origin(self) -> tuple[int, int]:
        """(row, column) of the first row's first cell."""
        first_col, first_row, _, _ = range_boundaries(self.start)
        return first_row, first_col

    @model_validator(mode="after")
    def _consistent(self) -> Sheet:
        if SHEET_NAME_FORBIDDEN.search(self.name) or self.name.strip("'") != self.name:
            raise fail("sheet", "a sheet name has none of [ ] : * ? / \\ and no quote at its ends")
        if self.hidden is False and self.very_hidden:
            raise fail("sheet", "hidden: false and very_hidden: true contradict each other")
        try:
            covered = list(merged_away(self.merge))
        except ValueError as error:
            raise fail("sheet", str(error)) from None
        top, left = self.origin
        for merge, row, column in covered:
            cells = self.rows[row - top] if 0 <= row - top < len(self.rows) else []
            index = column - left
            if 0 <= index < len(cells) and cells[index].value not in (None, ""):
                where = _coordinate(row, column)
                raise fail("sheet", f"cell {where} is under merge {merge}: leave it empty")
        return self


# -- the portfolio -------------------------------------------------------------------------


def _file_name(value: str) -> str:
    if "/" in value or "\\" in value or value.startswith("."):
        raise ValueError("a file name, not a path")
    if not value.endswith((".docx", ".xlsx")):
        raise ValueError("the rendered file is a .docx or an .xlsx")
    return value


class Portfolio(Strict):
    """One portfolio file: core properties and either a Word body or Excel sheets."""

    file: Annotated[str, AfterValidator(_file_name)]
    author: str
    title: str | None = None
    created: dt.date | None = None
    reference_date: dt.date
    header: str | None = None
    footer: str | None = None
    body: list[Block] | None = None
    sheets: list[Sheet] | None = Field(default=None, min_length=1)

    @property
    def suffix(self) -> str:
        return self.file.rsplit(".", 1)[1]

    @property
    def stem(self) -> str:
        return self.file.rsplit(".", 1)[0]

    @model_validator(mode="after")
    def _one_format(self) -> Portfolio:
        if self.suffix == "docx" and (self.body is None or self.sheets is not None):
            raise fail("portfolio", "a .docx portfolio has 'body' and no 'sheets'")
        if self.suffix == "xlsx":
            if self.sheets is None or self.body is not None:
                raise fail("portfolio", "an .xlsx portfolio has 'sheets' and no 'body'")
            if self.header is not None or self.footer is not None:
                raise fail("portfolio", "'header' and 'footer' are for .docx portfolios")
            names = [sheet.name.lower() for sheet in self.sheets]
            twice = sorted({name for name in names if names.count(name) > 1})
            if twice:
                raise fail("portfolio", f"sheet names must differ: {', '.join(twice)}")
            if all(sheet.state != "visible" for sheet in self.sheets):
                raise fail("portfolio", "at least one sheet must be visible")
        if self.created is not None and self.created > self.reference_date:
            raise fail("portfolio", "created is after reference_date (the last save)")
        return self
