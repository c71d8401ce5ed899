"""Run the examples a rule pack carries: each check must pass its `pass` examples and
fail its `fail` ones, so a rule's documentation and its tests cannot drift apart."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from marker.nlp.evidence import analyse
from marker.parse.columns import role_of
from marker.parse.model import Block, BlockKind, Cell, Locator, Portfolio
from marker.rules.engine import facts_for, mark, run_check
from marker.rules.loader import LoadedPack
from marker.rules.model import Check, Example, MarkingPoint, Pack, VerdictExample


def portfolio_of(example: Example) -> Portfolio:
    """A portfolio built straight from an example: headings, paragraphs, one table."""
    blocks: list[Block] = []
    path: list[str] = []

    def add(kind: BlockKind, text: str, locator: Locator, cells=()) -> None:
        blocks.append(
            Block(
                index=len(blocks),
                kind=kind,
                text=text,
                heading_path=list(path),
                locator=locator,
                cells=list(cells),
            )
        )

    for number, text in enumerate(example.paragraphs):
        if number in example.headings:
            path = []
            add(BlockKind.HEADING, example.headings[number], Locator(paragraph=len(blocks) + 1))
            path = [example.headings[number]]
        add(BlockKind.PARAGRAPH, text, Locator(paragraph=len(blocks) + 1))
    if example.table:
        header, *rows = example.table
        add(BlockKind.TABLE_HEADER, " | ".join(header), Locator(table=1, row=1))
        for row_number, row in enumerate(rows, start=2):
            cells = [
                Cell(
                    text=text,
                    header=name,
                    role=role_of(name),
                    locator=Locator(table=1, row=row_number, column=name),
                )
                for name, text in zip(header, row, strict=True)
            ]
            add(BlockKind.TABLE_ROW, " | ".join(row), Locator(table=1, row=row_number), cells)
    text = "\n".join(b.text for b in blocks)
    return Portfolio(
        source="example",
        kind="docx",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        reference_date=dt.date.fromisoformat(example.reference_date),
        blocks=blocks,
    )


@dataclass(frozen=True)
class ExampleFailure:
    check: str
    number: int
    expected: str
    detail: str

    def __str__(self) -> str:
        return f"{self.check}: example {self.number} should {self.expected} but did not" + (
            f" ({self.detail})" if self.detail else ""
        )


def try_example(check: Check, number: int, example: Example, pack: Pack) -> ExampleFailure | None:
    """Run one example; the failure, if its outcome is not the one expected."""
    portfolio = portfolio_of(example)
    result = run_check(check, facts_for(portfolio, analyse(portfolio), pack), pack)
    if result.passed == (example.expect == "pass"):
        return None
    return ExampleFailure(check.id, number, example.expect, result.detail or "")


def try_verdict_example(
    point: MarkingPoint, number: int, example: VerdictExample, loaded: LoadedPack
) -> ExampleFailure | None:
    """Mark one verdict example; the failure, if its verdict is not the one expected."""
    portfolio = portfolio_of(example)
    marking = mark(portfolio, analyse(portfolio), loaded)
    got = next(p for p in marking.marking_points if p.id == point.id)
    if got.verdict == example.expect:
        return None
    return ExampleFailure(f"{point.id} verdict", number, f"be {example.expect}", got.verdict)


def run_examples(loaded: LoadedPack) -> tuple[int, list[ExampleFailure]]:
    """How many examples ran (every check's and every verdict's), and those whose
    outcome was not the one expected."""
    pack = loaded.pack
    tried = [
        try_example(check, number, example, pack)
        for _, check in pack.checks()
        for number, example in enumerate(check.examples, start=1)
    ]
    tried += [
        try_verdict_example(point, number, example, loaded)
        for point in pack.marking_points
        for number, example in enumerate(point.verdict.examples, start=1)
    ]
    return len(tried), [f for f in tried if f]
