"""`--db` and MARKER_DB: one resolution for `marker batch` and `marker audit`, checked first."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from marker.audit.cli import audit
from marker.audit.db import Decision, open_db
from marker.audit.scheme import Pack
from marker.audit.url import DatabaseUnusable, resolve_db_url, safe_url
from marker.cli import main
from tests.audit.conftest import write_csv
from tests.conftest import fixture_files

ACCEPTED = "use a file name ending .db, .sqlite, .sqlite3 (marker.db)"


@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("marker.db", "sqlite:///marker.db"),
        ("audit/term1.SQLITE3", "sqlite:///audit/term1.SQLITE3"),
        ("/srv/iqa/marker.sqlite", "sqlite:////srv/iqa/marker.sqlite"),
        ("sqlite:///any-name", "sqlite:///any-name"),
        ("postgresql+psycopg://iqa:pw@db/marker", "postgresql+psycopg://iqa:pw@db/marker"),
    ],
)
def test_sqlite_file_names_and_urls_are_accepted(given: str, url: str) -> None:
    assert resolve_db_url(given) == url


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ("notaurl", f"'notaurl' is not a database URL or a SQLite file name; {ACCEPTED}"),
        ("marker.txt", "'marker.txt' is not a database URL or a SQLite file name"),
        ("postgres://iqa@db/marker", "postgres:// is not accepted by SQLAlchemy 2: use "),
        ("mysql://iqa@db/marker", "mysql:// is not supported: the audit database is SQLite or"),
        ("oracle+oracledb://iqa@db/x", "oracle:// is not supported"),
        ("nosuchdb://iqa@db/marker", "nosuchdb:// is not supported"),
        ("postgresql+nodriver://db/x", "unknown driver in postgresql+nodriver://"),
        ("://iqa:secret@", "the database URL is malformed"),
    ],
)
def test_bad_values_are_refused_with_the_accepted_forms(given: str, says: str) -> None:
    with pytest.raises(DatabaseUnusable) as refused:
        resolve_db_url(given)
    message = str(refused.value)
    assert says in message and "\n" not in message and "secret" not in message


def test_postgres_says_which_url_to_use() -> None:
    with pytest.raises(DatabaseUnusable, match=r"use postgresql\+psycopg://user@host/dbname"):
        resolve_db_url("postgres://iqa@db/marker")


def test_a_driver_that_is_not_installed_names_the_pip_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the extra were not installed
    with pytest.raises(DatabaseUnusable) as refused:
        resolve_db_url("postgresql+psycopg://iqa@db/marker")
    assert str(refused.value) == (
        "the psycopg driver for postgresql+psycopg:// is not installed: "
        "pip install 'evidence-marker[postgres]' and use postgresql+psycopg://user@host/dbname"
    )


def test_safe_url_hides_passwords_and_never_echoes_a_malformed_url() -> None:
    assert safe_url("postgresql+psycopg://iqa:secret@db/marker") == (
        "postgresql+psycopg://iqa:***@db/marker"
    )
    assert "secret" not in safe_url("::iqa:secret@")


def test_a_bad_timeout_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MARKER_DB_TIMEOUT", "soon")
    with pytest.raises(DatabaseUnusable, match="MARKER_DB_TIMEOUT must be a number of seconds"):
        open_db(f"sqlite:///{tmp_path / 'x.db'}")


def _closed_port() -> int:
    """A local port nothing listens on: the server is unreachable."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _one_line_error(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in output, output
    return lines[0]


@pytest.mark.parametrize(
    ("db", "says"),
    [
        ("notaurl", "is not a database URL or a SQLite file name"),
        ("postgres://iqa@db/marker", "use postgresql+psycopg://"),
        ("mysql://iqa@db/marker", "mysql:// is not supported"),
    ],
)
def test_audit_record_refuses_a_bad_db_before_reading_the_sheet(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch, db: str, says: str
) -> None:
    monkeypatch.chdir(tmp_path)
    sheet = tmp_path / "not-even-read.csv"
    sheet.write_text("garbage")
    result = CliRunner().invoke(audit, ["record", str(sheet), "--db", db])
    assert result.exit_code != 0
    line = _one_line_error(result.output)
    assert line.startswith("Error: --db: ") and says in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-even-read.csv", "rules"]


def test_an_unreachable_server_is_one_line_before_the_import(tmp_path: Path, pack: Pack) -> None:
    url = f"postgresql+psycopg://iqa:secret@127.0.0.1:{_closed_port()}/marker"
    sheet = write_csv(tmp_path / "t.csv", [])
    result = CliRunner().invoke(audit, ["record", str(sheet), "--db", url])
    assert result.exit_code == 1
    line = _one_line_error(result.output)
    assert line.startswith("Error: cannot use the database postgresql+psycopg://iqa:***@127.0.0.1")
    assert "secret" not in result.output


def test_marker_db_is_honoured_by_audit_and_refused_the_same_way(
    tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MARKER_DB", "notaurl")
    result = CliRunner().invoke(audit, ["status"])
    assert result.exit_code != 0
    assert "Error: MARKER_DB: 'notaurl' is not a database URL" in _one_line_error(result.output)
    assert not (tmp_path / "notaurl").exists()
    monkeypatch.setenv("MARKER_DB", "term.sqlite")
    result = CliRunner().invoke(audit, ["status"])
    assert result.exit_code == 0 and "database: sqlite:///term.sqlite" in result.output


@pytest.fixture
def one_portfolio(tmp_path: Path) -> Path:
    folder = tmp_path / "subs" / "cohort"
    folder.mkdir(parents=True)
    source = fixture_files()[0]
    (folder / source.name).write_bytes(source.read_bytes())
    return tmp_path / "subs"


@pytest.mark.parametrize(
    ("db", "says"),
    [
        ("notaurl", "is not a database URL or a SQLite file name"),
        ("postgres://iqa@db/marker", "use postgresql+psycopg://"),
        ("mysql://iqa@db/marker", "mysql:// is not supported"),
    ],
)
def test_batch_refuses_a_bad_db_before_marking(
    tmp_path: Path, one_portfolio: Path, monkeypatch: pytest.MonkeyPatch, db: str, says: str
) -> None:
    monkeypatch.chdir(tmp_path)
    grid = tmp_path / "grid.jsonl"
    result = CliRunner().invoke(main, ["batch", str(one_portfolio), "-o", str(grid), "--db", db])
    assert result.exit_code != 0 and says in _one_line_error(result.output)
    assert not grid.exists() and not (tmp_path / "notaurl").exists()
    monkeypatch.setenv("MARKER_DB", db)  # the environment is checked the same way
    result = CliRunner().invoke(main, ["batch", str(one_portfolio), "-o", str(grid)])
    assert result.exit_code != 0 and says in _one_line_error(result.output)
    assert not grid.exists()


def test_batch_refuses_an_unreachable_server_before_marking(
    tmp_path: Path, one_portfolio: Path
) -> None:
    grid = tmp_path / "grid.jsonl"
    url = f"postgresql+psycopg://iqa@127.0.0.1:{_closed_port()}/marker"
    result = CliRunner().invoke(main, ["batch", str(one_portfolio), "-o", str(grid), "--db", url])
    assert result.exit_code == 1
    assert "cannot use the database postgresql+psycopg://iqa@127.0.0.1" in _one_line_error(
        result.output
    )
    assert not grid.exists()


def test_batch_stores_markings_in_the_marker_db_database(
    tmp_path: Path, one_portfolio: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "from-env.db"
    monkeypatch.setenv("MARKER_DB", str(db))
    grid = tmp_path / "grid.jsonl"
    result = CliRunner().invoke(main, ["batch", str(one_portfolio), "-o", str(grid)])
    assert result.exit_code == 0, result.output
    engine = open_db(str(db))
    with Session(engine) as session:
        assert session.scalar(select(func.count(Decision.id))) == 4
        (name,) = set(session.scalars(select(Decision.file_name)))
    engine.dispose()
    assert name == fixture_files()[0].name
