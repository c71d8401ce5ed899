"""The audit report model: what analysis produces and every renderer (HTML, XLSX, JSON) reads.

`n` on a statistic counts the items it rests on: a portfolio's marking point. Within one
marking point that is the number of portfolios; overall it is portfolios x marking points,
and `portfolios` beside it gives the distinct portfolios.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from marker.audit.stats import Stat


class Pair(BaseModel):
    """Two raters compared on the items both rated; the confusion rows are the first rater."""

    raters: tuple[str, str]
    portfolios: int
    percent_agreement: Stat
    kappa: Stat
    quadratic_weighted_kappa: Stat
    confusion: list[list[int]]


class Scope(BaseModel):
    """All raters on one marking point (`id` is its id) or on every point (`id` "overall")."""

    id: str
    title: str
    portfolios: int
    percent_agreement: Stat
    alpha_nominal: Stat
    alpha_ordinal: Stat
    engine_kappa: Stat  # the engine against every assessor decision, pooled
    pairs: list[Pair]
    verdicts: dict[str, dict[str, int]]  # rater -> verdict -> count
    flags: list[str]


class Flag(BaseModel):
    code: str  # new, low_engine_agreement, low_peer_agreement, lenient, severe
    message: str


class Assessor(BaseModel):
    name: str
    decisions: int
    portfolios: int
    first_decision: dt.date
    last_decision: dt.date
    vs_engine: Pair | None
    vs_peers: Pair | None
    leniency: Stat  # mean verdict level minus the other raters' mean, same items
    engine_agreement_by_point: dict[str, Stat]
    flags: list[Flag]


class Disagreement(BaseModel):
    file_name: str
    file_sha256: str
    learner: str | None
    marking_point: str
    verdicts: dict[str, str]  # rater -> verdict, the engine included when it marked
    levels: int  # how far apart the verdicts are: 2 is met against not met
    with_engine: bool
    evidence: list[dict[str, str]]
    feedback: list[str]
    comments: dict[str, str]


class SampleItem(BaseModel):
    file_name: str
    learner: str | None
    reason: str


class AssessorPlan(BaseModel):
    assessor: str
    portfolios: int
    sample_size: int
    reasons: list[str]
    sample: list[SampleItem]


class PointPriority(BaseModel):
    marking_point: str
    title: str
    reason: str


class AuditReport(BaseModel):
    generated_at: dt.datetime
    as_of: dt.date
    pack: dict[str, str]
    verdict_order: list[str]
    raters: list[str]
    portfolios: int
    decisions: int
    headline: list[str]
    overall: Scope
    marking_points: list[Scope]
    assessors: list[Assessor]
    disagreements: list[Disagreement]
    sampling_plan: list[AssessorPlan]
    points_to_sample: list[PointPriority]
    thresholds: dict[str, float]
