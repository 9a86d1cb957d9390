"""L2-regularised logistic regression with a numerically stable loss (gradient descent)."""
from __future__ import annotations

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Logistic function 1 / (1 + exp(-z)) that never overflows.

    exp is only ever applied to -|z| <= 0, so its result lies in [0, 1].
    """
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def log_loss(z: np.ndarray, y: np.ndarray) -> float:
    """Mean binary cross-entropy of labels y in {0, 1} given logits z.

    -[y log s(z) + (1-y) log(1 - s(z))] simplifies to log(1 + e^z) - y z, and
    np.logaddexp(0, z) evaluates log(1 + e^z) without overflow for any z.
    """
    z = np.asarray(z, dtype=float)
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def _check(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or y.shape != (X.shape[0],) or X.shape[0] == 0:
        raise ValueError(f"need X of shape (n, d) and y of shape (n,), n > 0; "
                         f"got {X.shape}, {y.shape}")
    if not np.isfinite(X).all():
        raise ValueError("X must be finite")
    if not np.isin(y, (0, 1)).all():
        raise ValueError("y must contain only 0 and 1")
    return X, y.astype(float)


def loss_and_grad(
    w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray, lam: float
) -> tuple[float, np.ndarray, float]:
    """Objective mean log loss + (lam/2)||w||^2 and its gradient (the bias is not penalised)."""
    z = X @ w + b
    r = sigmoid(z) - y  # d(loss_i)/dz_i: prediction minus label
    n = X.shape[0]
    loss = log_loss(z, y) + 0.5 * lam * float(w @ w)
    return loss, X.T @ r / n + lam * w, float(r.sum()) / n


def fit_logistic(
    X: np.ndarray,
    y: np.ndarray,
    *,
    lam: float = 1e-2,
    lr: float | None = None,
    max_iter: int = 20_000,
    tol: float = 1e-8,
) -> tuple[np.ndarray, float]:
    """Fit weights w and bias b by gradient descent on the L2-regularised log loss.

    Minimises (1/n) sum_i log(1 + exp(z_i)) - y_i z_i + (lam/2)||w||^2 with
    z = X w + b; this equals scikit-learn's LogisticRegression with C = 1/(n lam).
    lr=None uses 1/L with L = sigma_max([X, 1])^2 / (4n) + lam, a bound on the
    curvature (the sigmoid's slope is at most 1/4), so every step decreases the loss.
    Stops when the gradient norm is below tol.
    """
    X, y = _check(X, y)
    if lam < 0:
        raise ValueError("lam must be non-negative")
    n, d = X.shape
    if lr is None:
        L = np.linalg.norm(np.column_stack([X, np.ones(n)]), 2) ** 2 / (4 * n) + lam
        lr = 1.0 / L
    w, b = np.zeros(d), 0.0
    for _ in range(max_iter):
        _, gw, gb = loss_and_grad(w, b, X, y, lam)
        if np.sqrt(gw @ gw + gb * gb) < tol:
            break
        w -= lr * gw
        b -= lr * gb
    return w, b


def predict_proba(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """P(y = 1 | x) for each row of X."""
    return sigmoid(np.asarray(X, dtype=float) @ w + b)
