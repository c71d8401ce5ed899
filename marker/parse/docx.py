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
