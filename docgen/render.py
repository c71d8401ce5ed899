"""Portfolio files to document bytes: load, validate, build, save deterministically."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils.exceptions import IllegalCharacterError

from docgen.model import Portfolio
from docgen.package import CoreProps, normalise_zip
from docgen.wordml import build_document
from docgen.workbook import build_workbook
from docgen.yamlio import DocgenError, load

# Noon UTC: the saved date is the same calendar day in UK winter and summer time.
SAVED_AT = dt.time(12, 0, tzinfo=dt.UTC)


def core_props(portfolio: Portfolio) -> CoreProps:
    """Author, title, created and modified (reference_date), both at a fixed time of day."""
    created = portfolio.created or portfolio.reference_date
    return CoreProps(
        author=portfolio.author,
        title=portfolio.title,
        created=dt.datetime.combine(created, SAVED_AT),
        modified=dt.datetime.combine(portfolio.reference_date, SAVED_AT),
    )


def render(portfolio: Portfolio) -> bytes:
    """The portfolio's .docx or .xlsx content, the same bytes every time."""
    if portfolio.suffix == "docx":
        document = build_document(portfolio)
    else:
        document = build_workbook(portfolio)
    raw = io.BytesIO()
    document.save(raw)
    return normalise_zip(raw.getvalue(), core_props(portfolio))


@dataclass(frozen=True)
class Rendered:
    """One source file rendered: its model and the document's bytes."""

    source: Path
    portfolio: Portfolio
    content: bytes


def render_source(path: Path, source: str | None = None) -> Rendered:
    """Load, validate and render one portfolio file; DocgenError names file and problem."""
    source = source or str(path)
    portfolio = load(Portfolio, path, source)
    if portfolio.stem != path.stem:
        raise DocgenError(
            source,
            f"file: {portfolio.file!r} must be named after its source: {path.stem}.docx"
            f" or {path.stem}.xlsx",
        )
    try:
        content = render(portfolio)
    except (ValueError, KeyError, IllegalCharacterError) as error:
        raise DocgenError(source, f"cannot render: {error}") from None
    return Rendered(path, portfolio, content)
