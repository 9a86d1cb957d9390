import numpy as np
import pytest
from scipy.special import expit
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss as sk_log_loss

from solution import fit_logistic, log_loss, loss_and_grad, predict_proba, sigmoid

# Overflow, division by zero or invalid operations become errors inside these tests.
STRICT = dict(over="raise", divide="raise", invalid="raise")


def test_sigmoid_matches_scipy_without_overflow():
    z = np.concatenate([np.linspace(-50, 50, 1001), [-1e308, -1000.0, 1000.0, 1e308]])
    with np.errstate(**STRICT):
        s = sigmoid(z)
    np.testing.assert_allclose(s, expit(z), rtol=1e-14, atol=0)
    assert s[-1] == 1.0 and s[-4] == 0.0


def test_log_loss_matches_sklearn_for_moderate_logits():
    rng = np.random.default_rng(0)
    z = rng.normal(scale=3, size=500)
    y = rng.integers(0, 2, size=500)
    assert log_loss(z, y) == pytest.approx(sk_log_loss(y, expit(z)), rel=1e-10)


@pytest.mark.parametrize("z, y, expected", [
    (1000.0, 1, 0.0),       # confident and right
    (-1000.0, 0, 0.0),
    (1000.0, 0, 1000.0),    # confident and wrong: loss equals |z|, not inf or nan
    (-1000.0, 1, 1000.0),
    (0.0, 1, np.log(2.0)),
    (-40.0, 0, np.log1p(np.exp(-40.0))),  # tiny but not zero
])
def test_log_loss_extreme_logits(z, y, expected):
    with np.errstate(**STRICT):
        value = log_loss(np.array([z]), np.array([y]))
    assert value == pytest.approx(expected, rel=1e-12, abs=1e-300)


def test_naive_formula_really_fails_there():
    with np.errstate(all="ignore"):
        p = 1 / (1 + np.exp(-np.array([1000.0])))
        naive = -(0 * np.log(p) + 1 * np.log(1 - p))
    assert not np.isfinite(naive).all()   # the test above is not vacuous


def test_gradient_matches_finite_differences():
    X, y = make_classification(n_samples=50, n_features=4, random_state=1)
    rng = np.random.default_rng(1)
    w, b, lam = rng.normal(size=4), 0.3, 0.05
    _, gw, gb = loss_and_grad(w, b, X, y.astype(float), lam)
    h = 1e-6
    for j in range(4):
        e = np.zeros(4)
        e[j] = h
        num = (loss_and_grad(w + e, b, X, y, lam)[0] - loss_and_grad(w - e, b, X, y, lam)[0]) / (2 * h)
        assert gw[j] == pytest.approx(num, rel=1e-6, abs=1e-9)
    num_b = (loss_and_grad(w, b + h, X, y, lam)[0] - loss_and_grad(w, b - h, X, y, lam)[0]) / (2 * h)
    assert gb == pytest.approx(num_b, rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("lam", [1e-3, 1e-2, 1e-1])
def test_matches_sklearn(seed, lam):
    X, y = make_classification(n_samples=300, n_features=5, n_informative=3, random_state=seed)
    w, b = fit_logistic(X, y, lam=lam)
    sk = LogisticRegression(C=1 / (len(X) * lam), tol=1e-12, max_iter=100, solver="newton-cholesky").fit(X, y)
    np.testing.assert_allclose(w, sk.coef_[0], atol=1e-6)
    assert b == pytest.approx(sk.intercept_[0], abs=1e-6)
    np.testing.assert_allclose(predict_proba(X, w, b), sk.predict_proba(X)[:, 1], atol=1e-6)


def test_separable_data_stays_finite_with_l2():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(100, 2))
    y = (X[:, 0] + X[:, 1] > 0).astype(int)          # perfectly separable
    w, b = fit_logistic(X, y, lam=1e-2)
    sk = LogisticRegression(C=1 / (100 * 1e-2), tol=1e-12, max_iter=100, solver="newton-cholesky").fit(X, y)
    assert np.isfinite(w).all()
    np.testing.assert_allclose(w, sk.coef_[0], atol=1e-6)
    assert (predict_proba(X, w, b) > 0.5).astype(int).tolist() == y.tolist()


def test_huge_feature_values_do_not_overflow():
    X = np.array([[1e6], [2e6], [-1e6], [-2e6]])
    y = np.array([1, 1, 0, 0])
    with np.errstate(**STRICT):
        w, b = fit_logistic(X, y, lam=1e-3, max_iter=200)
        p = predict_proba(X, w, b)
        assert np.isfinite(loss_and_grad(w, b, X, y.astype(float), 1e-3)[0])
    assert np.isfinite(w).all() and ((p > 0.5) == y.astype(bool)).all()


def test_single_class_pushes_probabilities_toward_it():
    X = np.random.default_rng(3).normal(size=(20, 2))
    w, b = fit_logistic(X, np.ones(20, dtype=int), lam=1e-2, max_iter=2000)
    assert (predict_proba(X, w, b) > 0.9).all()


@pytest.mark.parametrize("X, y, match", [
    (np.zeros((4, 2)), np.array([0, 1, 2, 1]), "0 and 1"),
    (np.zeros((4, 2)), np.array([0, 1, 1]), "shape"),
    (np.zeros(4), np.array([0, 1, 1, 0]), "shape"),
    (np.array([[np.inf, 0.0], [0.0, 1.0]]), np.array([0, 1]), "finite"),
])
def test_invalid_inputs_raise(X, y, match):
    with pytest.raises(ValueError, match=match):
        fit_logistic(X, y)


def test_negative_lambda_raises():
    with pytest.raises(ValueError, match="lam"):
        fit_logistic(np.eye(2), np.array([0, 1]), lam=-1.0)
