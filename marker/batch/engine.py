"""What the batch asks of an engine: mark these files, one outcome per file as each ends.

`marker batch` journals whatever an engine yields, in the order it comes, so engines are
interchangeable: local worker processes (`workers.Workers`) or Ray actors on a cluster
(`ray_engine.RayWorkers`). Each keeps the same promises: every task gets exactly one
outcome; a worker that dies or passes a file's time or memory limit costs that file an
error row and is replaced; stopping the iteration (Ctrl-C, an error) stops the workers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from marker.batch.marking import Outcome
from marker.discovery import Task


class EngineError(Exception):
    """The engine cannot run the batch (Ray missing, a cluster unreachable or unlike the
    driver); the message is one line saying what to do."""


class Engine(Protocol):
    def run(self, tasks: list[Task]) -> Iterator[Outcome]:
        """One Outcome per task, in completion order; workers stop when it ends."""
        ...
