"""Numerically stable softmax, log-softmax and cross-entropy with its gradient."""
from __future__ import annotations

import numpy as np


def log_softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """log(softmax(z)) along axis, computed as z - logsumexp(z).

    Subtracting the maximum first leaves every exponent <= 0 (no overflow) and at
    least one term equal to exp(0) = 1 (the sum cannot underflow to 0).
    """
    z = np.asarray(z, dtype=float)
    shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """Probabilities exp(z_k) / sum_j exp(z_j) along axis, without overflow."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def cross_entropy(logits: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of integer labels y under softmax(logits), and its gradient.

    logits: (n, C) unnormalised scores; y: (n,) class indices in [0, C).
    Returns (loss, dL/dlogits) where the gradient is (softmax(logits) - onehot(y)) / n.
    Raises ValueError for bad shapes, an empty batch, labels out of range or
    non-finite logits.
    """
    logits = np.asarray(logits, dtype=float)
    y = np.asarray(y)
    if logits.ndim != 2 or logits.shape[0] == 0 or logits.shape[1] == 0:
        raise ValueError(f"logits must have shape (n, C) with n, C > 0; got {logits.shape}")
    n, c = logits.shape
    if y.shape != (n,) or not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"y must be {n} integer class indices; "
                         f"got shape {y.shape}, dtype {y.dtype}")
    if y.min() < 0 or y.max() >= c:
        raise ValueError(f"labels must lie in [0, {c}); got range [{y.min()}, {y.max()}]")
    if not np.isfinite(logits).all():
        raise ValueError("logits must be finite")
    logp = log_softmax(logits, axis=1)
    rows = np.arange(n)
    loss = -float(logp[rows, y].mean())
    grad = np.exp(logp)  # softmax, reusing the stable log-probabilities
    grad[rows, y] -= 1.0
    return loss, grad / n
