"""The structure of a table or a sheet: where tables start, which row heads them, and
which tables are forms of labelled answers rather than rows of data.

Both readers describe their rows as `GridRow`s (the cells showing text, with how they
look) and get back `Segment`s: title rows, text rows, tables with or without a header
row, and labelled fields (a form's labels down the first column, label/value pairs
across a row, or a grid of cells that each start with their label). A new table starts
at a title row, a blank-row gap or a new header row, so several tables on one sheet,
or sections of one Word table, each get their own header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from marker.parse.columns import role_of
from marker.parse.layout import heading_level_by_look

MAX_LABEL_WORDS = 8
MAX_LABEL_CHARS = 60
MAX_TITLE_WORDS = 12
MAX_TITLE_CHARS = 90
MAX_MARKED_TITLE_WORDS = (
    16  # bold or merged: "PDP - Imran Qureshi - Customer Services Advisor (...)"
)
MAX_MARKED_TITLE_CHARS = 110
MAX_GRID_LABEL_WORDS = 4
ANSWER_LONGER = 1.5  # a form's answers are this much longer than its labels, on average

_FIGURE = re.compile(r"^[\d\s.,:;%/£$€+\-–()x*<>=~]+$")  # 12, 4.5/5, 07:30, 31/03, 78%
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# "Dec", "Jan 25", "Update Feb", "Review 14/03", "Q1", "Week 3", "14/03/2025"
_DATE_HEAD = re.compile(
    rf"^(?:[a-z]+\s+)?(?:{_MONTH}(?:[\s'-]*\d{{2,4}})?|\d{{1,2}}[/.-]\d{{1,2}}(?:[/.-]\d{{2,4}})?"
    r"|q[1-4]|week\s*\d{1,2}|wk\s*\d{1,2})$",
    re.I,
)
_GRID_LABEL = re.compile(r"^(?P<label>[A-Za-z][\w '&/()-]{0,40}?)\s*[:–-]\s+(?P<rest>\S)", re.S)


@dataclass(frozen=True, slots=True)
class GridCell:
    column: int  # 1-based grid column
    text: str
    span: int = 1  # columns the cell covers
    bold: bool = False
    filled: bool = False  # shaded background
    date: bool = False  # holds a real date
    prompt: bool = False  # in a template's prompt look (grey)

    @property
    def styled(self) -> bool:
        return self.bold or self.filled


@dataclass(slots=True)
class GridRow:
    number: int  # 1-based: the sheet row, or the row of the Word table
    cells: list[GridCell]  # left to right; empty cells may be included (Word)
    gap_before: bool = False  # blank rows above it
    marked_header: bool = False  # Word's "repeat as header row"
    full_width: bool = False  # one cell merged across the whole table
    texts: list[GridCell] = field(init=False)  # the cells showing text

    def __post_init__(self) -> None:
        self.texts = [c for c in self.cells if c.text]


class SegmentKind(StrEnum):
    TITLE = "title"  # a heading for what follows
    TEXT = "text"  # a note or paragraph typed in a row
    TABLE = "table"  # rows of data, under a header row or not
    FIELDS = "fields"  # labelled answers


@dataclass(frozen=True, slots=True)
class FieldPlan:
    """One labelled answer: the label's words and the cell the answer is in."""

    row: int  # index into the rows segmented
    label: str
    column: int  # the answer cell's column
    text: str  # the answer (for a labelled grid cell: the words after the label)


@dataclass
class Segment:
    kind: SegmentKind
    rows: list[int] = field(default_factory=list)  # indexes into the rows segmented
    header: int | None = None  # index of the header row (a table)
    reason: str = ""
    fields: list[FieldPlan] = field(default_factory=list)


def label_like(cell: GridCell) -> bool:
    """Short words naming something: not a sentence, a figure or a date."""
    text = cell.text.strip()
    return (
        bool(text)
        and not cell.date
        and "\n" not in text
        and len(text) <= MAX_LABEL_CHARS
        and len(text.split()) <= MAX_LABEL_WORDS
        and (text[-1] not in ".!;," or (text[-1] == "." and len(text.split()) <= 2))
        and not _FIGURE.match(text)
    )  # "No." and "Ref." are labels


def _date_like(cell: GridCell) -> bool:
    return cell.date or bool(_DATE_HEAD.match(cell.text.strip()))


def header_reason(row: GridRow, below: GridRow | None, at_start: bool) -> str | None:
    """Why `row` heads a table, or None. Header cells are short labels that look like
    headers (bold, shaded); a row of months or dates across the top heads the figures
    below it. At a table's start (not below its data rows), labels that name roles, or
    short labels over longer data, also head it."""
    texts = row.texts
    if len(texts) < 2:
        return None
    if row.marked_header:
        return "marked as a repeating header row"
    if not all(c.date or label_like(c) for c in texts):
        return None  # a sentence or a figure: data (checked first: every row asks)
    dated = sum(_date_like(c) for c in texts)
    if dated >= max(2, len(texts) - 1):
        return "dates across the top"
    if any(c.date for c in texts):
        return None
    styled = sum(c.styled for c in texts)
    if styled == len(texts):
        if below is None or not all(c.styled for c in below.texts):
            return "bold or shaded labels"
    elif styled:
        return None  # a header's cells look alike: a bold label beside plain text is a form
    if not at_start:
        return None  # inside a table, data cells may name roles too ("the complaints team")
    named = sum(1 for c in texts if role_of(c.text))
    if named >= 2 and named * 2 >= len(texts):
        return f"{named} of {len(texts)} labels name roles"
    if len(texts) >= 3 and below is not None and any(not label_like(c) for c in below.texts):
        return "short labels above longer data"
    return None


def _title_like(row: GridRow, width: int, above_header: bool) -> bool:
    (cell,) = row.texts
    text = cell.text.strip()
    marked = cell.styled or cell.span > 1 or (row.full_width and width > 1)
    words, chars = (
        (MAX_MARKED_TITLE_WORDS, MAX_MARKED_TITLE_CHARS)
        if marked
        else (
            MAX_TITLE_WORDS,
            MAX_TITLE_CHARS,
        )
    )
    if (
        "\n" in text
        or len(text) > chars
        or len(text.split()) > words
        or text[-1] in ".!?;,"
        or _FIGURE.match(text)
        or cell.date
    ):
        return False
    return marked or above_header or heading_level_by_look(text, bold=False) is not None


def _marked_label(cell: GridCell) -> bool:
    return label_like(cell) or (cell.text.endswith(":") and len(cell.text.split()) <= 8)


def pair_fields(row: GridRow) -> list[tuple[GridCell, GridCell | None]] | None:
    """Label/value/label/value across a row ("Name | Jo | Date | 3/6/25"): labels styled
    or ending in a colon, values not; or, where nothing is styled, strictly alternating
    labels that name roles and values that do not."""
    cells = row.cells
    styled = any(c.styled for c in cells if c.text)
    pairs = _styled_pairs(cells) if styled else _plain_pairs(cells)
    if pairs is None or len(pairs) < 2 or not any(v is not None and v.text for _, v in pairs):
        return None
    return pairs


def _styled_pairs(cells: list[GridCell]) -> list[tuple[GridCell, GridCell | None]] | None:
    def is_label(cell: GridCell) -> bool:
        return bool(cell.text) and _marked_label(cell) and (cell.styled or cell.text.endswith(":"))

    pairs: list[tuple[GridCell, GridCell | None]] = []
    index = 0
    while index < len(cells):
        if not is_label(cells[index]):
            return None
        after = cells[index + 1] if index + 1 < len(cells) else None
        value = after if after is not None and not is_label(after) else None
        if value is not None and value.styled and value.text:
            return None  # a row of styled cells is a header, not answers
        pairs.append((cells[index], value))
        index += 2 if value is not None else 1
    return pairs


def _plain_pairs(cells: list[GridCell]) -> list[tuple[GridCell, GridCell | None]] | None:
    if len(cells) < 4 or len(cells) % 2:
        return None
    labels, values = cells[::2], cells[1::2]
    if not all(c.text and _marked_label(c) for c in labels):
        return None
    named = sum(1 for c in labels if c.text.endswith(":") or role_of(c.text))
    if named * 2 < len(labels) or any(v.text and role_of(v.text) for v in values):
        return None
    return list(zip(labels, values, strict=True))


def grid_label(cell: GridCell) -> tuple[str, str] | None:
    """A grid cell that starts with its label ("Strengths: ..." or "Strengths" on a line
    of its own, then the text): (label, text)."""
    text = cell.text.strip()
    first, newline, rest = text.partition("\n")
    match = _GRID_LABEL.match(text)
    if match and len(match["label"].split()) <= MAX_GRID_LABEL_WORDS:
        label = match["label"].strip()
        return label, text[match.start("rest") :].strip()
    first = first.strip().rstrip(":").strip()
    if (
        newline
        and rest.strip()
        and first
        and len(first.split()) <= MAX_GRID_LABEL_WORDS
        and first[-1] not in ".!?;,"
        and not _FIGURE.match(first)
    ):
        return first, rest.strip()
    return None


def _grid(rows: list[GridRow], indexes: list[int]) -> Segment | None:
    """Cells that each start with their label (a SWOT): every cell is a field."""
    cells = [(i, c) for i in indexes for c in rows[i].texts]
    if len(cells) < 2 or max(len(rows[i].texts) for i in indexes) < 2:
        return None
    plans = []
    for i, cell in cells:
        labelled = grid_label(cell)
        if labelled is None or not labelled[1]:
            return None
        plans.append(FieldPlan(i, labelled[0], cell.column, labelled[1]))
    labels = ", ".join(p.label for p in plans)
    return Segment(
        SegmentKind.FIELDS,
        list(indexes),
        reason=f"grid of labelled cells ({len(plans)} cells: {labels})",
        fields=plans,
    )


def _form(rows: list[GridRow], indexes: list[int], above_table: bool) -> Segment | None:
    """Labels down the first column and answers beside them, or label/value pairs across."""
    first_column = min(c.column for i in indexes for c in rows[i].texts)
    plans: list[FieldPlan] = []
    labels: list[GridCell] = []
    answers: list[GridCell] = []
    paired = 0
    for i in indexes:
        row = rows[i]
        pairs = pair_fields(row)
        if pairs is not None:
            paired += 1
            plans += [
                FieldPlan(i, _label_text(label), value.column, value.text)
                for label, value in pairs
                if value is not None and value.text
            ]
            continue
        texts = row.texts
        label = texts[0]
        if label.column != first_column or not _marked_label(label):
            return None
        labels.append(label)
        answers += texts[1:]
        plans += [FieldPlan(i, _label_text(label), a.column, a.text) for a in texts[1:]]
    if not plans:
        return None
    reasons = []
    if labels:
        n = len(labels)
        named = sum(1 for c in labels if role_of(c.text))
        mean_label = sum(len(c.text) for c in labels) / n
        mean_answer = sum(len(c.text) for c in answers) / len(answers) if answers else 0.0
        if all(c.styled for c in labels) and not any(c.styled for c in answers):
            reasons.append("labels bold or shaded")
        if named * 2 >= n:
            reasons.append(f"{named} of {n} name roles")
        if mean_answer >= ANSWER_LONGER * mean_label:
            reasons.append("answers longer")
        if not reasons and above_table and len(indexes) <= 3:
            reasons.append("lines above a table")
        if not reasons:
            return None
        reason = f"form table: labels down the first column ({n} of {n} short, " + (
            ", ".join(reasons) + ")"
        )
        if paired:
            reason += f"; label/value pairs across {paired} row(s)"
    else:
        reason = f"form table: label/value pairs across {paired} row(s)"
    return Segment(SegmentKind.FIELDS, list(indexes), reason=reason, fields=plans)


def _form_under_header(segment: Segment, rows: list[GridRow]) -> Segment | None:
    header = rows[segment.header]
    data = [i for i in segment.rows if i != segment.header]
    if not data or sum(1 for c in header.texts if role_of(c.text)) >= 2:
        return None
    if any(len(rows[i].texts) > 2 for i in data):
        return None
    labels = [rows[i].texts[0] for i in data]
    if sum(1 for c in labels if role_of(c.text)) * 2 < len(labels):
        return None
    form = _form(rows, data, above_table=False)
    if form is None:
        return None
    words = " | ".join(c.text for c in header.texts)
    form.rows = list(segment.rows)
    form.header = segment.header
    form.reason = f"{form.reason}, under header row {header.number} ('{words}' names no roles)"
    return form


def _label_text(cell: GridCell) -> str:
    return " ".join(cell.text.split()).rstrip(":").strip()


def _fits_below(row: GridRow, table: Segment, rows: list[GridRow]) -> bool:
    """A row after a blank gap still belongs to the table above when it sits in that
    table's headed columns and is not a header or a form of its own."""
    if table.header is None:
        return False
    headed = {c.column for c in rows[table.header].texts}
    return bool(row.texts) and all(c.column in headed for c in row.texts)


def segment(rows: list[GridRow], width: int, lone_cells_are_text: bool) -> list[Segment]:
    """Split rows into titles, text rows, tables and labelled fields, in order.

    `lone_cells_are_text`: on a sheet, a row with one cell outside any table is a note;
    in a Word table it is a row of the table unless it spans the table."""
    segments: list[Segment] = []
    table: Segment | None = None  # the table rows are being added to
    last_table: Segment | None = None  # the table a blank gap closed
    for i, row in enumerate(rows):
        texts = row.texts
        if not texts:
            continue
        if row.gap_before and table is not None:
            last_table, table = table, None
        below = rows[i + 1] if i + 1 < len(rows) and not rows[i + 1].gap_before else None
        if len(texts) == 1:
            above = rows[i + 2] if i + 2 < len(rows) and not rows[i + 2].gap_before else None
            above_header = below is not None and header_reason(below, above, True) is not None
            if table is not None and not above_header and not _lone_cell_apart(row, table, rows):
                table.rows.append(i)  # the other cells left empty
                continue
            table = None
            if _title_like(row, width, above_header):
                segments.append(Segment(SegmentKind.TITLE, [i]))
            elif row.full_width or lone_cells_are_text:
                segments.append(Segment(SegmentKind.TEXT, [i]))
            else:
                table = Segment(SegmentKind.TABLE, [i])
                segments.append(table)
            continue
        pairs_here = table is None or table.header is None or any(c.styled for c in texts)
        if pairs_here and pair_fields(row) is not None:  # a headed table's rows: no pairs
            if table is None or table.header is not None:
                table = Segment(SegmentKind.TABLE, [])
                segments.append(table)
            table.rows.append(i)
            continue
        at_start = table is None or (table.header is None and not table.rows)
        reason = header_reason(row, below, at_start)
        if reason is not None and (table is None or _new_header(row, table, rows)):
            table = Segment(SegmentKind.TABLE, [i], header=i, reason=reason)
            segments.append(table)
            continue
        if table is None:
            resumes = row.gap_before and last_table is not None and segments[-1] is last_table
            if resumes and _fits_below(row, last_table, rows):
                table = last_table  # blank rows inside a table
            else:
                table = Segment(SegmentKind.TABLE, [])
                segments.append(table)
        table.rows.append(i)
    return [_read_headerless(s, rows, segments) for s in segments]


def _lone_cell_apart(row: GridRow, table: Segment, rows: list[GridRow]) -> bool:
    """A lone cell inside a table is a row of it (the other cells left empty) unless it
    spans the table or several columns, or sits outside the table's columns."""
    (cell,) = row.texts
    if row.full_width or cell.span > 1:
        return True
    if table.header is not None:
        return cell.column not in {c.column for c in rows[table.header].texts}
    return not table.rows or cell.column != _first_column(table, rows)


def _first_column(table: Segment, rows: list[GridRow]) -> int:
    return min(c.column for i in table.rows for c in rows[i].texts)


def _new_header(row: GridRow, table: Segment, rows: list[GridRow]) -> bool:
    """A header-like row inside a table heads a new one if the table already has data
    (or no header) and the row is not the header's repeat."""
    if table.header is None:
        return True
    if not table.rows[1:]:
        return False
    words = [c.text for c in rows[table.header].texts]
    return [c.text for c in row.texts] != words


def _read_headerless(segment: Segment, rows: list[GridRow], segments: list[Segment]) -> Segment:
    """A table without a header row: a grid of labelled cells, a form, or plain rows. A
    two-column table under a header that names nothing ("Section | Details") whose first
    column names roles is a form too."""
    if segment.kind is not SegmentKind.TABLE or not segment.rows:
        return segment
    if segment.header is not None:
        return _form_under_header(segment, rows) or segment
    position = segments.index(segment)
    after = segments[position + 1] if position + 1 < len(segments) else None
    above_table = after is not None and after.header is not None
    found = _grid(rows, segment.rows) or _form(rows, segment.rows, above_table)
    if found is not None:
        return found
    segment.reason = "table without a header row: columns numbered"
    return segment
