"""`marker audit` end to end: engine markings in, decisions in, reports out."""

from __future__ import annotations

import json
from pathlib import Path

import click
import openpyxl
import pytest
from click.testing import CliRunner

from marker.audit.cli import audit
from marker.audit.scheme import ENGINE, Pack
from marker.audit.store import record_markings
from marker.cli import main
from tests.audit.conftest import engine_marking, simulate_term, write_csv

AS_OF = ["--as-of", "2025-12-01"]


@pytest.fixture
def term_db(tmp_path: Path, pack: Pack, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database holding the engine's markings of a simulated term; returns the sheet."""
    monkeypatch.setenv("MARKER_DB", db_url)
    term = simulate_term(tmp_path / "subs", portfolios=24)
    markings = tmp_path / "markings.jsonl"
    lines = [json.dumps(engine_marking(n, term.files[n], v)) for n, v in term.engine.items()]
    markings.write_text("\n".join(lines[:12]) + "\n")
    result = CliRunner().invoke(audit, ["markings", str(markings)])
    assert result.exit_code == 0, result.output
    assert "stored 48 engine verdict(s) from 12 marking(s)" in result.output
    record_markings(db_url, [json.loads(line) for line in lines[12:]])
    return write_csv(tmp_path / "subs" / "term.csv", term.rows)


def test_audit_is_part_of_marker_and_every_command_has_an_example() -> None:
    assert main.get_command(click.Context(main), "audit") is audit
    for name, command in audit.commands.items():
        assert "Example" in (command.help or ""), name


def test_record_then_report_json(term_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(audit, ["record", str(term_db), "--by", "iqa.lead"])
    assert result.exit_code == 0, result.output
    assert "stored" in result.output and "rejected 0" in result.output

    result = runner.invoke(audit, ["report", "--format", "json", *AS_OF])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["raters"][0] == ENGINE and data["portfolios"] == 24
    overall = data["overall"]
    pair = next(p for p in overall["pairs"] if p["raters"] == [ENGINE, "Asha"])
    assert pair["kappa"]["value"] is not None and pair["kappa"]["n"] == 4 * pair["portfolios"]
    assert {"percent_agreement", "quadratic_weighted_kappa", "confusion"} <= pair.keys()
    assert {"alpha_nominal", "alpha_ordinal", "percent_agreement"} <= overall.keys()
    points = {s["id"]: s for s in data["marking_points"]}
    assert set(points) == {"self-assessment", "smart-objectives", "development-plan", "monitoring"}
    monitoring = points["monitoring"]
    assert monitoring["portfolios"] == 24
    assert any(p["raters"] == ["Asha", "Ben"] for p in monitoring["pairs"])
    assert data["sampling_plan"] and data["sampling_plan"][0]["sample"][0]["reason"]


def test_report_html_and_xlsx(term_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(audit, ["record", str(term_db)])
    html_path, xlsx_path = tmp_path / "report.html", tmp_path / "report.xlsx"
    assert runner.invoke(audit, ["report", "-o", str(html_path), *AS_OF]).exit_code == 0
    page = html_path.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and '<html lang="en">' in page
    assert '<svg role="img"' in page and "Agreement with the engine by assessor" in page
    assert "What to sample first" in page and "Evidence for" in page  # the engine's quotes
    assert "<script" not in page and "src=" not in page and 'href="http' not in page

    result = runner.invoke(audit, ["report", "-o", str(xlsx_path), *AS_OF])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(xlsx_path)
    assert book.sheetnames == ["Summary", "Pairs", "Assessors", "Disagreements", "Sampling plan"]
    assessors = book["Assessors"]
    assert assessors.freeze_panes == "A2" and assessors.auto_filter.ref
    assert [c.value for c in assessors["A"]][1:] == ["Asha", "Ben", "Cara"]
    assert len(assessors._charts) == 1 and len(book["Summary"]._charts) == 1
    assert book["Disagreements"].max_row > 1

    text = runner.invoke(audit, ["report", *AS_OF])
    assert "sample" in text.output and "why:" in text.output
    assert runner.invoke(audit, ["report", "-o", str(tmp_path / "r.pdf")]).exit_code != 0


def test_bad_rows_are_listed_exit_1_and_good_rows_still_count(
    term_db: Path, tmp_path: Path
) -> None:
    bad = write_csv(
        tmp_path / "bad.csv",
        [
            ["learner-000.docx", "Jo", "Dee", "monitoring", "met", "03/02/2025", ""],
            ["learner-000.docx", "Jo", "Dee", "monitorin", "met", "03/02/2025", ""],
            ["nowhere.docx", "Jo", "Dee", "monitoring", "fail", "03/02/2025", ""],
        ],
    )
    rejects = tmp_path / "fix.csv"
    result = CliRunner().invoke(audit, ["record", str(bad), "--rejects", str(rejects)])
    assert result.exit_code == 1
    assert "stored 1 decision(s), rejected 2" in result.output
    assert "row 3: unknown marking point" in result.output
    assert "row 4: unknown verdict: 'fail'" in result.output and "file not found" in result.output
    assert len(rejects.read_text(encoding="utf-8-sig").splitlines()) == 3

    status = CliRunner().invoke(audit, ["status"])
    assert "assessors: Dee" in status.output and "bad.csv by" in status.output
    history = CliRunner().invoke(audit, ["history", "learner-000.docx"])
    assert "monitoring Dee: met" in history.output and "monitoring engine:" in history.output


def test_missing_columns_and_missing_pack_are_clear_errors(
    term_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "odd.csv"
    sheet.write_text("File,Who\nx.docx,Jo\n")
    result = CliRunner().invoke(audit, ["record", str(sheet)])
    assert result.exit_code == 1 and "missing column(s)" in result.output
    result = CliRunner().invoke(audit, ["report", "--pack", "no-such-pack"])
    assert result.exit_code == 1 and "rule pack 'no-such-pack' not found" in result.output


def test_template_command_writes_xlsx(tmp_path: Path, pack: Pack) -> None:
    out = tmp_path / "t.xlsx"
    result = CliRunner().invoke(audit, ["template", str(out)])
    assert result.exit_code == 0 and out.exists()


def test_the_audit_demo_runs_on_the_fixtures(tmp_path: Path):
    """`make audit-demo`: the engine marks the fixtures, a term's decisions go in, and the
    report names every assessor and what to sample."""
    import importlib.util

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location(
        "generate_decisions", root / "fixtures" / "generate_decisions.py"
    )
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    sheet = root / "fixtures" / "decisions" / "2025.csv"
    assert sheet.read_text(encoding="utf-8") == generator.render()  # committed and current

    db = f"sqlite:///{tmp_path / 'audit.db'}"
    runner = CliRunner()
    portfolios = str(root / "fixtures" / "portfolios")
    marked = runner.invoke(main, ["batch", portfolios, "-o", str(tmp_path / "g.jsonl"), "--db", db])
    assert marked.exit_code == 0, marked.output
    recorded = runner.invoke(
        audit, ["record", str(sheet), "--portfolios", portfolios, "--db", db, "--by", "test"]
    )
    assert recorded.exit_code == 0, recorded.output
    report = runner.invoke(audit, ["report", "--format", "json", "--db", db, *AS_OF])
    assert report.exit_code == 0, report.output
    text = report.output
    assert all(name in text for name in generator.ASSESSORS)
