import numpy as np
import pytest
from sklearn.model_selection import (GroupKFold, KFold, StratifiedGroupKFold, StratifiedKFold,
                                     TimeSeriesSplit)
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor

from solution import choose_cv, cv_scores, selection_leakage


def _patients(n_patients=60, per=10, seed=0):
    """Repeated measurements: each patient has a signature in feature space and one label."""
    rng = np.random.default_rng(seed)
    centers = rng.normal(size=(n_patients, 8))
    labels = rng.integers(0, 2, n_patients)  # unrelated to the features
    groups = np.repeat(np.arange(n_patients), per)
    X = centers[groups] + rng.normal(scale=0.1, size=(len(groups), 8))
    return X, labels[groups], groups


# ---------- split invariants ----------

@pytest.mark.parametrize("stratify", [False, True])
def test_group_folds_are_disjoint_and_cover_everything(stratify):
    X, y, groups = _patients()
    cv = choose_cv(groups=groups, stratify=stratify, n_splits=5)
    seen = np.zeros(len(y), int)
    for train, test in cv.split(X, y, groups):
        assert set(groups[train]).isdisjoint(groups[test])
        assert len(np.intersect1d(train, test)) == 0
        seen[test] += 1
    assert (seen == 1).all()  # every row is tested exactly once


@pytest.mark.parametrize("gap", [0, 3])
def test_time_folds_train_strictly_on_the_past(gap):
    n = 103
    cv = choose_cv(time_ordered=True, n_splits=4, gap=gap)
    previous_test_end = None
    for train, test in cv.split(np.zeros((n, 1))):
        assert (np.diff(train) == 1).all() and train[0] == 0  # an expanding prefix
        assert train.max() + gap < test.min()                   # the gap is really dropped
        assert test.min() - train.max() == gap + 1
        if previous_test_end is not None:
            assert test.min() == previous_test_end + 1          # consecutive test blocks
        previous_test_end = test.max()
    assert previous_test_end == n - 1


def test_splitter_choice_and_reproducibility():
    g = np.arange(10)
    assert isinstance(choose_cv(groups=g), GroupKFold)
    assert isinstance(choose_cv(groups=g, stratify=True), StratifiedGroupKFold)
    assert isinstance(choose_cv(time_ordered=True), TimeSeriesSplit)
    assert isinstance(choose_cv(stratify=True), StratifiedKFold)
    assert isinstance(choose_cv(), KFold)
    X = np.zeros((50, 1))
    a = [t for _, t in choose_cv(seed=3).split(X)]
    b = [t for _, t in choose_cv(seed=3).split(X)]
    c = [t for _, t in choose_cv(seed=4).split(X)]
    assert all(np.array_equal(u, v) for u, v in zip(a, b))
    assert not all(np.array_equal(u, v) for u, v in zip(a, c))


def test_invalid_combinations():
    with pytest.raises(ValueError, match="groups"):
        choose_cv(groups=np.arange(10), time_ordered=True)
    with pytest.raises(ValueError, match="stratify"):
        choose_cv(time_ordered=True, stratify=True)
    with pytest.raises(ValueError, match="gap"):
        choose_cv(gap=2)


# ---------- leakage shows up in the scores ----------

def test_feature_selection_before_split_inflates_the_score():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(100, 2000))  # pure noise: the honest accuracy is 0.5
    y = np.repeat([0, 1], 50)
    leaky, proper = selection_leakage(X, y, k=20)
    assert leaky > 0.75
    assert abs(proper - 0.5) < 0.15
    assert leaky - proper > 0.3


def test_row_level_cv_leaks_across_patients():
    X, y, groups = _patients()
    knn = KNeighborsClassifier(n_neighbors=1)
    shuffled = cv_scores(knn, X, y).mean()                 # neighbours from the same patient
    grouped = cv_scores(knn, X, y, groups=groups).mean()   # new patients only
    assert shuffled > 0.95
    assert abs(grouped - 0.5) < 0.15


def test_shuffled_cv_on_a_time_series_interpolates_the_future():
    rng = np.random.default_rng(1)
    t = np.arange(500, dtype=float)[:, None]
    y = np.cumsum(rng.normal(size=500))          # a random walk: the future is unpredictable
    knn = KNeighborsRegressor(n_neighbors=5)
    shuffled = cv_scores(knn, t, y, scoring="r2").mean()
    forward = cv_scores(knn, t, y, time_ordered=True, scoring="r2").mean()
    assert shuffled > 0.9
    assert forward < 0.0
