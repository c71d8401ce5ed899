"""The `marker` command: thin wiring over the stages, one verb per command."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

import click

from marker.audit.url import db_option
from marker.discovery import InputError, Task, find_files
from marker.outputs import (
    BATCH_FORMATS,
    CHECK_FORMATS,
    OutputError,
    format_of,
    prepare,
    same_file,
    write_text,
)
from marker.parse import SUFFIXES, PortfolioError, parse_file
from marker.parse.columns import column_roles
from marker.report.parsed import render_portfolio, summary_line
from marker.report.text import render_marking
from marker.rules.loader import DEFAULT_PACK, PackError, load_pack, load_path, pack_paths

# spaCy, SQLAlchemy and openpyxl's writers are imported by the commands that use them,
# so that `marker check` on one file starts quickly and `marker parse` without spaCy.


class LazyGroup(click.Group):
    """A command group whose heavy subgroups are imported only when used; `marker --help`
    lists them from their one-line help here, importing nothing of theirs."""

    lazy: ClassVar[dict[str, tuple[str, str]]] = {
        "audit": (
            "marker.audit.cli:audit",
            "Check that assessors apply the marking points consistently (IQA,...",
        ),
        "serve": (
            "marker.serve.cli:serve",
            "Run the web app: learners pre-check a draft, assessors confirm or...",
        ),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            module, attribute = self.lazy[name][0].split(":")
            return getattr(importlib.import_module(module), attribute)
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        limit = formatter.width - 6 - max(len(name) for name in self.list_commands(ctx))
        rows = [(name, self.lazy[name][1]) for name in self.lazy]
        for name in super().list_commands(ctx):
            command = super().get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(sorted(rows))


def _portfolio_files(paths: tuple[str, ...]) -> list[Task]:
    """The files named and those found in folders (searched recursively), in a stable order;
    a refused file comes with its code and message."""
    try:
        return find_files(list(paths)).tasks
    except InputError as error:
        raise click.ClickException(str(error)) from None


def _refusal(path: str, code: str, message: str) -> None:
    click.echo(f"{path}: error [{code}] {message}", err=True)


def _read_text(source: str) -> str:
    """Standard input, or a text file; a missing, folder or non-UTF-8 file is one line."""
    if source == "-":
        return click.get_text_stream("stdin").read()
    try:
        return Path(source).read_text("utf-8")
    except IsADirectoryError:
        raise click.ClickException(f"{source}: is a folder: give a text file") from None
    except OSError as error:
        raise click.ClickException(f"{source}: cannot be read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise click.ClickException(f"{source}: is not UTF-8 text") from None


@click.group(cls=LazyGroup)
@click.version_option(package_name="evidence-marker")
def main() -> None:
    """Mark learner portfolios (.docx/.xlsx) against examiner marking points."""


def run() -> None:
    """The `marker` program: `main`, then out without the interpreter's teardown.

    Tearing down spaCy's vocabularies and matchers object by object took a quarter of a
    second of a one-file `marker check`. Every output is already whole on disk (written
    to a temporary file, synced and renamed; the journal closed), so only the standard
    streams are flushed.
    """
    try:
        main()
        code: int = 0
    except SystemExit as exit:
        if exit.code is None or isinstance(exit.code, int):
            code = exit.code or 0
        else:
            print(exit.code, file=sys.stderr)
            code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


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
    for task in _portfolio_files(paths):
        try:
            if task.refused:
                raise PortfolioError(task.name, *task.refused)
            portfolio = parse_file(task.source)
        except PortfolioError as error:
            failed = True
            _refusal(task.path, error.code, error.message)
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
    from marker.nlp.evidence import MAIN_LABELS, analyse, found_spans
    from marker.nlp.pipeline import Context, process

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
    text = _read_text(source)
    reference = reference_date.date() if reference_date else dt.date.today()
    texts = text.splitlines() if per_line else [text]
    context = Context(reference_date=reference, role=role)
    for line, doc in enumerate(process((t, context) for t in texts)):
        for span in found_spans(doc, labels):
            extra = {"line": line} if per_line else {}
            click.echo(_json_line(_span_record(span, **extra)))


def _pack(pack_id: str):
    try:
        return load_pack(pack_id)
    except PackError as error:
        raise click.ClickException(str(error)) from None


def _dump(marking) -> dict:
    return marking.model_dump(mode="json")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl", "html"]),
    default=None,
    help="Output format (default: from the output's extension, else text).",
)
@click.option("--pack", "pack_id", default=DEFAULT_PACK, show_default=True, help="Rule pack id.")
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(),
    help="Write to this file (one input file): .txt, .json, .jsonl or .html.",
)
@click.option(
    "--annotate",
    "annotated",
    type=click.Path(),
    help="Also write a copy of the file with the engine's comments in it (what to do).",
)
@click.option(
    "--annotate-evidence",
    "evidence",
    is_flag=True,
    help="In the commented copy, also label the evidence found, not only what to do.",
)
def check(
    paths: tuple[str, ...],
    fmt: str,
    pack_id: str,
    out: str | None,
    annotated: str | None,
    evidence: bool,
) -> None:
    """Mark portfolios: a verdict per marking point, with evidence and next steps.

    Shows each marking point met, partially met or not met, the evidence quoted with
    where it is, the SMART table of the objectives, the common mistakes found, and what
    to do next. JSON is the stable machine contract (see the README); --format json
    gives one object for one file and an array for several, jsonl one object per line.

    --format html -o feedback.html writes the learner's feedback page; --annotate
    copy.docx writes a copy of the file with Word comments at the evidence and gaps.

    Example: marker check draft.docx --format html -o feedback.html --annotate draft-marked.docx
    """
    from marker.run import mark_file

    loaded = _pack(pack_id)
    files = _portfolio_files(paths)
    fmt = format_of(Path(out), CHECK_FORMATS, fmt) if out else fmt or "text"
    if (out or annotated or fmt == "html") and len(files) != 1:
        raise click.UsageError("--output, --annotate and --format html take exactly one file")
    suffix = files[0].source.suffix.lower()
    if annotated and Path(annotated).suffix.lower() != suffix:
        raise OutputError(
            f"{annotated}: the annotated copy of {files[0].name} must be a {suffix} file"
        )
    outputs = [Path(name) for name in (out, annotated) if name]
    prepare(outputs, [t.source for t in files], say=lambda line: click.echo(line, err=True))
    results, failed = [], False
    for task in files:
        try:
            if task.refused:
                raise PortfolioError(task.name, *task.refused)
            marking = mark_file(task.source, loaded)
        except PortfolioError as error:
            failed = True
            _refusal(task.path, error.code, error.message)
            continue
        marking = marking.model_copy(update={"file": task.name, "path": task.path})
        if annotated:
            from marker.report.annotate import annotate

            count = annotate(task.source, marking, Path(annotated), evidence)
            click.echo(f"wrote {annotated} with {count} comment(s)", err=True)
        if fmt == "html":
            from marker.report.html import render_html

            results.append(render_html(marking))
        elif fmt == "text":
            results.append(render_marking(marking) + "\n")
        elif fmt == "jsonl":
            results.append(json.dumps(_dump(marking), ensure_ascii=False))
        else:
            results.append(_dump(marking))
    if fmt == "json":
        payload = results[0] if len(results) == 1 and len(paths) == 1 else results
        results = [json.dumps(payload, ensure_ascii=False, indent=2)]
    text = "\n".join(results)
    if out:
        write_text(Path(out), text + "\n")
        click.echo(f"wrote {out}", err=True)
    elif text:
        click.echo(text)
    sys.exit(1 if failed else 0)


@main.group()
def rules() -> None:
    """List, show, validate and test rule packs."""


@rules.command("list")
def rules_list() -> None:
    """List the rule packs and their marking points.

    Example: marker rules list
    """
    for path in pack_paths():
        try:
            pack = load_path(path).pack
        except PackError as error:
            click.echo(f"{path.stem}: INVALID ({str(error).splitlines()[0]})")
            continue
        points = ", ".join(mp.id for mp in pack.marking_points)
        click.echo(f"{pack.id} {pack.version}: {pack.title}\n  marking points: {points}")


@rules.command("show")
@click.argument("pack_id", default=DEFAULT_PACK)
def rules_show(pack_id: str) -> None:
    """Show a pack: each marking point in the examiner's words, its checks and findings.

    Example: marker rules show contact-centre-pdp
    """
    loaded = _pack(pack_id)
    pack = loaded.pack
    click.echo(f"{pack.id} {pack.version} (sha256 {loaded.sha256[:12]}): {pack.title}")
    for point in pack.marking_points:
        click.echo(f"\n{point.id}: {point.title}\n  examiner: {point.examiner}")
        for level, words in verdict_conditions(point, pack):
            click.echo(f"  {level} " + (f"when {words}" if words else "otherwise"))
        for item in point.checks:
            click.echo(f"  - {item.id} ({item.kind}, weight {item.weight:g}): {item.title}")
    click.echo("\nfindings:")
    for finding in pack.findings:
        click.echo(f"  - {finding.id} ({finding.check.id}): {finding.mistake}")


def _pack_files(path: str | None) -> list[Path]:
    if path is None:
        return pack_paths()
    target = Path(path)
    if not target.is_dir():
        return [target]
    if found := sorted(target.glob("*.yaml")):
        return found
    raise click.ClickException(f"{path}: no .yaml rule pack in this folder")


@rules.command("validate")
@click.argument("path", required=False, type=click.Path(exists=True))
def rules_validate(path: str | None) -> None:
    """Check rule pack files against the pack format; errors name file, rule and field.

    Example: marker rules validate rules/contact-centre-pdp.yaml
    """
    bad = 0
    for file in _pack_files(path):
        try:
            pack = load_path(file).pack
            click.echo(f"{file}: valid ({len(pack.checks())} checks)")
        except PackError as error:
            bad += 1
            click.echo(str(error), err=True)
    sys.exit(1 if bad else 0)


@rules.command("test")
@click.argument("path", required=False, type=click.Path(exists=True))
def rules_test(path: str | None) -> None:
    """Run the examples every check carries; report each failure with its rule id.

    Example: marker rules test
    """
    from marker.rules.examples import run_examples

    failed = 0
    for file in _pack_files(path):
        try:
            loaded = load_path(file)
        except PackError as error:
            failed += 1
            click.echo(str(error), err=True)
            continue
        ran, failures = run_examples(loaded)
        for failure in failures:
            click.echo(f"{file.name}: FAIL {failure}")
        failed += len(failures)
        click.echo(f"{file.name}: {ran - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failed else 0)


def verdict_conditions(point, pack) -> list[tuple[str, str]]:
    """Each verdict level of a marking point with its condition in words."""
    from marker.rules.verdicts import describe

    findings = {f.id: f for f in pack.findings}
    rule = point.verdict
    return [
        ("met", describe(rule.met, point, findings)),
        ("partially met", describe(rule.partially_met, point, findings)),
        ("not met", ""),
    ]


def _explain_point(point, pack) -> None:
    click.echo(f"{point.id}: {point.title}\n")
    click.echo(f"The examiner's marking point\n  {point.examiner}\n")
    click.echo("Verdict")
    for level, words in verdict_conditions(point, pack):
        click.echo(f"  {level.capitalize()} " + (f"when {words}." if words else "otherwise."))
    click.echo("\nChecks")
    for item in point.checks:
        click.echo(f"  {item.id}: {item.title}")
    for example in point.verdict.examples:
        shown = example.paragraphs or [" | ".join(r) for r in example.table]
        click.echo(f"\nExample that is {example.expect.replace('_', ' ')}:")
        click.echo("".join(f"  {line}\n" for line in shown), nl=False)


@main.command()
@click.argument("check_id")
@click.option("--pack", "pack_id", default=DEFAULT_PACK, show_default=True)
def explain(check_id: str, pack_id: str) -> None:
    """Explain a marking point, check or finding: what it checks, why, an example.

    A marking point's explanation gives the conditions of each verdict in words.

    Example: marker explain smart-objectives
    """
    pack = _pack(pack_id).pack
    point = next((p for p in pack.marking_points if p.id == check_id), None)
    if point is not None:
        _explain_point(point, pack)
        return
    for where, item in pack.checks():
        finding = where.removeprefix("finding:")
        if check_id in (item.id, finding if where.startswith("finding:") else None):
            click.echo(f"{item.id}: {item.title}\n")
            click.echo(f"Marking point: {where}" if ":" not in where else f"Finding: {finding}")
            click.echo(f"Kind: {item.kind}, weight {item.weight:g}\n")
            click.echo(f"Why it matters\n  {item.why}\n")
            click.echo(f"When it fails, the assessor reads\n  {item.message}")
            click.echo(f"and the learner reads\n  {item.feedback.failed}\n")
            for example in item.examples:
                shown = example.paragraphs or [" | ".join(r) for r in example.table]
                click.echo(f"Example that must {example.expect}:")
                click.echo("".join(f"  {line}\n" for line in shown))
            return
    raise click.ClickException(f"no marking point, check or finding '{check_id}' in {pack_id}")


def _check_database(db_url: str) -> None:
    """Open (and upgrade) the audit database once, or stop with its one-line reason."""
    from marker.audit.db import open_db
    from marker.audit.url import DatabaseUnusable

    try:
        open_db(db_url).dispose()
    except DatabaseUnusable as error:
        raise click.ClickException(str(error)) from None


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "-o", "--output", "out", required=True, type=click.Path(), help="Grid: .xlsx, .csv or .jsonl."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "csv", "jsonl"]),
    default=None,
    help="Output format; must agree with the output's extension, which decides it.",
)
@click.option("--jobs", "-j", type=int, default=None, help="Parallel workers (default: cores).")
@click.option(
    "--resume", is_flag=True, help="Skip files already marked with the same content and pack."
)
@click.option("--pack", "pack_id", default=DEFAULT_PACK, show_default=True)
@db_option(None, "Also store the markings in this audit database:")
@click.option(
    "--follow-links",
    is_flag=True,
    help="Mark files that links lead to outside the folders given (refused otherwise).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Worker processes on this machine, or Ray actors (pip install 'evidence-marker[ray]').",
)
@click.option(
    "--address",
    default=None,
    help="With --engine ray: the cluster to join (auto, HOST:PORT or ray://HOST:PORT); "
    "default: Ray on this machine.",
)
@click.option(
    "--shared-fs",
    is_flag=True,
    help="With --engine ray: the cluster's nodes read the files by path (a shared disk) "
    "instead of being sent their bytes.",
)
@click.option(
    "--feedback",
    "feedback_dir",
    type=click.Path(file_okay=False),
    help="Also write each learner's feedback page and commented copy into this folder; "
    "the grid's Summary links each learner's page.",
)
def batch(
    paths,
    out,
    fmt,
    jobs,
    resume,
    pack_id,
    db_url,
    follow_links,
    engine,
    address,
    shared_fs,
    feedback_dir,
) -> None:
    """Mark every .docx/.xlsx in folders and files, in parallel, into an assessor grid.

    Folders are searched recursively. A file that cannot be marked (a broken file, an
    old .doc, a PDF...) becomes an error row with a plain reason; it never stops the
    batch. System files (~$ lock files, .DS_Store, Thumbs.db) and other files are
    skipped and counted. Each file is named by its path in the folder given (with the
    folder's name in front when several are given). Results are kept (in OUT.jsonl for
    xlsx/csv) as each file finishes, so an interrupted batch loses nothing and --resume
    carries on where it stopped.

    --engine ray marks on a Ray cluster (docs/scale.md): the same grid, journal and
    --resume; --jobs is then the number of actors (default: the cluster's cores).

    --feedback DIR returns feedback to a whole cohort in one run: each learner's page and
    their file with comments, named after its path (made safe), linked from the grid.

    Example: marker batch submissions/ -o grid.xlsx --jobs 2 --feedback feedback/
    """
    from marker.batch import (
        EngineError,
        Workers,
        batch_outputs,
        cpu_count,
        journal_path,
        latest_per_file,
        read_journal,
        run_batch,
    )

    if engine == "local" and (address or shared_fs):
        raise click.UsageError("--address and --shared-fs are for --engine ray")
    loaded = _pack(pack_id)
    if db_url:
        _check_database(db_url)  # before any marking: a bad database would waste the batch
    out_path = Path(out)
    fmt = format_of(out_path, BATCH_FORMATS, fmt)
    outputs = batch_outputs(out_path, fmt)
    # A grid this batch wrote before, inside a folder it marks, is left out of the marking
    # (run_batch does so); any other input the outputs would overwrite is refused.
    previous = journal_path(out_path, fmt).exists()
    named = [Path(name) for name in paths if Path(name).is_file()]
    tasks = _portfolio_files(paths)
    found = [task.source for task in tasks]
    inputs = named + [p for p in found if not (previous and same_file(p, [out_path]))]
    prepare(outputs, inputs, say=lambda line: click.echo(line, err=True))
    feedback = Path(feedback_dir) if feedback_dir else None
    if feedback is not None and any(same_file(feedback, [p]) for p in map(Path, paths)):
        raise OutputError(f"{feedback}: is an input folder: write the feedback elsewhere")
    pack = loaded.ref().model_dump()
    terminal = sys.stderr.isatty()

    def show(text: str, bar: bool) -> None:
        if bar and terminal:
            click.echo(f"\r{text}\033[K", nl=False, err=True)
        elif not bar and not terminal:
            click.echo(text, err=True)

    def render(records: Iterable[dict]) -> list[Path]:
        from marker.report.grid import write_grid  # openpyxl styles load only when needed

        links = os.path.relpath(feedback, out_path.parent) if feedback else None
        return write_grid(
            out_path, records, pack=pack, run_date=dt.date.today(), fmt=fmt, feedback=links
        )

    if engine == "ray":
        from marker.batch.ray_engine import RayWorkers

        try:
            workers = RayWorkers(jobs, pack_id, loaded.sha256, address=address, shared_fs=shared_fs)
        except EngineError as error:
            raise click.ClickException(str(error)) from None
    else:
        workers = Workers(jobs or cpu_count(), pack_id)
    try:
        summary = run_batch(
            list(paths),
            out_path,
            fmt=fmt,
            jobs=jobs or cpu_count(),
            resume=resume,
            pack=pack,
            show=show,
            render=render,
            workers=workers,
            follow_links=follow_links,
        )
    except (InputError, EngineError) as error:
        raise click.ClickException(str(error)) from None
    if terminal:
        click.echo("", err=True)
    if db_url:
        from marker.audit.store import record_markings
        from marker.audit.url import DatabaseUnusable, safe_url

        records = latest_per_file(read_journal(journal_path(out_path, fmt)))
        try:
            stored = record_markings(db_url, records)
        except DatabaseUnusable as error:
            written = ", ".join(map(str, summary.written))
            raise click.ClickException(f"{error} (the markings are kept in {written})") from None
        click.echo(f"stored {stored} verdicts in {safe_url(db_url)}", err=True)
    if feedback is not None:
        from marker.report.cohort import write_feedback

        records = latest_per_file(read_journal(journal_path(out_path, fmt)))
        sources = {task.path: task.source for task in tasks if not task.refused}
        count = write_feedback(records, sources, feedback)
        click.echo(f"wrote feedback for {count} learner(s) in {feedback}", err=True)
    click.echo(summary.line(resume))
    sys.exit(130 if summary.interrupted else 0)
