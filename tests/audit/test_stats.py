"""The statistics against independent implementations: scikit-learn and `krippendorff`."""

from __future__ import annotations

import math
import random
import warnings

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from marker.audit.stats import (
    NO_PAIRABLE,
    NO_PAIRS,
    ONE_CATEGORY,
    cohen_kappa,
    confusion_matrix,
    krippendorff_alpha,
    multi_rater_agreement,
    percent_agreement,
)

K = 3


def sklearn_kappa(a: list[int], b: list[int], weights: str | None = None) -> float | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sklearn warns where kappa is undefined
        value = cohen_kappa_score(a, b, labels=list(range(K)), weights=weights)
    return None if math.isnan(value) else float(value)


def reference_alpha(matrix: list[list[int | None]], level: str) -> float | None:
    """`krippendorff.alpha` on raters x units, NaN for missing; None where it has no answer."""
    data = np.array([[np.nan if v is None else v for v in row] for row in matrix], dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            value = krippendorff.alpha(
                reliability_data=data, level_of_measurement=level, value_domain=list(range(K))
            )
        except ValueError:
            return None
    return None if math.isnan(value) else float(value)


def units_of(matrix: list[list[int | None]]) -> list[list[int]]:
    return [[row[u] for row in matrix if row[u] is not None] for u in range(len(matrix[0]))]


def paired(seed: int) -> tuple[list[int], list[int]]:
    """Two raters who agree more often than chance, sometimes on very few portfolios."""
    rng = random.Random(seed)
    n = rng.choice((1, 2, 5, 20, 80))
    skew = rng.random()
    a = [rng.choices(range(K), weights=(skew, 1, 1 - skew + 0.1))[0] for _ in range(n)]
    b = [x if rng.random() < 0.6 else rng.randrange(K) for x in a]
    return a, b


def rated(seed: int) -> list[list[int | None]]:
    """Up to five raters with a share of missing ratings, like a partly double-marked term."""
    rng = random.Random(seed)
    raters, units = rng.randint(2, 5), rng.randint(2, 60)
    truth = [rng.randrange(K) for _ in range(units)]
    missing = rng.choice((0.0, 0.3, 0.6))
    return [
        [
            None
            if rng.random() < missing
            else (t if rng.random() < 0.7 else min(K - 1, max(0, t + rng.choice((-1, 1)))))
            for t in truth
        ]
        for _ in range(raters)
    ]


@pytest.mark.parametrize("seed", range(60))
def test_kappa_matches_scikit_learn(seed: int) -> None:
    a, b = paired(seed)
    for weights in (None, "quadratic"):
        ours = cohen_kappa(a, b, K, weights=weights)
        theirs = sklearn_kappa(a, b, weights)
        assert ours.n == len(a)
        if theirs is None:
            assert ours.value is None and ours.note == ONE_CATEGORY
        else:
            assert ours.value == pytest.approx(theirs, abs=1e-12)


@pytest.mark.parametrize("seed", range(60))
@pytest.mark.parametrize("level", ["nominal", "ordinal"])
def test_alpha_matches_krippendorff_with_missing_ratings(seed: int, level: str) -> None:
    matrix = rated(seed)
    ours = krippendorff_alpha(units_of(matrix), K, level)  # type: ignore[arg-type]
    theirs = reference_alpha(matrix, level)
    if theirs is None:
        assert ours.value is None and ours.note in (NO_PAIRABLE, ONE_CATEGORY)
    else:
        assert ours.value == pytest.approx(theirs, abs=1e-9)
    assert ours.n == sum(1 for unit in units_of(matrix) if len(unit) >= 2)


def test_percent_agreement_and_confusion_of_two_raters() -> None:
    a, b = [0, 1, 2, 2, 1], [0, 2, 2, 2, 0]
    assert percent_agreement(a, b).value == pytest.approx(60.0)
    assert confusion_matrix(a, b, K) == [[1, 0, 0], [1, 0, 1], [0, 0, 2]]
    assert multi_rater_agreement([[x, y] for x, y in zip(a, b, strict=True)]).value == 60.0


def test_multi_rater_agreement_averages_pairs_within_each_portfolio() -> None:
    # unit 1: 3 raters, 1 of 3 pairs agree; unit 2: perfect; unit 3: one rating, left out
    stat = multi_rater_agreement([[2, 2, 1], [0, 0], [1]])
    assert stat.n == 2
    assert stat.value == pytest.approx(100 * (1 / 3 + 1) / 2)


def test_one_category_only_is_undefined_like_the_references() -> None:
    a = b = [2, 2, 2, 2]
    assert sklearn_kappa(a, b) is None
    assert reference_alpha([a, b], "nominal") is None
    for weights in (None, "quadratic"):
        assert cohen_kappa(a, b, K, weights=weights).value is None
    alpha = krippendorff_alpha([[2, 2]] * 4, K, "ordinal")
    assert (alpha.value, alpha.n, alpha.note) == (None, 4, ONE_CATEGORY)
    assert percent_agreement(a, b).value == 100.0


def test_perfect_agreement_over_several_categories_is_one() -> None:
    a = [0, 1, 2, 1, 0]
    assert cohen_kappa(a, a, K).value == pytest.approx(1.0)
    assert cohen_kappa(a, a, K, weights="quadratic").value == pytest.approx(1.0)
    for level in ("nominal", "ordinal"):
        assert krippendorff_alpha([[x, x, x] for x in a], K, level).value == pytest.approx(1.0)


def test_opposite_single_categories_give_kappa_zero_not_undefined() -> None:
    assert cohen_kappa([0, 0, 0], [2, 2, 2], K).value == pytest.approx(0.0)
    assert sklearn_kappa([0, 0, 0], [2, 2, 2]) == pytest.approx(0.0)


def test_nothing_to_compare() -> None:
    assert percent_agreement([], []).note == NO_PAIRS
    assert cohen_kappa([], [], K).note == NO_PAIRS
    only_single = [[1], [2], []]
    assert krippendorff_alpha(only_single, K, "nominal").note == NO_PAIRABLE
    assert reference_alpha([[1, None, None], [None, 2, None]], "nominal") is None
    assert multi_rater_agreement(only_single).value is None


def test_ordinal_alpha_punishes_two_level_disagreement_more_than_nominal() -> None:
    near = [[0, 1], [1, 2], [2, 2], [0, 0], [1, 1]]
    far = [[0, 2], [2, 0], [2, 2], [0, 0], [1, 1]]
    nominal_near = krippendorff_alpha(near, K, "nominal").value
    nominal_far = krippendorff_alpha(far, K, "nominal").value
    ordinal_near = krippendorff_alpha(near, K, "ordinal").value
    ordinal_far = krippendorff_alpha(far, K, "ordinal").value
    assert None not in (nominal_near, nominal_far, ordinal_near, ordinal_far)
    assert ordinal_near - ordinal_far > abs(nominal_near - nominal_far)  # type: ignore[operator]


def test_unequal_lengths_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        percent_agreement([1, 2], [1])
