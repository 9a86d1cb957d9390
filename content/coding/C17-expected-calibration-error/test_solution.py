import numpy as np
import pytest
from sklearn.calibration import calibration_curve

from solution import (bin_edges, expected_calibration_error, max_calibration_error,
                      reliability_table, top_label)


def _direct_ece(y, p, edges):
    """Reference: loop over bins with explicit interval tests, (lo, hi] with end bins open."""
    n_bins, total = len(edges) - 1, 0.0
    for b in range(n_bins):
        above = p > edges[b] if b > 0 else np.ones(len(p), bool)
        below = p <= edges[b + 1] if b < n_bins - 1 else np.ones(len(p), bool)
        inside = above & below
        if inside.any():
            total += inside.mean() * abs(y[inside].mean() - p[inside].mean())
    return total


def _data(n, seed=0):
    rng = np.random.default_rng(seed)
    q = rng.uniform(size=n)                 # true probability of y = 1
    y = (rng.uniform(size=n) < q).astype(int)
    return y, q


@pytest.mark.parametrize("strategy", ["uniform", "quantile"])
@pytest.mark.parametrize("n_bins", [1, 5, 10, 15])
def test_bin_accuracies_match_sklearn(strategy, n_bins):
    y, q = _data(3000, seed=n_bins)
    p = q ** 2                               # a miscalibrated score
    table = reliability_table(y, p, n_bins, strategy)
    full = table[table["count"] > 0]
    prob_true, prob_pred = calibration_curve(y, p, n_bins=n_bins, strategy=strategy)
    np.testing.assert_allclose(full["frac_pos"], prob_true, rtol=1e-12)
    np.testing.assert_allclose(full["mean_pred"], prob_pred, rtol=1e-12)
    assert table["count"].sum() == len(y)


@pytest.mark.parametrize("strategy", ["uniform", "quantile"])
def test_ece_matches_direct_loop(strategy):
    y, q = _data(2000, seed=3)
    p = np.clip(q + 0.15, 0, 1)
    ece = expected_calibration_error(y, p, 10, strategy)
    assert ece == pytest.approx(_direct_ece(y, p, bin_edges(p, 10, strategy)), abs=1e-12)


@pytest.mark.parametrize("strategy", ["uniform", "quantile"])
def test_known_population_ece(strategy):
    # Score p = q^2 while P(y=1 | q) = q: the gap q - q^2 never changes sign, so any
    # binning gives E[q - q^2] = 1/2 - 1/3 = 1/6 in the population.
    y, q = _data(200_000, seed=1)
    assert expected_calibration_error(y, q ** 2, 10, strategy) == pytest.approx(1 / 6, abs=0.005)


def test_calibrated_model_has_small_ece_that_shrinks_with_n():
    small = expected_calibration_error(*_data(1_000, seed=2))
    large = expected_calibration_error(*_data(100_000, seed=2))
    assert large < 0.01
    assert large < small  # the plug-in estimate is biased upward on small samples


def test_constant_overconfident_prediction():
    y = np.array([1] * 7 + [0] * 3)
    p = np.full(10, 0.9)
    assert expected_calibration_error(y, p) == pytest.approx(0.2)
    assert max_calibration_error(y, p) == pytest.approx(0.2)
    # Equal-mass bins collapse onto one value: all but one bin are empty, nothing breaks.
    table = reliability_table(y, p, 5, "quantile")
    assert (table["count"] > 0).sum() == 1
    assert expected_calibration_error(y, p, 5, "quantile") == pytest.approx(0.2)


def test_edges_go_to_the_lower_bin():
    p = np.array([0.0, 0.1, 0.1000001, 0.5, 1.0])
    y = np.zeros(5)
    table = reliability_table(y, p, 10)
    assert table["count"].tolist() == [2, 1, 0, 0, 1, 0, 0, 0, 0, 1]


def test_equal_mass_bins_have_equal_counts():
    _, q = _data(1000, seed=4)
    table = reliability_table(np.zeros(1000), q, 10, "quantile")
    assert table["count"].tolist() == [100] * 10


def test_mce_is_worst_bin():
    y = np.array([1, 1, 0, 0, 1, 0])
    p = np.array([0.05, 0.1, 0.15, 0.85, 0.9, 0.95])
    table = reliability_table(y, p, 2)
    # bin 0: mean_pred 0.1, frac 2/3; bin 1: mean_pred 0.9, frac 1/3
    np.testing.assert_allclose(table["gap"], [2 / 3 - 0.1, 1 / 3 - 0.9])
    assert max_calibration_error(y, p, 2) == pytest.approx(0.9 - 1 / 3)
    assert expected_calibration_error(y, p, 2) == pytest.approx(0.5 * (2 / 3 - 0.1) + 0.5 * (0.9 - 1 / 3))


def test_top_label_multiclass():
    proba = np.array([[0.7, 0.2, 0.1], [0.1, 0.6, 0.3], [0.3, 0.3, 0.4], [0.5, 0.4, 0.1]])
    y = np.array([0, 2, 2, 1])
    correct, conf = top_label(y, proba)
    np.testing.assert_array_equal(correct, [1, 0, 1, 0])
    np.testing.assert_allclose(conf, [0.7, 0.6, 0.4, 0.5])
    # One bin: mean confidence 0.55, accuracy 0.5.
    assert expected_calibration_error(correct, conf, 1) == pytest.approx(0.05)


@pytest.mark.parametrize("y, p, kwargs, match", [
    ([0, 1], [0.5], {}, "same length"),
    ([], [], {}, "at least one"),
    ([0, 2], [0.1, 0.2], {}, "only 0 and 1"),
    ([0, 1], [0.1, 1.2], {}, r"\[0, 1\]"),
    ([0, 1], [0.1, np.nan], {}, "finite"),
    ([0, 1], [0.1, 0.2], {"n_bins": 0}, "positive integer"),
    ([0, 1], [0.1, 0.2], {"strategy": "kmeans"}, "strategy"),
])
def test_invalid_inputs_raise(y, p, kwargs, match):
    with pytest.raises(ValueError, match=match):
        expected_calibration_error(y, p, **kwargs)


def test_refining_bins_never_lowers_ece():
    # 20 equal-width bins split each of the 10 in two: |a + b| <= |a| + |b| per bin.
    y, q = _data(5000, seed=5)
    for p in (q, q ** 2, np.clip(q + 0.1, 0, 1)):
        assert expected_calibration_error(y, p, 20) >= expected_calibration_error(y, p, 10) - 1e-12
        assert expected_calibration_error(y, p, 10) >= expected_calibration_error(y, p, 5) - 1e-12
