"""The Ray engine: the batch's workers as Ray actors, on this machine or a cluster.

Each actor builds the pipeline once and marks one file at a time with the same function as
a local worker (`marking.mark_safely`), so a file's journal line is the same bytes on
either engine. The driver reads each file and sends its bytes (a cluster's nodes do not
share its disk) unless `shared_fs` says they can read the paths. Results come back in
completion order to the batch's one journal. An actor that dies (its node lost, the
memory killer) or passes a file's time limit costs that file an error row and is replaced.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import time
from collections.abc import Iterator
from typing import Any

from marker.batch import marking
from marker.batch.engine import EngineError
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

INSTALL = "--engine ray needs Ray: pip install 'evidence-marker[ray]'"
MAX_FAILED_STARTS = 3
START_SECONDS = 300.0  # how long a batch waits with no actor at all for one to start
_LOOPBACK = ("127.", "localhost", "ray://127.", "ray://localhost")


class _Marker:
    """A Ray actor: the pipeline built once, then one file at a time."""

    def __init__(self, pack_id: str, memory: int) -> None:
        preload(pack_id)
        gc.freeze()  # the pipeline lives as long as the actor: out of the collector's passes
        limit_memory(memory)
        self.pack_id = pack_id

    def pack_sha256(self) -> str:
        from marker.rules.loader import load_pack

        return load_pack(self.pack_id).sha256

    def mark(self, job: Job) -> Outcome:
        return marking.mark_safely(job, self.pack_id)


@dataclasses.dataclass
class _Call:
    actor: Any
    task: Task
    started: float


class RayWorkers:
    """Ray actors as the batch's workers; `run` yields one Outcome per task as each ends.

    `address`: None starts Ray on this machine; "auto" or "HOST:PORT" joins a cluster
    started with `ray start`, "ray://HOST:PORT" one through Ray Client. `jobs`: actors,
    one core each (default: every core the cluster has).
    """

    def __init__(
        self,
        jobs: int | None,
        pack_id: str,
        pack_sha256: str,
        *,
        address: str | None = None,
        shared_fs: bool = False,
        memory: int = FILE_MEMORY_BYTES,
        seconds: float = FILE_SECONDS,
    ) -> None:
        self.ray = _import_ray()
        self.jobs = jobs
        self.pack_id = pack_id
        self.pack_sha256 = pack_sha256
        self.address = address
        self.shared_fs = shared_fs
        self.memory = memory
        self.seconds = seconds
        self.failed_starts = 0  # replacements lost before they were ready, in a row
        self.started_in = 0.0  # seconds from `run` to every actor ready (for benchmarks)

    def run(self, tasks: list[Task]) -> Iterator[Outcome]:
        if not tasks:
            return
        clock = time.perf_counter()
        self._connect()
        try:
            jobs = self.jobs or max(1, int(self.ray.cluster_resources().get("CPU", 1)))
            actors = [self._start() for _ in range(min(jobs, len(tasks)))]
            self._check(actors)
            self.started_in = time.perf_counter() - clock
            yield from self._mark(tasks, actors)
        finally:
            self.ray.shutdown()  # ends this driver's actors too

    def _connect(self) -> None:
        options: dict[str, Any] = {
            "include_dashboard": False,
            "log_to_driver": False,
            "logging_level": logging.WARNING,
        }
        if self.address is None:
            options["num_cpus"] = self.jobs
        if self.address is None or self.address.startswith(_LOOPBACK):
            # a cluster on this machine stays on the loopback device, not the host's address
            options["_node_ip_address"] = "127.0.0.1"
        try:
            self.ray.init(address=self.address, **options)
        except (ConnectionError, RuntimeError, ValueError) as error:
            where = self.address or "this machine"
            raise EngineError(f"cannot start or reach Ray at {where}: {error}") from None

    def _start(self) -> Any:
        remote = self.ray.remote(num_cpus=1, max_restarts=0, max_task_retries=0)(_Marker)
        return remote.remote(self.pack_id, self.memory)

    def _check(self, actors: list) -> None:
        """Every actor ready, with the driver's rule pack: a node with other rules would
        give markings that disagree with the grid's header."""
        try:
            found = set(self.ray.get([actor.pack_sha256.remote() for actor in actors]))
        except self.ray.exceptions.RayError as error:
            raise EngineError(
                "the Ray workers could not start the marker (is evidence-marker installed "
                f"on every node?): {_first_line(error)}"
            ) from None
        if found != {self.pack_sha256}:
            raise EngineError(
                f"the Ray workers have another version of rule pack {self.pack_id}: "
                "install the same evidence-marker and rules on every node"
            )

    def _job(self, task: Task) -> Job | Outcome:
        """What is sent for a file: its path on a shared disk, or its bytes; a file the
        driver cannot read is its error outcome, as a local worker would make it."""
        if self.shared_fs:
            return Job(dataclasses.replace(task, source=task.source.absolute()))
        from marker.parse import PortfolioError, read_source

        try:
            return Job(task, read_source(task.source))
        except PortfolioError as error:
            return Job(task).error(error.code, error.message)

    def _mark(self, tasks: list[Task], actors: list) -> Iterator[Outcome]:
        """Files to ready actors, one each; a replacement gets files once it is ready (a
        lost node's share waits for room on the others, never on a file's clock)."""
        pending = list(reversed(tasks))
        idle = list(actors)
        calls: dict[Any, _Call] = {}
        starting: dict[Any, Any] = {}  # readiness call -> replacement actor
        lost_since: float | None = None  # when the last ready actor was lost
        while pending or calls:
            while idle and pending:
                task = pending.pop()
                job = self._job(task)
                if isinstance(job, Outcome):
                    yield job
                    continue
                actor = idle.pop()
                calls[actor.mark.remote(job)] = _Call(actor, task, time.monotonic())
            if not pending and not calls:
                break
            done, _ = self.ray.wait([*calls, *starting], num_returns=1, timeout=1.0)
            for ref in done:
                if ref in starting:
                    actor = starting.pop(ref)
                    try:
                        self.ray.get(ref)
                    except self.ray.exceptions.RayError:
                        self._lost(actor, starting, proven=False)
                    else:
                        idle.append(actor)
                    continue
                call = calls.pop(ref)
                try:
                    outcome = self.ray.get(ref)
                except self.ray.exceptions.RayError:
                    # the actor died with the file (its node lost, the memory killer)
                    self._lost(call.actor, starting, proven=True)
                    yield Outcome.error(call.task, "worker-died", DIED)
                    continue
                self.failed_starts = 0
                idle.append(call.actor)
                yield outcome
            now = time.monotonic()
            for ref, call in list(calls.items()):
                if now - call.started >= self.seconds:
                    del calls[ref]
                    self._lost(call.actor, starting, proven=True)
                    yield Outcome.error(call.task, "timeout", TIMED_OUT)
            if idle or calls:
                lost_since = None
            elif lost_since is None:
                lost_since = now
            elif now - lost_since > START_SECONDS:
                raise EngineError(
                    f"no Ray worker could start for {START_SECONDS:.0f} s; see `ray status`"
                )

    def _lost(self, actor: Any, starting: dict, *, proven: bool) -> None:
        """Stop an actor and start another in its place, where the cluster has room."""
        self.failed_starts = 0 if proven else self.failed_starts + 1
        if self.failed_starts >= MAX_FAILED_STARTS:
            raise EngineError("Ray workers keep dying before they are ready; see `ray status`")
        self.ray.kill(actor, no_restart=True)
        replacement = self._start()
        starting[replacement.pack_sha256.remote()] = replacement


def _import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise EngineError(INSTALL) from None
    return ray


def _first_line(error: Exception) -> str:
    lines = [line for line in str(error).splitlines() if line.strip()]
    return lines[-1] if lines else type(error).__name__
