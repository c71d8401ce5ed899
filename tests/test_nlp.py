"""The NLP layer, label by label: what must be found, and the hard negatives that must not."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marker.nlp.evidence import found_spans
from marker.nlp.pipeline import Context, process
from marker.nlp.terms import vocabularies
from marker.resources import lexicon, rules_dir

REFERENCE = dt.date(2025, 6, 30)


def spans(text: str, label: str, role: str | None = None) -> list[tuple[str, object]]:
    (doc,) = process([(text, Context(reference_date=REFERENCE, role=role))])
    return [(s.text, s.value) for s in found_spans(doc, [label])]


@pytest.mark.parametrize(
    ("text", "found", "value"),
    [
        ("Deadline 31/03/2025.", "31/03/2025", "2025-03-31"),
        ("Done on 12.3.25.", "12.3.25", "2025-03-12"),
        ("Met on 12th March 2025.", "12th March 2025", "2025-03-12"),
        ("By March 2025.", "March 2025", "2025-03-01/2025-03-31"),
        ("In Q3 2025.", "Q3 2025", "2025-07-01/2025-09-30"),
        ("By the end of Q3", "the end of Q3", "2025-09-30"),
        ("Targets for FY24/25", "FY24/25", "2024-04-01/2025-03-31"),
        ("Shadowing w/c 14/07/2025", "w/c 14/07/2025", "2025-07-14/2025-07-20"),
        ("by the end of next month", "the end of next month", "2025-07-31"),
        ("1:1 on 5/3/25", "5/3/25", "2025-03-05"),
        ("Review 19/05 – on track", "19/05", "2025-05-19"),
        ("mid-April", "mid-April", "2025-04-11/2025-04-20"),
    ],
)
def test_dates_found_and_normalised(text, found, value):
    assert spans(text, "DATE") == [(found, value)]


@pytest.mark.parametrize(
    "text",
    [
        "My CSAT is 4.5/5.",
        "I scored 90/100 and 8/10 on the quizzes.",
        "Weekly 1:1s with my TL.",
        "We are open 24/7.",
        "80% of customers were happy.",
        "Call 0161 496 0123 about ticket INC0012345.",
        "Policy number 12/345/678.",
        "I may be moved to the complaints team.",
        "I have worked here for the year.",
    ],
)
def test_hard_negatives_are_not_dates(text):
    assert spans(text, "DATE") == []


def test_year_less_date_is_flagged_not_guessed_silently():
    (doc,) = process([("Deadline: end of Q3.", Context(reference_date=REFERENCE))])
    (date,) = [s for s in found_spans(doc, ["DATE"])]
    assert "year inferred" in date.flags


def test_month_first_date_is_read_and_flagged():
    (doc,) = process([("Due 03/15/2025.", Context(reference_date=REFERENCE))])
    (date,) = found_spans(doc, ["DATE"])
    assert (date.value, date.flags) == ("2025-03-15", ("month-first",))


def test_relative_date_without_reference_is_flagged():
    (doc,) = process([("by next month", Context(reference_date=None))])
    (date,) = found_spans(doc, ["DATE"])
    assert "no reference date" in date.flags


def test_bare_day_month_in_a_deadline_cell_is_a_date():
    assert spans("30/06", "DATE", role="deadline") == [("30/06", "2025-06-30")]
    assert spans("4/5", "DATE") == []


@pytest.mark.parametrize(
    ("text", "found", "value"),
    [
        ("within 3 months", "within 3 months", "P3M"),
        ("for six weeks", "for six weeks", "P6W"),
        ("over the next quarter", "over the next quarter", "P3M"),
        ("a 12-week course", "12-week", "P12W"),
        ("within 12 to 18 months", "within 12 to 18 months", "P12M/P18M"),
    ],
)
def test_durations(text, found, value):
    assert spans(text, "DURATION") == [(found, value)]


@pytest.mark.parametrize(
    ("text", "found", "value"),
    [
        ("Before joining I spent four years in retail.", "four years", "P4Y"),
        ("I took a week of carer's leave.", "a week", "P1W"),
        ("Secondment to the QA team – 6 weeks", "6 weeks", "P6W"),
        ("The room can be booked in 15-minute slots.", "15-minute", "PT15M"),
        ("I have been here eighteen months.", "eighteen months", "P18M"),
        ("She was on hold for 20 minutes.", "for 20 minutes", "PT20M"),
    ],
)
def test_plain_lengths_of_time_are_durations(text, found, value):
    assert spans(text, "DURATION") == [(found, value)]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("We meet every 3 months.", "FREQUENCY"),  # a repeat, not a length
        ("We take 4,000 calls a day.", "FREQUENCY"),
        ("I want my AHT under 6 minutes.", "QUANTITY"),  # a handling time, not a length
    ],
)
def test_a_plain_length_yields_to_a_repeat_or_a_metric_value(text, label):
    assert spans(text, "DURATION") == [] and spans(text, label)


@pytest.mark.parametrize("text", ["One day I would like to lead a team.", "I joined 3 years ago."])
def test_plain_length_negatives(text):
    assert spans(text, "DURATION") == []


def test_within_the_next_year_is_a_duration_not_a_date():
    assert spans("I will be a team leader within the next year.", "DATE") == []


@pytest.mark.parametrize(
    ("text", "found", "value"),
    [
        ("weekly", "weekly", "P1W"),
        ("every fortnight", "every fortnight", "P2W"),
        ("monthly 1:1s", "monthly", "P1M"),
        ("each quarter", "each quarter", "P3M"),
        ("twice a week", "twice a week", "2/P1W"),
        ("every 4-6 weeks", "every 4-6 weeks", "P4W/P6W"),
        ("call listening every Thursday", "every Thursday", "P1W"),
        ("the line gets 3,000 calls an hour", "an hour", "PT1H"),
    ],
)
def test_frequencies(text, found, value):
    assert spans(text, "FREQUENCY") == [(found, value)]


@pytest.mark.parametrize("text", ["objective met a month early", "in a week's time", "1:1 today"])
def test_frequency_negatives(text):
    assert spans(text, "FREQUENCY") == []


@pytest.mark.parametrize(
    ("text", "kpi"),
    [
        ("my AHT", "aht"),
        ("average handle time", "aht"),
        ("first call resolution", "fcr"),
        ("CSAT score", "csat"),
        ("net promoter score", "nps"),
        ("abandon rate", "abandonment_rate"),
        ("QA score", "quality_score"),
        ("service level", "service_level"),
        ("schedule adherence", "adherence"),
        ("occupancy", "occupancy"),
        ("sales conversion", "sales_conversion"),
        ("number of complaints", "complaints"),
        ("absence", "attendance"),
    ],
)
def test_kpis_get_their_canonical_id(text, kpi):
    assert [value for _, value in spans(text, "KPI")] == [kpi]


@pytest.mark.parametrize(
    ("text", "found", "kpi"),
    [
        ("90%+ adhearence every week", "adhearence", "adherence"),
        ("lift my first contact resolutoin", "first contact resolutoin", "fcr"),
        ("qualty score up to 88%", "qualty score", "quality_score"),
        ("the abandonded call rate", "abandonded call rate", "abandonment_rate"),
    ],
)
def test_misspelt_kpis_are_found_and_flagged(text, found, kpi):
    (doc,) = process([(text, Context(reference_date=REFERENCE))])
    ((span),) = found_spans(doc, ["KPI"])
    assert (span.text, span.value) == (found, kpi) and "misspelt" in span.flags


@pytest.mark.parametrize(
    "text",
    [
        "The conversation went well.",  # two edits from "conversion"
        "My manager promotes handing over calls.",  # real words, one edit from KPI words
    ],
)
def test_real_words_near_a_kpi_are_not_misspellings(text):
    assert spans(text, "KPI") == []


@pytest.mark.parametrize(
    "text",
    [
        "I moved to the complaints team.",
        "Feedback from Beth (QA) was good.",
        "We sell plans.",
        "Anita from QA joined my review.",
        "QA have changed the scoring guide.",
        "I handled complaints for two years.",
        "Help clear the complaints backlog.",
    ],
)
def test_kpi_negatives(text):
    assert spans(text, "KPI") == []


@pytest.mark.parametrize(
    ("text", "found", "value"),
    [
        ("FCR at 85%", "85%", {"value": 85.0, "unit": "%"}),
        ("CSAT 4.5/5", "4.5/5", {"value": 4.5, "unit": "score", "scale": 5}),
        ("AHT 360 secs", "360 secs", {"value": 360.0, "unit": "s"}),
        ("abandonment under 5%", "under 5%", {"value": 5.0, "unit": "%", "comparator": "<"}),
        ("FCR at least 75%", "at least 75%", {"value": 75.0, "unit": "%", "comparator": ">="}),
    ],
)
def test_quantities(text, found, value):
    assert spans(text, "QUANTITY") == [(found, value)]


def test_handling_time_range_next_to_a_kpi():
    ((text, value),) = spans("reduce AHT from 7:30 to 6:00", "QUANTITY")
    assert text == "from 7:30 to 6:00"
    assert value == {
        "from": {"value": 450, "unit": "s"},
        "to": {"value": 360, "unit": "s"},
        "direction": "down",
    }


@pytest.mark.parametrize(
    "text",
    [
        "The meeting is at 10:30.",
        "weekly 1:1s",
        "open 24/7",
        "I did 3 courses",
        "call 0161 496 0123",
    ],
)
def test_quantity_negatives(text):
    assert spans(text, "QUANTITY") == []


def test_objective_links_kpi_baseline_target_deadline_and_action():
    ((text, value),) = spans("I will reduce my AHT from 7:30 to 6:00 by 31/03/2025.", "OBJECTIVE")
    assert text == "I will reduce my AHT from 7:30 to 6:00 by 31/03/2025"
    assert value["kpis"] == ["aht"]
    assert (value["action"], value["direction"]) == ("reduce", "down")
    assert value["baseline"] == {"value": 450, "unit": "s"}
    assert value["target"] == {"value": 360, "unit": "s"}
    assert value["deadline"]["date"] == "2025-03-31"


@pytest.mark.parametrize(
    "text",
    [
        "My objective is to raise FCR to 75% by the end of Q3.",
        "Objective 2: keep CSAT above 4.5/5.",
        "To reduce abandoned calls to under 5% by March 2026.",
        "Reduce ACW to no more than 60 seconds by 15th August 2025.",
        "I want to improve my communication skills.",
        "As a team leader, I aim to cut our abandonment rate to 4%.",
        "I'm hoping to get my AHT under 6 minutes by the end of December.",
        "One of my goals is to improve my quality score to 92% by March 2026.",
        "My long-term career goal is to become a quality analyst.",
        "I must bring my ACW down to 45 seconds by the end of August.",
        "We agreed that I would reduce my AHT to 6 minutes by the end of Q3.",
        "Aiming to get my CSAT to 90% by the end of September.",
        "By 31 December 2025, reduce my AHT to 6:30.",
        "Reducing my AHT to 6 minutes by October.",
        "Goal for Q3: 95% adherence",
        "Main objective – get my handle time under 360 secs.",
        "FCR target: 79% by 9th Feb",
        "By 6th February 2026 my avg handling time should be 6:45 or under.",
        "An 8/10 average call quality score is my target for 23rd January.",
        "To lower my complaint rate to 0.3% or lower by early Nov.",
        "Target I've set: FCR 78% or better by the end of Q4",
    ],
)
def test_objectives(text):
    assert len(spans(text, "OBJECTIVE")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "I will be on holiday in August.",
        "I will send the form to my assessor.",
        "I reduced my AHT last year.",
        "The centre's target is 80% FCR.",
        "Hold time is at 52 secs.",
        "I will be on late shifts next week.",
        "I would rate my system knowledge as 3 out of 5.",
        "I must admit I found the new system hard.",
        "My team leader's target is for the whole team to reach 85% CSAT.",
        "Reducing AHT is a key focus for the whole site.",
        "Having switch access has helped: I think FCR will be over 75% for October.",
        "Head office wants every team at 80% FCR by end of March.",
        "Absence is 6.1% on a rolling three months (site target 4%).",
        "My TL will check my progress again in two weeks' time.",
        "The team leader objective for Q4 is to cut abandoned calls on the sales queue.",
        "We lowered the target to 11% and gave it until 31/12/2025.",
    ],
)
def test_objective_negatives(text):
    assert spans(text, "OBJECTIVE") == []


def test_vague_objective_carries_its_vagueness():
    ((_, value),) = spans("I want to improve my communication skills.", "OBJECTIVE")
    assert value["kpis"] == [] and value["vague"]


def test_plan_cell_is_an_objective_as_a_whole():
    assert spans("Raise FCR to 75%", "OBJECTIVE", role="objective")[0][0] == "Raise FCR to 75%"
    assert spans("N/A", "OBJECTIVE", role="objective") == []


def test_review_entry_with_participants_progress_and_adjustment():
    text = (
        "Review 14/02/2025 – 1:1 with Sam (team leader): AHT down to 6:40, on track. "
        "We moved the deadline to 30/06/2025 because of the new CRM system."
    )
    ((found, value),) = spans(text, "REVIEW")
    assert found == text
    assert value["date"] == "2025-02-14"
    assert value["participants"] == ["team_leader"]
    assert value["progress"] is True
    assert value["adjustment"][0]["kind"] == "deadline_moved"
    assert value["reason"] == "because of the new CRM system."


def test_a_note_headed_by_its_date_and_naming_who_took_part_is_a_review():
    text = "06/10/25, Hollie (TL): with FCR at 81% I've beaten the 78% target."
    assert [found for found, _ in spans(text, "REVIEW")] == [text]


def test_a_goal_reworded_in_a_review_is_an_objective_inside_it():
    text = (
        '7 Aug 2025 – met with mentor Cal. Cal said my objective "be better with customers" '
        "is not measurable, so we changed it to: get my CSAT to 85% by end of October."
    )
    assert [found for found, _ in spans(text, "OBJECTIVE")] == [
        "get my CSAT to 85% by end of October"
    ]


def test_several_dated_reviews_in_one_paragraph_are_separate_entries():
    text = "14/02/2025: review with my TL, on track. 20/03/2025: 1:1, FCR now at 74%."
    assert [v["date"] for _, v in spans(text, "REVIEW")] == ["2025-02-14", "2025-03-20"]


@pytest.mark.parametrize(
    "text",
    [
        "I joined the team on 3 March 2023.",
        "We had a chat about my progress.",
        "Next review: 22/07/2025",
        "I completed the GDPR e-learning in March.",
        "By the end of September I will have completed side-by-side coaching with my TL.",
        "Review scheduled for Monday 20th October with my mentor.",
        "Review due w/c 08/12/25 – please bring your scorecard.",
    ],
)
def test_review_negatives(text):
    assert spans(text, "REVIEW") == []


@pytest.mark.parametrize(
    ("text", "label", "term"),
    [
        ("I will shadow a senior adviser.", "ACTIVITY", "shadowing"),
        ("Complete the e-learning module.", "ACTIVITY", "e_learning"),
        ("Weekly side-by-side coaching.", "ACTIVITY", "side_by_side"),
        ("Listening to recorded calls.", "ACTIVITY", "call_listening"),
        ("I need time off the phones.", "RESOURCE", "off_phone_time"),
        ("Access to the learning platform.", "RESOURCE", "learning_platform"),
        ("A training budget of £250.", "RESOURCE", "budget"),
    ],
)
def test_activities_and_resources(text, label, term):
    assert term in [value for _, value in spans(text, label)]


def test_a_past_period_is_a_date_but_never_a_deadline():
    assert spans("I reduced my AHT last quarter.", "DATE") == [
        ("last quarter", "2025-01-01/2025-03-31")
    ]
    ((_, value),) = spans("I want to beat my score from last year.", "OBJECTIVE")
    assert value["deadline"] is None


def test_a_generic_course_named_with_an_off_topic_one_is_not_relevant_either():
    (doc,) = process([("Get a food hygiene certificate.", Context(reference_date=REFERENCE))])
    assert all("not relevant" in s.flags for s in found_spans(doc, ["ACTIVITY"]))
    (doc,) = process([("Get a GDPR certificate.", Context(reference_date=REFERENCE))])
    assert [s.flags for s in found_spans(doc, ["ACTIVITY"])] == [()]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("I'll get my hold time down using the tariff cheat sheet.", "tariff cheat sheet"),
        ("I will use the troubleshooting guides on every fault call.", "troubleshooting guides"),
        ("I need support from my mentor.", "support from my mentor"),
        ("I will do call listening with the quality team.", "quality team"),
    ],
)
def test_resources_named_as_support(text, found):
    assert found in [f for f, _ in spans(text, "RESOURCE")]


@pytest.mark.parametrize(
    "text",
    [
        "Mentor session with Dionne, 21st July 2025.",
        "Review due w/c 08/12/25 – please bring your scorecard.",
        "The aim of the 1:1 was to go through my call stats.",
        "Listen to 5 recorded calls a week and score them against the QA form",
    ],
)
def test_people_and_things_in_passing_are_not_resources(text):
    assert spans(text, "RESOURCE") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("My aim is to become a Repairs Planner in 2026.", "Repairs Planner"),
        ("I would like to become a Sales Team Coach.", "Sales Team Coach"),
    ],
)
def test_a_role_after_become_is_a_career_goal(text, found):
    assert (found, "target_role") in spans(text, "CAREER")


def test_becoming_a_better_listener_is_no_career_goal():
    assert spans("I want to become a better listener.", "CAREER") == []


def test_anything_in_a_resources_cell_is_a_resource():
    assert [v for _, v in spans("Mentor, scorecard", "RESOURCE", role="resources")] == [
        "mentor",
        "reports",
    ]


def test_mentor_in_a_review_is_a_person_not_a_resource():
    assert spans("Review with my mentor on 3/3/25.", "RESOURCE") == []


def test_every_lexicon_entry_is_text():
    """YAML reads 1:1 as the number 61 and `no` as False unless quoted."""
    for path in (rules_dir() / "lexicons").glob("*.yaml"):
        data = lexicon(path.stem)
        for entry in (data.get("terms") or {}).values():
            words = entry if isinstance(entry, list) else entry.get("synonyms", [])
            assert all(isinstance(w, str) for w in words), path.name


def test_vocabularies_cover_the_required_kpis():
    kpis = {t.id for t in vocabularies()["kpis"].terms}
    assert kpis >= {
        "aht",
        "fcr",
        "csat",
        "nps",
        "abandonment_rate",
        "quality_score",
        "service_level",
        "adherence",
        "occupancy",
        "sales_conversion",
        "complaints",
        "attendance",
    }
    improves = {t.id: t.info["improves"] for t in vocabularies()["kpis"].terms}
    assert (improves["aht"], improves["abandonment_rate"], improves["fcr"]) == (
        "down",
        "down",
        "up",
    )


def test_lookup_lemmatizer_gives_spacys_lookup_lemmas_and_lemmatises_capitals():
    import spacy

    from marker.nlp.lemmas import LookupLemmatizer

    text = "I was reducing my calls and attended workshops; the advisers' AHT fell. Sarah"
    reference = spacy.blank("en")
    reference.add_pipe("lemmatizer", config={"mode": "lookup"})
    reference.initialize()
    ours = spacy.blank("en")
    lemmatise = LookupLemmatizer(ours)
    assert [t.lemma_ for t in lemmatise(ours.make_doc(text))] == [t.lemma_ for t in reference(text)]
    # spaCy leaves a capitalised "Shadowing" alone; at the start of a sentence it is a verb
    assert [t.lemma_ for t in lemmatise(ours.make_doc("Shadowing Reducing"))] == [
        "shadow",
        "reduce",
    ]


@pytest.fixture(scope="module")
def sentencizers():
    import spacy

    from marker.nlp.sentencizer import ArraySentencizer

    reference = spacy.blank("en")
    reference.add_pipe("sentencizer")
    ours = spacy.blank("en")
    return reference, ours, ArraySentencizer(ours)


def _same_sentences(sentencizers, text: str) -> None:
    from marker.nlp.spans import sentences

    reference, ours, split = sentencizers
    expected = [t.is_sent_start for t in reference(text)]
    doc = split(ours.make_doc(text))
    assert [t.is_sent_start for t in doc] == expected, text
    kept = sentences(doc)  # as the sentencizer recorded them
    doc.user_data.clear()
    assert sentences(doc) == kept  # as read back from the doc


def test_sentences_are_spacys_on_every_fixture_text(sentencizers):
    from marker.parse import parse_file
    from tests.conftest import fixture_files

    for path in fixture_files():
        for block in parse_file(path).blocks:
            _same_sentences(sentencizers, block.text)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from([*"ab .!?…\"')(:;,\n1/।", "Mr.", "e.g.", " word"])).map("".join))
def test_sentences_are_spacys_on_any_text(sentencizers, text):
    _same_sentences(sentencizers, text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*"ab .,\n-/", "  ", "AHT", "6:30", "e.g."])).map("".join),
    st.integers(0, 40),
    st.integers(0, 40),
)
def test_token_bounds_are_spacys_expanded_char_span(text, first, last):
    """Spans are placed by `token_bounds`, which must widen offsets as spaCy does."""
    from marker.nlp.pipeline import get_pipeline
    from marker.nlp.spans import token_bounds

    doc = get_pipeline().make_doc(text)
    doc.user_data["marker_text"] = text
    start, end = min(first, last), max(first, last)
    if start == end:
        end += 1
    span = doc.char_span(start, end, alignment_mode="expand") if end <= len(text) else None
    assert token_bounds(doc, start, end) == (None if span is None else (span.start, span.end))


def test_counted_terms_are_counted_in_objectives_and_shown_only_when_asked():
    from marker.nlp.evidence import KEPT_LABELS

    text = "I will improve customer satisfaction on calls by 31/03/2026. Our customers are kind."
    assert spans(text, "WORK") == [
        ("customer", "customer"),
        ("calls", "channel"),
        ("customers", "customer"),
    ]
    (doc,) = process([(text, Context(reference_date=REFERENCE))])
    assert "WORK" not in KEPT_LABELS and "WORK" in {s.label for s in found_spans(doc)}
    (objective,) = found_spans(doc, ["OBJECTIVE"])
    assert objective.value["work_context"] == 3  # the KPI and two work words in the goal


def test_a_means_after_the_goals_is_not_a_goal():
    from marker.nlp.evidence import analyse
    from marker.rules.examples import portfolio_of
    from marker.rules.model import Example

    texts = [
        "To achieve these I will do the e-learning modules on the hub.",
        "2.1 Reduce my AHT from 9:10 to 8:00.",
    ]
    found = analyse(portfolio_of(Example(expect="pass", paragraphs=texts))).objectives
    assert [o.text for o in found] == ["Reduce my AHT from 9:10 to 8:00"]
