"""The audit database: typed models, and opening a database at the current schema.

Rows are never updated or deleted. Every decision, the engine's or an assessor's, is a
new row tied to the import that brought it (who, when, from which file); a changed
decision is a new row pointing at the one it supersedes, and statistics read only the
latest row per portfolio, rater and marking point. SQLite is the embedded default; any
SQLAlchemy URL works, so centres can share one PostgreSQL server. Tables carry an
`audit_` prefix and their own Alembic version table so they can share a database.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    JSON,
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
    make_url,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

DEFAULT_DB = "sqlite:///marker.db"
VERSION_TABLE = "audit_alembic_version"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


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
        Index("ix_audit_decisions_key", "file_name", "file_sha256", "marking_point", "rater"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("audit_imports.id"))
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("audit_decisions.id"))
    file_name: Mapped[str] = mapped_column(String(500))
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

    origin: Mapped[Import] = relationship(back_populates="decisions")


def normalise_url(url: str) -> str:
    """A SQLAlchemy URL; a bare path such as `marker.db` means a SQLite file."""
    return url if "://" in url else f"sqlite:///{url}"


def safe_url(url: str) -> str:
    """The URL with any password hidden, fit for messages and reports."""
    return make_url(normalise_url(url)).render_as_string(hide_password=True)


def open_db(url: str) -> Engine:
    """An engine on the database at `url`, upgraded to the latest schema (`upgrade head`)."""
    engine = create_engine(normalise_url(url))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_foreign_keys)
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return engine


def _sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def utc(moment: dt.datetime) -> dt.datetime:
    """The moment in UTC; SQLite hands back naive datetimes, which are stored as UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)
