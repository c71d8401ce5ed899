"""The registry of check kinds: the mechanisms rule packs name and parameterise.

Every kind takes its check and the facts and returns a `Result`: a score from 0 to 1,
whether it passed, the evidence behind it, the items that failed (which findings
report one by one) and any item-level feedback.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from marker.parse.model import BlockKind
from marker.rules.facts import Facts, Item
from marker.rules.model import (
    AbsenceCheck,
    CoOccurrenceCheck,
    CountCheck,
    EveryObjectiveCheck,
    ReviewSpacingCheck,
    SmartRules,
    TableRolesCheck,
)
from marker.rules.smart import kpi_label, passes

DOCUMENT = Item("", "document", -1)


@dataclass
class Result:
    score: float
    passed: bool
    evidence: list[Item] = field(default_factory=list)
    failures: list[Item] = field(default_factory=list)
    # what each failing objective (by its number) lacks, in the learner's words
    objective_steps: dict[int, list[str]] = field(default_factory=dict)
    detail: str | None = None
    found: int | None = None  # how many counted items were found...
    needed: int | None = None  # ...and how many passing needs, where the kind counts


def count(check: CountCheck, facts: Facts, smart: SmartRules) -> Result:
    items = facts.select(check.select)
    passed = len(items) >= check.min
    return Result(
        score=min(len(items) / check.min, 1.0),
        passed=passed,
        evidence=items,
        failures=[] if passed else [DOCUMENT],  # what is missing is missing everywhere
        detail=f"found {len(items)} of {check.min}",
        found=len(items),
        needed=check.min,
    )


def _objective_steps(result, failed: list[str], smart: SmartRules) -> list[str]:
    kpis = ", ".join(kpi_label(k) for k in result.kpis) or "no KPI"
    return [smart.feedback[c].format(kpis=kpis) for c in failed if c in smart.feedback]


def every_objective(check: EveryObjectiveCheck, facts: Facts, smart: SmartRules) -> Result:
    objectives = facts.work_objectives
    passing, failures, steps = [], [], {}
    for objective, result in objectives:
        item = Item(objective.text, objective.locator, objective.block, objective)
        criteria = ["specific", "measurable", "achievable", "relevant", "time_bound"]
        tests = [
            t
            for t in (criteria if "smart" in check.require else []) + check.require
            if t != "smart"
        ]
        failed = [t for t in dict.fromkeys(tests) if not passes(result, t)]
        if failed:
            failures.append(item)
            steps[result.number] = _objective_steps(result, failed, smart)
        else:
            passing.append(item)
    if not objectives:
        return Result(0.0, False, detail="no work objectives found")
    share = len(passing) / len(objectives)
    enough = min(len(objectives) / check.min_objectives, 1.0)
    return Result(
        score=share * enough,
        passed=share >= check.min_share and len(objectives) >= check.min_objectives,
        evidence=passing,
        failures=failures,
        objective_steps=steps,
        detail=f"{len(passing)} of {len(objectives)} objectives pass",
        found=len(passing),
        needed=max(math.ceil(check.min_share * len(objectives)), check.min_objectives),
    )


def review_spacing(check: ReviewSpacingCheck, facts: Facts, smart: SmartRules) -> Result:
    dated = sorted(
        (
            (dt.date.fromisoformat(r.date), Item(r.text, r.locator, r.block, r))
            for r in facts.evidence.reviews
            if r.date
        ),
        key=lambda pair: (pair[0], pair[1].block),
    )
    dates = sorted({d for d, _ in dated})
    gaps = [(b - a).days for a, b in itertools.pairwise(dates)]
    span = (dates[-1] - dates[0]).days if dates else 0
    parts = [min(len(dates) / check.min_entries, 1.0)]
    parts.append(sum(g <= check.max_gap_days for g in gaps) / len(gaps) if gaps else 0.0)
    if check.min_span_days:
        parts.append(min(span / check.min_span_days, 1.0))
    longest = max(gaps, default=0)
    return Result(
        score=sum(parts) / len(parts),
        passed=len(dates) >= check.min_entries
        and longest <= check.max_gap_days
        and span >= check.min_span_days,
        evidence=[item for _, item in dated],
        detail=f"{len(dates)} dated reviews over {span} days, longest gap {longest} days",
        found=len(dates),
        needed=check.min_entries,
    )


def table_roles(check: TableRolesCheck, facts: Facts, smart: SmartRules) -> Result:
    tables: dict[tuple, list] = {}
    for block in facts.portfolio.body:
        if block.kind in (BlockKind.TABLE_ROW, BlockKind.TABLE_HEADER):
            key = (block.locator.part, block.locator.table, block.locator.sheet)
            tables.setdefault(key, []).append(block)
    best: tuple[float, list[Item]] = (0.0, [])
    for blocks in tables.values():
        rows = [b for b in blocks if b.kind is BlockKind.TABLE_ROW]
        filled = {
            c.role for c in (cell for b in rows for cell in b.cells) if c.role and c.text.strip()
        }
        full_rows = {
            role
            for role in filled
            if sum(any(c.role == role and c.text.strip() for c in b.cells) for b in rows)
            >= check.min_rows
        }
        met = sum(any(r in full_rows for r in group) for group in check.roles) / len(check.roles)
        if met > best[0]:
            first = blocks[0]
            best = (met, [Item(first.text, str(first.locator), first.index)])
    return Result(score=best[0], passed=best[0] >= 1.0, evidence=best[1])


def co_occurrence(check: CoOccurrenceCheck, facts: Facts, smart: SmartRules) -> Result:
    items = facts.select(check.select)
    with_, without = [], []
    for item in items:
        (with_ if facts.has_labels(item, check.with_labels) else without).append(item)
    share = len(with_) / len(items) if items else 0.0
    return Result(
        score=share,
        passed=bool(items) and share >= check.min_share,
        evidence=with_,
        failures=without,
        detail=f"{len(with_)} of {len(items)}",
    )


def absence(check: AbsenceCheck, facts: Facts, smart: SmartRules) -> Result:
    hits = [
        item
        for item in facts.select(check.select)
        if not (check.unless_with and facts.has_labels(item, check.unless_with))
    ]
    return Result(score=0.0 if hits else 1.0, passed=not hits, failures=hits)


KINDS: dict[str, Callable[..., Result]] = {
    "count": count,
    "every_objective": every_objective,
    "review_spacing": review_spacing,
    "table_roles": table_roles,
    "co_occurrence": co_occurrence,
    "absence": absence,
}
