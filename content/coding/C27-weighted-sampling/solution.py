"""Weighted sampling: without replacement (Efraimidis-Spirakis keys), with replacement (alias, CDF)."""
from __future__ import annotations

import numpy as np


def check_weights(weights) -> np.ndarray:
    """Return weights as a float array; raise ValueError unless 1-D, finite, >= 0, sum > 0."""
    w = np.asarray(weights, dtype=float)
    if w.ndim != 1 or w.size == 0:
        raise ValueError("weights must be a non-empty 1-D sequence")
    if not np.isfinite(w).all():
        raise ValueError("weights must be finite (no NaN or inf)")
    if (w < 0).any():
        raise ValueError("weights must be non-negative")
    if w.sum() <= 0:
        raise ValueError("at least one weight must be positive")
    return w


def weighted_sample_without_replacement(weights, k: int, rng: np.random.Generator) -> np.ndarray:
    """k distinct indices, distributed like k successive draws each proportional to weight
    among the items not yet drawn. Returned in draw order.

    Efraimidis & Spirakis (2006): item i gets key u_i ** (1 / w_i), u_i ~ U(0, 1); the k
    largest keys win. We rank log-keys log(u_i) / w_i instead: same order, but no underflow
    (u ** (1 / 1e-7) is 0.0 for almost every u). Zero-weight items never enter the race.
    """
    w = check_weights(weights)
    positive = np.flatnonzero(w > 0)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 0:
        raise ValueError(f"k must be a non-negative integer; got {k!r}")
    if k > positive.size:
        raise ValueError(f"k={k} exceeds the {positive.size} items with positive weight")
    if k == 0:
        return np.empty(0, dtype=np.intp)
    u = 1.0 - rng.random(positive.size)      # in (0, 1]: log is finite
    keys = np.log(u) / w[positive]
    top = np.argpartition(-keys, k - 1)[:k]  # O(n) selection of the k largest keys
    return positive[top[np.argsort(-keys[top], kind="stable")]]


class AliasSampler:
    """Walker's alias method (Vose's construction): O(n) setup, O(1) per draw.

    Column i of n equal-width columns holds item i with probability prob[i] and
    item alias[i] otherwise; a draw picks a column uniformly, then flips that coin.
    """

    def __init__(self, weights):
        w = check_weights(weights)
        n = w.size
        scaled = w * (n / w.sum())           # mean 1: "small" < 1 <= "large"
        self.prob = np.ones(n)
        self.alias = np.arange(n)
        small = [i for i in range(n) if scaled[i] < 1.0]
        large = [i for i in range(n) if scaled[i] >= 1.0]
        while small and large:
            s, l = small.pop(), large.pop()
            self.prob[s], self.alias[s] = scaled[s], l   # top up column s with item l
            scaled[l] -= 1.0 - scaled[s]                 # l gave away 1 - scaled[s]
            (small if scaled[l] < 1.0 else large).append(l)
        # Whatever is left is 1 up to round-off and keeps prob = 1, alias = itself.

    def sample(self, size: int, rng: np.random.Generator) -> np.ndarray:
        """`size` i.i.d. indices with P(i) = w_i / sum(w): a uniform column, then its coin."""
        cols = rng.integers(0, self.prob.size, size=size)
        keep = rng.random(size) < self.prob[cols]
        return np.where(keep, cols, self.alias[cols])


def sample_with_replacement_cdf(weights, size: int, rng: np.random.Generator) -> np.ndarray:
    """Inverse-CDF sampling: binary search of u * total in the cumulative weights.
    O(n) setup, O(log n) per draw; zero-weight items own an empty interval."""
    w = check_weights(weights)
    cum = np.cumsum(w)
    idx = np.searchsorted(cum, rng.random(size) * cum[-1], side="right")
    # u < 1, but for a subnormal total u * total can round up to total and searchsorted
    # returns n; that draw belongs to the last positive item, not to a trailing zero.
    return np.minimum(idx, np.flatnonzero(w > 0)[-1])
