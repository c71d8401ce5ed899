"""Where the data files (rule packs, lexicons) live, installed or in a checkout."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import yaml

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def rules_dir() -> Path:
    """The rules folder: $MARKER_RULES_DIR, else the installed copy, else the checkout's."""
    override = os.environ.get("MARKER_RULES_DIR")
    if override:
        return Path(override)
    installed = _PACKAGE_DIR / "_data" / "rules"
    return installed if installed.is_dir() else _PACKAGE_DIR.parent / "rules"


@cache
def lexicon(name: str) -> dict:
    """A lexicon file `rules/lexicons/<name>.yaml`, parsed."""
    path = rules_dir() / "lexicons" / f"{name}.yaml"
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)
