"""`make bench`: how fast the engine is, measured on this machine.

Stages:
  parse   parse every bundled fixture (repeated) and a generated corpus
  nlp     the NLP stage (pipeline + evidence assembly) on one core, words per second
  batch   `marker batch` over N generated .docx and N .xlsx with --jobs 1 and 2, three
          runs each (median and range):
          files/s, words/s, peak memory per worker, share of time per stage
  cold    `marker check` on one file from a cold start (a new process)
  serve   `marker serve`, warm: upload to feedback page for a 3,000-word .docx, 50
          uploads 4 at a time, median and 95th percentile

    python benchmarks/bench.py                  # every stage, default sizes
    python benchmarks/bench.py batch --count 500
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


def _batch_once(kind: str, jobs: int, count: int) -> dict:
    """One batch run in a fresh process, so its workers' peak memory is its own."""
    script = (
        "import json, resource, sys, time; sys.path.insert(0, sys.argv[1]);"
        "from benchmarks.bench import batch_run; print(json.dumps(batch_run(*sys.argv[2:])))"
    )
    output = subprocess.run(
        [sys.executable, "-c", script, str(ROOT), kind, str(jobs), str(count)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.splitlines()[-1])


def batch_run(kind: str, jobs: str, count: str) -> dict:
    from marker.batch import Workers, run_batch
    from marker.rules.loader import load_pack

    loaded = load_pack()
    pack = loaded.ref().model_dump()
    folder = CORPUS / kind
    folder.mkdir(parents=True, exist_ok=True)
    # both kinds, as the other stages make them: the files do not depend on which ran first
    for path in generate(CORPUS, int(count)):
        target = folder / path.name
        if path.suffix == f".{kind}" and not target.exists():
            target.hardlink_to(path)
    out = ROOT / "bench-out" / f"batch-{kind}-{jobs}.jsonl"
    start = time.perf_counter()
    summary = run_batch(
        [str(folder)],
        out,
        fmt="jsonl",
        jobs=int(jobs),
        resume=False,
        pack=pack,
        show=lambda text, bar: None,
        render=lambda records: [],
        workers=Workers(int(jobs), pack["id"]),
    )
    elapsed = time.perf_counter() - start
    stages: dict[str, float] = {}
    for outcome in summary.outcomes:
        for stage, seconds in outcome.seconds.items():
            stages[stage] = stages.get(stage, 0.0) + seconds
    return {
        "files": len(summary.outcomes),
        "errors": summary.errors,
        "seconds": elapsed,
        "words": sum(o.words for o in summary.outcomes),
        "peak_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "stages": stages,
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
                f"{run['seconds']:.1f} s: {rate:.1f} files/s (median of {len(done)}; "
                f"{low:.1f} to {high:.1f}), {run['words'] / run['seconds']:,.0f} words/s, "
                f"peak {run['peak_worker_mb']:.0f} MB per worker; time in {shares}"
            )
        print(f"batch .{kind}: {rates[2] / rates[1]:.2f}x from one job to two (medians)")


def bench_cold(args) -> None:
    target = FIXTURES / "strong_styled_headings.docx"
    marker = Path(sys.executable).with_name("marker")
    runs = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        subprocess.run(
            [str(marker), "check", str(target), "--format", "json"], check=True, capture_output=True
        )
        runs.append(time.perf_counter() - start)
    print(
        f"cold: marker check on one file in {statistics.median(runs):.2f} s "
        f"(median of {args.repeat} new processes, best {min(runs):.2f} s)"
    )


def machine_measure() -> float:
    """Seconds for a fixed piece of pure Python: how fast this machine is right now."""
    start = time.perf_counter()
    sum(i * i for i in range(10**7))
    return time.perf_counter() - start


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
            before = machine_measure()
            times = sorted(pool.map(lambda _: _upload_to_feedback(url, path), range(50)))
            after = machine_measure()
    finally:
        process.terminate()
        process.wait(timeout=10)
    p95 = statistics.quantiles(times, n=20, method="inclusive")[18]
    print(
        f"serve: upload to feedback page, {words:,}-word .docx, 50 uploads 4 at a time on a "
        f"warm server ({os.cpu_count()} workers): median {statistics.median(times):.2f} s, "
        f"95th percentile {p95:.2f} s, slowest {times[-1]:.2f} s; machine measure "
        f"(sum(i*i for i in range(10**7))) {before:.2f} s before, {after:.2f} s after"
    )


STAGES = {
    "parse": bench_parse,
    "nlp": bench_nlp,
    "batch": bench_batch,
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
    args = parser.parse_args()
    unknown = set(args.stages) - set(STAGES)
    if unknown:
        parser.error(f"unknown stage(s): {', '.join(sorted(unknown))}")
    print(f"machine: {machine()}")
    for stage in args.stages or STAGES:
        STAGES[stage](args)


if __name__ == "__main__":
    main()
