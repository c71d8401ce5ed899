"""The learner's own file, returned with the engine's comments in it.

Word: a comment on each paragraph or table cell cited as evidence, one on the section
where each unmet marking point's evidence belongs, and one per finding. Excel: cell
comments on the cited cells. The original file is never modified.
"""

from __future__ import annotations

import re
from pathlib import Path

from marker.outputs import OutputError, same_file, save
from marker.parse.model import BlockKind, Portfolio
from marker.rules.marking import Marking, MarkingPointResult

AUTHOR = "Evidence marker"
INITIALS = "EM"
# Words of a section heading that show where a marking point's evidence belongs.
_SECTION_WORDS = {
    "self-assessment": ("self", "skill", "career", "where i am", "strength", "profile"),
    "smart-objectives": ("objective", "goal", "target", "aim"),
    "development-plan": ("plan", "development", "action", "pdp"),
    "monitoring": ("review", "progress", "monitor", "update", "1:1"),
}
_VERDICT_WORDS = {"met": "met", "partially_met": "partly met", "not_met": "not met yet"}
_SHEET_CELL = re.compile(r"^sheet '(?P<sheet>.+?)', (?:cell (?P<cell>[A-Z]+\d+)|row (?P<row>\d+))")


def _notes(marking: Marking) -> dict[str, list[str]]:
    """Comment texts by locator: evidence grouped per place, then findings."""
    notes: dict[str, list[str]] = {}
    for point in marking.marking_points:
        for check in point.checks:
            for citation in check.evidence:
                line = f"Evidence for {point.title}: {check.title}."
                if line not in notes.setdefault(citation.locator, []):
                    notes[citation.locator].append(line)
    for finding in marking.findings:
        notes.setdefault(finding.locator, []).append(
            f"Common mistake ({finding.id}): {finding.message}"
        )
    return notes


def _gap(point: MarkingPointResult) -> str:
    steps = " ".join(point.feedback[:3])
    return f"{point.title}: {_VERDICT_WORDS[point.verdict]}. {steps}"


def _gap_locator(point: MarkingPointResult, portfolio: Portfolio) -> str:
    words = _SECTION_WORDS.get(point.id, ())
    for block in portfolio.body:
        if block.kind is BlockKind.HEADING and any(w in block.text.lower() for w in words):
            return str(block.locator)
    return str(portfolio.body[0].locator) if portfolio.body else "document"


def annotate(source: Path, marking: Marking, out: Path) -> int:
    """Write a commented copy of `source` to `out`; returns how many comments it holds."""
    source, out = Path(source), Path(out)
    if same_file(out, [source]) or out.resolve() == source.resolve():
        raise OutputError(f"{out}: is the learner's file: write the annotated copy elsewhere")
    if source.suffix.lower() == ".docx":
        return _annotate_docx(source, marking, out)
    return _annotate_xlsx(source, marking, out)


def _annotate_docx(source: Path, marking: Marking, out: Path) -> int:
    import docx
    from docx.text.paragraph import Paragraph

    from marker.parse.docx import W, read_document
    from marker.parse.reading import read_structure

    document = docx.Document(str(source))
    portfolio, anchors = read_document(document, marking.file, marking.file_sha256)
    read_structure(portfolio)  # the same reading as the marking's
    elements = {str(locator): element for locator, element in anchors.items()}
    notes = _notes(marking)
    for point in marking.marking_points:
        if point.verdict != "met":
            notes.setdefault(_gap_locator(point, portfolio), []).append(_gap(point))
    added = 0
    first_body = next(iter(p._p for p in document.paragraphs), None)
    for locator, lines in notes.items():
        element = elements.get(locator, first_body if locator == "document" else None)
        if element is None:
            continue
        paragraph_element = element if element.tag == W + "p" else next(element.iter(W + "p"), None)
        if paragraph_element is None:
            continue
        paragraph = Paragraph(paragraph_element, document._body)
        runs = paragraph.runs or [paragraph.add_run("")]
        document.add_comment(runs, text="\n".join(lines), author=AUTHOR, initials=INITIALS)
        added += 1
    save(document, out)
    return added


def _annotate_xlsx(source: Path, marking: Marking, out: Path) -> int:
    import openpyxl
    from openpyxl.comments import Comment

    workbook = openpyxl.load_workbook(source)
    notes = _notes(marking)
    gaps = [_gap(p) for p in marking.marking_points if p.verdict != "met"]
    by_cell: dict[tuple[str, str], list[str]] = {}
    first = workbook.worksheets[0].title
    for locator, lines in notes.items():
        place = _cell_of(workbook, locator) or (first, "A1")
        by_cell.setdefault(place, []).extend(lines)
    if gaps:
        by_cell.setdefault((first, "A1"), []).extend(gaps)
    for (sheet, cell), lines in by_cell.items():
        target = workbook[sheet][cell]
        text = "\n".join(lines)
        if target.comment:
            text = f"{target.comment.text}\n{text}"
        target.comment = Comment(text, AUTHOR, width=320, height=160)
    save(workbook, out)  # the learner's cells go back as they were read; comments are text
    return len(by_cell)


def _cell_of(workbook, locator: str) -> tuple[str, str] | None:
    match = _SHEET_CELL.match(locator)
    if not match or match["sheet"] not in workbook.sheetnames:
        return None
    if match["cell"]:
        return match["sheet"], match["cell"]
    row = workbook[match["sheet"]][int(match["row"])]
    cell = next((c for c in row if c.value not in (None, "")), row[0] if row else None)
    return (match["sheet"], cell.coordinate) if cell is not None else None
