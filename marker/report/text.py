"""The marking as terminal text: verdicts with quoted evidence, SMART table, findings."""

from __future__ import annotations

from marker.rules.marking import Marking

VERDICT_TEXT = {"met": "MET", "partially_met": "PARTIALLY MET", "not_met": "NOT MET"}
_TICK = {True: "yes", False: "NO", None: "?"}
_SMART = ("specific", "measurable", "achievable", "relevant", "time_bound")


def render_marking(marking: Marking) -> str:
    outcome = "all marking points met" if marking.outcome == "met" else "not yet met"
    lines = [
        f"{marking.file}: {outcome}",
        f"  rule pack {marking.pack.id} {marking.pack.version}",
    ]
    lines += [f"  warning: {w}" for w in marking.warnings]
    if marking.do_first:
        lines += ["", "Do these first:"]
        lines += [f"  {n}. {action}" for n, action in enumerate(marking.do_first, start=1)]
    for point in marking.marking_points:
        lines += [
            "",
            f"{VERDICT_TEXT[point.verdict]:14} {point.title} ({point.id}, score {point.score:.2f})",
        ]
        lines += [f"    check first: {reason}" for reason in point.borderline]
        for citation in point.evidence[:4]:
            lines.append(f'    evidence [{citation.locator}] "{citation.text}"')
        for check in point.checks:
            if not check.passed:
                lines.append(f"    missing: {check.message}")
        for step in point.feedback:
            lines.append(f"    next step: {step}")
    if marking.objectives:
        lines += ["", "Objectives (S M A R T, KPI):"]
        for objective in marking.objectives:
            marks = " ".join(_TICK[objective.smart[c]] for c in _SMART)
            kpis = ", ".join(objective.kpis) or "none"
            kind = " [career goal]" if objective.career_goal else ""
            lines.append(f"  {objective.number}. [{objective.locator}] {marks} | KPI: {kpis}{kind}")
            lines.append(f'     "{objective.text[:110]}"')
    if marking.findings:
        lines += ["", "Findings:"]
        lines += [f"  {f.id} [{f.locator}] {f.message}" for f in marking.findings]
    return "\n".join(lines)
