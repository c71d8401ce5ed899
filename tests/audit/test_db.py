"""Database round trips on SQLite and, when one is provided, a real PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.orm import Session

from marker.audit.db import VERSION_TABLE, Base, Decision, Import, open_db
from marker.audit.decisions import record_decisions
from marker.audit.report import build_report
from marker.audit.scheme import Pack
from marker.audit.store import history, latest_rows, record_markings
from marker.audit.url import safe_url
from tests.audit.conftest import engine_marking, write_csv, write_portfolios

POSTGRES_ENV = "MARKER_TEST_POSTGRES_URL"


@pytest.fixture(params=["sqlite", "postgres"])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh audit database; the PostgreSQL one is wiped first (it must be a test database)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'marker.db'}"
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set; .ci/run starts a PostgreSQL server and sets it")
    engine = open_db(url)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(text(f"DROP TABLE IF EXISTS {VERSION_TABLE}"))
    engine.dispose()
    return url


def verdicts(**changed: str) -> dict[str, str]:
    base = dict.fromkeys(
        ("self-assessment", "smart-objectives", "development-plan", "monitoring"), "met"
    )
    return base | {k.replace("_", "-"): v for k, v in changed.items()}


def test_schema_is_migrated_to_head_with_its_own_version_table(any_db: str) -> None:
    engine = open_db(any_db)
    open_db(any_db).dispose()  # a second open is a no-op upgrade
    tables = set(inspect(engine).get_table_names())
    assert {"audit_imports", "audit_decisions", VERSION_TABLE} <= tables
    with engine.connect() as connection:
        assert connection.scalar(text(f"SELECT version_num FROM {VERSION_TABLE}")) == "0002"
    engine.dispose()


def test_engine_markings_round_trip_with_pack_hash_and_evidence(any_db: str) -> None:
    when = dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.UTC)
    marking = engine_marking("jo.docx", "f" * 64, verdicts(monitoring="not_met"))
    assert record_markings(any_db, [marking, {"file": "bad.docx", "error": "corrupt"}], when) == 4
    engine = open_db(any_db)
    with Session(engine) as session:
        rows = {r.marking_point: r for r in session.scalars(select(Decision))}
        row = rows["monitoring"]
        assert (row.rater, row.rater_kind, row.verdict) == ("engine", "engine", "not_met")
        assert (row.pack_id, row.pack_version, row.pack_sha256) == (
            "contact-centre-pdp",
            "1.0.0",
            "ab" * 32,
        )
        assert row.file_sha256 == "f" * 64
        assert row.evidence == [
            {"text": "Evidence for monitoring in jo.docx", "locator": "paragraph 3"}
        ]
        assert row.feedback == ["Say more about monitoring."]
        assert row.decided_at.replace(tzinfo=dt.UTC) == when
        assert row.origin.kind == "engine" and row.origin.accepted == 4
    engine.dispose()


def test_rerun_stores_nothing_and_a_change_supersedes(any_db: str) -> None:
    marking = engine_marking("jo.docx", "f" * 64, verdicts())
    assert record_markings(any_db, [marking]) == 4
    assert record_markings(any_db, [marking]) == 0
    changed = engine_marking("jo.docx", "f" * 64, verdicts(smart_objectives="partially_met"))
    assert record_markings(any_db, [changed]) == 1
    engine = open_db(any_db)
    with Session(engine) as session:
        trail = [r for r in history(session, "jo.docx") if r.marking_point == "smart-objectives"]
        assert [r.verdict for r in trail] == ["met", "partially_met"]
        assert trail[1].supersedes_id == trail[0].id
        latest = latest_rows(session)
        assert (
            latest[("jo.docx", "f" * 64, "smart-objectives", "engine")].verdict == "partially_met"
        )
        assert len(latest) == 4
        assert session.scalar(select(Import).order_by(Import.id.desc())).accepted == 1
    engine.dispose()


def test_assessor_decisions_round_trip_with_who_and_when(
    any_db: str, pack: Pack, tmp_path: Path
) -> None:
    files = write_portfolios(tmp_path, 1)
    sheet = write_csv(
        tmp_path / "term.csv",
        [["learner-000.docx", "Jo Bloggs", "Asha Patel", "monitoring", "Met", "03/02/2025", "ok"]],
    )
    result = record_decisions(any_db, sheet, pack, by="iqa.lead")
    assert len(result.accepted) == 1 and not result.rejected
    engine = open_db(any_db)
    with Session(engine) as session:
        row = session.scalars(select(Decision)).one()
        assert (row.file_sha256, row.learner, row.rater) == (
            files["learner-000.docx"],
            "Jo Bloggs",
            "Asha Patel",
        )
        assert row.decided_at.date() == dt.date(2025, 2, 3)
        assert (row.pack_id, row.pack_sha256) == (pack.id, pack.sha256)
        assert (row.origin.recorded_by, row.origin.source, row.source_row) == (
            "iqa.lead",
            "term.csv",
            2,
        )
        assert row.origin.recorded_at.date() == dt.datetime.now(dt.UTC).date()
    engine.dispose()


def test_report_reads_only_the_latest_decisions(any_db: str, pack: Pack, tmp_path: Path) -> None:
    files = write_portfolios(tmp_path, 2)
    record_markings(
        any_db, [engine_marking(name, sha, {"monitoring": "met"}) for name, sha in files.items()]
    )
    first = [["learner-000.docx", "Jo", "Asha", "monitoring", "not met", "03/02/2025", ""]]
    record_decisions(any_db, write_csv(tmp_path / "a.csv", first), pack)
    second = [
        ["learner-000.docx", "Jo", "asha", "monitoring", "met", "04/02/2025", "re-marked"],
        ["learner-001.docx", "Al", "ASHA", "monitoring", "met", "04/02/2025", ""],
    ]
    result = record_decisions(any_db, write_csv(tmp_path / "b.csv", second), pack)
    assert [a.assessor for a in result.accepted] == ["Asha", "Asha"]  # one assessor, one spelling
    report = build_report(any_db, pack, as_of=dt.date(2025, 3, 1))
    (pair,) = report.overall.pairs
    assert pair.raters == ("engine", "Asha")
    assert (pair.percent_agreement.value, pair.portfolios) == (100.0, 2)
    assert report.disagreements == []


# --- concurrent imports, in real processes -----------------------------------------

MARKER = "from marker.cli import main; main()"
HOLD_THE_LOCK = """
import sys
from marker.audit.db import open_db, writing

with writing(open_db(sys.argv[1])):
    print("holding", flush=True)
    sys.stdin.read()  # until the test closes it
"""


def _marker(*args: str, cwd: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", MARKER, *args],
        cwd=cwd,
        env=os.environ | env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _stored_decisions(url: str) -> int:
    engine = open_db(url)
    with Session(engine) as session:
        count = session.scalar(select(func.count(Decision.id))) or 0
    engine.dispose()
    return count


def test_two_imports_of_one_sheet_at_once_store_it_once(
    any_db: str, pack: Pack, tmp_path: Path
) -> None:
    files = write_portfolios(tmp_path, 150)
    rows = [
        [name, f"Learner {i}", "Asha", point, "met", "03/02/2025", ""]
        for i, name in enumerate(files)
        for point in ("self-assessment", "smart-objectives", "development-plan", "monitoring")
    ]
    sheet = write_csv(tmp_path / "term.csv", rows)
    runs = [_marker("audit", "record", str(sheet), "--db", any_db, cwd=tmp_path) for _ in (1, 2)]
    outputs = sorted(run.communicate()[0] for run in runs)
    assert _stored_decisions(any_db) == 600
    stored_second, stored_first = outputs  # "...stored 0..." sorts before "...stored 600..."
    assert stored_first.startswith("term.csv: stored 600 decision(s), rejected 0")
    assert stored_second.startswith("term.csv: stored 0 decision(s), rejected 600")
    assert "600 duplicate row" in stored_second
    assert "already recorded from term.csv" in stored_second


def test_an_import_while_another_holds_the_lock_is_told_the_database_is_busy(
    any_db: str, pack: Pack, tmp_path: Path
) -> None:
    write_portfolios(tmp_path, 1)
    sheet = write_csv(
        tmp_path / "t.csv",
        [["learner-000.docx", "Jo", "Asha", "monitoring", "met", "03/02/2025", ""]],
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, any_db],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        waiting = _marker(
            "audit", "record", str(sheet), "--db", any_db, cwd=tmp_path, MARKER_DB_TIMEOUT="0.2"
        )
        out, err = waiting.communicate()
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait()
    assert waiting.returncode == 1 and out == ""
    assert err == (
        f"Error: the database {safe_url(any_db)} is busy (another import is running): try again\n"
    )
    assert _stored_decisions(any_db) == 0


def test_status_is_read_while_an_import_holds_the_lock(any_db: str, tmp_path: Path) -> None:
    record_markings(any_db, [engine_marking("jo.docx", "f" * 64, verdicts())])
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, any_db],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        reading = _marker("audit", "status", "--db", any_db, cwd=tmp_path, MARKER_DB_TIMEOUT="0.2")
        out, err = reading.communicate()
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait()
    assert (reading.returncode, err) == (0, "")
    assert "4 current decision(s) on 1 portfolio(s)" in out


# --- upgrading a database made before portfolio paths ---------------------------------


def test_an_old_database_upgrades_and_loses_only_the_copies_concurrent_imports_left(
    any_db: str,
) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine
    from sqlalchemy.exc import IntegrityError

    from marker.audit.db import MIGRATIONS

    old = create_engine(any_db)
    with old.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        when = dt.datetime(2025, 2, 3, tzinfo=dt.UTC)
        connection.execute(
            text(
                "INSERT INTO audit_imports (id, kind, source, recorded_by, recorded_at, "
                "accepted, rejected) VALUES (1, 'assessor', 't.csv', 'one', :when, 2, 0), "
                "(2, 'assessor', 't.csv', 'two', :when, 2, 0)"
            ),
            {"when": when},
        )
        # (id, import, supersedes, file, rater, verdict): two imports of one sheet ran at
        # once (rows 2 and 4 are copies of 1 and 3); jo's A -> B -> A on al is genuine
        old_rows = [
            (1, 1, None, "jo.docx", "Asha", "met"),
            (2, 2, None, "jo.docx", "Asha", "met"),
            (3, 1, 1, "jo.docx", "Asha", "partially_met"),
            (4, 2, 2, "jo.docx", "Asha", "partially_met"),
            (5, 1, None, "jo.docx", "engine", "met"),
            (6, 1, None, "al.docx", "Asha", "met"),
            (7, 1, 6, "al.docx", "Asha", "not_met"),
            (8, 1, 7, "al.docx", "Asha", "met"),
        ]
        for row_id, import_id, supersedes, name, rater, verdict in old_rows:
            connection.execute(
                text(
                    "INSERT INTO audit_decisions (id, import_id, supersedes_id, file_name, "
                    "file_sha256, rater, rater_kind, marking_point, verdict, decided_at, "
                    "pack_id, pack_version, pack_sha256) VALUES (:id, :import_id, "
                    ":supersedes, :name, :sha, :rater, 'assessor', 'monitoring', :verdict, "
                    ":when, 'p', '1', :sha)"
                ),
                {
                    "id": row_id,
                    "import_id": import_id,
                    "supersedes": supersedes,
                    "name": name,
                    "sha": "f" * 64,
                    "rater": rater,
                    "verdict": verdict,
                    "when": when,
                },
            )
    old.dispose()

    engine = open_db(any_db)
    with Session(engine) as session:
        rows = session.scalars(select(Decision).order_by(Decision.id))
        kept = [(r.id, r.file_path, r.rater, r.verdict, r.revision, r.supersedes_id) for r in rows]
    assert kept == [
        (1, "jo.docx", "Asha", "met", 1, None),
        (3, "jo.docx", "Asha", "partially_met", 2, 1),
        (5, "jo.docx", "engine", "met", 1, None),
        (6, "al.docx", "Asha", "met", 1, None),
        (7, "al.docx", "Asha", "not_met", 2, 6),
        (8, "al.docx", "Asha", "met", 3, 7),
    ]
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO audit_decisions (id, import_id, file_name, file_path, file_sha256, "
                "rater, rater_kind, marking_point, verdict, decided_at, pack_id, pack_version, "
                "pack_sha256, revision) VALUES (100, 1, 'jo.docx', 'jo.docx', :sha, 'Asha', "
                "'assessor', 'monitoring', 'met', :when, 'p', '1', :sha, 2)"
            ),
            {"sha": "f" * 64, "when": dt.datetime(2025, 2, 4, tzinfo=dt.UTC)},
        )
    engine.dispose()
