"""An .xlsx package read straight from its zip, each sheet streamed row by row.

openpyxl builds an object per cell and parses with the standard library's expat, which
made a 5,000-row plan sheet take seconds; here each sheet part is parsed with lxml in
chunks, row elements are dropped as soon as they are read, and the number formats come
from the styles part once. Time and memory grow with the cells read, not the rows a
sheet claims. Strict Open XML parts are mapped to transitional ones on the way in.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from docx.opc.coreprops import CoreProperties
from docx.oxml.parser import parse_xml
from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_ISO8601

from marker.parse.cellvalues import NumberFormat, number_format, render
from marker.parse.model import Properties
from marker.parse.strict import StreamMapper, to_transitional

S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CORE_TYPE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
CHUNK_BYTES = 64 * 1024
_SAFE = {"resolve_entities": False, "no_network": True, "huge_tree": False}
_SAFE_XML = etree.XMLParser(**_SAFE)
_REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]+)$")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
_GENERAL = number_format("General")


@dataclass(frozen=True)
class SheetPart:
    title: str
    path: str  # inside the zip
    hidden: bool


@dataclass
class Package:
    sheets: list[SheetPart]
    strings: list[str]
    formats: list[NumberFormat]  # by cell style index
    looks: list[Look]  # by cell style index
    epoch: dt.datetime
    properties: Properties


@dataclass(frozen=True, slots=True)
class Look:
    """How a cell style looks, as far as reading structure needs: headers are bold or
    shaded."""

    bold: bool = False
    filled: bool = False
    grey: bool = False  # text in the grey templates give their prompts


_PLAIN = Look()
_GREY = re.compile(r"^(?:[0-9A-F]{2})?([0-9A-F]{2})\1\1$", re.I)


def _grey(font: etree._Element) -> bool:
    """A grey (not black, not near white), as templates colour their prompts."""
    colour = font.find(f"{S}color")
    match = _GREY.match(colour.get("rgb", "")) if colour is not None else None
    return match is not None and 0x60 <= int(match[1], 16) < 0xE0


@dataclass
class Value:
    """A cell's text as Excel shows it, its date if it holds one, and its look."""

    column: int  # 1-based
    text: str
    date: dt.date | None
    look: Look = _PLAIN


@dataclass
class SheetData:
    rows: list[tuple[int, list[Value]]]  # sheet row (1-based), the row's values
    merges: list[str] = field(default_factory=list)
    formulas_without_values: list[str] = field(default_factory=list)
    more_rows: bool = False  # rows with values were left unread


def _xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(to_transitional(archive.read(name)), _SAFE_XML)


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, part name) for a part's internal relationships."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in archive.NameToInfo:
        return {}
    found = {}
    for rel in _xml(archive, rels).iterchildren(f"{_RELS}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        target = target[1:] if target.startswith("/") else posixpath.join(folder, target)
        found[rel.get("Id", "")] = (rel.get("Type", ""), posixpath.normpath(target))
    return found


def _related(rels: dict[str, tuple[str, str]], reltype: str) -> str | None:
    return next((name for kind, name in rels.values() if kind == reltype), None)


def read_package(archive: zipfile.ZipFile) -> Package:
    """Sheets in workbook order, shared strings, number formats, calendar and properties."""
    package_rels = _rels(archive, "")
    main = _related(package_rels, _TYPES + "officeDocument")
    if main is None:
        raise ValueError("no workbook part")  # reported as a damaged file
    workbook = _xml(archive, main)
    rels = _rels(archive, main)
    pr = workbook.find(f"{S}workbookPr")
    mac = pr is not None and pr.get("date1904", "0").lower() in ("1", "true")
    sheets = []
    for sheet in workbook.iterfind(f"{S}sheets/{S}sheet"):
        kind, name = rels.get(sheet.get(f"{_R}id", ""), ("", ""))
        if kind == _TYPES + "worksheet" and name in archive.NameToInfo:  # not chart sheets
            state = sheet.get("state", "visible")
            sheets.append(SheetPart(sheet.get("name", ""), name, state != "visible"))
    strings = _related(rels, _TYPES + "sharedStrings")
    styles = _related(rels, _TYPES + "styles")
    core = _related(package_rels, _CORE_TYPE)
    style_root = _xml(archive, styles) if styles in archive.NameToInfo else None
    return Package(
        sheets=sheets,
        strings=_shared_strings(archive, strings) if strings in archive.NameToInfo else [],
        formats=_formats(style_root) if style_root is not None else [],
        looks=_looks(style_root) if style_root is not None else [],
        epoch=CALENDAR_MAC_1904 if mac else CALENDAR_WINDOWS_1900,
        properties=_properties(archive, core) if core in archive.NameToInfo else Properties(),
    )


def _text(element: etree._Element) -> str:
    """A string item's text: its runs, without the phonetic guide (<rPh>)."""
    return "".join(t.text or "" for t in element.iter(f"{S}t") if t.getparent().tag != f"{S}rPh")


def _shared_strings(archive: zipfile.ZipFile, name: str) -> list[str]:
    strings = []
    for item in _stream(archive, name, (f"{S}si",)):
        strings.append(_text(item).replace("x005F_", ""))  # as openpyxl reads them
    return strings


def _formats(styles: etree._Element) -> list[NumberFormat]:
    custom = {
        int(f.get("numFmtId", "0")): f.get("formatCode", "General")
        for f in styles.iterfind(f"{S}numFmts/{S}numFmt")
    }
    formats = []
    for xf in styles.iterfind(f"{S}cellXfs/{S}xf"):
        number = int(xf.get("numFmtId", "0"))
        if number < BUILTIN_FORMATS_MAX_SIZE and number not in custom:
            code = BUILTIN_FORMATS.get(number, "General")
        else:
            code = custom.get(number, "General")
        formats.append(number_format(code))
    return formats


def _looks(styles: etree._Element) -> list[Look]:
    """Each cell style's look: a bold or grey font, a solid or patterned fill."""
    bold, grey = [], []
    for font in styles.iterfind(f"{S}fonts/{S}font"):
        b = font.find(f"{S}b")
        bold.append(b is not None and b.get("val", "1").lower() not in ("0", "false"))
        grey.append(_grey(font))
    filled = []
    for fill in styles.iterfind(f"{S}fills/{S}fill"):
        pattern = fill.find(f"{S}patternFill")
        kind = pattern.get("patternType", "none") if pattern is not None else "none"
        filled.append(kind not in ("none", "gray125") or fill.find(f"{S}gradientFill") is not None)
    looks = []
    for xf in styles.iterfind(f"{S}cellXfs/{S}xf"):
        font, fill = int(xf.get("fontId", "0") or 0), int(xf.get("fillId", "0") or 0)
        look = Look(
            bold=font < len(bold) and bold[font],
            filled=fill < len(filled) and filled[fill],
            grey=font < len(grey) and grey[font],
        )
        looks.append(_PLAIN if look == _PLAIN else look)
    return looks


def _properties(archive: zipfile.ZipFile, name: str) -> Properties:
    core = CoreProperties(parse_xml(to_transitional(archive.read(name))))

    def naive(moment: dt.datetime | None) -> dt.datetime | None:  # in UTC, as openpyxl gave
        if moment is None or moment.tzinfo is None:
            return moment
        return moment.astimezone(dt.UTC).replace(tzinfo=None)

    return Properties(
        title=core.title or None,
        author=core.author or None,
        last_modified_by=core.last_modified_by or None,
        created=naive(core.created),
        modified=naive(core.modified),
    )


def _stream(archive: zipfile.ZipFile, name: str, tags: tuple[str, ...]):
    """The elements with `tags` in a part, each dropped from the tree once yielded."""
    parser = etree.XMLPullParser(events=("end",), tag=tags, **_SAFE)
    mapper = StreamMapper()
    with archive.open(name) as stream:
        while chunk := stream.read(CHUNK_BYTES):
            parser.feed(mapper.feed(chunk))
            yield from _drained(parser)
        parser.feed(mapper.close())
        parser.close()
        yield from _drained(parser)


def _drained(parser: etree.XMLPullParser):
    for _, element in parser.read_events():
        yield element
        element.clear(keep_tail=False)
        while element.getprevious() is not None:
            del element.getparent()[0]


def read_sheet(
    archive: zipfile.ZipFile, package: Package, sheet: SheetPart, max_rows: int, max_columns: int
) -> SheetData:
    """The sheet's rows that show text, up to `max_rows` of them; merges and formulas."""
    data = SheetData(rows=[])
    row_number = 0
    elements = _stream(archive, sheet.path, (f"{S}row", f"{S}mergeCell"))
    for element in elements:
        if element.tag == f"{S}mergeCell":
            if element.get("ref"):
                data.merges.append(element.get("ref"))
            continue
        row_number = _row_number(element.get("r"), row_number + 1)
        values = _row_values(element, row_number, package, max_columns, data)
        if not values:
            continue  # formatted but empty: not a row of data
        if len(data.rows) == max_rows:
            data.more_rows = True
            break
        data.rows.append((row_number, values))
    if data.more_rows:
        elements.close()
        data.merges = _merges_after(archive, sheet.path)
    return data


def _row_number(attribute: str | None, default: int) -> int:
    if attribute is None:
        return default
    return int(float(attribute))


def _row_values(
    row: etree._Element, number: int, package: Package, max_columns: int, data: SheetData
) -> list[Value]:
    values = []
    column = 0
    for cell in row.iterchildren(f"{S}c"):
        reference = cell.get("r")
        match = _REFERENCE.match(reference) if reference else None
        column = column_index_from_string(match.group(1)) if match else column + 1
        if column > max_columns:
            continue
        value = _value(cell, package)
        if value is None and cell.find(f"{S}f") is not None:
            data.formulas_without_values.append(reference or f"R{number}C{column}")
        style = int(cell.get("s", "0") or 0)
        fmt = package.formats[style] if style < len(package.formats) else _GENERAL
        text, date = render(value, fmt, package.epoch)
        if text:
            look = package.looks[style] if style < len(package.looks) else _PLAIN
            values.append(Value(column, text, date, look))
    return values


def _value(cell: etree._Element, package: Package) -> object:
    """The value as openpyxl reads it with `data_only`: the cached result of a formula."""
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        item = cell.find(f"{S}is")
        return None if item is None else _text(item)
    raw = cell.findtext(f"{S}v") or None
    if raw is None:
        return None
    if kind == "n":
        return float(raw) if ("." in raw or "e" in raw or "E" in raw) else int(raw)
    if kind == "s":
        return package.strings[int(raw)]
    if kind == "b":
        return bool(int(raw))
    if kind == "d":
        return from_ISO8601(raw)
    return raw  # "str" (a formula's text) and "e" (an error such as #N/A)


def _merges_after(archive: zipfile.ZipFile, name: str) -> list[str]:
    """The merged ranges of a sheet whose rows were not all read: a scan of the raw bytes."""
    merges: list[str] = []
    held = b""
    with archive.open(name) as stream:
        while chunk := stream.read(CHUNK_BYTES):
            data = held + chunk
            cut = data.rfind(b">") + 1
            merges += [m.decode() for m in _MERGE.findall(data, 0, cut)]
            held = data[cut:]
    return merges
