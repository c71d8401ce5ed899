"""A generated corpus of hostile and broken uploads, each with the outcome it must get.

Nothing binary is committed: `write_corpus(folder)` builds every file with python-docx,
openpyxl, zipfile and msoffcrypto-tool. Run as a script to write it somewhere:
`python tests/hostile.py OUTDIR`. Each case's expected outcome is a refusal code, or
`ok` (the file is read, possibly with warnings) for files that are awkward but safe.
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl

from tests.strict import to_strict

SECRET = "SECRET-CONTENT-7731"  # planted in documents: no message may repeat it
MIB = 1 << 20


@dataclass(frozen=True)
class Case:
    name: str
    expected: str  # a PortfolioError code, or "ok"
    build: Callable[[], bytes]
    # budgets for large legitimate files, above those of the rest (None: the common ones)
    peak_mb: float | None = None
    batch: bool = True  # marked in the batch test too (the NLP of 15,000 rows takes minutes)


def _docx(paragraphs: int = 3) -> bytes:
    document = docx.Document()
    for number in range(paragraphs):
        document.add_paragraph(f"I will reduce my AHT to 6:00 by 31/03/2026. {SECRET} {number}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx(rows: int = 3) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Objective", "By when?"])
    for number in range(rows):
        sheet.append([f"Reduce AHT {SECRET} {number}", "31/03/2026"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rezip(
    data: bytes, replace: dict[str, bytes] | None = None, add=(), method=zipfile.ZIP_DEFLATED
) -> bytes:
    """A copy of a zip with some entries replaced and others added."""
    replace = replace or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
        for name, payload in add:
            target.writestr(name, payload)
    return buffer.getvalue()


def _content_type(data: bytes, old: str, new: str) -> bytes:
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml").decode()
    return _rezip(data, {"[Content_Types].xml": types.replace(old, new).encode()})


WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def _document_xml(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()


def _with_doctype(data: bytes, part: str, doctype: str, entity_use: str = "") -> bytes:
    xml = zipfile.ZipFile(io.BytesIO(data)).read(part).decode()
    head, _, body = xml.partition("?>")
    body = body.replace(SECRET, entity_use or SECRET, 1)
    return _rezip(data, {part: f"{head}?>{doctype}{body}".encode()})


LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def _bomb_entry(size: int) -> bytes:
    """A valid document with one more entry that inflates to `size` bytes of zeros."""
    buffer = io.BytesIO(_docx())
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("word/media/bomb.bin", "w", force_zip64=True) as stream,
    ):
        chunk = bytes(MIB)
        for _ in range(size // MIB):
            stream.write(chunk)
    return buffer.getvalue()


def _many_entries() -> bytes:
    return _rezip(_docx(), add=[(f"word/media/{i}.txt", b"x") for i in range(10_000)])


def _nested_zip() -> bytes:
    inner = io.BytesIO()
    with (
        zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("bomb.bin", "w", force_zip64=True) as stream,
    ):
        for _ in range(256):
            stream.write(bytes(MIB))
    return _rezip(
        _docx(), add=[("word/embeddings/inner.zip", inner.getvalue())], method=zipfile.ZIP_STORED
    )


def _flipped() -> bytes:
    data = bytearray(_docx(200))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 40, start + info.compress_size - 40, 97):
        data[offset] ^= 0xFF
    return bytes(data)


def _encrypted(plain: bytes) -> bytes:
    import msoffcrypto.format.ooxml

    source, target = io.BytesIO(plain), io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("password1", target)
    return target.getvalue()


def _ole(stream_name: str, size: int = 4096) -> bytes:
    """A real OLE compound file (version 3, as Office 97-2003 saved) with one stream.

    Laid out by hand: header, one FAT sector, one directory sector, then the stream in
    regular sectors (at 4,096 bytes it is past the mini-stream cutoff)."""
    end, free, fat_sector, no_stream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    sectors = -(-size // 512)
    header = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + bytes(16)
        + struct.pack("<HHHHH6xIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", free) * 108
    )
    chain = [fat_sector, end] + [2 + i + 1 for i in range(sectors - 1)] + [end]
    fat = struct.pack(f"<{len(chain)}I", *chain).ljust(512, b"\xff")

    def entry(name: str, kind: int, child: int, start: int, length: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", no_stream, no_stream, child)
            + bytes(36)
            + struct.pack("<IQ", start, length)
        )

    directory = (
        entry("Root Entry", 5, 1, end, 0)
        + entry(stream_name, 2, no_stream, 2, size)
        + entry("", 0, no_stream, 0, 0) * 2
    )
    return header + fat + directory + (SECRET.encode() * size)[:size].ljust(sectors * 512, b"\0")


def _plan_sheets(sheets: int, rows: int = 5_000) -> bytes:
    """A workbook of plan sheets, each a header and `rows` rows of six filled columns."""
    workbook = openpyxl.Workbook()
    for number in range(sheets):
        sheet = workbook.active if number == 0 else workbook.create_sheet()
        sheet.title = f"Plan {number + 1}"
        sheet.append(["Objective", "Actions", "Support needed", "By when?", "Success", "Progress"])
        for row in range(rows):
            sheet.append(
                [
                    f"Reduce my AHT from 7:{row % 60:02d} to 6:00 by better call control",
                    "Shadow a senior adviser on two calls a week",
                    "Team leader coaching",
                    "31/03/2026",
                    "AHT report shows 6:00 or under for four weeks running",
                    "On track",
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _far_cells() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "Objective"
    sheet["XFD1048576"] = "far away"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _million_rows() -> bytes:
    """A sheet of 1,000,000 rows, streamed straight into the zip."""
    data = _xlsx()
    sheet = b"".join(
        [
            b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        ]
        + [
            b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>row %d</t></is></c></row>' % (i, i, i)
            for i in range(1, 1_000_001)
        ]
        + [b"</sheetData></worksheet>"]
    )
    return _rezip(data, {"xl/worksheets/sheet1.xml": sheet})


def _huge_text_node() -> bytes:
    xml = _document_xml(_docx())
    return _rezip(_docx(), {"word/document.xml": xml.replace(SECRET, "a" * (50 * MIB), 1).encode()})


def _big_table() -> bytes:
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Objective", "Actions", "By when?"], strict=True):
        cell.text = text
    for number in range(10_000):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = (
            f"Objective {number}",
            "Shadowing",
            "31/03/2026",
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _raw_zip(entries: list[tuple[str, bytes]], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, payload in entries:
            archive.writestr(name, payload)
    return buffer.getvalue()


def _duplicate_names() -> bytes:
    data = _docx()
    archive = zipfile.ZipFile(io.BytesIO(data))
    entries = [(i.filename, archive.read(i)) for i in archive.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the very thing wanted here
        for name, payload in entries:
            target.writestr(name, payload)
        target.writestr("word/document.xml", entries[0][1])  # a second entry of the same name
    return buffer.getvalue()


def _encrypted_flag() -> bytes:
    data = bytearray(_docx())
    position = data.rfind(b"PK\x01\x02")  # a central directory record: set its encrypted bit
    data[position + 8] |= 0x01
    return bytes(data)


# Text a spreadsheet would run as a formula if it were written into a cell or a CSV field
# as it stands; the batch grid, its CSV form and the audit report must keep it as text.
FORMULA_TEXTS = (
    '=HYPERLINK("http://example.invalid","1. My career goal")',
    "+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
)


def _formula_docx() -> bytes:
    """Formula-like text at the start of paragraphs and table cells the engine quotes."""
    document = docx.Document()
    document.add_heading("Self-assessment", 1)
    for text in FORMULA_TEXTS:
        document.add_paragraph(f"{text} I want to become a team leader; I listen well.")
    document.add_heading("SMART objectives", 1)
    for text in FORMULA_TEXTS:
        document.add_paragraph(f"{text} I will reduce my AHT from 7:30 to 6:00 by 31/03/2026.")
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Objective", "Actions", "By when?"], strict=True):
        cell.text = text
    for text in FORMULA_TEXTS:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = f"{text} cut AHT to 6:00", f"{text} shadowing"
        cells[2].text = "31/03/2026"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _formula_xlsx() -> bytes:
    """The same text in a workbook's cells, stored as text (the learner typed it)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "PDP"
    sheet.append(["Objective", "By when?"])
    for text in FORMULA_TEXTS:
        sheet.append([f"{text} I will reduce AHT from 7:30 to 6:00", "31/03/2026"])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.data_type = "s"  # openpyxl took the "=" ones for formulas
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _pptx() -> bytes:
    return _content_type(
        _docx(),
        WORD_MAIN,
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    )


CASES: list[Case] = [
    Case("zip-bomb-1gib.docx", "zip-bomb", lambda: _bomb_entry(1024 * MIB)),
    Case("zip-many-entries.docx", "zip-bomb", _many_entries),
    Case("zip-inside-zip.docx", "ok", _nested_zip),
    Case(
        "billion-laughs-document.docx",
        "xml-doctype",
        lambda: _with_doctype(_docx(), "word/document.xml", LAUGHS, "&lol9;"),
    ),
    Case(
        "billion-laughs-sheet.xlsx",
        "xml-doctype",
        lambda: _with_doctype(_xlsx(), "xl/worksheets/sheet1.xml", LAUGHS, "&lol9;"),
    ),
    Case(
        "quadratic-blowup.docx",
        "xml-doctype",
        lambda: _with_doctype(
            _docx(),
            "word/document.xml",
            f'<!DOCTYPE d [<!ENTITY a "{"x" * 50_000}">]>',
            "&a;" * 10_000,
        ),
    ),
    Case(
        "xxe-local-file.docx",
        "xml-doctype",
        lambda: _with_doctype(
            _docx(),
            "word/document.xml",
            '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
            "&x;",
        ),
    ),
    Case(
        "xxe-loopback-url.docx",
        "xml-doctype",
        lambda: _with_doctype(
            _docx(),
            "word/document.xml",
            '<!DOCTYPE d [<!ENTITY x SYSTEM "http://127.0.0.1:9/secret">]>',
            "&x;",
        ),
    ),
    Case(
        "external-dtd.xlsx",
        "xml-doctype",
        lambda: _with_doctype(
            _xlsx(),
            "xl/worksheets/sheet1.xml",
            '<!DOCTYPE worksheet SYSTEM "http://127.0.0.1:9/x.dtd">',
        ),
    ),
    Case(
        "doctype-in-content-types.docx",
        "xml-doctype",
        lambda: _with_doctype(_docx(), "[Content_Types].xml", "<!DOCTYPE Types>"),
    ),
    Case("truncated.docx", "corrupt", lambda: _docx(50)[: len(_docx(50)) // 2]),
    Case("flipped-bytes.docx", "corrupt", _flipped),
    Case("empty.docx", "empty-file", lambda: b""),
    Case("pdf-renamed.docx", "pdf", lambda: b"%PDF-1.7\n%" + SECRET.encode() + b"\n" * 200),
    Case("encrypted.docx", "encrypted", lambda: _encrypted(_docx())),
    Case("encrypted.xlsx", "encrypted", lambda: _encrypted(_xlsx())),
    Case("legacy-word.docx", "legacy-doc", lambda: _ole("WordDocument")),
    Case("legacy-excel.xlsx", "legacy-xls", lambda: _ole("Workbook")),
    Case(
        "macro-enabled.docx",
        "macro-enabled",
        lambda: _content_type(
            _docx(), WORD_MAIN, "application/vnd.ms-word.document.macroEnabled.main+xml"
        ),
    ),
    Case(
        "macro-enabled.xlsx",
        "macro-enabled",
        lambda: _content_type(
            _xlsx(), EXCEL_MAIN, "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
        ),
    ),
    Case("macro-enabled.docm", "macro-enabled", _docx),
    Case(
        "binary-workbook.xlsx",
        "xlsb",
        lambda: _content_type(
            _xlsx(), EXCEL_MAIN, "application/vnd.ms-excel.sheet.binary.macroEnabled.main"
        ),
    ),
    Case("binary-workbook.xlsb", "xlsb", _xlsx),
    Case("workbook-named-docx.docx", "wrong-type", _xlsx),
    Case("document-named-xlsx.xlsx", "wrong-type", _docx),
    Case(
        "invalid-utf8.docx",
        "corrupt",
        lambda: _rezip(
            _docx(),
            {"word/document.xml": _document_xml(_docx()).encode().replace(b"AHT", b"\xff\xfe\xc3")},
        ),
    ),
    Case("cells-a1-and-xfd1048576.xlsx", "ok", _far_cells),
    Case("million-rows.xlsx", "ok", _million_rows),
    Case("huge-text-node.docx", "zip-bomb", _huge_text_node),
    Case("table-10000-rows.docx", "ok", _big_table),
    Case("duplicate-entry-names.docx", "zip-unsafe", _duplicate_names),
    Case(
        "dot-dot-entry-name.docx",
        "zip-unsafe",
        lambda: _rezip(_docx(), add=[("../evil.xml", b"<x/>")]),
    ),
    Case(
        "unsupported-compression.docx",
        "zip-unsafe",
        lambda: _raw_zip(
            [
                (n, zipfile.ZipFile(io.BytesIO(_docx())).read(n))
                for n in zipfile.ZipFile(io.BytesIO(_docx())).namelist()
            ],
            zipfile.ZIP_LZMA,
        ),
    ),
    Case("zip-encrypted-flag.docx", "encrypted", _encrypted_flag),
    Case("plain-text.docx", "not-office-file", lambda: f"My portfolio {SECRET}".encode()),
    Case("rtf.docx", "not-office-file", lambda: b"{\\rtf1\\ansi " + SECRET.encode() + b"}"),
    Case("png.xlsx", "not-office-file", lambda: bytes.fromhex("89504e470d0a1a0a") + bytes(100)),
    Case("powerpoint.docx", "not-office-file", _pptx),
    Case(
        "no-content-types.docx",
        "not-office-file",
        lambda: _raw_zip([("word/document.xml", b"<x/>")]),
    ),
    Case("=HYPERLINK(1).docx", "ok", _formula_docx),
    Case("formula-text.xlsx", "ok", _formula_xlsx),
    Case("strict-open-xml.docx", "ok", lambda: to_strict(_docx())),
    Case("strict-open-xml.xlsx", "ok", lambda: to_strict(_xlsx())),
    Case("plan-5000-rows.xlsx", "ok", lambda: _plan_sheets(1), batch=False),
    Case(
        "plan-3-sheets-of-5000-rows.xlsx",
        "ok",
        lambda: _plan_sheets(3),
        peak_mb=400,
        batch=False,
    ),
    Case("legacy-excel.xls", "legacy-xls", lambda: _ole("Workbook")),
    Case("legacy-word.doc", "legacy-doc", lambda: _ole("WordDocument")),
    Case("macro-enabled.xlsm", "macro-enabled", _xlsx),
    Case("UPPER-CASE.DOCX", "ok", _docx),
]


# One file parsed in a fresh process: its outcome, time, the process's peak memory (imports
# included), and whether anything tried to open a network connection.
PROBE = """
import json, socket, sys, time
sys.path.insert(0, sys.argv[1])
from marker.parse import PortfolioError, parse_file
attempts = []
def refuse_network(self, *args, **kwargs):
    attempts.append(args)
    raise OSError("no network in tests")
socket.socket.connect = refuse_network
socket.socket.connect_ex = refuse_network
start = time.perf_counter()
try:
    portfolio = parse_file(sys.argv[2])
    outcome = {"code": "ok", "message": "", "warnings": [w.code for w in portfolio.warnings]}
except PortfolioError as error:
    outcome = {"code": error.code, "message": error.message, "warnings": []}
outcome["seconds"] = time.perf_counter() - start
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec
status = open("/proc/self/status").read()
outcome["peak_mb"] = int(status.split("VmHWM:")[1].split()[0]) / 1024
outcome["network"] = len(attempts)
print(json.dumps(outcome))
"""


def probe(path: Path) -> dict:
    """Parse one file in a fresh process: outcome, seconds, peak MB, network attempts."""
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(root), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.splitlines()[-1])


def write_corpus(folder: Path) -> dict[str, str]:
    """Write every case into `folder`; returns file name -> expected outcome."""
    folder.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        (folder / case.name).write_bytes(case.build())
    return {case.name: case.expected for case in CASES}


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    print(f"{'case':34} {'expected':16} {'got':16} {'seconds':>7} {'peak MB':>8}")
    for name, expected in write_corpus(target).items():
        got = probe(target / name)
        print(
            f"{name:34} {expected:16} {got['code']:16} {got['seconds']:7.3f} {got['peak_mb']:8.1f}"
        )
