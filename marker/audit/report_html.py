"""The audit report as one self-contained, accessible HTML page.

No scripts, fonts or images from outside: the page must open from a USB stick or an
e-mail attachment at a centre with no network. Charts are inline SVG with a title and
description for screen readers, and every chart has a table beside it with the numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from marker.audit import fmt
from marker.audit.analysis import LOW_KAPPA
from marker.audit.model import AuditReport, Pair, Scope
from marker.audit.scheme import ENGINE, VERDICTS
from marker.audit.stats import Stat

_VERDICT_COLOURS = {"not_met": "#b2182b", "partially_met": "#e08214", "met": "#1b7837"}
_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
main{max-width:70rem;margin:0 auto;padding:1rem 1.5rem}
h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:2px solid #ddd;margin-top:2.5rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.92rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.n{text-align:right;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.3rem 0}
.flag{color:#8a1c1c;font-weight:600}.meta{color:#444}
blockquote{margin:.2rem 0;padding-left:.6rem;border-left:3px solid #999}
.loc{color:#555;font-size:.85em}.headline li{margin:.3rem 0}
table.cm td,table.cm th{padding:.1rem .35rem;font-size:.85em}
a:focus,summary:focus{outline:3px solid #1f5fbf}
"""


def render_html(report: AuditReport) -> str:
    """The full page; sections run from what to do first to how it was worked out."""
    pack = report.pack
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Consistency audit: {escape(pack['title'])}</title>",
        f"<style>{_STYLE}</style></head><body><main>",
        f"<h1>Consistency audit: {escape(pack['title'])}</h1>",
        f'<p class="meta">Pack {escape(pack["id"])} version {escape(pack["version"])} '
        f"(sha256 {escape(pack['sha256'][:12])}…), as of {report.as_of:%d/%m/%Y}, "
        f"generated {report.generated_at:%d/%m/%Y %H:%M} UTC.</p>",
        '<nav aria-label="Sections"><ul>'
        + "".join(
            f'<li><a href="#{i}">{t}</a></li>'
            for i, t in (
                ("sample", "What to sample first"),
                ("points", "Marking points"),
                ("assessors", "Assessors"),
                ("verdicts", "Verdict distributions"),
                ("pairs", "Rater pairs"),
                ("disagreements", "Disagreements"),
                ("method", "How this is worked out"),
            )
        )
        + "</ul></nav>",
        _sample_section(report),
        _points_section(report),
        _assessors_section(report),
        _verdicts_section(report.overall),
        _pairs_section(report),
        _disagreements_section(report),
        _method_section(report),
        "</main></body></html>",
    ]
    return "\n".join(parts)


def _sample_section(report: AuditReport) -> str:
    out = ['<section id="sample"><h2>What to sample first</h2><ul class="headline">']
    out += [f"<li>{escape(line)}</li>" for line in report.headline]
    out.append("</ul>")
    for plan in report.sampling_plan:
        out.append(
            f"<h3>{escape(plan.assessor)}: sample {plan.sample_size} of {plan.portfolios}</h3>"
        )
        out.append("<ul>" + "".join(f"<li>{escape(r)}</li>" for r in plan.reasons) + "</ul>")
        out.append("<ol>")
        for item in plan.sample:
            learner = f" ({escape(item.learner)})" if item.learner else ""
            out.append(
                f"<li><strong>{escape(item.file_name)}</strong>{learner}: "
                f"{escape(item.reason)}</li>"
            )
        out.append("</ol>")
    out.append("<h3>Marking points in order of review</h3><ol>")
    out += [
        f"<li><strong>{escape(p.marking_point)}</strong> ({escape(p.title)}): "
        f"{escape(p.reason)}</li>"
        for p in report.points_to_sample
    ]
    out.append("</ol></section>")
    return "\n".join(out)


def _points_section(report: AuditReport) -> str:
    head = (
        "Marking point",
        "Portfolios",
        "Agreement",
        "Alpha (nominal)",
        "Alpha (ordinal)",
        "Kappa engine v assessors",
        "Flags",
    )
    rows = [
        [
            escape(s.id if s.id == "overall" else f"{s.id}: {s.title}"),
            _n(s.portfolios),
            _stat(s.percent_agreement, fmt.pct),
            _stat(s.alpha_nominal),
            _stat(s.alpha_ordinal),
            _stat(s.engine_kappa),
            _flags(s.flags),
        ]
        for s in [*report.marking_points, report.overall]
    ]
    table = _table("Agreement per marking point (all raters, the engine included)", head, rows)
    return f'<section id="points"><h2>Marking points</h2>{table}</section>'


def _assessors_section(report: AuditReport) -> str:
    head = (
        "Assessor",
        "Portfolios",
        "Decisions",
        "First decision",
        "Agreement with engine",
        "Kappa with engine",
        "Weighted kappa with engine",
        "Kappa with peers",
        "Leniency",
        "Flags",
    )
    rows = []
    for a in report.assessors:
        rows.append(
            [
                escape(a.name),
                _n(a.portfolios),
                _n(a.decisions),
                f"{a.first_decision:%d/%m/%Y}",
                _stat(a.vs_engine.percent_agreement if a.vs_engine else None, fmt.pct),
                _stat(a.vs_engine.kappa if a.vs_engine else None),
                _stat(a.vs_engine.quadratic_weighted_kappa if a.vs_engine else None),
                _stat(a.vs_peers.kappa if a.vs_peers else None),
                f'<td class="n">{fmt.signed(a.leniency)}</td>',
                _flags([f.message for f in a.flags]),
            ]
        )
    chart = bar_chart(
        "Agreement with the engine by assessor",
        "Cohen's kappa between each assessor and the engine; the line marks "
        f"{LOW_KAPPA}, below which an assessor is flagged.",
        [(a.name, a.vs_engine.kappa.value if a.vs_engine else None) for a in report.assessors],
        low=-1.0,
        high=1.0,
        mark=LOW_KAPPA,
    )
    by_point_head = ("Assessor", *(s.id for s in report.marking_points))
    by_point = [
        [escape(a.name)]
        + [_stat(a.engine_agreement_by_point.get(s.id), fmt.pct) for s in report.marking_points]
        for a in report.assessors
    ]
    return (
        '<section id="assessors"><h2>Assessors</h2>'
        + _table("Each assessor against the engine and the other assessors", head, rows)
        + chart
        + _table("Agreement with the engine by marking point", by_point_head, by_point)
        + "<p>Leniency is the assessor's mean verdict (not met 0, partially met 1, met 2) "
        "minus the other raters' mean on the same items: positive is more lenient.</p></section>"
    )


def _verdicts_section(scope: Scope) -> str:
    raters = list(scope.verdicts)
    width, bar_h, left = 640, 24, 160
    height = 30 + len(raters) * (bar_h + 8) + 30
    body = []
    for i, rater in enumerate(raters):
        counts = scope.verdicts[rater]
        total = sum(counts.values()) or 1
        y = 30 + i * (bar_h + 8)
        body.append(f'<text x="{left - 6}" y="{y + 16}" text-anchor="end">{escape(rater)}</text>')
        x = float(left)
        for v in VERDICTS:
            w = (width - left - 20) * counts[v] / total
            if w:
                label = f"{rater}: {fmt.verdict(v)} {counts[v]}"
                body.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                    f'fill="{_VERDICT_COLOURS[v]}"><title>{escape(label)}</title></rect>'
                )
                if w > 24:
                    body.append(
                        f'<text x="{x + w / 2:.1f}" y="{y + 16}" fill="#fff" '
                        f'text-anchor="middle">{counts[v]}</text>'
                    )
            x += w
    legend = "".join(
        f'<rect x="{left + i * 150}" y="{height - 22}" width="12" height="12" '
        f'fill="{_VERDICT_COLOURS[v]}"/><text x="{left + i * 150 + 16}" y="{height - 12}">'
        f"{fmt.verdict(v)}</text>"
        for i, v in enumerate(VERDICTS)
    )
    svg = _svg(
        "verdicts-chart",
        "Verdict distribution by rater",
        "For each rater, the share of not met, partially met and met verdicts.",
        width,
        height,
        "".join(body) + legend,
    )
    rows = [[escape(r), *(_n(scope.verdicts[r][v]) for v in VERDICTS)] for r in raters]
    table = _table("Verdicts by rater", ("Rater", *map(fmt.verdict, VERDICTS)), rows)
    return f'<section id="verdicts"><h2>Verdict distributions</h2>{svg}{table}</section>'


def _pairs_section(report: AuditReport) -> str:
    out = ['<section id="pairs"><h2>Rater pairs</h2>']
    head = ("Raters", "Portfolios", "Items", "Agreement", "Kappa", "Weighted kappa", "Confusion")
    for scope in [*report.marking_points, report.overall]:
        rows = [
            [
                escape(" v ".join(p.raters)),
                _n(p.portfolios),
                _n(p.kappa.n),
                _stat(p.percent_agreement, fmt.pct),
                _stat(p.kappa),
                _stat(p.quadratic_weighted_kappa),
                f"<td>{_confusion(p)}</td>",
            ]
            for p in scope.pairs
        ]
        title = "All marking points" if scope.id == "overall" else f"{scope.id}: {scope.title}"
        out.append(_table(title, head, rows) if rows else f"<p>{escape(title)}: no pairs.</p>")
    out.append("</section>")
    return "\n".join(out)


def _confusion(pair: Pair) -> str:
    first, second = pair.raters
    head = "".join(f'<th scope="col">{fmt.verdict(v)}</th>' for v in VERDICTS)
    rows = "".join(
        f'<tr><th scope="row">{fmt.verdict(v)}</th>'
        + "".join(f'<td class="n">{c}</td>' for c in pair.confusion[i])
        + "</tr>"
        for i, v in enumerate(VERDICTS)
    )
    caption = f"rows {escape(first)}, columns {escape(second)}"
    return f'<table class="cm"><caption>{caption}</caption><tr><td></td>{head}</tr>{rows}</table>'


def _disagreements_section(report: AuditReport) -> str:
    out = ['<section id="disagreements"><h2>Disagreements</h2>']
    out.append(
        "<p>Worst first: verdicts two levels apart (met against not met), then those "
        "involving the engine. The engine's evidence is quoted so you can check it.</p>"
    )
    head = ("Portfolio", "Marking point", "Verdicts", "Engine's evidence", "Comments")
    rows = []
    for d in report.disagreements:
        verdicts = "<br>".join(f"{escape(r)}: {fmt.verdict(v)}" for r, v in d.verdicts.items())
        evidence = "".join(
            f"<blockquote>{escape(e.get('text', ''))}"
            f'<br><span class="loc">{escape(e.get("locator", ""))}</span></blockquote>'
            for e in d.evidence
        ) or (
            "<em>none cited</em>" if ENGINE in d.verdicts else "<em>not marked by the engine</em>"
        )
        if d.feedback:
            evidence += "<ul>" + "".join(f"<li>{escape(f)}</li>" for f in d.feedback) + "</ul>"
        comments = "<br>".join(f"{escape(a)}: {escape(c)}" for a, c in d.comments.items())
        learner = f"<br>{escape(d.learner)}" if d.learner else ""
        rows.append(
            [
                f"{escape(d.file_name)}{learner}",
                escape(d.marking_point),
                f"{verdicts}<br><strong>{d.levels} level(s) apart</strong>",
                evidence,
                comments,
            ]
        )
    if rows:
        out.append(_table(f"{len(rows)} disagreement(s)", head, rows))
    else:
        out.append("<p>No disagreements.</p>")
    out.append("</section>")
    return "\n".join(out)


def _method_section(report: AuditReport) -> str:
    t = report.thresholds
    items = [
        "Each portfolio's marking point is an item; each rater's latest decision on it counts.",
        "Agreement: share of rater pairs giving the same verdict, averaged over items rated "
        "at least twice.",
        "Cohen's kappa: agreement between two raters beyond chance; weighted kappa gives "
        "partial credit for verdicts one level apart (quadratic weights).",
        "Krippendorff's alpha: agreement across all raters, missing ratings allowed; ordinal "
        f"treats not met < partially met < met. Below {t['alpha_min']} a marking point is flagged.",
        f"An assessor is flagged for low agreement when kappa is below {t['low_kappa']} over at "
        f"least {t['min_compared']:.0f} items, unless agreement is "
        f"{t['kappa_paradox_agreement']:.0f}% "
        f"or more; lenient or severe when their mean verdict differs from the other raters' "
        f"by more than {t['leniency']} of a level; new with fewer than "
        f"{t['new_assessor_portfolios']:.0f} portfolios or a first decision within "
        f"{t['new_assessor_days']:.0f} days.",
        f"Sample sizes: {t['base_sample_rate']:.0%} routinely, {t['drift_sample_rate']:.0%} "
        f"when flagged for drift, {t['new_assessor_sample_rate']:.0%} for new assessors, at "
        f"least {t['min_sample']:.0f}, and always every portfolio where the engine's verdict "
        "is two levels away.",
        "A dash means the figure is undefined; hover over it for the reason.",
    ]
    return (
        '<section id="method"><h2>How this is worked out</h2><ul>'
        + "".join(f"<li>{escape(i)}</li>" for i in items)
        + "</ul></section>"
    )


# --- building blocks -----------------------------------------------------------------


def bar_chart(
    title: str,
    description: str,
    bars: list[tuple[str, float | None]],
    low: float,
    high: float,
    mark: float,
) -> str:
    """Horizontal bars from `low` to `high`, a dashed line at `mark`, values written out."""
    width, bar_h, left, right = 640, 22, 160, 60
    height = 20 + len(bars) * (bar_h + 8) + 20
    span = width - left - right

    def x_of(value: float) -> float:
        return left + span * (min(max(value, low), high) - low) / (high - low)

    zero = x_of(0.0)
    body = [f'<line x1="{zero:.1f}" y1="10" x2="{zero:.1f}" y2="{height - 10}" stroke="#555"/>']
    for i, (label, value) in enumerate(bars):
        y = 20 + i * (bar_h + 8)
        body.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end">{escape(label)}</text>')
        if value is None:
            body.append(f'<text x="{zero + 4:.1f}" y="{y + 15}">undefined</text>')
            continue
        x0, x1 = sorted((zero, x_of(value)))
        colour = "#1f5fbf" if value >= mark else "#b2182b"
        body.append(
            f'<rect x="{x0:.1f}" y="{y}" width="{x1 - x0:.1f}" height="{bar_h}" fill="{colour}">'
            f"<title>{escape(label)}: {value:.2f}</title></rect>"
        )
        body.append(f'<text x="{max(x1, zero) + 4:.1f}" y="{y + 15}">{value:.2f}</text>')
    mx = x_of(mark)
    body.append(
        f'<line x1="{mx:.1f}" y1="10" x2="{mx:.1f}" y2="{height - 10}" stroke="#000" '
        'stroke-dasharray="4 3"/>'
    )
    chart_id = "chart-" + "".join(c for c in title.lower() if c.isalnum())[:24]
    return _svg(chart_id, title, description, width, height, "".join(body))


def _svg(chart_id: str, title: str, description: str, width: int, height: int, body: str) -> str:
    return (
        f'<figure><svg role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px" '
        f'font-size="13" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(description)}</desc>{body}</svg>'
        f"<figcaption>{escape(title)}</figcaption></figure>"
    )


def _table(caption: str, head: tuple[str, ...], rows: list[list[str]]) -> str:
    header = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
    body = "".join(
        "<tr>" + "".join(c if c.startswith("<td") else f"<td>{c}</td>" for c in row) + "</tr>"
        for row in rows
    )
    return f"<table><caption>{escape(caption)}</caption><tr>{header}</tr>{body}</table>"


def _stat(stat: Stat | None, show: Callable[[Stat | None], str] = fmt.num) -> str:
    reason = fmt.why(stat)
    title = f' title="{escape(reason)}"' if reason else ""
    n = f" (n={stat.n})" if stat is not None and stat.value is not None else ""
    return f'<td class="n"{title}>{show(stat)}<span class="loc">{n}</span></td>'


def _n(value: int) -> str:
    return f'<td class="n">{value}</td>'


def _flags(flags: list[str]) -> str:
    return "<td>" + "<br>".join(f'<span class="flag">{escape(f)}</span>' for f in flags) + "</td>"
