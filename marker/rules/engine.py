"""Apply a rule pack to a portfolio's evidence: verdicts, SMART table, findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from marker.nlp.evidence import Analysed, Evidence, Objective
from marker.parse.model import Portfolio, RoleFrom
from marker.rules.checks import KINDS, Result
from marker.rules.facts import Facts, Item, section_of
from marker.rules.loader import LoadedPack
from marker.rules.marking import (
    CheckOutcome,
    Citation,
    FindingResult,
    Marking,
    MarkingPointResult,
    ObjectiveResult,
    Verdict,
)
from marker.rules.model import Check, MarkingPoint, Pack
from marker.rules.smart import assess
from marker.rules.verdicts import Context, evaluate

MAX_CITATIONS = 8
DO_FIRST = 3


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
    assessed = [
        (o, assess(o, pack.smart.achievable, start, number, section_of(portfolio, o.block)))
        for number, o in enumerate(objectives, start=1)
    ]
    return Facts(portfolio=portfolio, evidence=evidence, objectives=assessed)


def run_check(check: Check, facts: Facts, pack: Pack) -> Result:
    return KINDS[check.kind](check, facts, pack.smart)


LEVELS: tuple[Verdict, ...] = ("not_met", "partially_met", "met")
# Parse warnings that mean the page may have been misread: a verdict resting on them is
# for the assessor to confirm.
_LAYOUT_WARNINGS = {"text-boxes", "formula-without-value", "truncated"}
# Spans read with a guess an assessor should confirm ("year inferred" is too common and
# too safe to count: "3rd June" in a review log dated that year).
_GUESSES = {"month-first", "no reference date", "weekday only"}
MAX_BORDERLINE_REASONS = 3


@dataclass
class _Decision:
    verdict: Verdict
    moves_up: list[str]  # what the learner would do to reach the next verdict
    shortfall: int | None  # how far the next verdict is (1: one item short)
    borderline: list[str]


def _doubts(items: list[Item], facts: Facts) -> list[str]:
    """Why evidence behind a verdict may have been misread: a column whose role came from
    its content rather than its header, or a span read with a guess."""
    doubts: dict[str, None] = {}
    for item in items:
        source = item.source
        if not isinstance(source, Analysed):
            continue
        if source.cell is not None:
            cell = facts.portfolio.blocks[source.block].cells[source.cell]
            if cell.role_from in (RoleFrom.CONTENT, RoleFrom.CORRECTED):
                doubts[f"rests on '{cell.header or 'a column'}', read by what it holds"] = None
        for span in source.spans:
            guessed = _GUESSES.intersection(span.flags)
            if guessed:
                doubts[f"rests on '{span.text}', read with a guess ({min(guessed)})"] = None
    return list(doubts)


def _decide(context: Context, warnings: list[str]) -> _Decision:
    rule = context.point.verdict
    met = evaluate(rule.met, context)
    partial = evaluate(rule.partially_met, context)
    if met.holds:
        verdict, held, above = "met", met, None
    elif partial.holds:
        verdict, held, above = "partially_met", partial, met
    else:
        verdict, held, above = "not_met", None, partial
    reasons = [f"only just {_WORDS[verdict]}: {edge}" for edge in (held.edges if held else [])]
    if above is not None and above.margin == 1:
        missing = above.blockers[0] if above.blockers else ""
        reasons.append(
            f"one item short of {_WORDS[LEVELS[LEVELS.index(verdict) + 1]]}: {missing}".rstrip(": ")
        )
    reasons = (reasons + warnings)[:MAX_BORDERLINE_REASONS]
    return _Decision(
        verdict=verdict,
        moves_up=list(dict.fromkeys(above.blockers)) if above else [],
        shortfall=above.margin if above else None,
        borderline=reasons,
    )


_WORDS = {"met": "met", "partially_met": "partially met", "not_met": "not met"}


def _mark_point(
    point: MarkingPoint, facts: Facts, pack: Pack, found_findings: set[str]
) -> tuple[MarkingPointResult, _Decision]:
    outcomes, failed_steps = [], []
    objective_steps: dict[int, list[str]] = {}
    citations: dict[Citation, None] = {}  # in order, without repeats
    total = weighted = 0.0
    results: dict[str, Result] = {}
    for check in point.checks:
        result = results[check.id] = run_check(check, facts, pack)
        total += check.weight
        weighted += check.weight * result.score
        evidence = _cite(result.evidence, facts)
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
            # objective by objective says it better than the check's general advice
            if not result.objective_steps:
                failed_steps.append(check.feedback.failed)
            for number, steps in result.objective_steps.items():
                objective_steps.setdefault(number, []).extend(steps)
        citations.update(dict.fromkeys(evidence))
    context = Context(
        point=point,
        results=results,
        objectives=[r for _, r in facts.objectives],
        found_findings=found_findings,
        findings={f.id: f for f in pack.findings},
    )
    layout = [
        f"the page may have been misread: {w.message}"
        for w in facts.portfolio.warnings
        if w.code in _LAYOUT_WARNINGS
    ]
    cited = [item for result in results.values() for item in result.evidence]
    decision = _decide(context, layout + _doubts(cited, facts))
    # Only what is missing: the steps that would move the verdict first, then the rest.
    named = {result.number: result for _, result in facts.objectives}
    per_objective = [
        objective_step(named[number], list(dict.fromkeys(steps)))
        for number, steps in sorted(objective_steps.items())
    ]
    feedback = (
        [] if decision.verdict == "met" else [*decision.moves_up, *failed_steps, *per_objective]
    )
    result = MarkingPointResult(
        id=point.id,
        title=point.title,
        verdict=decision.verdict,
        confidence="borderline" if decision.borderline else "clear",
        borderline=decision.borderline,
        score=round(weighted / total, 3),
        evidence=list(citations)[:MAX_CITATIONS],
        feedback=list(dict.fromkeys(feedback)),
        checks=outcomes,
    )
    return result, decision


def _cite(items: list[Item], facts: Facts) -> list[Citation]:
    """The first distinct citations of a check's evidence; many items share a text (a
    cell with three spans), so each text is quoted once."""
    cited: dict[Citation, None] = {}
    looked: set[tuple[str, str]] = set()
    for item in items:
        if (item.text, item.locator) in looked:
            continue
        looked.add((item.text, item.locator))
        cited[facts.cite(item)] = None
        if len(cited) == MAX_CITATIONS:
            break
    return list(cited)


def _with_detail(message: str, result: Result) -> str:
    return f"{message} ({result.detail})" if result.detail else message


def objective_step(objective: ObjectiveResult, steps: list[str]) -> str:
    """One line per objective, named by its number and first words as the SMART table and
    the comments name it."""
    text = objective.text
    short = text if len(text) <= 60 else text[:57].rstrip() + "…"
    joined = "; ".join(step.rstrip(".") for step in steps)
    return f'Objective {objective.number} ("{short}"): {joined}.'


def _do_first(decisions: list[_Decision]) -> list[str]:
    """At most three actions, each moving a verdict up: the nearest verdicts first."""
    ranked = sorted(
        (d for d in decisions if d.moves_up),
        key=lambda d: (d.shortfall if d.shortfall is not None else 99, LEVELS.index(d.verdict)),
    )
    return list(dict.fromkeys(d.moves_up[0] for d in ranked))[:DO_FIRST]


def _findings(facts: Facts, pack: Pack) -> list[FindingResult]:
    found = []
    for finding in pack.findings:
        result = run_check(finding.check, facts, pack)
        if result.passed:
            continue
        for item in result.failures:
            message = finding.check.message
            if item.text:
                message = f'{message}: "{facts.cite(item).text}"'
            found.append(
                (item.block, FindingResult(id=finding.id, message=message, locator=item.locator))
            )
    return [f for _, f in sorted(found, key=lambda pair: pair[0])]


def mark(portfolio: Portfolio, evidence: Evidence, loaded: LoadedPack) -> Marking:
    """The marking of one portfolio against one pack. Deterministic: no clock, no paths."""
    pack = loaded.pack
    facts = facts_for(portfolio, evidence, pack)
    findings = _findings(facts, pack)
    found = {f.id for f in findings}
    marked = [_mark_point(point, facts, pack, found) for point in pack.marking_points]
    points = [point for point, _ in marked]
    return Marking(
        file=portfolio.source,
        path=portfolio.source,  # a file marked on its own; the batch and check say where it was
        file_sha256=portfolio.sha256,
        pack=loaded.ref(),
        outcome="met" if all(p.verdict == "met" for p in points) else "not_yet_met",
        marking_points=points,
        objectives=[result for _, result in facts.objectives],
        findings=findings,
        do_first=_do_first([decision for _, decision in marked]),
        warnings=[w.message for w in portfolio.warnings],
    )
