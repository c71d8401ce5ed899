"""Labelled spans on a Doc with a normalised value and flags each, and its sentences.

Components add spans through `add_span`; they are kept in a plain list in
`doc.user_data` (a SpanGroup costs more to make than the rest of a short doc's
analysis, and builds new Span objects on every read). Values live there too, keyed by
(label, start, end): spaCy's span extensions are keyed by offsets alone, so a KPI and a
WORK term on the same words would share one value.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

import numpy as np
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.tokens import Doc, Span

_VALUES = "marker_values"
_LIST = "marker_spans"
_BY_LABEL = "marker_spans_by_label"
_SENTENCES = "marker_sentences"
_TEXT = "marker_text"


def _key(span: Span) -> tuple[str, int, int]:
    return (span.label_, span.start_char, span.end_char)


def value_of(span: Span) -> Any:
    return span.doc.user_data.get(_VALUES, {}).get(_key(span), (None, ()))[0]


def flags_of(span: Span) -> tuple[str, ...]:
    return span.doc.user_data.get(_VALUES, {}).get(_key(span), (None, ()))[1]


def keep(span: Span, value: Any = None, flags: tuple[str, ...] = ()) -> None:
    """Record a span made by a component, with its value."""
    flags = tuple(flags)
    user_data = span.doc.user_data
    user_data.setdefault(_VALUES, {})[_key(span)] = (value, flags)
    user_data.setdefault(_LIST, []).append((span, value, flags))
    user_data.setdefault(_BY_LABEL, {}).setdefault(span.label_, []).append(span)


def kept(doc: Doc) -> list[tuple[Span, Any, tuple[str, ...]]]:
    """Every span with its value and flags, in the order added."""
    return doc.user_data.get(_LIST, [])


def add_span(
    doc: Doc, start: int, end: int, label: str, value: Any = None, flags: tuple[str, ...] = ()
) -> Span | None:
    """Add a span by character offsets, widened to whole tokens; None if it cannot align."""
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    # the doc's text, not `span.text`, which builds a Token for every word in the span
    if span is None or not text_of(doc)[span.start_char : span.end_char].strip():
        return None
    keep(span, value, flags)
    return span


def spans_of(doc: Doc, *labels: str) -> list[Span]:
    """The spans with these labels (all spans when none are named), in the order added."""
    if len(labels) == 1:  # the components ask for one label at a time, many times over
        return doc.user_data.get(_BY_LABEL, {}).get(labels[0], [])
    return [s for s, _, _ in kept(doc) if not labels or s.label_ in labels]


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
