"""SMART on the objective's own words: goals outside a contact centre (exercise, money,
study, another sector's work) get specific, measurable and time-bound right without any
contact-centre word; a plan row's KPI column links the measure it names."""

from __future__ import annotations

from marker.nlp.evidence import analyse
from marker.rules.engine import mark
from marker.rules.examples import portfolio_of
from marker.rules.loader import load_pack
from marker.rules.model import Example
from marker.rules.smart import assess

PACK = load_pack()

# goal -> (specific, measurable, time_bound), as a careful assessor would judge them
GOALS = {
    "I will run 5km three times a week for the next 8 weeks.": (True, True, True),
    "I want to cut my takeaway spending by half by the end of March 2026.": (True, True, True),
    "I will complete 4 modules of the bookkeeping course by 31/12/2025.": (True, True, True),
    "I aim to save £200 a month until December.": (True, True, True),
    "I will swim twice a week every month (Apr–Sep).": (True, True, True),
    "I want to get fitter.": (False, False, False),
    "I want to study Spanish when I can.": (True, False, False),
    "I aim to walk the dog every morning, ongoing.": (True, True, False),
    "I want to eat healthier asap.": (False, False, False),
    "I will double my step count to 10,000 steps a day by June.": (True, True, True),
    "I will practise the piano for 30 minutes daily from June to August.": (True, True, True),
    "I will restock the chilled aisle twice per shift from next month.": (True, True, True),
}


def _letters(paragraphs: list[str]) -> dict[str, tuple[bool, bool, bool]]:
    portfolio = portfolio_of(Example(expect="pass", paragraphs=paragraphs))
    letters = {}
    for objective in analyse(portfolio).objectives:
        smart = assess(objective, PACK.pack.smart.achievable, None).smart
        letters[objective.text] = (smart["specific"], smart["measurable"], smart["time_bound"])
    return letters


def test_specific_measurable_time_bound_right_on_goals_outside_a_contact_centre():
    letters = _letters(list(GOALS))
    right = [goal for goal, expected in GOALS.items() if letters.get(goal.rstrip(".")) == expected]
    wrong = {g: letters.get(g.rstrip(".")) for g in GOALS if g not in right}
    assert len(right) >= 0.9 * len(GOALS), wrong


def test_personal_goals_stay_irrelevant_and_unlinked():
    portfolio = portfolio_of(
        Example(expect="fail", paragraphs=["I will run 5km three times a week until August."])
    )
    (objective,) = mark(portfolio, analyse(portfolio), PACK).objectives
    assert objective.smart["specific"] and objective.smart["measurable"]
    assert objective.smart["relevant"] is False and objective.kpis == []


def test_a_named_kpi_is_measured_by_its_own_number_not_by_a_repeat():
    (letters,) = _letters(["I want to get my sales conversion up every month."]).values()
    assert letters == (False, False, False)  # a metric and a direction, no number: not specific


def test_a_repeat_alone_is_not_time_bound_but_with_a_span_it_is():
    letters = _letters(
        ["I will shadow a planner every month.", "I will shadow a planner weekly until March."]
    )
    assert [t for _, _, t in letters.values()] == [False, True]


def _plan(header: list[str], row: list[str]):
    portfolio = portfolio_of(Example(expect="pass", table=[header, row]))
    return mark(portfolio, analyse(portfolio), PACK).objectives


def test_a_length_of_time_in_the_deadline_column_makes_the_row_time_bound():
    (objective,) = _plan(["Objective", "By when?"], ["Complete the arrears module", "6 weeks"])
    assert objective.smart["time_bound"]
    assert not _plan(["Objective", "By when?"], ["Complete the arrears module", "Ongoing"])[
        0
    ].smart["time_bound"]


def test_a_kpi_column_links_the_measure_it_names_in_the_learners_words():
    (objective,) = _plan(
        ["Objective", "KPI", "Target date"],
        ["Fix more repairs on the first visit", "Repairs fixed first visit 82%", "31/12/2025"],
    )
    assert objective.kpis == ["Repairs fixed first visit"]
    assert "Repairs fixed first visit" in objective.reasons["kpi_linked"].reason
    (known,) = _plan(["Objective", "KPI"], ["Handle calls faster", "AHT"])
    assert known.kpis == ["aht"]
    (empty,) = _plan(["Objective", "KPI"], ["Handle calls faster", "n/a"])
    assert empty.kpis == []


def test_an_objective_is_relevant_unless_it_is_personal_or_a_course_off_the_job():
    portfolio = portfolio_of(
        Example(
            expect="pass",
            paragraphs=[
                "I want to be more confident on the phone.",
                "I will complete a food hygiene course by June 2026.",
                "I want to get a pay rise.",
            ],
        )
    )
    relevant = [o.smart["relevant"] for o in mark(portfolio, analyse(portfolio), PACK).objectives]
    assert relevant == [True, False, False]


def test_an_outcome_reached_or_not_is_measurable_without_a_number():
    letters = _letters(
        [
            "I will pass the CompTIA A+ Core 1 exam by 31/08/2026.",
            "I will have no compliance fails on my QA checks until March 2026.",
            "I will learn the complaints process by March 2026.",
        ]
    )
    assert [m for _, m, _ in letters.values()] == [True, True, False]


def test_a_metric_with_a_direction_and_no_number_is_not_specific():
    letters = _letters(["I will reduce my AHT.", "I will reduce my AHT from 7:30 to 6:30."])
    assert [s for s, _, _ in letters.values()] == [False, True]


def test_a_count_measures_an_objective_that_names_a_kpi():
    (letters,) = _letters(["I will make at least 5 warm referrals to improve my FCR."]).values()
    assert letters[1] is True
