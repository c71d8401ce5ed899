"""Outputs: the extension decides the format, inputs are never overwritten, folders are
made or refused before marking, and a run killed mid-write keeps the previous output."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from marker.batch import read_journal
from marker.cli import main
from marker.outputs import BATCH_FORMATS, CHECK_FORMATS, OutputError, format_of, prepare, replacing
from tests.conftest import ROOT, assert_refused, fixture_files


def invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def submissions(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(fixture_files()[0], folder / "learner.docx")
    shutil.copy(next(p for p in fixture_files() if p.suffix == ".xlsx"), folder / "learner.xlsx")
    return folder


def sha(path: Path) -> bytes:
    return path.read_bytes()


@pytest.mark.parametrize(
    ("name", "formats", "requested", "message"),
    [
        (
            "grid.pdf",
            BATCH_FORMATS,
            None,
            "grid.pdf: unknown output type .pdf: use .xlsx, .csv or .jsonl",
        ),
        ("x.csv", BATCH_FORMATS, "xlsx", "x.csv: a .csv file cannot hold --format xlsx"),
        ("grid", BATCH_FORMATS, None, "grid: no extension"),
        ("x.docx", CHECK_FORMATS, "html", "x.docx: unknown output type .docx"),
    ],
)
def test_an_extension_that_does_not_say_the_format_is_assert_refused(
    name, formats, requested, message
):
    with pytest.raises(OutputError, match=message.replace("(", r"\(").replace(".", r"\.")):
        format_of(Path(name), formats, requested)


def test_the_extension_decides_the_format():
    assert format_of(Path("Grid.CSV"), BATCH_FORMATS) == "csv"
    assert format_of(Path("f.html"), CHECK_FORMATS, "html") == "html"
    assert format_of(Path("f.txt"), CHECK_FORMATS) == "text"


def test_a_hard_link_to_an_input_is_an_input(tmp_path, submissions):
    link = tmp_path / "copy.xlsx"
    os.link(submissions / "learner.xlsx", link)
    with pytest.raises(OutputError, match="the same file as"):
        prepare([link], [submissions / "learner.xlsx"])


def test_a_missing_folder_is_made_and_said(tmp_path):
    said = []
    prepare([tmp_path / "a" / "b" / "out.xlsx"], [], say=said.append)
    assert (tmp_path / "a" / "b").is_dir() and said == [f"created folder {tmp_path / 'a' / 'b'}"]


def test_an_output_under_a_file_or_onto_a_folder_is_assert_refused(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        prepare([tmp_path / "file" / "out.xlsx"], [])
    with pytest.raises(OutputError, match="cannot create the folder"):
        prepare([tmp_path / "file" / "sub" / "out.xlsx"], [])
    with pytest.raises(OutputError, match="is a folder"):
        prepare([tmp_path], [])


def test_a_failed_write_keeps_the_previous_output_and_leaves_no_temporary(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("previous")
    with pytest.raises(RuntimeError), replacing(out) as temporary:
        temporary.write_text("half")
        raise RuntimeError("killed")
    assert out.read_text() == "previous" and os.listdir(tmp_path) == ["out.txt"]
    with replacing(out) as temporary:
        temporary.write_text("new")
    assert out.read_text() == "new"
    assert stat.S_IMODE(out.stat().st_mode) & 0o044  # readable like any file, not private


# The grid written in a fresh process that kills itself mid-write: the workbook after a few
# zip entries, a CSV after a few hundred fields.
KILLER = """
import datetime as dt, json, os, signal, sys, zipfile
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from marker.report.grid import write_grid
entries = []
def die_after_three(archive, *args, real=zipfile.ZipFile.writestr, **kwargs):
    real(archive, *args, **kwargs)
    entries.append(1)
    if len(entries) == 3:
        archive.fp.flush()
        os.kill(os.getpid(), signal.SIGKILL)
zipfile.ZipFile.writestr = die_after_three
import marker.cells
fields = []
def die_after_many(value, real=marker.cells.csv_field):
    fields.append(1)
    if len(fields) == 300:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(value)
marker.cells.csv_field = die_after_many
records = [json.loads(line) for line in open(sys.argv[3])]
write_grid(Path(sys.argv[2]), records, pack=records[0]["pack"], run_date=dt.date.today(),
           fmt=Path(sys.argv[2]).suffix[1:])
"""


@pytest.mark.parametrize("name", ["grid.xlsx", "grid.csv"])
def test_killing_the_tool_while_it_writes_the_grid_keeps_the_previous_grid(
    tmp_path, submissions, name
):
    out = tmp_path / name
    assert invoke("batch", submissions, "-o", out, "--jobs", "1").exit_code == 0
    before = {p.name: sha(p) for p in tmp_path.glob("grid*") if p.suffix != ".jsonl"}
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, str(ROOT), str(out), f"{out}.jsonl"], check=False
    )
    assert killed.returncode == -9
    assert {p.name: sha(p) for p in tmp_path.glob("grid*") if p.suffix != ".jsonl"} == before


def test_check_refuses_an_output_that_is_its_input(submissions):
    learner = submissions / "learner.docx"
    before = sha(learner)
    assert_refused(
        invoke("check", learner, "--format", "html", "-o", learner), "unknown output type"
    )
    assert_refused(invoke("check", learner, "--annotate", learner), "is an input file")
    os.link(learner, submissions.parent / "link.docx")
    assert_refused(
        invoke("check", learner, "--annotate", submissions.parent / "link.docx"), "same file"
    )
    assert_refused(
        invoke("check", learner, "--annotate", submissions.parent / "x.xlsx"), "must be a .docx"
    )
    assert sha(learner) == before


def test_check_writes_the_format_its_extension_says_into_a_made_folder(submissions, tmp_path):
    out = tmp_path / "new" / "feedback.html"
    result = invoke("check", submissions / "learner.docx", "-o", out)
    assert result.exit_code == 0, result.output
    assert f"created folder {out.parent}" in result.stderr
    assert out.read_text().lstrip().lower().startswith("<!doctype html")
    assert_refused(invoke("check", submissions / "learner.docx", "-o", tmp_path), "is a folder")


def test_batch_refuses_to_overwrite_an_input_before_marking(submissions, tmp_path):
    learner = submissions / "learner.xlsx"
    before = sha(learner)
    assert_refused(invoke("batch", submissions, "-o", learner), "in/learner.xlsx: is an input file")
    assert_refused(
        invoke("batch", submissions, "-o", tmp_path / "grid.pdf"), "unknown output type .pdf"
    )
    assert sha(learner) == before
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        ["learner.docx", "learner.xlsx"]
    )


def test_a_grid_written_inside_the_folder_it_marks_is_not_marked_next_time(submissions):
    grid = submissions / "grid.xlsx"
    for _ in range(2):
        result = invoke("batch", submissions, "-o", grid, "--jobs", "1")
        assert result.exit_code == 0, result.output
        assert "marked 2 file(s)" in result.stdout
    assert sorted(r["file"] for r in read_journal(Path(f"{grid}.jsonl"))) == [
        "learner.docx",
        "learner.xlsx",
    ]


def test_audit_outputs_take_minus_o_and_their_extension(tmp_path):
    assert invoke("audit", "template", "-o", tmp_path / "a.csv").exit_code == 0
    assert invoke("audit", "template", tmp_path / "b.xlsx").exit_code == 0
    assert (tmp_path / "a.csv").exists() and (tmp_path / "b.xlsx").exists()
    assert_refused(invoke("audit", "template", "x.xlsx", "-o", "y.xlsx"), "give one")
    assert_refused(invoke("audit", "template", "-o", tmp_path / "t.pdf"), "use .xlsx or .csv")
    db = ["--db", f"sqlite:///{tmp_path / 'a.db'}"]
    assert_refused(
        invoke("audit", "report", "-o", tmp_path / "r.html", "--format", "json", *db), "cannot hold"
    )
    result = invoke("audit", "report", "-o", tmp_path / "r.txt", *db)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.txt").read_text(encoding="utf-8").strip() != ""
