"""Verdict conditions: read from the pack, explained in words, and feedback that names
only what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from marker.cli import main
from marker.nlp.evidence import analyse
from marker.rules.engine import mark
from marker.rules.examples import portfolio_of
from marker.rules.loader import PackError, load_pack, load_path
from marker.rules.model import VerdictExample
from marker.run import mark_file
from tests.conftest import ROOT, fixture_files

DEVELOPMENT = ROOT / "eval" / "marking_dev" / "portfolios"


def _portfolios() -> list[Path]:
    development = sorted(p for p in DEVELOPMENT.iterdir() if p.suffix in (".docx", ".xlsx"))
    return fixture_files() + development


@pytest.fixture(scope="module")
def markings():
    loaded = load_pack()
    return {path.name: mark_file(path, loaded) for path in _portfolios()}


def test_feedback_never_repeats_a_passing_checks_text(markings):
    points = {p.id: p for p in load_pack().pack.marking_points}
    for name, marking in markings.items():
        for point in marking.marking_points:
            passed = {check.feedback.passed for check in points[point.id].checks}
            assert not passed & set(point.feedback), (name, point.id)
            if point.verdict == "met":
                assert point.feedback == [], (name, point.id)


def test_do_these_first_holds_at_most_three_actions_each_from_a_point(markings):
    for name, marking in markings.items():
        steps = {step for point in marking.marking_points for step in point.feedback}
        assert len(marking.do_first) <= 3, name
        assert set(marking.do_first) <= steps, name
        if marking.outcome == "not_yet_met":
            assert marking.do_first, name


def _mark_example(**example) -> dict:
    portfolio = portfolio_of(VerdictExample(**example))
    marking = mark(portfolio, analyse(portfolio), load_pack())
    return {p.id: p for p in marking.marking_points}


def test_one_fully_smart_objective_short_of_met_is_borderline_and_says_what_is_missing():
    points = _mark_example(
        expect="partially_met",
        paragraphs=[
            "I will reduce my AHT from 7:30 to 6:30 by 31/03/2026.",
            "I will raise my FCR to 75%.",
        ],
    )
    smart = points["smart-objectives"]
    assert smart.verdict == "partially_met" and smart.confidence == "borderline"
    assert any(reason.startswith("one item short of met") for reason in smart.borderline)
    assert smart.feedback[0].startswith("Make at least two of your objectives fully SMART")


def test_an_extra_objective_without_a_date_does_not_cost_a_met():
    points = _mark_example(
        expect="met",
        paragraphs=[
            "I will reduce my AHT from 7:30 to 6:30 by 31/03/2026.",
            "I will raise my FCR from 68% to 72% by 30/04/2026.",
            "I will raise my CSAT from 4.1 to 4.4 out of 5 by 30/06/2026.",
            "I will keep my QA score at 90% or above.",
        ],
    )
    assert points["smart-objectives"].verdict == "met"


def test_explain_a_marking_point_prints_its_conditions():
    result = CliRunner().invoke(main, ["explain", "smart-objectives"])
    assert result.exit_code == 0, result.output
    assert "Met when" in result.output and "at least 2 objectives are SMART" in result.output
    assert "Partially met when" in result.output and "Not met otherwise." in result.output
    assert "Example that is partially met:" in result.output


def _broken_pack(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(load_pack().path.read_text(encoding="utf-8"))
    change(data["marking_points"][1]["verdict"])
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda v: v["met"]["all"].append({"check": "so-no-such"}), "unknown checks: so-no-such"),
        (lambda v: v["met"]["all"].append({"no_finding": ["nope"]}), "unknown findings: nope"),
        (lambda v: v["met"]["all"].append({"chekc": "so-objectives"}), "a condition needs one of"),
        (lambda v: v.update(examples=v["examples"][:2]), "examples needed for: not_met"),
        (
            lambda v: v["met"]["all"].append({"objectives": {"passing": ["smart"]}}),
            "give `at_least` or `at_most`",
        ),
    ],
)
def test_a_broken_verdict_is_refused_with_where_and_why(tmp_path, change, expected):
    with pytest.raises(PackError) as error:
        load_path(_broken_pack(tmp_path, change))
    assert expected in str(error.value) and "smart-objectives" in str(error.value)


def test_rules_test_runs_every_verdict_example():
    result = CliRunner().invoke(main, ["rules", "test"])
    assert result.exit_code == 0, result.output
    pack = load_pack().pack
    count = sum(len(c.examples) for _, c in pack.checks())
    count += sum(len(p.verdict.examples) for p in pack.marking_points)
    assert f"{count} passed, 0 failed" in result.output
