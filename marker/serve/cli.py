"""`marker serve`: check what it is given, say how to reach it, run uvicorn."""

from __future__ import annotations

import os
from pathlib import Path

import click

from marker.audit.db import DEFAULT_DB
from marker.audit.url import db_option
from marker.rules.loader import DEFAULT_PACK

SERVE_EXTRA = "pip install 'evidence-marker[serve]'"


def _token(token: str | None, password_file: Path | None) -> str | None:
    if token and password_file:
        raise click.UsageError("give --token or --password-file, not both")
    if password_file is None:
        return token
    try:
        text = password_file.read_text("utf-8").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise click.ClickException(f"{password_file}: cannot be read ({error})") from None
    if not text:
        raise click.ClickException(f"{password_file}: is empty: write the token in it")
    return text


def _pack_id(pack: str) -> str:
    """A pack id, or a pack file whose folder becomes the rules folder (with its lexicons)."""
    from marker.rules.loader import PackError, load_pack

    path = Path(pack)
    if path.suffix.lower() in (".yaml", ".yml"):
        if not path.is_file():
            raise click.ClickException(f"{pack}: no such rule pack file")
        os.environ["MARKER_RULES_DIR"] = str(path.resolve().parent)  # workers inherit it
        pack = path.stem
    try:
        load_pack(pack)
    except PackError as error:
        raise click.ClickException(str(error)) from None
    return pack


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@db_option(DEFAULT_DB, "The audit database assessors' decisions go to:")
@click.option(
    "--pack", "pack", default=DEFAULT_PACK, show_default=True, help="Rule pack id or file."
)
@click.option(
    "--workers", type=click.IntRange(1, 64), default=None, help="Marking workers (default: cores)."
)
@click.option("--token", help="Token users sign in with; needed for any host but 127.0.0.1.")
@click.option(
    "--password-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read the token from this file instead (kept out of the process list).",
)
@click.option(
    "--keep",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep uploads and commented copies in this folder (default: deleted after the "
    "download or 15 minutes).",
)
@click.option("--max-upload-mb", default=20, show_default=True, type=click.IntRange(1, 25))
def serve(host, port, db_url, pack, workers, token, password_file, keep, max_upload_mb) -> None:
    """Run the web app: learners pre-check a draft, assessors confirm or override verdicts.

    Learners upload a .docx or .xlsx and get the feedback page and their file with
    comments; nothing is kept unless --keep is given. Assessors review the portfolios
    marked into the audit database (by `marker batch --db` or uploaded here) and their
    decisions go into the same database `marker audit report` reads.

    Listens on 127.0.0.1 only, unless --host says otherwise, and then only with a token.

    Example: marker serve --db marker.db --port 8000
    """
    try:
        import uvicorn

        from marker.serve.app import create_app
    except ImportError as error:
        raise click.ClickException(f"the web app needs {error.name}: {SERVE_EXTRA}") from None
    from marker.batch import cpu_count
    from marker.cli import _check_database
    from marker.serve.settings import Settings

    secret = _token(token, password_file)
    settings = Settings(
        host=host,
        port=port,
        db_url=db_url,
        pack_id=_pack_id(pack),
        workers=workers or cpu_count(),
        token=secret,
        keep=keep,
        max_upload_mb=max_upload_mb,
    )
    if not settings.loopback and not secret:
        raise click.ClickException(
            f"--host {host} lets other machines in: give --token or --password-file too"
        )
    _check_database(db_url)
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"marker serve: http://{shown}:{port}/ (learners), /review (assessors)", err=True)
    if secret:
        click.echo("Sign-in needed: users give the token on the first page they open.", err=True)
    if keep is not None:
        click.echo(f"Keeping uploads and commented copies in {keep}", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
