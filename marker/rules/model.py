"""The rule pack format: what a YAML pack may say, validated on load.

A pack lists marking points; each marking point lists checks; a check names one kind
from a small, closed set (a discriminated union on `kind`), so a typo in a rule file is
an error with a path, not a silent no-op. Findings (the scheme's common mistakes) are
checks too, reported item by item instead of scored.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from marker.rules.marking import Verdict

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
    such heading is searched whole. `cells_holding` keeps only role cells whose own words
    hold one of those labels (a "By when?" cell saying "ongoing" is no timeline), and
    `cells_without` drops those holding one of its labels (a hobby in an 'Activity'
    column). `near` keeps items (anywhere) whose text or table
    row also holds one of the labels: data beside a self-assessment statement.
    """

    labels: list[str] = Field(default_factory=list)
    values: list[str] = Field(default_factory=list, description="term ids to keep")
    without_flags: list[str] = Field(default_factory=list)
    with_flags: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    cells_holding: list[str] = Field(
        default_factory=list,
        description="role cells count only when their own words hold one of these labels",
    )
    cells_without: list[str] = Field(
        default_factory=list,
        description="role cells do not count when their own words hold one of these labels",
    )
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


class CheckCondition(Strict):
    """A check of this marking point passed (or failed), or found at least N items."""

    check: str
    passed: bool = True
    found_at_least: int | None = Field(default=None, ge=1, description="instead of `passed`")
    says: str | None = Field(default=None, description="the condition in the scheme's words")
    feedback: str | None = Field(default=None, description="for the learner, when it fails")


class ObjectiveCount(Strict):
    """How many work objectives pass (or fail) every one of `tests`."""

    passing: list[Literal[OBJECTIVE_TESTS]] = Field(default_factory=list)
    failing: list[Literal[OBJECTIVE_TESTS]] = Field(
        default_factory=list, description="count objectives failing any of these"
    )
    at_least: int | None = Field(default=None, ge=0)
    at_most: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _one_way(self) -> ObjectiveCount:
        if bool(self.passing) == bool(self.failing):
            raise ValueError("name `passing` or `failing` tests, not both")
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError("give `at_least` or `at_most`")
        return self


class ObjectivesCondition(Strict):
    objectives: ObjectiveCount
    says: str | None = None
    feedback: str | None = None


class FindingCondition(Strict):
    """None of these findings (the scheme's common mistakes) was made."""

    no_finding: list[str] = Field(min_length=1)
    says: str | None = None
    feedback: str | None = None


class AllCondition(Strict):
    all: list[Condition] = Field(min_length=1)
    says: str | None = None


class AnyCondition(Strict):
    """At least `at_least` of the conditions hold (one, unless said)."""

    any: list[Condition] = Field(min_length=1)
    at_least: int = Field(default=1, ge=1)
    says: str | None = None


def _condition_kind(data: object) -> str | None:
    if isinstance(data, dict):
        keys = ("all", "any", "check", "objectives", "no_finding")
        return next((key for key in keys if key in data), None)
    kinds = {
        AllCondition: "all",
        AnyCondition: "any",
        CheckCondition: "check",
        ObjectivesCondition: "objectives",
        FindingCondition: "no_finding",
    }
    return kinds.get(type(data))


Condition = Annotated[
    Annotated[AllCondition, Tag("all")]
    | Annotated[AnyCondition, Tag("any")]
    | Annotated[CheckCondition, Tag("check")]
    | Annotated[ObjectivesCondition, Tag("objectives")]
    | Annotated[FindingCondition, Tag("no_finding")],
    Discriminator(
        _condition_kind,
        custom_error_type="condition",
        custom_error_message="a condition needs one of: all, any, check, objectives, no_finding",
    ),
]
AllCondition.model_rebuild()
AnyCondition.model_rebuild()


class VerdictExample(Example):
    """A tiny portfolio and the verdict the marking point must give it."""

    expect: Verdict  # type: ignore[assignment]


class VerdictRule(Strict):
    """The verdict in the scheme's terms: `met` when its condition holds, else
    `partially_met` when that one holds, else `not_met`. The weighted score of the checks
    is reported beside it, as information."""

    met: Condition
    partially_met: Condition
    examples: list[VerdictExample]

    @model_validator(mode="after")
    def _examples_every_way(self) -> VerdictRule:
        missing = {"met", "partially_met", "not_met"} - {e.expect for e in self.examples}
        if missing:
            raise ValueError(f"examples needed for: {', '.join(sorted(missing))}")
        return self

    def conditions(self) -> list[Condition]:
        """Every condition, nested ones included."""
        found: list[Condition] = []
        todo: list[Condition] = [self.met, self.partially_met]
        while todo:
            condition = todo.pop()
            found.append(condition)
            todo += getattr(condition, "all", None) or getattr(condition, "any", None) or []
        return found


class MarkingPoint(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str
    examiner: str = Field(description="the examiner's marking point, verbatim")
    verdict: VerdictRule
    checks: list[Check] = Field(min_length=1)

    @model_validator(mode="after")
    def _conditions_name_its_checks(self) -> MarkingPoint:
        ids = {c.id for c in self.checks}
        named = [c.check for c in self.verdict.conditions() if isinstance(c, CheckCondition)]
        missing = [name for name in named if name not in ids]
        if missing:
            raise ValueError(f"the verdict names unknown checks: {', '.join(missing)}")
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

    @model_validator(mode="after")
    def _conditions_name_its_findings(self) -> Pack:
        ids = {f.id for f in self.findings}
        for point in self.marking_points:
            for condition in point.verdict.conditions():
                unknown = set(getattr(condition, "no_finding", [])) - ids
                if unknown:
                    raise ValueError(
                        f"marking point {point.id}: the verdict names unknown findings: "
                        + ", ".join(sorted(unknown))
                    )
        return self

    def checks(self) -> list[tuple[str, Check]]:
        """Every check with where it sits: a marking point id or `finding:<id>`."""
        found: list[tuple[str, Check]] = [
            (mp.id, c) for mp in self.marking_points for c in mp.checks
        ]
        return found + [(f"finding:{f.id}", f.check) for f in self.findings]
