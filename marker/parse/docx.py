"""Word (.docx) portfolios: body order, tables, and the text `Paragraph.text` misses.

The body is walked directly with lxml, because python-docx skips content controls, text
boxes and tracked insertions, and its cell access is quadratic on large tables. To mark a
file, its parts are read straight from the zip; to annotate one, python-docx opens it
and the same reader walks python-docx's tree, so a comment can be anchored on the element
behind a locator. Both give the same portfolio (tested on every fixture).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.oxml.parser import parse_xml
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
from marker.parse.strict import UnmappedStrict, refuse_strict, to_transitional
from marker.parse.tables import GridCell, GridRow, SegmentKind, segment

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"

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
_PROMPT_STYLES = ("prompt", "placeholder", "guidance", "instruction")  # in style names
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
    prompt_runs: int = 0  # grey or in Word's placeholder style
    lead: list[str] = field(default_factory=list)  # bold runs before the first plain one
    lead_open: bool = True
    tracked: bool = False

    @property
    def text(self) -> str:
        return "".join(self.parts).strip()

    @property
    def bold_lead(self) -> str | None:
        """ "Deadline " in **Deadline** 31/03: bold words that open a paragraph going on plain."""
        lead = "".join(self.lead).strip()
        return lead if lead and not self.lead_open else None

    @property
    def prompt(self) -> bool:
        return self.prompt_runs > 0 and self.prompt_runs == self.bold_runs + self.plain_runs


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
            before = len(found.parts)
            _collect(child, found)
            _count_run(child, "".join(found.parts[before:]), found)
        elif tag == W + "txbxContent":
            found.text_boxes.append(child)
        elif tag in _SKIP or _placeholder(child):
            found.tracked |= tag in (W + "del", W + "moveFrom")
        else:
            found.tracked |= tag == W + "ins"
            _collect(child, found)


def _count_run(run: etree._Element, text: str, found: _Text) -> None:
    if not any((t.text or "").strip() for t in run.iterchildren(W + "t")):
        return
    bold = run.find(f"{W}rPr/{W}b")
    if bold is not None and bold.get(W + "val", "true") not in ("0", "false", "off"):
        found.bold_runs += 1
        if found.lead_open:
            found.lead.append(text)
    else:
        found.plain_runs += 1
        found.lead_open = False
    found.prompt_runs += _prompt_run(run)


_GREY = re.compile(r"^([0-9A-F]{2})\1\1$", re.I)


def _prompt_run(run: etree._Element) -> bool:
    """A run in Word's placeholder character style or in a grey a template gives prompts."""
    style = _val(run.find(f"{W}rPr/{W}rStyle")) or ""
    colour = _val(run.find(f"{W}rPr/{W}color")) or ""
    grey = _GREY.match(colour)
    return "placeholder" in style.lower() or (grey is not None and 0x60 <= int(grey[1], 16) < 0xE0)


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


@dataclass(slots=True)
class _CellRead:
    column: int  # 0-based grid column
    tc: etree._Element
    text: str
    bold: bool  # every paragraph with text is bold
    shaded: bool
    span: int


@dataclass
class _Row:
    element: etree._Element
    cells: list[_CellRead]
    nested: list[etree._Element]

    def grid(self, number: int, width: int) -> GridRow:
        """The row as the table reader sees it."""
        trpr = self.element.find(W + "trPr")
        cells = [GridCell(c.column + 1, c.text, c.span, c.bold, c.shaded) for c in self.cells]
        only = self.cells[0] if len(self.cells) == 1 else None
        return GridRow(
            number,
            cells,
            marked_header=trpr is not None and trpr.find(W + "tblHeader") is not None,
            full_width=only is not None and only.column == 0 and only.span >= width > 1,
        )


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
                prompt = found.prompt or self._prompt_style(p)
                self._add(kind, text, locator, p, level=level, lead=found.bold_lead, prompt=prompt)
        for box in found.text_boxes:
            self.text_boxes += 1
            self.walk(box, Part.TEXT_BOX)

    def _prompt_style(self, p: etree._Element) -> bool:
        """A paragraph in a template's prompt style ("Prompt Text", "Placeholder Text")."""
        style_id = _val(p.find(f"{W}pPr/{W}pStyle")) or ""
        name = (self.styles.get(style_id) or (style_id, None))[0].lower()
        return any(word in name for word in _PROMPT_STYLES)

    def _prompt_cell(self, tc: etree._Element) -> bool:
        paragraphs = [p for p in tc.iter(W + "p") if _read_paragraph(p).text]
        return bool(paragraphs) and all(
            _read_paragraph(p).prompt or self._prompt_style(p) for p in paragraphs
        )

    def _classify(self, p: etree._Element, text: str, found: _Text):
        ppr = p.find(W + "pPr")
        style_id = _val(ppr.find(W + "pStyle")) if ppr is not None else None
        style_id = style_id or ""
        # a style the package does not define may still be Word's own ("Heading1")
        name, level = self.styles.get(style_id) or (style_id, _heading_level(style_id))
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
        """A Word table, cut into sections (title rows, header rows, forms), each row
        read in order; nested tables follow the row they sit in."""
        self.tables += 1
        number = self.tables
        rows = [self._read_row(tr) for tr in _flatten(tbl, {W + "tr"})]
        width = max((c.column + c.span for r in rows for c in r.cells), default=0)
        grid = [row.grid(index, width) for index, row in enumerate(rows, start=1)]
        segments = segment(grid, width, lone_cells_are_text=False)
        steps: dict[int, list[tuple]] = {}
        parts = sum(s.kind in (SegmentKind.TABLE, SegmentKind.FIELDS) for s in segments)
        counted = 0
        for position, seg in enumerate(segments):
            before = segments[position - 1] if position else None
            if seg.kind in (SegmentKind.TABLE, SegmentKind.FIELDS):
                counted += 1
            prefix = f"part {counted} of {parts}: " if parts > 1 else ""
            if before is not None and before.kind is SegmentKind.TITLE:
                prefix += f"title '{grid[before.rows[0]].texts[0].text}', "
            for index, step in self._steps(seg, rows, grid, part, number, prefix):
                steps.setdefault(index, []).append(step)
        base = list(self.headings)  # a title row heads the rest of its table only
        for index, row in enumerate(rows):
            for kind, text, locator, element, extra in steps.get(index, []):
                if kind is BlockKind.HEADING:
                    self.headings = list(base)
                    self._add(kind, text, locator, element, **extra)
                    self.headings.append((extra["level"], text))
                else:
                    self._add(kind, text, locator, element, **extra)
            for nested in row.nested:
                self.table(nested, part)
        self.headings = base

    def _steps(self, seg, rows: list[_Row], grid: list[GridRow], part: Part, number: int, prefix):
        """(row index, block to add) for one segment of a table."""
        at = lambda index: Locator(part=part, table=number, row=index + 1)  # noqa: E731
        if seg.kind is SegmentKind.TITLE:
            index = seg.rows[0]
            level = min((self.headings[-1][0] if self.headings else 0) + 1, 9)
            text = grid[index].texts[0].text
            yield index, (BlockKind.HEADING, text, at(index), rows[index].element, {"level": level})
            return
        if seg.kind is SegmentKind.TEXT:
            index = seg.rows[0]
            text = grid[index].texts[0].text
            yield index, (BlockKind.PARAGRAPH, text, at(index), rows[index].element, {})
            return
        if seg.kind is SegmentKind.FIELDS:
            reading = prefix + seg.reason
            if seg.header is not None:  # the form's own header ("Section | Details")
                index = seg.header
                cells = [self._cell(c.text, c.text, c.tc, at(index)) for c in rows[index].cells]
                extra = {"cells": cells, "reading": reading}
                element = rows[index].element
                yield index, (BlockKind.TABLE_HEADER, _row_text(cells), at(index), element, extra)
                reading = None
            for plan in seg.fields:
                tc = next(c.tc for c in rows[plan.row].cells if c.column + 1 == plan.column)
                cell = self._cell(plan.text, plan.label, tc, at(plan.row))
                extra = {"cells": [cell], "reading": reading}
                yield plan.row, (BlockKind.FIELD, plan.text, cell.locator, tc, extra)
                reading = None
            return
        headers: dict[int, str] = {}
        if seg.header is not None:
            header = rows[seg.header]
            headers = {c.column: " ".join(c.text.split()) for c in header.cells if c.text}
            reading = f"{prefix}table with header row {seg.header + 1} ({seg.reason})"
        else:
            reading = prefix + seg.reason
        for index in seg.rows:
            locator = at(index)
            if index == seg.header:
                kind = BlockKind.TABLE_HEADER
                cells = [self._cell(c.text, c.text, c.tc, locator) for c in rows[index].cells]
            else:
                kind = BlockKind.TABLE_ROW
                cells = [
                    self._cell(c.text, headers.get(c.column), c.tc, locator, c.column)
                    for c in rows[index].cells
                ]
            extra = {"cells": cells, "reading": reading}
            yield index, (kind, _row_text(cells), locator, rows[index].element, extra)
            reading = None

    def _cell(
        self, text: str, header: str | None, tc, row_locator: Locator, grid_column: int = 0
    ) -> Cell:
        column = header or str(grid_column + 1)  # unheaded columns are numbered from 1
        locator = row_locator.model_copy(update={"column": column})
        self.anchors.setdefault(locator, tc)
        prompt = bool(text) and self._prompt_cell(tc)
        return Cell(text=text, header=header, role=role_of(header), locator=locator, prompt=prompt)

    def _read_row(self, tr: etree._Element) -> _Row:
        trpr = tr.find(W + "trPr")
        column = int(_val(trpr.find(W + "gridBefore"), "0") or 0) if trpr is not None else 0
        cells: list[_CellRead] = []
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
                text = "\n".join(t for t in texts if t)
                cells.append(_CellRead(column, tc, text, bold and bool(texts), _shaded(tcpr), span))
            column += span
        return _Row(tr, cells, nested)


def _read_box_text(box: etree._Element) -> str:
    return "\n".join(
        t for p in box.iter(W + "p") if (t := _read_paragraph(p).text)
    )  # a text box inside a table cell is read as part of the cell


def _row_text(cells: list[Cell]) -> str:
    return " | ".join(c.text for c in cells if c.text)


def _shaded(tcpr: etree._Element | None) -> bool:
    """A cell with a background fill (templates shade their label cells)."""
    shd = tcpr.find(W + "shd") if tcpr is not None else None
    fill = shd.get(W + "fill", "auto") if shd is not None else "auto"
    return fill.lower() not in ("auto", "ffffff", "")


def _style_map(styles: etree._Element | None) -> dict[str, tuple[str, int | None]]:
    """Style id -> (name, heading level), following `based on` to built-in headings.

    Read from the styles XML directly: python-docx's style objects cost more than the
    rest of the parse."""
    if styles is None:
        return {}
    named: dict[str, tuple[str, str | None]] = {}
    for style in styles.iterchildren(W + "style"):
        name = _val(style.find(W + "name"), "") or ""
        named[style.get(W + "styleId", "")] = (name, _val(style.find(W + "basedOn")))
    result: dict[str, tuple[str, int | None]] = {}
    for style_id, (name, _) in named.items():
        level, current, depth = None, style_id, 0
        while current in named and depth < 6:
            level = _heading_level(named[current][0])
            if level is not None:
                break
            current, depth = named[current][1], depth + 1
        result[style_id] = (name, level)
    return result


def _heading_level(style_name: str) -> int | None:
    """The level of a built-in heading style by its name ("Heading 2"; "Title" is 0)."""
    name = style_name.strip()
    match = _HEADING_STYLE.match(name)
    if match:
        return int(match.group(1))
    return 0 if name.lower() == "title" else None


@dataclass
class _Package:
    """What the reader takes from a .docx package, however the package was opened."""

    body: etree._Element
    styles: dict[str, tuple[str, int | None]]
    side_parts: list[tuple[Part, etree._Element]]  # headers, footers, notes, comments
    core: CoreProperties | None


def _side_items(roots: Iterable[tuple[Part, etree._Element]]) -> list[tuple[Part, etree._Element]]:
    """Side parts as the reader walks them: notes and comments item by item."""
    items = {part_kind: item_tag for _, part_kind, item_tag in _SIDE_PARTS}
    found: list[tuple[Part, etree._Element]] = []
    for part_kind, root in roots:
        item_tag = items[part_kind]
        if item_tag is None:
            found.append((part_kind, root))
            continue
        found += [
            (part_kind, item)
            for item in root.iterchildren(item_tag)
            if item.get(W + "type") is None  # separators are not text
        ]
    return found


# -- a package opened by python-docx (to annotate it) ------------------------------------


def _related(part, reltype: str):
    """The part `part` points to with `reltype`, or None (python-docx would make one)."""
    try:
        return part.part_related_by(reltype)
    except KeyError:
        return None


def _docx_side_roots(document) -> Iterator[tuple[Part, etree._Element]]:
    seen: set[str] = set()
    rels = list(document.part.rels.values())
    for reltype, part_kind, _ in _SIDE_PARTS:
        for rel in rels:
            if rel.is_external or rel.reltype != reltype:
                continue
            target = rel.target_part
            if str(target.partname) in seen:
                continue
            seen.add(str(target.partname))
            root = getattr(target, "element", None)
            yield part_kind, etree.fromstring(target.blob, _SAFE_XML) if root is None else root


def _docx_package(document) -> _Package:
    styles = _related(document.part, RT.STYLES)
    core = _related(document.part.package, RT.CORE_PROPERTIES)
    return _Package(
        body=document.element.body,
        styles=_style_map(styles.element if styles is not None else None),
        side_parts=_side_items(_docx_side_roots(document)),
        core=CoreProperties(core.element) if core is not None else None,
    )


# -- a package read straight from the zip (to mark it) -----------------------------------
# python-docx parses every XML part when it opens a package; marking needs four or five,
# and the styles part (a third of a megabyte in python-docx's own template) is the same
# in most files of a batch, made from one template.

_STYLE_MAPS: dict[tuple[int, int], dict[str, tuple[str, int | None]]] = {}
_STYLE_MAPS_KEPT = 64


def _zip_xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(to_transitional(archive.read(name)), _SAFE_XML)


def _zip_rels(archive: zipfile.ZipFile, part: str) -> list[tuple[str, str]]:
    """(relationship type, part name) of a part's internal relationships, in order."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in archive.NameToInfo:
        return []
    found = []
    for rel in _zip_xml(archive, rels).iterchildren(f"{{{_RELS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        name = target[1:] if target.startswith("/") else posixpath.join(folder, target)
        found.append((rel.get("Type", ""), posixpath.normpath(name)))
    return found


def _zip_styles(archive: zipfile.ZipFile, name: str) -> dict[str, tuple[str, int | None]]:
    """The style map, kept by the styles part's checksum and size for the next file."""
    info = archive.getinfo(name)
    key = (info.CRC, info.file_size)
    if key not in _STYLE_MAPS:
        if len(_STYLE_MAPS) >= _STYLE_MAPS_KEPT:
            _STYLE_MAPS.clear()
        _STYLE_MAPS[key] = _style_map(_zip_xml(archive, name))
    return _STYLE_MAPS[key]


def _zip_package(archive: zipfile.ZipFile) -> _Package:
    package_rels = _zip_rels(archive, "")
    main = next((name for reltype, name in package_rels if reltype == RT.OFFICE_DOCUMENT), None)
    body = _zip_xml(archive, main).find(W + "body") if main else None
    if body is None:  # reported as a damaged file
        raise ValueError("no main document part with a body")
    rels = _zip_rels(archive, main)
    styles = next((name for reltype, name in rels if reltype == RT.STYLES), None)
    core = next((name for reltype, name in package_rels if reltype == RT.CORE_PROPERTIES), None)
    seen: set[str] = set()
    side_roots = []
    for reltype, part_kind, _ in _SIDE_PARTS:
        for rel_type, name in rels:
            if rel_type == reltype and name not in seen:
                seen.add(name)
                side_roots.append((part_kind, _zip_xml(archive, name)))
    return _Package(
        body=body,
        styles=_zip_styles(archive, styles) if styles else {},
        side_parts=_side_items(side_roots),
        core=CoreProperties(parse_xml(to_transitional(archive.read(core)))) if core else None,
    )


def read_docx(path: Path | BinaryIO, source: str, sha256: str) -> tuple[Portfolio, dict]:
    """Parse a .docx into a Portfolio, plus the XML element behind each locator."""
    with zipfile.ZipFile(path) as archive:
        try:
            package = _zip_package(archive)
        except UnmappedStrict:
            raise refuse_strict(source, "docx") from None
    return _read(package, source, sha256)


def read_document(document, source: str, sha256: str) -> tuple[Portfolio, dict]:
    """Read an open python-docx Document; the anchors are elements of its own tree, so a
    caller that keeps the Document can change it at a locator (to add comments)."""
    return _read(_docx_package(document), source, sha256)


def _read(package: _Package, source: str, sha256: str) -> tuple[Portfolio, dict]:
    reader = _DocxReader(package.styles)
    reader.walk(package.body, Part.BODY)
    comments = 0
    for part_kind, root in package.side_parts:
        comments += part_kind is Part.COMMENT
        reader.headings = []
        reader.walk(root, part_kind)

    core = package.core
    properties = (
        Properties(
            title=core.title or None,
            author=core.author or None,
            last_modified_by=core.last_modified_by or None,
            created=core.created,
            modified=core.modified,
        )
        if core
        else Properties()
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
