"""The marking: what the rules stage decides, the stable machine contract of `marker check`."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Verdict = Literal["met", "partially_met", "not_met"]


class Citation(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    locator: str
    section: str | None = Field(
        default=None, description="the heading (or sheet) it sits under, for finding it in Word"
    )


class CheckOutcome(BaseModel):
    id: str
    title: str
    passed: bool
    score: float
    message: str | None = Field(default=None, description="for the assessor, when failed")
    evidence: list[Citation] = Field(default_factory=list)


class MarkingPointResult(BaseModel):
    id: str
    title: str
    verdict: Verdict
    confidence: Literal["clear", "borderline"] = "clear"
    borderline: list[str] = Field(
        default_factory=list, description="why the assessor should judge this one first"
    )
    score: float = Field(description="weighted mean of the checks' scores: information only")
    evidence: list[Citation]
    feedback: list[str]
    checks: list[CheckOutcome]


class Reason(BaseModel):
    reason: str
    text: str | None = Field(default=None, description="the words that satisfy the criterion")


class ObjectiveResult(BaseModel):
    number: int = Field(description="how the learner's objective is named everywhere: 1, 2, ...")
    text: str
    locator: str
    section: str | None = None
    kpis: list[str]
    baseline: dict[str, Any] | None = None
    target: dict[str, Any] | None = None
    deadline: str | None = None
    career_goal: bool = False
    learning: bool = False  # a learning objective (a course, shadowing...): no KPI needed
    smart: dict[str, bool | None]
    reasons: dict[str, Reason]


class FindingResult(BaseModel):
    id: str
    message: str
    locator: str


class PackRef(BaseModel):
    id: str
    version: str
    sha256: str


class Marking(BaseModel):
    file: str  # the file's name
    path: str = Field(description="its identity: relative to the folder given, POSIX form")
    file_sha256: str
    pack: PackRef
    outcome: Literal["met", "not_yet_met"]
    marking_points: list[MarkingPointResult]
    objectives: list[ObjectiveResult]
    findings: list[FindingResult]
    do_first: list[str] = Field(
        default_factory=list, description="at most three actions, each moving a verdict up"
    )
    warnings: list[str]
