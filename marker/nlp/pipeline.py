"""The spaCy pipeline: built once per process, run with `nlp.pipe` over many texts.

blank English + sentencizer + lookup lemmatizer (spaCy's rule and spacy-lookups-data's
table, each computed on the doc's arrays: see `marker.nlp.sentencizer` and
`marker.nlp.lemmas`), then three registered components:
`marker_terms` (every lexicon through PhraseMatchers), `marker_measures` (dates,
quantities, durations and frequencies from compiled scanners) and
`marker_statements` (objectives and review entries built from the other spans).
Spans go to a list in `doc.user_data`, each with a value and flags (see `marker.nlp.spans`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from marker.nlp import lemmas, sentencizer  # noqa: F401  (register their factories)
from marker.nlp.dates import DateValue, find_dates
from marker.nlp.measures import find_counts, find_durations, find_frequencies, find_quantities
from marker.nlp.spans import (
    Mark,
    add_span,
    sentence_at,
    sentences,
    spans_of,
    text_of,
)
from marker.nlp.statements import find_objectives, find_reviews
from marker.nlp.terms import TermMatcher


@dataclass(frozen=True)
class Context:
    """What the text around a piece of text tells the extractor."""

    reference_date: dt.date | None = None
    role: str | None = None  # the column role when the text is a table or sheet cell
    review_section: bool = False  # under a heading about reviews or progress
    objective_item: bool = False  # a list item under a heading about objectives or goals
    heading: bool = False  # a heading names a section; it states no goal


def context_of(doc: Doc) -> Context:
    return doc.user_data.get("marker_context") or Context()


@Language.factory("marker_terms")
def make_terms(nlp: Language, name: str) -> TermMatcher:
    return TermMatcher(nlp, role_of=lambda doc: context_of(doc).role)


@Language.factory("marker_measures")
def make_measures(nlp: Language, name: str) -> MeasureFinder:
    return MeasureFinder()


@Language.factory("marker_statements")
def make_statements(nlp: Language, name: str) -> StatementFinder:
    return StatementFinder()


_DATE_ROLES = {"deadline", "review_date", "date"}
_TIME_KPI_MEASURE = "time"


class MeasureFinder:
    """DATE, QUANTITY, DURATION and FREQUENCY spans from compiled scanners."""

    def __call__(self, doc: Doc) -> Doc:
        context = context_of(doc)
        text = text_of(doc)
        durations = find_durations(text)
        # "within the next year" is a length of time, not next year's dates
        periods = [(d.start, d.end) for d in durations if _QUALIFIED.match(text, d.start)]
        taken: list[tuple[int, int]] = []
        for hit in find_dates(text, context.reference_date, context.role in _DATE_ROLES):
            if any(start <= hit.start and hit.end <= end for start, end in periods):
                continue
            if add_span(doc, hit.start, hit.end, "DATE", hit.value, hit.flags):
                taken.append((hit.start, hit.end))
        kpis = spans_of(doc, "KPI")
        hits = [*durations, *find_frequencies(text), *find_quantities(text), *find_counts(text)]
        for hit in sorted(hits, key=lambda h: h.rank):  # stable: same rank, found order
            if any(hit.start < end and start < hit.end for start, end in taken):
                continue  # a date wins over a number inside it
            if hit.needs_kpi and not _kpi_nearby(doc, kpis, hit.start, hit.needs_kpi):
                continue
            if add_span(doc, hit.start, hit.end, hit.label, hit.value):
                taken.append((hit.start, hit.end))
        return doc


_QUALIFIED = re.compile(
    r"(?:within|in|over|during|across)\s+(?:the\s+)?(?:next|coming|following)\b", re.IGNORECASE
)


def _kpi_nearby(doc: Doc, kpis: list[Mark], start: int, needs: str) -> bool:
    """A clock-like or bare number is a metric only beside a KPI: in the same sentence
    or the one before ("My AHT is 7:15. I will bring it down to 6:30")."""
    bounds = sentences(doc)
    if not bounds:
        return False
    index = sentence_at(doc, start)
    first, end = bounds[max(index - 1, 0)][0], bounds[index][1]
    return any(
        kpi.start >= first
        and kpi.end <= end
        and (needs != _TIME_KPI_MEASURE or _TIME_KPI_MEASURE in kpi.flags)
        for kpi in kpis
    )


class StatementFinder:
    """OBJECTIVE and REVIEW spans, with values linking the spans inside them."""

    def __call__(self, doc: Doc) -> Doc:
        context = context_of(doc)
        reviews = find_reviews(doc, context.role, context.review_section)
        for start, end, value in reviews:
            add_span(doc, start, end, "REVIEW", value)
        entries = [(start, end) for start, end, _ in reviews]
        role = "objective" if context.objective_item else context.role
        if not context.heading:
            for start, end, value in find_objectives(doc, role, entries):
                add_span(doc, start, end, "OBJECTIVE", value)
        return doc


@cache
def get_pipeline() -> Language:
    """The process's one pipeline (built on first use; building costs about a second)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("array_sentencizer")
    nlp.add_pipe("lookup_lemmatizer")
    nlp.add_pipe("marker_terms")
    nlp.add_pipe("marker_measures")
    nlp.add_pipe("marker_statements")
    nlp.initialize()
    return nlp


def make_doc(nlp: Language, text: str, context: Context) -> Doc:
    doc = nlp.make_doc(text)
    doc.user_data["marker_context"] = context
    doc.user_data["marker_text"] = text  # see spans.text_of
    return doc


def process(texts: Iterable[tuple[str, Context]], batch_size: int = 256) -> Iterator[Doc]:
    """Run the pipeline over (text, context) pairs, in order."""
    nlp = get_pipeline()
    docs = (make_doc(nlp, text, context) for text, context in texts)
    yield from nlp.pipe(docs, batch_size=batch_size)


def date_value(span: Mark) -> DateValue | None:
    value = span.value
    return value if isinstance(value, DateValue) else None
