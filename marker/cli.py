"""The `marker` command: thin wiring over the stages, one verb per command."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from marker.parse import SUFFIXES, PortfolioError, parse_file
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
