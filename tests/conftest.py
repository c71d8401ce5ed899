"""Shared test fixtures: small documents built inside the tests, and the bundled portfolios."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PORTFOLIOS = ROOT / "fixtures" / "portfolios"
EXPECTATIONS = ROOT / "fixtures" / "expectations"


def fixture_files() -> list[Path]:
    return sorted(p for p in PORTFOLIOS.iterdir() if p.suffix in (".docx", ".xlsx"))


@pytest.fixture
def tmp_docx(tmp_path: Path):
    """Save a python-docx Document under tmp_path and return the path."""

    def save(document, name: str = "portfolio.docx") -> Path:
        path = tmp_path / name
        document.save(str(path))
        return path

    return save
