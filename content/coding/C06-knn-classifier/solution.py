"""k-nearest-neighbour classification with vectorised distances and a stated tie-breaking rule."""
from __future__ import annotations

import numpy as np


def pairwise_sq_dists(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """(len(A), len(B)) squared Euclidean distances via |a|^2 - 2 a.b + |b|^2."""
    d2 = (A * A).sum(axis=1)[:, None] - 2.0 * (A @ B.T) + (B * B).sum(axis=1)[None, :]
    return np.maximum(d2, 0.0)  # cancellation can leave tiny negatives


def knn_predict_proba(
    X_train: np.ndarray,
    y_train: np.ndarray,
    X_test: np.ndarray,
    k: int,
    *,
    batch_size: int = 1024,
) -> tuple[np.ndarray, np.ndarray]:
    """Vote shares of the k nearest training points (Euclidean) for each test row.

    Ties in distance are broken by training-set order: among equidistant points the
    one that appears first in X_train counts as nearer (stable sort).
    Returns (classes, proba) with classes sorted and proba of shape (n_test, n_classes).
    Test rows are processed in batches so memory stays O(batch_size * n_train).
    """
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    y_train = np.asarray(y_train)
    if X_train.ndim != 2 or X_test.ndim != 2 or X_train.shape[1] != X_test.shape[1]:
        raise ValueError(f"need 2-D X_train and X_test with equal columns; "
                         f"got {X_train.shape}, {X_test.shape}")
    if y_train.shape != (X_train.shape[0],):
        raise ValueError(f"y_train must have shape ({X_train.shape[0]},); got {y_train.shape}")
    if not (np.isfinite(X_train).all() and np.isfinite(X_test).all()):
        raise ValueError("X_train and X_test must be finite")
    n = X_train.shape[0]
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= n:
        raise ValueError(f"k must be an integer in [1, n_train={n}]; got {k!r}")
    # Centre on the training mean: distances are unchanged, but the expansion
    # |a|^2 - 2ab + |b|^2 no longer subtracts huge, nearly equal numbers.
    mean = X_train.mean(axis=0)
    X_train, X_test = X_train - mean, X_test - mean
    classes, y_idx = np.unique(y_train, return_inverse=True)
    proba = np.zeros((X_test.shape[0], len(classes)))
    for start in range(0, X_test.shape[0], batch_size):
        d2 = pairwise_sq_dists(X_test[start:start + batch_size], X_train)
        nearest = np.argsort(d2, axis=1, kind="stable")[:, :k]  # (b, k) training indices
        votes = y_idx[nearest]
        rows = np.arange(votes.shape[0])[:, None]
        np.add.at(proba[start:start + batch_size], (rows, votes), 1.0 / k)
    return classes, proba


def knn_predict(
    X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, k: int, *, batch_size: int = 1024
) -> np.ndarray:
    """Majority label among the k nearest training points.

    A tie in the vote goes to the smallest class label (argmax returns the first
    maximum over the sorted classes), which is also scikit-learn's rule.
    """
    classes, proba = knn_predict_proba(X_train, y_train, X_test, k, batch_size=batch_size)
    return classes[proba.argmax(axis=1)]
