"""Drift flags, disagreements and the sampling plan on small, hand-made rating sets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from marker.audit.analysis import (
    LENIENCY,
    MIN_COMPARED,
    NEW_ASSESSOR_DAYS,
    Rating,
    analyse,
)
from marker.audit.decisions import record_decisions
from marker.audit.report import build_report
from marker.audit.scheme import ENGINE, VERDICTS, Pack
from marker.audit.stats import ONE_CATEGORY
from marker.audit.store import record_markings
from tests.audit.conftest import POINTS, engine_marking, simulate_term, write_csv

DAY = dt.date(2025, 1, 6)
AS_OF = dt.date(2025, 12, 1)


def rating(file: str, mp: str, rater: str, verdict: str, day: dt.date = DAY) -> Rating:
    evidence = (
        [{"text": f"quote from {file}", "locator": "table 1, row 2"}] if rater == ENGINE else []
    )
    return Rating(
        portfolio=(file, file + "-sha"),
        marking_point=mp,
        rater=rater,
        level=VERDICTS.index(verdict),
        decided_on=day,
        learner=None if rater == ENGINE else f"learner of {file}",
        comment="looked twice" if rater == "Ben" else None,
        evidence=evidence,
        feedback=[],
    )


def test_a_lenient_assessor_is_flagged_and_sampled_first(
    tmp_path: Path, pack: Pack, db_url: str
) -> None:
    term = simulate_term(
        tmp_path / "subs", portfolios=45, assessors={"Asha": 0.0, "Ben": 0.0, "Cara": 1.0}
    )
    record_markings(db_url, [engine_marking(n, term.files[n], v) for n, v in term.engine.items()])
    record_decisions(db_url, write_csv(tmp_path / "subs" / "term.csv", term.rows), pack)
    report = build_report(db_url, pack, as_of=AS_OF)

    flags = {a.name: {f.code for f in a.flags} for a in report.assessors}
    assert {"lenient", "low_engine_agreement", "low_peer_agreement"} <= flags["Cara"]
    assert flags["Asha"] == flags["Ben"] == set()
    cara = next(a for a in report.assessors if a.name == "Cara")
    assert cara.leniency.value is not None and cara.leniency.value > LENIENCY
    assert report.sampling_plan[0].assessor == "Cara"
    assert report.sampling_plan[0].sample_size > report.sampling_plan[1].sample_size
    assert any(line.startswith("Sample first: Cara") for line in report.headline)
    overall = report.overall
    assert overall.portfolios == 45 and overall.alpha_ordinal.n == overall.percent_agreement.n
    pair = next(p for p in overall.pairs if p.raters == (ENGINE, "Asha"))
    assert pair.kappa.n == sum(sum(r) for r in pair.confusion) == 4 * pair.portfolios


def test_sampling_puts_two_level_disagreements_first_and_takes_them_all() -> None:
    ratings = []
    for i in range(30):
        file = f"p{i:02d}.docx"
        engine = "met"
        ratings.append(rating(file, "monitoring", ENGINE, engine))
        asha = {3: "not_met", 17: "not_met", 5: "partially_met"}.get(i, "met")
        ratings.append(rating(file, "monitoring", "Asha", asha, DAY + dt.timedelta(days=i)))
    report = analyse(ratings, pack_of(), AS_OF)
    plan = report.sampling_plan[0]
    assert plan.portfolios == 30 and plan.sample_size == 3  # 10% of 30
    assert [s.file_name for s in plan.sample] == ["p17.docx", "p03.docx", "p05.docx"]
    assert "engine met, Asha not met (2)" in plan.sample[0].reason
    worst = report.disagreements[0]
    assert (worst.levels, worst.with_engine, worst.verdicts) == (
        2,
        True,
        {ENGINE: "met", "Asha": "not_met"},
    )
    assert worst.evidence == [
        {"text": f"quote from {worst.file_name}", "locator": "table 1, row 2"}
    ]


def test_a_new_assessor_gets_a_larger_sample_with_the_reason() -> None:
    start = AS_OF - dt.timedelta(days=NEW_ASSESSOR_DAYS - 10)
    ratings = [
        r
        for i in range(20)
        for r in (
            rating(f"p{i}.docx", "monitoring", ENGINE, "met"),
            rating(f"p{i}.docx", "monitoring", "Dee", "met", start),
        )
    ]
    report = analyse(ratings, pack_of(), AS_OF)
    dee = report.assessors[0]
    assert [f.code for f in dee.flags] == ["new"]
    assert "within 90 days" in dee.flags[0].message
    assert report.sampling_plan[0].sample_size == 10  # half of 20
    few = analyse(ratings[:6], pack_of(), AS_OF + dt.timedelta(days=365))
    assert "fewer than" in few.assessors[0].flags[0].message


def test_undefined_figures_say_why_and_raise_no_flag() -> None:
    ratings = [
        rating(f"p{i}.docx", "monitoring", rater, "met")
        for i in range(MIN_COMPARED + 2)
        for rater in (ENGINE, "Asha", "Ben")
    ]
    report = analyse(ratings, pack_of(), AS_OF)
    monitoring = next(s for s in report.marking_points if s.id == "monitoring")
    assert monitoring.alpha_ordinal.value is None and monitoring.alpha_ordinal.note == ONE_CATEGORY
    assert monitoring.percent_agreement.value == 100.0
    assert monitoring.flags == []
    empty = next(s for s in report.marking_points if s.id == "self-assessment")
    assert (empty.portfolios, empty.pairs, empty.alpha_nominal.value) == (0, [], None)
    assert all(a.flags == [] or [f.code for f in a.flags] == ["new"] for a in report.assessors)


def test_high_agreement_with_skewed_verdicts_is_not_flagged_as_low_kappa() -> None:
    # 19 of 20 agree, but nearly everything is "met": kappa is low, agreement is 95%
    ratings = []
    for i in range(20):
        ratings.append(
            rating(f"p{i}.docx", "monitoring", ENGINE, "partially_met" if i == 0 else "met")
        )
        ratings.append(rating(f"p{i}.docx", "monitoring", "Asha", "met"))
    asha = analyse(ratings, pack_of(), AS_OF).assessors[0]
    assert asha.vs_engine is not None and asha.vs_engine.kappa.value == pytest.approx(0.0)
    assert "low_engine_agreement" not in {f.code for f in asha.flags}


def pack_of() -> Pack:
    return Pack(
        id="contact-centre-pdp",
        version="1.0.0",
        sha256="0" * 64,
        title="test",
        marking_points={mp: mp for mp in POINTS},
    )
