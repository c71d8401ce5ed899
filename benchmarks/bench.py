"""`make bench`: how fast the engine is, measured on this machine.

Stages:
  parse   parse every bundled fixture (repeated) and a generated corpus
  nlp     the NLP stage (pipeline + evidence assembly) on one core, words per second

    python benchmarks/bench.py                 # every stage, default sizes
    python benchmarks/bench.py nlp --count 100 # 100 generated 3,000-word portfolios
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate  # noqa: E402
from marker.nlp.evidence import analyse  # noqa: E402
from marker.nlp.pipeline import get_pipeline  # noqa: E402
from marker.parse import parse_file  # noqa: E402

FIXTURES = ROOT / "fixtures" / "portfolios"
CORPUS = ROOT / "bench-out" / "corpus"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def bench_parse(args) -> None:
    files = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".docx", ".xlsx"))
    runs = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for path in files:
            parse_file(path)
        runs.append(time.perf_counter() - start)
    best, median = min(runs), statistics.median(runs)
    print(
        f"parse: {len(files)} fixtures in {median * 1000:.0f} ms (median of {args.repeat}, "
        f"best {best * 1000:.0f} ms), {median / len(files) * 1000:.1f} ms per file"
    )
    corpus = generate(CORPUS, args.count)
    for kind in ("docx", "xlsx"):
        paths = [p for p in corpus if p.suffix == f".{kind}"]
        start = time.perf_counter()
        words = sum(parse_file(p).word_count for p in paths)
        elapsed = time.perf_counter() - start
        print(
            f"parse: {len(paths)} generated .{kind} ({words / len(paths):.0f} words each) "
            f"in {elapsed:.2f} s, {len(paths) / elapsed:.0f} files/s"
        )


def bench_nlp(args) -> None:
    corpus = [p for p in generate(CORPUS, args.count) if p.suffix == ".docx"]
    portfolios = [parse_file(p) for p in corpus]
    start = time.perf_counter()
    get_pipeline()
    print(f"nlp: pipeline built in {time.perf_counter() - start:.2f} s (once per process)")
    words = sum(len(t.split()) for p in portfolios for t in _texts(p))
    start = time.perf_counter()
    for portfolio in portfolios:
        analyse(portfolio)
    elapsed = time.perf_counter() - start
    print(
        f"nlp: {len(portfolios)} portfolios, {words} words in {elapsed:.2f} s on one core: "
        f"{words / elapsed:,.0f} words/s ({len(portfolios) / elapsed:.1f} portfolios/s)"
    )


def _texts(portfolio):
    for block in portfolio.body:
        if block.cells:
            yield from (c.text for c in block.cells)
        elif block.kind.value != "table_header":
            yield block.text


STAGES = {"parse": bench_parse, "nlp": bench_nlp}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("stages", nargs="*", metavar="STAGE", help=f"any of {', '.join(STAGES)}")
    parser.add_argument("--count", type=int, default=60, help="generated portfolios of each kind")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    unknown = set(args.stages) - set(STAGES)
    if unknown:
        parser.error(f"unknown stage(s): {', '.join(sorted(unknown))}")
    print(f"machine: {machine()}")
    for stage in args.stages or STAGES:
        STAGES[stage](args)


if __name__ == "__main__":
    main()
