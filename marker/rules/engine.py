"""Apply a rule pack to a portfolio's evidence: verdicts, SMART table, findings."""

from __future__ import annotations

import datetime as dt

from marker.nlp.evidence import Evidence, Objective
from marker.parse.model import Portfolio
from marker.rules.checks import KINDS, Result
from marker.rules.facts import Facts, Item
from marker.rules.loader import LoadedPack
from marker.rules.marking import (
    CheckOutcome,
    Citation,
    FindingResult,
    Marking,
    MarkingPointResult,
    Verdict,
)
from marker.rules.model import Check, MarkingPoint, Pack
from marker.rules.smart import assess

MAX_CITATIONS = 8


def _start_date(portfolio: Portfolio, evidence: Evidence) -> dt.date | None:
    """When the plan was made, for timescales given only as a deadline: the file's
    creation or the first review (often the meeting that agreed the plan), if earlier."""
    created = portfolio.properties.created
    known = [dt.date.fromisoformat(r.date) for r in evidence.reviews if r.date]
    known += [created.date()] if created else []
    return min(known, default=portfolio.reference_date)


_OBJECTIVE_SECTIONS = ("objective", "goal", "target", "aim")


def _stated_objectives(portfolio: Portfolio, evidence: Evidence) -> list[Objective]:
    """The objectives to mark. Where the learner has an objectives section, a goal said
    elsewhere with no KPI or target is an aside ("I would like to progress at some point")
    or a step of the plan ("I will shadow a planner every fortnight from July"), not a
    work objective; with no such section, every goal counts."""
    blocks = portfolio.blocks
    in_section = [
        any(
            w in (b.heading_path[-1] if b.heading_path else "").lower() for w in _OBJECTIVE_SECTIONS
        )
        or b.locator.table is not None
        or b.locator.sheet is not None
        for b in blocks
    ]
    if not any(in_section):
        return list(evidence.objectives)
    return [o for o in evidence.objectives if in_section[o.block] or o.kpis or o.target or o.career]


def facts_for(portfolio: Portfolio, evidence: Evidence, pack: Pack) -> Facts:
    start = _start_date(portfolio, evidence)
    objectives = _stated_objectives(portfolio, evidence)
    assessed = [(o, assess(o, pack.smart.achievable, start)) for o in objectives]
    return Facts(portfolio=portfolio, evidence=evidence, objectives=assessed)


def run_check(check: Check, facts: Facts, pack: Pack) -> Result:
    return KINDS[check.kind](check, facts, pack.smart)


def _verdict(
    point: MarkingPoint, score: float, passed: dict[str, bool], scores: dict[str, float]
) -> Verdict:
    rule = point.verdict
    if score >= rule.met_at and all(passed[c] for c in rule.required_for_met):
        return "met"
    if score >= rule.partially_met_at and all(scores[c] > 0 for c in rule.required_for_partial):
        return "partially_met"
    return "not_met"


def _mark_point(point: MarkingPoint, facts: Facts, pack: Pack) -> MarkingPointResult:
    outcomes, feedback = [], []
    citations: dict[Citation, None] = {}  # in order, without repeats
    total = weighted = 0.0
    passed: dict[str, bool] = {}
    scores: dict[str, float] = {}
    for check in point.checks:
        result = run_check(check, facts, pack)
        passed[check.id], scores[check.id] = result.passed, result.score
        total += check.weight
        weighted += check.weight * result.score
        evidence = _cite(result.evidence)
        outcomes.append(
            CheckOutcome(
                id=check.id,
                title=check.title,
                passed=result.passed,
                score=round(result.score, 3),
                message=None if result.passed else _with_detail(check.message, result),
                evidence=evidence,
            )
        )
        if not result.passed:
            feedback.append(check.feedback.failed)
            feedback += result.feedback
        citations.update(dict.fromkeys(evidence))
    score = round(weighted / total, 3)
    if not feedback:
        feedback = [c.feedback.passed for c in point.checks]
    return MarkingPointResult(
        id=point.id,
        title=point.title,
        verdict=_verdict(point, score, passed, scores),
        score=score,
        evidence=list(citations)[:MAX_CITATIONS],
        feedback=feedback,
        checks=outcomes,
    )


def _cite(items: list[Item]) -> list[Citation]:
    """The first distinct citations of a check's evidence; many items share a text (a
    cell with three spans), so each text is quoted once."""
    cited: dict[Citation, None] = {}
    looked: set[tuple[str, str]] = set()
    for item in items:
        if (item.text, item.locator) in looked:
            continue
        looked.add((item.text, item.locator))
        cited[item.citation()] = None
        if len(cited) == MAX_CITATIONS:
            break
    return list(cited)


def _with_detail(message: str, result: Result) -> str:
    return f"{message} ({result.detail})" if result.detail else message


def _findings(facts: Facts, pack: Pack) -> list[FindingResult]:
    found = []
    for finding in pack.findings:
        result = run_check(finding.check, facts, pack)
        if result.passed:
            continue
        for item in result.failures:
            message = finding.check.message
            if item.text:
                message = f'{message}: "{item.citation().text}"'
            found.append(
                (item.block, FindingResult(id=finding.id, message=message, locator=item.locator))
            )
    return [f for _, f in sorted(found, key=lambda pair: pair[0])]


def mark(portfolio: Portfolio, evidence: Evidence, loaded: LoadedPack) -> Marking:
    """The marking of one portfolio against one pack. Deterministic: no clock, no paths."""
    pack = loaded.pack
    facts = facts_for(portfolio, evidence, pack)
    points = [_mark_point(point, facts, pack) for point in pack.marking_points]
    return Marking(
        file=portfolio.source,
        path=portfolio.source,  # a file marked on its own; the batch and check say where it was
        file_sha256=portfolio.sha256,
        pack=loaded.ref(),
        outcome="met" if all(p.verdict == "met" for p in points) else "not_yet_met",
        marking_points=points,
        objectives=[result for _, result in facts.objectives],
        findings=_findings(facts, pack),
        warnings=[w.message for w in portfolio.warnings],
    )
