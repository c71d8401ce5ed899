"""Run a large alternation only where a match can begin.

Python's `re` tries every alternative at every character; a big pattern with optional
prefixes cannot skip ahead. A cheap `starts` pattern finds the places a match could
begin and the big one is tried there alone, giving the same leftmost, non-overlapping
matches as `finditer` many times faster. Both patterns are written in lower case and
run on a lower-cased copy of the text (case-insensitive matching is twice as slow);
match offsets are offsets into the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def lowered(text: str) -> str:
    """The text in lower case, character for character (a few letters, such as 'İ',
    lower to two characters; they are left as they are so offsets still line up)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def scan(pattern: re.Pattern[str], starts: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    text = lowered(text)
    resume = 0
    for candidate in starts.finditer(text):
        if candidate.start() < resume:
            continue
        match = pattern.match(text, candidate.start())
        if match and match.end() > match.start():
            resume = match.end()
            yield match
