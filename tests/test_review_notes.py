"""Review entries for the monitoring point: dated titles read with the notes under them,
changes to the plan in their usual wordings, and what is not a recorded review."""

from __future__ import annotations

import datetime as dt

import docx
import openpyxl
import pytest

from marker.nlp.evidence import analyse, found_spans
from marker.nlp.pipeline import Context, process
from marker.parse import parse_file

SAVED = dt.datetime(2025, 11, 20)


def _reviews(tmp_docx, lines: list[str], heading: str | None = "Reviews"):
    document = docx.Document()
    document.core_properties.modified = SAVED
    if heading:
        document.add_heading(heading, level=1)
    for line in lines:
        if line.startswith("# "):
            document.add_heading(line[2:], level=2)
        else:
            document.add_paragraph(line)
    return analyse(parse_file(tmp_docx(document))).reviews


def test_a_dated_title_and_the_notes_under_it_are_one_review(tmp_docx):
    reviews = _reviews(
        tmp_docx,
        [
            "1:1 – 26 June 2025",
            "AHT has gone up to 11:10. Agreed change: I will join the huddle instead.",
            "1:1 – 29 July 2025",
            "PTP kept rate 62%.",
        ],
    )
    assert [(r.date, r.progress, bool(r.adjustment)) for r in reviews] == [
        ("2025-06-26", True, True),
        ("2025-07-29", True, False),
    ]
    assert reviews[1].text == "1:1 – 29 July 2025 PTP kept rate 62%."


def test_a_dated_update_heading_titles_the_paragraphs_under_it(tmp_docx):
    reviews = _reviews(tmp_docx, ["# Update – 20/06/2025", "Repeat calls are at 6.8%."])
    assert [(r.date, r.progress) for r in reviews] == [("2025-06-20", True)]


def test_a_pasted_emails_header_titles_its_body(tmp_docx):
    reviews = _reviews(
        tmp_docx,
        ["Sent: 3rd June 2025 16:42", "Subject: PDP catch up", "Thanks for today. QA 84%."],
    )
    assert [(r.date, r.progress) for r in reviews] == [("2025-06-03", True)]


def test_the_notes_stop_at_an_entry_of_its_own(tmp_docx):
    reviews = _reviews(
        tmp_docx,
        ["1:1 – 26 June 2025", "QA 88%.", "29 July 2025: QA 90%, on track with my TL."],
    )
    assert [r.date for r in reviews] == ["2025-06-26", "2025-07-29"]


def test_a_title_with_nothing_under_it_stays_as_it_is(tmp_docx):
    reviews = _reviews(tmp_docx, ["1:1 – 26 June 2025", "# Next steps", "QA 88%."])
    assert [(r.text, r.progress) for r in reviews] == [("1:1 – 26 June 2025", False)]


def test_a_review_dated_after_the_portfolio_was_saved_is_a_plan(tmp_docx):
    reviews = _reviews(
        tmp_docx,
        ["The account manager will review the scorecard on 31/12/2025."],
        heading=None,
    )
    assert reviews == []


def test_a_relative_date_does_not_date_a_review():
    (doc,) = process([("Last week I had a chat with my TL about my AHT.", Context(SAVED.date()))])
    assert [s.value["date"] for s in found_spans(doc, ["REVIEW"])] == [None]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Rob agreed to move my remote fix target date to end of September.", "deadline_moved"),
        ("I asked to move the adherence deadline to 31 October.", "deadline_moved"),
        ("So I brought my deadline forward by a week.", "deadline_moved"),
        ("Complaints code - let's push this to the new year.", "deadline_moved"),
        ("Debbie and I agreed new date 31 Dec.", "deadline_moved"),
        ("Let's change your objective 3 to 70 seconds.", "target_changed"),
        ("AHT - not the main focus for now.", "plan_changed"),
    ],
)
def test_changes_to_the_plan_in_their_usual_wordings(text, kind):
    (doc,) = process([(text, Context(SAVED.date()))])
    assert [s.value for s in found_spans(doc, ["ADJUSTMENT"])] == [kind]


@pytest.mark.parametrize(
    "text", ["We changed the rota in May.", "My target date is 31/03/2026.", "My goal is 80%."]
)
def test_adjustment_negatives(text):
    (doc,) = process([(text, Context(SAVED.date()))])
    assert found_spans(doc, ["ADJUSTMENT"]) == []


def test_a_review_rows_progress_cell_that_names_a_change_documents_it(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Review date", "Progress"])
    sheet.append([dt.date(2025, 2, 21), "FTF 73%. 2nd session moved to March – outage."])
    sheet.append([dt.date(2025, 3, 28), "FTF 75%."])
    workbook.properties.modified = SAVED
    path = tmp_path / "log.xlsx"
    workbook.save(path)
    reviews = analyse(parse_file(path)).reviews
    assert [[a["kind"] for a in r.adjustment] for r in reviews] == [["deadline_moved"], []]
