"""Fuzzing: damaged files never escape as exceptions; odd text never crashes the stages."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marker.batch import read_journal
from marker.nlp.evidence import analyse
from marker.nlp.pipeline import Context, process
from marker.rules.engine import mark
from marker.rules.examples import portfolio_of
from marker.rules.loader import load_pack
from marker.rules.model import Example
from tests.conftest import fixture_files, quiet_batch

LOADED = load_pack()
MUTANTS = 300
SEED = 20261122


def _mutate(data: bytes, rng: random.Random) -> bytes:
    """Flip, zero, cut or splice a few bytes, as damaged uploads do."""
    data = bytearray(data)
    how = rng.choice(["flip", "zero", "truncate", "splice"])
    if how == "truncate":
        return bytes(data[: rng.randrange(1, len(data))])
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(data))
        if how == "flip":
            data[at] ^= 1 << rng.randrange(8)
        elif how == "zero":
            data[at : at + rng.randint(1, 64)] = bytes(min(64, len(data) - at))
        else:
            chunk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 32)))
            data[at:at] = chunk
    return bytes(data)


def test_mutated_fixtures_each_give_exactly_one_result_or_one_error(tmp_path):
    rng = random.Random(SEED)
    sources = fixture_files()
    folder = tmp_path / "mutants"
    folder.mkdir()
    names = []
    for number in range(MUTANTS):
        source = sources[number % len(sources)]
        name = f"{number:03d}-{source.name}"
        (folder / name).write_bytes(_mutate(source.read_bytes(), rng))
        names.append(name)
    out = tmp_path / "grid.jsonl"
    summary = quiet_batch(folder, out, seconds=20.0)
    records = read_journal(out)
    assert sorted(r["file"] for r in records) == sorted(names)  # one each, none lost
    assert summary.marked + summary.errors == MUTANTS
    for record in records:
        if "error" in record:
            assert record["error"]["code"] and record["error"]["message"]
            assert record["error"]["code"] != "internal-error", record
        else:
            assert len(record["marking_points"]) == 4


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=400)
portfolio_words = st.lists(
    st.sampled_from(
        [
            "I will",
            "reduce",
            "AHT",
            "from",
            "7:30",
            "to",
            "6:00",
            "by",
            "31/03/2025",
            "Q3",
            "FY24/25",
            "w/c",
            "14/07",
            "review",
            "1:1",
            "with",
            "my TL",
            "85%",
            "4.5/5",
            "weekly",
            "every",
            "fortnight",
            "moved the deadline",
            "because",
            "marathon",
            "e-learning",
            "mentor",
            "Objective 2:",
            "-",
            "•",
            ".",
            "\n",
            "£",
            "+45",
            "or higher",
            "30/02/2025",
            "end of",
            "next month",
            "mid-",
            "13/13/13",
            "0:00",
            "99:99",
            "FY99/00",
        ]
    ),
    max_size=40,
).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.one_of(texts, portfolio_words),
    role=st.sampled_from([None, "objective", "deadline", "progress"]),
)
def test_the_nlp_layer_never_crashes_on_any_text(text, role):
    (doc,) = process([(text, Context(role=role))])
    assert doc.text == text


cells = st.one_of(texts, portfolio_words, st.just(""))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    paragraphs=st.lists(st.one_of(texts, portfolio_words), max_size=6),
    header=st.lists(
        st.sampled_from(["Objective", "By when?", "Progress", "Date", "Support needed", "", "x"]),
        min_size=1,
        max_size=5,
    ),
    rows=st.integers(min_value=0, max_value=4),
    data=st.data(),
)
def test_the_rules_never_crash_on_any_text_and_tables(paragraphs, header, rows, data):
    table = [header] + [[data.draw(cells) for _ in header] for _ in range(rows)] if rows else []
    example = Example(expect="pass", paragraphs=paragraphs, table=table)
    portfolio = portfolio_of(example)
    marking = mark(portfolio, analyse(portfolio), LOADED)
    assert len(marking.marking_points) == 4
    assert all(0.0 <= p.score <= 1.0 for p in marking.marking_points)
