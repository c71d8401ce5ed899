"""Importing decision sheets: every rejection reason, and bad rows never stop good ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from marker.audit.decisions import (
    DecisionFileError,
    ImportResult,
    Problem,
    read_sheet,
    record_decisions,
    write_rejects,
)
from marker.audit.scheme import Pack, parse_verdict
from marker.audit.store import record_markings
from marker.audit.template import write_template
from tests.audit.conftest import HEADER, engine_marking, write_csv, write_portfolios


def problems(result: ImportResult) -> dict[int, set[Problem]]:
    return {r.row: {p.problem for p in r.problems} for r in result.rejected}


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    return write_portfolios(tmp_path, 3)


def row(file: str = "learner-000.docx", point: str = "monitoring", verdict: str = "met", **kw):
    values = {
        "learner": "Jo Bloggs",
        "assessor": "Asha",
        "date": "03/02/2025",
        "comment": "",
    } | kw
    return [
        file,
        values["learner"],
        values["assessor"],
        point,
        verdict,
        values["date"],
        values["comment"],
    ]


def test_each_bad_row_is_rejected_with_its_reason_and_good_rows_are_stored(
    tmp_path: Path, pack: Pack, db_url: str, files: dict[str, str]
) -> None:
    sheet = write_csv(
        tmp_path / "term.csv",
        [
            row(),  # 2 good
            row(point="smart objectives"),  # 3 good: a title-ish spelling of an id
            row(point="customer-journey"),  # 4
            row(verdict="pass"),  # 5
            row(file="missing.docx"),  # 6
            row(date="31/02/2025"),  # 7
            row(date="2099-01-01"),  # 8
            row(learner=""),  # 9
            row(assessor="engine", point="self-assessment"),  # 10
            row(),  # 11 duplicate of row 2
            row(file="learner-001.docx", verdict="met"),  # 12 conflicts with 13
            row(file="learner-001.docx", verdict="not met"),  # 13
            row(file="learner-002.docx", point="nonsense", verdict="nope"),  # 14: two problems
        ],
    )
    result = record_decisions(db_url, sheet, pack)
    assert [a.row for a in result.accepted] == [2, 3]
    assert result.accepted[1].marking_point == "smart-objectives"
    assert problems(result) == {
        4: {Problem.UNKNOWN_MARKING_POINT},
        5: {Problem.UNKNOWN_VERDICT},
        6: {Problem.FILE_NOT_FOUND},
        7: {Problem.BAD_DATE},
        8: {Problem.BAD_DATE},
        9: {Problem.MISSING_VALUE},
        10: {Problem.BAD_ASSESSOR},
        11: {Problem.DUPLICATE},
        12: {Problem.CONFLICT},
        13: {Problem.CONFLICT},
        14: {Problem.UNKNOWN_MARKING_POINT, Problem.UNKNOWN_VERDICT},
    }
    reasons = {r.row: r.reason for r in result.rejected}
    assert "self-assessment, smart-objectives" in reasons[4]
    assert "use met, partially met" in reasons[5]
    assert "--portfolios" in reasons[6]
    assert "same as row 2" in reasons[11]
    assert "rows 12, 13" in reasons[12]

    rejects = tmp_path / "fix.csv"
    write_rejects(result, rejects)
    assert rejects.read_text(encoding="utf-8-sig").splitlines()[0].endswith("Comment,Problem")


def test_reimport_rejects_duplicates_of_the_database_and_stores_changes(
    tmp_path: Path, pack: Pack, db_url: str, files: dict[str, str]
) -> None:
    sheet = write_csv(tmp_path / "term.csv", [row(), row(point="self-assessment")])
    assert len(record_decisions(db_url, sheet, pack, by="lead").accepted) == 2
    write_csv(
        sheet,
        [
            row(),
            row(point="self-assessment", verdict="not met"),
            row(point="monitoring", file="learner-002.docx"),
        ],
    )
    again = record_decisions(db_url, sheet, pack)
    assert problems(again) == {2: {Problem.DUPLICATE}}
    assert "already recorded from term.csv row 2 by lead" in again.rejected[0].reason
    changed = {
        a.marking_point: a.replaces for a in again.accepted if a.file_name == "learner-000.docx"
    }
    assert changed == {"self-assessment": "met"}


def test_a_file_known_from_engine_markings_needs_no_copy_on_disk(
    tmp_path: Path, pack: Pack, db_url: str
) -> None:
    verdicts = {"monitoring": "met"}
    record_markings(db_url, [engine_marking("elsewhere.docx", "e" * 64, verdicts)])
    sheet = write_csv(tmp_path / "term.csv", [row(file="elsewhere.docx")])
    result = record_decisions(db_url, sheet, pack)
    assert result.accepted[0].file_sha256 == "e" * 64


def test_portfolios_are_found_in_subfolders_and_hashed(
    tmp_path: Path, pack: Pack, db_url: str
) -> None:
    found = write_portfolios(tmp_path / "submissions" / "group-a", 1)
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    sheet = write_csv(sheets / "term.csv", [row()])
    assert problems(record_decisions(db_url, sheet, pack, dry_run=True)) == {
        2: {Problem.FILE_NOT_FOUND}
    }
    result = record_decisions(db_url, sheet, pack, [tmp_path / "submissions"])
    assert result.accepted[0].file_sha256 == found["learner-000.docx"]


def test_two_files_of_the_same_name_are_ambiguous(tmp_path: Path, pack: Pack, db_url: str) -> None:
    write_portfolios(tmp_path / "subs" / "a", 1)
    write_portfolios(tmp_path / "subs" / "b", 1)
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    result = record_decisions(
        db_url, write_csv(sheets / "t.csv", [row()]), pack, [tmp_path / "subs"]
    )
    assert result.rejected[0].reason == (
        "ambiguous file: learner-000.docx matches 2 files: "
        "a/learner-000.docx, b/learner-000.docx: give the path"
    )


def test_xlsx_with_real_dates_and_a_semicolon_csv_are_read(
    tmp_path: Path, pack: Pack, db_url: str, files: dict[str, str]
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Learner", "Assessor", "Verdict"])
    path = tmp_path / "bad-header.xlsx"
    book.save(path)
    with pytest.raises(DecisionFileError, match=r"missing column.*Portfolio file"):
        read_sheet(path)

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Term 2 sampling, Riverside centre"])  # a title line above the header is fine
    sheet.append(HEADER)
    sheet.append(
        [
            "learner-000.docx",
            "Jo",
            "Asha",
            "monitoring",
            "Partially Met",
            dt.datetime(2025, 2, 3),
            None,
        ]
    )
    sheet.append([None] * 7)  # blank rows are ignored
    sheet.append(["learner-001.docx", "Ann", "Asha", "monitoring", "NYM", 45691, None])
    path = tmp_path / "term.xlsx"
    book.save(path)
    result = record_decisions(db_url, path, pack)
    assert [(a.row, a.verdict, a.decided_on) for a in result.accepted] == [
        (3, "partially_met", dt.date(2025, 2, 3)),
        (5, "not_met", dt.date(2025, 2, 3)),
    ]

    semicolons = tmp_path / "excel.csv"
    semicolons.write_text(
        "Portfolio file;Learner;Assessor;Marking point;Verdict;Date\n"
        "learner-002.docx;Jo;Ben;monitoring;met;2025-02-03\n",
        encoding="cp1252",
    )
    assert len(record_decisions(db_url, semicolons, pack).accepted) == 1


def test_unreadable_and_unsupported_files_are_file_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(DecisionFileError, match=r"broken\.xlsx: This is not a Word"):
        read_sheet(broken)
    with pytest.raises(DecisionFileError, match=r"use a \.csv or \.xlsx"):
        read_sheet(tmp_path / "decisions.ods")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(DecisionFileError, match="empty"):
        read_sheet(empty)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_template_imports_cleanly_once_filled_in(
    tmp_path: Path, pack: Pack, db_url: str, files: dict[str, str], suffix: str
) -> None:
    path = tmp_path / f"template{suffix}"
    write_template(path, pack)
    empty = record_decisions(db_url, path, pack, dry_run=True)
    assert (empty.accepted, empty.rejected, empty.skipped) == ([], [], 1)
    if suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        sheet = book["Decisions"]
        assert [c.value for c in sheet[1]] == HEADER
        validations = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
        assert validations["D2:D1000"] == "=Lists!$A$2:$A$5"
        assert validations["E2:E1000"] == "=Lists!$C$2:$C$4"
        assert [c.value for c in book["Lists"]["A"]][1:] == list(pack.marking_points)
        sheet.append(["learner-000.docx", "Jo", "Asha", "monitoring", "met", dt.date(2025, 2, 3)])
        book.save(path)
    else:
        with path.open("a", encoding="utf-8") as handle:
            handle.write("learner-000.docx,Jo,Asha,monitoring,met,03/02/2025,\n")
    assert len(record_decisions(db_url, path, pack).accepted) == 1


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Met", "met"),
        ("partially met", "partially_met"),
        ("Partially Met", "partially_met"),
        ("partially_met", "partially_met"),
        ("Part-met", "partially_met"),
        ("not met", "not_met"),
        ("Not Yet Met", "not_met"),
        ("NYM", "not_met"),
        ("pass", None),
        ("yes", None),
        ("", None),
    ],
)
def test_verdict_spellings(text: str, verdict: str | None) -> None:
    assert parse_verdict(text) == verdict
