"""The assessor grid for a batch: one workbook (or a set of CSVs) an assessor can sort,
filter and work down, pointing at the evidence and at what could not be marked."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import tempfile
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import IO, Any

from marker.cells import put, write_csv
from marker.discovery import record_path
from marker.outputs import save
from marker.report.cohort import feedback_page

VERDICT_WORDS = {"met": "Met", "partially_met": "Partially met", "not_met": "Not met"}
VERDICT_FILLS = {"met": "C6EFCE", "partially_met": "FFEB9C", "not_met": "FFC7CE"}
MAX_WIDTH = 60
TRISTATE = {True: "yes", False: "no", None: "?"}
SHEETS = ("Summary", "Evidence", "Objectives", "Findings", "Errors")
SMART = ("specific", "measurable", "achievable", "relevant", "time_bound")


HEADERS = {
    "Evidence": ["File", "Marking point", "Check", "Quote", "Where"],
    "Objectives": [
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
    ],
    "Findings": ["File", "Finding", "Message", "Where"],
    "Errors": ["File", "Code", "Reason"],
}


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


def _record_rows(record: dict) -> Iterator[tuple[str, list[Any]]]:
    """A record's rows, sheet by sheet. Its Summary row holds the verdicts and scores by
    marking point id until every record has been seen (the columns are every point met)."""
    path = record_path(record)  # a file is named by its path: two same.docx are two rows
    if "error" in record:
        yield "Errors", [path, record["error"]["code"], record["error"]["message"]]
        return
    points = {p["id"]: [VERDICT_WORDS[p["verdict"]], p["score"]] for p in record["marking_points"]}
    outcome = "Met" if record["outcome"] == "met" else "Not yet met"
    # which verdicts the assessor should judge first, and what the learner should do first
    check_first = "; ".join(
        p["title"] for p in record["marking_points"] if p.get("confidence") == "borderline"
    )
    do_first = "\n".join(record.get("do_first", []))
    counts = [len(record["findings"]), len(record["warnings"])]
    yield "Summary", [path, outcome, points, *counts, check_first, do_first]
    for point in record["marking_points"]:
        for check in point.get("checks", []):
            for citation in check["evidence"]:
                where = [citation["text"], citation["locator"]]
                yield "Evidence", [path, point["id"], check["id"], *where]
    for number, objective in enumerate(record["objectives"], start=1):
        yield (
            "Objectives",
            [
                path,
                number,
                objective["text"],
                objective["locator"],
                ", ".join(objective["kpis"]),
                _amount(objective.get("baseline")),
                _amount(objective.get("target")),
                objective.get("deadline") or "",
                *[TRISTATE[objective["smart"][c]] for c in SMART],
                "yes" if objective.get("career_goal") else "",
            ],
        )
    for finding in record["findings"]:
        yield "Findings", [path, finding["id"], finding["message"], finding["locator"]]


class _Spool:
    """Every sheet's rows in a temporary file of JSON lines, with what the header and the
    column widths need, so a grid of any size is written with flat memory."""

    def __init__(
        self, records: Iterable[dict], files: dict[str, IO[str]], feedback: str | None = None
    ) -> None:
        self.files = files
        self.feedback = feedback  # the learners' pages' folder, relative to the grid
        self.counts = dict.fromkeys(SHEETS, 0)
        self.points: dict[str, str] = {}  # marking point id -> title, in the pack's order
        self.widths: dict[str, dict[int | str, int]] = {name: {} for name in SHEETS}
        for record in records:
            for point in record.get("marking_points", []):
                self.points.setdefault(point["id"], point["title"])
            for name, row in _record_rows(record):
                if name == "Summary" and feedback is not None:
                    row.append(f"{feedback}/{feedback_page(record_path(record))}")
                self._add(name, row)

    def _add(self, name: str, row: list[Any]) -> None:
        widths = self.widths[name]
        cells = enumerate(row) if name != "Summary" else [(0, row[0]), (1, row[1])]
        for column, value in cells:
            widths[column] = max(widths.get(column, 0), len(str(value)))
        if name == "Summary":
            for point, (word, score) in row[2].items():
                widths[point] = max(widths.get(point, 0), len(word))
                widths[f"score:{point}"] = max(widths.get(f"score:{point}", 0), len(str(score)))
        self.files[name].write(json.dumps(row, ensure_ascii=False) + "\n")
        self.counts[name] += 1

    def header(self, name: str) -> list[str]:
        if name != "Summary":
            return HEADERS[name]
        scores = [f"Score: {point}" for point in self.points]
        return [
            "File",
            "Outcome",
            *self.points.values(),
            *scores,
            "Findings",
            "Warnings",
            "Check first",
            "Do these first",
            *(["Feedback page"] if self.feedback is not None else []),
        ]

    def column_widths(self, name: str) -> list[int]:
        """Each column's width: its longest value or header, within MAX_WIDTH."""
        widths = self.widths[name]
        if name == "Summary":
            keys: list[int | str] = [0, 1, *self.points, *[f"score:{p}" for p in self.points]]
            found = [widths.get(key, 0) for key in keys] + [len("Findings"), len("Warnings")]
            found += [MAX_WIDTH, MAX_WIDTH]  # the reasons and actions are sentences
            found += [MAX_WIDTH] if self.feedback is not None else []
        else:
            found = [widths.get(column, 0) for column in range(len(HEADERS[name]))]
        return [
            max(min(max(width, len(header)) + 2, MAX_WIDTH), len(header) + 2)
            for width, header in zip(found, self.header(name), strict=True)
        ]

    def rows(self, name: str) -> Iterator[list[Any]]:
        spooled = self.files[name]
        spooled.seek(0)
        for line in spooled:
            row = json.loads(line)
            if name == "Summary":
                by_point = row[2]
                verdicts = [by_point[p][0] if p in by_point else "" for p in self.points]
                scores = [by_point[p][1] if p in by_point else "" for p in self.points]
                row = [row[0], row[1], *verdicts, *scores, *row[3:]]
            yield row


def grid_paths(path: Path, fmt: str) -> list[Path]:
    """The files a grid is written to: the workbook, or the Summary CSV and one per sheet."""
    if fmt != "csv":
        return [path]
    return [path] + [path.with_name(f"{path.stem}.{name.lower()}.csv") for name in SHEETS[1:]]


def write_grid(
    path: Path,
    records: Iterable[dict],
    *,
    pack: dict,
    run_date: dt.date,
    fmt: str,
    feedback: str | None = None,
) -> list[Path]:
    """Write the grid as an .xlsx workbook or as one CSV per sheet; returns the paths.

    `records` is the latest record of each file, in the order rows are wanted (a batch
    gives them by path); they are read once and spooled, never all held at once. With
    `feedback` (the learners' pages' folder, relative to the grid) the Summary links each
    learner's page.
    """
    with contextlib.ExitStack() as stack:
        files = {
            name: stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8"))
            for name in SHEETS
        }
        spool = _Spool(records, files, feedback)
        if fmt == "csv":
            return _write_csv(path, spool, pack, run_date)
        _write_xlsx(path, spool, pack, run_date)
        return [path]


def _title(pack: dict, run_date: dt.date) -> str:
    return (
        f"Rule pack {pack['id']} version {pack['version']} (sha256 {pack['sha256'][:12]}), "
        f"marked {run_date:%d/%m/%Y}"
    )


def _write_csv(path: Path, spool: _Spool, pack: dict, run_date: dt.date) -> list[Path]:
    written = grid_paths(path, "csv")
    for name, target in zip(SHEETS, written, strict=True):
        header, rows = spool.header(name), spool.rows(name)
        if name == "Summary":  # CSV has no title row: each Summary row says the pack and run
            run = [pack["id"], pack["version"], run_date.isoformat()]
            header = [*header, "Pack", "Pack version", "Run date"]
            rows = ([*row, *run] for row in rows)
        write_csv(target, chain([header], rows))
    return written


def _write_xlsx(path: Path, spool: _Spool, pack: dict, run_date: dt.date) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    # Write-only: each row goes to the file as it is made, strings inline, so the
    # workbook never holds the grid (openpyxl's ordinary mode kept every cell).
    workbook = Workbook(write_only=True)
    fills = {
        word: PatternFill("solid", fgColor=VERDICT_FILLS[v]) for v, word in VERDICT_WORDS.items()
    }
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for name in SHEETS:
        sheet = workbook.create_sheet(name)
        header = spool.header(name)
        for column, width in enumerate(spool.column_widths(name), start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        sheet.freeze_panes = "B3" if name == "Summary" else "A3"
        last = get_column_letter(len(header))
        sheet.auto_filter.ref = f"A2:{last}{max(spool.counts[name] + 2, 2)}"
        verdicts = range(2, 2 + len(spool.points)) if name == "Summary" else range(0)
        linked = len(header) - 1 if name == "Summary" and spool.feedback is not None else -1

        def cell(
            value: Any, column: int, sheet=sheet, verdicts=verdicts, linked=linked
        ) -> WriteOnlyCell:
            written = put(WriteOnlyCell(sheet), value)
            if column == linked:
                written.hyperlink = value  # a link, never a formula
            if isinstance(value, str) and len(value) > MAX_WIDTH:
                written.alignment = wrap
            if column in verdicts and value in fills:
                written.fill = fills[value]
            return written

        title = put(WriteOnlyCell(sheet), _title(pack, run_date))
        title.font = bold
        sheet.append([title])
        heads = [put(WriteOnlyCell(sheet), text) for text in header]
        for head in heads:
            head.font = bold
        sheet.append(heads)
        for row in spool.rows(name):
            sheet.append([cell(value, column) for column, value in enumerate(row)])
    save(workbook, path)
