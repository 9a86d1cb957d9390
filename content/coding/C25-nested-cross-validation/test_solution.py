import numpy as np
import pytest
from scipy.stats import loguniform
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

from solution import make_search, nested_cv, non_nested_score

GRID = {"C": [0.1, 1, 10, 100], "gamma": [0.001, 0.01, 0.1, 1]}


def _data(seed=0):
    return make_classification(n_samples=200, n_features=10, n_informative=4,
                               random_state=seed)


def test_outer_scores_equal_an_explicit_double_loop():
    X, y = _data()
    res = nested_cv(SVC(), GRID, X, y, outer_splits=4, inner_splits=3, seed=7)
    outer = StratifiedKFold(4, shuffle=True, random_state=7)
    inner = StratifiedKFold(3, shuffle=True, random_state=8)
    manual, chosen = [], []
    for train, test in outer.split(X, y):
        search = GridSearchCV(SVC(), GRID, cv=inner).fit(X[train], y[train])
        manual.append(search.score(X[test], y[test]))
        chosen.append(search.best_params_)
    np.testing.assert_allclose(res.outer_scores, manual)
    assert res.best_params == chosen
    assert res.mean == pytest.approx(np.mean(manual))


class _Recorder(ClassifierMixin, BaseEstimator):
    """Predicts the majority class and logs which rows (ids in column 0) it was fitted on."""
    fits: list = []

    def __init__(self, alpha=1.0):
        self.alpha = alpha

    def fit(self, X, y):
        _Recorder.fits.append(frozenset(X[:, 0].astype(int)))
        self.classes_, counts = np.unique(y, return_counts=True)
        self.majority_ = self.classes_[counts.argmax()]
        return self

    def predict(self, X):
        return np.full(len(X), self.majority_)


def test_no_fit_ever_sees_its_outer_test_fold():
    X, y = _data()
    X = np.column_stack([np.arange(len(y)), X])  # row ids
    _Recorder.fits = []
    res = nested_cv(_Recorder(), {"alpha": [1, 2]}, X, y, outer_splits=5, inner_splits=3)
    tests = [frozenset(t) for t in res.test_indices]
    per_fold = 2 * 3 + 1  # per outer fold: 2 params x 3 inner folds, then the refit
    assert len(_Recorder.fits) == 5 * per_fold
    everything = frozenset(range(len(y)))
    for f, test in enumerate(tests):  # cross_validate runs the outer folds in order
        block = _Recorder.fits[f * per_fold:(f + 1) * per_fold]
        assert all(rows.isdisjoint(test) for rows in block)
        assert block[-1] == everything - test  # the refit uses the whole outer training fold
    # The flat search's final refit uses every row, including all the "test" rows.
    _Recorder.fits = []
    GridSearchCV(_Recorder(), {"alpha": [1, 2]}, cv=3).fit(X, y)
    assert not all(any(rows.isdisjoint(t) for t in tests) for rows in _Recorder.fits)


def test_non_nested_best_score_is_optimistic_on_noise():
    flat, nested = [], []
    for seed in range(5):
        rng = np.random.default_rng(seed)
        X, y = rng.normal(size=(100, 20)), np.repeat([0, 1], 50)  # nothing to learn
        flat.append(non_nested_score(SVC(), GRID, X, y, seed=seed))
        nested.append(nested_cv(SVC(), GRID, X, y, seed=seed).mean)
    assert np.mean(flat) > np.mean(nested) + 0.03
    assert abs(np.mean(nested) - 0.5) < 0.05


def test_reproducible_with_seeds():
    X, y = _data(1)
    pipe = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    dist = {"logisticregression__C": loguniform(1e-3, 1e2)}
    a = nested_cv(pipe, dist, X, y, search="random", n_iter=6, seed=3)
    b = nested_cv(pipe, dist, X, y, search="random", n_iter=6, seed=3)
    c = nested_cv(pipe, dist, X, y, search="random", n_iter=6, seed=4)
    np.testing.assert_array_equal(a.outer_scores, b.outer_scores)
    assert a.best_params == b.best_params
    assert a.best_params != c.best_params
    assert not all(np.array_equal(u, v) for u, v in zip(a.test_indices, c.test_indices))


def test_regression_uses_plain_kfold_and_custom_scoring():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(120, 5))
    y = X @ np.array([1.0, -2.0, 0.0, 0.5, 0.0]) + rng.normal(scale=0.5, size=120)
    res = nested_cv(Ridge(), {"alpha": [0.01, 1.0, 100.0]}, X, y, scoring="r2", outer_splits=4)
    assert res.outer_scores.shape == (4,)
    assert res.outer_scores.min() > 0.8
    assert all(p["alpha"] in (0.01, 1.0) for p in res.best_params)
    assert sorted(np.concatenate(res.test_indices).tolist()) == list(range(120))


def test_invalid_search_kind():
    with pytest.raises(ValueError, match="grid"):
        make_search(SVC(), GRID, search="bayes")
