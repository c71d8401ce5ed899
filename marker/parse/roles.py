"""The one field-role resolver: a label's words, checked against what it labels.

Column headers, form labels and "Label: value" lines all get their role here. The words
come first (`columns` lexicon); then the content of the column or field is tested: a
column of dates is a timeline, a column of people is support, a column of dated notes is
a review log, a column of R/A/G is a progress status. Where the two disagree, the content
wins and the cell says why; a role found only from the content says so too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from marker.parse.columns import column_roles, normalise_header, role_of
from marker.parse.model import RoleFrom
from marker.resources import lexicon


class TableKind(StrEnum):
    """What a table is for, from its headers' words: it settles what "Date" means."""

    PLAN = "plan"
    REVIEW = "review"
    OTHER = "other"


class Content(StrEnum):
    DATES = "dates"
    DATED_NOTES = "dated notes"
    STATUS = "progress statuses (RAG)"
    PEOPLE = "people or teams"


@dataclass(frozen=True)
class Resolution:
    role: str | None
    role_from: RoleFrom | None = None
    note: str | None = None


_PLAN_ROLES = {"objective", "activity", "learning_need", "success_measure", "resources"}
_REVIEW_ROLES = {"progress", "adjustment", "reviewer", "review_date"}
_REVIEW_ONLY = _REVIEW_ROLES - {"progress"}

# Roles each kind of content is consistent with, and the role it gives otherwise.
_FITS = {
    Content.DATES: {"deadline", "review_date", "date"},
    Content.DATED_NOTES: {"progress", "adjustment", "evidence", "reviewer"},
    Content.STATUS: {"progress", "current_rating", "target_rating"},
    Content.PEOPLE: {"resources", "reviewer"},
}
_DEFAULT = {
    (Content.DATES, TableKind.REVIEW): "review_date",
    (Content.PEOPLE, TableKind.REVIEW): "reviewer",
    (Content.DATED_NOTES, None): "progress",
    (Content.STATUS, None): "progress",
    (Content.PEOPLE, None): "resources",
    (Content.DATES, None): "deadline",
}
SHARE = 0.75  # of a column's filled cells that must show the content

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}(?:[/.-]\d{{2,4}})?|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?(?:\s+\d{{2,4}})?|"
    rf"{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|"
    rf"{_MONTH}\.?(?:\s+\d{{4}})?|q[1-4](?:\s+\d{{4}})?|\d{{4}})"
)
_DATE_CUE = r"(?:by|before|due|on|from|until|w/?c|week commencing|end of|mid|start of|early|late)"
_ONLY_DATE = re.compile(
    rf"^(?:{_DATE_CUE}\s+)?(?:the\s+)?{_DATE}(?:\s*(?:-|–|to|and|&)\s*{_DATE})?"
    rf"(?:\s*\([^)]*\))?\W*$",
    re.I,
)
_OPENS_WITH_DATE = re.compile(rf"^\s*(?:{_DATE_CUE}\s+)?{_DATE}\b[\s:,.\-–)]*(?P<rest>.*)", re.I)


def _words(section: str, key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in lexicon("reading")[section][key])


@cache
def _status_words() -> frozenset[str]:
    return frozenset(normalise_header(w) for w in _words("content", "status"))


@cache
def _people_pattern() -> re.Pattern[str]:
    words = sorted(_words("content", "people"), key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(map(re.escape, words)) + r")(?![\w'])", re.I)


def is_date(text: str, real_date: bool = False) -> bool:
    """A cell that holds a date and nothing much else ("31/03/2026", "by end of March")."""
    return real_date or bool(_ONLY_DATE.match(text.strip()))


def opens_with_date(text: str) -> bool:
    return bool(_OPENS_WITH_DATE.match(text))


def is_dated_note(text: str) -> bool:
    """ "05/06 – AHT down to 8:25, sessions booked": a note that opens with its date."""
    match = _OPENS_WITH_DATE.match(text)
    return bool(match) and len(match["rest"].split()) >= 3


def is_status(text: str) -> bool:
    key = normalise_header(text)
    return bool(key) and (key in _status_words() or " ".join(key.split()[:2]) in _status_words())


def is_people(text: str) -> bool:
    """A short cell naming people or teams ("TL and QA team", "Marcus (buddy)")."""
    words = text.split()
    if not words or len(words) > 8 or any(c.isdigit() for c in text):
        return False
    return bool(_people_pattern().search(text))


def content_of(texts: Sequence[str], dates: Sequence[bool] = ()) -> Content | None:
    """What a column's (or a field's) filled cells hold, when most of them agree."""
    filled = [
        (t, bool(dates[i]) if i < len(dates) else False) for i, t in enumerate(texts) if t.strip()
    ]
    if not filled:
        return None
    need = 1 if len(filled) == 1 else max(2, round(SHARE * len(filled) + 0.49))
    distinct = Counter(filled)  # a long column repeats its cells: each is tested once
    tests = (
        (Content.DATES, lambda t, d: is_date(t, d)),
        (Content.STATUS, lambda t, d: is_status(t)),
        (Content.DATED_NOTES, lambda t, d: is_dated_note(t)),
        (Content.PEOPLE, lambda t, d: is_people(t)),
    )
    for content, test in tests:
        if len(filled) == 1 and content is Content.PEOPLE:
            continue  # one short answer naming a person says too little
        if sum(n for (t, d), n in distinct.items() if test(t, d)) >= need:
            return content
    return None


def table_kind(headers: Sequence[str | None]) -> TableKind:
    """A plan names objectives, activities or support; a review log names reviews only."""
    roles = {role_of(h) for h in headers if h}
    if roles & _PLAN_ROLES:
        return TableKind.PLAN
    if roles & _REVIEW_ROLES:
        return TableKind.REVIEW
    return TableKind.OTHER


def resolve(
    label: str | None,
    texts: Sequence[str] = (),
    dates: Sequence[bool] = (),
    kind: TableKind = TableKind.OTHER,
) -> Resolution:
    """The role of a column or field from its label's words and its cells' content."""
    words = role_of(label)
    if words == "date":  # a plain "Date": a plan's is a deadline, a review log's the review's
        words = {TableKind.PLAN: "deadline", TableKind.REVIEW: "review_date"}.get(kind, "date")
    if words == "reviewer" and kind is TableKind.PLAN:
        words = "resources"  # who helps with a plan step supports it; nobody reviews it yet
    content = content_of(texts, dates)
    if content is None or (words is not None and words in _FITS[content]):
        return Resolution(words, RoleFrom.WORDS if words else None)
    if content is Content.DATES and kind is TableKind.REVIEW and words in _REVIEW_ONLY:
        return Resolution(words, RoleFrom.WORDS)
    role = _DEFAULT.get((content, kind)) or _DEFAULT[(content, None)]
    if content is Content.DATES and words in _REVIEW_ROLES:
        role = "review_date"  # "Review: 12/03" dates a review
    if words is None:
        return Resolution(role, RoleFrom.CONTENT, f"holds {content.value}")
    said = column_roles().labels[words]
    return Resolution(
        role,
        RoleFrom.CORRECTED,
        f"'{label}' reads as {said}, but it holds {content.value}",
    )
