"""Reading structure from how text looks, for learners who never use Word styles."""

from __future__ import annotations

import re
from functools import cache

from marker.parse.columns import normalise_header
from marker.resources import lexicon

MAX_HEADING_WORDS = 8
MAX_HEADING_CHARS = 70
MAX_BOLD_HEADING_WORDS = 12  # "Where I am now and where I want to be"
MAX_BOLD_HEADING_CHARS = 90

_NUMBERED = re.compile(r"^(?P<num>\d+(?:\.\d+)*)[.):]?\s+(?P<rest>\S.*)$")
_SECTION = re.compile(r"^(?:section|part|unit|element|stage)\s+(?:\d+|[ivx]+|[a-z])\b", re.I)
_BULLET = re.compile(r"^[•◦▪▫●○■□➢➤✓✔\-*–]\s+")


@cache
def _section_words() -> frozenset[str]:
    return frozenset(normalise_header(s) for s in lexicon("sections")["sections"])


def _names_a_section(text: str) -> bool:
    words = normalise_header(text)
    return any(
        f" {section} " in f" {words} " for section in _section_words()
    )  # whole-word containment


def heading_level_by_look(text: str, bold: bool) -> int | None:
    """The heading level a short unstyled line seems to have, or None for body text.

    A heading is short, does not end like a sentence, and is bold, numbered like a
    section ("2. Objectives", "Section 3:"), or in capitals naming a known section.
    """
    text = text.strip()
    words, chars = (
        (MAX_BOLD_HEADING_WORDS, MAX_BOLD_HEADING_CHARS)
        if bold
        else (MAX_HEADING_WORDS, MAX_HEADING_CHARS)
    )
    if not text or len(text) > chars or len(text.split()) > words:
        return None
    if text[-1] in ".,;!?" or _BULLET.match(text):
        return None
    head, colon, tail = text.partition(":")
    if colon and len(tail.split()) > 4:
        return None  # "Objective 2: reduce AHT to 6:00 by March" is a statement
    if _SECTION.match(text):
        return 1
    numbered = _NUMBERED.match(text)
    if numbered:
        rest = numbered["rest"]
        if _names_a_section(rest) or rest.isupper() or (bold and rest[0].isupper()):
            return numbered["num"].count(".") + 1
        return None
    if bold and any(c.isalpha() for c in text):
        return 1
    if text.isupper() and _names_a_section(head):
        return 1
    return None


def strip_bullet(text: str) -> tuple[str, bool]:
    """Text without a typed bullet glyph, and whether it had one."""
    match = _BULLET.match(text)
    return (text[match.end() :], True) if match else (text, False)
