"""The learner's feedback page as a file, in a real browser at a phone's width."""

from __future__ import annotations

from marker.report.html import render_html
from marker.rules.loader import load_pack
from marker.run import mark_file
from tests.conftest import PORTFOLIOS


def test_a_long_file_name_and_the_smart_table_never_scroll_the_page_sideways(browser, tmp_path):
    marking = mark_file(PORTFOLIOS / "mixed_plan_in_prose.docx", load_pack())
    long_name = "mixed_kpi_scorecard_cells_breakdown_recovery_final_version_2.docx"
    page_file = tmp_path / "feedback.html"
    page_file.write_text(render_html(marking.model_copy(update={"file": long_name})))
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(page_file.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.close()
