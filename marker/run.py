"""One file through every stage: parse, NLP, rules. Shared by the CLI, batch and bench."""

from __future__ import annotations

import gc
from pathlib import Path

from marker.nlp.evidence import analyse
from marker.parse import parse_file
from marker.rules.engine import mark
from marker.rules.loader import LoadedPack
from marker.rules.marking import Marking


def mark_file(path: Path | str, loaded: LoadedPack) -> Marking:
    """Mark one portfolio file; raises `PortfolioError` for a file that cannot be read."""
    # A large sheet's cells, evidence and findings are hundreds of thousands of objects
    # that all live until the file is marked: the collector's passes over them cost more
    # than the rules themselves. Any cycles left are collected after the file.
    collecting = gc.isenabled()
    gc.disable()
    try:
        portfolio = parse_file(path)
        return mark(portfolio, analyse(portfolio), loaded)
    finally:
        if collecting:
            gc.enable()
