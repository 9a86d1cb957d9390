"""Principal component analysis via the SVD of the centred data matrix."""
from __future__ import annotations

import numpy as np


class PCA:
    """PCA with a deterministic sign convention.

    n_components: an int k in [1, min(n, d)]; a float in (0, 1), meaning the fewest
    components whose cumulative explained-variance ratio exceeds it; or None for
    all min(n, d) components.
    Each component is flipped so that its largest-magnitude loading is positive;
    the SVD alone determines a component only up to sign.
    """

    def __init__(self, n_components: int | float | None = None) -> None:
        self.n_components = n_components

    def fit(self, X: np.ndarray) -> PCA:
        """Compute the mean, components and explained variances of X (n, d)."""
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or X.shape[0] < 2 or not np.isfinite(X).all():
            raise ValueError(f"X must be a finite 2-D array with at least 2 rows; "
                             f"got shape {X.shape}")
        n, d = X.shape
        self.mean_ = X.mean(axis=0)
        # Thin SVD of the centred data: Xc = U diag(S) Vt. The rows of Vt are the
        # eigenvectors of the covariance Xc^T Xc / (n-1) without ever forming it.
        _, S, Vt = np.linalg.svd(X - self.mean_, full_matrices=False)
        variance = S**2 / (n - 1)
        total = variance.sum()
        ratio = variance / total if total > 0 else np.zeros_like(variance)
        k = self._choose_k(ratio, min(n, d))
        # Sign convention: largest |loading| of each component is positive.
        top = np.abs(Vt[:k]).argmax(axis=1)
        signs = np.sign(Vt[np.arange(k), top])
        self.components_ = Vt[:k] * signs[:, None]
        self.singular_values_ = S[:k]
        self.explained_variance_ = variance[:k]
        self.explained_variance_ratio_ = ratio[:k]
        self.n_components_ = k
        return self

    def _choose_k(self, ratio: np.ndarray, max_k: int) -> int:
        nc = self.n_components
        if nc is None:
            return max_k
        if isinstance(nc, (int, np.integer)) and not isinstance(nc, bool):
            if not 1 <= nc <= max_k:
                raise ValueError(f"n_components={nc} must be in [1, min(n, d)={max_k}]")
            return int(nc)
        if isinstance(nc, float) and 0.0 < nc < 1.0:
            # fewest components whose cumulative ratio is strictly above nc
            return min(int(np.searchsorted(np.cumsum(ratio), nc, side="right")) + 1, max_k)
        raise ValueError(f"n_components must be None, an int, or a float in (0, 1); got {nc!r}")

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Project X onto the components: (X - mean) @ components.T, shape (n, k)."""
        if not hasattr(self, "components_"):
            raise RuntimeError("call fit before transform")
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or X.shape[1] != self.mean_.shape[0]:
            raise ValueError(f"X must have shape (n, {self.mean_.shape[0]}); got {X.shape}")
        return (X - self.mean_) @ self.components_.T

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        """Fit, then project X."""
        return self.fit(X).transform(X)

    def inverse_transform(self, Z: np.ndarray) -> np.ndarray:
        """Map scores back to feature space: Z @ components + mean (best rank-k approximation)."""
        if not hasattr(self, "components_"):
            raise RuntimeError("call fit before inverse_transform")
        Z = np.asarray(Z, dtype=float)
        if Z.ndim != 2 or Z.shape[1] != self.n_components_:
            raise ValueError(f"Z must have shape (n, {self.n_components_}); got {Z.shape}")
        return Z @ self.components_ + self.mean_
