"""ROC-AUC from scores with ties, via ranks (Mann-Whitney U), and the ROC curve itself."""
from __future__ import annotations

import numpy as np


def _check(y_true: np.ndarray, y_score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(y_true)
    s = np.asarray(y_score, dtype=float)
    if y.ndim != 1 or y.shape != s.shape:
        raise ValueError(f"y_true and y_score must be 1-D of equal length; "
                         f"got {y.shape}, {s.shape}")
    if not np.isin(y, (0, 1)).all():
        raise ValueError("y_true must contain only 0/1 (or False/True)")
    if not np.isfinite(s).all():
        raise ValueError("y_score must be finite")
    n_pos = int(np.count_nonzero(y))
    if n_pos == 0 or n_pos == y.size:
        raise ValueError("ROC-AUC is undefined when y_true contains only one class")
    return y.astype(bool), s


def roc_auc(y_true: np.ndarray, y_score: np.ndarray) -> float:
    """P(score of a random positive > score of a random negative), ties counting 1/2.

    Computed in O(n log n) from average ranks: AUC = (R_pos - P(P+1)/2) / (P N), where
    R_pos is the sum of the positives' ranks (tied scores share their average rank).
    Raises ValueError if only one class is present, or for non-binary labels,
    non-finite scores or mismatched shapes.
    """
    y, s = _check(y_true, y_score)
    # np.unique sorts the distinct scores; a group of c tied scores occupying ranks
    # r+1..r+c gets their average, cumsum(counts) - (c - 1) / 2.
    _, group, counts = np.unique(s, return_inverse=True, return_counts=True)
    avg_rank = np.cumsum(counts) - (counts - 1) / 2.0
    ranks = avg_rank[group]
    n_pos = int(y.sum())
    n_neg = y.size - n_pos
    u = ranks[y].sum() - n_pos * (n_pos + 1) / 2.0   # Mann-Whitney U of the positives
    return float(u / (n_pos * n_neg))


def roc_curve(
    y_true: np.ndarray, y_score: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """False- and true-positive rates at every distinct threshold, highest first.

    Predicting positive when score >= threshold; the curve starts at (0, 0) with
    threshold +inf. Tied scores move both rates at once (a diagonal segment), which is
    why the trapezoidal area under this curve equals roc_auc.
    """
    y, s = _check(y_true, y_score)
    values, group = np.unique(s, return_inverse=True)
    pos = np.bincount(group, weights=y, minlength=values.size)[::-1]     # per score, descending
    neg = np.bincount(group, weights=~y, minlength=values.size)[::-1]
    tpr = np.concatenate([[0.0], np.cumsum(pos) / pos.sum()])
    fpr = np.concatenate([[0.0], np.cumsum(neg) / neg.sum()])
    return fpr, tpr, np.concatenate([[np.inf], values[::-1]])
