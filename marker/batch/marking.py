"""One file's result as a journal line: what every engine's worker does with a file.

A local worker reads the file from disk; a Ray actor on another machine gets its bytes
from the driver (`Job.data`). Either way the line is the same bytes for the same file.
"""

from __future__ import annotations

import gc
import hashlib
import json
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marker.discovery import LINK_OUTSIDE, Task

# Address space a worker may take beyond what it holds once its pipeline is built (the
# pipeline is built before the limit is set: in the parent it was forked from, or in the
# actor itself), so a file that would blow up costs its own row, not the machine.
FILE_MEMORY_BYTES = 1024**3
FILE_SECONDS = 60.0  # wall-clock time one file may take before its worker is stopped

TOO_LARGE = "The file is too large to mark safely: split it or remove pictures and try again."
TIMED_OUT = "Marking this file took too long and was stopped; it may be damaged or very large."
DIED = "The marker stopped unexpectedly on this file; it may be damaged. Save it again and retry."


@dataclass(frozen=True)
class Job:
    """A file to mark: read from `task.source`, or from `data` when the worker cannot see
    the driver's disk (the bytes as the driver read them, `marker.parse.read_source`)."""

    task: Task
    data: bytes | None = None

    def file_sha256(self) -> str | None:
        if self.data is None:
            return file_sha256(self.task.source)
        return hashlib.sha256(self.data).hexdigest()

    def error(self, code: str, message: str) -> Outcome:
        return Outcome(
            journal_line(error_record(self.task, code, message, self.file_sha256())), True
        )


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


def limit_memory(headroom: int) -> None:
    """Let this process grow by `headroom` bytes of address space from here, no more."""
    with open("/proc/self/statm") as statm:
        size = int(statm.read().split()[0]) * resource.getpagesize()
    limit = size + headroom
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or hard > limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def preload(pack_id: str) -> None:
    """Build what marking needs, once per process that forks or hosts workers."""
    from marker.nlp.pipeline import get_pipeline
    from marker.rules.loader import load_pack

    get_pipeline()
    load_pack(pack_id)


def mark_task(job: Job, pack_id: str) -> Outcome:
    """Mark one file; a file that cannot be read is an error outcome."""
    from marker.nlp.evidence import analyse
    from marker.parse import PortfolioError, parse_file
    from marker.rules.engine import mark
    from marker.rules.loader import load_pack

    task = job.task
    loaded = load_pack(pack_id)
    seconds: dict[str, float] = {}
    clock = time.perf_counter()
    try:
        portfolio = parse_file(task.source if job.data is None else (task.name, job.data))
    except PortfolioError as error:
        return job.error(error.code, error.message)
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


def mark_safely(job: Job, pack_id: str) -> Outcome:
    """`mark_task`, with a bug or an allocation refused costing one file, never the worker.

    A file's objects live only while it is marked and hold no cycles worth chasing: the
    cyclic collector waits until the file is done (its passes over a large file's many
    small objects cost rules about as much again).
    """
    gc.disable()
    try:
        return mark_task(job, pack_id)
    except MemoryError:
        return job.error("too-large", TOO_LARGE)
    except Exception as error:
        return job.error("internal-error", internal(error))
    finally:
        gc.enable()


def internal(error: Exception) -> str:
    return (
        f"The marker hit an internal error on this file ({type(error).__name__}); please report it."
    )
