"""Writing and reading decisions: the only module that runs queries.

Writes append: a decision that changes what the database holds for a portfolio, rater
and marking point becomes a new row that supersedes the previous one; a decision that
changes nothing is not stored again, so re-running a batch or re-importing a sheet is
harmless. A portfolio is its `path` (relative to the batch root) and `file_sha256`.
Every write runs in `db.writing`, which holds the database's write lock from before the
check for what is already stored until the commit.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from marker.audit.db import Decision, Import, open_db, utc, writing
from marker.audit.scheme import ENGINE

Key = tuple[str, str, str, str]
"""(file path, file sha256, marking point, rater): one line of the audit trail."""


class _Evidence(BaseModel):
    text: str
    locator: str


class _EnginePoint(BaseModel):
    id: str
    verdict: Literal["not_met", "partially_met", "met"]
    score: float | None = None
    evidence: list[_Evidence] = []
    feedback: list[str] = []


class _PackRef(BaseModel):
    id: str
    version: str
    sha256: str


class EngineMarking(BaseModel):
    """The part of the engine's JSON marking (`marker check --format json`) the audit keeps."""

    model_config = ConfigDict(extra="ignore")

    file: str
    path: str | None = None  # journals written before paths existed carry only `file`
    file_sha256: str
    pack: _PackRef
    marking_points: list[_EnginePoint]


def current_user() -> str:
    """Who is recording: the OS login, falling back to the environment when there is none."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"


def key_of(row: Decision) -> Key:
    return (row.file_path, row.file_sha256, row.marking_point, row.rater)


def latest_rows(session: Session, pack_id: str | None = None) -> dict[Key, Decision]:
    """The current decision per portfolio, rater and marking point (the newest row wins).

    With `pack_id`, only current decisions made under that pack: a decision superseded
    under a newer pack never resurfaces.
    """
    latest = {key_of(row): row for row in session.scalars(select(Decision).order_by(Decision.id))}
    if pack_id is None:
        return latest
    return {key: row for key, row in latest.items() if row.pack_id == pack_id}


def stored_portfolios(session: Session) -> dict[str, str]:
    """Portfolio path -> the hash most recently recorded for it (engine or an earlier import)."""
    query = select(Decision.file_path, Decision.file_sha256).order_by(Decision.id)
    return {path: sha for path, sha in session.execute(query)}


def portfolio_path(path: str | None, file: str) -> str:
    """The path a marking names, as stored: relative and POSIX; the file name when it has
    none, or when what it has is absolute or climbs out of the batch root."""
    if path:
        parts = PurePosixPath(path.replace("\\", "/")).parts
        if parts and parts[0] != "/" and ".." not in parts and ":" not in parts[0]:
            return "/".join(parts)
    return PurePath(file.replace("\\", "/")).name


def new_import(
    session: Session, kind: str, source: str, by: str | None, sha256: str | None = None
) -> Import:
    batch = Import(
        kind=kind,
        source=source,
        source_sha256=sha256,
        recorded_by=by or current_user(),
        recorded_at=dt.datetime.now(dt.UTC),
        accepted=0,
        rejected=0,
    )
    session.add(batch)
    session.flush()
    return batch


def append(session: Session, latest: dict[Key, Decision], row: Decision) -> None:
    """Add `row`, superseding the current decision for its key; keeps `latest` up to date."""
    previous = latest.get(key_of(row))
    row.supersedes_id = previous.id if previous is not None else None
    row.revision = previous.revision + 1 if previous is not None else 1
    session.add(row)
    session.flush()
    latest[key_of(row)] = row


def record_markings(
    db_url: str,
    markings: Iterable[dict[str, Any]],
    decided_at: dt.datetime | None = None,
    by: str | None = None,
    source: str = "marker batch",
) -> int:
    """Store the engine's verdict per marking point of each marking; returns rows stored.

    Markings without `marking_points` (a batch's error rows) are skipped. A verdict that
    is identical to the one already held (same pack hash, verdict, score, evidence) is not
    stored again.
    """
    when = utc(decided_at or dt.datetime.now(dt.UTC))
    engine = open_db(db_url)
    try:
        with writing(engine) as session:
            batch = new_import(session, "engine", source, by)
            latest = latest_rows(session)
            for raw in markings:
                if "marking_points" not in raw:
                    continue
                marking = EngineMarking.model_validate(raw)
                for point in marking.marking_points:
                    row = _engine_row(marking, point, when)
                    if not _same_engine_verdict(latest.get(key_of(row)), row):
                        row.origin = batch
                        append(session, latest, row)
                        batch.accepted += 1
            return batch.accepted
    finally:
        engine.dispose()


def _engine_row(marking: EngineMarking, point: _EnginePoint, when: dt.datetime) -> Decision:
    return Decision(
        file_name=PurePath(marking.file.replace("\\", "/")).name,
        file_path=portfolio_path(marking.path, marking.file),
        file_sha256=marking.file_sha256,
        learner=None,
        rater=ENGINE,
        rater_kind="engine",
        marking_point=point.id,
        verdict=point.verdict,
        score=point.score,
        decided_at=when,
        evidence=[e.model_dump() for e in point.evidence],
        feedback=list(point.feedback),
        pack_id=marking.pack.id,
        pack_version=marking.pack.version,
        pack_sha256=marking.pack.sha256,
    )


def _same_engine_verdict(old: Decision | None, new: Decision) -> bool:
    return old is not None and (
        old.pack_sha256,
        old.verdict,
        old.score,
        old.evidence,
        old.feedback,
    ) == (new.pack_sha256, new.verdict, new.score, new.evidence, new.feedback)


@dataclass(frozen=True)
class Status:
    """What the database holds, for `marker audit status`."""

    imports: list[Import]
    current: int
    superseded: int
    portfolios: int
    assessors: list[str]


def status(session: Session, recent: int = 10) -> Status:
    total = session.scalar(select(func.count(Decision.id))) or 0
    latest = latest_rows(session)
    imports = session.scalars(select(Import).order_by(Import.id.desc()).limit(recent))
    return Status(
        imports=list(imports),
        current=len(latest),
        superseded=total - len(latest),
        portfolios=len({(k[0], k[1]) for k in latest}),
        assessors=sorted({k[3] for k in latest if k[3] != ENGINE}),
    )


def history(session: Session, file: str) -> list[Decision]:
    """Every row ever recorded for a portfolio (its path, or its name: every portfolio so
    named), oldest first, superseded ones included."""
    named = or_(Decision.file_path == file, Decision.file_name == file)
    query = select(Decision).where(named).order_by(Decision.id)
    return list(session.scalars(query))
