"""Extraction by general rules: open-ended career roles, self-assessed shortfalls, team
names that hold a KPI word, compound times, the dates reviews and plans use, counts."""

from __future__ import annotations

import datetime as dt

import pytest

from marker.nlp.evidence import found_spans
from marker.nlp.pipeline import Context, process

REFERENCE = dt.date(2025, 6, 30)  # a Monday


def found(text: str, label: str) -> list[tuple[str, object, tuple[str, ...]]]:
    (doc,) = process([(text, Context(reference_date=REFERENCE))])
    return [(s.text, s.value, s.flags) for s in found_spans(doc, [label])]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("I'd like to be a fraud investigator one day.", "fraud investigator"),
        ("In a year I want to move up to 2nd line.", "2nd line"),
        ("My aim is to become a Claims Handler by 2027.", "Claims Handler"),
        (
            "My goal is to get into workforce planning, so I am learning Excel.",
            "workforce planning",
        ),
        ("I would love to join the Fraud Prevention unit", "Fraud Prevention unit"),
        ("I'd like to move across to the Financial Support team.", "Financial Support team"),
    ],
)
def test_any_role_after_an_aspiration_is_a_career_goal_bounded_by_its_clause(text, role):
    assert (role, "target_role", ()) in found(text, "CAREER")


@pytest.mark.parametrize(
    "text",
    [
        "I want to be a better listener.",
        "I'd like to be more confident on the phone.",
        "Maybe one day I would like to be a team leader, but I am not sure yet.",
        "My goal is to get into the habit of taking notes.",
    ],
)
def test_no_career_role_without_an_aspiration_or_with_a_state_or_a_hedge(text):
    assert not [f for f in found(text, "CAREER") if f[1] == "target_role"]


@pytest.mark.parametrize(
    "text",
    [
        "Where I am weaker is call control.",
        "I'm not as strong at probing questions.",
        "I could be better at taking notes during the call.",
        "I am not as quick when the queue is busy.",
    ],
)
def test_a_shortfall_in_the_first_person_is_a_development_area(text):
    assert [f for f in found(text, "SELF") if f[1] == "development_area"]


@pytest.mark.parametrize("text", ["I could be there at nine.", "I'm not sure yet."])
def test_shortfall_negatives(text):
    assert not [f for f in found(text, "SELF") if f[1] == "development_area"]


def test_a_goal_label_before_a_role_is_a_career_goal():
    assert found("GOAL: Repairs Planner within 12 months.", "CAREER") == [
        ("Repairs Planner", "target_role", ())
    ]
    assert not found("Goal: reduce my AHT to 6:00.", "CAREER")


@pytest.mark.parametrize(
    ("text", "source", "negated"),
    [
        ("I do not really look at my stats.", "stats", True),
        ("I have never had a QA report.", "QA report", True),
        ("My QA report shows 88%, but I haven't had customer feedback.", "QA report", False),
        ("My QA report shows 88%, but I haven't had customer feedback.", "customer feedback", True),
        ("No complaints and 3 compliments this year.", "compliments", False),
        ("In my last two call reviews Helen scored me 'strong'.", "call reviews", False),
    ],
)
def test_a_source_denied_in_its_clause_is_flagged_negated(text, source, negated):
    flags = {span: flags for span, _, flags in found(text, "SOURCE")}
    assert ("negated" in flags[source]) is negated


@pytest.mark.parametrize(
    "text",
    [
        "I asked the QA team for help.",
        "I spent a day with the Complaints Escalation Team.",
        "The Quality & Compliance department checks five calls.",
        "I would like to join the Retentions team.",
        "Our Attendance team sends the rota.",
        "The NPS team runs the survey.",
    ],
)
def test_a_kpi_word_in_a_team_name_is_not_a_kpi(text):
    assert found(text, "KPI") == []


def test_a_kpi_before_a_function_word_and_team_is_still_a_kpi():
    assert [f[1] for f in found("I will reduce complaints for the team.", "KPI")] == ["complaints"]


@pytest.mark.parametrize(
    ("text", "span", "seconds"),
    [
        ("My AHT is 6 minutes 50 seconds.", "6 minutes 50 seconds", 410),
        ("AHT 7 mins 30 secs", "7 mins 30 secs", 450),
        ("AHT down to 6m and 45s", "6m and 45s", 405),
    ],
)
def test_compound_times_are_one_quantity(text, span, seconds):
    assert found(text, "QUANTITY") == [(span, {"value": seconds, "unit": "s"}, ())]


def test_a_range_of_hours_is_one_quantity_not_two_lengths():
    text = "I will cut my email response time from 48 hours to 24 hours."
    (quantity,) = found(text, "QUANTITY")
    assert quantity[0] == "from 48 hours to 24 hours"
    assert quantity[1]["from"]["value"] == 48 * 3600 and quantity[1]["to"]["value"] == 24 * 3600
    assert found(text, "DURATION") == []


def test_hours_and_minutes_are_one_length():
    assert found("I did 1 hr 5 min of call listening.", "DURATION") == [
        ("1 hr 5 min", "PT1H5M", ())
    ]


@pytest.mark.parametrize(
    ("text", "span", "value", "flag"),
    [
        ("Review on Tuesday 3rd June", "Tuesday 3rd June", "2025-06-03", "year inferred"),
        ("We met on Tuesday to go through it.", "Tuesday", "2025-07-01", "weekday only"),
        ("1:1 last Friday with my TL", "last Friday", "2025-06-27", "relative"),
        ("I'll have it done by Friday.", "Friday", "2025-07-04", "weekday only"),
        ("We meet again next Monday.", "next Monday", "2025-07-07", "relative"),
        ("I spoke to my TL on the 15th.", "15th", "2025-06-15", "month inferred"),
        ("I met my mentor two weeks ago.", "two weeks ago", "2025-06-16", "relative"),
        ("A catch-up a couple of weeks ago", "a couple of weeks ago", "2025-06-16", "relative"),
        ("Coaching session yesterday.", "yesterday", "2025-06-29", "relative"),
        ("Review 3rd June at 2pm with Sam", "3rd June", "2025-06-03", "year inferred"),
        ("Met on 3/6 at 2pm", "3/6", "2025-06-03", "year inferred"),
        ("Weekly 1:1s from June to August", "June to August", "2025-06-01/2025-08-31", None),
        ("Shadowing every month (Apr–Sep)", "Apr–Sep", "2025-04-01/2025-09-30", None),
        ("From March to May 2026", "March to May 2026", "2026-03-01/2026-05-31", None),
    ],
)
def test_dates_reviews_and_plans_use(text, span, value, flag):
    ((text_found, iso, flags),) = found(text, "DATE")
    assert (text_found, iso) == (span, value)
    assert flag is None or flag in flags


@pytest.mark.parametrize(
    "text",
    [
        "I sit on the 2nd floor.",
        "Team huddles are every Tuesday at 9:15.",
        "Service levels drop on Saturday mornings.",
        "I moved to the Saturday queue.",
        "Tuesday's calls were long.",
        "Score 3/6 on the quiz.",
    ],
)
def test_weekday_and_day_negatives(text):
    assert found(text, "DATE") == []


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("I will complete 4 modules by June.", "4 modules"),
        ("I will complete three online courses.", "three online courses"),
        ("Run 5km before work", "5km"),
        ("Lose a stone by August", "a stone"),
        ("Cut my spending by half", "by half"),
        ("Walk 10,000 steps a day", "10,000 steps"),
    ],
)
def test_counts_distances_and_relative_changes_are_amounts(text, amount):
    assert amount in [f[0] for f in found(text, "AMOUNT")]


@pytest.mark.parametrize(
    "text",
    ["I finished my Level 3 apprenticeship.", "One day I want to lead.", "Objective 2 is set."],
)
def test_amount_negatives(text):
    assert found(text, "AMOUNT") == []
