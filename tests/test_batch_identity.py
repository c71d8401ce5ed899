"""Nothing lost, nothing injected: every file is one row under its own path, across resumes."""

from __future__ import annotations

import csv
import json

import docx
import pytest
from click.testing import CliRunner

from marker import batch
from marker.batch import Workers, latest_per_file, read_journal, write_journal
from marker.cli import main
from marker.rules.loader import load_pack
from tests.conftest import quiet_batch

PACK = load_pack().ref().model_dump()


def portfolio(path, text="I will reduce my AHT from 7:30 to 6:00 by 31/03/2026."):
    path.parent.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


def run(paths, out, resume=False, workers=None):
    return quiet_batch(paths, out, jobs=1, resume=resume, workers=workers)


@pytest.fixture
def two_folders(tmp_path):
    portfolio(tmp_path / "in" / "a" / "same.docx")
    portfolio(tmp_path / "in" / "b" / "same.docx", "I will raise my CSAT to 90% by 30/06/2026.")
    return [tmp_path / "in" / "a", tmp_path / "in" / "b"]


def test_two_files_of_one_name_are_two_rows_and_resume_marks_neither_again(two_folders, tmp_path):
    out = tmp_path / "grid.jsonl"
    summary = run(two_folders, out)
    assert summary.marked == 2
    records = read_journal(out)
    assert [(r["file"], r["path"]) for r in records] == [
        ("same.docx", "a/same.docx"),
        ("same.docx", "b/same.docx"),
    ]
    assert records[0]["file_sha256"] != records[1]["file_sha256"]
    again = run(two_folders, out, resume=True)
    assert (again.marked, again.errors, again.already) == (0, 0, 2)
    assert read_journal(out) == records


def test_resume_marks_a_path_again_when_its_content_changed(two_folders, tmp_path):
    out = tmp_path / "grid.jsonl"
    run(two_folders, out)
    portfolio(two_folders[1] / "same.docx", "I will cut my AHT to 5:00 by 31/12/2026.")
    again = run(two_folders, out, resume=True)
    assert (again.marked, again.already) == (1, 1)
    records = {r["path"]: r for r in read_journal(out)}
    assert len(records) == 2 and "5:00" in json.dumps(records["b/same.docx"])


def test_refused_files_are_error_rows_made_without_a_worker(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    for name in ("old.doc", "text.odt", "macro.docm", "scan.PDF"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"whatever")
    (folder / ".DS_Store").write_bytes(b"")
    (tmp_path / "secret.docx").write_bytes(b"outside the folder")
    (folder / "link.docx").symlink_to(tmp_path / "secret.docx")
    monkeypatch.setattr(Workers, "_start", lambda self: pytest.fail("a worker was started"))
    out = tmp_path / "grid.jsonl"
    summary = run([folder], out)
    assert (summary.marked, summary.errors, summary.skipped["system"]) == (0, 5, 1)
    records = {r["path"]: r for r in read_journal(out)}
    assert {path: r["error"]["code"] for path, r in records.items()} == {
        "link.docx": "link-outside",
        "macro.docm": "macro-enabled",
        "old.doc": "legacy-doc",
        "scan.PDF": "pdf",
        "text.odt": "opendocument",
    }
    assert list(records["old.doc"]) == ["file", "path", "file_sha256", "error"]
    assert "file_sha256" not in records["link.docx"]  # not read, not even to hash it
    assert "save it as .docx" in records["old.doc"]["error"]["message"]


def test_the_summary_line_accounts_for_every_file(tmp_path):
    summary = batch.Summary(marked=2, errors=5, already=0)
    summary.skipped.update({"system": 2, "other": 1})
    summary.written = [tmp_path / "g.csv"]
    assert summary.line(resume=True) == (
        f"marked 2 file(s), 5 error(s), 3 skipped (2 system files, 1 other), "
        f"0 already marked; wrote {tmp_path / 'g.csv'}"
    )
    assert summary.line(resume=False).startswith("marked 2 file(s), 5 error(s), 3 skipped (")
    assert "0 skipped;" in batch.Summary().line(resume=False)


def test_resume_drops_a_torn_last_line_from_the_output(two_folders, tmp_path):
    out = tmp_path / "grid.jsonl"
    run(two_folders, out)
    records = read_journal(out)
    out.write_bytes(out.read_bytes() + b'{"file": "same.docx", "path": "b/sa')
    again = run(two_folders, out, resume=True)
    assert again.already == 2  # nothing marked again
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == records  # and the torn line is gone
    assert not list(tmp_path.glob(".grid.jsonl.*"))  # no temporary file left behind


def test_a_torn_line_anywhere_is_never_read_as_a_record(tmp_path):
    journal = tmp_path / "grid.jsonl"
    error = {"file": "x.docx", "path": "x.docx", "error": {"code": "corrupt", "message": "Bad."}}
    journal.write_bytes(
        b'{"file": "a.docx", "path": "a.docx", "outcome": "met", "pack"\n'  # cut mid-way
        + json.dumps(error).encode()
        + b"\n"
        + '{"file": "caf\u00e9'.encode()[:-1]  # cut inside a character
        + b"\n"
        + b'{"file": "b.docx"}\n'  # parses, but is not a whole record
        + b"[1, 2]\n"
    )
    assert read_journal(journal) == [error]


def test_a_retried_error_supersedes_the_old_one_instead_of_adding_a_row(tmp_path):
    folder = tmp_path / "in"
    portfolio(folder / "good.docx")
    (folder / "broken.docx").write_bytes(b"not a zip at all")
    out = tmp_path / "grid.jsonl"
    run([folder], out)
    for _ in range(2):
        again = run([folder], out, resume=True)
        assert (again.marked, again.errors, again.already) == (0, 1, 1)  # the error is retried
    assert [r["path"] for r in read_journal(out)] == ["broken.docx", "good.docx"]
    portfolio(folder / "broken.docx")  # fixed by the learner
    fixed = run([folder], out, resume=True)
    assert (fixed.marked, fixed.errors) == (1, 0)
    assert all("error" not in r for r in read_journal(out))


def test_the_journal_keeps_the_last_record_of_each_path_and_old_ones_by_name(tmp_path):
    journal = tmp_path / "grid.xlsx.jsonl"
    records = [
        {"file": "x.docx", "path": "x.docx", "error": {"code": "timeout", "message": "Slow."}},
        {"file": "x.docx", "path": "x.docx", "error": {"code": "corrupt", "message": "Bad."}},
        {"file": "old.docx", "error": {"code": "corrupt", "message": "Journal before paths."}},
    ]
    write_journal(journal, latest_per_file(records))
    assert [r["error"]["code"] for r in read_journal(journal)] == ["corrupt", "corrupt"]
    assert [r.get("path") for r in read_journal(journal)] == [None, "x.docx"]


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_cli_batch_of_two_folders_writes_two_rows_and_resume_keeps_them(two_folders, tmp_path):
    out = tmp_path / "g.csv"
    result = invoke("batch", *two_folders, "-o", out, "--jobs", 1)
    assert result.exit_code == 0, result.output
    assert "marked 2 file(s), 0 error(s), 0 skipped; wrote" in result.output
    with out.open(encoding="utf-8-sig") as handle:
        assert [row[0] for row in csv.reader(handle)][1:] == ["a/same.docx", "b/same.docx"]
    resumed = invoke("batch", *two_folders, "-o", out, "--jobs", 1, "--resume")
    assert "marked 0 file(s), 0 error(s), 0 skipped, 2 already marked" in resumed.output
    with out.open(encoding="utf-8-sig") as handle:
        assert len(list(csv.reader(handle))) == 3


@pytest.mark.parametrize("command", [["check"], ["parse"], ["batch", "-o", "g.xlsx"]])
def test_cli_an_empty_folder_is_a_one_line_error(tmp_path, command, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "emptydir").mkdir()
    (tmp_path / "emptydir" / "Thumbs.db").write_bytes(b"")
    result = invoke(command[0], "emptydir", *command[1:])
    assert result.exit_code == 1
    assert result.output == (
        "Error: emptydir/: no .docx or .xlsx files found (1 other file skipped)\n"
    )
    assert not (tmp_path / "g.xlsx").exists()


@pytest.mark.parametrize("command", [["check"], ["parse"], ["batch", "-o", "g.xlsx"]])
def test_cli_a_missing_path_is_a_one_line_error(tmp_path, command, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(command[0], "nope.docx", *command[1:])
    assert (result.exit_code, result.output) == (1, "Error: nope.docx: no such file or folder\n")


def test_cli_check_of_a_pdf_says_why_it_was_refused(tmp_path):
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    result = invoke("check", pdf)
    assert result.exit_code == 1
    assert result.output.startswith("a.pdf: error [pdf] This is a PDF")


def test_cli_check_gives_the_same_paths_as_the_batch(two_folders):
    result = invoke("check", *two_folders, "--format", "json")
    assert result.exit_code == 0, result.output
    markings = json.loads(result.output)
    assert [(m["file"], m["path"]) for m in markings] == [
        ("same.docx", "a/same.docx"),
        ("same.docx", "b/same.docx"),
    ]


def test_cli_batch_follows_links_out_of_the_folder_only_when_told(tmp_path):
    portfolio(tmp_path / "elsewhere" / "x.docx")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.docx").symlink_to(tmp_path / "elsewhere" / "x.docx")
    out = tmp_path / "g.jsonl"
    refused = invoke("batch", tmp_path / "in", "-o", out, "--jobs", 1)
    assert "marked 0 file(s), 1 error(s)" in refused.output
    assert read_journal(out)[0]["error"]["code"] == "link-outside"
    followed = invoke("batch", tmp_path / "in", "-o", out, "--jobs", 1, "--follow-links")
    assert "marked 1 file(s), 0 error(s)" in followed.output
    assert read_journal(out)[0]["path"] == "x.docx"
