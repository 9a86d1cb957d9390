"""Gaussian naive Bayes in log space, with scikit-learn-style variance smoothing."""
from __future__ import annotations

import numpy as np


class GaussianNB:
    """Naive Bayes with one Gaussian per (class, feature).

    var_smoothing adds epsilon = var_smoothing * max_j Var(X[:, j]) to every
    per-class variance (scikit-learn's rule), so a feature that is constant within
    a class does not produce a zero variance. If every feature is constant, the
    features carry no information and epsilon falls back to var_smoothing itself.
    """

    def __init__(self, var_smoothing: float = 1e-9) -> None:
        if var_smoothing < 0:
            raise ValueError("var_smoothing must be non-negative")
        self.var_smoothing = var_smoothing

    def fit(self, X: np.ndarray, y: np.ndarray) -> GaussianNB:
        """Estimate class priors, per-class means and (biased) variances."""
        X = np.asarray(X, dtype=float)
        y = np.asarray(y)
        if X.ndim != 2 or X.shape[0] == 0 or y.shape != (X.shape[0],):
            raise ValueError(f"need X of shape (n, d), n > 0, and y of shape (n,); "
                             f"got {X.shape}, {y.shape}")
        if not np.isfinite(X).all():
            raise ValueError("X must be finite")
        self.classes_, y_idx = np.unique(y, return_inverse=True)
        counts = np.bincount(y_idx)
        self.class_prior_ = counts / counts.sum()
        onehot = np.eye(len(self.classes_))[y_idx]                       # (n, C)
        self.theta_ = (onehot.T @ X) / counts[:, None]                   # (C, d) means
        # Two-pass variance: subtract the class mean before squaring, which avoids
        # the cancellation of E[x^2] - E[x]^2 when the mean is large.
        sq_dev = (X - self.theta_[y_idx]) ** 2
        max_var = X.var(axis=0).max()
        self.epsilon_ = self.var_smoothing * (max_var if max_var > 0 else 1.0)
        self.var_ = (onehot.T @ sq_dev) / counts[:, None] + self.epsilon_
        return self

    def _joint_log_likelihood(self, X: np.ndarray) -> np.ndarray:
        """log P(c) + sum_j log N(x_j; mu_cj, var_cj) for every row and class, (n, C)."""
        if not hasattr(self, "theta_"):
            raise RuntimeError("call fit before predicting")
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or X.shape[1] != self.theta_.shape[1]:
            raise ValueError(f"X must have shape (n, {self.theta_.shape[1]}); got {X.shape}")
        log_norm = -0.5 * np.log(2.0 * np.pi * self.var_).sum(axis=1)     # (C,)
        # Squared standardised distance to each class mean; looping over the (few)
        # classes keeps memory at O(n d) and, unlike expanding the square, stays
        # accurate for points far from every mean.
        quad = np.stack([((X - mu) ** 2 / var).sum(axis=1)
                         for mu, var in zip(self.theta_, self.var_)], axis=1)      # (n, C)
        return np.log(self.class_prior_) + log_norm - 0.5 * quad

    def predict_log_proba(self, X: np.ndarray) -> np.ndarray:
        """log P(c | x), normalised with log-sum-exp so far-away points do not underflow."""
        jll = self._joint_log_likelihood(X)
        m = jll.max(axis=1, keepdims=True)
        return jll - (m + np.log(np.exp(jll - m).sum(axis=1, keepdims=True)))

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """P(c | x), shape (n, n_classes), columns in the order of classes_."""
        return np.exp(self.predict_log_proba(X))

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Most probable class (the normaliser is shared, so argmax of the joint suffices)."""
        jll = self._joint_log_likelihood(X)
        return self.classes_[jll.argmax(axis=1)]
