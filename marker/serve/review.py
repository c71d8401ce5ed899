"""The assessor's side of the audit database: what is marked, and recording decisions.

Reads and writes go through `marker.audit` (its models, its write lock, its append-only
rows), so a decision saved here is in `marker audit report` at once, exactly as if it
had come from a decisions sheet. An assessor's decision is a row of its own with the
assessor as rater: the engine's row is never touched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from marker.audit.db import Decision, open_db, writing
from marker.audit.scheme import ENGINE, VERDICTS
from marker.audit.store import append, latest_rows, new_import

SOURCE = "marker serve"
MAX_NAME_CHARS = 200
MAX_COMMENT_CHARS = 128 * 1024


class ReviewError(ValueError):
    """A review that cannot be saved; the message says what to change."""


@dataclass
class PointState:
    """One marking point of one portfolio: the engine's verdict and the assessors'."""

    id: str
    verdict: str
    score: float | None
    evidence: list[dict]
    feedback: list[str]
    assessors: dict[str, tuple[str, str | None]] = field(default_factory=dict)


@dataclass
class Portfolio:
    """A portfolio the engine marked into the database (path and exact version)."""

    path: str
    sha256: str
    name: str
    marked_at: dt.datetime
    points: dict[str, PointState] = field(default_factory=dict)


def portfolios(db_url: str) -> list[Portfolio]:
    """Every portfolio with an engine marking, by path, with the current decisions."""
    engine = open_db(db_url)
    try:
        with Session(engine) as session:
            latest = latest_rows(session)
    finally:
        engine.dispose()
    found: dict[tuple[str, str], Portfolio] = {}
    for row in sorted(latest.values(), key=lambda r: r.rater != ENGINE):
        key = (row.file_path, row.file_sha256)
        if row.rater == ENGINE:
            held = found.setdefault(
                key, Portfolio(row.file_path, row.file_sha256, row.file_name, row.decided_at)
            )
            held.marked_at = max(held.marked_at, row.decided_at)
            held.points[row.marking_point] = PointState(
                row.marking_point,
                row.verdict,
                row.score,
                list(row.evidence or []),
                list(row.feedback or []),
            )
        elif key in found and row.marking_point in found[key].points:
            found[key].points[row.marking_point].assessors[row.rater] = (row.verdict, row.comment)
    return sorted(found.values(), key=lambda p: (p.path, p.sha256))


def find(db_url: str, path: str, sha256: str) -> Portfolio | None:
    return next((p for p in portfolios(db_url) if (p.path, p.sha256) == (path, sha256)), None)


@dataclass(frozen=True)
class Choice:
    """What an assessor decided on one marking point."""

    point: str
    verdict: str
    comment: str | None


def check_assessor(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ReviewError("Give your name before saving: it goes on every decision.")
    if len(name) > MAX_NAME_CHARS:
        raise ReviewError(f"A name may hold {MAX_NAME_CHARS} characters.")
    if name.casefold() == ENGINE:
        raise ReviewError(f"'{ENGINE}' is the engine's name: give your own.")
    return name


def record_review(
    db_url: str, path: str, sha256: str, assessor: str, choices: Iterable[Choice]
) -> int:
    """Store the assessor's decisions on one portfolio as one import; how many were new.

    A choice identical to the assessor's current decision is not stored again; a changed
    one supersedes it. The pack recorded is the one the engine marked against.
    """
    assessor = check_assessor(assessor)
    choices = list(choices)
    for choice in choices:
        if choice.verdict not in VERDICTS:
            raise ReviewError(f"'{choice.verdict}' is not a verdict.")
        if choice.comment and len(choice.comment) > MAX_COMMENT_CHARS:
            raise ReviewError(f"A comment may hold {MAX_COMMENT_CHARS:,} characters.")
    engine = open_db(db_url)
    try:
        with writing(engine) as session:
            latest = latest_rows(session)
            # "asha patel" and "Asha Patel" are one assessor, as in a decisions sheet
            spellings = {key[3].casefold(): key[3] for key in latest if key[3] != ENGINE}
            assessor = spellings.get(assessor.casefold(), assessor)
            now = dt.datetime.now(dt.UTC)
            batch = None
            for choice in choices:
                marked = latest.get((path, sha256, choice.point, ENGINE))
                if marked is None:
                    raise ReviewError(f"{path} has no engine marking for {choice.point}.")
                current = latest.get((path, sha256, choice.point, assessor))
                if current is not None and (current.verdict, current.comment) == (
                    choice.verdict,
                    choice.comment,
                ):
                    continue
                if batch is None:  # an import only when something is new
                    batch = new_import(session, "assessor", SOURCE, assessor)
                row = Decision(
                    file_name=marked.file_name,
                    file_path=path,
                    file_sha256=sha256,
                    learner=None,
                    rater=assessor,
                    rater_kind="assessor",
                    marking_point=choice.point,
                    verdict=choice.verdict,
                    decided_at=now,
                    comment=choice.comment,
                    pack_id=marked.pack_id,
                    pack_version=marked.pack_version,
                    pack_sha256=marked.pack_sha256,
                    origin=batch,
                )
                append(session, latest, row)
                batch.accepted += 1
            return batch.accepted if batch is not None else 0
    finally:
        engine.dispose()
