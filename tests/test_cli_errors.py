"""Every command given wrong arguments ends with a short message on stderr and a non-zero
exit, never a traceback: missing file, folder for a file, unwritable output, bad date,
output equal to input. The commands are read from click's tree, so a new one must be added."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from marker.cli import main
from tests.audit.conftest import HEADER
from tests.conftest import assert_refused, fixture_files
from tests.test_cli import all_commands

DB = ["--db", "{db}"]
BAD_DB = ["--db", "nosuch://host/x"]
NO_DRIVER = ["--db", "postgresql+nosuchdriver://iqa@localhost/x"]
OUTPUT_CASES = {  # `-o` wrong in every way, for a command writing EXT
    "under a file": "{file}/out{ext}",
    "under a read-only folder": "{read_only}/out{ext}",
    "onto a folder": "{folder}",
    "unknown type": "{tmp}/out.pdf",
}


def outputs(before: list[str], ext: str, after: tuple[str, ...] = ()) -> list:
    return [
        (f"-o {case}", [*before, "-o", target.replace("{ext}", ext), *after])
        for case, target in OUTPUT_CASES.items()
    ]


ERRORS: dict[tuple[str, ...], list] = {
    ("parse",): [("missing file", ["{missing}.docx"]), ("empty folder", ["{folder}"])],
    ("extract",): [
        ("missing file", ["{missing}.txt"]),
        ("folder for a file", ["{folder}"]),
        ("not UTF-8 text", ["{docx_as_txt}"]),
        ("bad date", ["{docx}", "--reference-date", "2025-02-31"]),
    ],
    ("check",): [
        ("missing file", ["{missing}.docx"]),
        ("empty folder", ["{folder}"]),
        ("output is the input", ["{docx}", "--format", "html", "-o", "{docx}"]),
        ("annotated copy is the input", ["{docx}", "--annotate", "{docx}"]),
        ("annotated copy is a hard link", ["{docx}", "--annotate", "{link}"]),
        *outputs(["{docx}"], ".txt"),
    ],
    ("batch",): [
        ("missing folder", ["{missing}", "-o", "{tmp}/grid.xlsx"]),
        ("output is an input", ["{submissions}", "-o", "{docx}"]),
        ("format against extension", ["{submissions}", "-o", "{tmp}/g.csv", "--format", "xlsx"]),
        *outputs(["{submissions}"], ".xlsx"),
    ],
    ("rules", "list"): [("extra argument", ["extra"])],
    ("rules", "show"): [("unknown pack", ["no-such-pack"])],
    ("rules", "validate"): [
        ("missing file", ["{missing}.yaml"]),
        ("empty folder", ["{folder}"]),
        ("not a pack", ["{file}"]),
    ],
    ("rules", "test"): [
        ("missing file", ["{missing}.yaml"]),
        ("empty folder", ["{folder}"]),
        ("not a pack", ["{file}"]),
    ],
    ("explain",): [("unknown check", ["no-such-check"])],
    ("audit", "template"): [
        ("two outputs", ["{tmp}/a.xlsx", "-o", "{tmp}/b.xlsx"]),
        *outputs([], ".xlsx"),
    ],
    ("audit", "record"): [
        ("missing file", ["{missing}.csv", *DB]),
        ("folder for a file", ["{folder}", *DB]),
        ("rejects is the input", ["{decisions}", "--rejects", "{decisions}", *DB]),
        ("rejects under a file", ["{decisions}", "--rejects", "{file}/r.csv", *DB]),
        ("bad database URL", ["{decisions}", *BAD_DB]),
    ],
    ("audit", "markings"): [
        ("missing file", ["{missing}.json", *DB]),
        ("folder for a file", ["{folder}", *DB]),
        ("not JSON", ["{file}", *DB]),
        ("bad database URL", ["{markings}", *BAD_DB]),
    ],
    ("audit", "report"): [
        ("bad date", ["--as-of", "2025-13-01", *DB]),
        *outputs([], ".html", tuple(DB)),
        ("bad database URL", BAD_DB),
        ("missing driver", NO_DRIVER),
    ],
    ("audit", "status"): [
        ("extra argument", ["extra", *DB]),
        ("bad database URL", BAD_DB),
        ("missing driver", NO_DRIVER),
    ],
    ("audit", "history"): [
        ("nothing recorded", ["nobody.docx", *DB]),
        ("bad database URL", ["x.docx", *BAD_DB]),
    ],
    ("serve",): [
        ("another host without a token", ["--host", "0.0.0.0", *DB]),
        ("bad database URL", BAD_DB),
        ("missing password file", ["--password-file", "{missing}.txt", *DB]),
        ("token and password file", ["--token", "t", "--password-file", "{file}", *DB]),
        ("unknown pack", ["--pack", "no-such-pack", *DB]),
        ("missing pack file", ["--pack", "{missing}.yaml", *DB]),
        ("extra argument", ["extra", *DB]),
    ],
}


def _writable(folder: Path) -> bool:
    try:
        handle, name = tempfile.mkstemp(dir=folder)
    except OSError:
        return False
    os.close(handle)
    os.unlink(name)
    return True


@pytest.fixture
def places(tmp_path: Path):
    """The paths the cases name: real inputs, an empty folder, a read-only folder, a db."""
    submissions = tmp_path / "in"
    submissions.mkdir()
    docx = submissions / "learner.docx"
    shutil.copy(fixture_files()[0], docx)
    os.link(docx, tmp_path / "link.docx")
    shutil.copy(docx, tmp_path / "learner.txt")
    (tmp_path / "folder").mkdir()
    (tmp_path / "notes.txt").write_text("not what the command reads\n")
    rows = [",".join(HEADER), "learner.docx,Jo,Asha,monitoring,met,01/10/2025,"]
    (tmp_path / "decisions.csv").write_text("\n".join(rows) + "\n")
    (tmp_path / "markings.json").write_text("[]")
    read_only = tmp_path / "read-only"
    read_only.mkdir()
    read_only.chmod(0o555)
    if _writable(read_only):  # root writes anywhere but in the kernel's own folders
        read_only = Path("/sys")
    if not read_only.is_dir() or _writable(read_only):
        pytest.skip("no read-only folder to write in")
    yield {
        "tmp": tmp_path,
        "missing": tmp_path / "no-such",
        "submissions": submissions,
        "docx": docx,
        "docx_as_txt": tmp_path / "learner.txt",
        "link": tmp_path / "link.docx",
        "folder": tmp_path / "folder",
        "file": tmp_path / "notes.txt",
        "read_only": read_only,
        "decisions": tmp_path / "decisions.csv",
        "markings": tmp_path / "markings.json",
        "db": f"sqlite:///{tmp_path / 'audit.db'}",
    }
    (tmp_path / "read-only").chmod(0o755)


def test_every_command_has_its_wrong_argument_cases():
    leaves = {path for path, command in all_commands(main) if not hasattr(command, "commands")}
    assert leaves == set(ERRORS)


CASES = [
    pytest.param(command, case[1], marks=case[2:], id=f"{' '.join(command)}: {case[0]}")
    for command, cases in ERRORS.items()
    for case in cases
]


@pytest.mark.parametrize(("command", "arguments"), CASES)
def test_wrong_arguments_end_in_one_clear_line(places, command, arguments):
    before = places["docx"].read_bytes()
    argv = [*command, *(a.format(**places) for a in arguments)]
    result = CliRunner().invoke(main, argv)
    assert_refused(result)
    assert places["docx"].read_bytes() == before  # no output ever lands on an input
