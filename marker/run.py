"""One file through every stage: parse, NLP, rules. Shared by the CLI, batch and bench."""

from __future__ import annotations

from pathlib import Path

from marker.nlp.evidence import analyse
from marker.parse import parse_file
from marker.rules.engine import mark
from marker.rules.loader import LoadedPack
from marker.rules.marking import Marking


def mark_file(path: Path | str, loaded: LoadedPack) -> Marking:
    """Mark one portfolio file; raises `PortfolioError` for a file that cannot be read."""
    portfolio = parse_file(path)
    return mark(portfolio, analyse(portfolio), loaded)
