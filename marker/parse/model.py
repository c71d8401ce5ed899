"""The portfolio model: what the parse stage hands to every later stage.

A portfolio is an ordered list of blocks. Every block, and every table cell inside a
block, carries a `Locator` that a person can follow back to the file.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Part(StrEnum):
    """Which part of the file text came from; only `body` is the learner's main text."""

    BODY = "body"
    TEXT_BOX = "text box"
    HEADER = "header"
    FOOTER = "footer"
    FOOTNOTE = "footnote"
    ENDNOTE = "endnote"
    COMMENT = "comment"


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_HEADER = "table_header"
    TABLE_ROW = "table_row"
    FIELD = "field"  # a labelled answer: a "Label: value" line or a form table's row
    GUIDANCE = "guidance"  # the template's words: instructions, examples, prompts


class RoleFrom(StrEnum):
    """Where a cell's or field's role came from."""

    WORDS = "words"  # its header or label names the role, and the content agrees
    CONTENT = "content"  # inferred from what the cells hold (a column of dates)
    CORRECTED = "corrected"  # the words named another role, which the content contradicts


class Locator(BaseModel):
    """Where a piece of text sits, in words a person can follow.

    Numbers are 1-based, as a person counts. Word paragraphs are counted per part,
    skipping empty ones; tables are numbered in document order, nested ones included.
    """

    model_config = ConfigDict(frozen=True)

    part: Part = Part.BODY
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    column: str | None = None
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        pieces: list[str] = []
        if self.sheet is not None:
            pieces.append(f"sheet '{self.sheet}'")
            if self.cell is not None:
                pieces.append(f"cell {self.cell}")
            elif self.row is not None:
                pieces.append(f"row {self.row}")
            if self.column is not None:
                pieces.append(_column(self.column))
            return ", ".join(pieces)
        if self.part is not Part.BODY:
            pieces.append(self.part.value)
        if self.table is not None:
            pieces.append(f"table {self.table}")
            if self.row is not None:
                pieces.append(f"row {self.row}")
            if self.column is not None:
                pieces.append(_column(self.column))
        if self.paragraph is not None:
            pieces.append(f"paragraph {self.paragraph}")
        return ", ".join(pieces) or "document"


def _column(column: str) -> str:
    return f"column {column}" if column.isdigit() else f"column '{column}'"


class Cell(BaseModel):
    """One table or sheet cell, mapped to its column header and the header's role."""

    text: str
    header: str | None = None
    role: str | None = None
    date: dt.date | None = Field(default=None, description="set when the cell held a real date")
    locator: Locator
    role_from: RoleFrom | None = Field(default=None, description="how the role was decided")
    note: str | None = Field(default=None, description="why the role differs from the words")
    prompt: bool = Field(
        default=False, exclude=True, description="in a template's prompt look (reader's hint)"
    )


class Block(BaseModel):
    index: int = Field(description="position in reading order, from 0")
    kind: BlockKind
    text: str
    level: int | None = Field(default=None, description="heading level, 1 = top")
    heading_path: list[str] = Field(default_factory=list)
    locator: Locator
    cells: list[Cell] = Field(default_factory=list, description="table rows and fields")
    hidden: bool = Field(default=False, description="on a hidden sheet")
    reading: str | None = Field(
        default=None,
        description="how the structure was read and why (shown by `marker parse`), e.g. "
        "'form table: labels down the first column'",
    )
    # hints from the readers to the reading pass, never serialised
    lead: str | None = Field(default=None, exclude=True, description="leading bold words")
    prompt: bool = Field(default=False, exclude=True, description="in a prompt style or grey")

    @property
    def part(self) -> Part:
        return self.locator.part


class Properties(BaseModel):
    title: str | None = None
    author: str | None = None
    last_modified_by: str | None = None
    created: dt.datetime | None = None
    modified: dt.datetime | None = None


class ParseWarning(BaseModel):
    """Something the parser noticed that an assessor may need to know; the file was read."""

    code: str
    message: str

    def __str__(self) -> str:
        return self.message


class Portfolio(BaseModel):
    source: str = Field(description="the file's name as given, never an absolute path")
    kind: Literal["docx", "xlsx"]
    sha256: str
    properties: Properties = Field(default_factory=Properties)
    reference_date: dt.date | None = Field(
        default=None, description="the date relative dates resolve against (last modified)"
    )
    blocks: list[Block] = Field(default_factory=list)
    warnings: list[ParseWarning] = Field(default_factory=list)

    @property
    def body(self) -> list[Block]:
        return [b for b in self.blocks if b.part in (Part.BODY, Part.TEXT_BOX)]

    @property
    def word_count(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks)
