"""Assessor decisions in: reading a CSV/XLSX sheet, checking each row, storing the good ones.

Every row is checked on its own and all its problems are reported together, with the
row number a person sees in Excel (the header is row 1). A bad row never stops the good
ones. Rules worth knowing:

- Portfolio files are looked up as written, first beside the decisions file, then in
  each `--portfolios` folder (and its subfolders, by file name). A file found there is
  hashed, tying the decision to that exact version. A file not found is still accepted
  when the database already knows its name (from `marker batch --db` or an earlier
  import that found it): the most recent hash recorded for it is used.
- Two rows for the same portfolio, assessor and marking point in one sheet: an identical
  copy is rejected as a duplicate; different verdicts are both rejected as a conflict,
  because the sheet does not say which is right.
- A row identical to the decision the database already holds is rejected as a
  duplicate; a changed decision is stored as a new row that supersedes the old one.
- Assessor names ignore case: the spelling already in the database (or first in the
  sheet) is kept, so "asha patel" does not become a second, "new" assessor.
- Rows whose comment begins with "Example row" (the template's example) are skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from enum import StrEnum
from pathlib import Path, PurePath

import openpyxl
from pydantic import BaseModel
from sqlalchemy.orm import Session

from marker.audit.db import Decision, open_db, utc
from marker.audit.scheme import (
    ACCEPTED_SPELLINGS,
    ENGINE,
    VERDICT_LABELS,
    Pack,
    file_sha256,
    parse_verdict,
)
from marker.audit.store import Key, append, known_hashes, latest_rows, new_import
from marker.cells import write_csv

COLUMNS: dict[str, str] = {
    "file": "Portfolio file",
    "learner": "Learner",
    "assessor": "Assessor",
    "marking_point": "Marking point id",
    "verdict": "Verdict",
    "date": "Decision date",
    "comment": "Comment",
}
"""Canonical column -> the header the template writes."""

REQUIRED = ("file", "learner", "assessor", "marking_point", "verdict", "date")

_HEADER_ALIASES: dict[str, str] = {
    "portfolio file": "file",
    "portfolio": "file",
    "file": "file",
    "file name": "file",
    "filename": "file",
    "learner": "learner",
    "learner name": "learner",
    "candidate": "learner",
    "assessor": "assessor",
    "assessor name": "assessor",
    "marking point id": "marking_point",
    "marking point": "marking_point",
    "verdict": "verdict",
    "decision": "verdict",
    "outcome": "verdict",
    "decision date": "date",
    "date": "date",
    "date of decision": "date",
    "comment": "comment",
    "comments": "comment",
    "notes": "comment",
}
EXAMPLE_MARK = "Example row"
HEADER_SEARCH_ROWS = 10
_DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
FUTURE_TOLERANCE = dt.timedelta(days=1)
"""A decision dated after tomorrow is refused: a typo (day/month swapped, wrong year)."""


class Problem(StrEnum):
    MISSING_VALUE = "missing value"
    UNKNOWN_MARKING_POINT = "unknown marking point"
    UNKNOWN_VERDICT = "unknown verdict"
    BAD_DATE = "bad date"
    BAD_ASSESSOR = "bad assessor"
    FILE_NOT_FOUND = "file not found"
    DUPLICATE = "duplicate row"
    CONFLICT = "conflicting rows"


class RowProblem(BaseModel):
    problem: Problem
    message: str


class AcceptedRow(BaseModel):
    row: int
    file_name: str
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


class DecisionFileError(Exception):
    """The sheet as a whole cannot be read (not a row problem): missing columns, bad format."""


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
        with Session(engine) as session, session.begin():
            latest = latest_rows(session)
            finder = _FileFinder([path.parent], list(portfolio_dirs), known_hashes(session))
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


# --- reading -------------------------------------------------------------------------

RawRow = tuple[int, dict[str, object]]


def read_sheet(path: Path) -> list[RawRow]:
    """(row number, canonical column -> cell value) for every non-empty row after the header."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        table = _xlsx_rows(path)
    elif suffix in (".csv", ".txt"):
        table = _csv_rows(path)
    else:
        raise DecisionFileError(f"{path.name}: use a .csv or .xlsx file, not '{suffix}'")
    header_at, columns = _find_header(table, path.name)
    out: list[RawRow] = []
    for number, cells in table[header_at + 1 :]:
        values = {name: cells[i] for i, name in columns.items() if i < len(cells)}
        if any(_text(v) for v in values.values()):
            out.append((number, values))
    return out


def _xlsx_rows(path: Path) -> list[tuple[int, list[object]]]:
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise DecisionFileError(f"{path.name}: not a readable .xlsx workbook ({error})") from error
    try:
        sheet = book["Decisions"] if "Decisions" in book.sheetnames else book.worksheets[0]
        return [(i, list(r)) for i, r in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        book.close()


def _csv_rows(path: Path) -> list[tuple[int, list[object]]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = csv.reader(text.splitlines(), dialect)
    return [(i, list(r)) for i, r in enumerate(rows, start=1)]


def _find_header(table: list[tuple[int, list[object]]], name: str) -> tuple[int, dict[int, str]]:
    """The header is the first row naming every required column, within the first few rows
    (a sheet may have a title line above it); if none does, say which columns are missing
    from the row that came closest."""
    best: tuple[int, list[object], dict[int, str]] | None = None
    for index, (_, cells) in enumerate(table[:HEADER_SEARCH_ROWS]):
        columns: dict[int, str] = {}
        for i, cell in enumerate(cells):
            canonical = _HEADER_ALIASES.get(_norm(_text(cell)))
            if canonical and canonical not in columns.values():
                columns[i] = canonical
        if all(c in columns.values() for c in REQUIRED):
            return index, columns
        if any(_text(c) for c in cells) and (best is None or len(columns) > len(best[2])):
            best = (index, cells, columns)
    if best is None:
        raise DecisionFileError(f"{name}: the sheet is empty")
    _, cells, columns = best
    missing = [COLUMNS[c] for c in REQUIRED if c not in columns.values()]
    found = ", ".join(repr(_text(c)) for c in cells if _text(c))
    raise DecisionFileError(
        f"{name}: missing column(s) {', '.join(missing)}; the header row has {found}. "
        "Run `marker audit template` for a sheet with the right headers."
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return re.sub(r"\s+", " ", str(value)).strip()


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


# --- checking ------------------------------------------------------------------------


class _FileFinder:
    """Finds a named portfolio on disk or in the database and gives its hash."""

    def __init__(self, near: list[Path], dirs: list[Path], known: dict[str, str]) -> None:
        self.near, self.dirs, self.known = near, dirs, known
        self._by_name: dict[str, list[Path]] | None = None
        self._hashes: dict[Path, str] = {}

    def sha256(self, written: str) -> tuple[str | None, str]:
        """(hash or None, how it was found or why not)."""
        candidates = [base / written for base in [*self.near, *self.dirs]]
        found = next((p for p in candidates if p.is_file()), None)
        name = PurePath(written).name
        if found is None:
            matches = self._index().get(name, [])
            if len(matches) > 1:
                where = ", ".join(str(p) for p in matches[:3])
                return None, f"{len(matches)} files named '{name}' ({where}); give its folder too"
            found = matches[0] if matches else None
        if found is not None:
            resolved = found.resolve()
            if resolved not in self._hashes:
                self._hashes[resolved] = file_sha256(resolved)
            return self._hashes[resolved], str(found)
        if name in self.known:
            return self.known[name], "known from the database"
        folders = ", ".join(str(d) for d in [*self.near, *self.dirs])
        return None, (
            f"'{written}' is not in {folders} and the database has no marking of it; "
            "pass --portfolios DIR or record the engine's markings first"
        )

    def _index(self) -> dict[str, list[Path]]:
        if self._by_name is None:
            self._by_name = defaultdict(list)
            for folder in self.dirs:
                for path in sorted(folder.rglob("*")):
                    if path.is_file():
                        self._by_name[path.name].append(path)
        return self._by_name


def check_rows(
    rows: list[RawRow],
    pack: Pack,
    finder: _FileFinder,
    latest: dict[Key, Decision],
    source: str,
) -> ImportResult:
    """Check each row on its own, then duplicates within the sheet and against the database."""
    result = ImportResult(source=source)
    candidates: list[tuple[AcceptedRow, dict[str, str]]] = []
    spellings = {key[3].casefold(): key[3] for key in latest if key[3] != ENGINE}
    for number, values in rows:
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


def _check_row(
    number: int, values: dict[str, object], texts: dict[str, str], pack: Pack, finder: _FileFinder
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
    sha = None
    if texts.get("file"):
        sha, how = finder.sha256(texts["file"])
        if sha is None:
            problems.append(RowProblem(problem=Problem.FILE_NOT_FOUND, message=how))
    if problems or sha is None or point is None or verdict is None or decided_on is None:
        return None, problems
    accepted = AcceptedRow(
        row=number,
        file_name=PurePath(texts["file"]).name,
        file_sha256=sha,
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
    wanted = _norm(text)
    for point_id, title in pack.marking_points.items():
        if wanted in (_norm(point_id), _norm(title)):
            return point_id
    return None


def _date(value: object) -> tuple[dt.date | None, str | None]:
    """A decision date: Excel dates and serials, or day-first UK and ISO text."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
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
    return (row.file_name, row.file_sha256, row.marking_point, row.assessor)


def write_rejects(result: ImportResult, path: Path) -> None:
    """The rejected rows as a CSV with the problem beside each: fix it and import it again."""
    rows = [["Row", *COLUMNS.values(), "Problem"]] + [
        [rejected.row, *[rejected.values.get(column, "") for column in COLUMNS], rejected.reason]
        for rejected in result.rejected
    ]
    write_csv(path, rows)
