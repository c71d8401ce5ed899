"""The NLP stage's output: every analysed text with its spans, and the objectives and
review entries assembled from them, each with the locator of the text it came from.

Prose is analysed block by block; a table row cell by cell, each cell knowing its
column's role, and then the row is read as one record: a plan row's "Target date"
cell is its objective's deadline, a review log row is one review entry.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from pydantic import BaseModel, Field
from spacy.tokens import Doc

from marker.nlp.dates import DateValue, find_dates
from marker.nlp.pipeline import Context, process
from marker.nlp.spans import kept, noted, release, spans_of, text_of
from marker.nlp.statements import (
    action_direction,
    link_quantities,
    pick_deadline,
    verifiable_outcome,
)
from marker.nlp.terms import vocabularies
from marker.parse.columns import normalise_header
from marker.parse.model import Block, BlockKind, Cell, Part, Portfolio
from marker.resources import lexicon

MAIN_LABELS = (
    "DATE",
    "DURATION",
    "FREQUENCY",
    "KPI",
    "QUANTITY",
    "OBJECTIVE",
    "REVIEW",
    "ACTIVITY",
    "RESOURCE",
)


def _kept_labels() -> tuple[str, ...]:
    """What the evidence keeps: every label but counted vocabularies' (WORK)."""
    labels = {v.label for v in vocabularies().values() if not v.counted} | set(MAIN_LABELS)
    return tuple(sorted(labels))


_REVIEW_HEADINGS = (
    "review",
    "progress",
    "monitor",
    "1:1",
    "one to one",
    "reflection",
    "log",
    "update",
    "diary",
)
_OBJECTIVE_HEADINGS = ("objective", "goal", "target", "aim")


@cache
def _nothing() -> frozenset[str]:
    return frozenset(lexicon("adjustments")["no_change"])


def _says_nothing(text: str, doc: Doc | None = None) -> bool:
    """ "None – first review.", "No changes", "Continue with the plan", "-": a cell that
    records nothing (unless it names a change: "Continue, but move the deadline")."""
    words = normalise_header(text).split()
    if doc is not None and spans_of(doc, "ADJUSTMENT"):
        return False
    return not words or " ".join(words[:2]) in _nothing() or words[0] in _nothing()


@dataclass(frozen=True, slots=True)
class Found:
    """One labelled span: offsets into its text, end exclusive.

    A plain dataclass: a portfolio has thousands, made by our own components.
    """

    label: str
    text: str
    start: int
    end: int
    value: Any = None
    flags: tuple[str, ...] = ()


class Analysed(BaseModel):
    """One analysed text (a paragraph, a heading, or one table cell)."""

    block: int
    cell: int | None = None
    role: str | None = None
    locator: str
    text: str
    spans: list[Found]

    def labelled(self, *labels: str) -> list[Found]:
        return [s for s in self.spans if s.label in labels]


class Objective(BaseModel):
    text: str
    locator: str
    block: int
    kpis: list[str]
    action: str | None = None
    direction: str | None = None
    baseline: dict | None = None
    target: dict | None = None
    deadline: dict | None = None
    timescale: str | None = None
    concrete: str | None = Field(default=None, description="a verb and its object: 'run 5km'")
    amounts: list[str] = Field(
        default_factory=list, description="counts, repeats, relative changes: '4 modules'"
    )
    counts: list[str] = Field(default_factory=list, description="counts alone: '4 modules'")
    bare_metric: bool = Field(default=False, description="'reduce my AHT': no number of its own")
    outcome: str | None = Field(
        default=None, description="reached or not: 'pass the exam', 'no compliance fails'"
    )
    vague: list[str] = Field(default_factory=list)
    hobby: list[str] = Field(default_factory=list)
    career: list[str] = Field(default_factory=list)
    activities: list[str] = Field(default_factory=list, description="relevant activity ids")
    off_topic: list[str] = Field(
        default_factory=list, description="courses off the job named in it: 'food hygiene'"
    )
    work_context: int = 0
    row_text: str | None = Field(default=None, description="the whole plan row, when in one")


class Review(BaseModel):
    text: str
    locator: str
    block: int
    date: str | None = None
    participants: list[str] = Field(default_factory=list)
    progress: bool = False
    adjustment: list[dict] = Field(default_factory=list)
    reason: str | None = None


class Evidence(BaseModel):
    source: str
    sha256: str
    reference_date: dt.date | None = None
    texts: list[Analysed]
    objectives: list[Objective]
    reviews: list[Review]

    def spans(self, *labels: str) -> Iterator[tuple[Analysed, Found]]:
        for analysed in self.texts:
            for span in analysed.spans:
                if span.label in labels:
                    yield analysed, span


def _json_value(value: Any) -> Any:
    if isinstance(value, DateValue):
        return value.iso
    return value


def found_spans(doc: Doc, labels: Iterable[str] | None = None) -> list[Found]:
    """The spans with these labels, in text order; with no labels, every span, counted
    terms (WORK) included."""
    wanted = set(labels) if labels else None
    text = text_of(doc)
    found = [
        Found(
            s.label_,
            text[s.start_char : s.end_char],
            s.start_char,
            s.end_char,
            _json_value(s.value),
            s.flags,
        )
        for s in kept(doc)
        if wanted is None or s.label_ in wanted
    ]
    found += [
        Found(label, text[start:end], start, end, value, ())
        for label, start, end, value in noted(doc)
        if wanted is None or label in wanted
    ]
    return sorted(found, key=lambda f: (f.start, -f.end, f.label))


def _in_section(block: Block, words: tuple[str, ...]) -> bool:
    section = block.heading_path[-1].lower() if block.heading_path else ""
    return any(word in section for word in words)


# A header row names columns; guidance is the template's own words: neither is evidence.
_NOT_LEARNERS = (BlockKind.TABLE_HEADER, BlockKind.GUIDANCE)


def _unlabelled_field(block: Block) -> bool:
    """ "Name: Jo", "Call handling: …": a field whose label names no role reads as prose."""
    return block.kind is BlockKind.FIELD and not any(c.role for c in block.cells)


def _texts_of(portfolio: Portfolio) -> Iterator[tuple[Block, int | None, Cell | None, str]]:
    for block in portfolio.blocks:
        if block.part not in (Part.BODY, Part.TEXT_BOX) or block.kind in _NOT_LEARNERS:
            continue
        if block.cells and not _unlabelled_field(block):
            for index, cell in enumerate(block.cells):
                if cell.text.strip():
                    yield block, index, cell, cell.text
        else:
            yield block, None, None, block.text


KEPT_LABELS = _kept_labels()


def analyse(portfolio: Portfolio) -> Evidence:
    """Run the pipeline over a portfolio's body and assemble its evidence."""
    # The stage makes tens of thousands of objects on a large sheet and leaves no garbage
    # cycles (a doc's are broken by `release`): the collector's passes over them would
    # cost as much as the analysis itself.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _analyse(portfolio)
    finally:
        if collecting:
            gc.enable()


def _context(portfolio: Portfolio, block: Block, role: str | None) -> Context:
    return Context(
        reference_date=portfolio.reference_date,
        role=role,
        review_section=_in_section(block, _REVIEW_HEADINGS),
        heading=block.kind is BlockKind.HEADING,
        objective_item=block.kind is BlockKind.LIST_ITEM
        and _in_section(block, _OBJECTIVE_HEADINGS)
        and not block.text.rstrip().endswith(":"),
    )


def _analyse(portfolio: Portfolio) -> Evidence:
    items = list(_texts_of(portfolio))
    # one Context object per block and column role: a row's cells share their block's
    contexts: dict[tuple[int, str | None], Context] = {}
    # A sheet repeats its cells ("Team leader", a date, "Ongoing"): each distinct text in
    # its context is analysed once (its slot), and its spans shared by every copy.
    slots: dict[tuple[str, Context], int] = {}
    item_slots = []
    in_cells: set[int] = set()
    for block, _, cell, text in items:
        role = cell.role if cell else None
        context = contexts.get((block.index, role))
        if context is None:
            context = contexts[block.index, role] = _context(portfolio, block, role)
        slot = slots.setdefault((text, context), len(slots))
        item_slots.append(slot)
        if cell is not None:
            in_cells.add(slot)
    found: list[list[Found]] = []
    cell_docs: dict[int, Doc] = {}
    for slot, doc in enumerate(process(slots)):
        found.append(found_spans(doc, KEPT_LABELS))
        if slot in in_cells:
            cell_docs[slot] = doc  # a row is read as a record once every cell is analysed
        else:
            release(doc)
    texts: list[Analysed] = []
    objectives: list[Objective] = []
    reviews: list[Review] = []
    rows: dict[int, list[tuple[Analysed, Doc]]] = {}
    # every field is given, so every text can share one set of the fields set (a set per
    # text is a tenth of a large sheet's evidence in memory)
    all_fields = set(Analysed.model_fields)
    for (block, index, cell, text), slot in zip(items, item_slots, strict=True):
        locator = str(cell.locator if cell else block.locator)
        analysed = Analysed.model_construct(  # built from our own spans: nothing to validate
            all_fields,
            block=block.index,
            cell=index,
            role=cell.role if cell else None,
            locator=locator,
            text=text,
            spans=found[slot],
        )
        texts.append(analysed)
        if cell is not None:
            rows.setdefault(block.index, []).append((analysed, cell_docs[slot]))
            continue
        objectives += [
            _objective(s, analysed, block.index)
            for s in analysed.labelled("OBJECTIVE")
            if not _plan_step(block, s) and not block.hidden  # a hidden sheet: an old draft
        ]
        reviews += [_review(s, analysed, block.index) for s in analysed.labelled("REVIEW")]
    for record in _records(portfolio, rows):
        row_objectives, row_review = _read_record(record, portfolio)
        objectives += row_objectives
        reviews += row_review
    for doc in cell_docs.values():
        release(doc)
    # imported here: review_notes reads this module's models
    from marker.nlp.review_notes import with_notes

    reviews = with_notes(portfolio, texts, reviews)
    return Evidence(
        source=portfolio.source,
        sha256=portfolio.sha256,
        reference_date=portfolio.reference_date,
        texts=texts,
        objectives=objectives,
        reviews=reviews,
    )


@cache
def _plan_sections() -> tuple[str, ...]:
    return tuple(str(w).lower() for w in lexicon("reading")["sections"]["plan"])


def _plan_step(block: Block, span: Found) -> bool:
    """ "I will complete the module…" under "What I'm going to do" is a step of the plan,
    not an objective, unless it states a target."""
    if not _in_section(block, _plan_sections()) or _in_section(block, _OBJECTIVE_HEADINGS):
        return False
    value = span.value or {}
    return not (value.get("target") or value.get("baseline"))


def _objective(span: Found, analysed: Analysed, block: int, **row: Any) -> Objective:
    value = dict(span.value or {})
    value.update({k: v for k, v in row.items() if v})
    return Objective.model_construct(text=span.text, locator=analysed.locator, block=block, **value)


def _review(span: Found, analysed: Analysed, block: int) -> Review:
    return Review.model_construct(
        text=span.text, locator=analysed.locator, block=block, **(span.value or {})
    )


def _records(
    portfolio: Portfolio, rows: dict[int, list[tuple[Analysed, Doc]]]
) -> Iterator[list[tuple[Analysed, Doc]]]:
    """Table rows, form tables and labelled lines as records. Consecutive fields (a form
    table's rows, or "Learning need: …", "Activity: …", "Deadline: …" lines) are one record,
    like a plan row: a heading, any other block, another table, an objective or the first
    label's role coming back starts the next. A table row whose one cell carries its
    label is read the same way."""
    record: list[tuple[Analysed, Doc]] = []
    record_table: tuple | None = None
    fields: list[tuple[Analysed, Doc]] = []
    fields_table: tuple | None = None
    last_field = -2
    for block_index in sorted(rows):
        block = portfolio.blocks[block_index]
        cells = rows[block_index]
        table = (block.locator.part, block.locator.table, block.locator.sheet)
        if block.kind is BlockKind.FIELD:
            if record:
                yield record
                record, record_table = [], None
            role = cells[0][0].role
            first_role = fields[0][0].role if fields else None
            apart = block_index != last_field + 1 or table != fields_table
            if fields and (apart or role == first_role or role == "objective"):
                yield fields
                fields = []
            fields += cells
            last_field, fields_table = block_index, table
            continue
        if fields:
            yield fields
            fields = []
        is_form_row = len(block.cells) == 1 and block.cells[0].header is not None
        if is_form_row:
            starts_new = cells[0][0].role == "objective" or table != record_table
            if record and starts_new:
                yield record
                record = []
            record += cells
            record_table = table
            continue
        if record:
            yield record
            record, record_table = [], None
        yield cells
    if record:
        yield record
    if fields:
        yield fields


def _read_record(
    record: list[tuple[Analysed, Doc]], portfolio: Portfolio
) -> tuple[list[Objective], list[Review]]:
    by_role: dict[str | None, list[tuple[Analysed, Doc]]] = {}
    for analysed, doc in record:
        by_role.setdefault(analysed.role, []).append((analysed, doc))
    row_text = " | ".join(a.text for a, _ in record)
    objectives = []
    reviewed = _is_review_row(by_role)
    for analysed, doc in by_role.get("objective", []):
        if portfolio.blocks[analysed.block].hidden or _names_an_objective(analysed, reviewed):
            continue
        for span in analysed.labelled("OBJECTIVE"):
            objectives.append(_objective(span, analysed, analysed.block, **_row_links(record, doc)))
            objectives[-1].row_text = row_text
    # A review log row (a date cell beside progress or changes) is one entry, dated by
    # its date cell; otherwise dated notes in a plan row's progress cell are entries.
    row_review = (
        None if by_role.get("objective") else _row_review(record, by_role, row_text, portfolio)
    )
    if row_review:
        return objectives, [row_review]
    reviews = []
    for analysed, doc in record:
        header_date = _header_date(analysed, portfolio)
        month = header_date or _header_date(analysed, portfolio, months=True)
        for span in analysed.labelled("REVIEW"):
            review = _review(span, analysed, analysed.block)
            # notes under a dated column ("Review notes 29/09/2025") were written that day,
            # whatever dates they mention ("Session done 24/06")
            review.date = header_date or review.date
            reviews.append(review)
        # an "Update Jan" cell that says something is that month's review
        progress = analysed.role in ("progress", "adjustment") and month is not None
        if progress and not analysed.labelled("REVIEW") and not _says_nothing(analysed.text, doc):
            reviews.append(
                Review(
                    text=analysed.text,
                    locator=analysed.locator,
                    block=analysed.block,
                    date=month,
                    progress=True,
                )
            )
    return objectives, reviews


_REFERENCE_WORDS = 3  # "FTF", "AHT", "Tier 2 assessment": a review row naming its objective
_NUMBERED = re.compile(r"^\s*(?:obj(?:ective)?\.?\s*)?#?\d{1,2}[.)]?\s*$", re.IGNORECASE)


def _is_review_row(by_role: dict[str | None, list[tuple[Analysed, Doc]]]) -> bool:
    """A row with a dated review or progress cell records a review of an objective."""
    dated = any(
        spans_of(doc, "DATE") for role in ("review_date",) for _, doc in by_role.get(role, [])
    )
    return dated or (bool(by_role.get("progress")) and not by_role.get("deadline"))


def _names_an_objective(analysed: Analysed, reviewed: bool) -> bool:
    """An objective cell that only points at an objective set elsewhere ("1", "Obj 2", or
    "AHT" in a review log): not an objective itself."""
    text = analysed.text
    if _NUMBERED.match(text):
        return True
    if not reviewed or len(text.split()) > _REFERENCE_WORDS:
        return False
    stated = analysed.labelled("OBJECTIVE")
    value = (stated[0].value or {}) if stated else {}
    return not (value.get("action") or value.get("concrete"))  # "Reduce my AHT" sets one


def _header_date(analysed: Analysed, portfolio: Portfolio, months: bool = False) -> str | None:
    """The day a column header names ("Review notes 29/09/2025"); with `months`, also the
    month of an update column ("Update Jan 2025", "Update Jan"), as its first day."""
    if analysed.cell is None:
        return None
    header = portfolio.blocks[analysed.block].cells[analysed.cell].header or ""
    return _date_of_header(header, portfolio.reference_date, months)


@lru_cache(maxsize=4096)  # every row of a sheet asks again of the same headers
def _date_of_header(header: str, reference: dt.date | None, months: bool) -> str | None:
    days = [h.value for h in find_dates(header, reference)]
    if days and days[0].start == days[0].end:
        return days[0].start.isoformat()
    if not months:
        return None
    if days and (days[0].end - days[0].start).days <= 31:
        return days[0].start.isoformat()
    return _month_of(header, reference)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _month_of(header: str, reference: dt.date | None) -> str | None:
    """ "Update Jan": the last January on or before the portfolio was saved."""
    words = normalise_header(header).split()
    if reference is None or len(words) > 4:
        return None
    month = next((_MONTHS.index(w[:3]) + 1 for w in words if w[:3] in _MONTHS), None)
    if month is None or not any(w in ("update", "progress", "review", "notes") for w in words):
        return None
    year = reference.year if month <= reference.month else reference.year - 1
    return dt.date(year, month, 1).isoformat()


_MEASURE_ROLES = ("target", "success_measure", "kpi", "baseline")
_NOT_NAMED = {"", "n/a", "na", "-", "–", "none", "tbc", "tbd", "?", "n a"}


def _named_measure(analysed: Analysed, doc: Doc) -> str | None:
    """What a KPI column's cell names when no known KPI is in it, as the learner wrote it
    ("Repairs fixed first visit 82%" names "Repairs fixed first visit")."""
    text = analysed.text
    for span in sorted(spans_of(doc, "QUANTITY", "DATE"), key=lambda s: -s.start_char):
        text = text[: span.start_char] + text[span.end_char :]
    name = " ".join(text.split()).strip(" .,;:-–()")
    if normalise_header(name) in _NOT_NAMED or not any(c.isalpha() for c in name):
        return None
    return name[:_NAME_CHARS]


_NAME_CHARS = 60


def _row_links(record: list[tuple[Analysed, Doc]], objective_doc: Doc) -> dict[str, Any]:
    """KPI, baseline, target, deadline and timescale from the other cells of a plan row.
    A filled KPI column links the row's objective to the measure it names, a known KPI
    by its id and any other measure by the learner's own words."""
    kpis: set[str] = set()
    quantities = []
    amounts: list[str] = []
    counts: list[str] = []
    outcome = deadline = timescale = None
    known = {s.value for _, doc in record for s in spans_of(doc, "KPI")}
    for analysed, doc in record:
        kpis |= {s.value for s in spans_of(doc, "KPI")}
        if analysed.role == "kpi" and not known:
            kpis |= {n for n in [_named_measure(analysed, doc)] if n}
        if analysed.role in ("deadline", "date") and deadline is None:
            deadline = pick_deadline(doc, spans_of(doc, "DATE"))
            timescale = timescale or next(
                # in a deadline cell any length of time is the time given: "6 weeks"
                (s.value for s in spans_of(doc, "DURATION") if not s.value.startswith("PT")),
                None,
            )
        if analysed.role in _MEASURE_ROLES:
            amounts += [s.text for s in spans_of(doc, "AMOUNT") + spans_of(doc, "FREQUENCY")]
            counts += [s.text for s in spans_of(doc, "AMOUNT")]
            outcome = outcome or verifiable_outcome(doc, 0, len(doc.text), spans_of(doc))
        if analysed.role in (*_MEASURE_ROLES, "objective"):
            quantities += spans_of(doc, "QUANTITY")
    baseline, target = link_quantities(quantities)
    for analysed, doc in record:
        if analysed.role == "baseline" and spans_of(doc, "QUANTITY"):
            baseline = spans_of(doc, "QUANTITY")[0].value
    stated = spans_of(objective_doc, "OBJECTIVE")
    own = stated[0].value if stated else {}
    links: dict[str, Any] = {"kpis": sorted(kpis)}
    links["baseline"] = own.get("baseline") or baseline
    links["target"] = own.get("target") or target
    links["deadline"] = deadline or own.get("deadline")
    links["timescale"] = own.get("timescale") or timescale
    links["amounts"] = [*own.get("amounts", []), *amounts]
    links["counts"] = [*own.get("counts", []), *counts]
    links["outcome"] = own.get("outcome") or outcome
    links["direction"] = own.get("direction") or action_direction(own.get("action"))
    return links


def _row_review(
    record: list[tuple[Analysed, Doc]],
    by_role: dict[str | None, list[tuple[Analysed, Doc]]],
    row_text: str,
    portfolio: Portfolio,
) -> Review | None:
    """A review log row: a date cell and a progress, change or participant cell."""
    dated = [
        (a, doc)
        for role in ("review_date", "date")
        for a, doc in by_role.get(role, [])
        if spans_of(doc, "DATE")
    ]
    content_roles = ("progress", "adjustment", "reviewer")
    if not dated or not any(by_role.get(role) for role in content_roles):
        return None
    first, first_doc = dated[0]
    date = spans_of(first_doc, "DATE")[0].value
    adjustments = []
    reason = None
    # a changes cell records a change unless it says none; a progress or comments cell
    # only where it names one ("2nd session moved to March – outage")
    changed = [(a, doc, True) for a, doc in by_role.get("adjustment", [])]
    changed += [(a, doc, False) for a, doc in by_role.get("progress", [])]
    for analysed, doc, changes_cell in changed:
        spans = spans_of(doc, "ADJUSTMENT")
        if (spans or changes_cell) and not _says_nothing(analysed.text, doc):
            kind = spans[0].value if spans else "plan_changed"
            adjustments.append({"kind": kind, "text": analysed.text})
            reasons = spans_of(doc, "REASON")
            reason = reason or (text_of(doc)[reasons[0].start_char :].strip() if reasons else None)
    participants = {s.value for _, doc in record for s in spans_of(doc, "ROLE")}
    participants |= {a.text for a, doc in by_role.get("reviewer", []) if not spans_of(doc, "ROLE")}
    progress_cells = by_role.get("progress", [])
    progress = any(normalise_header(a.text) not in _nothing() for a, _ in progress_cells)
    return Review(
        text=row_text,
        locator=str(portfolio.blocks[first.block].locator),
        block=first.block,
        date=date.start.isoformat() if date else None,
        participants=sorted(participants),
        progress=progress,
        adjustment=adjustments,
        reason=reason,
    )
