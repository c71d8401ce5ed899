"""Save a document as byte-deterministic OOXML (shared by docgen and fixtures/fixturegen).

python-docx and openpyxl both stamp "now" into the package: openpyxl sets the
`modified` core property on every save (and `created` on every new workbook),
python-docx stamps new comments, and both zip writers store the wall-clock time on
every entry. So after saving we rebuild the zip: every entry gets the 1980-01-01
timestamp, the entries are written in a fixed order ([Content_Types].xml first, then
by name) with fixed attributes, and docProps/core.xml is replaced by one built from
explicit `CoreProps`.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
CORE_XML = "docProps/core.xml"
CONTENT_TYPES = "[Content_Types].xml"


@dataclass(frozen=True)
class CoreProps:
    """The docProps/core.xml values written into every file (never "now").

    A `title` of None leaves dc:title out, as a file whose title was never set.
    """

    author: str
    title: str | None
    created: dt.datetime
    modified: dt.datetime
    revision: int = 1


def _w3cdtf(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def core_xml(props: CoreProps) -> bytes:
    """docProps/core.xml holding exactly the given properties."""
    title = "" if props.title is None else f"<dc:title>{escape(props.title)}</dc:title>"
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{title}"
        f"<dc:creator>{escape(props.author)}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(props.author)}</cp:lastModifiedBy>"
        f"<cp:revision>{props.revision}</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{_w3cdtf(props.created)}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{_w3cdtf(props.modified)}'
        "</dcterms:modified>"
        "</cp:coreProperties>"
    )
    return xml.encode("utf-8")


def _entry_order(name: str) -> tuple[int, str]:
    return (0 if name == CONTENT_TYPES else 1, name)


def normalise_zip(raw: bytes, props: CoreProps) -> bytes:
    """Rewrite an OOXML package with fixed timestamps, entry order and core properties."""
    with zipfile.ZipFile(io.BytesIO(raw)) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    if CORE_XML not in entries:
        raise ValueError(f"package has no {CORE_XML}")
    entries[CORE_XML] = core_xml(props)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in sorted(entries, key=_entry_order):
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o600 << 16
            target.writestr(info, entries[name], compresslevel=9)
    return out.getvalue()
