"""Assessor decisions in: reading a CSV/XLSX sheet, checking each row, storing the good ones.

Every row is checked on its own and all its problems are reported together, with the
row number a person sees in Excel (the header is row 1). A bad row never stops the good
ones. Rules worth knowing:

- The sheet is read by `marker.audit.sheet` (pre-flight, row cap, encodings, row numbers
  as Excel shows them).
- A row's portfolio file, by name or path, is found by `marker.audit.finder`: on disk
  beside the sheet or in the `--portfolios` folders (hashed, tying the decision to that
  exact version), else among the portfolios the database holds (the most recent hash
  recorded for it). A name that matches more than one portfolio is refused with the
  candidates: the row must give the path.
- Two rows for the same portfolio, assessor and marking point in one sheet: an identical
  copy is rejected as a duplicate; different verdicts are both rejected as a conflict,
  because the sheet does not say which is right.
- A row identical to the decision the database already holds is rejected as a
  duplicate; a changed decision is stored as a new row that supersedes the old one.
- Assessor names ignore case: the spelling already in the database (or first in the
  sheet) is kept, so "asha patel" does not become a second, "new" assessor.
- Rows whose comment begins with "Example row" (the template's example) are skipped.
- A field longer than 128 KiB, or an Excel date number outside Excel's dates, is a row
  problem like any other.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from enum import StrEnum
from pathlib import Path, PurePosixPath

from pydantic import BaseModel

from marker.audit.db import Decision, open_db, utc, writing
from marker.audit.finder import PortfolioFinder, Refused
from marker.audit.scheme import (
    ACCEPTED_SPELLINGS,
    ENGINE,
    VERDICT_LABELS,
    Pack,
    file_sha256,
    parse_verdict,
)
from marker.audit.sheet import (
    COLUMNS,
    MAX_FIELD_CHARS,
    REQUIRED,
    DecisionFileError,
    RawRow,
    loose,
    read_sheet,
)
from marker.audit.sheet import cell_text as _text
from marker.audit.store import Key, append, latest_rows, new_import, stored_portfolios
from marker.cells import write_csv

__all__ = ["COLUMNS", "DecisionFileError", "ImportResult", "record_decisions", "write_rejects"]

EXAMPLE_MARK = "Example row"
_DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_LAST_DAY = (dt.date(9999, 12, 31) - _EXCEL_EPOCH).days  # serial 2,958,465
SHOWN_CHARS = 200
"""A field too long to store is shown this far in the rejected rows."""
FUTURE_TOLERANCE = dt.timedelta(days=1)
"""A decision dated after tomorrow is refused: a typo (day/month swapped, wrong year)."""


class Problem(StrEnum):
    MISSING_VALUE = "missing value"
    UNKNOWN_MARKING_POINT = "unknown marking point"
    UNKNOWN_VERDICT = "unknown verdict"
    BAD_DATE = "bad date"
    BAD_ASSESSOR = "bad assessor"
    FILE_NOT_FOUND = "file not found"
    AMBIGUOUS_FILE = "ambiguous file"
    TOO_LONG = "field too long"
    DUPLICATE = "duplicate row"
    CONFLICT = "conflicting rows"


class RowProblem(BaseModel):
    problem: Problem
    message: str


class AcceptedRow(BaseModel):
    row: int
    file_name: str
    file_path: str
    file_sha256: str
    learner: str
    assessor: str
    marking_point: str
    verdict: str
    decided_on: dt.date
    comment: str | None
    replaces: str | None = None  # the verdict this row supersedes, when it changes one


class RejectedRow(BaseModel):
    row: int
    values: dict[str, str]
    problems: list[RowProblem]

    @property
    def reason(self) -> str:
        return "; ".join(f"{p.problem}: {p.message}" for p in self.problems)


class ImportResult(BaseModel):
    """What an import did, row by row; `accepted` rows are stored unless it was a dry run."""

    source: str
    accepted: list[AcceptedRow] = []
    rejected: list[RejectedRow] = []
    skipped: int = 0
    notes: list[str] = []


def record_decisions(
    db_url: str,
    path: Path,
    pack: Pack,
    portfolio_dirs: Sequence[Path] = (),
    by: str | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Check every row of a decisions sheet and store the accepted ones as one import."""
    rows = read_sheet(path)
    engine = open_db(db_url)
    try:
        # the write lock is held from before the duplicate checks until the commit, so
        # a second import of the same sheet waits, then finds every row already stored
        with writing(engine) as session:
            latest = latest_rows(session)
            finder = PortfolioFinder(path.parent, list(portfolio_dirs), stored_portfolios(session))
            result = check_rows(rows, pack, finder, latest, source=path.name)
            if dry_run:
                return result
            batch = new_import(session, "assessor", path.name, by, file_sha256(path))
            batch.accepted, batch.rejected = len(result.accepted), len(result.rejected)
            for accepted in result.accepted:
                row = _decision(accepted, pack)
                row.origin = batch
                append(session, latest, row)
        return result
    finally:
        engine.dispose()


def _decision(row: AcceptedRow, pack: Pack) -> Decision:
    return Decision(
        file_name=row.file_name,
        file_path=row.file_path,
        file_sha256=row.file_sha256,
        learner=row.learner,
        rater=row.assessor,
        rater_kind="assessor",
        marking_point=row.marking_point,
        verdict=row.verdict,
        decided_at=dt.datetime.combine(row.decided_on, dt.time(), tzinfo=dt.UTC),
        comment=row.comment,
        pack_id=pack.id,
        pack_version=pack.version,
        pack_sha256=pack.sha256,
        source_row=row.row,
    )


# --- checking ------------------------------------------------------------------------


def check_rows(
    rows: list[RawRow],
    pack: Pack,
    finder: PortfolioFinder,
    latest: dict[Key, Decision],
    source: str,
) -> ImportResult:
    """Check each row on its own, then duplicates within the sheet and against the database."""
    result = ImportResult(source=source)
    candidates: list[tuple[AcceptedRow, dict[str, str]]] = []
    spellings = {key[3].casefold(): key[3] for key in latest if key[3] != ENGINE}
    for number, values in rows:
        too_long = [c for c, v in values.items() if len(str(v or "")) > MAX_FIELD_CHARS]
        if too_long:
            result.rejected.append(_too_long(number, values, too_long))
            continue
        texts = {column: _text(value) for column, value in values.items()}
        if texts.get("comment", "").startswith(EXAMPLE_MARK):
            result.skipped += 1
            continue
        accepted, problems = _check_row(number, values, texts, pack, finder)
        if accepted is None:
            result.rejected.append(RejectedRow(row=number, values=texts, problems=problems))
        else:
            # "asha patel" and "Asha Patel" are one assessor: the first spelling seen wins
            name = accepted.assessor
            accepted.assessor = spellings.setdefault(name.casefold(), name)
            candidates.append((accepted, texts))
    for accepted, texts, problems in _against_each_other(candidates, latest):
        if problems:
            rejected = RejectedRow(row=accepted.row, values=texts, problems=problems)
            result.rejected.append(rejected)
        else:
            result.accepted.append(accepted)
    result.rejected.sort(key=lambda r: r.row)
    return result


def _too_long(number: int, values: dict[str, object], columns: list[str]) -> RejectedRow:
    """A row with a field too long to check or store; the long fields are shown cut short."""
    shown = {c: _text(str(v or "")[: SHOWN_CHARS * 2])[:SHOWN_CHARS] for c, v in values.items()}
    problems = [
        RowProblem(
            problem=Problem.TOO_LONG,
            message=f"{COLUMNS[c]} holds {len(str(values[c])):,} characters; "
            f"a field may hold {MAX_FIELD_CHARS:,}",
        )
        for c in columns
    ]
    return RejectedRow(row=number, values=shown, problems=problems)


def _check_row(
    number: int,
    values: dict[str, object],
    texts: dict[str, str],
    pack: Pack,
    finder: PortfolioFinder,
) -> tuple[AcceptedRow | None, list[RowProblem]]:
    problems: list[RowProblem] = []
    missing = [COLUMNS[c] for c in REQUIRED if not texts.get(c)]
    if missing:
        problems.append(RowProblem(problem=Problem.MISSING_VALUE, message=", ".join(missing)))
    point = _marking_point(texts.get("marking_point", ""), pack)
    if texts.get("marking_point") and point is None:
        ids = ", ".join(pack.marking_points)
        message = f"'{texts['marking_point']}' is not in pack {pack.id} ({ids})"
        problems.append(RowProblem(problem=Problem.UNKNOWN_MARKING_POINT, message=message))
    verdict = parse_verdict(texts.get("verdict", ""))
    if texts.get("verdict") and verdict is None:
        message = f"'{texts['verdict']}'; use {ACCEPTED_SPELLINGS}"
        problems.append(RowProblem(problem=Problem.UNKNOWN_VERDICT, message=message))
    decided_on, date_problem = _date(values.get("date"))
    if texts.get("date") and date_problem:
        problems.append(RowProblem(problem=Problem.BAD_DATE, message=date_problem))
    if texts.get("assessor", "").casefold() == ENGINE:
        message = f"'{ENGINE}' is reserved for the engine's own markings"
        problems.append(RowProblem(problem=Problem.BAD_ASSESSOR, message=message))
    found = finder.find(texts["file"]) if texts.get("file") else None
    if isinstance(found, Refused):
        kind = Problem.AMBIGUOUS_FILE if found.ambiguous else Problem.FILE_NOT_FOUND
        problems.append(RowProblem(problem=kind, message=found.message))
    if problems or found is None or point is None or verdict is None or decided_on is None:
        return None, problems
    assert not isinstance(found, Refused)
    accepted = AcceptedRow(
        row=number,
        file_name=PurePosixPath(found.path).name,
        file_path=found.path,
        file_sha256=found.sha256,
        learner=texts["learner"],
        assessor=texts["assessor"],
        marking_point=point,
        verdict=verdict,
        decided_on=decided_on,
        comment=texts.get("comment") or None,
    )
    return accepted, []


def _marking_point(text: str, pack: Pack) -> str | None:
    """A marking point by id or title, ignoring case, spaces and underscores."""
    wanted = loose(text)
    for point_id, title in pack.marking_points.items():
        if wanted in (loose(point_id), loose(title)):
            return point_id
    return None


def _date(value: object) -> tuple[dt.date | None, str | None]:
    """A decision date: Excel dates and serials, or day-first UK and ISO text."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value <= _EXCEL_LAST_DAY:  # an Excel date number; 20251001 is none
            return None, f"{_text(value)} is not a date; write it as 31/03/2025 or 2025-03-31"
        day = _EXCEL_EPOCH + dt.timedelta(days=int(value))
    else:
        day = _parse_date_text(_text(value))
        if day is None:
            return None, f"'{_text(value)}' is not a date; write it as 31/03/2025 or 2025-03-31"
    if day > dt.date.today() + FUTURE_TOLERANCE:
        return None, f"{day:%d/%m/%Y} is in the future"
    return day, None


def _parse_date_text(text: str) -> dt.date | None:
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _against_each_other(
    candidates: list[tuple[AcceptedRow, dict[str, str]]], latest: dict[Key, Decision]
) -> Iterator[tuple[AcceptedRow, dict[str, str], list[RowProblem]]]:
    """Duplicates and conflicts within the sheet, then duplicates of what is stored."""
    groups: dict[Key, list[tuple[AcceptedRow, dict[str, str]]]] = defaultdict(list)
    for accepted, texts in candidates:
        groups[_key(accepted)].append((accepted, texts))
    for key, group in groups.items():
        first = group[0][0]
        verdicts = {a.verdict for a, _ in group}
        if len(verdicts) > 1:
            rows = ", ".join(str(a.row) for a, _ in group)
            said = ", ".join(sorted(VERDICT_LABELS[v] for v in verdicts))
            message = (
                f"rows {rows} give this portfolio and marking point different verdicts ({said})"
            )
            for accepted, texts in group:
                yield accepted, texts, [RowProblem(problem=Problem.CONFLICT, message=message)]
            continue
        for accepted, texts in group[1:]:
            message = f"same as row {first.row}"
            yield accepted, texts, [RowProblem(problem=Problem.DUPLICATE, message=message)]
        yield first, group[0][1], _against_stored(first, latest.get(key))


def _against_stored(row: AcceptedRow, stored: Decision | None) -> list[RowProblem]:
    if stored is None:
        return []
    same = (stored.verdict, utc(stored.decided_at).date(), stored.comment) == (
        row.verdict,
        row.decided_on,
        row.comment,
    )
    if same:
        where = f"{stored.origin.source} row {stored.source_row}"
        when = f"{utc(stored.origin.recorded_at):%d/%m/%Y}"
        message = f"already recorded from {where} by {stored.origin.recorded_by} on {when}"
        return [RowProblem(problem=Problem.DUPLICATE, message=message)]
    if stored.verdict != row.verdict:
        row.replaces = stored.verdict
    return []


def _key(row: AcceptedRow) -> Key:
    return (row.file_path, row.file_sha256, row.marking_point, row.assessor)


def write_rejects(result: ImportResult, path: Path) -> None:
    """The rejected rows as a CSV with the problem beside each: fix it and import it again."""
    rows = [["Row", *COLUMNS.values(), "Problem"]] + [
        [rejected.row, *[rejected.values.get(column, "") for column in COLUMNS], rejected.reason]
        for rejected in result.rejected
    ]
    write_csv(path, rows)
