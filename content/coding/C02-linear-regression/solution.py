"""Linear regression from scratch: closed form (lstsq or normal equations) and gradient descent."""
from __future__ import annotations

import numpy as np


def _check(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1:
        raise ValueError(f"X must be 2-D and y 1-D; got shapes {X.shape} and {y.shape}")
    if X.shape[0] != y.shape[0] or X.shape[0] == 0:
        raise ValueError(f"X and y need the same, non-zero number of rows; "
                         f"got {X.shape[0]} and {y.shape[0]}")
    if not (np.isfinite(X).all() and np.isfinite(y).all()):
        raise ValueError("X and y must be finite")
    return X, y


def fit_closed_form(
    X: np.ndarray, y: np.ndarray, *, fit_intercept: bool = True, method: str = "lstsq"
) -> tuple[np.ndarray, float]:
    """Least-squares weights and intercept minimising ||X w + b - y||^2.

    method="lstsq" solves via SVD (minimum-norm solution if X is rank deficient);
    method="normal" solves (Xc^T Xc) w = Xc^T yc, which squares the condition number
    and raises numpy.linalg.LinAlgError when X^T X is singular.
    """
    X, y = _check(X, y)
    # Centring removes the intercept from the problem: b = mean(y) - mean(X) @ w.
    x_mean = X.mean(axis=0) if fit_intercept else np.zeros(X.shape[1])
    y_mean = y.mean() if fit_intercept else 0.0
    Xc, yc = X - x_mean, y - y_mean
    if method == "lstsq":
        w = np.linalg.lstsq(Xc, yc, rcond=None)[0]
    elif method == "normal":
        w = np.linalg.solve(Xc.T @ Xc, Xc.T @ yc)
    else:
        raise ValueError(f"method must be 'lstsq' or 'normal'; got {method!r}")
    return w, float(y_mean - x_mean @ w)


def fit_gradient_descent(
    X: np.ndarray,
    y: np.ndarray,
    *,
    fit_intercept: bool = True,
    lr: float | None = None,
    max_iter: int = 10_000,
    tol: float = 1e-10,
) -> tuple[np.ndarray, float, list[float]]:
    """Full-batch gradient descent on the mean squared error (1/2n)||X w + b - y||^2.

    Features are standardised internally so one step size suits all of them; the
    weights are mapped back to the original scale on return. lr=None uses 1/L, where
    L is the largest eigenvalue of the Hessian of the standardised problem.
    Stops when the gradient norm falls below tol. Returns (w, b, loss history).
    Raises FloatingPointError if the loss rises above its starting value (lr too large).
    """
    X, y = _check(X, y)
    n = X.shape[0]
    x_mean = X.mean(axis=0) if fit_intercept else np.zeros(X.shape[1])
    y_mean = y.mean() if fit_intercept else 0.0
    scale = np.sqrt(((X - x_mean) ** 2).mean(axis=0))
    scale[scale == 0] = 1.0  # a constant column stays all-zero after centring: weight 0
    Z, t = (X - x_mean) / scale, y - y_mean
    if lr is None:
        L = np.linalg.norm(Z, 2) ** 2 / n  # squared spectral norm / n = Hessian's top eigenvalue
        lr = 1.0 / L if L > 0 else 1.0
    v = np.zeros(X.shape[1])
    losses = []
    for _ in range(max_iter):
        r = Z @ v - t
        losses.append(float(r @ r) / (2 * n))
        grad = Z.T @ r / n
        # With a stable step (lr < 2/L) the loss of a quadratic never rises, so
        # exceeding the starting loss means the iterates are blowing up.
        if losses[-1] > losses[0]:
            raise FloatingPointError(f"gradient descent diverged; lower lr (got {lr:.3g})")
        if np.linalg.norm(grad) < tol:
            break
        v -= lr * grad
    w = v / scale
    return w, float(y_mean - x_mean @ w), losses


def predict(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """Predictions X w + b."""
    return np.asarray(X, dtype=float) @ w + b
