"""Reading decision sheets as hostile input: pre-flight, row cap, encodings, Excel's row
numbers, out-of-range dates and oversized fields are each a clear error, never a traceback."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from marker.audit import sheet as sheet_module
from marker.audit.decisions import DecisionFileError, Problem, read_sheet, record_decisions
from marker.audit.scheme import Pack
from tests.audit.conftest import HEADER, write_csv, write_portfolios


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    return write_portfolios(tmp_path, 3)


def decision(i: int = 0, comment: str = "", learner: str = "Jo Bloggs") -> list[object]:
    return [f"learner-{i:03d}.docx", learner, "Asha", "monitoring", "met", "03/02/2025", comment]


def csv_text(rows: list[list[object]]) -> str:
    lines = [",".join(HEADER)] + [",".join(f'"{v}"' for v in row) for row in rows]
    return "\r\n".join(lines) + "\r\n"


# --- encodings ------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_csv_encodings_excel_writes_are_read(
    tmp_path: Path, pack: Pack, db_url: str, files: dict[str, str], encoding: str
) -> None:
    sheet = tmp_path / "term.csv"
    sheet.write_text(csv_text([decision(learner="Zoë O’Brien")]), encoding=encoding)
    result = record_decisions(db_url, sheet, pack)
    assert not result.rejected
    assert [a.learner for a in result.accepted] == ["Zoë O’Brien"]


def test_a_utf16_sheet_with_wrong_headers_names_its_encoding_not_nul_garbage(
    tmp_path: Path,
) -> None:
    sheet = tmp_path / "odd.csv"
    sheet.write_text("File,Who\r\nx.docx,Jo\r\n", encoding="utf-16")
    with pytest.raises(DecisionFileError) as refused:
        read_sheet(sheet)
    message = str(refused.value)
    assert message.startswith("odd.csv (read as UTF-16): missing column(s) Learner, Assessor")
    assert "the header row has 'File', 'Who'" in message and "\x00" not in message


def test_utf16_without_a_byte_order_mark_is_refused(tmp_path: Path) -> None:
    sheet = tmp_path / "nobom.csv"
    sheet.write_bytes(csv_text([decision()]).encode("utf-16-le"))
    with pytest.raises(DecisionFileError, match=r"nobom\.csv: the file holds NUL bytes"):
        read_sheet(sheet)


def test_bytes_that_are_neither_utf8_nor_windows_1252_are_refused(tmp_path: Path) -> None:
    sheet = tmp_path / "odd.csv"
    sheet.write_bytes(csv_text([decision()]).encode() + b"\x81\xff\r\n")
    with pytest.raises(DecisionFileError, match=r"not readable as Windows-1252 \(byte \d+\)"):
        read_sheet(sheet)


def test_a_bom_that_lies_is_refused(tmp_path: Path) -> None:
    sheet = tmp_path / "liar.csv"
    sheet.write_bytes(codecs.BOM_UTF8 + csv_text([decision()]).encode() + b"\xff\r\n")
    with pytest.raises(DecisionFileError, match="not readable as UTF-8 with BOM"):
        read_sheet(sheet)


# --- records and row numbers ----------------------------------------------------------


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x0c", "\x0b", "\x85", "\r\n"])
def test_a_line_separator_inside_a_field_stays_in_it_and_rows_keep_excels_numbers(
    tmp_path: Path, pack: Pack, db_url: str, files: dict[str, str], separator: str
) -> None:
    sheet = tmp_path / "term.csv"
    rows = [decision(0, f"first{separator}second"), decision(1, "fine"), decision(2, "bad")]
    rows[2][4] = "fail"  # an unknown verdict on the fourth row Excel shows
    sheet.write_text(csv_text(rows), encoding="utf-8", newline="")
    result = record_decisions(db_url, sheet, pack)
    assert [(a.row, a.comment) for a in result.accepted] == [(2, "first second"), (3, "fine")]
    assert [(r.row, r.problems[0].problem) for r in result.rejected] == [
        (4, Problem.UNKNOWN_VERDICT)
    ]


def test_a_field_over_128_kib_is_a_row_error_and_the_other_rows_are_stored(
    tmp_path: Path, pack: Pack, db_url: str, files: dict[str, str]
) -> None:
    limit = sheet_module.MAX_FIELD_CHARS
    sheet = write_csv(
        tmp_path / "term.csv",
        [decision(0, "x" * (limit + 1)), decision(1, "y" * limit), decision(2, "ok")],
    )
    result = record_decisions(db_url, sheet, pack)
    assert [a.row for a in result.accepted] == [3, 4]
    (rejected,) = result.rejected
    assert rejected.row == 2
    assert (
        rejected.reason
        == "field too long: Comment holds 131,073 characters; a field may hold 131,072"
    )
    assert len(rejected.values["comment"]) <= 200


# --- Excel dates ----------------------------------------------------------------------


def test_an_excel_number_that_is_no_date_is_a_row_error(
    tmp_path: Path, pack: Pack, db_url: str, files: dict[str, str]
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for who, serial in enumerate((45700, 45701, 45702, 45703, 45704)):  # Excel's day numbers
        sheet.append(["learner-000.docx", "Jo", f"Assessor {who}", "monitoring", "met", serial])
    sheet.append(["learner-001.docx", "Al", "Asha", "monitoring", "met", 20251001])
    sheet.append(["learner-002.docx", "Di", "Asha", "monitoring", "met", -3])
    path = tmp_path / "dates.xlsx"
    book.save(path)
    result = record_decisions(db_url, path, pack, dry_run=True)
    reasons = {r.row: r.reason for r in result.rejected}
    assert reasons == {
        7: "bad date: 20251001 is not a date; write it as 31/03/2025 or 2025-03-31",
        8: "bad date: -3 is not a date; write it as 31/03/2025 or 2025-03-31",
    }
    assert [a.decided_on.isoformat() for a in result.accepted][:2] == ["2025-02-12", "2025-02-13"]


def test_a_date_formatted_cell_out_of_excels_range_is_a_row_error(
    tmp_path: Path, pack: Pack, db_url: str, files: dict[str, str]
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    sheet.append(["learner-000.docx", "Jo", "Asha", "monitoring", "met", 20251001, ""])
    sheet.cell(row=2, column=6).number_format = "DD/MM/YYYY"
    path = tmp_path / "dates.xlsx"
    book.save(path)
    result = record_decisions(db_url, path, pack, dry_run=True)
    assert [(r.row, r.problems[0].problem) for r in result.rejected] == [(2, Problem.BAD_DATE)]


# --- the row cap, counted while streaming ---------------------------------------------


def test_more_rows_than_the_cap_is_refused_with_the_row_it_stopped_at(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sheet_module, "MAX_DATA_ROWS", 5)
    five = write_csv(tmp_path / "five.csv", [decision(i) for i in range(5)])
    assert len(read_sheet(five)) == 5
    six = write_csv(tmp_path / "six.csv", [decision(i) for i in range(5)] + [[], decision(9)])
    with pytest.raises(DecisionFileError) as refused:
        read_sheet(six)
    assert str(refused.value) == (
        "six.csv: more than 5 rows of decisions (row 8); split the sheet into smaller ones "
        "and record each"
    )


def _workbook_damaged_after(path: Path, rows: int) -> None:
    """A workbook of `rows` decision rows whose sheet XML is cut off after them."""
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for i in range(rows):
        sheet.append(decision(i))
    book.save(buffer)
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: data.index(b"</sheetData>")] + b"<row r="  # never finished
            target.writestr(item, data)


def test_an_xlsx_is_streamed_and_the_cap_stops_it_before_the_rest_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "long.xlsx"
    _workbook_damaged_after(path, 2_000)  # the damage lies well past the parser's first read
    with pytest.raises(DecisionFileError, match=r"long\.xlsx: not a readable \.xlsx workbook"):
        read_sheet(path)  # read to the end, it is damaged
    monkeypatch.setattr(sheet_module, "MAX_DATA_ROWS", 5)
    with pytest.raises(DecisionFileError, match=r"more than 5 rows of decisions \(row 7\)"):
        read_sheet(path)  # the cap is passed before the damage is reached


# --- pre-flight: the portfolios' checks -----------------------------------------------


def test_a_workbook_gets_the_portfolio_preflight(tmp_path: Path) -> None:
    pdf = tmp_path / "renamed.xlsx"
    pdf.write_bytes(b"%PDF-1.7 not a workbook")
    with pytest.raises(DecisionFileError, match=r"renamed\.xlsx: This is a PDF"):
        read_sheet(pdf)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (8 * 1024**2))
    with pytest.raises(DecisionFileError, match=r"bomb\.xlsx: The file is damaged or too large"):
        read_sheet(bomb)


def test_a_csv_that_is_not_text_or_too_large_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook = tmp_path / "really-a-workbook.csv"
    openpyxl.Workbook().save(tmp_path / "w.xlsx")
    workbook.write_bytes((tmp_path / "w.xlsx").read_bytes())
    with pytest.raises(DecisionFileError, match="this is a workbook or other zip file, not a CSV"):
        read_sheet(workbook)
    old = tmp_path / "old.csv"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(DecisionFileError, match=r"old\.csv: this is an old \.xls file"):
        read_sheet(old)
    monkeypatch.setattr(sheet_module, "MAX_FILE_BYTES", 100)
    big = write_csv(tmp_path / "big.csv", [decision(i) for i in range(5)])
    with pytest.raises(DecisionFileError, match=r"big\.csv: the file is too large"):
        read_sheet(big)
