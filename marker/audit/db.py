"""The audit database: typed models, opening a database at the current schema, writing safely.

Rows are never updated or deleted. Every decision, the engine's or an assessor's, is a
new row tied to the import that brought it (who, when, from which file); a changed
decision is a new row pointing at the one it supersedes, and statistics read only the
latest row per portfolio, rater and marking point. SQLite is the embedded default;
centres can share one PostgreSQL server. Tables carry an `audit_` prefix and their own
Alembic version table so they can share a database.

Writes are serialised: an import takes the database's write lock before it reads what
is already stored (SQLite `BEGIN IMMEDIATE`, PostgreSQL a transaction-scoped advisory
lock), so two imports of one sheet store it once. A unique key (portfolio path, hash,
marking point, rater, revision) backs that up in the schema. A lock held by another
import is waited for at most MARKER_DB_TIMEOUT seconds, then refused in plain words.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    JSON,
    Connection,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from marker.audit.url import DatabaseBusy, DatabaseUnusable, resolve_db_url, safe_url

DEFAULT_DB = "sqlite:///marker.db"
VERSION_TABLE = "audit_alembic_version"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
TIMEOUT_ENV = "MARKER_DB_TIMEOUT"
DEFAULT_TIMEOUT = 30.0
"""Seconds an import waits for another one to finish before giving up."""
WRITE_LOCK_KEY = 0x6D61726B6572  # "marker": the PostgreSQL advisory lock the audit writers share
_WRITING = "marker_audit_write"  # execution option: this transaction writes


class Base(DeclarativeBase):
    pass


class Import(Base):
    """One run that brought decisions in: a decisions file or a batch of engine markings."""

    __tablename__ = "audit_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # "assessor" or "engine"
    source: Mapped[str] = mapped_column(String(500))
    source_sha256: Mapped[str | None] = mapped_column(String(64))
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    accepted: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)

    decisions: Mapped[list[Decision]] = relationship(back_populates="origin")


class Decision(Base):
    """One verdict on one marking point of one portfolio file, by one rater."""

    __tablename__ = "audit_decisions"
    __table_args__ = (
        Index(
            "uq_audit_decisions_revision",
            "file_path",
            "file_sha256",
            "marking_point",
            "rater",
            "revision",
            unique=True,
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("audit_imports.id"))
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("audit_decisions.id"))
    file_name: Mapped[str] = mapped_column(String(500))
    file_path: Mapped[str] = mapped_column(String(500))  # relative to the batch root, POSIX
    file_sha256: Mapped[str] = mapped_column(String(64))
    learner: Mapped[str | None] = mapped_column(String(200))
    rater: Mapped[str] = mapped_column(String(200))  # "engine" or the assessor's name
    rater_kind: Mapped[str] = mapped_column(String(16))  # "engine" or "assessor"
    marking_point: Mapped[str] = mapped_column(String(100))
    verdict: Mapped[str] = mapped_column(String(16))
    score: Mapped[float | None] = mapped_column(Float)
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    comment: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    feedback: Mapped[list[str] | None] = mapped_column(JSON)
    pack_id: Mapped[str] = mapped_column(String(100))
    pack_version: Mapped[str] = mapped_column(String(50))
    pack_sha256: Mapped[str] = mapped_column(String(64))
    source_row: Mapped[int | None] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer)  # 1, then 2 for the row superseding it...

    origin: Mapped[Import] = relationship(back_populates="decisions")


def db_timeout() -> float:
    """Seconds to wait for a busy database (env MARKER_DB_TIMEOUT, default 30)."""
    raw = os.environ.get(TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        raise DatabaseUnusable(f"{TIMEOUT_ENV} must be a number of seconds, not '{raw}'")
    return seconds


def open_db(url: str) -> Engine:
    """An engine on the database at `url`, upgraded to the latest schema (`upgrade head`).

    Raises DatabaseUnusable (DatabaseBusy when another import holds the lock too long)
    with a one-line message instead of a driver traceback.
    """
    url = resolve_db_url(url)
    timeout = db_timeout()
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": timeout})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    else:  # libpq waits at least 2 s and counts whole seconds
        engine = create_engine(url, connect_args={"connect_timeout": max(2, math.ceil(timeout))})
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with plain_errors(url):
            if not _at_head(engine, config):  # reports need not wait for a running import
                with _write_connection(engine) as connection:
                    config.attributes["connection"] = connection
                    command.upgrade(config, "head")
    except BaseException:
        engine.dispose()
        raise
    return engine


def _at_head(engine: Engine, config: Config) -> bool:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        current = context.get_current_revision()
    return current == ScriptDirectory.from_config(config).get_current_head()


@contextmanager
def writing(engine: Engine) -> Iterator[Session]:
    """A session in one transaction that holds the write lock from its first statement.

    Read what is stored and write the new rows inside it: no other import can slip in
    between, so the duplicate checks hold when the rows are committed.
    """
    url = engine.url.render_as_string(hide_password=False)
    session = Session(engine.execution_options(**{_WRITING: True}))
    with plain_errors(url), session, _stored_meanwhile(url), session.begin():
        _lock(session.connection())
        yield session


@contextmanager
def _stored_meanwhile(url: str) -> Iterator[None]:
    """The unique key refused a row: a writer that does not take the lock got in first."""
    try:
        yield
    except IntegrityError:
        raise DatabaseUnusable(
            f"the database {safe_url(url)} changed during the import (another import stored "
            "the same decisions): try again"
        ) from None


@contextmanager
def _write_connection(engine: Engine) -> Iterator[Connection]:
    with engine.execution_options(**{_WRITING: True}).begin() as connection:
        _lock(connection)
        yield connection


def _lock(connection: Connection) -> None:
    """Take the write lock; SQLite took it already, at BEGIN IMMEDIATE (`_sqlite_begin`)."""
    if connection.dialect.name == "postgresql":
        milliseconds = round(db_timeout() * 1000)
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = {milliseconds}")
        connection.execute(select(func.pg_advisory_xact_lock(WRITE_LOCK_KEY)))


@contextmanager
def plain_errors(url: str) -> Iterator[None]:
    """Turn a driver error into DatabaseUnusable (DatabaseBusy for a lock wait that timed out)."""
    try:
        yield
    except DBAPIError as error:
        if _is_busy(error):
            raise DatabaseBusy(
                f"the database {safe_url(url)} is busy (another import is running): try again"
            ) from None
        reason = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else ""
        raise DatabaseUnusable(
            f"cannot use the database {safe_url(url)}: {reason or type(error.orig).__name__}"
        ) from None


def _is_busy(error: DBAPIError) -> bool:
    """SQLite's SQLITE_BUSY/SQLITE_LOCKED, or PostgreSQL's lock_not_available (55P03)."""
    driver_error = error.orig
    if getattr(driver_error, "sqlstate", None) == "55P03":
        return True
    code = getattr(driver_error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (5, 6)


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own implicit BEGIN is switched off so that `_sqlite_begin` decides
    # what kind of transaction starts; foreign keys are off by default in SQLite.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """A writer takes SQLite's write lock at once, waiting up to the timeout for it."""
    writes = connection.get_execution_options().get(_WRITING, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def utc(moment: dt.datetime) -> dt.datetime:
    """The moment in UTC; SQLite hands back naive datetimes, which are stored as UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)
