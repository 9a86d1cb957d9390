"""Multi-class confusion matrix and per-class, macro, micro and weighted F1."""
from __future__ import annotations

import numpy as np


def _encode(y_true: np.ndarray, y_pred: np.ndarray, labels: np.ndarray | None
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validate inputs; return (labels, y_true as indices, y_pred as indices)."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.ndim != 1 or y_true.shape != y_pred.shape or y_true.size == 0:
        raise ValueError(f"y_true and y_pred must be non-empty 1-D arrays of equal length; "
                         f"got {y_true.shape}, {y_pred.shape}")
    if labels is None:
        labels = np.unique(np.concatenate([y_true, y_pred]))
    labels = np.asarray(labels)
    if labels.ndim != 1 or labels.size == 0 or np.unique(labels).size != labels.size:
        raise ValueError("labels must be a non-empty 1-D array without duplicates")
    sorter = np.argsort(labels)
    encoded = []
    for y in (y_true, y_pred):
        pos = np.clip(np.searchsorted(labels, y, sorter=sorter), 0, labels.size - 1)
        idx = sorter[pos]
        unknown = labels[idx] != y
        if unknown.any():
            # scikit-learn silently drops such samples, which hides label bugs.
            raise ValueError(f"{sorted(set(y[unknown].tolist()))} not found in labels")
        encoded.append(idx)
    return labels, encoded[0], encoded[1]


def _count(n_labels: int, t: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Confusion counts in one pass: the pair (t, p) is the flat cell t * n + p."""
    return np.bincount(t * n_labels + p, minlength=n_labels * n_labels).reshape(n_labels, n_labels)


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, labels: np.ndarray | None = None
                     ) -> np.ndarray:
    """C[i, j] = number of samples with true label labels[i] predicted as labels[j].

    labels defaults to the sorted union of y_true and y_pred. If given, it fixes the
    row/column order, may include classes that never occur, and must cover every
    label that does occur (else ValueError).
    """
    labels, t, p = _encode(y_true, y_pred, labels)
    return _count(labels.size, t, p)


def _safe_divide(num: np.ndarray, den: np.ndarray, zero_division: float) -> np.ndarray:
    """num / den elementwise, with zero_division wherever den == 0 (and no warning)."""
    return np.where(den > 0, num / np.where(den > 0, den, 1), zero_division)


def f1_report(y_true: np.ndarray, y_pred: np.ndarray, labels: np.ndarray | None = None,
              zero_division: float = 0.0) -> dict:
    """Per-class precision, recall, F1 and support, plus macro, micro and weighted F1.

    Per class: precision = TP / (TP + FP), recall = TP / (TP + FN), and
    F1 = 2 TP / (2 TP + FP + FN), their harmonic mean. A ratio whose denominator is 0
    (class never predicted, never present, or both) takes the value zero_division.
    Macro = unweighted mean over labels; weighted = mean weighted by support (true
    count); micro = F1 of the pooled counts, which equals accuracy here because every
    sample has exactly one true and one predicted label.
    """
    labels, t, p = _encode(y_true, y_pred, labels)
    cm = _count(labels.size, t, p)
    tp = np.diag(cm).astype(float)
    predicted = cm.sum(axis=0)                     # TP + FP per class
    support = cm.sum(axis=1)                       # TP + FN per class
    f1 = _safe_divide(2 * tp, predicted + support, zero_division)
    return {
        "labels": labels,
        "confusion_matrix": cm,
        "precision": _safe_divide(tp, predicted, zero_division),
        "recall": _safe_divide(tp, support, zero_division),
        "f1": f1,
        "support": support,
        "macro_f1": float(f1.mean()),
        "weighted_f1": float((f1 * support).sum() / support.sum()),
        "micro_f1": float(2 * tp.sum() / (predicted.sum() + support.sum())),
    }
