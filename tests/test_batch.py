"""Batch runs: isolated workers, error rows, journal and resume."""

from __future__ import annotations

import json
import os
import shutil
import time

import pytest

from marker.batch import Workers, find_files, marking, read_journal
from marker.rules.loader import load_pack
from tests.conftest import fixture_files, quiet_batch

LOADED = load_pack()
PACK = {"id": LOADED.pack.id, "version": LOADED.pack.version, "sha256": LOADED.sha256}


def run(paths, out, resume=False, workers=None, jobs=2):
    lines = []

    def show(text, bar):
        if not bar:
            lines.append(text)

    summary = quiet_batch(paths, out, jobs=jobs, resume=resume, workers=workers, show=show)
    return summary, lines


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "submissions"
    (root / "cohort").mkdir(parents=True)
    for path in fixture_files()[:3]:
        shutil.copy(path, root / "cohort" / path.name)
    (root / "broken.docx").write_bytes(b"not a zip at all")
    (root / "notes.md").write_text("skipped: not a portfolio")
    return root


def test_folders_are_searched_recursively_and_named_relative_to_them(folder):
    paths = [t.path for t in find_files([str(folder)]).tasks]
    assert paths == ["broken.docx", *sorted(f"cohort/{p.name}" for p in fixture_files()[:3])]


def test_a_bad_file_is_an_error_row_and_the_others_are_marked(folder, tmp_path):
    out = tmp_path / "grid.jsonl"
    summary, lines = run([folder], out)
    assert (summary.marked, summary.errors, summary.skipped["other"]) == (3, 1, 1)
    records = {r["path"]: r for r in read_journal(out)}
    assert records["broken.docx"]["error"]["code"] == "not-office-file"
    assert records["broken.docx"]["error"]["message"]
    assert all("marking_points" in r for path, r in records.items() if path != "broken.docx")
    assert lines[-1].startswith("4/4 files, 1 errors")


def test_resume_skips_files_already_marked_with_the_same_content(folder, tmp_path):
    out = tmp_path / "grid.jsonl"
    run([folder], out)
    with out.open("a") as journal:
        journal.write('{"file": "cut short by a cra')  # a crash mid-line loses only that line
    changed = folder / "cohort" / fixture_files()[0].name
    shutil.copy(fixture_files()[5], changed)
    summary, _ = run([folder], out, resume=True)
    assert summary.already == 2  # unchanged, already marked
    assert summary.marked == 1 and summary.errors == 1  # changed file, and the error again
    assert len(read_journal(out)) == 4  # one record per file: the retries superseded the old


def _crash_on(name, how):
    real = marking.mark_task

    def mark(job, pack_id):
        if job.task.name.endswith(name):
            how()
        return real(job, pack_id)

    return mark


def test_a_worker_that_dies_costs_only_its_file(folder, tmp_path, monkeypatch):
    victim = fixture_files()[1].name
    monkeypatch.setattr(marking, "mark_task", _crash_on(victim, lambda: os._exit(9)))
    summary, _ = run([folder], tmp_path / "grid.jsonl", workers=Workers(2, PACK["id"]))
    records = {r["path"]: r for r in read_journal(tmp_path / "grid.jsonl")}
    assert records[f"cohort/{victim}"]["error"]["code"] == "worker-died"
    assert summary.marked == 2 and summary.errors == 2


def test_a_file_that_overruns_is_stopped_and_reported(folder, tmp_path, monkeypatch):
    victim = fixture_files()[2].name
    monkeypatch.setattr(marking, "mark_task", _crash_on(victim, lambda: time.sleep(60)))
    workers = Workers(2, PACK["id"], seconds=2.0)
    summary, _ = run([folder], tmp_path / "grid.jsonl", workers=workers)
    records = {r["path"]: r for r in read_journal(tmp_path / "grid.jsonl")}
    assert records[f"cohort/{victim}"]["error"]["code"] == "timeout"
    assert summary.marked == 2


def test_an_internal_error_is_an_error_row(folder, tmp_path, monkeypatch):
    def boom():
        raise RuntimeError("bug")

    monkeypatch.setattr(marking, "mark_task", _crash_on(fixture_files()[0].name, boom))
    run([folder], tmp_path / "grid.jsonl", jobs=1)
    codes = [r.get("error", {}).get("code") for r in read_journal(tmp_path / "grid.jsonl")]
    assert codes.count("internal-error") == 1


def test_batch_markings_equal_check_markings(folder, tmp_path):
    from marker.run import mark_file

    run([folder], tmp_path / "grid.jsonl")
    path = fixture_files()[0]
    record = next(r for r in read_journal(tmp_path / "grid.jsonl") if r["file"].endswith(path.name))
    expected = mark_file(path, LOADED).model_dump(mode="json")
    expected["path"] = f"cohort/{path.name}"
    assert json.dumps(record, sort_keys=True) == json.dumps(expected, sort_keys=True)
