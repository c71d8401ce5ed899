"""Word (.docx) portfolios: body order, tables, and the text `Paragraph.text` misses.

python-docx opens the package and gives the core properties and styles; the body is
walked directly with lxml, because python-docx skips content controls, text boxes and
tracked insertions, and its cell access is quadratic on large tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from marker.parse.columns import role_of
from marker.parse.layout import heading_level_by_look, strip_bullet
from marker.parse.model import (
    Block,
    BlockKind,
    Cell,
    Locator,
    ParseWarning,
    Part,
    Portfolio,
    Properties,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# Containers whose children belong to the enclosing level (content controls, custom XML).
_TRANSPARENT = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"}
# Never read as text: properties, deleted or moved-away text, field instructions, and
# the VML fallback copy of a text box (its Choice copy is read).
_SKIP = {
    W + "pPr",
    W + "rPr",
    W + "sdtPr",
    W + "sdtEndPr",
    W + "del",
    W + "moveFrom",
    W + "instrText",
    W + "delText",
    W + "commentReference",
    W + "footnoteReference",
    W + "endnoteReference",
    MC + "Fallback",
}
_CHAR = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}
_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.I)
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

# Parts kept apart from the body, in the order they are reported.
_SIDE_PARTS = (
    (RT.HEADER, Part.HEADER, None),
    (RT.FOOTER, Part.FOOTER, None),
    (RT.FOOTNOTES, Part.FOOTNOTE, W + "footnote"),
    (RT.ENDNOTES, Part.ENDNOTE, W + "endnote"),
    (RT.COMMENTS, Part.COMMENT, W + "comment"),
)


@dataclass
class _Text:
    """The visible text of a paragraph and what was found inside it on the way."""

    parts: list[str] = field(default_factory=list)
    text_boxes: list[etree._Element] = field(default_factory=list)
    bold_runs: int = 0
    plain_runs: int = 0
    tracked: bool = False

    @property
    def text(self) -> str:
        return "".join(self.parts).strip()


def _read_paragraph(p: etree._Element) -> _Text:
    found = _Text()
    _collect(p, found)
    return found


def _collect(element: etree._Element, found: _Text) -> None:
    for child in element:
        tag = child.tag
        if tag == W + "t":
            found.parts.append(child.text or "")
        elif tag in _CHAR:
            found.parts.append(_CHAR[tag])
        elif tag == W + "r":
            _count_run(child, found)
            _collect(child, found)
        elif tag == W + "txbxContent":
            found.text_boxes.append(child)
        elif tag in _SKIP or _placeholder(child):
            found.tracked |= tag in (W + "del", W + "moveFrom")
        else:
            found.tracked |= tag == W + "ins"
            _collect(child, found)


def _count_run(run: etree._Element, found: _Text) -> None:
    if not any((t.text or "").strip() for t in run.iterchildren(W + "t")):
        return
    bold = run.find(f"{W}rPr/{W}b")
    if bold is not None and bold.get(W + "val", "true") not in ("0", "false", "off"):
        found.bold_runs += 1
    else:
        found.plain_runs += 1


def _flatten(element: etree._Element, wanted: set[str]) -> Iterator[etree._Element]:
    """Children with a wanted tag, looking through content controls and custom XML."""
    for child in element:
        if child.tag in wanted:
            yield child
        elif child.tag in _TRANSPARENT and not _placeholder(child):
            yield from _flatten(child, wanted)


def _placeholder(element: etree._Element) -> bool:
    """A content control still showing its prompt ("Click or tap to enter a date.")."""
    return element.tag == W + "sdt" and element.find(f"{W}sdtPr/{W}showingPlcHdr") is not None


def _val(element: etree._Element | None, default: str | None = None) -> str | None:
    return default if element is None else element.get(W + "val", default)


@dataclass
class _Row:
    element: etree._Element
    cells: list[tuple[int, etree._Element, str, bool]]  # grid column, tc, text, all bold
    nested: list[etree._Element]


class _DocxReader:
    """Walks one document part, building blocks with locators and heading paths."""

    def __init__(self, styles: dict[str, tuple[str, int | None]]) -> None:
        self.styles = styles  # style id -> (name, heading level)
        self.blocks: list[Block] = []
        self.anchors: dict[Locator, etree._Element] = {}
        self.headings: list[tuple[int, str]] = []
        self.tables = 0
        self.paragraphs: dict[Part, int] = {}
        self.text_boxes = 0
        self.tracked = False

    # -- blocks --------------------------------------------------------------------

    def _add(self, kind: BlockKind, text: str, locator: Locator, element, **extra) -> None:
        self.blocks.append(
            Block(
                index=len(self.blocks),
                kind=kind,
                text=text,
                heading_path=[h for _, h in self.headings],
                locator=locator,
                **extra,
            )
        )
        self.anchors[locator] = element

    def _add_heading(self, level: int, text: str, locator: Locator, element) -> None:
        """A heading sits under the headings above its level, then opens a section."""
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        self._add(BlockKind.HEADING, text, locator, element, level=level)
        self.headings.append((level, text))

    # -- walking -------------------------------------------------------------------

    def walk(self, container: etree._Element, part: Part) -> None:
        for child in _flatten(container, {W + "p", W + "tbl"}):
            if child.tag == W + "p":
                self.paragraph(child, part)
            else:
                self.table(child, part)

    def paragraph(self, p: etree._Element, part: Part) -> None:
        found = _read_paragraph(p)
        self.tracked |= found.tracked
        text = found.text
        if text:
            number = self.paragraphs.get(part, 0) + 1
            self.paragraphs[part] = number
            locator = Locator(part=part, paragraph=number)
            kind, level, text = self._classify(p, text, found)
            if kind is BlockKind.HEADING:
                self._add_heading(level, text, locator, p)
            else:
                self._add(kind, text, locator, p, level=level)
        for box in found.text_boxes:
            self.text_boxes += 1
            self.walk(box, Part.TEXT_BOX)

    def _classify(self, p: etree._Element, text: str, found: _Text):
        ppr = p.find(W + "pPr")
        style_id = _val(ppr.find(W + "pStyle")) if ppr is not None else None
        name, level = self.styles.get(style_id or "", ("", None))
        if ppr is not None and level is None:
            outline = _val(ppr.find(W + "outlineLvl"))
            if outline is not None and outline.isdigit() and int(outline) < 9:
                level = int(outline) + 1
        if level is not None:
            return BlockKind.HEADING, level, text
        numbered = ppr is not None and _val(ppr.find(f"{W}numPr/{W}numId"), "0") != "0"
        stripped, bulleted = strip_bullet(text)
        if numbered or bulleted or "list" in name.lower():
            return BlockKind.LIST_ITEM, None, stripped
        bold = found.bold_runs > 0 and found.plain_runs == 0
        look = heading_level_by_look(text, bold)
        if look is not None:
            return BlockKind.HEADING, look, text
        return BlockKind.PARAGRAPH, None, text

    def table(self, tbl: etree._Element, part: Part) -> None:
        self.tables += 1
        number = self.tables
        rows = [self._read_row(tr) for tr in _flatten(tbl, {W + "tr"})]
        form = _is_form(rows)
        header_at = None if form else _header_row(rows)
        headers: dict[int, str] = {}
        for index, row in enumerate(rows, start=1):
            locator = Locator(part=part, table=number, row=index)
            if header_at is not None and index - 1 == header_at:
                headers = {col: " ".join(text.split()) for col, _, text, _ in row.cells if text}
                kind = BlockKind.TABLE_HEADER
                cells = [self._cell(text, text, tc, locator) for _, tc, text, _ in row.cells]
            elif form and len(row.cells) >= 2:
                label = " ".join(row.cells[0][2].split()) or None
                kind = BlockKind.TABLE_ROW
                cells = [self._cell(text, label, tc, locator) for _, tc, text, _ in row.cells[1:]]
            else:
                kind = BlockKind.TABLE_ROW
                cells = [
                    self._cell(text, headers.get(col), tc, locator, col)
                    for col, tc, text, _ in row.cells
                ]
            if any(c.text for c in cells):
                self._add(kind, _row_text(cells), locator, row.element, cells=cells)
            for nested in row.nested:
                self.table(nested, part)

    def _cell(
        self, text: str, header: str | None, tc, row_locator: Locator, grid_column: int = 0
    ) -> Cell:
        column = header or str(grid_column + 1)  # unheaded columns are numbered from 1
        locator = row_locator.model_copy(update={"column": column})
        self.anchors.setdefault(locator, tc)
        return Cell(text=text, header=header, role=role_of(header), locator=locator)

    def _read_row(self, tr: etree._Element) -> _Row:
        trpr = tr.find(W + "trPr")
        column = int(_val(trpr.find(W + "gridBefore"), "0") or 0) if trpr is not None else 0
        cells: list[tuple[int, etree._Element, str, bool]] = []
        nested: list[etree._Element] = []
        for tc in _flatten(tr, {W + "tc"}):
            tcpr = tc.find(W + "tcPr")
            span = int(_val(tcpr.find(W + "gridSpan"), "1") or 1) if tcpr is not None else 1
            vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
            continued = vmerge is not None and vmerge.get(W + "val", "continue") == "continue"
            if not continued:  # a vertically merged cell is read once, in its first row
                texts: list[str] = []
                bold = True
                for child in _flatten(tc, {W + "p", W + "tbl"}):
                    if child.tag == W + "tbl":
                        nested.append(child)
                        continue
                    found = _read_paragraph(child)
                    self.tracked |= found.tracked
                    if found.text:
                        texts.append(found.text)
                        bold &= found.bold_runs > 0 and found.plain_runs == 0
                    for box in found.text_boxes:
                        texts.append(_read_box_text(box))
                cells.append((column, tc, "\n".join(t for t in texts if t), bold and bool(texts)))
            column += span
        return _Row(tr, cells, nested)


def _read_box_text(box: etree._Element) -> str:
    return "\n".join(
        t for p in box.iter(W + "p") if (t := _read_paragraph(p).text)
    )  # a text box inside a table cell is read as part of the cell


def _row_text(cells: list[Cell]) -> str:
    return " | ".join(c.text for c in cells if c.text)


def _header_row(rows: list[_Row]) -> int | None:
    """Index of the header row: marked as repeating, or naming known roles, or all bold.

    Title rows (one cell across the table) above it are skipped.
    """
    start = 0
    while start < len(rows) - 1 and sum(1 for c in rows[start].cells if c[2]) <= 1:
        start += 1
    if start >= len(rows):
        return None
    row = rows[start]
    trpr = row.element.find(W + "trPr")
    if trpr is not None and trpr.find(W + "tblHeader") is not None:
        return start
    texts = [c for c in row.cells if c[2]]
    if len(texts) < 2 or len(rows) - start < 2:
        return None
    named = sum(1 for _, _, text, _ in texts if role_of(text))
    if named >= 2 and named * 2 >= len(texts):
        return start
    if all(bold for *_, bold in texts) and all(len(t.split()) <= 8 for _, _, t, _ in texts):
        return start
    return None


def _is_form(rows: list[_Row]) -> bool:
    """A two-column form ("Objective" | answer) whose left column names known roles."""
    labelled = [r for r in rows if len(r.cells) >= 2 and r.cells[0][2]]
    if len(labelled) < 2 or any(len(r.cells) > 2 for r in labelled):
        return False
    named = sum(1 for r in labelled if role_of(r.cells[0][2]))
    answers_named = all(role_of(r.cells[1][2]) for r in labelled[:1])
    return named * 2 >= len(labelled) and not answers_named


def _style_map(document) -> dict[str, tuple[str, int | None]]:
    """Style id -> (name, heading level), following `based on` to built-in headings.

    Read from the styles XML directly: python-docx's style objects cost more than the
    rest of the parse."""
    styles: dict[str, tuple[str, str | None]] = {}
    for style in document.styles.element.iterchildren(W + "style"):
        name = _val(style.find(W + "name"), "") or ""
        styles[style.get(W + "styleId", "")] = (name, _val(style.find(W + "basedOn")))
    result: dict[str, tuple[str, int | None]] = {}
    for style_id, (name, _) in styles.items():
        level, current, depth = None, style_id, 0
        while current in styles and depth < 6:
            base_name = styles[current][0].strip()
            match = _HEADING_STYLE.match(base_name)
            if match or base_name.lower() == "title":
                level = int(match.group(1)) if match else 0
                break
            current, depth = styles[current][1], depth + 1
        result[style_id] = (name, level)
    return result


def _side_part_roots(document) -> Iterator[tuple[Part, etree._Element]]:
    seen: set[str] = set()
    rels = list(document.part.rels.values())
    for reltype, part_kind, item_tag in _SIDE_PARTS:
        for rel in rels:
            if rel.is_external or rel.reltype != reltype:
                continue
            target = rel.target_part
            if str(target.partname) in seen:
                continue
            seen.add(str(target.partname))
            root = getattr(target, "element", None)
            if root is None:
                root = etree.fromstring(target.blob, _SAFE_XML)
            if item_tag is None:
                yield part_kind, root
                continue
            for item in root.iterchildren(item_tag):
                if item.get(W + "type") is None:  # separators are not text
                    yield part_kind, item


def read_docx(path: Path, source: str, sha256: str) -> tuple[Portfolio, dict]:
    """Parse a .docx into a Portfolio, plus the XML element behind each locator."""
    return read_document(docx.Document(str(path)), source, sha256)


def read_document(document, source: str, sha256: str) -> tuple[Portfolio, dict]:
    """Read an open python-docx Document; the anchors are elements of its own tree, so a
    caller that keeps the Document can change it at a locator (to add comments)."""
    reader = _DocxReader(_style_map(document))
    reader.walk(document.element.body, Part.BODY)
    comments = 0
    for part_kind, root in _side_part_roots(document):
        comments += part_kind is Part.COMMENT
        reader.headings = []
        reader.walk(root, part_kind)

    core = document.core_properties
    properties = Properties(
        title=core.title or None,
        author=core.author or None,
        last_modified_by=core.last_modified_by or None,
        created=core.created,
        modified=core.modified,
    )
    warnings = []
    if not any(b.part is Part.BODY for b in reader.blocks):
        warnings.append(ParseWarning(code="empty", message="The document has no body text."))
    if reader.tracked:
        warnings.append(
            ParseWarning(
                code="tracked-changes",
                message="The document has tracked changes: inserted text was read, "
                "deleted text was not. Accept or reject the changes before submitting.",
            )
        )
    if reader.text_boxes:
        warnings.append(
            ParseWarning(
                code="text-boxes",
                message=f"{reader.text_boxes} text box(es) were read as part of the body.",
            )
        )
    if comments:
        warnings.append(
            ParseWarning(
                code="comments",
                message=f"{comments} Word comment(s) were read but kept apart from the body.",
            )
        )
    reference = properties.modified or properties.created
    portfolio = Portfolio(
        source=source,
        kind="docx",
        sha256=sha256,
        properties=properties,
        reference_date=reference.date() if reference else None,
        blocks=reader.blocks,
        warnings=warnings,
    )
    return portfolio, reader.anchors
