"""Verdict conditions: whether each holds, how near its edge, and what would change it.

A marking point is `met` when its `met` condition holds, else `partially_met` when that
one holds, else `not_met`. Each condition is read in words (`marker explain POINT`),
knows by how much it holds or fails (a count one short of the next verdict makes that
verdict borderline) and, when it fails, what the learner should do about it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marker.rules.checks import Result
from marker.rules.marking import ObjectiveResult
from marker.rules.model import (
    AllCondition,
    AnyCondition,
    Check,
    CheckCondition,
    Condition,
    Finding,
    FindingCondition,
    MarkingPoint,
    ObjectiveCount,
    ObjectivesCondition,
)
from marker.rules.smart import passes

TEST_WORDS = {
    "specific": "specific",
    "measurable": "measurable",
    "achievable": "achievable",
    "relevant": "relevant to the job",
    "time_bound": "time-bound",
    "kpi_linked": "linked to a KPI",
    "smart": "SMART",
}


@dataclass
class Evaluation:
    """Whether a condition holds; `margin` is how far past its edge it holds (0: exactly
    at it) or how far short it falls (1: one short), None where nothing is counted."""

    holds: bool
    margin: int | None = None
    blockers: list[str] = field(default_factory=list)  # learner actions, when it fails
    edges: list[str] = field(default_factory=list)  # conditions held exactly at their edge


@dataclass
class Context:
    point: MarkingPoint
    results: dict[str, Result]
    objectives: list[ObjectiveResult]
    found_findings: set[str]
    findings: dict[str, Finding]

    def check(self, check_id: str) -> Check:
        return next(c for c in self.point.checks if c.id == check_id)


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def describe(condition: Condition, point: MarkingPoint, findings: dict[str, Finding]) -> str:
    """The condition in words, for `marker explain` and the assessor."""
    if condition.says:
        return condition.says
    if isinstance(condition, AllCondition | AnyCondition):
        parts = [
            _part(c, point, findings) for c in getattr(condition, "all", None) or condition.any
        ]
        if isinstance(condition, AllCondition):
            return _and(parts)
        if condition.at_least == 1:
            return "either " + _or(parts) if len(parts) > 1 else parts[0]
        return f"at least {condition.at_least} of: " + "; ".join(parts)
    if isinstance(condition, CheckCondition):
        title = next(c.title for c in point.checks if c.id == condition.check).lower()
        if condition.found_at_least:
            return f"{title} (at least {condition.found_at_least} found)"
        return title if condition.passed else f"not: {title}"
    if isinstance(condition, ObjectivesCondition):
        return _describe_objectives(condition.objectives)
    mistakes = [findings[f].mistake.rstrip(".").lower() for f in condition.no_finding]
    return "none of these mistakes: " + "; ".join(mistakes)


def _part(condition: Condition, point: MarkingPoint, findings: dict[str, Finding]) -> str:
    words = describe(condition, point, findings)
    composite = isinstance(condition, AllCondition | AnyCondition) and not condition.says
    return f"({words})" if composite else words


def _describe_objectives(count: ObjectiveCount) -> str:
    if count.passing:
        tests = _and([TEST_WORDS[t] for t in count.passing])
        n = count.at_least if count.at_least is not None else count.at_most or 0
        bound = "at least" if count.at_least is not None else "at most"
        verb = "is" if n == 1 else "are"
        return f"{bound} {_plural(n, 'objective')} {verb} {tests}"
    if count.at_most == 0:
        return f"every objective is {_and([TEST_WORDS[t] for t in count.failing])}"
    if count.at_most is not None:
        tests = _and([TEST_WORDS[t] for t in count.failing])
        return f"all but at most {_plural(count.at_most, 'objective')} are {tests}"
    tests = _or([TEST_WORDS[t] for t in count.failing])
    return f"at least {_plural(count.at_least or 0, 'objective')} not {tests}"


def evaluate(condition: Condition, context: Context) -> Evaluation:
    if isinstance(condition, AllCondition):
        parts = [evaluate(c, context) for c in condition.all]
        failing = [p for p in parts if not p.holds]
        if failing:
            return Evaluation(
                False,
                _total_shortfall(failing),
                [b for p in failing for b in p.blockers],
            )
        return Evaluation(True, _least(parts), edges=[e for p in parts for e in p.edges])
    if isinstance(condition, AnyCondition):
        return _any(condition, [evaluate(c, context) for c in condition.any])
    if isinstance(condition, CheckCondition):
        return _check(condition, context)
    if isinstance(condition, ObjectivesCondition):
        return _objectives(condition, context)
    return _findings(condition, context)


def _least(parts: list[Evaluation]) -> int | None:
    margins = [p.margin for p in parts if p.margin is not None]
    return min(margins, default=None)


def _total_shortfall(failing: list[Evaluation]) -> int | None:
    if any(p.margin is None for p in failing):
        return None
    return sum(p.margin or 0 for p in failing)


def _any(condition: AnyCondition, parts: list[Evaluation]) -> Evaluation:
    holding = [p for p in parts if p.holds]
    if len(holding) >= condition.at_least:
        spare = len(holding) > condition.at_least
        margin = 1 if spare else _least(holding)
        edges = [] if spare else [e for p in holding for e in p.edges]
        return Evaluation(True, margin, edges=edges)
    failing = sorted(
        (p for p in parts if not p.holds),
        key=lambda p: p.margin if p.margin is not None else 99,
    )
    nearest = failing[: condition.at_least - len(holding)]
    return Evaluation(False, _total_shortfall(nearest), [b for p in nearest for b in p.blockers])


def _counted(holds: bool, count: int, edge: int, words: str, action: str) -> Evaluation:
    """A count against its edge: `edge` is the least count that holds. Holding exactly
    at an edge of two or more is near it; one item where one is asked for is not."""
    if holds:
        margin = count - edge
        return Evaluation(True, margin, edges=[words] if margin == 0 and edge > 1 else [])
    return Evaluation(False, edge - count, [action])


def _check(condition: CheckCondition, context: Context) -> Evaluation:
    result = context.results[condition.check]
    check = context.check(condition.check)
    action = condition.feedback or check.feedback.failed
    words = describe(condition, context.point, context.findings)
    if condition.found_at_least:
        found = result.found or 0
        holds = found >= condition.found_at_least
        return _counted(holds, found, condition.found_at_least, words, action)
    if result.passed != condition.passed:
        margin = None
        if condition.passed and result.found is not None and result.needed is not None:
            margin = max(result.needed - result.found, 1)
        return Evaluation(False, margin, [action] if condition.passed else [])
    if condition.passed and result.found is not None and result.needed is not None:
        return _counted(True, result.found, result.needed, words, action)
    return Evaluation(True)


def _objectives(condition: ObjectivesCondition, context: Context) -> Evaluation:
    count = condition.objectives
    if count.passing:
        matching = sum(
            all(passes(o, t) for t in count.passing)
            for o in context.objectives
            if not o.career_goal
        )
    else:
        matching = sum(
            any(not passes(o, t) for t in count.failing)
            for o in context.objectives
            if not o.career_goal
        )
    words = describe(condition, context.point, context.findings)
    action = condition.feedback or _objective_action(condition, matching)
    if count.at_least is not None:
        return _counted(matching >= count.at_least, matching, count.at_least, words, action)
    at_most = count.at_most or 0
    if matching <= at_most:
        return Evaluation(True, at_most - matching, edges=[words] if matching == at_most else [])
    return Evaluation(False, matching - at_most, [action])


def _objective_action(condition: ObjectivesCondition, matching: int) -> str:
    count = condition.objectives
    if count.passing:
        tests = _and([TEST_WORDS[t] for t in count.passing])
        return (
            f"Make at least {_plural(count.at_least or 0, 'objective')} {tests} (now {matching})."
        )
    tests = _and([TEST_WORDS[t] for t in count.failing])
    return f"Make every objective {tests}, or take out the ones that are not."


def _findings(condition: FindingCondition, context: Context) -> Evaluation:
    made = [f for f in condition.no_finding if f in context.found_findings]
    if not made:
        return Evaluation(True)
    actions = [condition.feedback] if condition.feedback else []
    actions += (
        [] if condition.feedback else [context.findings[f].check.feedback.failed for f in made]
    )
    return Evaluation(False, len(made), actions)
