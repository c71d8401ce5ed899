"""The rules stage: pack loading, embedded examples, the marking contract, golden files."""

from __future__ import annotations

import json
import os
import re

import pytest
import yaml
from click.testing import CliRunner

from marker.cli import main
from marker.rules.examples import portfolio_of, run_examples, try_example
from marker.rules.loader import PackError, load_pack, load_path
from marker.rules.model import Example
from marker.run import mark_file
from tests.conftest import ROOT, fixture_files

GOLDEN = ROOT / "fixtures" / "golden"
PACK = load_pack()
EXAMPLES = [
    (check, number, example)
    for _, check in PACK.pack.checks()
    for number, example in enumerate(check.examples, start=1)
]


def test_the_pack_mirrors_the_four_examiner_marking_points_and_six_mistakes():
    pack = PACK.pack
    assert [mp.id for mp in pack.marking_points] == [
        "self-assessment",
        "smart-objectives",
        "development-plan",
        "monitoring",
    ]
    assert {f.id for f in pack.findings} == {
        "vague-objective",
        "no-kpi-link",
        "irrelevant-activity",
        "hobby-not-professional",
        "plan-not-reviewed",
        "uncorroborated-claim",
    }
    scheme = (ROOT / "rules" / "contact-centre-pdp" / "scheme.md").read_text(encoding="utf-8")
    scheme = " ".join(scheme.split())
    for point in pack.marking_points:
        assert " ".join(point.examiner.split()) in scheme, point.id


@pytest.mark.parametrize(("check", "number", "example"), EXAMPLES, ids=lambda v: str(v)[:30])
def test_embedded_example(check, number, example):
    assert try_example(check, number, example, PACK.pack) is None


def test_rules_test_reports_a_failing_example_with_its_rule_id(tmp_path):
    data = yaml.safe_load(PACK.path.read_text())
    check = data["marking_points"][0]["checks"][0]
    check["examples"][0]["paragraphs"] = ["Nothing about goals here."]
    broken = tmp_path / "contact-centre-pdp.yaml"
    broken.write_text(yaml.safe_dump(data))
    _, failures = run_examples(load_path(broken))
    assert [str(f).split(":")[0] for f in failures] == [check["id"]]
    result = CliRunner().invoke(main, ["rules", "test", str(broken)])
    assert result.exit_code == 1 and f"FAIL {check['id']}" in result.output


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            lambda d: d["marking_points"][1]["checks"][0].update(kind="cuont"),
            ["marking point 'smart-objectives'", "check 'so-objectives'"],
        ),
        (
            lambda d: d["marking_points"][0]["checks"][1].update(min="three"),
            ["marking point 'self-assessment'", "check 'sa-current-position'", "field 'min'"],
        ),
        (
            lambda d: d["marking_points"][3]["checks"][0].update(colour="red"),
            ["check 'mo-dated-reviews'", "colour"],
        ),
        (lambda d: d.pop("version"), ["field 'version'"]),
    ],
)
def test_load_errors_name_the_file_the_rule_and_the_field(tmp_path, change, words):
    data = yaml.safe_load(PACK.path.read_text())
    change(data)
    path = tmp_path / "pack.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(PackError) as caught:
        load_path(path)
    message = str(caught.value)
    assert str(path) in message
    for word in words:
        assert word in message


def test_unknown_pack_is_a_clear_error():
    with pytest.raises(PackError, match="no rule pack 'nope'"):
        load_pack("nope")


@pytest.fixture(scope="module")
def markings():
    return {path.name: mark_file(path, PACK) for path in fixture_files()}


def test_marking_json_has_the_documented_shape(markings):
    data = markings["strong_styled_headings.docx"].model_dump(mode="json")
    assert list(data)[:3] == ["file", "path", "file_sha256"]  # the name, then the identity
    assert set(data) >= {
        "file",
        "pack",
        "outcome",
        "marking_points",
        "objectives",
        "findings",
        "warnings",
    }
    assert set(data["pack"]) == {"id", "version", "sha256"}
    point = data["marking_points"][0]
    assert set(point) >= {"id", "title", "verdict", "score", "evidence", "feedback"}
    assert 0 <= point["score"] <= 1 and point["verdict"] in {"met", "partially_met", "not_met"}
    objective = data["objectives"][1]
    assert set(objective) >= {"text", "locator", "kpis", "baseline", "target", "deadline", "smart"}
    assert set(objective["smart"]) == {
        "specific",
        "measurable",
        "achievable",
        "relevant",
        "time_bound",
    }
    assert data["outcome"] == (
        "met" if all(p["verdict"] == "met" for p in data["marking_points"]) else "not_yet_met"
    )


def test_every_verdict_is_traceable_to_quoted_evidence(markings):
    for marking in markings.values():
        for point in marking.marking_points:
            if point.verdict != "not_met":
                assert point.evidence, (marking.file, point.id)
                for citation in point.evidence:
                    assert citation.text and citation.locator


def test_halving_handling_time_in_two_weeks_is_flagged_as_not_achievable():
    example = Example(
        expect="fail", paragraphs=["I will cut my AHT from 8:00 to 4:00 within 2 weeks."]
    )
    marking = _mark_example(example)
    (objective,) = marking.objectives
    assert objective.smart["achievable"] is False
    assert "is more than" in objective.reasons["achievable"].reason


def test_achievable_is_null_when_it_cannot_be_judged():
    marking = _mark_example(
        Example(expect="pass", paragraphs=["I will raise FCR to 75% by 30/09/2025."])
    )
    assert marking.objectives[0].smart["achievable"] is None


def test_next_steps_name_the_objective_and_what_is_missing():
    marking = _mark_example(
        Example(
            expect="fail",
            paragraphs=[
                "I will reduce my AHT by 31/03/2026.",
                "I will raise my FCR to 75% by June 2026.",
            ],
        )
    )
    feedback = " ".join(f for p in marking.marking_points for f in p.feedback)
    assert re.search(r"Objective 1 .*AHT|Objective 1 .*handling time.*no target", feedback)


def _mark_example(example):
    from marker.nlp.evidence import analyse
    from marker.rules.engine import mark

    portfolio = portfolio_of(example)
    return mark(portfolio, analyse(portfolio), PACK)


def test_hobbies_and_irrelevant_courses_are_named_findings():
    marking = _mark_example(
        Example(
            expect="fail",
            paragraphs=[
                "I want to run a half marathon by June.",
                "I will take a food hygiene course in May.",
            ],
        )
    )
    found = {f.id for f in marking.findings}
    assert {"hobby-not-professional", "irrelevant-activity", "plan-not-reviewed"} <= found


def _golden_json(marking) -> str:
    return (
        json.dumps(marking.model_dump(mode="json"), ensure_ascii=False, indent=2, sort_keys=True)
        + "\n"
    )


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.name)
def test_golden_marking(path, markings):
    """Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change."""
    golden = GOLDEN / f"{path.stem}.json"
    text = _golden_json(markings[path.name])
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text)
    assert golden.read_text() == text


def test_marking_is_deterministic_and_holds_no_paths(markings):
    path = fixture_files()[0]
    again = _golden_json(mark_file(path, PACK))
    assert again == _golden_json(markings[path.name])
    assert str(ROOT) not in again


def test_check_command_formats(tmp_path):
    files = [str(p) for p in fixture_files()[:2]]
    single = CliRunner().invoke(main, ["check", files[0], "--format", "json"])
    assert json.loads(single.output)["file"] == fixture_files()[0].name
    several = CliRunner().invoke(main, ["check", *files, "--format", "json"])
    assert [m["file"] for m in json.loads(several.output)] == [p.name for p in fixture_files()[:2]]
    lines = CliRunner().invoke(main, ["check", *files, "--format", "jsonl"]).output.splitlines()
    assert len(lines) == 2 and all(json.loads(line)["pack"]["id"] == PACK.pack.id for line in lines)
    text = CliRunner().invoke(main, ["check", files[0]]).output
    assert "Objectives (S M A R T, KPI)" in text


def test_explain_prints_what_why_and_examples():
    result = CliRunner().invoke(main, ["explain", "so-kpi-linked"])
    assert result.exit_code == 0
    assert "Why it matters" in result.output and "Example that must pass" in result.output
    finding = CliRunner().invoke(main, ["explain", "vague-objective"])
    assert "Finding: vague-objective" in finding.output
    assert CliRunner().invoke(main, ["explain", "nope"]).exit_code != 0


def test_rules_list_show_and_validate():
    runner = CliRunner()
    assert "contact-centre-pdp" in runner.invoke(main, ["rules", "list"]).output
    shown = runner.invoke(main, ["rules", "show"]).output
    assert "examiner: Award credit" in shown
    assert runner.invoke(main, ["rules", "validate"]).exit_code == 0
