"""k-means from scratch: k-means++ seeding, vectorised Lloyd iterations, restarts."""
from __future__ import annotations

import numpy as np


def _sq_dists(X: np.ndarray, C: np.ndarray) -> np.ndarray:
    """(n, k) squared Euclidean distances via |x|^2 - 2 x.c + |c|^2 (one matmul)."""
    d2 = (X * X).sum(axis=1)[:, None] - 2.0 * (X @ C.T) + (C * C).sum(axis=1)[None, :]
    return np.maximum(d2, 0.0)  # floating-point cancellation can leave tiny negatives


def kmeans_plus_plus(X: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Choose k initial centroids from the rows of X by D^2 sampling.

    The first centroid is a uniformly random point; each later one is drawn with
    probability proportional to its squared distance to the nearest centroid chosen
    so far (Arthur & Vassilvitskii, 2007). A chosen point has weight 0 afterwards,
    so it is never picked twice unless X has fewer than k distinct rows.
    """
    n, d = X.shape
    centers = np.empty((k, d))
    centers[0] = X[rng.integers(n)]
    closest = ((X - centers[0]) ** 2).sum(axis=1)  # exact: 0 for the chosen point
    for j in range(1, k):
        total = closest.sum()
        # total == 0 only if every point already sits on a centroid (duplicates).
        idx = rng.choice(n, p=closest / total) if total > 0 else rng.integers(n)
        centers[j] = X[idx]
        closest = np.minimum(closest, ((X - centers[j]) ** 2).sum(axis=1))
    return centers


def _lloyd(
    X: np.ndarray, centers: np.ndarray, max_iter: int, tol: float
) -> tuple[np.ndarray, np.ndarray, float]:
    """Alternate assignment and mean updates until the centroids stop moving."""
    n, k = X.shape[0], centers.shape[0]
    for _ in range(max_iter):
        d2 = _sq_dists(X, centers)                     # (n, k)
        labels = d2.argmin(axis=1)
        onehot = np.zeros((n, k))
        onehot[np.arange(n), labels] = 1.0
        counts = onehot.sum(axis=0)
        new = (onehot.T @ X) / np.maximum(counts, 1.0)[:, None]
        empty = np.flatnonzero(counts == 0)
        if empty.size:
            # An empty cluster has no mean (0/0 -> NaN). Re-seed it on the point worst
            # served by its centroid: at the next assignment that point's cost drops
            # to 0 (the largest single-point saving), inertia still never increases,
            # and we return k live clusters instead of NaNs or silently fewer.
            own = d2[np.arange(n), labels]
            new[empty] = X[np.argsort(-own, kind="stable")[: empty.size]]
        shift = ((new - centers) ** 2).sum()
        centers = new
        if shift <= tol:
            break
    labels = _sq_dists(X, centers).argmin(axis=1)      # labels match final centroids
    inertia = float(((X - centers[labels]) ** 2).sum())
    return centers, labels, inertia


def kmeans(
    X: np.ndarray,
    k: int,
    *,
    n_init: int = 10,
    max_iter: int = 300,
    tol: float = 1e-4,
    seed: int | None = None,
) -> tuple[np.ndarray, np.ndarray, float]:
    """Partition the rows of X into k clusters minimising within-cluster squared error.

    Runs k-means++ seeding plus Lloyd iterations n_init times and keeps the run with
    the lowest inertia (sum of squared distances to the assigned centroid). A run
    stops when the total squared centroid shift is at most tol times the mean
    per-feature variance of X (scale-free, as in scikit-learn), or after max_iter.

    Returns (centroids (k, d), labels (n,), inertia).
    Raises ValueError if X is not 2-D or not finite, or k is not an integer in [1, n].
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] == 0:
        raise ValueError(f"X must be 2-D (n_samples, n_features); got shape {X.shape}")
    if not np.isfinite(X).all():
        raise ValueError("X contains NaN or infinite values; impute or drop them first")
    n = X.shape[0]
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"k must be a positive integer; got {k!r}")
    if k > n:
        raise ValueError(f"k={k} exceeds the number of samples n={n}")
    if n_init < 1 or max_iter < 1:
        raise ValueError("n_init and max_iter must be at least 1")

    rng = np.random.default_rng(seed)
    mean = X.mean(axis=0)
    Xc = X - mean  # centring reduces cancellation in the |x|^2 - 2x.c + |c|^2 trick
    abs_tol = tol * float(Xc.var(axis=0).mean())
    best = None
    for _ in range(n_init):
        run = _lloyd(Xc, kmeans_plus_plus(Xc, k, rng), max_iter, abs_tol)
        if best is None or run[2] < best[2]:
            best = run
    centers, labels, inertia = best
    return centers + mean, labels, inertia
