"""Which audit database: `--db` and MARKER_DB, checked before any marking or import starts.

`marker batch` and every `marker audit` command take the database from the same option
(`db_option`) and resolve it with the same function (`resolve_db_url`), so a URL that
works for one works for all, and a bad one is refused in one line before any work is
done. Only SQLite and PostgreSQL are accepted: they are the two dialects whose write
lock `marker.audit.db` knows how to take.

SQLAlchemy is imported inside the functions: `marker batch` loads this module on every
start and should not pay for the database layer unless a database is named.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

ENV = "MARKER_DB"
SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
SUPPORTED = ("sqlite", "postgresql")
POSTGRES_EXAMPLE = "postgresql+psycopg://user@host/dbname"
ACCEPTED_FORMS = (
    f"a file name ending {', '.join(SQLITE_SUFFIXES)} (marker.db), "
    f"sqlite:///path/to/marker.db, or {POSTGRES_EXAMPLE}"
)
POSTGRES_EXTRA = "pip install 'evidence-marker[postgres]'"


class DatabaseUnusable(Exception):
    """The audit database cannot be used; the message is one line, fit to show as it is."""


class DatabaseBusy(DatabaseUnusable):
    """Another import holds the write lock and did not let go within the timeout."""


def resolve_db_url(text: str) -> str:
    """The SQLAlchemy URL for a `--db` value; a bare .db/.sqlite/.sqlite3 path means SQLite.

    Refuses, with the accepted forms: a value that is neither a URL nor such a file name,
    a dialect other than SQLite or PostgreSQL, and a driver that is not installed.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    text = text.strip()
    if "://" not in text:
        if Path(text).suffix.lower() not in SQLITE_SUFFIXES:
            raise DatabaseUnusable(
                f"'{text}' is not a database URL or a SQLite file name; use {ACCEPTED_FORMS}"
            )
        return f"sqlite:///{text}"
    try:
        url = make_url(text)
    except ArgumentError:
        # the value is not shown: a malformed URL may still carry a password
        raise DatabaseUnusable(f"the database URL is malformed; use {ACCEPTED_FORMS}") from None
    backend = url.get_backend_name()
    if backend == "postgres":
        raise DatabaseUnusable(
            f"postgres:// is not accepted by SQLAlchemy 2: use {POSTGRES_EXAMPLE}"
        )
    if backend not in SUPPORTED:
        raise DatabaseUnusable(
            f"{backend}:// is not supported: the audit database is SQLite or PostgreSQL; "
            f"use {ACCEPTED_FORMS}"
        )
    try:
        dialect = url.get_dialect()
    except NoSuchModuleError:
        raise DatabaseUnusable(
            f"unknown driver in {url.drivername}://; use {ACCEPTED_FORMS}"
        ) from None
    try:
        dialect.import_dbapi()
    except ImportError:
        remedy = (
            f"{POSTGRES_EXTRA} and use {POSTGRES_EXAMPLE}"
            if backend == "postgresql"
            else "use sqlite:///path/to/marker.db"
        )
        raise DatabaseUnusable(
            f"the {dialect.driver} driver for {url.drivername}:// is not installed: {remedy}"
        ) from None
    return text


def safe_url(url: str) -> str:
    """The URL with any password hidden, fit for messages and reports."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL is never echoed: it may hold a password
        return "(the database given)"


def _checked(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return resolve_db_url(value)
    except DatabaseUnusable as error:
        # one line, without click's usage block: the value, not the command, is wrong
        source = ctx.get_parameter_source(param.name or "")
        given = ENV if source == click.core.ParameterSource.ENVIRONMENT else "--db"
        raise click.ClickException(f"{given}: {error}") from None


def db_option(default: str | None, help: str) -> Any:
    """`--db URL` (env MARKER_DB), resolved and checked while the command line is read."""
    return click.option(
        "--db",
        "db_url",
        envvar=ENV,
        default=default,
        show_default=default is not None,
        callback=_checked,
        help=f"{help} SQLite file (.db/.sqlite/.sqlite3) or SQLAlchemy URL (env {ENV}).",
    )
