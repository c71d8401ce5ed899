"""Mark many files in parallel, each in an isolated worker, keeping every result.

Workers are plain processes the batch manages itself (not a ProcessPoolExecutor, where
one dead worker fails every pending task): each builds the pipeline once, marks one
file at a time under memory and time limits, and sends back a small result. A worker
that dies or overruns costs only the file it held: that file gets an error row and a
fresh worker takes its place. Results go to a journal (JSON lines) as each file
finishes, so an interrupted batch keeps what was done and `--resume` carries on; the
journal keeps one record per file `path` (the latest), so retries never add rows.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import multiprocessing as mp
import os
import resource
import stat
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from marker.discovery import LINK_OUTSIDE, Task, find_files, record_path
from marker.outputs import identities, identity

WORKER_MEMORY_BYTES = 2 * 1024**3  # address space a worker may use (spaCy maps ~1 GiB)
FILE_SECONDS = 60.0  # wall-clock time one file may take before its worker is stopped
MAX_FAILED_STARTS = 3


@dataclass
class Outcome:
    """One file's result, a marking or an error record as its journal line (made in the
    worker; by the parent for a file refused before marking or a worker lost), with its
    stage timings."""

    line: str
    failed: bool = False
    seconds: dict[str, float] = field(default_factory=dict)
    words: int = 0

    @classmethod
    def error(cls, task: Task, code: str, message: str) -> Outcome:
        return cls(journal_line(error_record(task, code, message, file_sha256(task.source))), True)

    @classmethod
    def refused(cls, task: Task, code: str, message: str) -> Outcome:
        """A file refused before marking; a link out of its folder is not read, even to hash."""
        sha256 = None if code == LINK_OUTSIDE[0] else file_sha256(task.source)
        return cls(journal_line(error_record(task, code, message, sha256)), True)


def journal_line(record: dict) -> str:
    """A record as one journal line, compact like the workers' markings."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def error_record(task: Task, code: str, message: str, sha256: str | None = None) -> dict:
    record: dict[str, Any] = {"file": task.name, "path": task.path}
    if sha256:
        record["file_sha256"] = sha256
    record["error"] = {"code": code, "message": message}
    return record


def file_sha256(path: Path) -> str | None:
    if not path.is_file():
        return None  # a folder, a pipe (reading it would wait forever) or a link to nothing
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None  # unreadable: the record goes without it


# -- the worker -------------------------------------------------------------------------


def _limit_memory(limit: int) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or hard > limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _mark(task: Task, pack_id: str) -> Outcome:
    # Imported here: a worker pays for spaCy once, after its memory limit is set.
    from marker.nlp.evidence import analyse
    from marker.parse import PortfolioError, parse_file
    from marker.rules.engine import mark
    from marker.rules.loader import load_pack

    loaded = load_pack(pack_id)
    seconds: dict[str, float] = {}
    clock = time.perf_counter()
    try:
        portfolio = parse_file(task.source)
    except PortfolioError as error:
        return Outcome.error(task, error.code, error.message)
    seconds["parse"] = time.perf_counter() - clock
    clock = time.perf_counter()
    evidence = analyse(portfolio)
    seconds["nlp"] = time.perf_counter() - clock
    clock = time.perf_counter()
    marking = mark(portfolio, evidence, loaded).model_copy(
        update={"file": task.name, "path": task.path}
    )
    seconds["rules"] = time.perf_counter() - clock
    clock = time.perf_counter()
    line = marking.model_dump_json()
    seconds["report"] = time.perf_counter() - clock
    return Outcome(line, False, seconds, portfolio.word_count)


def _worker(connection: Connection, pack_id: str, memory: int) -> None:
    _limit_memory(memory)
    from marker.nlp.pipeline import get_pipeline

    get_pipeline()  # once per worker, before the first file
    # The pipeline's vocabularies and matchers live as long as the worker: kept out of
    # the collector's full passes, which otherwise walk them again every few files.
    gc.freeze()
    connection.send(("ready", None))
    while True:
        task = connection.recv()
        if task is None:
            return
        try:
            outcome = _mark(task, pack_id)
        except MemoryError:
            outcome = Outcome.error(task, "too-large", _TOO_LARGE)
        except Exception as error:  # a bug must cost one file, never the batch
            outcome = Outcome.error(task, "internal-error", _internal(error))
        connection.send(("done", outcome))


_TOO_LARGE = "The file is too large to mark safely: split it or remove pictures and try again."
_TIMED_OUT = "Marking this file took too long and was stopped; it may be damaged or very large."
_DIED = "The marker stopped unexpectedly on this file; it may be damaged. Save it again and retry."


def _internal(error: Exception) -> str:
    return (
        f"The marker hit an internal error on this file ({type(error).__name__}); please report it."
    )


@dataclass
class _Slot:
    process: mp.Process
    connection: Connection
    task: Task | None = None
    started: float = 0.0
    ready: bool = False


class Workers:
    """N isolated workers; `run` yields one Outcome per task, in completion order."""

    def __init__(
        self,
        jobs: int,
        pack_id: str,
        memory: int = WORKER_MEMORY_BYTES,
        seconds: float = FILE_SECONDS,
    ) -> None:
        self.jobs = max(1, jobs)
        self.pack_id = pack_id
        self.memory = memory
        self.seconds = seconds
        methods = mp.get_all_start_methods()
        self.context = mp.get_context("fork" if "fork" in methods else "spawn")
        self.slots: list[_Slot] = []
        self.failed_starts = 0

    def _start(self) -> _Slot:
        if self.failed_starts >= MAX_FAILED_STARTS:
            raise RuntimeError(
                "marking workers keep dying before they are ready; "
                f"check the memory limit ({self.memory // 1024**2} MB)"
            )
        parent, child = self.context.Pipe()
        process = self.context.Process(
            target=_worker, args=(child, self.pack_id, self.memory), daemon=True
        )
        process.start()
        child.close()
        return _Slot(process, parent)

    def _replace(self, slot: _Slot) -> None:
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join(timeout=5)
        slot.connection.close()
        self.slots[self.slots.index(slot)] = self._start()

    def run(self, tasks: list[Task]) -> Iterator[Outcome]:
        if not tasks:
            return  # nothing to mark: no worker started
        pending = list(reversed(tasks))
        self.slots = [self._start() for _ in range(min(self.jobs, len(tasks)) or 1)]
        busy = 0
        try:
            while pending or busy:
                busy += self._feed(pending)
                watched = [s.connection for s in self.slots] + [
                    s.process.sentinel for s in self.slots
                ]
                ready = wait(watched, timeout=1.0)
                for slot in list(self.slots):
                    outcome = self._collect(slot, ready)
                    if outcome is not None:
                        # the freed worker gets its next file before the caller journals this one
                        busy += self._feed(pending) - 1
                        yield outcome
        finally:
            self.close()

    def _feed(self, pending: list[Task]) -> int:
        """Send the next pending files to idle, ready workers; how many were sent."""
        sent = 0
        for slot in self.slots:
            if slot.ready and slot.task is None and pending:
                slot.task, slot.started = pending.pop(), time.monotonic()
                slot.connection.send(slot.task)
                sent += 1
        return sent

    def _collect(self, slot: _Slot, ready: list) -> Outcome | None:
        """The outcome a worker has for us, if any; a dead or stuck worker is replaced."""
        if slot.connection in ready:
            try:
                kind, payload = slot.connection.recv()
            except (EOFError, OSError):
                kind, payload = "died", None
            if kind == "ready":
                slot.ready = True
                return None
            if kind == "done":
                slot.task = None
                return payload
        elif slot.process.sentinel not in ready:
            if slot.task is None or time.monotonic() - slot.started < self.seconds:
                return None
            task = slot.task
            self._replace(slot)
            return Outcome.error(task, "timeout", _TIMED_OUT)
        task = slot.task
        self.failed_starts += not slot.ready
        self._replace(slot)
        return Outcome.error(task, "worker-died", _DIED) if task else None

    def close(self) -> None:
        for slot in self.slots:
            if slot.process.is_alive():
                with contextlib.suppress(OSError):
                    slot.connection.send(None)
            slot.process.join(timeout=2)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join()
            slot.connection.close()
        self.slots = []


# -- the journal --------------------------------------------------------------------------

_MARKING_KEYS = ("file_sha256", "pack", "outcome", "marking_points")


def _complete(record: Any) -> bool:
    """A whole record, as written: a marking or an error record (never a torn fragment)."""
    if not isinstance(record, dict) or not isinstance(record.get("file"), str):
        return False
    error = record.get("error")
    if error is not None:
        return isinstance(error, dict) and {"code", "message"} <= error.keys()
    return all(key in record for key in _MARKING_KEYS)


def read_journal(path: Path) -> list[dict]:
    """The records written; a line cut short by a crash, wherever it is, is dropped."""
    if not path.exists():
        return []
    records = []
    for line in path.read_bytes().splitlines():
        try:
            record = json.loads(line.decode("utf-8"))  # a cut may split a character too
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        if _complete(record):
            records.append(record)
    return records


def latest_per_file(records: list[dict]) -> list[dict]:
    """The last record of each path, by path: a retry supersedes what went before."""
    by_path: dict[str, dict] = {}
    for record in records:
        by_path[record_path(record)] = record
    return [by_path[path] for path in sorted(by_path)]


def write_journal(path: Path, records: list[dict]) -> None:
    """Replace the journal with these records at once: a crash leaves the old or the new."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.chmod(temporary, _mode_of(path))  # mkstemp's 0600 would hide the output from others
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            for record in records:
                handle.write(journal_line(record) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_of(path: Path) -> int:
    """The permissions the journal has, or those a new file gets under the umask."""
    with contextlib.suppress(OSError):
        return stat.S_IMODE(path.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def already_marked(records: list[dict], pack: dict) -> dict[str, dict]:
    """Paths whose latest record is a marking with this pack version and hash, for --resume."""
    return {
        record_path(r): r
        for r in latest_per_file(records)
        if "error" not in r
        and r.get("pack", {}).get("version") == pack["version"]
        and r.get("pack", {}).get("sha256") == pack["sha256"]
    }


@dataclass
class Progress:
    """Done / total, errors, rate and time left; a bar on a terminal, lines otherwise."""

    total: int
    show: Callable[[str, bool], None]
    done: int = 0
    errors: int = 0
    started: float = field(default_factory=time.monotonic)
    last_line: float = 0.0

    def step(self, outcome: Outcome) -> None:
        self.done += 1
        self.errors += outcome.failed
        elapsed = time.monotonic() - self.started
        rate = self.done / elapsed if elapsed else 0.0
        left = (self.total - self.done) / rate if rate else 0.0
        status = (
            f"{self.done}/{self.total} files, {self.errors} errors, {rate:.1f} files/s, "
            f"{_clock(left)} left"
        )
        width = 24
        filled = int(width * self.done / self.total) if self.total else width
        now = time.monotonic()
        if self.done == self.total or now - self.last_line >= 2.0:
            self.last_line = now
            self.show(status, False)
        self.show(f"[{'#' * filled}{'.' * (width - filled)}] {status}", True)


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


# -- the batch ------------------------------------------------------------------------


@dataclass
class Summary:
    marked: int = 0
    errors: int = 0
    already: int = 0  # --resume: same content, same pack, not marked again
    skipped: Counter[str] = field(default_factory=Counter)  # system, other, duplicate
    written: list[Path] = field(default_factory=list)
    interrupted: bool = False
    outcomes: list[Outcome] = field(default_factory=list)

    def line(self, resume: bool) -> str:
        """What became of every file, e.g. "marked 2 file(s), 1 error(s), 3 skipped (...)"."""
        state = "interrupted: kept" if self.interrupted else "marked"
        parts = [f"{state} {self.marked} file(s)", f"{self.errors} error(s)", self._skipped()]
        if resume:
            parts.append(f"{self.already} already marked")
        return f"{', '.join(parts)}; wrote {', '.join(map(str, self.written))}"

    def _skipped(self) -> str:
        words = {"system": ("system file", "system files"), "other": ("other", "other")}
        words["duplicate"] = ("duplicate", "duplicates")
        details = [
            f"{self.skipped[kind]} {one if self.skipped[kind] == 1 else many}"
            for kind, (one, many) in words.items()
            if self.skipped[kind]
        ]
        total = self.skipped.total()
        return f"{total} skipped ({', '.join(details)})" if total else "0 skipped"


def journal_path(out: Path, fmt: str) -> Path:
    """Where results are kept as they come: the output itself for JSON lines."""
    return out if fmt == "jsonl" else out.with_name(out.name + ".jsonl")


def batch_outputs(out: Path, fmt: str) -> list[Path]:
    """Every file a batch writes: the grid (one CSV per sheet) and the journal."""
    from marker.report.grid import grid_paths

    return list(dict.fromkeys([*grid_paths(out, fmt), journal_path(out, fmt)]))


def run_batch(
    paths: list[str],
    out: Path,
    *,
    fmt: str,
    jobs: int,
    resume: bool,
    pack: dict,
    show: Callable[[str, bool], None],
    render: Callable[[list[dict]], list[Path]],
    workers: Workers,
    follow_links: bool = False,
) -> Summary:
    """Mark every file, journal each result as it comes, then render the output.

    A refused file's error record is made here, without a worker, and journalled like
    any outcome. On Ctrl-C the output is rendered from what was done and the summary
    says so. Raises `InputError` (before anything is written) for a path with nothing
    to mark.
    """
    found = find_files(paths, follow_links=follow_links)
    journal = journal_path(out, fmt)
    journal.parent.mkdir(parents=True, exist_ok=True)
    summary = Summary(skipped=found.skipped)
    done: dict[str, dict] = {}
    if resume and journal.exists():
        # rewritten before appending: a line a crash cut short goes, and superseded records
        previous = latest_per_file(read_journal(journal))
        write_journal(journal, previous)
        done = already_marked(previous, pack)
    refused, tasks = [], []
    written = identities(batch_outputs(out, fmt))  # a grid saved in a folder it marks
    for task in found.tasks:
        record = done.get(task.path)
        if identity(task.source) in written:
            continue
        if task.refused:
            refused.append(Outcome.refused(task, *task.refused))
        elif record and record.get("file_sha256") == file_sha256(task.source):
            summary.already += 1
        else:
            tasks.append(task)
    progress = Progress(len(refused) + len(tasks), show)
    with journal.open("a" if resume else "w", encoding="utf-8") as handle:
        try:
            for outcome in chain(refused, workers.run(tasks)):
                handle.write(outcome.line + "\n")
                handle.flush()
                summary.outcomes.append(outcome)
                summary.errors += outcome.failed
                summary.marked += not outcome.failed
                progress.step(outcome)
        except KeyboardInterrupt:
            summary.interrupted = True
    if fmt == "jsonl" and not resume:
        summary.written = [journal]  # a fresh run writes each path once
        return summary
    records = latest_per_file(read_journal(journal))
    if resume:
        write_journal(journal, records)  # one record per path: a retried file is one row
    summary.written = [journal] if fmt == "jsonl" else render(records)
    return summary
