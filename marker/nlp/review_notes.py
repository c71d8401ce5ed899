"""Review notes written under a dated title: "1:1 – 26 June 2025", "Update – 20/06/2025"
(a heading), "1:1 with Claire – 14/02/2025" (read as a labelled line) or a pasted email's
"From: … Sent: 3rd June 2025 …" header, with what was discussed in the paragraphs below.

The title alone is a dated entry that says nothing; the paragraphs under it are the
review's content (progress, changes, reasons), so the two are read as one entry.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import cache

from marker.nlp.evidence import Analysed, Review
from marker.parse.model import Block, BlockKind, Portfolio
from marker.resources import lexicon

_TITLE_WORDS = 20  # a title line is short; a longer dated passage is an entry of its own
_BODY_BLOCKS = 6  # notes under one title: a few paragraphs, never the rest of the document
_OPENING = 15  # a date this near a paragraph's start opens an entry of its own
_BODY_KINDS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.FIELD)


@cache
def _review_title_words() -> re.Pattern[str]:
    terms = lexicon("review_words")["terms"]
    words = [*terms["review"], *terms["one_to_one"], *terms["meeting"]]
    words += ["update", "notes", "diary", "log"]
    alternation = "|".join(re.escape(str(w).lower()) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")


def _names_review(text: str) -> bool:
    return bool(_review_title_words().search(text.lower()))


def _day(analysed: Analysed) -> str | None:
    """The first date in a text when it is a single day (its ISO value has no interval)."""
    dates = analysed.labelled("DATE")
    value = dates[0].value if dates else None
    return value if isinstance(value, str) and len(value) == len("2025-06-26") else None


def _title_review(block: Block, texts: list[Analysed], reviews: list[Review]) -> Review | None:
    """The review a block titles, or None when it is not a dated review title."""
    if block.kind is BlockKind.HEADING:
        day = _day(texts[0]) if texts else None
        if day and _names_review(block.text):
            return Review(text=block.text, locator=texts[0].locator, block=block.index, date=day)
        return None
    if len(block.text.split()) > _TITLE_WORDS:
        return None
    if block.kind is BlockKind.FIELD and len(block.cells) == 1 and block.locator.table is None:
        # "1:1 with Claire – 14/02/2025": a meeting's name and its date
        cell = block.cells[0]
        day = _day(texts[0]) if texts else None
        if day and _names_review(cell.header or "") and _only_a_date(texts[0]):
            return Review(text=block.text, locator=texts[0].locator, block=block.index, date=day)
    said = [r for r in reviews if r.progress or r.adjustment]
    return reviews[0] if len(reviews) == 1 and not said else None


def _only_a_date(analysed: Analysed) -> bool:
    dates = analysed.labelled("DATE")
    rest = analysed.text[: dates[0].start] + analysed.text[dates[0].end :]
    return not any(c.isalnum() for c in rest)


def _opens_entry(texts: list[Analysed]) -> bool:
    """ "29 July 2025: Save rate 39%…": a paragraph that is a dated entry of its own."""
    return any(
        s.start == 0 and any(d.start <= _OPENING for d in t.labelled("DATE"))
        for t in texts
        for s in t.labelled("REVIEW")
    )


def with_notes(portfolio: Portfolio, texts: list[Analysed], reviews: list[Review]) -> list[Review]:
    """The reviews, each dated title joined with the notes under it (their own dated
    mentions inside those notes are part of that review, not reviews of their own)."""
    texts_of: dict[int, list[Analysed]] = {}
    for analysed in texts:
        texts_of.setdefault(analysed.block, []).append(analysed)
    reviews_of: dict[int, list[Review]] = {}
    for review in reviews:
        reviews_of.setdefault(review.block, []).append(review)
    titled: dict[int, Review] = {}
    absorbed: set[int] = set()
    blocks = portfolio.blocks
    for block in blocks:
        if block.index in absorbed:
            continue
        own = reviews_of.get(block.index, [])
        title = _title_review(block, texts_of.get(block.index, []), own)
        if title is None:
            continue
        body = list(_body(blocks, block, texts_of, reviews_of))
        if not body:
            continue
        absorbed.update(body)
        titled[block.index] = _joined(title, [t for i in body for t in texts_of.get(i, [])])
    kept = [r for r in reviews if r.block not in absorbed and r.block not in titled]
    found = sorted([*kept, *titled.values()], key=lambda r: r.block)
    return [r for r in found if not _planned(r, portfolio.reference_date)]


def _planned(review: Review, saved: dt.date | None) -> bool:
    """ "The account manager will look at the scorecard at the end of the year": dated
    after the portfolio was saved and reporting nothing, it plans a review."""
    if saved is None or review.date is None or review.progress or review.adjustment:
        return False
    return dt.date.fromisoformat(review.date) > saved


def _body(
    blocks: list[Block],
    title: Block,
    texts_of: dict[int, list[Analysed]],
    reviews_of: dict[int, list[Review]],
) -> Iterable[int]:
    under_heading = title.kind is BlockKind.HEADING
    section = [*title.heading_path, title.text] if under_heading else title.heading_path
    for block in blocks[title.index + 1 : title.index + 1 + _BODY_BLOCKS]:
        texts = texts_of.get(block.index, [])
        if block.kind not in _BODY_KINDS or block.heading_path != section:
            return
        if _title_review(block, texts, reviews_of.get(block.index, [])) or _opens_entry(texts):
            return
        labels = [c.header or "" for c in block.cells]
        if block.kind is BlockKind.FIELD and any(_names_review(label) for label in labels):
            return  # "Update 18/11: …", "Review: …" is an entry of its own
        yield block.index


def _joined(title: Review, notes: list[Analysed]) -> Review:
    spans = [(t, s) for t in notes for s in t.spans]
    changes = [(t, s) for t, s in spans if s.label == "ADJUSTMENT"]
    reason = None
    if changes:
        first_text, first = changes[0]
        reasons = [s for s in first_text.labelled("REASON") if s.start >= first.start]
        reason = first_text.text[reasons[0].start :].strip() if reasons else None
    progress = any(
        s.label in ("QUANTITY", "KPI") or (s.label == "REVIEW_WORD" and s.value == "progress")
        for _, s in spans
    )
    roles = {str(s.value) for _, s in spans if s.label == "ROLE"}
    return Review(
        text=" ".join([title.text, *(t.text for t in notes)]),
        locator=title.locator,
        block=title.block,
        date=title.date,
        participants=sorted(set(title.participants) | roles),
        progress=title.progress or progress,
        adjustment=[*title.adjustment, *({"kind": s.value, "text": s.text} for _, s in changes)],
        reason=title.reason or reason,
    )
