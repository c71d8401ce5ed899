"""The assessor grid for a batch: one workbook (or a set of CSVs) an assessor can sort,
filter and work down, pointing at the evidence and at what could not be marked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from marker.cells import put, write_csv, write_row
from marker.discovery import record_path
from marker.outputs import save

VERDICT_WORDS = {"met": "Met", "partially_met": "Partially met", "not_met": "Not met"}
VERDICT_FILLS = {"met": "C6EFCE", "partially_met": "FFEB9C", "not_met": "FFC7CE"}
MAX_WIDTH = 60
TRISTATE = {True: "yes", False: "no", None: "?"}
SHEETS = ("Summary", "Evidence", "Objectives", "Findings", "Errors")
SMART = ("specific", "measurable", "achievable", "relevant", "time_bound")


def _points(records: list[dict]) -> list[tuple[str, str]]:
    """Marking point ids and titles in the pack's order, as the markings give them."""
    seen: dict[str, str] = {}
    for record in records:
        for point in record.get("marking_points", []):
            seen.setdefault(point["id"], point["title"])
    return list(seen.items())


def _amount(value: dict | None) -> str:
    if not value:
        return ""
    number, unit = value.get("value"), value.get("unit")
    if unit == "s" and isinstance(number, int | float):
        return f"{int(number) // 60}:{int(number) % 60:02d}"
    scale = f"/{value['scale']}" if value.get("scale") else ""
    if not isinstance(number, int | float):
        return ""
    return f"{number:g}{scale}{'%' if unit == '%' else ''}"


def sheets(records: list[dict]) -> dict[str, list[list[Any]]]:
    """Every sheet as a header row and data rows; the same content for xlsx and csv."""
    # a file is named by its path, so two same.docx in two folders are two rows
    records = sorted(records, key=record_path)
    marked = [r for r in records if "error" not in r]
    points = _points(marked)
    summary = [
        [
            "File",
            "Outcome",
            *[title for _, title in points],
            *[f"Score: {i}" for i, _ in points],
            "Findings",
            "Warnings",
        ]
    ]
    evidence = [["File", "Marking point", "Check", "Quote", "Where"]]
    objectives = [
        [
            "File",
            "No.",
            "Objective",
            "Where",
            "KPIs",
            "Baseline",
            "Target",
            "Deadline",
            "S",
            "M",
            "A",
            "R",
            "T",
            "Career goal",
        ]
    ]
    findings = [["File", "Finding", "Message", "Where"]]
    for record in marked:
        by_id = {p["id"]: p for p in record["marking_points"]}
        summary.append(
            [
                record_path(record),
                "Met" if record["outcome"] == "met" else "Not yet met",
                *[VERDICT_WORDS[by_id[i]["verdict"]] if i in by_id else "" for i, _ in points],
                *[by_id[i]["score"] if i in by_id else "" for i, _ in points],
                len(record["findings"]),
                len(record["warnings"]),
            ]
        )
        for point in record["marking_points"]:
            for check in point.get("checks", []):
                for citation in check["evidence"]:
                    evidence.append(
                        [
                            record_path(record),
                            point["id"],
                            check["id"],
                            citation["text"],
                            citation["locator"],
                        ]
                    )
        for number, objective in enumerate(record["objectives"], start=1):
            objectives.append(
                [
                    record_path(record),
                    number,
                    objective["text"],
                    objective["locator"],
                    ", ".join(objective["kpis"]),
                    _amount(objective.get("baseline")),
                    _amount(objective.get("target")),
                    objective.get("deadline") or "",
                    *[TRISTATE[objective["smart"][c]] for c in SMART],
                    "yes" if objective.get("career_goal") else "",
                ]
            )
        for finding in record["findings"]:
            findings.append(
                [record_path(record), finding["id"], finding["message"], finding["locator"]]
            )
    errors = [["File", "Code", "Reason"]] + [
        [record_path(r), r["error"]["code"], r["error"]["message"]] for r in records if "error" in r
    ]
    return dict(zip(SHEETS, (summary, evidence, objectives, findings, errors), strict=True))


def grid_paths(path: Path, fmt: str) -> list[Path]:
    """The files a grid is written to: the workbook, or the Summary CSV and one per sheet."""
    if fmt != "csv":
        return [path]
    return [path] + [path.with_name(f"{path.stem}.{name.lower()}.csv") for name in SHEETS[1:]]


def write_grid(
    path: Path, records: list[dict], *, pack: dict, run_date: dt.date, fmt: str
) -> list[Path]:
    """Write the grid as an .xlsx workbook or as one CSV per sheet; returns the paths."""
    tables = sheets(records)
    if fmt == "csv":
        return _write_csv(path, tables, pack, run_date)
    _write_xlsx(path, tables, pack, run_date)
    return [path]


def _title(pack: dict, run_date: dt.date) -> str:
    return (
        f"Rule pack {pack['id']} version {pack['version']} (sha256 {pack['sha256'][:12]}), "
        f"marked {run_date:%d/%m/%Y}"
    )


def _write_csv(path: Path, tables: dict, pack: dict, run_date: dt.date) -> list[Path]:
    written = grid_paths(path, "csv")
    for (name, rows), target in zip(tables.items(), written, strict=True):
        if name == "Summary":
            rows = [[*rows[0], "Pack", "Pack version", "Run date"]] + [
                [*row, pack["id"], pack["version"], run_date.isoformat()] for row in rows[1:]
            ]
        write_csv(target, rows)
    return written


def _write_xlsx(path: Path, tables: dict, pack: dict, run_date: dt.date) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    fills = {
        word: PatternFill("solid", fgColor=VERDICT_FILLS[v]) for v, word in VERDICT_WORDS.items()
    }
    for name, rows in tables.items():
        sheet = workbook.create_sheet(name)
        put(sheet["A1"], _title(pack, run_date)).font = Font(bold=True)
        for number, row in enumerate(rows, start=2):
            write_row(sheet, number, row)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "B3" if name == "Summary" else "A3"
        last = get_column_letter(len(rows[0]))
        sheet.auto_filter.ref = f"A2:{last}{max(len(rows) + 1, 2)}"
        for column, header in enumerate(rows[0], start=1):
            values = [str(r[column - 1]) for r in rows if column - 1 < len(r)]
            width = min(max(len(v) for v in values) + 2, MAX_WIDTH)
            sheet.column_dimensions[get_column_letter(column)].width = max(width, len(header) + 2)
        wrap = Alignment(wrap_text=True, vertical="top")
        for row in sheet.iter_rows(min_row=3):
            for cell in row:
                if isinstance(cell.value, str) and len(cell.value) > MAX_WIDTH:
                    cell.alignment = wrap
                if name == "Summary" and cell.value in fills:
                    cell.fill = fills[cell.value]
    save(workbook, path)
