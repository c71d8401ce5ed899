"""A generated corpus for benchmarks: large, varied, realistic-looking portfolios.

Each .docx is about 3,000 words with headings, prose, a plan table and a review table
(one in five with a paragraph style of its own, so not every file shares the template);
each .xlsx has three sheets (self-assessment ratings, plan, reviews). Seeded, so the
same N gives the same files.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import docx
import openpyxl
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt

KPIS = [
    "AHT",
    "FCR",
    "CSAT",
    "NPS",
    "abandonment rate",
    "QA score",
    "schedule adherence",
    "first contact resolution",
    "average handling time",
    "customer satisfaction score",
]
ACTIVITIES = [
    "shadow a senior adviser",
    "complete the e-learning module",
    "call listening sessions",
    "side-by-side coaching",
    "a de-escalation workshop",
    "buddying a new starter",
    "role play with my team leader",
    "a secondment to the complaints team",
]
RESOURCES = [
    "time off the phones",
    "my mentor",
    "the learning platform",
    "access to call recordings",
    "coaching time with my team leader",
    "the quality team",
]
PEOPLE = [
    "Sam (team leader)",
    "Priya, my coach",
    "my mentor Raj",
    "Dave (TL)",
    "the quality analyst",
]
FREQUENCIES = ["weekly", "every fortnight", "monthly"]
FILLER = [
    "Most of my calls are billing queries and account changes, and I handle around sixty a day.",
    "The team has been busy since the price change, so queues have been long in the mornings.",
    "I try to use the customer's name and summarise what I have done before closing the call.",
    "When a customer is upset I let them explain first and then set out what I can do today.",
    "Our site is moving to a new CRM system later this year, which will change how we log notes.",
    "I have found that checking the knowledge base before placing a customer on hold saves time.",
    "My last quality check said my opening and closing were strong but my notes were thin.",
    "I want to build on this because the team leader role needs good coaching and planning skills.",
]


def _date(rng: random.Random) -> str:
    day = dt.date(2025, 1, 6) + dt.timedelta(days=rng.randrange(300))
    return rng.choice(
        [day.strftime("%d/%m/%Y"), day.strftime("%d %B %Y"), f"end of Q{rng.randint(1, 4)}"]
    )


def _objective(rng: random.Random) -> str:
    kpi = rng.choice(KPIS)
    low, high = sorted(rng.sample(range(60, 95), 2))
    return rng.choice(
        [
            f"I will improve my {kpi} from {low}% to {high}% by {_date(rng)}.",
            f"My objective is to reduce my {kpi} from 7:{rng.randint(10, 59)} "
            f"to 6:{rng.randint(10, 59)} by {_date(rng)}.",
            f"To raise {kpi} to at least {high}% within {rng.randint(2, 6)} months.",
            f"Objective {rng.randint(1, 5)}: keep my {kpi} above {high}% "
            f"every month until {_date(rng)}.",
        ]
    )


def _review(rng: random.Random) -> str:
    return (
        f"Review {_date(rng)} – 1:1 with {rng.choice(PEOPLE)}. My {rng.choice(KPIS)} is now "
        f"{rng.randint(60, 95)}% and I am on track. We moved the deadline to {_date(rng)} because "
        f"of the system migration, and added {rng.choice(ACTIVITIES)} {rng.choice(FREQUENCIES)}."
    )


def _paragraph(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.25:
        return _objective(rng) + " " + rng.choice(FILLER)
    if kind < 0.4:
        return _review(rng)
    if kind < 0.55:
        return (
            f"To do this I will {rng.choice(ACTIVITIES)} and use {rng.choice(RESOURCES)}; "
            f"success will be {rng.choice(KPIS)} at {rng.randint(70, 95)}% on the scorecard."
        )
    return " ".join(rng.sample(FILLER, 3))


def write_docx(
    path: Path, rng: random.Random, words: int = 3000, own_style: int | None = None
) -> None:
    """`own_style`: give the document a paragraph style of its own (numbered), as a learner
    who changes the template does, so its styles part differs from every other file's."""
    document = docx.Document()
    document.core_properties.modified = dt.datetime(2025, 11, 14)
    if own_style is not None:
        style = document.styles.add_style(f"Learner note {own_style}", WD_STYLE_TYPE.PARAGRAPH)
        style.font.size = Pt(10 + own_style % 5)
    count = 0
    for section in ["Self-assessment", "Objectives", "Development plan", "Reviews", "Reflection"]:
        document.add_heading(section, level=1)
        for _ in range(6):
            text = _paragraph(rng)
            document.add_paragraph(text)
            count += len(text.split())
        if section == "Development plan":
            count += _table(
                document,
                ["Objective", "Actions", "Support needed", "By when?", "Success criteria"],
                [
                    [
                        _objective(rng),
                        rng.choice(ACTIVITIES),
                        rng.choice(RESOURCES),
                        _date(rng),
                        f"{rng.choice(KPIS)} at {rng.randint(70, 95)}%",
                    ]
                    for _ in range(6)
                ],
            )
        if section == "Reviews":
            count += _table(
                document,
                ["Date", "Reviewed with", "Progress", "Changes to plan"],
                [
                    [
                        _date(rng),
                        rng.choice(PEOPLE),
                        _review(rng),
                        "Deadline moved; new action added.",
                    ]
                    for _ in range(8)
                ],
            )
    while count < words:
        text = _paragraph(rng)
        document.add_paragraph(text)
        count += len(text.split())
    document.save(str(path))


def _table(document, header: list[str], rows: list[list[str]]) -> int:
    table = document.add_table(rows=1, cols=len(header))
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    return sum(len(t.split()) for row in rows for t in row)


def write_xlsx(path: Path, rng: random.Random) -> None:
    workbook = openpyxl.Workbook()
    ratings = workbook.active
    ratings.title = "Self-assessment"
    ratings.append(["Skill", "Current rating", "Target rating", "Evidence"])
    for skill in ["Call control", "Product knowledge", "Empathy", "Coaching others", "Systems"]:
        ratings.append([skill, rng.randint(1, 4), 5, rng.choice(FILLER)])
    plan = workbook.create_sheet("PDP")
    plan.append(["Personal development plan"])
    plan.append([])
    plan.append(
        ["Objective", "Development activity", "Resources", "Target date", "Success measure"]
    )
    for _ in range(8):
        plan.append(
            [
                _objective(rng),
                rng.choice(ACTIVITIES),
                rng.choice(RESOURCES),
                dt.datetime(2025, rng.randint(1, 12), rng.randint(1, 28)),
                f"{rng.choice(KPIS)} at 85%",
            ]
        )
    reviews = workbook.create_sheet("Reviews")
    reviews.append(["Review date", "Reviewed with", "Progress", "Changes to plan"])
    for _ in range(8):
        reviews.append(
            [
                dt.datetime(2025, rng.randint(1, 12), rng.randint(1, 28)),
                rng.choice(PEOPLE),
                _review(rng),
                "Target changed after the review.",
            ]
        )
    workbook.save(path)


def generate(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """Write `count` portfolios of each kind into `folder` (reusing any already there)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for index in range(count):
        for kind in ("docx", "xlsx"):
            path = folder / f"bench_{index:04d}.{kind}"
            if not path.exists():
                if kind == "docx":  # one in five has a styles part of its own
                    write_docx(path, rng, own_style=index if index % 5 == 4 else None)
                else:
                    write_xlsx(path, rng)
            paths.append(path)
    return paths
