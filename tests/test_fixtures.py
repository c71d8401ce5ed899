"""Whole-portfolio tests over the bundled fixtures."""

from __future__ import annotations

import zipfile

import pytest
import yaml
from lxml import etree

from marker.parse import BlockKind, Part, parse_file
from marker.parse.layout import strip_bullet
from tests.conftest import EXPECTATIONS, fixture_files

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VERDICTS = {"met", "partially_met", "not_met"}
POINTS = {"self-assessment", "smart-objectives", "development-plan", "monitoring"}


def test_there_are_enough_fixtures_across_kinds():
    files = fixture_files()
    assert len(files) >= 16
    assert {p.suffix for p in files} == {".docx", ".xlsx"}


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.name)
def test_every_fixture_has_an_expectation_for_each_marking_point(path):
    expected = yaml.safe_load((EXPECTATIONS / f"{path.stem}.yaml").read_text())
    assert expected["file"] == path.name
    assert set(expected["marking_points"]) == POINTS
    for point in expected["marking_points"].values():
        assert point["verdict"] in VERDICTS and point["why"].strip()


def _docx_texts(path) -> list[str]:
    """Every run of body text a reader sees as the learner's, read from the XML without the
    parser: deleted text and content-control prompts ("Click to enter a date") are not."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    texts = []
    for text in root.iter(W + "t"):
        deleted = any(a.tag in (W + "del", W + "moveFrom") for a in text.iterancestors())
        prompt = any(
            a.find(f"{W}sdtPr/{W}showingPlcHdr") is not None for a in text.iterancestors(W + "sdt")
        )
        if not (deleted or prompt) and (text.text or "").strip():
            texts.append(" ".join(strip_bullet(text.text.strip())[0].split()))
    return texts


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.name)
def test_every_piece_of_text_is_read_with_a_locator(path):
    portfolio = parse_file(path)
    assert portfolio.blocks, "nothing read"
    for block in portfolio.blocks:
        assert str(block.locator) not in ("", "document")
        for cell in block.cells:
            assert str(cell.locator).startswith(str(block.locator).split(", row")[0])
    if path.suffix == ".docx":
        read = " ".join(
            [b.text for b in portfolio.blocks]
            + [f"{c.header} {c.text}" for b in portfolio.blocks for c in b.cells]
        )
        read = " ".join(read.split())
        assert [t for t in _docx_texts(path) if t not in read] == []


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.name)
def test_table_cells_have_column_roles_where_headers_name_one(path):
    portfolio = parse_file(path)
    tables = (BlockKind.TABLE_ROW, BlockKind.TABLE_HEADER)  # a field's label may name none
    headed = [c for b in portfolio.blocks if b.kind in tables for c in b.cells if c.header]
    if headed:
        assert any(c.role for c in headed)


def test_hidden_sheets_and_side_parts_are_marked():
    blocks = [b for p in fixture_files() for b in parse_file(p).blocks]
    assert any(b.hidden for b in blocks)
    assert {Part.HEADER, Part.FOOTER, Part.COMMENT, Part.TEXT_BOX} <= {b.part for b in blocks}
