"""precision@k, recall@k and NDCG@k per query, with tied scores averaged."""
from __future__ import annotations

import numpy as np


def _check(
    y_true: np.ndarray, y_score: np.ndarray, k: int | None
) -> tuple[np.ndarray, np.ndarray, int]:
    y = np.asarray(y_true, dtype=float)
    s = np.asarray(y_score, dtype=float)
    if y.ndim != 2 or y.shape != s.shape or y.shape[1] == 0:
        raise ValueError(f"y_true and y_score must be (n_queries, n_items), n_items > 0; "
                         f"got {y.shape}, {s.shape}")
    if not (np.isfinite(y).all() and np.isfinite(s).all()) or (y < 0).any():
        raise ValueError("relevances must be finite and >= 0, scores finite")
    if k is None:
        k = y.shape[1]
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"k must be a positive integer; got {k!r}")
    return y, s, min(int(k), y.shape[1])  # a list shorter than k is shown in full


def _expected_by_position(values: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """values[i] placed in descending-score order, each tied group replaced by its mean.

    This is the expectation over all orderings of the ties (McSherry & Najork, 2008):
    a tied group occupying several positions contributes its average value to each.
    """
    _, group, counts = np.unique(-scores, return_inverse=True, return_counts=True)
    means = np.bincount(group, weights=values, minlength=counts.size) / counts
    return np.repeat(means, counts)


def _hits(y: np.ndarray, s: np.ndarray, k: int) -> np.ndarray:
    relevant = (y > 0).astype(float)
    return np.array([_expected_by_position(r, sc)[:k].sum() for r, sc in zip(relevant, s)])


def precision_at_k(y_true: np.ndarray, y_score: np.ndarray, k: int) -> np.ndarray:
    """Fraction of the top-k items (by score) with relevance > 0, per query.

    If a query has fewer than k items, k is capped at its length.
    """
    y, s, k = _check(y_true, y_score, k)
    return _hits(y, s, k) / k


def recall_at_k(y_true: np.ndarray, y_score: np.ndarray, k: int) -> np.ndarray:
    """Fraction of a query's relevant items that appear in its top k.

    A query with no relevant item gets 0 (the metric is undefined there; filter such
    queries out beforehand if they should not count).
    """
    y, s, k = _check(y_true, y_score, k)
    n_relevant = (y > 0).sum(axis=1)
    return np.where(n_relevant > 0, _hits(y, s, k) / np.maximum(n_relevant, 1), 0.0)


def ndcg_at_k(
    y_true: np.ndarray, y_score: np.ndarray, k: int | None = None, *, exponential: bool = False
) -> np.ndarray:
    """DCG@k / ideal DCG@k per query, with discount 1 / log2(position + 1).

    Gain is the relevance itself (scikit-learn's ndcg_score) or 2^rel - 1 if
    exponential. Queries with no relevant item (ideal DCG = 0) get 0.
    """
    y, s, k = _check(y_true, y_score, k)
    gains = np.exp2(y) - 1.0 if exponential else y
    discount = 1.0 / np.log2(np.arange(2, k + 2))
    dcg = np.array([_expected_by_position(g, sc)[:k] @ discount for g, sc in zip(gains, s)])
    ideal = -np.sort(-gains, axis=1)[:, :k] @ discount
    return np.where(ideal > 0, dcg / np.where(ideal > 0, ideal, 1.0), 0.0)
