from collections import Counter
from itertools import permutations

import numpy as np
import pytest
from scipy.stats import chisquare

from solution import (AliasSampler, check_weights, sample_with_replacement_cdf,
                      weighted_sample_without_replacement)

W = np.array([5.0, 0.0, 1.0, 3.0, 0.5, 0.0, 10.0, 0.5])


def _successive_probs(w, k):
    """Exact probability of each ordered k-tuple when drawing one at a time, prop. to weight."""
    w = np.asarray(w, float)
    out = {}
    for seq in permutations(np.flatnonzero(w > 0), k):
        p, left = 1.0, w.sum()
        for i in seq:
            p *= w[i] / left
            left -= w[i]
        out[seq] = p
    return out


# ---------- with replacement ----------

def test_alias_table_encodes_the_exact_distribution():
    rng = np.random.default_rng(0)
    for w in (W, rng.gamma(0.3, size=1000), np.ones(7), np.array([0.0, 0.0, 2.0])):
        a = AliasSampler(w)
        n = len(w)
        implied = a.prob / n
        np.add.at(implied, a.alias, (1.0 - a.prob) / n)  # mass each column lends its alias
        np.testing.assert_allclose(implied, w / w.sum(), atol=1e-12)
        assert ((a.prob >= 0) & (a.prob <= 1)).all()


@pytest.mark.parametrize("method", ["alias", "cdf"])
def test_empirical_frequencies(method):
    rng = np.random.default_rng(1)
    m = 200_000
    draws = AliasSampler(W).sample(m, rng) if method == "alias" else \
        sample_with_replacement_cdf(W, m, rng)
    counts = np.bincount(draws, minlength=len(W))
    p = W / W.sum()
    assert (counts[p == 0] == 0).all()                       # zero weight: never drawn
    sd = np.sqrt(m * p * (1 - p))
    assert (np.abs(counts - m * p) <= 5 * sd + 1e-9).all()  # 5-sigma band per item
    assert chisquare(counts[p > 0], m * p[p > 0]).pvalue > 1e-3


def test_cdf_never_returns_leading_zero_weights_when_u_is_zero():
    class ZeroRandom:  # random() may return exactly 0.0
        def random(self, size):
            return np.zeros(size)
    assert (sample_with_replacement_cdf([0.0, 0.0, 1.0, 2.0], 5, ZeroRandom()) == 2).all()


def test_cdf_handles_rounding_at_the_top_and_trailing_zeros():
    class MaxRandom:  # always returns the largest double below 1
        def random(self, size):
            return np.full(size, np.nextafter(1.0, 0.0))
    assert (sample_with_replacement_cdf([0.1, 0.2, 0.0, 0.0], 5, MaxRandom()) == 1).all()
    # With a subnormal total, u * total rounds up to the total itself.
    tiny = np.array([3e-321, 2e-321, 0.0, 0.0])
    assert np.nextafter(1.0, 0.0) * tiny.sum() == tiny.sum()
    assert (sample_with_replacement_cdf(tiny, 5, MaxRandom()) == 1).all()


# ---------- without replacement ----------

def test_first_draw_is_proportional_to_weight():
    rng = np.random.default_rng(2)
    first = [weighted_sample_without_replacement(W, 3, rng)[0] for _ in range(20_000)]
    counts = np.bincount(first, minlength=len(W))
    p = W / W.sum()
    assert (counts[p == 0] == 0).all()
    assert chisquare(counts[p > 0], 20_000 * p[p > 0]).pvalue > 1e-3


def test_ordered_pairs_match_successive_sampling():
    w = np.array([1.0, 2.0, 3.0, 4.0])
    exact = _successive_probs(w, 2)
    rng = np.random.default_rng(0)
    trials = 30_000
    counts = Counter(tuple(weighted_sample_without_replacement(w, 2, rng)) for _ in range(trials))
    keys = sorted(exact)
    assert sum(counts[key] for key in keys) == trials  # only valid ordered pairs occur
    observed = [counts[key] for key in keys]
    expected = [trials * exact[key] for key in keys]
    assert chisquare(observed, expected).pvalue > 1e-3


def test_tiny_weights_do_not_underflow():
    # With u ** (1 / w) every key is 0.0 for w = 1e-7 and the choice degenerates;
    # log-keys keep the sample uniform over pairs.
    w = np.full(5, 1e-7)
    rng = np.random.default_rng(4)
    u = rng.random(5)
    assert (u ** (1 / w) == 0.0).all()  # the naive keys really do underflow
    counts = Counter(frozenset(weighted_sample_without_replacement(w, 2, rng)) for _ in range(10_000))
    assert len(counts) == 10
    assert chisquare(list(counts.values())).pvalue > 1e-3


def test_k_edge_cases():
    rng = np.random.default_rng(5)
    assert weighted_sample_without_replacement(W, 0, rng).size == 0
    everything = weighted_sample_without_replacement(W, 6, rng)
    assert sorted(everything) == list(np.flatnonzero(W > 0))  # all positive-weight items
    with pytest.raises(ValueError, match="exceeds"):
        weighted_sample_without_replacement(W, 7, rng)          # only 6 positive weights
    for bad_k in (-1, 1.5, True):
        with pytest.raises(ValueError, match="non-negative integer"):
            weighted_sample_without_replacement(W, bad_k, rng)


def test_reproducible_with_a_seed():
    a = weighted_sample_without_replacement(W, 4, np.random.default_rng(9))
    b = weighted_sample_without_replacement(W, 4, np.random.default_rng(9))
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(AliasSampler(W).sample(50, np.random.default_rng(9)),
                                  AliasSampler(W).sample(50, np.random.default_rng(9)))


# ---------- validation ----------

@pytest.mark.parametrize("weights, match", [
    ([], "non-empty"),
    ([[1.0, 2.0]], "1-D"),
    ([1.0, np.nan], "finite"),
    ([1.0, np.inf], "finite"),
    ([1.0, -0.5], "non-negative"),
    ([0.0, 0.0], "positive"),
])
def test_invalid_weights_raise(weights, match):
    with pytest.raises(ValueError, match=match):
        check_weights(weights)
    with pytest.raises(ValueError, match=match):
        AliasSampler(weights)
    with pytest.raises(ValueError, match=match):
        weighted_sample_without_replacement(weights, 1, np.random.default_rng(0))
