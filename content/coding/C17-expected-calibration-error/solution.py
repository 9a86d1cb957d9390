"""Expected calibration error (ECE) with equal-width or equal-mass bins, and a reliability table."""
from __future__ import annotations

import numpy as np
import pandas as pd


def _validate(y_true, y_prob) -> tuple[np.ndarray, np.ndarray]:
    """Float arrays of 0/1 labels and probabilities in [0, 1]; ValueError otherwise."""
    y_true = np.asarray(y_true, dtype=float)
    y_prob = np.asarray(y_prob, dtype=float)
    if y_true.ndim != 1 or y_prob.ndim != 1 or y_true.shape != y_prob.shape:
        raise ValueError("y_true and y_prob must be 1-D arrays of the same length")
    if y_true.size == 0:
        raise ValueError("need at least one prediction")
    if not np.isin(y_true, (0.0, 1.0)).all():
        raise ValueError("y_true must contain only 0 and 1")
    if not (np.isfinite(y_prob).all() and (y_prob >= 0).all() and (y_prob <= 1).all()):
        raise ValueError("y_prob must be finite probabilities in [0, 1]")
    return y_true, y_prob


def bin_edges(y_prob: np.ndarray, n_bins: int = 10, strategy: str = "uniform") -> np.ndarray:
    """n_bins + 1 edges: equal width on [0, 1] ("uniform") or equal mass ("quantile")."""
    if isinstance(n_bins, bool) or not isinstance(n_bins, (int, np.integer)) or n_bins < 1:
        raise ValueError(f"n_bins must be a positive integer; got {n_bins!r}")
    if strategy == "uniform":
        return np.linspace(0.0, 1.0, n_bins + 1)
    if strategy == "quantile":
        # Linear-interpolated quantiles, the same edges as sklearn's calibration_curve.
        # Tied scores can make edges coincide; the bins between them are simply empty.
        return np.quantile(y_prob, np.linspace(0.0, 1.0, n_bins + 1))
    raise ValueError(f"strategy must be 'uniform' or 'quantile'; got {strategy!r}")


def reliability_table(
    y_true, y_prob, n_bins: int = 10, strategy: str = "uniform"
) -> pd.DataFrame:
    """One row per bin: edges, count, mean predicted probability, observed positive rate, gap.

    Bins are right-closed, (lower, upper], except that the first bin also holds its lower
    edge, so a score equal to an edge falls in the lower bin (as in scikit-learn).
    Empty bins are kept with count 0 and NaN means, so gaps in the data stay visible.
    """
    y_true, y_prob = _validate(y_true, y_prob)
    edges = bin_edges(y_prob, n_bins, strategy)
    # Searching the interior edges only maps p <= e_1 to bin 0 and p > e_{B-1} to bin B-1.
    ids = np.searchsorted(edges[1:-1], y_prob, side="left")
    count = np.bincount(ids, minlength=n_bins)
    sum_prob = np.bincount(ids, weights=y_prob, minlength=n_bins)
    sum_true = np.bincount(ids, weights=y_true, minlength=n_bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_pred = sum_prob / count   # confidence of the bin
        frac_pos = sum_true / count    # accuracy of the bin (observed frequency)
    return pd.DataFrame({
        "lower": edges[:-1], "upper": edges[1:], "count": count,
        "mean_pred": mean_pred, "frac_pos": frac_pos, "gap": frac_pos - mean_pred,
    })


def expected_calibration_error(
    y_true, y_prob, n_bins: int = 10, strategy: str = "uniform"
) -> float:
    """ECE = sum over non-empty bins of (n_b / n) * |frac_pos_b - mean_pred_b|."""
    table = reliability_table(y_true, y_prob, n_bins, strategy)
    full = table[table["count"] > 0]
    weights = full["count"] / full["count"].sum()
    return float((weights * full["gap"].abs()).sum())


def max_calibration_error(y_true, y_prob, n_bins: int = 10, strategy: str = "uniform") -> float:
    """MCE: the largest |gap| over non-empty bins (worst-case rather than average)."""
    table = reliability_table(y_true, y_prob, n_bins, strategy)
    return float(table.loc[table["count"] > 0, "gap"].abs().max())


def top_label(y_true, proba) -> tuple[np.ndarray, np.ndarray]:
    """Reduce multiclass predictions to (correct, confidence) for top-label ECE.

    proba has shape (n, n_classes) and y_true holds class indices 0..n_classes-1.
    """
    proba = np.asarray(proba, dtype=float)
    y_true = np.asarray(y_true)
    if proba.ndim != 2 or y_true.shape != (proba.shape[0],):
        raise ValueError("proba must be (n, n_classes) and y_true must have length n")
    pred = proba.argmax(axis=1)
    return (pred == y_true).astype(float), proba[np.arange(len(pred)), pred]
