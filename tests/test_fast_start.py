"""Start-up: each command imports what it needs, and marking from bytes equals marking
from a path (what a Ray actor on another machine does)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from marker.parse import PortfolioError, parse_file, read_source
from tests.conftest import ROOT, fixture_files

PROBE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from marker.cli import main
try:
    main(sys.argv[2:])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in sys.argv[-1].split(","))))
"""


def _imported(*arguments: str, watch: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(ROOT), *arguments, watch],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.splitlines()[-1])


def test_help_imports_no_command_dependencies():
    assert _imported("--help", watch="spacy,sqlalchemy,alembic,openpyxl,ray") == []


def test_check_imports_what_marking_needs_and_no_more():
    fixture = str(fixture_files()[0])
    loaded = _imported(
        "check", fixture, "--format", "json", watch="spacy,typer,weasel,sqlalchemy,ray"
    )
    assert "spacy.language" in loaded  # it did mark
    assert not [m for m in loaded if m.split(".")[0] in ("typer", "weasel", "sqlalchemy", "ray")]
    assert not [m for m in loaded if m.startswith("spacy.cli.") and m != "spacy.cli.info"]


def test_spacy_cli_is_there_when_asked_for():
    script = "import marker, spacy, spacy.cli; print(callable(spacy.cli.download))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.strip() == "True", result.stderr


@pytest.mark.parametrize("path", fixture_files()[:3] + fixture_files()[-2:])
def test_a_file_parsed_from_its_bytes_is_the_file_parsed_from_its_path(path):
    from_bytes = parse_file((path.name, read_source(path)))
    assert from_bytes.model_dump_json() == parse_file(path).model_dump_json()


def test_bytes_get_every_pre_flight_check(tmp_path):
    with pytest.raises(PortfolioError) as empty:
        parse_file(("draft.docx", b""))
    assert empty.value.code == "empty-file"
    with pytest.raises(PortfolioError) as renamed:
        parse_file(("draft.docx", b"%PDF-1.7 ..."))
    assert renamed.value.code == "pdf"
    with pytest.raises(PortfolioError) as legacy:
        parse_file(("draft.doc", b"anything"))
    assert legacy.value.code != "corrupt"
