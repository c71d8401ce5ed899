"""Annotated copies: the comments are really in the saved file; the original is untouched."""

from __future__ import annotations

import hashlib
import zipfile

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from marker.outputs import OutputError
from marker.report.annotate import annotate
from marker.rules.loader import load_pack
from marker.run import mark_file
from tests.conftest import PORTFOLIOS
from tests.strict import to_strict


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _comments_by_anchor(path) -> dict[str, str]:
    """Each comment's text by the text of the paragraph it is anchored on."""
    document = docx.Document(str(path))
    texts = {c.comment_id: c.text for c in document.comments}
    anchored: dict[str, str] = {}
    for paragraph in document.paragraphs + [
        p for t in document.tables for row in t.rows for cell in row.cells for p in cell.paragraphs
    ]:
        for start in paragraph._p.iter(qn("w:commentRangeStart")):
            anchored[texts[int(start.get(qn("w:id")))]] = paragraph.text
    return anchored


def test_docx_copy_holds_every_action_on_the_text_it_concerns(tmp_path):
    source = PORTFOLIOS / "mixed_plan_in_prose.docx"
    before = _sha(source)
    marking = mark_file(source, load_pack())
    out = tmp_path / "marked.docx"
    count = annotate(source, marking, out)
    assert _sha(source) == before
    anchored = _comments_by_anchor(out)
    assert len(anchored) == count > 3
    everything = "\n".join(anchored)
    # every action of every point is there, none cut off; no evidence labels by default
    for point in marking.marking_points:
        assert all(step in everything for step in point.feedback), point.id
    assert "Evidence for" not in everything
    # an objective's actions sit on the objective's own words, not on a heading
    objective = next(o for o in marking.objectives if f"Objective {o.number} (" in everything)
    on_it = [
        text for comment, text in anchored.items() if f"Objective {objective.number} (" in comment
    ]
    assert on_it and all(objective.text[:30] in text for text in on_it)
    headings = {
        p.text for p in docx.Document(str(out)).paragraphs if p.style.name.startswith("Heading")
    }
    assert not set(anchored.values()) & headings
    assert not any(f"({f.id})" in comment for f in marking.findings for comment in anchored)
    with zipfile.ZipFile(out) as archive:
        body = archive.read("word/document.xml").decode()
    assert body.count("<w:commentRangeStart") == count
    assert body.count("<w:commentReference") == count


def test_evidence_labels_only_when_asked_for(tmp_path):
    source = PORTFOLIOS / "mixed_plan_in_prose.docx"
    marking = mark_file(source, load_pack())
    out = tmp_path / "marked.docx"
    annotate(source, marking, out, evidence=True)
    assert any(t.startswith("Evidence for Self-assessment") for t in _comments_by_anchor(out))


def test_xlsx_copy_holds_cell_comments(tmp_path):
    source = PORTFOLIOS / "strong_workbook_plan_second_sheet.xlsx"
    before = _sha(source)
    marking = mark_file(source, load_pack())
    out = tmp_path / "marked.xlsx"
    assert annotate(source, marking, out, evidence=True) > 5
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


@pytest.mark.parametrize(
    "name", ["mixed_plan_in_prose.docx", "strong_workbook_plan_second_sheet.xlsx"]
)
def test_a_strict_open_xml_file_gets_its_commented_copy(tmp_path, name):
    source = tmp_path / f"strict-{name}"
    source.write_bytes(to_strict((PORTFOLIOS / name).read_bytes()))
    marking = mark_file(source, load_pack())
    out = tmp_path / f"marked-{name}"
    assert annotate(source, marking, out, evidence=True) > 0
    if name.endswith(".docx"):
        assert docx.Document(str(out)).comments
    else:
        book = openpyxl.load_workbook(out)
        assert any(c.comment for ws in book.worksheets for row in ws.iter_rows() for c in row)
