"""No formula from data: text that starts like a formula stays text in every spreadsheet and
CSV the tool writes (grid, its CSV form, audit report, decisions template, annotated copy)."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from marker.cells import FORMULA_STARTS
from marker.cli import main
from marker.resources import rules_dir
from tests.audit.conftest import HEADER, PACK_YAML
from tests.hostile import CASES

FORMULA_CASES = {c.name: c for c in CASES if c.name in ("=HYPERLINK(1).docx", "formula-text.xlsx")}
LINK = '=HYPERLINK("http://example.invalid","Jo")'


def invoke(*args: str) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, (result.output, result.exception)


def formula_cells(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path)
    return [
        f"{sheet.title}!{cell.coordinate}={cell.value!r}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def text_cells(path: Path, sheet: str) -> list[str]:
    rows = openpyxl.load_workbook(path)[sheet].iter_rows()
    return [c.value for row in rows for c in row if c.data_type == "s"]


def csv_fields(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [field for row in csv.reader(handle) for field in row]


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    """A submissions folder holding the formula cases, marked into xlsx, csv and jsonl."""
    root = tmp_path_factory.mktemp("formulas")
    (root / "in").mkdir()
    for name, case in FORMULA_CASES.items():
        (root / "in" / name).write_bytes(case.build())
    for out in ("grid.xlsx", "grid.csv", "grid.jsonl"):
        invoke("batch", str(root / "in"), "-o", str(root / "out" / out), "--jobs", "1")
    return root


def test_the_batch_grid_keeps_formula_text_as_text(work):
    grid = work / "out" / "grid.xlsx"
    assert formula_cells(grid) == []
    assert "=HYPERLINK(1).docx" in text_cells(grid, "Summary")
    quotes = text_cells(grid, "Evidence") + text_cells(grid, "Objectives")
    assert any(q.startswith('=HYPERLINK("http://example.invalid"') for q in quotes)
    assert any(q.startswith("=1+1") for q in quotes)  # a leading tab or CR trimmed by parsing
    assert any(q.startswith(("+1", "-2+3", "@SUM")) for q in quotes)


def test_the_csv_grid_neutralises_formula_fields(work):
    written = sorted((work / "out").glob("grid*.csv"))
    assert len(written) == 5
    fields = [field for path in written for field in csv_fields(path)]
    assert [f for f in fields if f.startswith(FORMULA_STARTS)] == []
    assert "'=HYPERLINK(1).docx" in fields
    assert any(f.startswith("'@SUM(A1)") for f in fields)


def test_the_audit_report_keeps_names_and_comments_as_text(work, tmp_path):
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    invoke("audit", "markings", str(work / "out" / "grid.jsonl"), "--db", db)
    decisions = tmp_path / "decisions.csv"
    with decisions.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for point in ("self-assessment", "smart-objectives", "development-plan", "monitoring"):
            writer.writerow(["=HYPERLINK(1).docx", LINK, "@SUM(A1)", point, "met", "01/10/2025"])
            writer.writerow(
                ["formula-text.xlsx", "+1", "\t=1+1", point, "not met", "02/10/2025", "-2+3"]
            )
    invoke("audit", "record", str(decisions), "--portfolios", str(work / "in"), "--db", db)
    report = tmp_path / "report.xlsx"
    invoke("audit", "report", "-o", str(report), "--as-of", "2025-12-01", "--db", db)
    assert formula_cells(report) == []
    sampled = text_cells(report, "Sampling plan") + text_cells(report, "Disagreements")
    assert {"=HYPERLINK(1).docx", LINK} <= set(sampled)
    assert "=1+1" in text_cells(report, "Assessors")


def test_the_decisions_template_keeps_pack_titles_as_text(tmp_path, monkeypatch):
    rules = tmp_path / "rules"
    rules.mkdir()
    hostile = PACK_YAML.replace("Self-assessment against career goals", "'=SUM(1)+@A1'")
    (rules / "contact-centre-pdp.yaml").write_text(hostile, encoding="utf-8")
    monkeypatch.setenv("MARKER_RULES_DIR", str(rules))
    rules_dir.cache_clear()
    try:
        invoke("audit", "template", "-o", str(tmp_path / "t.xlsx"))
        invoke("audit", "template", str(tmp_path / "t.csv"))
    finally:
        rules_dir.cache_clear()
    assert formula_cells(tmp_path / "t.xlsx") == []
    assert "=SUM(1)+@A1" in text_cells(tmp_path / "t.xlsx", "Lists")
    assert [f for f in csv_fields(tmp_path / "t.csv") if f.startswith(FORMULA_STARTS)] == []


def test_the_annotated_workbook_keeps_the_learners_cells_and_adds_only_text(work, tmp_path):
    source = work / "in" / "formula-text.xlsx"
    out = tmp_path / "annotated.xlsx"
    invoke("check", str(source), "--annotate", str(out))

    def cells(book):
        return {
            (s.title, c.coordinate): (c.value, c.data_type)
            for s in book.worksheets
            for row in s.iter_rows()
            for c in row
        }

    annotated = openpyxl.load_workbook(out)
    assert cells(annotated) == cells(openpyxl.load_workbook(source))
    assert any(c.comment for s in annotated.worksheets for row in s.iter_rows() for c in row)
    assert formula_cells(out) == []
