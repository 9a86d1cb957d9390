import numpy as np
import pytest
from sklearn.metrics import roc_auc_score
from sklearn.metrics import roc_curve as sk_roc_curve

from solution import roc_auc, roc_curve


def _brute_force(y, s):
    pos, neg = s[y == 1], s[y == 0]
    diff = pos[:, None] - neg[None, :]
    return ((diff > 0) + 0.5 * (diff == 0)).mean()


def _tied_data(seed, n=500, decimals=1):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=n)
    s = np.round(rng.normal(size=n) + 0.8 * y, decimals)     # heavy ties after rounding
    return y, s


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("decimals", [0, 1, 6])
def test_matches_sklearn_and_brute_force_with_ties(seed, decimals):
    y, s = _tied_data(seed, decimals=decimals)
    auc = roc_auc(y, s)
    assert auc == pytest.approx(roc_auc_score(y, s), abs=1e-12)
    assert auc == pytest.approx(_brute_force(y, s), abs=1e-12)


def test_hand_computed_example():
    # pairs (pos, neg): (0.8,0.5)=1, (0.8,0.2)=1, (0.5,0.5)=1/2, (0.5,0.2)=1 -> 3.5/4
    y = np.array([1, 0, 1, 0])
    s = np.array([0.8, 0.5, 0.5, 0.2])
    assert roc_auc(y, s) == 0.875


@pytest.mark.parametrize("s, expected", [
    (np.array([0.3, 0.3, 0.3, 0.3, 0.3]), 0.5),      # all tied: a coin flip
    (np.array([0.1, 0.2, 0.7, 0.8, 0.9]), 1.0),      # perfect ranking
    (np.array([0.9, 0.8, 0.3, 0.2, 0.1]), 0.0),      # perfectly reversed
])
def test_extremes(s, expected):
    assert roc_auc(np.array([0, 0, 1, 1, 1]), s) == expected


def test_invariant_to_monotone_transforms():
    y, s = _tied_data(5)
    assert roc_auc(y, s) == pytest.approx(roc_auc(y, np.exp(3 * s) - 7), abs=1e-12)
    assert roc_auc(y, -s) == pytest.approx(1 - roc_auc(y, s), abs=1e-12)


def test_roc_curve_matches_sklearn_and_trapezoid_equals_rank_auc():
    y, s = _tied_data(6)
    fpr, tpr, thr = roc_curve(y, s)
    sk_fpr, sk_tpr, sk_thr = sk_roc_curve(y, s, drop_intermediate=False)
    np.testing.assert_allclose(fpr, sk_fpr, atol=1e-15)
    np.testing.assert_allclose(tpr, sk_tpr, atol=1e-15)
    np.testing.assert_array_equal(thr[1:], sk_thr[1:])
    assert np.trapz(tpr, fpr) == pytest.approx(roc_auc(y, s), abs=1e-12)
    assert (fpr[0], tpr[0], fpr[-1], tpr[-1]) == (0.0, 0.0, 1.0, 1.0)


def test_boolean_labels_and_large_input():
    rng = np.random.default_rng(7)
    y = rng.random(200_000) < 0.01                          # 1% positives
    s = np.round(rng.random(200_000) + 0.3 * y, 3)
    assert roc_auc(y, s) == pytest.approx(roc_auc_score(y, s), abs=1e-12)


@pytest.mark.parametrize("y, s, match", [
    (np.array([1, 1, 1]), np.array([0.1, 0.2, 0.3]), "one class"),
    (np.array([0, 0]), np.array([0.1, 0.2]), "one class"),
    (np.array([], dtype=int), np.array([]), "one class"),
    (np.array([0, 1, 2]), np.array([0.1, 0.2, 0.3]), "0/1"),
    (np.array([0, 1]), np.array([0.1, np.nan]), "finite"),
    (np.array([0, 1]), np.array([0.1, 0.2, 0.3]), "equal length"),
])
def test_invalid_inputs_raise(y, s, match):
    with pytest.raises(ValueError, match=match):
        roc_auc(y, s)
    with pytest.raises(ValueError, match=match):
        roc_curve(y, s)
