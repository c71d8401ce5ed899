"""From the current decisions to the audit report: statistics, drift flags, sampling plan.

An item is one marking point of one portfolio (file name + hash); each rater (the engine
or an assessor) gives it at most one current verdict. Everything below is a pure
function of those ratings, the pack and the as-of date, so a report can be reproduced.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from marker.audit.db import Decision, utc
from marker.audit.model import (
    Assessor,
    AssessorPlan,
    AuditReport,
    Disagreement,
    Flag,
    Pair,
    PointPriority,
    SampleItem,
    Scope,
)
from marker.audit.scheme import ENGINE, VERDICT_LABELS, VERDICTS, Pack
from marker.audit.stats import (
    Stat,
    cohen_kappa,
    confusion_matrix,
    krippendorff_alpha,
    multi_rater_agreement,
    percent_agreement,
)

LOW_KAPPA = 0.40
"""Below this Cohen's kappa an assessor is flagged: under "moderate" (Landis & Koch 1977)."""
KAPPA_PARADOX_AGREEMENT = 90.0
"""No low-kappa flag at or above this % agreement: with skewed verdicts (nearly all "met")
kappa is low even when raters almost always agree (Feinstein & Cicchetti 1990)."""
LENIENCY = 0.5
"""Mean verdict level (0-2) this far above/below the other raters' on the same items."""
MIN_COMPARED = 10
"""Fewer items compared than this and drift is not judged: too noisy to flag a person."""
ALPHA_MIN = 0.667
"""Krippendorff's lowest alpha for tentative conclusions; a marking point below it needs review."""
NEW_ASSESSOR_PORTFOLIOS = 10
NEW_ASSESSOR_DAYS = 90
BASE_SAMPLE_RATE = 0.10
DRIFT_SAMPLE_RATE = 0.30
NEW_ASSESSOR_SAMPLE_RATE = 0.50
MIN_SAMPLE = 2

THRESHOLDS = {
    "low_kappa": LOW_KAPPA,
    "kappa_paradox_agreement": KAPPA_PARADOX_AGREEMENT,
    "leniency": LENIENCY,
    "min_compared": MIN_COMPARED,
    "alpha_min": ALPHA_MIN,
    "new_assessor_portfolios": NEW_ASSESSOR_PORTFOLIOS,
    "new_assessor_days": NEW_ASSESSOR_DAYS,
    "base_sample_rate": BASE_SAMPLE_RATE,
    "drift_sample_rate": DRIFT_SAMPLE_RATE,
    "new_assessor_sample_rate": NEW_ASSESSOR_SAMPLE_RATE,
    "min_sample": MIN_SAMPLE,
}
K = len(VERDICTS)
Portfolio = tuple[str, str]  # (file name, sha256)
ItemKey = tuple[Portfolio, str]  # (portfolio, marking point)


@dataclass(frozen=True)
class Rating:
    portfolio: Portfolio
    marking_point: str
    rater: str
    level: int
    decided_on: dt.date
    learner: str | None
    comment: str | None
    evidence: list[dict[str, str]]
    feedback: list[str]


Items = dict[ItemKey, dict[str, Rating]]


def ratings_from_rows(rows: Iterable[Decision]) -> list[Rating]:
    return [
        Rating(
            portfolio=(row.file_path, row.file_sha256),
            marking_point=row.marking_point,
            rater=row.rater,
            level=VERDICTS.index(row.verdict),
            decided_on=utc(row.decided_at).date(),
            learner=row.learner,
            comment=row.comment,
            evidence=list(row.evidence or []),
            feedback=list(row.feedback or []),
        )
        for row in rows
    ]


def analyse(ratings: list[Rating], pack: Pack, as_of: dt.date) -> AuditReport:
    """The whole report over the ratings on the pack's marking points."""
    items: Items = defaultdict(dict)
    for rating in ratings:
        if rating.marking_point in pack.marking_points:
            items[(rating.portfolio, rating.marking_point)][rating.rater] = rating
    points = [
        _scope(mp, title, {k: v for k, v in items.items() if k[1] == mp})
        for mp, title in pack.marking_points.items()
    ]
    overall = _scope("overall", "All marking points", items)
    assessors = [_assessor(name, items, pack, as_of) for name in _raters(items) if name != ENGINE]
    weak_points = {scope.id for scope in points if scope.flags}
    plans = sorted(
        (_plan(a, items, weak_points) for a in assessors),
        key=lambda p: (-len(_by_name(assessors, p.assessor).flags), p.assessor),
    )
    priorities = _point_priorities(points)
    disagreements = _disagreements(items, list(pack.marking_points))
    report = AuditReport(
        generated_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        as_of=as_of,
        pack={"id": pack.id, "version": pack.version, "sha256": pack.sha256, "title": pack.title},
        verdict_order=list(VERDICTS),
        raters=_raters(items),
        portfolios=len({key[0] for key in items}),
        decisions=sum(1 for item in items.values() for r in item if r != ENGINE),
        headline=[],
        overall=overall,
        marking_points=points,
        assessors=assessors,
        disagreements=disagreements,
        sampling_plan=plans,
        points_to_sample=priorities,
        thresholds=THRESHOLDS,
    )
    report.headline = _headline(report)
    return report


def _raters(items: Items) -> list[str]:
    names = {rater for item in items.values() for rater in item}
    return sorted(names, key=lambda n: (n != ENGINE, n.casefold()))


def _by_name(assessors: list[Assessor], name: str) -> Assessor:
    return next(a for a in assessors if a.name == name)


# --- statistics per scope ------------------------------------------------------------


def _pair(items: Items, first: str, second: str) -> Pair | None:
    common = [(item, key) for key, item in items.items() if first in item and second in item]
    if not common:
        return None
    a = [item[first].level for item, _ in common]
    b = [item[second].level for item, _ in common]
    return _pair_of(first, second, a, b, len({key[0] for _, key in common}))


def _pair_of(first: str, second: str, a: list[int], b: list[int], portfolios: int) -> Pair:
    return Pair(
        raters=(first, second),
        portfolios=portfolios,
        percent_agreement=percent_agreement(a, b),
        kappa=cohen_kappa(a, b, K),
        quadratic_weighted_kappa=cohen_kappa(a, b, K, weights="quadratic"),
        confusion=confusion_matrix(a, b, K),
    )


def _scope(scope_id: str, title: str, items: Items) -> Scope:
    raters = _raters(items)
    units = [[r.level for r in item.values()] for item in items.values()]
    pairs = [p for a, b in combinations(raters, 2) if (p := _pair(items, a, b)) is not None]
    engine_side, assessor_side = [], []
    for item in items.values():
        if ENGINE in item:
            for rater, rating in item.items():
                if rater != ENGINE:
                    engine_side.append(item[ENGINE].level)
                    assessor_side.append(rating.level)
    verdicts: dict[str, Counter[str]] = defaultdict(Counter)
    for item in items.values():
        for rater, rating in item.items():
            verdicts[rater][VERDICTS[rating.level]] += 1
    scope = Scope(
        id=scope_id,
        title=title,
        portfolios=len({key[0] for key in items}),
        percent_agreement=multi_rater_agreement(units),
        alpha_nominal=krippendorff_alpha(units, K, "nominal"),
        alpha_ordinal=krippendorff_alpha(units, K, "ordinal"),
        engine_kappa=cohen_kappa(engine_side, assessor_side, K),
        pairs=pairs,
        verdicts={r: {v: verdicts[r][v] for v in VERDICTS} for r in raters},
        flags=[],
    )
    alpha = scope.alpha_ordinal.value
    if alpha is not None and alpha < ALPHA_MIN:
        scope.flags.append(f"raters agree poorly: alpha {alpha:.2f} < {ALPHA_MIN}")
    if _low_kappa(scope.engine_kappa, percent_agreement(engine_side, assessor_side)):
        value = scope.engine_kappa.value or 0.0
        scope.flags.append(f"assessors and engine disagree: kappa {value:.2f} < {LOW_KAPPA}")
    return scope


def _low_kappa(kappa: Stat, agreement: Stat) -> bool:
    """Enough items, a defined kappa under the bar, and not the high-agreement paradox."""
    return (
        kappa.n >= MIN_COMPARED
        and kappa.value is not None
        and kappa.value < LOW_KAPPA
        and (agreement.value or 0.0) < KAPPA_PARADOX_AGREEMENT
    )


# --- assessors -----------------------------------------------------------------------


def _assessor(name: str, items: Items, pack: Pack, as_of: dt.date) -> Assessor:
    own = {key: item for key, item in items.items() if name in item}
    dates = [item[name].decided_on for item in own.values()]
    portfolios = len({key[0] for key in own})
    vs_engine = _pair(own, ENGINE, name)
    mine, theirs, diffs = [], [], []
    for item in own.values():
        others = [r.level for rater, r in item.items() if rater != name]
        if others:
            diffs.append(item[name].level - sum(others) / len(others))
        for rater, rating in item.items():
            if rater not in (name, ENGINE):
                mine.append(item[name].level)
                theirs.append(rating.level)
    vs_peers = None
    if mine:
        peer_portfolios = {k[0] for k, i in own.items() if any(r not in (name, ENGINE) for r in i)}
        vs_peers = _pair_of(name, "peers", mine, theirs, len(peer_portfolios))
    leniency = Stat(value=sum(diffs) / len(diffs) if diffs else None, n=len(diffs))
    if not diffs:
        leniency.note = "no portfolio rated by anyone else"
    by_point = {}
    for mp in pack.marking_points:
        pair = _pair({k: i for k, i in own.items() if k[1] == mp}, ENGINE, name)
        if pair is not None:
            by_point[mp] = pair.percent_agreement
    assessor = Assessor(
        name=name,
        decisions=len(own),
        portfolios=portfolios,
        first_decision=min(dates),
        last_decision=max(dates),
        vs_engine=vs_engine,
        vs_peers=vs_peers,
        leniency=leniency,
        engine_agreement_by_point=by_point,
        flags=[],
    )
    peers = [_pair(own, name, p) for p in _raters(own) if p not in (name, ENGINE)]
    assessor.flags = _flags(assessor, [p for p in peers if p is not None], as_of)
    return assessor


def _flags(a: Assessor, peers: list[Pair], as_of: dt.date) -> list[Flag]:
    """Why an assessor needs a closer look; each message carries the figures behind it.

    Low agreement with peers is judged peer by peer and flagged only when it is low with
    more than half of them, so one drifting assessor does not get every colleague flagged.
    """
    flags = []
    if a.portfolios < NEW_ASSESSOR_PORTFOLIOS:
        message = f"new: {a.portfolios} portfolio(s) marked, fewer than {NEW_ASSESSOR_PORTFOLIOS}"
        flags.append(Flag(code="new", message=message))
    elif (as_of - a.first_decision).days < NEW_ASSESSOR_DAYS:
        message = (
            f"new: first decision {a.first_decision:%d/%m/%Y}, within {NEW_ASSESSOR_DAYS} days"
        )
        flags.append(Flag(code="new", message=message))
    engine = a.vs_engine
    if engine is not None and _low_kappa(engine.kappa, engine.percent_agreement):
        message = (
            f"low agreement with the engine: kappa {engine.kappa.value:.2f} < {LOW_KAPPA} "
            f"({engine.percent_agreement.value:.0f}% agreement over {engine.kappa.n} items)"
        )
        flags.append(Flag(code="low_engine_agreement", message=message))
    low = [p for p in peers if _low_kappa(p.kappa, p.percent_agreement)]
    if low and len(low) * 2 > len(peers):
        figures = ", ".join(f"{p.raters[1]} {p.kappa.value:.2f}" for p in low)
        message = (
            f"low agreement with {len(low)} of {len(peers)} other assessor(s): "
            f"kappa {figures} < {LOW_KAPPA}"
        )
        flags.append(Flag(code="low_peer_agreement", message=message))
    if a.leniency.value is not None and a.leniency.n >= MIN_COMPARED:
        shift = a.leniency.value
        if abs(shift) > LENIENCY:
            code = "lenient" if shift > 0 else "severe"
            message = (
                f"{code}: verdicts {abs(shift):.2f} levels {'above' if shift > 0 else 'below'} "
                f"the other raters on the same {a.leniency.n} items"
            )
            flags.append(Flag(code=code, message=message))
    return flags


# --- disagreements and sampling ------------------------------------------------------


def _disagreements(items: Items, order: list[str]) -> list[Disagreement]:
    out = []
    for (portfolio, mp), item in items.items():
        levels = [r.level for r in item.values()]
        if len(levels) < 2 or len(set(levels)) == 1:
            continue
        engine = item.get(ENGINE)
        assessors = {n: r for n, r in item.items() if n != ENGINE}
        learner = next((r.learner for r in assessors.values() if r.learner), None)
        out.append(
            Disagreement(
                file_name=portfolio[0],
                file_sha256=portfolio[1],
                learner=learner,
                marking_point=mp,
                verdicts={n: VERDICTS[item[n].level] for n in _raters({(portfolio, mp): item})},
                levels=max(levels) - min(levels),
                with_engine=engine is not None
                and any(r.level != engine.level for r in assessors.values()),
                evidence=engine.evidence if engine else [],
                feedback=engine.feedback if engine else [],
                comments={n: r.comment for n, r in assessors.items() if r.comment},
            )
        )
    out.sort(
        key=lambda d: (-d.levels, not d.with_engine, order.index(d.marking_point), d.file_name)
    )
    return out


def _plan(assessor: Assessor, items: Items, weak_points: set[str]) -> AssessorPlan:
    name = assessor.name
    by_portfolio: dict[Portfolio, dict[str, dict[str, Rating]]] = defaultdict(dict)
    for (portfolio, mp), item in items.items():
        if name in item:
            by_portfolio[portfolio][mp] = item
    ranked = sorted(
        (_rank(name, portfolio, points, weak_points) for portfolio, points in by_portfolio.items()),
        key=lambda r: r[0],
    )
    two_level = sum(1 for rank, _ in ranked if rank[0] == -2)
    codes = {f.code for f in assessor.flags}
    rate = BASE_SAMPLE_RATE
    if codes - {"new"}:
        rate = DRIFT_SAMPLE_RATE
    if "new" in codes:
        rate = NEW_ASSESSOR_SAMPLE_RATE
    total = len(by_portfolio)
    size = min(total, max(MIN_SAMPLE, math.ceil(rate * total), two_level))
    reasons = [f.message for f in assessor.flags] or ["routine sample"]
    reasons.append(f"{rate:.0%} of {total} portfolio(s), at least {MIN_SAMPLE}")
    if two_level:
        reasons.append(f"all {two_level} portfolio(s) where the engine's verdict is 2 levels away")
    return AssessorPlan(
        assessor=name,
        portfolios=total,
        sample_size=size,
        reasons=reasons,
        sample=[item for _, item in ranked[:size]],
    )


def _rank(
    name: str, portfolio: Portfolio, points: dict[str, dict[str, Rating]], weak: set[str]
) -> tuple[tuple[int, int, int, int, str], SampleItem]:
    """Sort key (engine gap, peer gap, weak points, recency, name) and the reason, worst first."""
    engine_gaps, peer_gaps = [], []
    for mp, item in points.items():
        own = item[name].level
        if ENGINE in item and item[ENGINE].level != own:
            gap = abs(item[ENGINE].level - own)
            engine_gaps.append(
                (gap, f"{mp}: engine {_said(item[ENGINE])}, {name} {_said(item[name])} ({gap})")
            )
        for rater, rating in item.items():
            if rater not in (name, ENGINE) and rating.level != own:
                gap = abs(rating.level - own)
                peer_gaps.append(
                    (gap, f"{mp}: {rater} {_said(rating)}, {name} {_said(item[name])}")
                )
    weak_here = sorted(weak & points.keys())
    if engine_gaps:
        reason = "disagrees with the engine on " + "; ".join(
            t for _, t in sorted(engine_gaps)[::-1]
        )
    elif peer_gaps:
        reason = "disagrees with another assessor on " + "; ".join(t for _, t in peer_gaps)
    elif weak_here:
        reason = "covers low-agreement marking point(s) " + ", ".join(weak_here)
    else:
        reason = "routine: most recent first"
    recent = max(item[name].decided_on for item in points.values())
    learner = next((i[name].learner for i in points.values() if i[name].learner), None)
    key = (
        -max((g for g, _ in engine_gaps), default=0),
        -max((g for g, _ in peer_gaps), default=0),
        -len(weak_here),
        -recent.toordinal(),
        portfolio[0],
    )
    return key, SampleItem(file_name=portfolio[0], learner=learner, reason=reason)


def _said(rating: Rating) -> str:
    return VERDICT_LABELS[VERDICTS[rating.level]]


def _point_priorities(points: list[Scope]) -> list[PointPriority]:
    def key(scope: Scope) -> tuple[int, float]:
        alpha = scope.alpha_ordinal.value
        return (0 if scope.flags else 1, alpha if alpha is not None else 2.0)

    out = []
    for scope in sorted(points, key=key):
        alpha = scope.alpha_ordinal
        if alpha.value is not None:
            basis = f"alpha {alpha.value:.2f} over {alpha.n} double-marked portfolio(s)"
        else:
            basis = f"alpha undefined ({alpha.note})"
        reason = "; ".join(scope.flags) if scope.flags else f"acceptable: {basis}"
        out.append(PointPriority(marking_point=scope.id, title=scope.title, reason=reason))
    return out


def _headline(report: AuditReport) -> list[str]:
    assessors = report.assessors
    lines = [
        f"{report.portfolios} portfolio(s), {report.decisions} assessor decision(s) "
        f"from {len(assessors)} assessor(s), pack {report.pack['id']} {report.pack['version']}."
    ]
    overall = report.overall
    if overall.percent_agreement.value is not None:
        alpha = overall.alpha_ordinal.value
        lines.append(
            f"Overall agreement {overall.percent_agreement.value:.0f}% over "
            f"{overall.percent_agreement.n} double-marked items; Krippendorff's alpha (ordinal) "
            + (
                f"{alpha:.2f}."
                if alpha is not None
                else f"undefined ({overall.alpha_ordinal.note})."
            )
        )
    flagged = [p for p in report.sampling_plan if _by_name(assessors, p.assessor).flags]
    if flagged:
        lines.append(
            "Sample first: "
            + "; ".join(
                f"{p.assessor} ({', '.join(f.code for f in _by_name(assessors, p.assessor).flags)})"
                for p in flagged[:3]
            )
            + "."
        )
    else:
        lines.append("No assessor is flagged; sample at the routine rate.")
    weak = [p for p in report.points_to_sample if not p.reason.startswith("acceptable")]
    if weak:
        lines.append(f"Marking point to review first: {weak[0].marking_point} ({weak[0].reason}).")
    with_engine = [d for d in report.disagreements if d.with_engine]
    lines.append(
        f"{len(with_engine)} disagreement(s) with the engine, "
        f"{sum(d.levels == 2 for d in with_engine)} of them met against not met."
    )
    return lines
