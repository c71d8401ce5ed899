"""The hostile corpus: every file gets its expected outcome, small and silent."""

from __future__ import annotations

import pytest

from marker.batch import read_journal
from tests.conftest import fixture_files, quiet_batch
from tests.hostile import CASES, SECRET, probe, write_corpus

# Time is reported by `python tests/hostile.py DIR`, not asserted: a test checks
# behaviour, and this shared machine's speed varies too much to assert on.
PEAK_MB = 200


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    return folder, write_corpus(folder)


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_file_gets_its_outcome_small_and_without_leaking(corpus, case):
    folder, _ = corpus
    outcome = probe(folder / case.name)
    assert outcome["code"] == case.expected, outcome
    assert outcome["peak_mb"] < (case.peak_mb or PEAK_MB), outcome
    assert outcome["network"] == 0
    assert SECRET not in outcome["message"] and "passwd" not in outcome["message"]
    assert case.name not in outcome["message"]  # plain words, not internals


def test_a_batch_over_the_corpus_and_the_fixtures_marks_every_good_file(corpus, tmp_path):
    written, _ = corpus
    folder = tmp_path / "submissions"
    folder.mkdir()
    batched = [case for case in CASES if case.batch]
    for path in [written / case.name for case in batched] + fixture_files():
        (folder / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "grid.jsonl"
    quiet_batch(folder, out, seconds=30.0)
    records = {r["path"]: r for r in read_journal(out)}
    # every file is one row, refused ones (.docm, .xlsb, .doc...) included
    expected = {c.name: c.expected for c in batched}
    assert len(read_journal(out)) == len(records) == len(expected) + len(fixture_files())
    for path in fixture_files():
        assert "marking_points" in records[path.name], records[path.name]
    for name, code in expected.items():
        got = records[name].get("error", {}).get("code", "ok")
        assert got == code, (name, records[name])
