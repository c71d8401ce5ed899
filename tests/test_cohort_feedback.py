"""`marker batch --feedback DIR`: every learner's page and commented copy, safely named,
linked from the grid."""

from __future__ import annotations

import docx
import openpyxl
from click.testing import CliRunner

from marker.cli import main
from marker.report.cohort import feedback_stem
from tests.conftest import PORTFOLIOS


def test_a_cohort_gets_every_learners_page_and_commented_copy(tmp_path):
    for folder, name in (("a", "mixed_plan_in_prose.docx"), ("b", "weak_hobbies_no_kpi.docx")):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "same.docx").write_bytes((PORTFOLIOS / name).read_bytes())
    grid, feedback = tmp_path / "out" / "grid.xlsx", tmp_path / "out" / "feedback"
    args = ["batch", str(tmp_path / "in/a"), str(tmp_path / "in/b"), "-o", str(grid)]
    result = CliRunner().invoke(main, [*args, "--jobs", "1", "--feedback", str(feedback)])
    assert result.exit_code == 0, result.output
    pages = sorted(p.name for p in feedback.glob("*.html"))
    copies = sorted(p.name for p in feedback.glob("*.docx"))
    assert pages == sorted(f"{feedback_stem(p)}.html" for p in ("a/same.docx", "b/same.docx"))
    assert len(copies) == 2 and all(docx.Document(str(feedback / c)).comments for c in copies)
    summary = openpyxl.load_workbook(grid)["Summary"]
    links = [row[-1].hyperlink.target for row in summary.iter_rows(min_row=3)]
    assert sorted(links) == sorted(f"feedback/{page}" for page in pages)


def test_feedback_names_are_safe_and_never_collide():
    hostile = ["../../etc/passwd.docx", "a/b.docx", "a__b.docx", "<img src=x>.docx", "é.docx"]
    stems = [feedback_stem(path) for path in hostile]
    assert len(set(stems)) == len(stems)
    assert all("/" not in s and ".." not in s and "<" not in s for s in stems)
