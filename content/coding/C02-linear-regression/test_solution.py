import numpy as np
import pytest
from sklearn.linear_model import LinearRegression

from solution import fit_closed_form, fit_gradient_descent, predict


def _data(seed=0, n=200, d=5):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * rng.uniform(0.1, 10.0, size=d) + rng.normal(size=d) * 5
    w = rng.normal(size=d)
    y = X @ w + 3.0 + rng.normal(size=n)
    return X, y


def _vandermonde(seed=0, degree=10):
    """Polynomial features on [0, 1]: condition number around 1e6 after centring."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 1, size=100)
    V = np.vander(x, degree, increasing=True)[:, 1:]
    w = rng.normal(size=degree - 1)
    return V, V @ w + 1.0, w


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("method", ["lstsq", "normal"])
def test_closed_form_matches_sklearn(seed, method):
    X, y = _data(seed)
    w, b = fit_closed_form(X, y, method=method)
    sk = LinearRegression().fit(X, y)
    np.testing.assert_allclose(w, sk.coef_, rtol=1e-8, atol=1e-10)
    assert b == pytest.approx(sk.intercept_, rel=1e-8, abs=1e-10)
    np.testing.assert_allclose(predict(X, w, b), sk.predict(X), rtol=1e-9, atol=1e-9)


def test_no_intercept_matches_sklearn():
    X, y = _data(3)
    w, b = fit_closed_form(X, y, fit_intercept=False)
    sk = LinearRegression(fit_intercept=False).fit(X, y)
    np.testing.assert_allclose(w, sk.coef_, rtol=1e-9, atol=1e-12)
    assert b == 0.0


def test_residuals_orthogonal_to_columns():
    X, y = _data(4)
    w, b = fit_closed_form(X, y)
    r = y - predict(X, w, b)
    assert abs(r.sum()) < 1e-8            # the intercept makes residuals sum to zero
    np.testing.assert_allclose(X.T @ r, 0.0, atol=1e-7)


def test_rank_deficient_gives_minimum_norm_like_sklearn():
    X, y = _data(5, d=3)
    X = np.column_stack([X, X[:, 0]])     # duplicated column: X^T X is singular
    w, b = fit_closed_form(X, y)
    sk = LinearRegression().fit(X, y)
    np.testing.assert_allclose(w, sk.coef_, rtol=1e-7, atol=1e-9)
    assert w[0] == pytest.approx(w[3])    # minimum norm splits the weight evenly


def test_lstsq_beats_normal_equations_when_ill_conditioned():
    V, y, w_true = _vandermonde()
    err_lstsq = np.abs(fit_closed_form(V, y, method="lstsq")[0] - w_true).max()
    err_normal = np.abs(fit_closed_form(V, y, method="normal")[0] - w_true).max()
    assert err_lstsq < 1e-9
    assert err_normal > 1e3 * err_lstsq   # kappa^2 versus kappa


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradient_descent_matches_closed_form(seed):
    X, y = _data(seed)                    # feature scales differ by up to 100x
    w, b = fit_closed_form(X, y)
    w_gd, b_gd, losses = fit_gradient_descent(X, y)
    np.testing.assert_allclose(w_gd, w, rtol=1e-7, atol=1e-8)
    assert b_gd == pytest.approx(b, rel=1e-7, abs=1e-7)
    assert len(losses) < 1000             # standardisation makes this well conditioned
    assert np.all(np.diff(losses) <= 1e-12 * losses[0])   # step 1/L: loss never rises


def test_gradient_descent_without_intercept():
    X, y = _data(6)
    w, _ = fit_closed_form(X, y, fit_intercept=False)
    w_gd, b_gd, _ = fit_gradient_descent(X, y, fit_intercept=False)
    np.testing.assert_allclose(w_gd, w, rtol=1e-6, atol=1e-8)
    assert b_gd == 0.0


def test_gradient_descent_constant_column_gets_zero_weight():
    X, y = _data(7, d=3)
    X = np.column_stack([X, np.full(len(X), 4.0)])
    w_gd, b_gd, _ = fit_gradient_descent(X, y)
    w, b = fit_closed_form(X, y)
    assert w_gd[3] == 0.0
    np.testing.assert_allclose(w_gd, w, atol=1e-7)


def test_too_large_step_is_detected():
    X, y = _data(8)
    Z = (X - X.mean(axis=0)) / X.std(axis=0)
    L = np.linalg.norm(Z, 2) ** 2 / len(X)
    with pytest.raises(FloatingPointError, match="diverged"):
        fit_gradient_descent(X, y, lr=2.2 / L)


def test_exact_fit_and_constant_target():
    X = np.arange(12, dtype=float).reshape(6, 2) ** [1, 2]
    y = 2 * X[:, 0] - 0.5 * X[:, 1] + 7
    w, b = fit_closed_form(X, y)
    np.testing.assert_allclose(w, [2, -0.5], atol=1e-10)
    assert b == pytest.approx(7)
    w_gd, b_gd, losses = fit_gradient_descent(X, np.full(6, 3.0))
    np.testing.assert_allclose(w_gd, 0.0)
    assert b_gd == 3.0 and len(losses) == 1


@pytest.mark.parametrize("X, y, match", [
    (np.zeros(5), np.zeros(5), "2-D"),
    (np.zeros((5, 2)), np.zeros((5, 1)), "1-D"),
    (np.zeros((5, 2)), np.zeros(4), "same"),
    (np.zeros((0, 2)), np.zeros(0), "non-zero"),
    (np.array([[np.nan, 1.0]]), np.zeros(1), "finite"),
])
def test_invalid_inputs_raise(X, y, match):
    with pytest.raises(ValueError, match=match):
        fit_closed_form(X, y)
    with pytest.raises(ValueError, match=match):
        fit_gradient_descent(X, y)


def test_unknown_method_raises():
    with pytest.raises(ValueError, match="method"):
        fit_closed_form(np.eye(3), np.ones(3), method="qr")
