"""Typed refusals: a file the engine cannot read, with a message a learner can act on."""

from __future__ import annotations


class PortfolioError(Exception):
    """A file was refused. `code` is stable (machines match on it); `message` is for people."""

    def __init__(self, source: str, code: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.code = code
        self.message = message
