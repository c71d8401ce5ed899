"""Misspelt vocabulary words ("adhearence", "first contact resolutoin"), found by edit
distance against the words of the vocabularies that ask for it (`spelling: tolerant`).

A word is read as a vocabulary word when it is one edit away from it (a letter added,
dropped, changed, or two letters swapped), is at least `MIN_LENGTH` letters long, and is
not itself a known English word (spacy-lookups-data's lemma table: "promotes" is not a
misspelt "promoter"). Candidates are found through their one-letter deletions, so the
cost does not grow with the size of the vocabulary.
"""

from __future__ import annotations

from collections.abc import Callable

MIN_LENGTH = 5


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit_apart(a: str, b: str) -> bool:
    """Levenshtein distance 1, or two neighbouring letters swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        if len(differ) == 1:
            return True
        if len(differ) != 2 or differ[1] != differ[0] + 1:
            return False
        i, j = differ
        return a[i] == b[j] and a[j] == b[i]
    shorter, longer = sorted((a, b), key=len)
    return shorter in _deletions(longer)


class Speller:
    def __init__(self, vocabulary_words: set[str], known: Callable[[str], bool]) -> None:
        self.words = {w for w in vocabulary_words if len(w) >= MIN_LENGTH and w.isalpha()}
        self.known = known
        self.by_deletion: dict[str, set[str]] = {}
        for word in self.words:
            for key in _deletions(word) | {word}:
                self.by_deletion.setdefault(key, set()).add(word)

    def correct(self, word: str) -> str | None:
        """The vocabulary word a misspelt `word` (lower case) stands for, else None."""
        if len(word) < MIN_LENGTH or not word.isalpha():
            return None
        if word in self.words or self.known(word):
            return None
        candidates: set[str] = set()
        for key in _deletions(word) | {word}:
            candidates |= self.by_deletion.get(key, set())
        close = sorted(c for c in candidates if _one_edit_apart(word, c))
        return close[0] if close else None
