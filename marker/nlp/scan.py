"""Run a large alternation only where a match can begin.

Python's `re` tries every alternative at every character; a big pattern with optional
prefixes cannot skip ahead. A cheap `starts` pattern finds the places a match could
begin and the big one is tried there alone, giving the same leftmost, non-overlapping
matches as `finditer` many times faster.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def scan(pattern: re.Pattern[str], starts: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    resume = 0
    for candidate in starts.finditer(text):
        if candidate.start() < resume:
            continue
        match = pattern.match(text, candidate.start())
        if match and match.end() > match.start():
            resume = match.end()
            yield match
