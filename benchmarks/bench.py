"""`make bench`: how fast the engine is, measured on this machine.

First the machine itself: a fixed CPU loop (`sum(i*i for i in range(10**7))`, best of 3).
Every speed is printed beside it and also as a multiple of it (files per loop time), so a
figure measured on a shared machine whose speed drifts can still be compared.

Stages:
  parse    parse every bundled fixture (repeated) and a generated corpus
  nlp      the NLP stage (pipeline + evidence assembly) on one core, words per second
  batch    `marker batch` over N generated .docx and N .xlsx with --jobs 1 and 2, three
           runs each (median and range):
           files/s, words/s, peak memory per worker, share of time per stage
  engines  the local engine and Ray (two actors on this machine) on the same N .docx,
           taking turns: start-up (to the first result) and files/s once started
  sizes    50, 200 and 1,000 .docx with --jobs 2: files/s at each size
  grid     the parent's peak memory writing the .xlsx grid of 1,000 and 4,000 files
  cold     `marker check` on one file from a cold start (a new process), median of
           --repeat; with --baseline DIR (a checkout of another commit) the two take turns
  serve    `marker serve`, warm: upload to feedback page for a 3,000-word .docx, 50
           uploads 4 at a time, median and 95th percentile

    python benchmarks/bench.py                  # every stage, default sizes
    python benchmarks/bench.py batch --count 500
    python benchmarks/bench.py cold --baseline /tmp/main-checkout
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import socket
import statistics
import subprocess
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


LOOP = "sum(i*i for i in range(10**7))"


def loop_seconds() -> float:
    """The machine's speed now: the fixed CPU loop, best of 3, in seconds."""
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        sum(i * i for i in range(10**7))
        runs.append(time.perf_counter() - start)
    return min(runs)


class Machine:
    """The loop's time, measured before each stage; every rate is also given per loop."""

    loop = 0.0

    @classmethod
    def measure(cls) -> None:
        cls.loop = loop_seconds()
        print(f"machine: {LOOP} best of 3 in {cls.loop:.3f} s")

    @classmethod
    def rate(cls, per_second: float, unit: str = "files") -> str:
        return f"{per_second:,.1f} {unit}/s ({per_second * cls.loop:,.1f} {unit} per loop)"

    @classmethod
    def seconds(cls, seconds: float) -> str:
        return f"{seconds:.2f} s ({seconds / cls.loop:.2f} loops)"


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
        f"{Machine.rate(words / elapsed, 'words')} ({len(portfolios) / elapsed:.1f} portfolios/s)"
    )


def _texts(portfolio):
    for block in portfolio.body:
        if block.cells:
            yield from (c.text for c in block.cells)
        elif block.kind.value != "table_header":
            yield block.text


def _batch_once(kind: str, jobs: int, count: int, engine: str = "local") -> dict:
    """One batch run in a fresh process, so its workers' peak memory is its own."""
    script = (
        "import json, resource, sys, time; sys.path.insert(0, sys.argv[1]);"
        "from benchmarks.bench import batch_run; print(json.dumps(batch_run(*sys.argv[2:])))"
    )
    output = subprocess.run(
        [sys.executable, "-c", script, str(ROOT), kind, str(jobs), str(count), engine],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.splitlines()[-1])


def _corpus_folder(kind: str, count: int) -> Path:
    """The first `count` generated files of a kind, in a folder of their own."""
    folder = ROOT / "bench-out" / f"{kind}-{count}"
    folder.mkdir(parents=True, exist_ok=True)
    # both kinds, as the other stages make them: the files do not depend on which ran first
    for path in generate(CORPUS, count):
        target = folder / path.name
        if path.suffix == f".{kind}" and not target.exists():
            target.hardlink_to(path)
    return folder


def batch_run(kind: str, jobs: str, count: str, engine: str = "local") -> dict:
    from marker.batch import Workers, run_batch
    from marker.rules.loader import load_pack

    loaded = load_pack()
    pack = loaded.ref().model_dump()
    folder = _corpus_folder(kind, int(count))
    out = ROOT / "bench-out" / f"batch-{kind}-{jobs}-{engine}.jsonl"
    if engine == "ray":
        from marker.batch.ray_engine import RayWorkers

        workers = RayWorkers(int(jobs), pack["id"], loaded.sha256)
    else:
        workers = Workers(int(jobs), pack["id"])
    results: list[float] = []  # when each outcome came, from the start

    def show(text: str, bar: bool) -> None:
        if bar:  # once per outcome
            results.append(time.perf_counter() - start)

    start = time.perf_counter()
    summary = run_batch(
        [str(folder)],
        out,
        fmt="jsonl",
        jobs=int(jobs),
        resume=False,
        pack=pack,
        show=show,
        render=lambda records: [],
        workers=workers,
    )
    elapsed = time.perf_counter() - start
    files = summary.marked + summary.errors
    return {
        "files": files,
        "errors": summary.errors,
        "seconds": elapsed,
        "first": results[0],
        "started_rate": (files - 1) / (results[-1] - results[0]) if files > 1 else 0.0,
        "words": summary.words,
        "peak_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "stages": dict(summary.seconds),
    }


def bench_batch(args) -> None:
    """Each batch `--runs` times, one and two jobs taking turns (this VM's speed drifts
    by a tenth within minutes): the median run is reported, with the range."""
    for kind in ("docx", "xlsx"):
        runs: dict[int, list[dict]] = {1: [], 2: []}
        for _ in range(args.runs):
            for jobs in runs:
                runs[jobs].append(_batch_once(kind, jobs, args.count))
        rates = {}
        for jobs, done in runs.items():
            by_rate = sorted(done, key=lambda r: r["files"] / r["seconds"])
            run = by_rate[len(by_rate) // 2]
            rate = rates[jobs] = run["files"] / run["seconds"]
            low, high = (by_rate[i]["files"] / by_rate[i]["seconds"] for i in (0, -1))
            total = sum(run["stages"].values()) or 1.0
            shares = ", ".join(f"{k} {v / total:.0%}" for k, v in run["stages"].items())
            print(
                f"batch .{kind} --jobs {jobs}: {run['files']} files ({run['errors']} errors) in "
                f"{run['seconds']:.1f} s: {Machine.rate(rate)} (median of {len(done)}; "
                f"{low:.1f} to {high:.1f}), {run['words'] / run['seconds']:,.0f} words/s, "
                f"peak {run['peak_worker_mb']:.0f} MB per worker; time in {shares}"
            )
        print(f"batch .{kind}: {rates[2] / rates[1]:.2f}x from one job to two (medians)")


def bench_engines(args) -> None:
    """Local workers and Ray actors (two each, Ray started on this machine) on the same
    .docx, taking turns: start-up is the time to the first result, the rate is counted
    from the first result to the last."""
    runs: dict[str, list[dict]] = {"local": [], "ray": []}
    for _ in range(args.engine_runs):
        for engine in runs:
            runs[engine].append(_batch_once("docx", 2, args.count, engine))
    rates = {}
    for engine, done in runs.items():
        run = sorted(done, key=lambda r: r["started_rate"])[len(done) // 2]
        rates[engine] = run["started_rate"]
        print(
            f"engines: {engine} --jobs 2 on {run['files']} .docx: start-up "
            f"{Machine.seconds(run['first'])} to the first result; once started "
            f"{Machine.rate(run['started_rate'])}; {run['files'] / run['seconds']:.1f} files/s "
            f"overall in {run['seconds']:.1f} s (median of {len(done)})"
        )
    print(f"engines: Ray once started is {rates['ray'] / rates['local']:.2f}x local")


def bench_sizes(args) -> None:
    """Small batches pay the start-up: files/s at 50, 200 and 1,000 .docx, --jobs 2."""
    rates = {}
    for count in (50, 200, 1000):
        run = _batch_once("docx", 2, count)
        rates[count] = run["files"] / run["seconds"]
        print(
            f"sizes: {run['files']} .docx --jobs 2 in {run['seconds']:.1f} s: "
            f"{Machine.rate(rates[count])}, first result after {run['first']:.2f} s"
        )
    print(f"sizes: 50 files run at {rates[50] / rates[1000]:.2f}x the 1,000-file rate")


GRID = """
import datetime as dt, json, resource, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from marker.batch import JournalRecords
from marker.report.grid import write_grid
journal = Path(sys.argv[2])
pack = json.loads(journal.open().readline())["pack"]
written = write_grid(Path(sys.argv[3]), JournalRecords(journal), pack=pack,
                     run_date=dt.date(2025, 7, 1), fmt="xlsx")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def bench_grid(args) -> None:
    """The parent's memory writing the .xlsx grid: the journal of a real batch of 50 .docx,
    its records repeated under new paths to 1,000 and 4,000 files, then the grid written
    from it in a fresh process (what `marker batch -o grid.xlsx` does at the end)."""
    source = ROOT / "bench-out" / "batch-docx-2-local.jsonl"
    if not source.exists():
        _batch_once("docx", 2, 50)
    lines = source.read_text(encoding="utf-8").splitlines()
    for count in (1000, 4000):
        journal = ROOT / "bench-out" / f"grid-{count}.jsonl"
        with journal.open("w", encoding="utf-8") as handle:
            for number in range(count):
                record = json.loads(lines[number % len(lines)])
                record["path"] = f"cohort-{number // 500}/{number:05d}-{record['file']}"
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        size = journal.stat().st_size / 1024**2
        start = time.perf_counter()
        peak = subprocess.run(
            [
                sys.executable,
                "-c",
                GRID,
                str(ROOT),
                str(journal),
                str(journal.with_suffix(".xlsx")),
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
        print(
            f"grid: {count} files ({size:.0f} MB of journal) to .xlsx in "
            f"{time.perf_counter() - start:.1f} s, parent peak {float(peak):.0f} MB"
        )


def _cold_once(tree: Path, target: Path) -> float:
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); sys.argv = ['marker', *sys.argv[2:]];"
        "import marker.cli as cli; getattr(cli, 'run', cli.main)()"
    )
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", script, str(tree), "check", str(target), "--format", "json"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def bench_cold(args) -> None:
    target = FIXTURES / "strong_styled_headings.docx"
    trees = {"this tree": ROOT}
    if args.baseline:
        trees[f"baseline {args.baseline}"] = Path(args.baseline).resolve()
    runs: dict[str, list[float]] = {name: [] for name in trees}
    for _ in range(args.repeat):
        for name, tree in trees.items():  # taking turns: the machine drifts
            runs[name].append(_cold_once(tree, target))
    medians = {name: statistics.median(done) for name, done in runs.items()}
    for name, done in runs.items():
        print(
            f"cold: marker check on one file, {name}: {Machine.seconds(medians[name])} "
            f"(median of {len(done)} new processes, best {min(done):.2f} s)"
        )
    if args.baseline:
        ratio = medians["this tree"] / medians[f"baseline {args.baseline}"]
        print(f"cold: this tree takes {ratio:.2f}x the baseline's time")


def _start_server(folder: Path, workers: int) -> tuple[subprocess.Popen, str]:
    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "from marker.cli import main; main()", "serve"]
    command += ["--port", str(port), "--db", str(folder / "serve.db"), "--workers", str(workers)]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("serve: the server did not start")


def _upload_to_feedback(url: str, path: Path) -> float:
    """One learner: the upload page, the upload, the feedback page; seconds from the upload."""
    import httpx

    with httpx.Client(base_url=url, timeout=60) as client:
        csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/").text)[1]
        start = time.perf_counter()
        posted = client.post(
            "/check", data={"csrf": csrf}, files={"file": (path.name, path.read_bytes())}
        )
        page = client.get(posted.headers["location"])
        elapsed = time.perf_counter() - start
    if posted.status_code != 303 or page.status_code != 200:
        raise SystemExit(f"serve: upload failed ({posted.status_code}, {page.status_code})")
    return elapsed


def bench_serve(args) -> None:
    from concurrent.futures import ThreadPoolExecutor

    path = next(p for p in generate(CORPUS, 1) if p.suffix == ".docx")
    words = parse_file(path).word_count
    folder = ROOT / "bench-out" / "serve"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "serve.db").unlink(missing_ok=True)
    process, url = _start_server(folder, workers=os.cpu_count() or 1)
    try:
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda _: _upload_to_feedback(url, path), range(8)))  # warm
            before = loop_seconds()
            times = sorted(pool.map(lambda _: _upload_to_feedback(url, path), range(50)))
            after = loop_seconds()
    finally:
        process.terminate()
        process.wait(timeout=10)
    p95 = statistics.quantiles(times, n=20, method="inclusive")[18]
    print(
        f"serve: upload to feedback page, {words:,}-word .docx, 50 uploads 4 at a time on a "
        f"warm server ({os.cpu_count()} workers): median {statistics.median(times):.2f} s, "
        f"95th percentile {p95:.2f} s, slowest {times[-1]:.2f} s; machine: {LOOP} best of 3 "
        f"in {before:.2f} s before, {after:.2f} s after"
    )


STAGES = {
    "parse": bench_parse,
    "nlp": bench_nlp,
    "batch": bench_batch,
    "engines": bench_engines,
    "sizes": bench_sizes,
    "grid": bench_grid,
    "cold": bench_cold,
    "serve": bench_serve,
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("stages", nargs="*", metavar="STAGE", help=f"any of {', '.join(STAGES)}")
    parser.add_argument("--count", type=int, default=500, help="generated portfolios of each kind")
    parser.add_argument("--repeat", type=int, default=5, help="parse and cold runs")
    parser.add_argument("--runs", type=int, default=3, help="runs of each batch")
    parser.add_argument("--engine-runs", type=int, default=2, help="runs of each engine")
    parser.add_argument("--baseline", help="a checkout of another commit, for `cold`")
    args = parser.parse_args()
    unknown = set(args.stages) - set(STAGES)
    if unknown:
        parser.error(f"unknown stage(s): {', '.join(sorted(unknown))}")
    print(f"machine: {machine()}")
    for stage in args.stages or STAGES:
        Machine.measure()  # before each stage: the machine's speed drifts
        STAGES[stage](args)


if __name__ == "__main__":
    main()
