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
    headings = [h.text_content() for h in tree.findall(".//h2")]
    assert headings[:5] == ["Do these first"] + [p.title for p in marking.marking_points]
    first = [li.text_content() for li in tree.get_element_by_id("first").getparent().iter("li")]
    assert first == marking.do_first and 1 <= len(first) <= 3
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


def test_a_partially_met_point_lists_only_what_is_missing():
    marking, page = page_for("mixed_plan_in_prose.docx")
    point = next(p for p in marking.marking_points if p.verdict == "partially_met")
    section = lxml_html.fromstring(page).get_element_by_id(point.id).getparent()
    steps = [li.text_content() for li in section.iter("li")]
    assert steps == point.feedback and steps
    passed_texts = {c.feedback.passed for c in _pack_point(point.id).checks}
    assert not passed_texts & set(steps)


def test_a_met_point_has_no_next_steps():
    marking, page = page_for("strong_styled_headings.docx")
    point = next(p for p in marking.marking_points if p.verdict == "met")
    section = lxml_html.fromstring(page).get_element_by_id(point.id).getparent()
    assert "What to do next" not in section.text_content() and not point.feedback


def test_the_objectives_table_scrolls_inside_its_own_box():
    _, page = page_for("mixed_plan_in_prose.docx")
    box = lxml_html.fromstring(page).find_class("scroll")[0]
    assert box.find(".//table") is not None and box.get("tabindex") == "0"
    assert ".scroll{overflow-x:auto" in page


def _pack_point(point_id: str):
    return next(p for p in load_pack().pack.marking_points if p.id == point_id)
