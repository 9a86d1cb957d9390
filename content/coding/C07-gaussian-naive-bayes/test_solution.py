import numpy as np
import pytest
from sklearn.datasets import make_classification
from sklearn.naive_bayes import GaussianNB as SkGaussianNB

from solution import GaussianNB


def _data(seed):
    return make_classification(n_samples=300, n_features=5, n_informative=3, n_classes=3,
                               random_state=seed)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("var_smoothing", [1e-9, 1e-2])
def test_parameters_and_probabilities_match_sklearn(seed, var_smoothing):
    X, y = _data(seed)
    ours = GaussianNB(var_smoothing).fit(X[:200], y[:200])
    sk = SkGaussianNB(var_smoothing=var_smoothing).fit(X[:200], y[:200])
    np.testing.assert_allclose(ours.class_prior_, sk.class_prior_, rtol=1e-14)
    np.testing.assert_allclose(ours.theta_, sk.theta_, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(ours.var_, sk.var_, rtol=1e-12)
    assert ours.epsilon_ == pytest.approx(sk.epsilon_, rel=1e-14)
    np.testing.assert_allclose(ours.predict_proba(X[200:]), sk.predict_proba(X[200:]),
                               rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(ours.predict_log_proba(X[200:]), sk.predict_log_proba(X[200:]),
                               rtol=1e-9, atol=1e-9)
    np.testing.assert_array_equal(ours.predict(X[200:]), sk.predict(X[200:]))


def test_hand_computed_posterior():
    # Class 0: {0, 2} (mean 1, variance 1); class 1: {4, 6} (mean 5, variance 1).
    X = np.array([[0.0], [2.0], [4.0], [6.0]])
    y = np.array([0, 0, 1, 1])
    nb = GaussianNB().fit(X, y)
    p = nb.predict_proba(np.array([[3.0], [2.0]]))
    np.testing.assert_allclose(p[0], [0.5, 0.5], rtol=1e-12)        # halfway
    # at x = 2 the log-likelihoods are -1/2 and -9/2: odds e^4
    assert p[1, 0] == pytest.approx(1 / (1 + np.exp(-4.0)), rel=1e-6)


def test_far_away_points_stay_normalised():
    X, y = _data(3)
    nb = GaussianNB().fit(X, y)
    far = np.array([[1e3] * 5, [-1e4] * 5])
    jll = nb._joint_log_likelihood(far)
    with np.errstate(all="ignore"):
        naive = np.exp(jll) / np.exp(jll).sum(axis=1, keepdims=True)
    assert np.isnan(naive).all()                 # exp underflows to 0 for every class
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        p = nb.predict_proba(far)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_allclose(p, SkGaussianNB().fit(X, y).predict_proba(far), atol=1e-12)


def test_feature_constant_within_a_class_uses_epsilon():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(40, 2))
    y = np.repeat([0, 1], 20)
    X[y == 0, 1] = 3.0                           # zero variance inside class 0
    ours = GaussianNB().fit(X, y)
    sk = SkGaussianNB().fit(X, y)
    assert ours.var_[0, 1] == pytest.approx(ours.epsilon_)
    np.testing.assert_allclose(ours.predict_proba(X), sk.predict_proba(X), rtol=1e-9, atol=1e-12)
    assert (ours.predict(X[y == 0]) == 0).all()  # exactly 3.0 is overwhelming evidence


def test_all_features_constant_returns_the_priors():
    X = np.ones((5, 3))
    y = np.array(["a", "b", "b", "b", "a"])
    nb = GaussianNB().fit(X, y)
    assert nb.epsilon_ == 1e-9
    np.testing.assert_allclose(nb.predict_proba(np.array([[1.0, 1.0, 1.0]])), [[0.4, 0.6]])


def test_single_class():
    X = np.random.default_rng(5).normal(size=(10, 2))
    nb = GaussianNB().fit(X, np.full(10, 7))
    np.testing.assert_array_equal(nb.predict_proba(X), np.ones((10, 1)))
    assert (nb.predict(X) == 7).all()


def test_large_offset_does_not_break_the_variance():
    rng = np.random.default_rng(6)
    X = rng.normal(size=(100, 1)) + 1e9        # E[x^2] - E[x]^2 would lose every digit
    y = np.repeat([0, 1], 50)
    nb = GaussianNB().fit(X, y)
    np.testing.assert_allclose(nb.var_[:, 0] - nb.epsilon_,
                               [X[:50, 0].var(), X[50:, 0].var()], rtol=1e-6)


def test_errors():
    with pytest.raises(ValueError, match="var_smoothing"):
        GaussianNB(-1.0)
    with pytest.raises(RuntimeError, match="fit"):
        GaussianNB().predict(np.zeros((1, 2)))
    nb = GaussianNB().fit(np.eye(3), [0, 1, 1])
    with pytest.raises(ValueError, match="shape"):
        nb.predict(np.zeros((1, 2)))
    with pytest.raises(ValueError, match="shape"):
        GaussianNB().fit(np.eye(3), [0, 1])
    with pytest.raises(ValueError, match="finite"):
        GaussianNB().fit(np.array([[np.nan], [0.0]]), [0, 1])
