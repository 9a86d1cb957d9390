"""Uniform sampling of k items from a stream of unknown length in one pass (reservoir sampling)."""
from __future__ import annotations

import math
import random
from itertools import islice
from typing import Iterable, TypeVar

T = TypeVar("T")
_END = object()  # sentinel: distinguishes "stream ended" from an item that is None


def _check_k(k: int) -> None:
    """k must be a non-negative int; bool is rejected although it subclasses int."""
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError(f"k must be an int; got {type(k).__name__}")
    if k < 0:
        raise ValueError(f"k must be non-negative; got {k}")


def reservoir_sample(stream: Iterable[T], k: int, rng: random.Random | None = None) -> list[T]:
    """Algorithm R: every k-subset of the stream is equally likely.

    Keeps the first k items; item i (0-based, i >= k) replaces a uniformly chosen slot
    with probability k / (i + 1). One random number per item, O(k) memory, one pass.
    A stream shorter than k is returned whole, in stream order.
    """
    _check_k(k)
    rng = rng or random.Random()
    reservoir: list[T] = []
    if k == 0:
        return reservoir
    for i, item in enumerate(stream):
        if i < k:
            reservoir.append(item)
        else:
            j = rng.randrange(i + 1)  # uniform on 0..i; j < k has probability k / (i + 1)
            if j < k:
                reservoir[j] = item   # the evicted slot is uniform among the k
    return reservoir


def _open_uniform(rng: random.Random) -> float:
    """Uniform on (0, 1): random() can return exactly 0.0, whose log is undefined."""
    u = rng.random()
    while u == 0.0:
        u = rng.random()
    return u


def reservoir_sample_skip(stream: Iterable[T], k: int, rng: random.Random | None = None) -> list[T]:
    """Algorithm L (Li, 1994): same distribution as Algorithm R, but jumps over items.

    W is the largest of k uniform "keys" raised to the power 1/k; the number of items
    skipped before the next accepted one is geometric with success probability W.
    Expected random draws: O(k (1 + log(n / k))) instead of n.
    """
    _check_k(k)
    rng = rng or random.Random()
    it = iter(stream)
    reservoir = list(islice(it, k))
    if len(reservoir) < k or k == 0:
        return reservoir  # stream exhausted before the reservoir filled (or k == 0)
    w = math.exp(math.log(_open_uniform(rng)) / k)
    while True:
        # Geometric skip; for w == 1.0 (possible for huge k) the next item is taken.
        skip = 0 if w >= 1.0 else math.floor(math.log(_open_uniform(rng)) / math.log1p(-w))
        nxt = next(islice(it, skip, None), _END)  # consume `skip` items, then take one
        if nxt is _END:
            return reservoir
        reservoir[rng.randrange(k)] = nxt
        w *= math.exp(math.log(_open_uniform(rng)) / k)
