import numpy as np
import pytest
from scipy.special import log_softmax as sp_log_softmax
from scipy.special import softmax as sp_softmax
from sklearn.metrics import log_loss

from solution import cross_entropy, log_softmax, softmax

STRICT = dict(over="raise", divide="raise", invalid="raise")


@pytest.mark.parametrize("scale", [1.0, 100.0, 1e4, 1e300])
def test_log_softmax_matches_scipy_at_any_scale(scale):
    z = np.random.default_rng(0).normal(size=(8, 5)) * scale
    with np.errstate(**STRICT):
        ours = log_softmax(z, axis=1)
    np.testing.assert_allclose(ours, sp_log_softmax(z, axis=1), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("axis", [0, 1, -1])
def test_softmax_matches_scipy_and_sums_to_one(axis):
    z = np.random.default_rng(1).normal(size=(4, 6)) * 50
    with np.errstate(**STRICT):
        p = softmax(z, axis=axis)
    np.testing.assert_allclose(p, sp_softmax(z, axis=axis), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(p.sum(axis=axis), 1.0, rtol=1e-14)


def test_shift_invariance():
    z = np.random.default_rng(2).normal(size=(3, 4))
    np.testing.assert_allclose(softmax(z + 1e6, axis=1), softmax(z, axis=1), atol=1e-10)
    np.testing.assert_allclose(softmax(z - 7.0, axis=1), softmax(z, axis=1), rtol=1e-13)


def test_each_row_is_shifted_by_its_own_max():
    # A single global max would underflow the second row to 0/0.
    z = np.array([[1000.0, 999.0], [0.0, -1.0]])
    with np.errstate(**STRICT):
        p = softmax(z, axis=1)
        logp = log_softmax(z, axis=1)
    np.testing.assert_allclose(p[0], p[1], rtol=1e-14)
    np.testing.assert_allclose(logp, sp_log_softmax(z, axis=1), rtol=1e-14)


def test_naive_softmax_really_overflows():
    with np.errstate(all="ignore"):
        z = np.array([1000.0, 0.0])
        naive = np.exp(z) / np.exp(z).sum()
    assert np.isnan(naive).any()
    np.testing.assert_allclose(softmax(z), [1.0, 0.0])


def test_loss_matches_sklearn_log_loss():
    rng = np.random.default_rng(3)
    logits = rng.normal(scale=2, size=(200, 4))
    y = rng.integers(0, 4, size=200)
    loss, _ = cross_entropy(logits, y)
    assert loss == pytest.approx(log_loss(y, sp_softmax(logits, axis=1), labels=range(4)), rel=1e-10)


def test_hand_computed_example():
    # logits [2, 1, 0], label 0: loss = log(e^2 + e + 1) - 2
    loss, grad = cross_entropy(np.array([[2.0, 1.0, 0.0]]), np.array([0]))
    assert loss == pytest.approx(np.log(np.e**2 + np.e + 1) - 2)
    assert loss == pytest.approx(0.40760596, abs=1e-8)
    p = np.exp([2.0, 1.0, 0.0]) / np.exp([2.0, 1.0, 0.0]).sum()
    np.testing.assert_allclose(grad, [[p[0] - 1, p[1], p[2]]], rtol=1e-14)


def test_gradient_matches_central_differences():
    rng = np.random.default_rng(4)
    logits = rng.normal(size=(6, 5))
    y = rng.integers(0, 5, size=6)
    _, grad = cross_entropy(logits, y)
    h = 1e-6
    num = np.zeros_like(logits)
    for idx in np.ndindex(*logits.shape):
        e = np.zeros_like(logits)
        e[idx] = h
        num[idx] = (cross_entropy(logits + e, y)[0] - cross_entropy(logits - e, y)[0]) / (2 * h)
    np.testing.assert_allclose(grad, num, rtol=1e-6, atol=1e-10)


def test_gradient_rows_sum_to_zero():
    rng = np.random.default_rng(5)
    _, grad = cross_entropy(rng.normal(size=(10, 7)), rng.integers(0, 7, size=10))
    np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-15)


def test_extreme_logits_give_finite_loss_and_gradient():
    logits = np.array([[1e4, 0.0, -1e4], [1e4, 0.0, -1e4], [-800.0, 800.0, 0.0]])
    y = np.array([0, 2, 0])
    with np.errstate(**STRICT):
        loss, grad = cross_entropy(logits, y)
    # per-row losses: 0, 2e4 (confidently wrong), 1600
    assert loss == pytest.approx((0.0 + 2e4 + 1600.0) / 3)
    assert np.isfinite(grad).all()
    np.testing.assert_allclose(grad[1], [1 / 3, 0, -1 / 3], atol=1e-15)


def test_uniform_logits_give_log_c():
    loss, grad = cross_entropy(np.zeros((5, 10)), np.arange(5))
    assert loss == pytest.approx(np.log(10))
    np.testing.assert_allclose(grad[0, 0], (0.1 - 1) / 5)


@pytest.mark.parametrize("logits, y, match", [
    (np.zeros(3), np.array([0]), "shape"),
    (np.zeros((0, 3)), np.zeros(0, dtype=int), "shape"),
    (np.zeros((2, 3)), np.array([0, 3]), r"\[0, 3\)"),
    (np.zeros((2, 3)), np.array([-1, 0]), r"\[0, 3\)"),
    (np.zeros((2, 3)), np.array([0.0, 1.0]), "integer"),
    (np.zeros((2, 3)), np.array([0, 1, 2]), "integer"),
    (np.array([[0.0, np.nan], [1.0, 2.0]]), np.array([0, 1]), "finite"),
])
def test_invalid_inputs_raise(logits, y, match):
    with pytest.raises(ValueError, match=match):
        cross_entropy(logits, y)
