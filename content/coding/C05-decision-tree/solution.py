"""CART decision tree classifier with Gini impurity, grown depth-first."""
from __future__ import annotations

import numpy as np


class DecisionTreeClassifier:
    """Binary-split classification tree on numeric features.

    A node becomes a leaf when it is pure, is at max_depth, has fewer than
    min_samples_split samples, or has no split leaving min_samples_leaf samples
    on each side. Otherwise it takes the split with the lowest weighted Gini
    impurity, even if that is no better than the parent (XOR needs such a
    zero-gain first split). Ties go to the lower feature index, then the lower
    threshold. Nodes are stored in depth-first order, left child first.
    """

    def __init__(self, max_depth: int | None = None, min_samples_split: int = 2,
                 min_samples_leaf: int = 1) -> None:
        if max_depth is not None and max_depth < 1:
            raise ValueError("max_depth must be None or >= 1")
        if min_samples_split < 2 or min_samples_leaf < 1:
            raise ValueError("need min_samples_split >= 2 and min_samples_leaf >= 1")
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf

    def fit(self, X: np.ndarray, y: np.ndarray) -> DecisionTreeClassifier:
        """Grow the tree on X (n, d) and labels y (n,) of any sortable type."""
        X = self._check_X(X, n_features=None)
        y = np.asarray(y)
        if y.shape != (X.shape[0],):
            raise ValueError(f"y must have shape ({X.shape[0]},); got {y.shape}")
        self.classes_, y_idx = np.unique(y, return_inverse=True)
        onehot = np.eye(len(self.classes_))[y_idx]           # (n, C) class indicators
        self.n_features_ = X.shape[1]
        feat, thr, left, right, value, depths = [], [], [], [], [], []
        stack = [(np.arange(X.shape[0]), 0, -1, False)]      # (rows, depth, parent, is_left)
        while stack:
            rows, depth, parent, is_left = stack.pop()
            node = len(value)
            counts = onehot[rows].sum(axis=0)
            value.append(counts)
            depths.append(depth)
            for column, leaf_marker in ((feat, -1), (thr, np.nan), (left, -1), (right, -1)):
                column.append(leaf_marker)                   # a leaf until a split is found
            if parent >= 0:
                (left if is_left else right)[parent] = node
            stop = ((self.max_depth is not None and depth >= self.max_depth)
                    or len(rows) < max(self.min_samples_split, 2 * self.min_samples_leaf)
                    or np.count_nonzero(counts) == 1)
            split = None if stop else self._best_split(X[rows], onehot[rows])
            if split is None:
                continue
            feat[node], thr[node] = split
            goes_left = X[rows, split[0]] <= split[1]
            stack.append((rows[~goes_left], depth + 1, node, False))
            stack.append((rows[goes_left], depth + 1, node, True))  # popped first
        self.feature_, self.threshold_ = np.array(feat), np.array(thr)
        self.left_, self.right_ = np.array(left), np.array(right)
        self.value_ = np.array(value)
        self.depth_, self.n_leaves_ = max(depths), int(np.sum(self.feature_ < 0))
        return self

    def _best_split(self, X: np.ndarray, Y: np.ndarray) -> tuple[int, float] | None:
        """Feature and threshold minimising weighted Gini, or None if no valid split exists.

        Minimising n_L G_L + n_R G_R equals maximising sum_k L_k^2/n_L + sum_k R_k^2/n_R,
        which one cumulative sum of class counts gives for every cut of a sorted feature.
        """
        m = X.shape[0]
        n_left = np.arange(1, m)
        best, best_score = None, -np.inf
        for f in range(X.shape[1]):
            order = np.argsort(X[:, f], kind="stable")
            xs = X[order, f]
            left = np.cumsum(Y[order], axis=0)[:-1]           # counts left of each cut
            right = Y.sum(axis=0) - left
            score = (left**2).sum(axis=1) / n_left + (right**2).sum(axis=1) / (m - n_left)
            valid = ((xs[1:] > xs[:-1]) & (n_left >= self.min_samples_leaf)
                     & (m - n_left >= self.min_samples_leaf))  # cut only between distinct values
            if not valid.any():
                continue
            i = int(np.argmax(np.where(valid, score, -np.inf)))  # first best cut
            if score[i] > best_score:
                threshold = xs[i] / 2.0 + xs[i + 1] / 2.0
                if threshold == xs[i + 1]:  # midpoint rounded up: keep x_i <= t < x_{i+1}
                    threshold = xs[i]
                best, best_score = (f, float(threshold)), score[i]
        return best

    def _check_X(self, X: np.ndarray, n_features: int | None) -> np.ndarray:
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or X.shape[0] == 0 or not np.isfinite(X).all():
            raise ValueError(f"X must be a finite, non-empty 2-D array; got shape {X.shape}")
        if n_features is not None and X.shape[1] != n_features:
            raise ValueError(f"X has {X.shape[1]} features; the tree was fitted on {n_features}")
        return X

    def apply(self, X: np.ndarray) -> np.ndarray:
        """Index of the leaf each row of X falls into (all rows descend together)."""
        if not hasattr(self, "value_"):
            raise RuntimeError("call fit before predicting")
        X = self._check_X(X, self.n_features_)
        node = np.zeros(X.shape[0], dtype=int)
        while True:
            inner = np.flatnonzero(self.feature_[node] >= 0)
            if inner.size == 0:
                return node
            cur = node[inner]
            goes_left = X[inner, self.feature_[cur]] <= self.threshold_[cur]
            node[inner] = np.where(goes_left, self.left_[cur], self.right_[cur])

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Class frequencies of the training samples in each row's leaf, (n, n_classes)."""
        leaves = self.apply(X)  # validates X and the fitted state first
        counts = self.value_[leaves]
        return counts / counts.sum(axis=1, keepdims=True)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Majority class of each row's leaf (ties go to the first class in sorted order)."""
        proba = self.predict_proba(X)
        return self.classes_[proba.argmax(axis=1)]
