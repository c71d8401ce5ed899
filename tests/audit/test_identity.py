"""Portfolio identity in the audit store: `path` + `file_sha256`, as the batch names files.

Two learners' files may share a name (`a/same.docx`, `b/same.docx`): a decision must be
tied to the right one or refused, never to whichever was marked last.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from marker.audit.db import Decision, open_db
from marker.audit.decisions import Problem, record_decisions
from marker.audit.scheme import Pack
from marker.audit.store import history, record_markings
from tests.audit.conftest import engine_marking, write_csv

POINT = {"monitoring": "met"}


def marking(path: str | None, sha: str, name: str = "same.docx") -> dict:
    record = engine_marking(name, sha, POINT)
    if path is not None:
        record["path"] = path
    return record


def sha_of(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def stored(db_url: str) -> list[tuple[str, str, str, str]]:
    engine = open_db(db_url)
    with Session(engine) as session:
        rows = session.scalars(select(Decision).order_by(Decision.id))
        out = [(r.file_name, r.file_path, r.file_sha256, r.rater) for r in rows]
    engine.dispose()
    return out


def decision(file: str) -> list[object]:
    return [file, "Learner A", "Asha", "monitoring", "met", "03/02/2025", ""]


@pytest.fixture
def two_same_names(db_url: str) -> str:
    """The engine's markings of a/same.docx and b/same.docx, two learners' different files."""
    record_markings(
        db_url,
        [marking("a/same.docx", sha_of("a")), marking("b/same.docx", sha_of("b"))],
    )
    return db_url


def test_markings_are_stored_by_path_and_old_journals_by_file_name(db_url: str) -> None:
    record_markings(
        db_url,
        [
            marking("cohort/jo.docx", "1" * 64, "jo.docx"),
            marking(None, "2" * 64, "al.docx"),  # a journal from before paths
            marking("/abs/x.docx", "3" * 64, "x.docx"),  # never an absolute path
            marking("../up.docx", "4" * 64, "up.docx"),  # never outside the batch root
        ],
    )
    assert [(name, path) for name, path, _, _ in stored(db_url)] == [
        ("jo.docx", "cohort/jo.docx"),
        ("al.docx", "al.docx"),
        ("x.docx", "x.docx"),
        ("up.docx", "up.docx"),
    ]


def test_a_shared_name_without_portfolios_is_refused_with_the_candidates(
    two_same_names: str, pack: Pack, tmp_path: Path
) -> None:
    sheet = write_csv(tmp_path / "t.csv", [decision("same.docx")])
    result = record_decisions(two_same_names, sheet, pack)
    assert not result.accepted
    (rejected,) = result.rejected
    assert rejected.problems[0].problem == Problem.AMBIGUOUS_FILE
    assert rejected.problems[0].message == (
        "same.docx matches 2 portfolios: a/same.docx, b/same.docx: give the path"
    )
    assert all(rater == "engine" for *_, rater in stored(two_same_names))


def test_the_path_picks_the_portfolio(two_same_names: str, pack: Pack, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "t.csv", [decision("b/same.docx"), decision("a\\same.docx")])
    result = record_decisions(two_same_names, sheet, pack)
    assert not result.rejected
    assessor_rows = [row for row in stored(two_same_names) if row[3] == "Asha"]
    assert assessor_rows == [
        ("same.docx", "b/same.docx", sha_of("b"), "Asha"),
        ("same.docx", "a/same.docx", sha_of("a"), "Asha"),
    ]


def test_a_file_on_disk_takes_the_path_of_the_marking_with_its_hash(
    db_url: str, pack: Pack, tmp_path: Path
) -> None:
    for folder in ("a", "b"):
        (tmp_path / "subs" / folder).mkdir(parents=True)
        (tmp_path / "subs" / folder / "same.docx").write_text(folder)
    record_markings(
        db_url, [marking("a/same.docx", sha_of("a")), marking("b/same.docx", sha_of("b"))]
    )
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    (sheets / "same.docx").write_text("b")  # a copy of b's file beside the sheet
    ambiguous = write_csv(sheets / "x.csv", [decision("same.docx")])
    result = record_decisions(db_url, ambiguous, pack, [tmp_path / "subs"])
    assert result.rejected[0].reason == (
        "ambiguous file: same.docx matches 3 files: a/same.docx, b/same.docx, same.docx: "
        "give the path"
    )
    (sheets / "x.csv").unlink()
    beside = write_csv(sheets / "t.csv", [decision("same.docx")])
    result = record_decisions(db_url, beside, pack)
    assert [(a.file_path, a.file_sha256) for a in result.accepted] == [("b/same.docx", sha_of("b"))]


def test_a_file_found_only_on_disk_is_stored_by_its_path_under_the_folder(
    db_url: str, pack: Pack, tmp_path: Path
) -> None:
    (tmp_path / "subs" / "cohort").mkdir(parents=True)
    (tmp_path / "subs" / "cohort" / "new.docx").write_text("new")
    sheet = write_csv(tmp_path / "t.csv", [decision("new.docx")])
    result = record_decisions(db_url, sheet, pack, [tmp_path / "subs"])
    assert [(a.file_path, a.file_sha256) for a in result.accepted] == [
        ("cohort/new.docx", sha_of("new"))
    ]


@pytest.mark.parametrize("written", ["../t.csv", "/etc/hostname", "C:\\x\\same.docx", "."])
def test_a_row_cannot_name_a_file_outside_the_folders(
    db_url: str, pack: Pack, tmp_path: Path, written: str
) -> None:
    (tmp_path / "inner").mkdir()
    sheet = write_csv(tmp_path / "inner" / "t.csv", [decision(written)])
    result = record_decisions(db_url, sheet, pack)
    assert [r.problems[0].problem for r in result.rejected] == [Problem.FILE_NOT_FOUND]


def test_history_by_path_or_by_name(two_same_names: str) -> None:
    engine = open_db(two_same_names)
    with Session(engine) as session:
        assert {r.file_path for r in history(session, "a/same.docx")} == {"a/same.docx"}
        by_name = {r.file_path for r in history(session, "same.docx")}
        assert by_name == {"a/same.docx", "b/same.docx"}
    engine.dispose()
