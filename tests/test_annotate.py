"""Annotated copies: the comments are really in the saved file; the original is untouched."""

from __future__ import annotations

import hashlib
import zipfile

import docx
import openpyxl
import pytest

from marker.outputs import OutputError
from marker.report.annotate import annotate
from marker.rules.loader import load_pack
from marker.run import mark_file
from tests.conftest import PORTFOLIOS


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_docx_copy_holds_comments_at_evidence_and_gaps(tmp_path):
    source = PORTFOLIOS / "mixed_plan_in_prose.docx"
    before = _sha(source)
    marking = mark_file(source, load_pack())
    out = tmp_path / "marked.docx"
    count = annotate(source, marking, out)
    assert _sha(source) == before
    comments = [c.text for c in docx.Document(str(out)).comments]
    assert len(comments) == count > 5
    assert any(t.startswith("Evidence for Self-assessment") for t in comments)
    gaps = [p for p in marking.marking_points if p.verdict != "met"]
    assert all(any(t.startswith(p.title) for t in comments) for p in gaps)
    with zipfile.ZipFile(out) as archive:
        body = archive.read("word/document.xml").decode()
    assert body.count("<w:commentRangeStart") == count
    assert body.count("<w:commentReference") == count


def test_xlsx_copy_holds_cell_comments(tmp_path):
    source = PORTFOLIOS / "strong_workbook_plan_second_sheet.xlsx"
    before = _sha(source)
    marking = mark_file(source, load_pack())
    out = tmp_path / "marked.xlsx"
    assert annotate(source, marking, out) > 5
    assert _sha(source) == before
    book = openpyxl.load_workbook(out)
    commented = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.comment]
    assert any("Evidence for" in c.comment.text for c in commented)
    cited = next(
        cit for p in marking.marking_points for cit in p.evidence if "cell " in cit.locator
    )
    sheet, cell = (
        cited.locator.split("', cell ")[0][7:],
        cited.locator.split("cell ")[1].split(",")[0],
    )
    assert book[sheet][cell].comment is not None


def test_the_original_is_never_overwritten():
    source = PORTFOLIOS / "mixed_plan_in_prose.docx"
    with pytest.raises(OutputError):
        annotate(source, mark_file(source, load_pack()), source)
