"""Cross-validation that matches how the model will be used, and a demonstration of leakage."""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (GroupKFold, KFold, StratifiedGroupKFold, StratifiedKFold,
                                     TimeSeriesSplit, cross_val_score)
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def choose_cv(
    *,
    groups: np.ndarray | None = None,
    time_ordered: bool = False,
    stratify: bool = False,
    n_splits: int = 5,
    gap: int = 0,
    seed: int = 0,
):
    """Pick the splitter that mirrors deployment.

    time_ordered: rows are sorted by time and the model predicts the future ->
        TimeSeriesSplit (train on a prefix, test on the next block, `gap` rows dropped between).
    groups: rows of one group (patient, user, session) are correlated and new groups
        appear in production -> GroupKFold, or StratifiedGroupKFold if stratify.
    otherwise: shuffled (Stratified)KFold with a fixed seed.
    """
    if groups is not None and time_ordered:
        raise ValueError("combine time order and groups with a custom splitter; "
                         "TimeSeriesSplit ignores groups")
    if time_ordered and stratify:
        raise ValueError("TimeSeriesSplit cannot stratify; test blocks follow time order")
    if time_ordered:
        return TimeSeriesSplit(n_splits=n_splits, gap=gap)
    if gap:
        raise ValueError("gap only applies to time-ordered splits")
    if groups is not None:
        if stratify:
            return StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
        return GroupKFold(n_splits=n_splits)  # deterministic: balances group sizes
    if stratify:
        return StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    return KFold(n_splits=n_splits, shuffle=True, random_state=seed)


def cv_scores(
    model: BaseEstimator,
    X: np.ndarray,
    y: np.ndarray,
    *,
    groups: np.ndarray | None = None,
    time_ordered: bool = False,
    stratify: bool = False,
    n_splits: int = 5,
    gap: int = 0,
    seed: int = 0,
    scoring: str | None = None,
) -> np.ndarray:
    """Per-fold scores of `model` (ideally a Pipeline holding all preprocessing)."""
    cv = choose_cv(groups=groups, time_ordered=time_ordered, stratify=stratify,
                   n_splits=n_splits, gap=gap, seed=seed)
    return cross_val_score(model, X, y, groups=groups, cv=cv, scoring=scoring)


def selection_leakage(
    X: np.ndarray, y: np.ndarray, *, k: int = 20, n_splits: int = 5, seed: int = 0
) -> tuple[float, float]:
    """Mean CV accuracy of "select the k best features, then logistic regression", done two ways.

    leaky:  SelectKBest is fitted on all rows, so the test folds helped choose the features.
    proper: the selector sits inside the Pipeline and is refitted on each training fold.
    On pure-noise data the honest answer is chance; the leaky estimate is far above it.
    """
    cv = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    clf = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    X_selected = SelectKBest(f_classif, k=k).fit_transform(X, y)  # the mistake
    leaky = cross_val_score(clf, X_selected, y, cv=cv).mean()
    pipe = make_pipeline(SelectKBest(f_classif, k=k), StandardScaler(),
                         LogisticRegression(max_iter=1000))
    proper = cross_val_score(pipe, X, y, cv=cv).mean()
    return float(leaky), float(proper)
