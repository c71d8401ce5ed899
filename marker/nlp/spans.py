"""Labelled spans on a Doc with a normalised value and flags each.

Values live in `doc.user_data` keyed by (label, start, end): spaCy's span extensions are
keyed by offsets alone, so a KPI and a WORK term on the same words would share a value.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

SPANS_KEY = "marker"
_VALUES = "marker_values"


def _key(span: Span) -> tuple[str, int, int]:
    return (span.label_, span.start_char, span.end_char)


def set_value(span: Span, value: Any, flags: tuple[str, ...] = ()) -> None:
    span.doc.user_data.setdefault(_VALUES, {})[_key(span)] = (value, tuple(flags))


def value_of(span: Span) -> Any:
    return span.doc.user_data.get(_VALUES, {}).get(_key(span), (None, ()))[0]


def flags_of(span: Span) -> tuple[str, ...]:
    return span.doc.user_data.get(_VALUES, {}).get(_key(span), (None, ()))[1]


def add_span(
    doc: Doc, start: int, end: int, label: str, value: Any = None, flags: tuple[str, ...] = ()
) -> Span | None:
    """Add a span by character offsets, widened to whole tokens; None if it cannot align."""
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None or not span.text.strip():
        return None
    set_value(span, value, flags)
    doc.spans[SPANS_KEY].append(span)
    return span


def spans_of(doc: Doc, *labels: str) -> list[Span]:
    """The spans with these labels (all spans when none are named), in the order added."""
    wanted = set(labels)
    return [s for s in doc.spans.get(SPANS_KEY, []) if not wanted or s.label_ in wanted]
