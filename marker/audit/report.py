"""Building the audit report from the database and writing it as HTML, XLSX, JSON or text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy.orm import Session

from marker.audit.analysis import analyse, ratings_from_rows
from marker.audit.db import open_db
from marker.audit.model import AuditReport
from marker.audit.report_html import render_html
from marker.audit.report_xlsx import write_xlsx
from marker.audit.scheme import Pack
from marker.audit.store import latest_rows
from marker.outputs import REPORT_FORMATS, format_of, write_text

FORMATS = ("text", "html", "xlsx", "json")


def build_report(db_url: str, pack: Pack, as_of: dt.date | None = None) -> AuditReport:
    """The report over the current decisions made under `pack` (any of its versions)."""
    engine = open_db(db_url)
    try:
        with Session(engine) as session:
            ratings = ratings_from_rows(latest_rows(session, pack.id).values())
    finally:
        engine.dispose()
    return analyse(ratings, pack, as_of or dt.date.today())


def format_for(path: Path | None, requested: str | None) -> str:
    """The output file's format by its extension (agreeing with --format), else the one
    asked for, else text on the terminal."""
    if path is not None:
        return format_of(path, REPORT_FORMATS, requested)
    return requested or "text"


def to_json(report: AuditReport) -> str:
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2)


def to_text(report: AuditReport) -> str:
    """The headline and the sampling plan, short enough to read in a terminal."""
    lines = [*report.headline, ""]
    for plan in report.sampling_plan:
        lines.append(f"{plan.assessor}: sample {plan.sample_size} of {plan.portfolios}")
        lines += [f"  why: {reason}" for reason in plan.reasons]
        lines += [
            f"  {i}. {item.file_name}: {item.reason}" for i, item in enumerate(plan.sample, 1)
        ]
    lines.append("")
    lines += [f"{p.marking_point}: {p.reason}" for p in report.points_to_sample]
    return "\n".join(lines)


def write_report(report: AuditReport, fmt: str, path: Path | None) -> str | None:
    """Write to `path`, or return the text to print when there is none (not for XLSX)."""
    if fmt == "xlsx":
        if path is None:
            raise ValueError("an XLSX report needs -o report.xlsx")
        write_xlsx(report, path)
        return None
    text = {"html": render_html, "json": to_json, "text": to_text}[fmt](report)
    if path is None:
        return text
    write_text(path, text)
    return None
