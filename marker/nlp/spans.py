"""Labelled spans on a Doc with a normalised value and flags each, and its sentences.

Components add spans through `add_span` (by characters) or `keep` (by tokens). A span is
a `Mark`, not a spaCy Span: building a Span makes three Token objects, and the
components keep hundreds of spans per portfolio. Marks are kept in plain lists in
`doc.user_data` (a SpanGroup costs more to make than the rest of a short doc's
analysis), in the order added and by label; each carries its own value, so two labels
on the same words keep theirs apart. Terms that are only counted are noted as positions.
"""

from __future__ import annotations

from bisect import bisect_right
from operator import add
from typing import Any, NamedTuple

import numpy as np
from spacy.attrs import IDX, IS_PUNCT, LEMMA, LENGTH, LOWER, ORTH, SENT_START, SPACY
from spacy.tokens import Doc

_LIST = "marker_spans"
_NOTED = "marker_noted"
_BY_LABEL = "marker_spans_by_label"
_TOKENS = "marker_tokens"
_LEMMAS = "marker_lemmas"
_SENTENCES = "marker_sentences"
_TEXT = "marker_text"


class Mark:
    """Tokens `start`..`end` of a doc (characters `start_char`..`end_char`) with a label,
    a value and flags: the attributes of a spaCy Span that the components read."""

    __slots__ = ("doc", "end", "end_char", "flags", "label_", "start", "start_char", "value")

    def __init__(
        self,
        doc: Doc,
        label: str,
        tokens: tuple[int, int],
        chars: tuple[int, int],
        value: Any = None,
        flags: tuple[str, ...] = (),
    ) -> None:
        self.doc, self.label_, self.value, self.flags = doc, label, value, flags
        self.start, self.end = tokens
        self.start_char, self.end_char = chars

    @property
    def text(self) -> str:
        return text_of(self.doc)[self.start_char : self.end_char]

    def __repr__(self) -> str:
        return f"Mark({self.label_}, {self.text!r}, {self.value!r}, {self.flags!r})"


class Tokens(NamedTuple):
    """What the components read of each token, as plain lists (one per attribute)."""

    orths: list[int]
    lowers: list[int]
    puncts: list[int]  # 1 for punctuation
    starts: list[int]  # first character
    ends: list[int]  # end, without trailing space
    ends_with_space: list[int]


def tokens_of(doc: Doc) -> Tokens:
    """The doc's token attributes, read in one array call the first time they are asked
    for (each `to_array` costs about as much as the work done with its result)."""
    cached = doc.user_data.get(_TOKENS)
    if cached is None:
        orths, lowers, puncts, starts, lengths, spaces = doc.to_array(
            [ORTH, LOWER, IS_PUNCT, IDX, LENGTH, SPACY]
        ).T.tolist()
        ends = list(map(add, starts, lengths))
        cached = Tokens(orths, lowers, puncts, starts, ends, list(map(add, ends, spaces)))
        doc.user_data[_TOKENS] = cached
    return cached


def keep_lemmas(doc: Doc, lemmas: list[int]) -> None:
    """Record the lemma ids a lemmatizer has just set, as `lemmas_of` gives them."""
    doc.user_data[_LEMMAS] = lemmas


def lemmas_of(doc: Doc) -> list[int]:
    """Each token's lemma id."""
    cached = doc.user_data.get(_LEMMAS)
    if cached is None:
        cached = doc.user_data[_LEMMAS] = doc.to_array(LEMMA).tolist()
    return cached


def _offsets(doc: Doc) -> tuple[list[int], list[int], list[int]]:
    """Each token's first character, end, and end with its trailing space."""
    tokens = tokens_of(doc)
    return tokens.starts, tokens.ends, tokens.ends_with_space


def token_chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The characters of tokens `start`..`end` (end > start), without trailing space."""
    starts, ends, _ = _offsets(doc)
    return starts[start], ends[end - 1]


def keep(
    doc: Doc, label: str, start: int, end: int, value: Any = None, flags: tuple[str, ...] = ()
) -> Mark:
    """Record tokens `start`..`end` (end > start) under a label, with a value."""
    mark = Mark(doc, label, (start, end), token_chars(doc, start, end), value, tuple(flags))
    doc.user_data.setdefault(_LIST, []).append(mark)
    doc.user_data.setdefault(_BY_LABEL, {}).setdefault(label, []).append(mark)
    return mark


def kept(doc: Doc) -> list[Mark]:
    """Every span, in the order added."""
    return doc.user_data.get(_LIST, [])


def note(doc: Doc, label: str, start: int, end: int, value: Any = None) -> None:
    """Record tokens `start`..`end` of a counted label by their characters and value only:
    such terms come by the hundred and are only ever counted (`noted`)."""
    doc.user_data.setdefault(_NOTED, {}).setdefault(label, []).append(
        (*token_chars(doc, start, end), value)
    )


def noted(doc: Doc, label: str | None = None) -> list[tuple[str, int, int, Any]]:
    """(label, start char, end char, value) of each counted term (with that label)."""
    return [
        (name, start, end, value)
        for name, found in doc.user_data.get(_NOTED, {}).items()
        if label is None or name == label
        for start, end, value in found
    ]


def token_bounds(doc: Doc, start_char: int, end_char: int) -> tuple[int, int] | None:
    """The tokens covering characters `start_char`..`end_char`, as spaCy's
    `char_span(..., alignment_mode="expand")` finds them; None where it finds none."""
    starts, ends, ends_with_space = _offsets(doc)
    if not 0 <= start_char < end_char <= len(text_of(doc)):
        return None
    first = bisect_right(starts, start_char) - 1
    last = bisect_right(starts, end_char - 1) - 1
    if first < 0 or start_char >= ends_with_space[first] or end_char - 1 >= ends_with_space[last]:
        return None
    if start_char == ends[first]:
        first += 1  # trailing whitespace is not part of the token before it
    return first, last + 1


def add_span(
    doc: Doc, start: int, end: int, label: str, value: Any = None, flags: tuple[str, ...] = ()
) -> Mark | None:
    """Add a span by character offsets, widened to whole tokens; None if it cannot align."""
    tokens = token_bounds(doc, start, end)
    if tokens is None or tokens[0] >= tokens[1]:
        return None
    start_char, end_char = token_chars(doc, *tokens)
    if not text_of(doc)[start_char:end_char].strip():
        return None
    return keep(doc, label, *tokens, value, flags)


def spans_of(doc: Doc, *labels: str) -> list[Mark]:
    """The spans with these labels (all spans when none are named), in the order added."""
    if len(labels) == 1:  # the components ask for one label at a time, many times over
        return doc.user_data.get(_BY_LABEL, {}).get(labels[0], [])
    return [s for s in kept(doc) if not labels or s.label_ in labels]


def release(doc: Doc) -> None:
    """Drop what was kept on a doc once it has been read. Its spans point back at it, and
    that cycle would leave every doc to the garbage collector, whose passes then cost
    a tenth of a worker's time."""
    doc.user_data.clear()


def text_of(doc: Doc) -> str:
    """The doc's text; `Doc.text` joins every token again on each call, so it is kept."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def keep_sentences(doc: Doc, bounds: list[tuple[int, int, int, int]]) -> None:
    """Record the sentence bounds a sentencizer has just set, as `sentences` gives them."""
    doc.user_data[_SENTENCES] = bounds


def sentences(doc: Doc) -> list[tuple[int, int, int, int]]:
    """(first token, end token, start char, end char) of each sentence, computed once."""
    cached = doc.user_data.get(_SENTENCES)
    if cached is not None:
        return cached
    result: list[tuple[int, int, int, int]] = []
    if len(doc):
        array = doc.to_array([SENT_START, IDX, LENGTH]).astype(np.int64)
        starts = np.concatenate(([0], np.flatnonzero(array[1:, 0] == 1) + 1))
        lasts = np.concatenate((starts[1:], [len(doc)])) - 1
        result = list(
            zip(
                starts.tolist(),
                (lasts + 1).tolist(),
                array[starts, 1].tolist(),
                (array[lasts, 1] + array[lasts, 2]).tolist(),
                strict=True,
            )
        )
    doc.user_data[_SENTENCES] = result
    return result


def sentence_at(doc: Doc, char: int) -> int:
    """The index of the sentence holding a character offset."""
    starts = [s[2] for s in sentences(doc)]
    return max(bisect_right(starts, char) - 1, 0)
