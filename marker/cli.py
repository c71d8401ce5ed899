"""The `marker` command: thin wiring over the stages, one verb per command."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from marker.nlp.evidence import MAIN_LABELS, analyse, found_spans
from marker.nlp.pipeline import Context, process
from marker.parse import SUFFIXES, PortfolioError, parse_file
from marker.parse.columns import column_roles
from marker.report.parsed import render_portfolio, summary_line


def _portfolio_files(paths: tuple[str, ...]) -> list[Path]:
    """The .docx/.xlsx files named, folders searched recursively, in a stable order."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
            )
        else:
            found.append(path)
    return found


@click.group()
@click.version_option(package_name="evidence-marker")
def main() -> None:
    """Mark learner portfolios (.docx/.xlsx) against examiner marking points."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--summary", is_flag=True, help="One line per file instead of every block.")
def parse(paths: tuple[str, ...], fmt: str, summary: bool) -> None:
    """Show what the engine read from each file, block by block, with locators.

    Every block shows where it came from ("table 2, row 3", "sheet 'PDP', row 7") and
    every table cell its column header and the role that header was given, so you can
    see why something was or was not found.

    Example: marker parse portfolio.docx --format json
    """
    failed = False
    for path in _portfolio_files(paths):
        try:
            portfolio = parse_file(path)
        except PortfolioError as error:
            failed = True
            click.echo(f"{error.source}: error [{error.code}] {error.message}", err=True)
            continue
        if summary:
            click.echo(summary_line(portfolio))
        elif fmt == "json":
            click.echo(json.dumps(portfolio.model_dump(mode="json"), ensure_ascii=False, indent=2))
        else:
            click.echo(render_portfolio(portfolio))
    sys.exit(1 if failed else 0)


def _json_line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=False)


def _span_record(span, **extra) -> dict:
    record = {"label": span.label, "text": span.text, "start": span.start, "end": span.end}
    record["value"] = span.value
    if span.flags:
        record["flags"] = list(span.flags)
    return record | extra


@main.command()
@click.argument("source", default="-", type=click.Path(allow_dash=True))
@click.option("--per-line", is_flag=True, help="Treat each input line as a separate text.")
@click.option(
    "--reference-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Date that relative dates resolve against (default: today; a file's own date).",
)
@click.option("--role", help="Read the text as a table cell with this column role.")
@click.option("--all-labels", is_flag=True, help="Also show signal spans (WORK, ROLE, ...).")
def extract(
    source: str, per_line: bool, reference_date, role: str | None, all_labels: bool
) -> None:
    """Print the spans the NLP layer finds, one JSON object per line.

    Each line is {"label", "text", "start", "end", "value"}: character offsets into
    the input text, end exclusive. With --per-line each line of the input is its own
    text and each span carries its 0-based "line". Given a .docx or .xlsx, text is
    read block by block (cell by cell in tables) and each span carries its "locator".

    Example: echo "I will cut AHT from 7:30 to 6:00 by 31/03/2025" | marker extract
    """
    labels = None if all_labels else MAIN_LABELS
    path = Path(source)
    if source != "-" and path.suffix.lower() in SUFFIXES:
        try:
            evidence = analyse(parse_file(path))
        except PortfolioError as error:
            raise click.ClickException(f"{error.source}: {error.message}") from None
        for analysed in evidence.texts:
            for span in analysed.spans:
                if labels is None or span.label in labels:
                    click.echo(_json_line(_span_record(span, locator=analysed.locator)))
        return
    if role and role not in column_roles().labels:
        raise click.BadParameter(f"unknown role {role!r}", param_hint="--role")
    text = click.get_text_stream("stdin").read() if source == "-" else path.read_text("utf-8")
    reference = reference_date.date() if reference_date else dt.date.today()
    texts = text.splitlines() if per_line else [text]
    context = Context(reference_date=reference, role=role)
    for line, doc in enumerate(process((t, context) for t in texts)):
        for span in found_spans(doc, labels):
            extra = {"line": line} if per_line else {}
            click.echo(_json_line(_span_record(span, **extra)))
