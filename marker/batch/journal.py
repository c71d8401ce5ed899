"""The journal: every file's result as one JSON line, written as each file finishes.

Whichever engine marked them, results arrive here in completion order, so a batch killed
at any point keeps what was done and `--resume` carries on. The journal keeps one record
per file `path` (the latest), so retries never add rows; a line cut short by a crash is
dropped. Large journals are read by offset (`latest_lines`) so that nothing holds every
record at once.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from marker.batch.marking import journal_line
from marker.discovery import record_path

_MARKING_KEYS = ("file_sha256", "pack", "outcome", "marking_points")


def journal_path(out: Path, fmt: str) -> Path:
    """Where results are kept as they come: the output itself for JSON lines."""
    return out if fmt == "jsonl" else out.with_name(out.name + ".jsonl")


def _complete(record: Any) -> bool:
    """A whole record, as written: a marking or an error record (never a torn fragment)."""
    if not isinstance(record, dict) or not isinstance(record.get("file"), str):
        return False
    error = record.get("error")
    if error is not None:
        return isinstance(error, dict) and {"code", "message"} <= error.keys()
    return all(key in record for key in _MARKING_KEYS)


def _parsed(line: bytes) -> dict | None:
    try:
        record = json.loads(line.decode("utf-8"))  # a cut may split a character too
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return record if _complete(record) else None


def read_journal(path: Path) -> list[dict]:
    """The records written; a line cut short by a crash, wherever it is, is dropped."""
    if not path.exists():
        return []
    with path.open("rb") as handle:
        return [record for line in handle if (record := _parsed(line)) is not None]


def latest_per_file(records: Iterable[dict]) -> list[dict]:
    """The last record of each path, by path: a retry supersedes what went before."""
    by_path: dict[str, dict] = {}
    for record in records:
        by_path[record_path(record)] = record
    return [by_path[path] for path in sorted(by_path)]


def latest_lines(path: Path) -> Iterator[dict]:
    """`latest_per_file(read_journal(path))`, one record at a time: only each path's
    offset is held, so a journal of any size is read in flat memory."""
    offsets: dict[str, int] = {}
    if not path.exists():
        return
    with path.open("rb") as handle:
        offset = 0
        for line in handle:
            record = _parsed(line)
            if record is not None:
                offsets[record_path(record)] = offset
            offset += len(line)
        for key in sorted(offsets):
            handle.seek(offsets[key])
            record = _parsed(handle.readline())
            if record is not None:
                yield record


def write_journal(path: Path, records: Iterable[dict]) -> None:
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


def compact(path: Path) -> None:
    """Keep one record per path, the latest, dropping lines a crash cut short."""
    write_journal(path, latest_lines(path))


def _mode_of(path: Path) -> int:
    """The permissions the journal has, or those a new file gets under the umask."""
    with contextlib.suppress(OSError):
        return stat.S_IMODE(path.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def already_marked(latest: Iterable[dict], pack: dict) -> dict[str, str | None]:
    """The content hash of each path whose latest record (`latest_lines`) is a marking
    with this pack version and hash, for --resume."""
    return {
        record_path(r): r.get("file_sha256")
        for r in latest
        if "error" not in r
        and r.get("pack", {}).get("version") == pack["version"]
        and r.get("pack", {}).get("sha256") == pack["sha256"]
    }
