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
from marker.parse.strict import opened_as_transitional
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
_SHEET_CELL = re.compile(r"^sheet '(?P<sheet>.+?)', (?:cell (?P<cell>[A-Z]+\d+)|row (?P<row>\d+))")


_OBJECTIVE_STEP = re.compile(r"^Objective (?P<number>\d+) \(")


def _notes(marking: Marking, portfolio: Portfolio, evidence: bool = False) -> dict[str, list[str]]:
    """Comment texts by locator. Each action sits on the text it concerns: an objective's on
    that objective, a missing part on the first words of the section it belongs in; every
    action is kept. Evidence labels only when asked for."""
    notes: dict[str, list[str]] = {}

    def add(locator: str, line: str) -> None:
        if line not in notes.setdefault(locator, []):
            notes[locator].append(line)

    objectives = {o.number: o for o in marking.objectives}
    for point in marking.marking_points:
        for step in point.feedback:
            named = _OBJECTIVE_STEP.match(step)
            objective = objectives.get(int(named["number"])) if named else None
            if objective is not None:
                add(objective.locator, step)
            else:
                add(_section_locator(point, portfolio), f"{point.title}: {step}")
        if evidence:
            for check in point.checks:
                for citation in check.evidence:
                    add(citation.locator, f"Evidence for {point.title}: {check.title}.")
    for finding in marking.findings:
        add(finding.locator, f"Common mistake: {finding.message}")
    return notes


def _section_locator(point: MarkingPointResult, portfolio: Portfolio) -> str:
    """The first learner's text under the heading where this point's evidence belongs (a
    comment on a heading is easy to miss), else the point's first evidence, else the first
    text of the document."""
    words = _SECTION_WORDS.get(point.id, ())
    body = [b for b in portfolio.body if b.kind is not BlockKind.GUIDANCE]
    for number, block in enumerate(body):
        if block.kind is BlockKind.HEADING and any(w in block.text.lower() for w in words):
            following = next(
                (b for b in body[number + 1 :] if b.kind is not BlockKind.HEADING), block
            )
            return str(following.locator)
    if point.evidence:
        return point.evidence[0].locator
    first = next((b for b in body if b.kind is not BlockKind.HEADING), None)
    return str(first.locator) if first else "document"


def annotate(source: Path, marking: Marking, out: Path, evidence: bool = False) -> int:
    """Write a commented copy of `source` to `out`; returns how many comments it holds.
    With `evidence`, the cited evidence is labelled too, not only what to do."""
    source, out = Path(source), Path(out)
    if same_file(out, [source]) or out.resolve() == source.resolve():
        raise OutputError(f"{out}: is the learner's file: write the annotated copy elsewhere")
    if source.suffix.lower() == ".docx":
        return _annotate_docx(source, marking, out, evidence)
    return _annotate_xlsx(source, marking, out, evidence)


def _annotate_docx(source: Path, marking: Marking, out: Path, evidence: bool) -> int:
    import docx
    from docx.text.paragraph import Paragraph

    from marker.parse.docx import W, read_document
    from marker.parse.reading import read_structure

    document = docx.Document(opened_as_transitional(source))
    portfolio, anchors = read_document(document, marking.file, marking.file_sha256)
    read_structure(portfolio)  # the same reading as the marking's
    elements = {str(locator): element for locator, element in anchors.items()}
    notes = _notes(marking, portfolio, evidence)
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


def _annotate_xlsx(source: Path, marking: Marking, out: Path, evidence: bool) -> int:
    import openpyxl
    from openpyxl.comments import Comment

    from marker.parse import parse_file

    workbook = openpyxl.load_workbook(opened_as_transitional(source))
    notes = _notes(marking, parse_file(source), evidence)
    by_cell: dict[tuple[str, str], list[str]] = {}
    first = workbook.worksheets[0].title
    for locator, lines in notes.items():
        place = _cell_of(workbook, locator) or (first, "A1")
        by_cell.setdefault(place, []).extend(lines)
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
