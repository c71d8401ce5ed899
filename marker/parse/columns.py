"""The roles that labels name (column headers, form labels, "Label: value" lines), from
the words of the `columns` lexicon. `marker.parse.roles` checks them against content."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from marker.resources import lexicon

_NON_WORD = re.compile(r"[^a-z0-9' ]+")
_SPACES = re.compile(r"\s+")
MAX_LABEL_WORDS = 12  # longer text is an answer, whatever words it contains


def normalise_header(text: str) -> str:
    """Lower case, one space between words, no punctuation but apostrophes."""
    text = text.lower().replace("’", "'").replace("&", " and ").replace("/", " ")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()


@dataclass(frozen=True)
class ColumnRoles:
    """Role lookup built from the lexicon: exact wordings first, then contained phrases."""

    exact: dict[str, str]
    phrases: tuple[tuple[re.Pattern[str], str], ...]  # longest phrase first
    labels: dict[str, str]

    def role_of(self, header: str | None) -> str | None:
        if not header:
            return None
        key = normalise_header(header)
        if not key:
            return None
        if key in self.exact:
            return self.exact[key]
        if len(key.split()) > MAX_LABEL_WORDS:
            return None
        for pattern, role in self.phrases:
            if pattern.search(key):
                return role
        return None


@cache
def column_roles() -> ColumnRoles:
    roles = lexicon("columns")["roles"]
    exact: dict[str, str] = {}
    phrases: list[tuple[str, str]] = []
    for role, entry in roles.items():
        for wording in entry.get("exact", []):  # whole labels only: "By", "How?"
            exact.setdefault(normalise_header(str(wording)), role)
        for synonym in entry["synonyms"]:
            key = normalise_header(str(synonym))
            exact.setdefault(key, role)
            phrases.append((key, role))
    phrases.sort(key=lambda item: len(item[0]), reverse=True)
    compiled = tuple((re.compile(rf"(?<![\w']){re.escape(p)}(?![\w'])"), r) for p, r in phrases)
    labels = {role: entry["label"] for role, entry in roles.items()}
    return ColumnRoles(exact=exact, phrases=compiled, labels=labels)


@lru_cache(maxsize=4096)  # a sheet of 5,000 rows asks about its six headers 30,000 times
def role_of(header: str | None) -> str | None:
    """The role a column header names, or None when it names none we know."""
    return column_roles().role_of(header)
