"""The one place the web app reaches the marking engine: isolated processes only.

Each upload is marked by `marker.batch.Workers` (a worker process under the batch's
memory and time limits, replaced when it dies), so a hostile file costs its own request
and never the server. The server builds the NLP pipeline once before any worker starts:
workers are forked from it and begin warm. The commented copy is written in a forked
process under the same limits, because python-docx reads every part of the file.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marker.batch import FILE_SECONDS, Workers
from marker.batch.marking import FILE_MEMORY_BYTES, limit_memory
from marker.discovery import Task
from marker.rules.marking import Marking


@dataclass(frozen=True)
class Refusal:
    """A file that could not be marked: a stable code and a message for the learner."""

    code: str
    message: str


def warm_up(pack_id: str) -> None:
    """Mark a small made-up portfolio in the server process, so that forked workers start
    with everything built once per process (pipeline, pack, lexicons, parsers): a fresh
    worker's first file then costs what any file costs."""
    import docx

    from marker.rules.loader import load_pack
    from marker.run import mark_file

    document = docx.Document()
    document.add_heading("My objectives", level=1)
    document.add_paragraph("I will reduce my AHT from 7:30 to 6:00 by 31/03/2026.")
    document.add_paragraph("Review 14/02/2025 with my team leader: on track.")
    with tempfile.TemporaryDirectory(prefix="marker-warm-") as folder:
        path = Path(folder) / "warm.docx"
        document.save(str(path))
        mark_file(path, load_pack(pack_id))


def mark_upload(
    source: Path, name: str, pack_id: str, seconds: float = FILE_SECONDS
) -> Marking | Refusal:
    """Mark one saved upload in a fresh isolated worker; `name` is what the learner called it."""
    task = Task(source=source, path=name)
    outcomes = list(Workers(1, pack_id, seconds=seconds).run([task]))
    if not outcomes[0].failed:
        return Marking.model_validate_json(outcomes[0].line)
    error = json.loads(outcomes[0].line)["error"]
    return Refusal(error["code"], error["message"])


def annotate_upload(
    source: Path, marking: Marking, out: Path, seconds: float = FILE_SECONDS
) -> int | Refusal:
    """Write the commented copy in an isolated process; how many comments it holds."""
    from marker.report.annotate import annotate

    return run_isolated(annotate, (source, marking, out), seconds)


def run_isolated(function: Callable[..., Any], args: tuple, seconds: float) -> Any:
    """`function(*args)` in a forked process with the workers' memory limit and a time
    limit; a crash, a memory error or an overrun comes back as a Refusal."""
    context = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_isolated, args=(child, function, args), daemon=True)
    process.start()
    child.close()
    try:
        if not parent.poll(seconds):
            return Refusal("timeout", _TIMED_OUT)
        ok, value = parent.recv()
    except (EOFError, OSError):
        return Refusal("worker-died", _DIED)
    finally:
        if process.is_alive():
            process.kill()
        process.join(timeout=5)
        parent.close()
    return value if ok else Refusal("internal-error", value)


def _isolated(connection: Any, function: Callable[..., Any], args: tuple) -> None:
    limit_memory(FILE_MEMORY_BYTES)  # the workers' limit: this much more than now
    try:
        result = (True, function(*args))
    except MemoryError:
        result = (False, _TOO_LARGE)
    except Exception as error:  # a bug costs this request, never the server
        traceback.print_exc()
        result = (False, f"The commented copy could not be made ({type(error).__name__}).")
    connection.send(result)
    connection.close()


_TOO_LARGE = "The file is too large to comment on safely: split it or remove pictures."
_TIMED_OUT = "Making the commented copy took too long and was stopped."
_DIED = "Making the commented copy stopped unexpectedly; save the file again and retry."
