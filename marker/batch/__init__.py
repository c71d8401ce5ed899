"""`marker batch`: many files marked in parallel by an engine, every result journalled.

marking     one file to one journal line (what every engine's worker runs)
engine      the interface an engine keeps; workers (local processes), ray_engine (Ray)
journal     results as JSON lines: read, compacted, resumed
runner      run_batch: find, skip what is done, mark, journal, render
"""

from marker.batch.engine import Engine, EngineError
from marker.batch.journal import (
    already_marked,
    journal_path,
    latest_lines,
    latest_per_file,
    read_journal,
    write_journal,
)
from marker.batch.marking import FILE_SECONDS, Job, Outcome
from marker.batch.runner import (
    JournalRecords,
    Progress,
    Summary,
    batch_outputs,
    cpu_count,
    run_batch,
)
from marker.batch.workers import Workers
from marker.discovery import find_files

__all__ = [
    "FILE_SECONDS",
    "Engine",
    "EngineError",
    "Job",
    "JournalRecords",
    "Outcome",
    "Progress",
    "Summary",
    "Workers",
    "already_marked",
    "batch_outputs",
    "cpu_count",
    "find_files",
    "journal_path",
    "latest_lines",
    "latest_per_file",
    "read_journal",
    "run_batch",
    "write_journal",
]
