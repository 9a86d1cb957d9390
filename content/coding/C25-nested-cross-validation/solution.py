"""Nested cross-validation: an unbiased estimate of "tune hyperparameters, then fit"."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.base import BaseEstimator, is_classifier
from sklearn.model_selection import (GridSearchCV, KFold, RandomizedSearchCV, StratifiedKFold,
                                     cross_validate)


@dataclass
class NestedCVResult:
    outer_scores: np.ndarray       # one score per outer test fold
    best_params: list[dict]        # what the inner search chose on each outer training fold
    test_indices: list[np.ndarray]  # the outer test folds, for auditing

    @property
    def mean(self) -> float:
        """The nested estimate of the tuned procedure's score."""
        return float(self.outer_scores.mean())


def _splitter(estimator: BaseEstimator, n_splits: int, seed: int):
    """Shuffled, seeded folds; stratified for classifiers so every fold sees each class."""
    kind = StratifiedKFold if is_classifier(estimator) else KFold
    return kind(n_splits=n_splits, shuffle=True, random_state=seed)


def make_search(
    estimator: BaseEstimator,
    params: dict,
    *,
    search: str = "grid",
    n_iter: int = 10,
    inner_splits: int = 3,
    scoring: str | None = None,
    seed: int = 0,
):
    """The inner loop: a hyperparameter search that is itself an estimator."""
    inner = _splitter(estimator, inner_splits, seed + 1)  # fixed seed -> same inner folds
    if search == "grid":
        return GridSearchCV(estimator, params, cv=inner, scoring=scoring)
    if search == "random":
        return RandomizedSearchCV(estimator, params, n_iter=n_iter, cv=inner, scoring=scoring,
                                  random_state=seed)
    raise ValueError(f"search must be 'grid' or 'random'; got {search!r}")


def nested_cv(
    estimator: BaseEstimator,
    params: dict,
    X: np.ndarray,
    y: np.ndarray,
    *,
    search: str = "grid",
    n_iter: int = 10,
    inner_splits: int = 3,
    outer_splits: int = 5,
    scoring: str | None = None,
    seed: int = 0,
) -> NestedCVResult:
    """Score the whole procedure "search hyperparameters on the training data, refit the best".

    The search object is passed to cross_validate as if it were a model, so on each outer
    fold it tunes (inner CV) and refits using only the outer training rows; the outer test
    fold is touched once, for scoring. Everything is seeded, so results are reproducible.
    """
    tuner = make_search(estimator, params, search=search, n_iter=n_iter,
                        inner_splits=inner_splits, scoring=scoring, seed=seed)
    outer = _splitter(estimator, outer_splits, seed)
    res = cross_validate(tuner, X, y, cv=outer, scoring=scoring, return_estimator=True)
    return NestedCVResult(
        outer_scores=np.asarray(res["test_score"]),
        best_params=[fitted.best_params_ for fitted in res["estimator"]],
        test_indices=[test for _, test in outer.split(X, y)],
    )


def non_nested_score(
    estimator: BaseEstimator,
    params: dict,
    X: np.ndarray,
    y: np.ndarray,
    *,
    n_splits: int = 5,
    scoring: str | None = None,
    seed: int = 0,
) -> float:
    """best_score_ of a grid search on all the data: the optimistic number people report."""
    cv = _splitter(estimator, n_splits, seed)
    return float(GridSearchCV(estimator, params, cv=cv, scoring=scoring).fit(X, y).best_score_)
