"""The rule pack format: what a YAML pack may say, validated on load.

A pack lists marking points; each marking point lists checks; a check names one kind
from a small, closed set (a discriminated union on `kind`), so a typo in a rule file is
an error with a path, not a silent no-op. Findings (the scheme's common mistakes) are
checks too, reported item by item instead of scored.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SMART_CRITERIA = ("specific", "measurable", "achievable", "relevant", "time_bound")
OBJECTIVE_TESTS = (*SMART_CRITERIA, "kpi_linked", "smart")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Selector(Strict):
    """Which pieces of evidence a check looks at.

    `labels` are span labels from the NLP stage; OBJECTIVE and REVIEW select the
    assembled objectives and review entries. `roles` select non-empty table cells in
    columns with those roles. `sections` keep only text under headings (or on sheets)
    containing one of these words; with `anywhere_if_no_sections`, a portfolio with no
    such heading is searched whole. `near` keeps items (anywhere) whose text or table
    row also holds one of the labels: data beside a self-assessment statement.
    """

    labels: list[str] = Field(default_factory=list)
    values: list[str] = Field(default_factory=list, description="term ids to keep")
    without_flags: list[str] = Field(default_factory=list)
    with_flags: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    sections: list[str] = Field(default_factory=list)
    anywhere_if_no_sections: bool = False
    near: list[str] = Field(
        default_factory=list,
        description="also keep items outside `sections` whose text or row holds these labels",
    )
    where: list[str] = Field(
        default_factory=list,
        description="OBJECTIVE/REVIEW fields that must be set (e.g. adjustment, deadline)",
    )
    career: bool | None = Field(
        default=None, description="objectives: only career goals (true) or only work ones"
    )

    @model_validator(mode="after")
    def _selects_something(self) -> Selector:
        if not self.labels and not self.roles:
            raise ValueError("a selector needs `labels` or `roles`")
        return self


class Feedback(Strict):
    passed: str = Field(alias="pass")
    failed: str = Field(alias="fail")


class Example(Strict):
    """A tiny portfolio the check must pass or fail: paragraphs, then an optional table."""

    expect: Literal["pass", "fail"]
    paragraphs: list[str] = Field(default_factory=list)
    headings: dict[int, str] = Field(
        default_factory=dict, description="paragraph index -> heading placed before it"
    )
    table: list[list[str]] = Field(default_factory=list, description="header row, then rows")
    reference_date: str = "2025-06-30"


class CheckBase(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str
    why: str
    weight: float = Field(default=1.0, gt=0)
    message: str = Field(description="for the assessor, when the check fails")
    feedback: Feedback
    examples: list[Example] = Field(min_length=2)

    @model_validator(mode="after")
    def _examples_both_ways(self) -> CheckBase:
        outcomes = {e.expect for e in self.examples}
        if outcomes != {"pass", "fail"}:
            raise ValueError("examples need at least one `pass` and one `fail`")
        return self


class CountCheck(CheckBase):
    """Evidence present at least `min` times (partial credit below)."""

    kind: Literal["count"]
    select: Selector
    min: int = Field(default=1, ge=1)


class EveryObjectiveCheck(CheckBase):
    """Every work objective passes the named tests; score is the share that do."""

    kind: Literal["every_objective"]
    require: list[Literal[OBJECTIVE_TESTS]] = Field(min_length=1)
    min_share: float = Field(default=1.0, gt=0, le=1)
    min_objectives: int = Field(default=1, ge=1)


class ReviewSpacingCheck(CheckBase):
    """Dated review entries, at least `min_entries`, no gap over `max_gap_days`, spread
    over at least `min_span_days`."""

    kind: Literal["review_spacing"]
    min_entries: int = Field(default=2, ge=1)
    max_gap_days: int = Field(default=62, ge=1)
    min_span_days: int = Field(default=0, ge=0)


class TableRolesCheck(CheckBase):
    """A table or sheet with columns for the named roles (each group: any one of)."""

    kind: Literal["table_roles"]
    roles: list[list[str]] = Field(min_length=1)
    min_rows: int = Field(default=1, ge=1)


class CoOccurrenceCheck(CheckBase):
    """Each selected piece of text also holds one of `with_labels` (same text or row)."""

    kind: Literal["co_occurrence"]
    select: Selector
    with_labels: list[str] = Field(min_length=1)
    min_share: float = Field(default=1.0, gt=0, le=1)


class AbsenceCheck(CheckBase):
    """Nothing selected may be present; every hit is reported."""

    kind: Literal["absence"]
    select: Selector
    unless_with: list[str] = Field(
        default_factory=list, description="a hit in text also holding one of these is fine"
    )


Check = Annotated[
    CountCheck
    | EveryObjectiveCheck
    | ReviewSpacingCheck
    | TableRolesCheck
    | CoOccurrenceCheck
    | AbsenceCheck,
    Field(discriminator="kind"),
]


class VerdictRule(Strict):
    """How the verdict follows from the weighted score of the checks."""

    met_at: float = Field(ge=0, le=1)
    partially_met_at: float = Field(ge=0, le=1)
    required_for_met: list[str] = Field(default_factory=list)
    required_for_partial: list[str] = Field(
        default_factory=list, description="checks that must score above zero for any credit"
    )


class MarkingPoint(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str
    examiner: str = Field(description="the examiner's marking point, verbatim")
    verdict: VerdictRule
    checks: list[Check] = Field(min_length=1)

    @model_validator(mode="after")
    def _required_checks_exist(self) -> MarkingPoint:
        ids = {c.id for c in self.checks}
        named = self.verdict.required_for_met + self.verdict.required_for_partial
        missing = [r for r in named if r not in ids]
        if missing:
            raise ValueError(f"the verdict rule names unknown checks: {', '.join(missing)}")
        return self


class Finding(Strict):
    """A common mistake the scheme warns about, found by one check."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    mistake: str = Field(description="the scheme's wording of the mistake")
    check: Check


class AchievableRule(Strict):
    """An objective asking for more change per month than this is flagged."""

    max_relative_change_per_month: float = Field(gt=0)
    min_months: float = Field(default=0.25, gt=0)


class SmartRules(Strict):
    achievable: AchievableRule
    feedback: dict[Literal[(*SMART_CRITERIA, "kpi_linked")], str]


class Pack(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str
    version: str
    unit: str
    source: str
    smart: SmartRules
    marking_points: list[MarkingPoint] = Field(min_length=1)
    findings: list[Finding] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ids_unique(self) -> Pack:
        ids = [c.id for mp in self.marking_points for c in mp.checks]
        ids += [f.check.id for f in self.findings]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"check ids must be unique: {', '.join(duplicates)}")
        return self

    def checks(self) -> list[tuple[str, Check]]:
        """Every check with where it sits: a marking point id or `finding:<id>`."""
        found: list[tuple[str, Check]] = [
            (mp.id, c) for mp in self.marking_points for c in mp.checks
        ]
        return found + [(f"finding:{f.id}", f.check) for f in self.findings]
