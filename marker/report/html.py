"""The learner's feedback page: one self-contained, accessible HTML file.

No external assets (styles inline, no scripts, fonts or images), so it opens anywhere,
prints cleanly and leaks nothing. Verdicts are given in words as well as colour.
"""

from __future__ import annotations

from html import escape

from marker.rules.marking import Marking, MarkingPointResult, ObjectiveResult

VERDICT_WORDS = {"met": "Met", "partially_met": "Partly met", "not_met": "Not met yet"}
_SMART = (
    ("specific", "Specific"),
    ("measurable", "Measurable"),
    ("achievable", "Achievable"),
    ("relevant", "Relevant"),
    ("time_bound", "Time-bound"),
)
_ANSWER = {True: "Yes", False: "No", None: "Can't tell"}

STYLE = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#1b1b1b;
margin:0 auto;max-width:60rem;padding:1rem 1.5rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #ddd}
.badge{display:inline-block;padding:.1rem .6rem;border-radius:.3rem;font-weight:bold;
border:2px solid}
.met{background:#e6f4ea;color:#0b5a1e;border-color:#0b5a1e}
.partially_met{background:#fff4ce;color:#6b4a00;border-color:#6b4a00}
.not_met{background:#fde7e9;color:#8a1c1c;border-color:#8a1c1c}
blockquote{margin:.4rem 0 .4rem 1rem;padding-left:.8rem;border-left:4px solid #bbb}
.where{color:#555;font-size:.9rem}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:bold;padding:.4rem 0}
.scroll{overflow-x:auto;max-width:100%}.scroll table{min-width:36rem}
h1,blockquote,li,th,td,p{overflow-wrap:anywhere}
.first{background:#eef3fb;border:2px solid #1d4f91;border-radius:.4rem;padding:0 1rem}
@media (max-width:30rem){body{padding:.5rem .75rem}}
@media print{body{max-width:none}.badge{border-width:1px}}
"""


def _where(section: str | None, locator: str) -> str:
    """Where to find it in Word: the heading it sits under, then the exact place."""
    if not section:
        return escape(locator)
    return f"under “{escape(section)}” ({escape(locator)})"


def _badge(verdict: str) -> str:
    return f'<span class="badge {verdict}">{VERDICT_WORDS[verdict]}</span>'


def _point(point: MarkingPointResult) -> str:
    parts = [
        f'<section aria-labelledby="{point.id}">',
        f'<h2 id="{point.id}">{escape(point.title)}</h2>',
    ]
    parts.append(f"<p>{_badge(point.verdict)}</p>")
    if point.evidence:
        parts.append("<h3>What we found</h3>")
        for citation in point.evidence:
            parts.append(
                f"<blockquote>{escape(citation.text)}"
                f'<br><span class="where">{_where(citation.section, citation.locator)}</span>'
                "</blockquote>"
            )
    else:
        parts.append("<p>We found no evidence for this yet.</p>")
    if point.confidence == "borderline":
        parts.append(
            '<p class="where">This one is close to the line: your assessor will look at it '
            "carefully.</p>"
        )
    if point.feedback:
        parts.append("<h3>What to do next</h3><ul>")
        parts += [f"<li>{escape(line)}</li>" for line in point.feedback]
        parts.append("</ul>")
    parts.append("</section>")
    return "\n".join(parts)


def _do_first(marking: Marking) -> str:
    if not marking.do_first:
        return ""
    items = "".join(f"<li>{escape(action)}</li>" for action in marking.do_first)
    return (
        '<section class="first" aria-labelledby="first"><h2 id="first">Do these first</h2>'
        f"<ol>{items}</ol></section>"
    )


def _objectives(objectives: list[ObjectiveResult]) -> str:
    if not objectives:
        return "<h2>Your objectives</h2><p>We found no objectives.</p>"
    head = "".join(f'<th scope="col">{label}</th>' for _, label in _SMART)
    rows = []
    for objective in objectives:
        cells = "".join(f"<td>{_ANSWER[objective.smart[c]]}</td>" for c, _ in _SMART)
        kpis = escape(", ".join(objective.kpis) or "none")
        note = " (career goal)" if objective.career_goal else ""
        rows.append(
            f'<tr><th scope="row">{objective.number}. {escape(objective.text)}{note}'
            f'<br><span class="where">{_where(objective.section, objective.locator)}</span></th>'
            f"{cells}<td>{kpis}</td></tr>"
        )
    return (
        '<h2>Your objectives</h2><div class="scroll" role="region" tabindex="0" '
        'aria-label="Objectives table"><table><caption>Is each objective SMART and linked '
        f'to a KPI?</caption><thead><tr><th scope="col">Objective</th>{head}'
        f'<th scope="col">KPIs</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def render_html(marking: Marking) -> str:
    """The whole page for one marking."""
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Feedback: {escape(marking.file)}</title><style>{STYLE}</style></head>"
        f"<body>{feedback_body(marking)}</body></html>\n"
    )


def feedback_body(marking: Marking) -> str:
    """The page's content, header and main, every learner's word escaped (`marker serve`
    puts it in its own page)."""
    outcome = (
        "All four marking points are met."
        if marking.outcome == "met"
        else "Not all marking points are met yet: see what to do next under each one."
    )
    body = [
        "<header>",
        f"<h1>Feedback on {escape(marking.file)}</h1>",
        f"<p><strong>{outcome}</strong></p>",
        f'<p class="where">Marked against {escape(marking.pack.id)} version '
        f"{escape(marking.pack.version)}. This is an automatic first check: your assessor "
        "makes the decision.</p>",
        "</header><main>",
        _do_first(marking),
        *[_point(point) for point in marking.marking_points],
        _objectives(marking.objectives),
    ]
    if marking.findings:
        body.append("<h2>Common mistakes to fix</h2><ul>")
        body += [
            f'<li>{escape(f.message)} <span class="where">({escape(f.locator)})</span></li>'
            for f in marking.findings
        ]
        body.append("</ul>")
    if marking.warnings:
        body.append("<h2>About your file</h2><ul>")
        body += [f"<li>{escape(w)}</li>" for w in marking.warnings]
        body.append("</ul>")
    body.append("</main>")
    return "".join(body)
