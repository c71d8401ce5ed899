"""Audit fixtures: a tiny rule pack, engine markings and decision sets made in the test."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from marker.audit.scheme import VERDICTS, Pack, load_pack
from marker.resources import rules_dir

POINTS = ("self-assessment", "smart-objectives", "development-plan", "monitoring")
PACK_YAML = """\
id: contact-centre-pdp
title: Personal development in a contact centre
version: "1.0.0"
marking_points:
  - {id: self-assessment, title: Self-assessment against career goals, checks: []}
  - {id: smart-objectives, title: SMART objectives linked to KPIs}
  - {id: development-plan, title: Detailed personal development plan}
  - {id: monitoring, title: Monitoring and review of progress}
"""
HEADER = [
    "Portfolio file",
    "Learner",
    "Assessor",
    "Marking point id",
    "Verdict",
    "Decision date",
    "Comment",
]


@pytest.fixture
def pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Pack]:
    """The default pack id backed by a four-point YAML in tmp_path."""
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "contact-centre-pdp.yaml").write_text(PACK_YAML, encoding="utf-8")
    monkeypatch.setenv("MARKER_RULES_DIR", str(folder))
    rules_dir.cache_clear()
    yield load_pack()
    rules_dir.cache_clear()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'marker.db'}"


def engine_marking(name: str, sha: str, verdicts: dict[str, str]) -> dict:
    """A marking in the engine's JSON shape, with one quoted piece of evidence per point."""
    return {
        "file": name,
        "file_sha256": sha,
        "pack": {"id": "contact-centre-pdp", "version": "1.0.0", "sha256": "ab" * 32},
        "outcome": "met" if set(verdicts.values()) == {"met"} else "not_yet_met",
        "marking_points": [
            {
                "id": mp,
                "title": mp,
                "verdict": verdict,
                "score": float(VERDICTS.index(verdict)) / 2,
                "evidence": [{"text": f"Evidence for {mp} in {name}", "locator": "paragraph 3"}],
                "feedback": [] if verdict == "met" else [f"Say more about {mp}."],
            }
            for mp, verdict in verdicts.items()
        ],
        "objectives": [],
        "findings": [],
        "warnings": [],
    }


def write_portfolios(folder: Path, count: int) -> dict[str, str]:
    """`count` small files with distinct content; file name -> sha256."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for i in range(count):
        name = f"learner-{i:03d}.docx"
        data = f"portfolio {i}".encode()
        (folder / name).write_bytes(data)
        out[name] = hashlib.sha256(data).hexdigest()
    return out


def write_csv(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@dataclass
class Term:
    """A simulated term: engine verdicts and assessor decision rows over the same files."""

    files: dict[str, str]
    engine: dict[str, dict[str, str]] = field(default_factory=dict)
    rows: list[list[object]] = field(default_factory=list)


def simulate_term(
    folder: Path,
    seed: int = 7,
    portfolios: int = 40,
    assessors: dict[str, float] | None = None,
    double_marked: float = 0.3,
    start: dt.date = dt.date(2024, 9, 2),
) -> Term:
    """Engine verdicts at random; each assessor copies them with noise and a bias.

    `assessors` maps a name to its bias: 0 is faithful, +1 always moves one level up
    (lenient), and a value in (0, 1) moves up with that probability. Every portfolio has
    one assessor; a share of them get a second one.
    """
    assessors = assessors or {"Asha": 0.0, "Ben": 0.0, "Cara": 0.9}
    rng = random.Random(seed)
    term = Term(files=write_portfolios(folder, portfolios))
    names = list(assessors)
    for i, (name, _) in enumerate(term.files.items()):
        verdicts = {mp: rng.choice(VERDICTS) for mp in POINTS}
        term.engine[name] = verdicts
        markers = [names[i % len(names)]]
        if rng.random() < double_marked:
            markers.append(names[(i + 1) % len(names)])
        day = start + dt.timedelta(days=i)
        for who in markers:
            for mp, verdict in verdicts.items():
                level = VERDICTS.index(verdict)
                if rng.random() < 0.15:
                    level += rng.choice((-1, 1))
                if rng.random() < assessors[who]:
                    level += 1
                level = min(max(level, 0), 2)
                term.rows.append(
                    [name, f"Learner {i}", who, mp, VERDICTS[level], f"{day:%d/%m/%Y}", ""]
                )
    return term
