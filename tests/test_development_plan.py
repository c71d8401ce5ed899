"""The development plan's parts as the checks count them: a labelled part counts wherever
it sits, a deadline needs a date, a success measure a number, and a hobby is no activity."""

from __future__ import annotations

import docx

from marker.nlp.evidence import analyse
from marker.rules.engine import mark
from marker.rules.examples import portfolio_of
from marker.rules.loader import load_pack
from marker.rules.model import Example
from marker.run import mark_file

PACK = load_pack()


def _plan_checks(**example) -> dict[str, int]:
    """How many items each development-plan check found in a tiny portfolio."""
    portfolio = portfolio_of(Example(expect="pass", **example))
    marking = mark(portfolio, analyse(portfolio), PACK)
    point = next(p for p in marking.marking_points if p.id == "development-plan")
    return {c.id: len(c.evidence) for c in point.checks}


def test_labelled_plan_lines_count_under_a_heading_that_is_not_about_the_plan(tmp_path):
    document = docx.Document()
    document.add_heading("Personal development plan", level=1)
    document.add_paragraph("I have worked on the billing line for two years.")
    document.add_heading("What I'm going to do", level=2)
    document.add_paragraph("Learning need: call control with customers who are distressed")
    document.add_paragraph("Activity: sit with a senior adviser for two half-day sessions")
    document.add_paragraph("Resources: Marcus, two half days off the phones")
    path = tmp_path / "plan.docx"
    document.save(path)
    point = next(p for p in mark_file(path, PACK).marking_points if p.id == "development-plan")
    found = {c.id: len(c.evidence) for c in point.checks}
    assert found["dp-learning-needs"] >= 1
    assert found["dp-activities"] >= 1
    assert found["dp-resources"] >= 1


def test_a_deadline_cell_without_a_date_is_no_timeline():
    table = [
        ["Activity", "By when?"],
        ["Side-by-side coaching", "Ongoing"],
        ["Complaints e-learning module", "asap"],
        ["Call listening", "31/03/2026"],
    ]
    assert _plan_checks(table=table)["dp-timelines"] == 1


def test_a_success_cell_must_be_measurable_in_its_own_words():
    table = [
        ["Objective", "How will I know I've succeeded?"],
        ["Raise FCR to 75% by 31/03/2026", "Better QA"],
        ["Cut AHT to 6:00 by 30/04/2026", "More sales"],
        ["Raise conversion by 30/06/2026", "28% conversion on the weekly sales report"],
        ["No compliance fails by 31/07/2026", "zero compliance fails in QA"],
    ]
    assert _plan_checks(table=table)["dp-success-criteria"] == 2


def test_a_hobby_in_an_activity_column_is_no_development_activity():
    table = [
        ["Objective", "How"],
        ["Raise FCR to 75%", "Listen to recorded calls with my team leader"],
        ["Get fit", "Go to the gym more and get back into five-a-side"],
    ]
    assert _plan_checks(table=table)["dp-activities"] == 1


def test_off_topic_courses_are_irrelevant_activities():
    portfolio = portfolio_of(
        Example(
            expect="fail",
            paragraphs=["I will do the free digital marketing course and a nail tech course."],
        )
    )
    marking = mark(portfolio, analyse(portfolio), PACK)
    assert "irrelevant-activity" in {f.id for f in marking.findings}
