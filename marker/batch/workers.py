"""The local engine: N isolated worker processes on this machine.

Workers are plain processes the batch manages itself (not a ProcessPoolExecutor, where
one dead worker fails every pending task): each marks one file at a time under memory and
time limits and sends back a small result. The pipeline is built once in the parent and
the workers are forked from it, so they are ready in milliseconds rather than each paying
for spaCy. A worker that dies or overruns costs only the file it held: that file gets an
error row and a fresh worker takes its place.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing as mp
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from marker.batch import marking
from marker.batch.marking import (
    DIED,
    FILE_MEMORY_BYTES,
    FILE_SECONDS,
    TIMED_OUT,
    Job,
    Outcome,
    limit_memory,
    preload,
)
from marker.discovery import Task

MAX_FAILED_STARTS = 3


def _worker(connection: Connection, pack_id: str, memory: int) -> None:
    limit_memory(memory)
    preload(pack_id)  # built already when forked from a preloaded parent; spawn builds it here
    # The pipeline's vocabularies and matchers live as long as the worker: kept out of
    # the collector's full passes, which otherwise walk them again every few files.
    gc.freeze()
    connection.send(("ready", None))
    while True:
        task = connection.recv()
        if task is None:
            return
        connection.send(("done", marking.mark_safely(Job(task), pack_id)))


@dataclass
class _Slot:
    process: mp.Process
    connection: Connection
    task: Task | None = None
    started: float = 0.0
    ready: bool = False


class Workers:
    """N isolated local workers; `run` yields one Outcome per task, in completion order."""

    def __init__(
        self,
        jobs: int,
        pack_id: str,
        memory: int = FILE_MEMORY_BYTES,
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
        if self.context.get_start_method() == "fork":
            preload(self.pack_id)  # once, here: every worker forked from now on has it
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
            return Outcome.error(task, "timeout", TIMED_OUT)
        task = slot.task
        self.failed_starts += not slot.ready
        self._replace(slot)
        return Outcome.error(task, "worker-died", DIED) if task else None

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
