"""Shared test fixtures: small documents built inside the tests, and the bundled portfolios."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PORTFOLIOS = ROOT / "fixtures" / "portfolios"
EXPECTATIONS = ROOT / "fixtures" / "expectations"


def fixture_files() -> list[Path]:
    return sorted(p for p in PORTFOLIOS.iterdir() if p.suffix in (".docx", ".xlsx"))


def quiet_batch(
    paths,
    out: Path,
    seconds: float | None = None,
    *,
    jobs: int = 2,
    resume: bool = False,
    workers=None,
    show=None,
):
    """`marker batch` over a folder (or several paths) into a JSONL journal, nothing shown
    unless `show` is given; `workers` default to `jobs` local workers."""
    from marker.batch import Workers, run_batch
    from marker.rules.loader import load_pack

    pack = load_pack().ref().model_dump()
    limits = {"seconds": seconds} if seconds is not None else {}
    return run_batch(
        [str(p) for p in (paths if isinstance(paths, list | tuple) else [paths])],
        out,
        fmt="jsonl",
        jobs=jobs,
        resume=resume,
        pack=pack,
        show=show or (lambda text, bar: None),
        render=lambda records: [],
        workers=workers or Workers(jobs, pack["id"], **limits),
    )


def assert_refused(result, words: str = "") -> None:
    """A command that failed with a short message on stderr saying `words`, no traceback."""
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    message = [line for line in result.stderr.splitlines() if line.strip()]
    assert 0 < len(message) <= 3, result.stderr
    assert words in result.stderr, result.stderr


@pytest.fixture
def save_workbook(tmp_path: Path):
    """Save an openpyxl Workbook under tmp_path and return the path."""

    def save(workbook, name: str = "portfolio.xlsx") -> Path:
        path = tmp_path / name
        workbook.save(path)
        return path

    return save


@pytest.fixture
def tmp_docx(tmp_path: Path):
    """Save a python-docx Document under tmp_path and return the path."""

    def save(document, name: str = "portfolio.docx") -> Path:
        path = tmp_path / name
        document.save(str(path))
        return path

    return save
