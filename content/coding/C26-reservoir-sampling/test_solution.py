import random
from collections import Counter
from itertools import combinations
from math import comb

import numpy as np
import pytest
from scipy.stats import chisquare

from solution import reservoir_sample, reservoir_sample_skip

SAMPLERS = [reservoir_sample, reservoir_sample_skip]


def _buggy(stream, k, rng):
    """A common off-by-one: replace with probability k / i instead of k / (i + 1)."""
    res = []
    for i, item in enumerate(stream):
        if i < k:
            res.append(item)
        else:
            j = rng.randrange(i)
            if j < k:
                res[j] = item
    return res


def _subset_pvalue(sampler, n, k, trials, seed):
    rng = random.Random(seed)
    counts = Counter(frozenset(sampler(range(n), k, rng)) for _ in range(trials))
    observed = [counts[frozenset(c)] for c in combinations(range(n), k)]
    assert sum(observed) == trials  # every sample is a k-subset of the stream
    return chisquare(observed).pvalue  # H0: all C(n, k) subsets equally likely


@pytest.mark.parametrize("sampler", SAMPLERS)
def test_single_item_is_uniform(sampler):
    rng = random.Random(0)
    counts = Counter(sampler(iter(range(10)), 1, rng)[0] for _ in range(20_000))
    assert chisquare([counts[i] for i in range(10)]).pvalue > 1e-3


@pytest.mark.parametrize("sampler", SAMPLERS)
@pytest.mark.parametrize("n, k", [(6, 3), (7, 2)])
def test_every_subset_is_equally_likely(sampler, n, k):
    assert _subset_pvalue(sampler, n, k, trials=400 * comb(n, k), seed=n * 10 + k) > 1e-3


def test_the_uniformity_test_has_power():
    assert _subset_pvalue(_buggy, 6, 3, trials=8000, seed=1) < 1e-6


@pytest.mark.parametrize("sampler", SAMPLERS)
def test_inclusion_probability_is_k_over_n_on_a_long_stream(sampler):
    n, k, trials = 200, 10, 3000
    rng = random.Random(2)
    hits = np.zeros(n)
    for _ in range(trials):
        hits[sampler(range(n), k, rng)] += 1
    p = k / n
    sd = np.sqrt(trials * p * (1 - p))
    assert np.abs(hits - trials * p).max() < 4.5 * sd
    # Early and late items are treated alike (the classic bias is toward late items).
    assert abs(hits[:100].sum() - hits[100:].sum()) < 4 * np.sqrt(2 * 100 * trials * p)


@pytest.mark.parametrize("sampler", SAMPLERS)
def test_short_streams_and_edge_sizes(sampler):
    rng = random.Random(3)
    assert sampler(iter("abc"), 5, rng) == ["a", "b", "c"]   # shorter than k: everything
    assert sampler(iter("abc"), 3, rng) == ["a", "b", "c"]
    assert sampler(iter([]), 4, rng) == []
    assert sampler(iter("abc"), 0, rng) == []
    assert sampler(iter([None, None]), 1, rng) == [None]     # None is a valid item


@pytest.mark.parametrize("sampler", SAMPLERS)
def test_single_pass_over_a_generator(sampler):
    consumed = []

    def gen():
        for i in range(1000):
            consumed.append(i)
            yield i

    sample = sampler(gen(), 7, random.Random(4))
    assert len(sample) == 7 and len(set(sample)) == 7
    assert consumed == list(range(1000))  # read once, in order, to the end


@pytest.mark.parametrize("sampler", SAMPLERS)
def test_same_seed_same_sample(sampler):
    a = sampler(range(10_000), 5, random.Random(42))
    b = sampler(range(10_000), 5, random.Random(42))
    assert a == b


class _CountingRandom(random.Random):
    """Counts draws. Overriding random() alone makes randrange() draw through it too."""
    calls = 0

    def random(self):
        _CountingRandom.calls += 1
        return super().random()


def test_skipping_needs_far_fewer_random_numbers():
    n, k = 100_000, 10
    _CountingRandom.calls = 0
    reservoir_sample(range(n), k, _CountingRandom(5))
    r_calls = _CountingRandom.calls
    _CountingRandom.calls = 0
    reservoir_sample_skip(range(n), k, _CountingRandom(5))
    l_calls = _CountingRandom.calls
    assert r_calls >= n - k  # at least one draw per item after the first k
    assert l_calls < 3 * 3 * k * (1 + np.log(n / k))  # ~3 draws per accepted item


@pytest.mark.parametrize("sampler", SAMPLERS)
@pytest.mark.parametrize("k, exc", [(-1, ValueError), (2.0, TypeError), (True, TypeError)])
def test_invalid_k(sampler, k, exc):
    with pytest.raises(exc):
        sampler(range(5), k, random.Random(0))
