"""`marker audit`: import assessor decisions and report how consistently they mark.

Thin wiring only; the work is in decisions, store, analysis and the renderers.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from sqlalchemy.orm import Session

from marker.audit.db import DEFAULT_DB, open_db, plain_errors, utc
from marker.audit.decisions import (
    DecisionFileError,
    ImportResult,
    record_decisions,
    write_rejects,
)
from marker.audit.report import FORMATS, build_report, format_for, write_report
from marker.audit.scheme import DEFAULT_PACK, Pack, PackNotFound, load_pack
from marker.audit.store import history, record_markings, status
from marker.audit.template import write_template
from marker.audit.url import DatabaseUnusable, db_option, safe_url
from marker.outputs import REJECTS_FORMATS, TEMPLATE_FORMATS, format_of, prepare

MAX_ROWS_SHOWN = 20
"""Rejected rows echoed to the terminal; `--rejects FILE` writes them all."""

database_option = db_option(DEFAULT_DB, "The audit database:")
pack_option = click.option(
    "--pack", "pack_id", default=DEFAULT_PACK, show_default=True, help="Rule pack id."
)


def _pack(pack_id: str) -> Pack:
    try:
        return load_pack(pack_id)
    except PackNotFound as error:
        raise click.ClickException(str(error)) from error


@contextmanager
def _database(db_url: str) -> Iterator[None]:
    """A database that cannot be used (unreachable, busy, damaged) is one line, exit 1."""
    try:
        with plain_errors(db_url):
            yield
    except DatabaseUnusable as error:
        raise click.ClickException(str(error)) from None


@click.group()
def audit() -> None:
    """Check that assessors apply the marking points consistently (IQA, standardisation)."""


@audit.command()
@click.argument("named", required=False, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Sheet to write, .xlsx or .csv (default decisions.xlsx; also given as the argument).",
)
@pack_option
def template(named: Path | None, output: Path | None, pack_id: str) -> None:
    """Write a decisions sheet to fill in (.xlsx with drop-downs, or .csv).

    Columns: portfolio file, learner, assessor, marking point id, verdict, decision
    date, comment. The example row is skipped on import.

    Example: marker audit template -o term1-decisions.xlsx
    """
    if named and output and named != output:
        raise click.UsageError(f"two outputs given ({named} and {output}): give one")
    out = output or named or Path("decisions.xlsx")
    format_of(out, TEMPLATE_FORMATS)
    pack = _pack(pack_id)
    prepare([out], [], say=lambda line: click.echo(line, err=True))
    write_template(out, pack)
    click.echo(f"wrote {out}")


@audit.command()
@click.argument("decisions", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--portfolios",
    "portfolio_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder holding the portfolio files (searched with subfolders); repeatable.",
)
@click.option("--by", help="Who is importing (default: your login name).")
@click.option("--rejects", type=click.Path(path_type=Path), help="Write rejected rows to a CSV.")
@click.option("--dry-run", is_flag=True, help="Check every row, store nothing.")
@pack_option
@database_option
def record(
    decisions: tuple[Path, ...],
    portfolio_dirs: tuple[Path, ...],
    by: str | None,
    rejects: Path | None,
    dry_run: bool,
    pack_id: str,
    db_url: str,
) -> None:
    """Import assessor decisions from CSV or XLSX sheets, row by row.

    Each row is checked on its own; good rows are stored even when others are rejected,
    and every rejected row is listed with its row number and why. Portfolio files are
    looked for beside the sheet and in --portfolios; a file not found is accepted if the
    database already holds the engine's marking of that file name. Exits 1 when any row
    was rejected.

    Example: marker audit record term1.xlsx --portfolios submissions/ --rejects fix-me.csv
    """
    pack = _pack(pack_id)
    if rejects is not None:
        format_of(rejects, REJECTS_FORMATS)
        prepare([rejects], decisions, say=lambda line: click.echo(line, err=True))
    with _database(db_url):
        open_db(db_url).dispose()  # an unusable database is found before any sheet is read
    failed = False
    for path in decisions:
        try:
            with _database(db_url):
                result = record_decisions(db_url, path, pack, portfolio_dirs, by, dry_run)
        except DecisionFileError as error:
            click.echo(f"error: {error}", err=True)
            failed = True
            continue
        _summarise(path, result, dry_run)
        if result.rejected:
            failed = True
            if rejects is not None:
                write_rejects(result, rejects)
                click.echo(f"  rejected rows written to {rejects}")
    sys.exit(1 if failed else 0)


def _summarise(path: Path, result: ImportResult, dry_run: bool) -> None:
    """Counts first, problems grouped by kind, then the rows (capped; --rejects has all)."""
    verb = "would store" if dry_run else "stored"
    changed = sum(1 for a in result.accepted if a.replaces)
    line = f"{path.name}: {verb} {len(result.accepted)} decision(s)"
    if changed:
        line += f" ({changed} changing an earlier verdict)"
    line += f", rejected {len(result.rejected)}"
    if result.skipped:
        line += f", skipped {result.skipped} example row(s)"
    click.echo(line)
    kinds = Counter(p.problem for r in result.rejected for p in r.problems)
    if kinds:
        click.echo("  " + ", ".join(f"{count} {kind}" for kind, count in kinds.most_common()))
    for rejected in result.rejected[:MAX_ROWS_SHOWN]:
        click.echo(f"  row {rejected.row}: {rejected.reason}")
    if len(result.rejected) > MAX_ROWS_SHOWN:
        click.echo(f"  ... and {len(result.rejected) - MAX_ROWS_SHOWN} more (see --rejects FILE)")


@audit.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--by", help="Who is importing (default: your login name).")
@database_option
def markings(files: tuple[Path, ...], by: str | None, db_url: str) -> None:
    """Store engine markings saved as JSON (one marking, a list, or JSON lines).

    `marker batch --db URL` stores them directly; this is for markings saved earlier
    with `marker check --format json`.

    Example: marker audit markings results/*.json --db marker.db
    """
    loaded: list[dict[str, Any]] = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
            try:
                data = json.loads(text)
            except json.JSONDecodeError:
                data = [json.loads(line) for line in text.splitlines() if line.strip()]
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise click.ClickException(
                f"{path}: not marker JSON ({error.__class__.__name__}): "
                "save markings with `marker check --format json`"
            ) from None
        loaded += data if isinstance(data, list) else [data]
    source = ", ".join(path.name for path in files)[:500]
    with _database(db_url):
        stored = record_markings(db_url, loaded, by=by, source=source)
    click.echo(f"stored {stored} engine verdict(s) from {len(loaded)} marking(s)")


@audit.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), help=".html, .xlsx, .json or .txt")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Default: from -o, else text.")
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]),
    help="Date the report is for (new-assessor window); default today.",
)
@pack_option
@database_option
def report(
    output: Path | None, fmt: str | None, as_of: dt.datetime | None, pack_id: str, db_url: str
) -> None:
    """Report agreement per marking point and assessor, and what to sample first.

    HTML is one page with charts; XLSX has sheets Summary, Pairs, Assessors,
    Disagreements and Sampling plan; JSON carries the same statistics for machines
    (every figure with `value`, `n` items it rests on, and a `note` when undefined).

    Example: marker audit report -o report.html
    """
    chosen = format_for(output, fmt)
    if output is not None:
        prepare([output], [], say=lambda line: click.echo(line, err=True))
    try:
        with _database(db_url):
            result = build_report(db_url, _pack(pack_id), as_of.date() if as_of else None)
        text = write_report(result, chosen, output)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    if text is not None:
        click.echo(text)
    else:
        click.echo(f"wrote {output}")


@audit.command(name="status")
@database_option
def status_command(db_url: str) -> None:
    """Show what the database holds and the latest imports.

    Example: marker audit status --db postgresql+psycopg://iqa@dbhost/marker
    """
    with _database(db_url):
        _show_status(db_url)


def _show_status(db_url: str) -> None:
    engine = open_db(db_url)
    try:
        with Session(engine) as session:
            held = status(session)
            click.echo(f"database: {safe_url(db_url)}")
            click.echo(
                f"{held.current} current decision(s) on {held.portfolios} portfolio(s), "
                f"{held.superseded} superseded; assessors: {', '.join(held.assessors) or 'none'}"
            )
            for batch in held.imports:
                click.echo(
                    f"  #{batch.id} {utc(batch.recorded_at):%Y-%m-%d %H:%M} {batch.kind} "
                    f"{batch.source} by {batch.recorded_by}: "
                    f"{batch.accepted} stored, {batch.rejected} rejected"
                )
    finally:
        engine.dispose()


@audit.command(name="history")
@click.argument("file")
@database_option
def history_command(file: str, db_url: str) -> None:
    """Show every decision ever recorded for a portfolio, superseded ones included.

    Give its path (as `marker batch` names it) or its file name (every portfolio so named).

    Example: marker audit history cohort-a/jo-bloggs-pdp.docx
    """
    with _database(db_url):
        _show_history(file, db_url)


def _show_history(file: str, db_url: str) -> None:
    engine = open_db(db_url)
    try:
        with Session(engine) as session:
            rows = history(session, file)
            if not rows:
                raise click.ClickException(f"nothing recorded for {file}")
            for row in rows:
                replaced = f", supersedes #{row.supersedes_id}" if row.supersedes_id else ""
                click.echo(
                    f"#{row.id} {row.file_path} {row.marking_point} {row.rater}: {row.verdict} "
                    f"({utc(row.decided_at):%d/%m/%Y}; {row.origin.source} by "
                    f"{row.origin.recorded_by} {utc(row.origin.recorded_at):%Y-%m-%d %H:%M}"
                    f"{replaced}) sha256 {row.file_sha256[:12]}"
                )
    finally:
        engine.dispose()
