"""An expectation file (docgen/FORMAT.md): what a careful assessor decides for one portfolio."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field

from docgen.strict import Strict
from marker.rules.marking import Verdict

FindingId = Literal[
    "vague-objective",
    "no-kpi-link",
    "irrelevant-activity",
    "hobby-not-professional",
    "plan-not-reviewed",
    "uncorroborated-claim",
]
MARKING_POINTS = ("self-assessment", "smart-objectives", "development-plan", "monitoring")


def _empty_list(value: Any) -> Any:
    # `findings:` with nothing after it is YAML null: no findings.
    return [] if value is None else value


Objectives = Annotated[list["Objective"], BeforeValidator(_empty_list)]
Findings = Annotated[list[FindingId], BeforeValidator(_empty_list)]
Layout = Annotated[list[str], BeforeValidator(_empty_list)]


class Mark(Strict):
    """The verdict on one marking point and the concrete reason for it."""

    shape: ClassVar[str] = "a mapping {verdict, why}"
    verdict: Verdict
    why: str = Field(min_length=1)


class MarkingPoints(Strict):
    """The four marking points, each with its mark."""

    self_assessment: Mark = Field(alias="self-assessment")
    smart_objectives: Mark = Field(alias="smart-objectives")
    development_plan: Mark = Field(alias="development-plan")
    monitoring: Mark

    def verdicts(self) -> dict[str, Verdict]:
        """Verdict per marking-point id, in scheme order."""
        marks = (self.self_assessment, self.smart_objectives, self.development_plan)
        verdicts = [mark.verdict for mark in (*marks, self.monitoring)]
        return dict(zip(MARKING_POINTS, verdicts, strict=True))


class Smart(Strict):
    """The SMART letters as the assessor judges them; null where they cannot tell."""

    specific: bool | None
    measurable: bool | None
    achievable: bool | None
    relevant: bool | None
    time_bound: bool | None


class Objective(Strict):
    """One of the learner's objectives: their words (a unique excerpt), KPI and SMART letters."""

    text: str = Field(min_length=1)
    kpi: str | None = None
    smart: Smart


class Expectation(Strict):
    """The expected marking of one portfolio."""

    file: str
    summary: str = Field(min_length=1)
    layout: Layout = Field(default_factory=list)
    reference_date: dt.date
    marking_points: MarkingPoints
    objectives: Objectives = Field(default_factory=list)
    findings: Findings = Field(default_factory=list)
