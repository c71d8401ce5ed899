"""The learner feedback page: self-contained, accessible, escaped."""

from __future__ import annotations

from lxml import html as lxml_html

from marker.report.html import render_html
from marker.rules.loader import load_pack
from marker.rules.marking import Citation
from marker.run import mark_file
from tests.conftest import PORTFOLIOS


def page_for(name: str):
    marking = mark_file(PORTFOLIOS / name, load_pack())
    return marking, render_html(marking)


def test_page_is_self_contained_and_structured():
    marking, page = page_for("mixed_plan_in_prose.docx")
    for external in ("http://", "https://", "src=", "<link", "<script"):
        assert external not in page
    tree = lxml_html.fromstring(page)
    assert tree.get("lang") == "en-GB"
    assert tree.find(".//main") is not None and tree.find(".//header") is not None
    assert [h.text_content() for h in tree.findall(".//h2")][:4] == [
        p.title for p in marking.marking_points
    ]
    table = tree.find(".//table")
    assert table.find("caption") is not None
    assert {th.get("scope") for th in table.iter("th")} == {"col", "row"}
    badges = [b.text_content() for b in tree.find_class("badge")]
    assert set(badges) <= {"Met", "Partly met", "Not met yet"} and len(badges) == 4
    assert "What to do next" in page


def test_everything_from_the_file_is_escaped():
    marking, _ = page_for("strong_styled_headings.docx")
    point = marking.marking_points[0]
    point.evidence.insert(0, Citation(text="<script>alert('x')</script> & co", locator="p 1"))
    page = render_html(marking)
    assert "<script>" not in page and "&lt;script&gt;alert" in page and "&amp; co" in page
