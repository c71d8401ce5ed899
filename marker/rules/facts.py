"""What the checks look at: a portfolio, its evidence and its assessed objectives, with
the one operation every check shares: selecting evidence items."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from marker.nlp.evidence import Analysed, Evidence, Found, Objective, Review
from marker.parse.model import Block, Portfolio
from marker.rules.marking import Citation, ObjectiveResult
from marker.rules.model import Selector

QUOTE_CHARS = 240


def quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


@dataclass(frozen=True)
class Item:
    """One piece of evidence: what to quote, where it is, and what it came from."""

    text: str
    locator: str
    block: int
    source: Analysed | Objective | Review | None = field(default=None, compare=False)
    at: int = 0  # where in the text the evidence is, so two spans in one text count twice

    def citation(self) -> Citation:
        return Citation(text=quote(self.text), locator=self.locator)


@dataclass
class Facts:
    portfolio: Portfolio
    evidence: Evidence
    objectives: list[tuple[Objective, ObjectiveResult]]

    @cached_property
    def work_objectives(self) -> list[tuple[Objective, ObjectiveResult]]:
        return [(o, r) for o, r in self.objectives if not r.career_goal]

    @staticmethod
    def _in_sections(block: Block, words: list[str]) -> bool:
        """Whether the nearest heading (or the sheet) names one of the sections: a title
        such as "Personal Development Plan" above everything does not make all of it a plan."""
        nearest = block.text if block.kind == "heading" else ""
        nearest = nearest or (block.heading_path[-1] if block.heading_path else "")
        where = f"{nearest} {block.locator.sheet or ''}".lower()
        return any(word in where for word in words)

    def _section_filter(self, selector: Selector):
        if not selector.sections:
            return lambda block_index: True
        words = [w.lower() for w in selector.sections]
        blocks = self.portfolio.blocks
        if selector.anywhere_if_no_sections and not any(
            self._in_sections(b, words) for b in blocks
        ):
            return lambda block_index: True
        return lambda block_index: self._in_sections(blocks[block_index], words)

    def select(self, selector: Selector) -> list[Item]:
        """Evidence items matching a selector, in document order, without repeats."""
        in_scope = self._section_filter(selector)
        items: list[Item] = []
        labels = set(selector.labels)
        if "OBJECTIVE" in labels:
            for objective, result in self.objectives:
                if selector.career is not None and result.career_goal != selector.career:
                    continue
                if all(getattr(objective, f, None) for f in selector.where):
                    items.append(
                        Item(objective.text, objective.locator, objective.block, objective)
                    )
        if "REVIEW" in labels:
            for review in self.evidence.reviews:
                if all(getattr(review, f, None) for f in selector.where):
                    items.append(Item(review.text, review.locator, review.block, review))
        found = sorted(  # in text order, then span order, as the texts hold them
            (place, analysed, span)
            for label in labels - {"OBJECTIVE", "REVIEW"}
            for place, analysed, span in self._spans_by_label.get(label, [])
            if self._keeps(selector, span)
        )
        items += [
            Item(analysed.text, analysed.locator, analysed.block, analysed, span.start)
            for _, analysed, span in found
        ]
        labelled: set[int] = set()  # cells whose own header or label names the role
        if selector.roles:
            for analysed in self.evidence.texts:
                if analysed.role in selector.roles and self._cell_keeps(selector, analysed):
                    items.append(Item(analysed.text, analysed.locator, analysed.block, analysed))
                    labelled.add(id(items[-1]))
        seen: set[tuple[str, str, int]] = set()
        kept = []
        for item in sorted(items, key=lambda i: (i.block, i.at)):
            key = (item.locator, item.text, item.at)
            near = bool(selector.near) and self.has_labels(item, selector.near)
            # a cell labelled "Resources" is in the plan wherever its table's title puts it
            scoped = id(item) in labelled and bool(selector.sections)
            scoped = scoped or (
                in_scope(item.block) if selector.sections or not selector.near else False
            )
            if (scoped or near) and key not in seen:
                seen.add(key)
                kept.append(item)
        return kept

    @staticmethod
    def _cell_keeps(selector: Selector, analysed: Analysed) -> bool:
        """A cell counts unless its words carry an excluded flag ("food hygiene" course)."""
        flags = {flag for span in analysed.spans for flag in span.flags}
        return analysed.text.strip() != "" and not flags & set(selector.without_flags)

    @staticmethod
    def _keeps(selector: Selector, span) -> bool:
        if selector.values and span.value not in selector.values:
            return False
        if any(flag in span.flags for flag in selector.without_flags):
            return False
        return all(flag in span.flags for flag in selector.with_flags)

    @cached_property
    def _spans_by_label(self) -> dict[str, list[tuple[tuple[int, int], Analysed, Found]]]:
        """Every span by label, with its place (text number, span number): the checks
        select by label over and over."""
        by_label: dict[str, list[tuple[tuple[int, int], Analysed, Found]]] = {}
        for text_number, analysed in enumerate(self.evidence.texts):
            for span_number, span in enumerate(analysed.spans):
                place = (text_number, span_number)
                by_label.setdefault(span.label, []).append((place, analysed, span))
        return by_label

    @cached_property
    def _texts_by_block(self) -> dict[int, list[Analysed]]:
        by_block: dict[int, list[Analysed]] = {}
        for analysed in self.evidence.texts:
            by_block.setdefault(analysed.block, []).append(analysed)
        return by_block

    def texts_of_block(self, block: int) -> list[Analysed]:
        return self._texts_by_block.get(block, [])

    def has_labels(self, item: Item, labels: list[str]) -> bool:
        """Whether the item's own text (or, for a table row, its row) holds one of labels."""
        if isinstance(item.source, Analysed) and item.source.cell is None:
            return bool(item.source.labelled(*labels))
        return any(a.labelled(*labels) for a in self.texts_of_block(item.block))
