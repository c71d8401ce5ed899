"""Every command has help with an example, and `marker parse` shows what it read."""

from __future__ import annotations

import json

import click
import docx
import pytest
from click.testing import CliRunner

from marker.cli import main


def all_commands(group: click.Group, prefix=()):
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


@pytest.mark.parametrize(("path", "command"), list(all_commands(main)), ids=lambda v: str(v))
def test_every_command_has_help_with_an_example(path, command):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    if not isinstance(command, click.Group):
        assert "Example" in (command.help or ""), f"{' '.join(path)} has no example"


def small_docx(tmp_path):
    d = docx.Document()
    table = d.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Objective", "By when?"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "Cut AHT", "31/03/2025"
    path = tmp_path / "draft.docx"
    d.save(str(path))
    return path


def test_parse_text_shows_locators_and_roles(tmp_path):
    result = CliRunner().invoke(main, ["parse", str(small_docx(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "[table 1, row 2] table_row" in result.output
    assert "By when? -> Deadline / target date: 31/03/2025" in result.output


def test_parse_json_is_the_portfolio_model(tmp_path):
    result = CliRunner().invoke(main, ["parse", str(small_docx(tmp_path)), "--format", "json"])
    data = json.loads(result.output)
    assert data["source"] == "draft.docx"
    assert data["blocks"][1]["cells"][1]["role"] == "deadline"


def test_parse_reports_a_bad_file_and_goes_on(tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip")
    good = small_docx(tmp_path)
    result = CliRunner().invoke(main, ["parse", "--summary", str(bad), str(good)])
    assert result.exit_code == 1
    assert "broken.docx: error [not-office-file]" in result.output
    assert "draft.docx: 2 blocks" in result.output
