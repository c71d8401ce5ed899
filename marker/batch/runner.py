"""Mark many files in parallel, each in an isolated worker, keeping every result.

`run_batch` finds the files, leaves out what `--resume` says is done, hands the rest to an
engine (local workers or Ray actors, `marker.batch.engine`), journals each outcome as it
arrives, and renders the grid from the journal at the end.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from marker.batch.engine import Engine
from marker.batch.journal import already_marked, compact, journal_path, latest_lines
from marker.batch.marking import Outcome, file_sha256
from marker.discovery import find_files
from marker.outputs import identities, identity


class JournalRecords:
    """The latest record of each path in a journal, by path, read afresh on each pass
    (a grid writer passes twice: once for column widths, once for rows)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __iter__(self) -> Iterator[dict]:
        return latest_lines(self.path)


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
    seconds: Counter[str] = field(default_factory=Counter)  # per stage, over the marked files
    words: int = 0

    def add(self, outcome: Outcome) -> None:
        self.errors += outcome.failed
        self.marked += not outcome.failed
        self.seconds.update(outcome.seconds)
        self.words += outcome.words

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
    render: Callable[[Iterable[dict]], list[Path]],
    workers: Engine,
    follow_links: bool = False,
) -> Summary:
    """Mark every file, journal each result as it comes, then render the output.

    A refused file's error record is made here, without a worker, and journalled like
    any outcome. On Ctrl-C the output is rendered from what was done and the summary
    says so. Raises `InputError` (before anything is written) for a path with nothing
    to mark. `render` gets the latest record of each path, by path, as a re-iterable
    read from the journal (never all in memory at once).
    """
    found = find_files(paths, follow_links=follow_links)
    journal = journal_path(out, fmt)
    journal.parent.mkdir(parents=True, exist_ok=True)
    summary = Summary(skipped=found.skipped)
    done: dict[str, str | None] = {}
    if resume and journal.exists():
        compact(journal)  # before appending: a line a crash cut short goes, and superseded records
        done = already_marked(latest_lines(journal), pack)
    refused, tasks = [], []
    written = identities(batch_outputs(out, fmt))  # a grid saved in a folder it marks
    for task in found.tasks:
        if identity(task.source) in written:
            continue
        if task.refused:
            refused.append(Outcome.refused(task, *task.refused))
        elif task.path in done and done[task.path] == file_sha256(task.source):
            summary.already += 1
        else:
            tasks.append(task)
    progress = Progress(len(refused) + len(tasks), show)
    with journal.open("a" if resume else "w", encoding="utf-8") as handle:
        try:
            for outcome in chain(refused, workers.run(tasks)):
                handle.write(outcome.line + "\n")
                handle.flush()
                summary.add(outcome)
                progress.step(outcome)
        except KeyboardInterrupt:
            summary.interrupted = True
    if fmt == "jsonl" and not resume:
        summary.written = [journal]  # a fresh run writes each path once
        return summary
    if resume:
        compact(journal)  # one record per path: a retried file is one row
    summary.written = [journal] if fmt == "jsonl" else render(JournalRecords(journal))
    return summary
