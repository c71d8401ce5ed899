"""The audit report as a workbook, for quality leads who filter and annotate in Excel.

Sheets: Summary, Pairs, Assessors, Disagreements, Sampling plan. Figures are numbers (not
text) so they sort and filter; an undefined figure is an empty cell with the reason in a
"note" column. Every table has a frozen header and a filter.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from marker.audit import fmt
from marker.audit.model import AuditReport
from marker.audit.scheme import VERDICTS
from marker.audit.stats import Stat
from marker.cells import put
from marker.outputs import save

_WRAP = Alignment(wrap_text=True, vertical="top")


def write_xlsx(report: AuditReport, path: Path) -> None:
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Summary"
    _summary(summary, report)
    _pairs(book.create_sheet("Pairs"), report)
    _assessors(book.create_sheet("Assessors"), report)
    _disagreements(book.create_sheet("Disagreements"), report)
    _sampling(book.create_sheet("Sampling plan"), report)
    save(book, path)


def _v(stat: Stat | None) -> float | None:
    return None if stat is None or stat.value is None else round(stat.value, 4)


def _table(sheet: Worksheet, top: int, head: list[str], rows: list[list[object]]) -> None:
    """A header at row `top`, the rows under it, frozen and filtered; columns sized to fit."""
    for col, title in enumerate(head, start=1):
        put(sheet.cell(row=top, column=col), title).font = Font(bold=True)
    for r, row in enumerate(rows, start=top + 1):
        for col, value in enumerate(row, start=1):
            put(sheet.cell(row=r, column=col), value).alignment = _WRAP
    sheet.freeze_panes = sheet.cell(row=top + 1, column=1)
    last = get_column_letter(len(head))
    sheet.auto_filter.ref = f"A{top}:{last}{top + max(len(rows), 1)}"
    for col, title in enumerate(head, start=1):
        longest = max([len(title)] + [len(str(row[col - 1] or "")) for row in rows])
        sheet.column_dimensions[get_column_letter(col)].width = min(max(10, longest + 2), 60)


def _summary(sheet: Worksheet, report: AuditReport) -> None:
    pack = report.pack
    title = f"Consistency audit: {pack['title']} ({pack['id']} {pack['version']})"
    put(sheet["A1"], title).font = Font(bold=True, size=14)
    put(sheet["A2"], f"As of {report.as_of:%d/%m/%Y}; pack sha256 {pack['sha256']}")
    for i, line in enumerate(report.headline, start=3):
        put(sheet.cell(row=i, column=1), line)
    top = 4 + len(report.headline)
    head = [
        "Marking point",
        "Title",
        "Portfolios",
        "Agreement %",
        "Alpha nominal",
        "Alpha ordinal",
        "Kappa engine v assessors",
        "Flags",
        "Note",
        *(f"{fmt.verdict(v)} (all raters)" for v in VERDICTS),
    ]
    rows = []
    for s in [*report.marking_points, report.overall]:
        counts = [sum(s.verdicts[r][v] for r in s.verdicts) for v in VERDICTS]
        notes = {fmt.why(x) for x in (s.alpha_ordinal, s.engine_kappa) if fmt.why(x)}
        rows.append(
            [
                s.id,
                s.title,
                s.portfolios,
                _v(s.percent_agreement),
                _v(s.alpha_nominal),
                _v(s.alpha_ordinal),
                _v(s.engine_kappa),
                "; ".join(s.flags),
                "; ".join(notes),
                *counts,
            ]
        )
    _table(sheet, top, head, rows)
    sheet.column_dimensions["A"].width = 24
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title = "Verdicts per marking point (all raters)"
    chart.y_axis.title = "Decisions"
    n = len(report.marking_points)
    data = Reference(sheet, min_col=10, max_col=12, min_row=top, max_row=top + n)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=top + 1, max_row=top + n))
    sheet.add_chart(chart, f"B{top + n + 4}")


def _pairs(sheet: Worksheet, report: AuditReport) -> None:
    head = [
        "Scope",
        "Rater A",
        "Rater B",
        "Portfolios",
        "Items",
        "Agreement %",
        "Kappa",
        "Weighted kappa",
        "Note",
        *(f"A {a} / B {b}" for a in VERDICTS for b in VERDICTS),
    ]
    rows = []
    for scope in [*report.marking_points, report.overall]:
        for p in scope.pairs:
            rows.append(
                [
                    scope.id,
                    *p.raters,
                    p.portfolios,
                    p.kappa.n,
                    _v(p.percent_agreement),
                    _v(p.kappa),
                    _v(p.quadratic_weighted_kappa),
                    fmt.why(p.kappa),
                    *(c for row in p.confusion for c in row),
                ]
            )
    _table(sheet, 1, head, rows)


def _assessors(sheet: Worksheet, report: AuditReport) -> None:
    head = [
        "Assessor",
        "Portfolios",
        "Decisions",
        "First decision",
        "Last decision",
        "Agreement with engine %",
        "Kappa with engine",
        "Weighted kappa with engine",
        "Agreement with peers %",
        "Kappa with peers",
        "Leniency",
        "Flags",
        *(f"Agreement with engine % on {s.id}" for s in report.marking_points),
    ]
    rows = []
    for a in report.assessors:
        e, p = a.vs_engine, a.vs_peers
        rows.append(
            [
                a.name,
                a.portfolios,
                a.decisions,
                a.first_decision,
                a.last_decision,
                _v(e.percent_agreement if e else None),
                _v(e.kappa if e else None),
                _v(e.quadratic_weighted_kappa if e else None),
                _v(p.percent_agreement if p else None),
                _v(p.kappa if p else None),
                _v(a.leniency),
                "; ".join(f.message for f in a.flags),
                *(_v(a.engine_agreement_by_point.get(s.id)) for s in report.marking_points),
            ]
        )
    _table(sheet, 1, head, rows)
    for row in range(2, len(rows) + 2):
        for col in (4, 5):
            sheet.cell(row=row, column=col).number_format = "DD/MM/YYYY"
    if rows:
        chart = BarChart()
        chart.type = "bar"
        chart.title = "Agreement with the engine by assessor (kappa)"
        chart.x_axis.title = "Assessor"
        data = Reference(sheet, min_col=7, min_row=1, max_row=len(rows) + 1)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=len(rows) + 1))
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = -1, 1
        sheet.add_chart(chart, f"B{len(rows) + 4}")


def _disagreements(sheet: Worksheet, report: AuditReport) -> None:
    head = [
        "Portfolio",
        "Learner",
        "Marking point",
        "Levels apart",
        "With engine",
        "Verdicts",
        "Engine's evidence",
        "Engine's feedback",
        "Comments",
        "File sha256",
    ]
    rows = [
        [
            d.file_name,
            d.learner,
            d.marking_point,
            d.levels,
            "yes" if d.with_engine else "no",
            "\n".join(f"{r}: {fmt.verdict(v)}" for r, v in d.verdicts.items()),
            "\n".join(f"“{e.get('text', '')}” ({e.get('locator', '')})" for e in d.evidence),
            "\n".join(d.feedback),
            "\n".join(f"{a}: {c}" for a, c in d.comments.items()),
            d.file_sha256,
        ]
        for d in report.disagreements
    ]
    _table(sheet, 1, head, rows)


def _sampling(sheet: Worksheet, report: AuditReport) -> None:
    head = [
        "Assessor",
        "Order",
        "Portfolio",
        "Learner",
        "Why this one",
        "Sample size",
        "Portfolios marked",
        "Why this many",
    ]
    rows = []
    for plan in report.sampling_plan:
        why = "; ".join(plan.reasons)
        for order, item in enumerate(plan.sample, start=1):
            rows.append(
                [
                    plan.assessor,
                    order,
                    item.file_name,
                    item.learner,
                    item.reason,
                    plan.sample_size,
                    plan.portfolios,
                    why,
                ]
            )
    _table(sheet, 1, head, rows)
