"""SMART, objective by objective: each criterion with its reason and the words behind it.

Specific, measurable and time-bound are judged on the objective's own words, in any
walk of life: specific is a concrete action on a named object ("run 5km", "complete the
complaints module") or a named measure; measurable is any number, repeat, amount or
relative change ("twice a week", "4 modules", "by half", "£200"); time-bound is a date,
a period ("within 6 weeks") or a repeat with a span ("every month (Apr–Sep)"), never
"ongoing" or "asap". `achievable` is judged from baseline, target and timescale where all
three exist (halving handling time in two weeks is flagged) and is None where it cannot
be judged. `relevant` means about the job: hobbies, personal life and courses off the
job are not. What a
unit's pack adds, the KPI link for this one, is judged separately, as `kpi_linked`.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from marker.nlp.evidence import Objective
from marker.nlp.terms import vocabularies
from marker.rules.marking import ObjectiveResult, Reason
from marker.rules.model import AchievableRule

_DAYS_PER_MONTH = 30.44
_PERIOD = re.compile(r"P(\d+(?:\.\d+)?)([DWMY])")
_MONTHS_PER = {"D": 1 / _DAYS_PER_MONTH, "W": 7 / _DAYS_PER_MONTH, "M": 1.0, "Y": 12.0}


@cache
def _kpi_labels() -> dict[str, str]:
    return {t.id: t.info.get("label", t.id) for t in vocabularies()["kpis"].terms}


def kpi_label(kpi: str) -> str:
    return _kpi_labels().get(kpi, kpi)


def _amount(value: dict | None) -> str:
    if not value:
        return ""
    number, unit = value.get("value"), value.get("unit")
    if unit == "s" and isinstance(number, int | float):
        return f"{int(number) // 60}:{int(number) % 60:02d}"
    scale = f"/{value['scale']}" if value.get("scale") else ""
    suffix = {"%": "%", "points": " points", "GBP": ""}.get(unit or "", "")
    prefix = "£" if unit == "GBP" else ""
    return f"{prefix}{number:g}{scale}{suffix}" if isinstance(number, int | float) else ""


def is_career_goal(objective: Objective) -> bool:
    """ "Become a team leader within two years": a career goal, not a work objective."""
    return bool(objective.career) and not objective.kpis and objective.target is None


def _months(objective: Objective, start: dt.date | None) -> float | None:
    """The time an objective has: the longer of its timescale and the time to its deadline
    ("repeat calls within 10 days ... by 30/06" gives the window of a measure too)."""
    periods = []
    if objective.timescale:
        match = _PERIOD.match(objective.timescale.split("/")[-1])
        if match:
            periods.append(float(match[1]) * _MONTHS_PER[match[2]])
    if objective.deadline and start:
        deadline = dt.date.fromisoformat(objective.deadline["date"])
        if deadline > start:
            periods.append((deadline - start).days / _DAYS_PER_MONTH)
    return max(periods, default=None)


def _achievable(
    objective: Objective, rule: AchievableRule, start: dt.date | None
) -> tuple[bool | None, Reason]:
    base, target = objective.baseline, objective.target
    if not base or not target or base.get("unit") != target.get("unit"):
        return None, Reason(reason="cannot be judged: no baseline and target in the same unit")
    months = _months(objective, start)
    if months is None:
        return None, Reason(reason="cannot be judged: no timescale")
    low, high = base.get("value"), target.get("value")
    if not isinstance(low, int | float) or not isinstance(high, int | float) or not low:
        return None, Reason(reason="cannot be judged: the baseline is zero or not a number")
    change = abs(high - low) / abs(low)
    per_month = change / max(months, rule.min_months)
    text = f"from {_amount(base)} to {_amount(target)} in {months:.1f} months"
    if per_month > rule.max_relative_change_per_month:
        return False, Reason(
            reason=f"a {change:.0%} change in {months:.1f} months is more than "
            f"{rule.max_relative_change_per_month:.0%} a month: check it is realistic",
            text=text,
        )
    return True, Reason(reason=f"a {change:.0%} change over {months:.1f} months", text=text)


def assess(
    objective: Objective,
    rule: AchievableRule,
    start: dt.date | None,
    number: int = 1,
    section: str | None = None,
) -> ObjectiveResult:
    """The SMART letters of one objective, named `number` wherever it is shown."""
    kpis = [kpi_label(k) for k in objective.kpis]
    target = _amount(objective.target)
    deadline = objective.deadline["date"] if objective.deadline else None
    reasons: dict[str, Reason] = {}
    smart: dict[str, bool | None] = {}

    concrete = objective.concrete
    focus = objective.kpis or target or concrete or (objective.action and objective.work_context)
    # "reduce my AHT" names a metric but not what will change, unless a number is set
    bare = objective.bare_metric and not (target or objective.counts)
    smart["specific"] = bool(focus) and not (objective.vague and not objective.kpis) and not bare
    named = kpis or [concrete or objective.action or "an action"]
    reasons["specific"] = Reason(
        reason="names what will change: " + ", ".join(named)
        if smart["specific"]
        else "vague: "
        + (
            ", ".join(objective.vague)
            or ("a metric with no number to reach" if bare else "")
            or "no metric or concrete outcome named"
        ),
        text=", ".join(kpis) or concrete or None,
    )
    # a named metric is measured by its own number or a count: "hit my targets every
    # month" is not; an outcome reached or not ("pass the exam", "no fails") is
    counted = objective.counts if objective.kpis else objective.amounts
    amount = target or ", ".join(counted) or objective.outcome or ""
    smart["measurable"] = bool(amount)
    reasons["measurable"] = Reason(
        reason=(
            f"target {target}"
            if target
            else (f"measured by {amount}" if counted else f"done or not: {amount}")
        )
        if amount
        else "no number to aim for",
        text=amount or None,
    )
    smart["achievable"], reasons["achievable"] = _achievable(objective, rule, start)
    # An objective in a work plan is about the job unless it names personal life or a
    # course off the job: "be more confident" is vague, but relevant.
    personal = [*objective.hobby, *objective.off_topic]
    smart["relevant"] = not personal
    reasons["relevant"] = Reason(
        reason="personal life, not workplace competence: " + ", ".join(personal)
        if personal
        else (
            "tied to contact-centre work"
            if objective.kpis or objective.work_context or objective.career
            else "about the job: nothing in it is personal"
        ),
        text=", ".join(personal) or None,
    )
    when = objective.deadline["text"] if objective.deadline else objective.timescale
    smart["time_bound"] = bool(when)
    reasons["time_bound"] = Reason(
        reason=f"due {deadline}"
        if deadline
        else (f"within {when}" if when else "no date or timescale"),
        text=when,
    )
    learning = bool(objective.activities) and not kpis
    reasons["kpi_linked"] = Reason(
        reason="linked to " + ", ".join(kpis)
        if kpis
        else ("a learning objective: no KPI needed" if learning else "no organisational KPI named"),
        text=", ".join(kpis) or None,
    )
    return ObjectiveResult(
        number=number,
        text=objective.text,
        locator=objective.locator,
        section=section,
        kpis=list(objective.kpis),
        baseline=objective.baseline,
        target=objective.target,
        deadline=deadline,
        career_goal=is_career_goal(objective),
        learning=learning,
        smart=smart,
        reasons=reasons,
    )


def passes(result: ObjectiveResult, test: str) -> bool:
    """One named test of an objective: a SMART criterion, `kpi_linked` or all of `smart`."""
    if test == "kpi_linked":
        return bool(result.kpis) or result.learning
    if test == "smart":
        return all(v is not False for v in result.smart.values()) and all(
            result.smart[c] for c in ("specific", "measurable", "relevant", "time_bound")
        )
    return result.smart[test] is not False if test == "achievable" else bool(result.smart[test])
