"""Agreement statistics as pure functions over category indexes (0..k-1).

Plain Python on purpose: the audit runs at centres with only the runtime dependencies,
and the data (hundreds of decisions) is far too small to need numpy.

When a statistic is undefined its `value` is None and `note` says why, where the
reference libraries return NaN or raise:

- Cohen's kappa (plain or weighted) is undefined when the expected disagreement is
  zero, i.e. both raters used one and the same category for every portfolio (so they
  agree 100%). scikit-learn's `cohen_kappa_score` returns NaN there. It is also
  undefined with no portfolio rated by both.
- Krippendorff's alpha is undefined when no portfolio has two or more ratings (the
  `krippendorff` package raises) or every pairable rating is the same category (it
  returns NaN).
- Percentage agreement is undefined only with nothing to compare.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations, permutations
from typing import Literal

from pydantic import BaseModel

Weights = Literal["quadratic"] | None
Level = Literal["nominal", "ordinal"]

NO_PAIRS = "no portfolio was rated by both"
NO_PAIRABLE = "no portfolio has two or more ratings"
ONE_CATEGORY = "every rating is in one category, so chance agreement is total"


class Stat(BaseModel):
    """A figure, the number of portfolios (or items) it rests on, and why it is missing."""

    value: float | None
    n: int
    note: str | None = None


def confusion_matrix(a: Sequence[int], b: Sequence[int], k: int) -> list[list[int]]:
    """Counts of (a's category, b's category): rows are rater a, columns rater b."""
    _check_paired(a, b)
    matrix = [[0] * k for _ in range(k)]
    for x, y in zip(a, b, strict=True):
        matrix[x][y] += 1
    return matrix


def percent_agreement(a: Sequence[int], b: Sequence[int]) -> Stat:
    """Share of portfolios on which two raters gave the same verdict, as a percentage."""
    _check_paired(a, b)
    if not a:
        return Stat(value=None, n=0, note=NO_PAIRS)
    same = sum(x == y for x, y in zip(a, b, strict=True))
    return Stat(value=100.0 * same / len(a), n=len(a))


def cohen_kappa(a: Sequence[int], b: Sequence[int], k: int, weights: Weights = None) -> Stat:
    """Cohen's kappa of two raters; quadratic weights treat the categories as ordered.

    kappa = 1 - sum(w * observed) / sum(w * expected), with w = 1 off the diagonal
    (plain) or ((i - j) / (k - 1))^2 (quadratic), as scikit-learn computes it.
    """
    if not a:
        return Stat(value=None, n=0, note=NO_PAIRS)
    observed = confusion_matrix(a, b, k)
    n = len(a)
    rows = [sum(r) for r in observed]
    cols = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    w = _weights(k, weights)
    num = sum(w[i][j] * observed[i][j] for i in range(k) for j in range(k))
    den = sum(w[i][j] * rows[i] * cols[j] / n for i in range(k) for j in range(k))
    if den == 0:
        return Stat(value=None, n=n, note=ONE_CATEGORY)
    return Stat(value=1.0 - num / den, n=n)


def _weights(k: int, weights: Weights) -> list[list[float]]:
    if weights == "quadratic":
        scale = (k - 1) ** 2 or 1
        return [[(i - j) ** 2 / scale for j in range(k)] for i in range(k)]
    return [[0.0 if i == j else 1.0 for j in range(k)] for i in range(k)]


def multi_rater_agreement(units: Sequence[Sequence[int]]) -> Stat:
    """Mean over portfolios of the share of rater pairs that agree, as a percentage.

    Each unit lists the ratings one portfolio received; units with fewer than two
    ratings cannot show agreement and are left out. With two raters per unit this is
    the plain percentage agreement.
    """
    shares = []
    for values in units:
        if len(values) >= 2:
            pairs = list(combinations(values, 2))
            shares.append(sum(x == y for x, y in pairs) / len(pairs))
    if not shares:
        return Stat(value=None, n=0, note=NO_PAIRABLE)
    return Stat(value=100.0 * sum(shares) / len(shares), n=len(shares))


def krippendorff_alpha(units: Sequence[Sequence[int]], k: int, level: Level) -> Stat:
    """Krippendorff's alpha over any number of raters with missing ratings.

    Each unit lists the ratings one portfolio received (missing ones simply absent).
    Built from the coincidence matrix: alpha = 1 - D_observed / D_expected, with the
    nominal or ordinal distance of Krippendorff (2011), "Computing Krippendorff's
    alpha-reliability".
    """
    coincidence = [[0.0] * k for _ in range(k)]
    pairable = 0
    for values in units:
        m = len(values)
        if m < 2:
            continue
        pairable += 1
        for x, y in permutations(values, 2):
            coincidence[x][y] += 1.0 / (m - 1)
    if pairable == 0:
        return Stat(value=None, n=0, note=NO_PAIRABLE)
    totals = [sum(row) for row in coincidence]
    n = sum(totals)
    delta = _distance(totals, level)
    observed = sum(coincidence[c][d] * delta[c][d] for c in range(k) for d in range(k))
    expected = sum(totals[c] * totals[d] * delta[c][d] for c in range(k) for d in range(k))
    if expected == 0:
        return Stat(value=None, n=pairable, note=ONE_CATEGORY)
    return Stat(value=1.0 - (n - 1) * observed / expected, n=pairable)


def _distance(totals: list[float], level: Level) -> list[list[float]]:
    k = len(totals)
    if level == "nominal":
        return [[0.0 if c == d else 1.0 for d in range(k)] for c in range(k)]
    # Ordinal: the squared mass of ratings between two categories, halving the ends.
    out = [[0.0] * k for _ in range(k)]
    for c in range(k):
        for d in range(k):
            lo, hi = min(c, d), max(c, d)
            out[c][d] = (sum(totals[lo : hi + 1]) - (totals[lo] + totals[hi]) / 2) ** 2
    return out


def _check_paired(a: Sequence[int], b: Sequence[int]) -> None:
    if len(a) != len(b):
        raise ValueError(f"paired ratings differ in length: {len(a)} and {len(b)}")
