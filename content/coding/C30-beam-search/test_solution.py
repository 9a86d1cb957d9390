from itertools import product

import numpy as np
import pytest

from solution import Hypothesis, beam_search, greedy_decode

A, B, EOS = 0, 1, 2


def toy_model(vocab=4, seed=0, eos=EOS, eos_bias=-0.5, temperature=1.5):
    """Deterministic random language model: logits depend on the whole prefix."""
    def next_logprobs(prefix):
        rng = np.random.default_rng([seed, len(prefix), *prefix])
        logits = rng.normal(scale=temperature, size=vocab)
        logits[eos] += eos_bias
        return logits - np.logaddexp.reduce(logits)
    return next_logprobs


def table_model(table, vocab):
    """Next-token distributions given explicitly per prefix (missing prefix -> uniform)."""
    def next_logprobs(prefix):
        return np.log(np.asarray(table.get(prefix, [1 / vocab] * vocab), dtype=float))
    return next_logprobs


def exhaustive(fn, vocab, eos, max_len, alpha=0.0, n_best=1):
    """Score every sequence: EOS-terminated ones up to max_len, plus all cut at max_len."""
    hyps = []
    others = [t for t in range(vocab) if t != eos]
    for length in range(1, max_len + 1):
        for body in product(others, repeat=length - 1):
            endings = [eos] + (others if length == max_len else [])
            for last in endings:
                seq = body + (last,)
                lp = 0.0
                for i, t in enumerate(seq):  # accumulate in the same order as the search
                    lp = lp + fn(seq[:i])[t]
                score = lp / length ** alpha if alpha else lp
                hyps.append(Hypothesis(seq, lp, score, last == eos))
    hyps.sort(key=lambda h: (-h.score, h.tokens))
    return hyps[:n_best]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("alpha", [0.0, 0.7, 1.0])
def test_huge_beam_equals_exhaustive_search(seed, alpha):
    vocab, max_len = 4, 4
    fn = toy_model(vocab, seed)
    got = beam_search(fn, EOS, beam_width=vocab ** max_len, max_len=max_len, alpha=alpha, n_best=5)
    want = exhaustive(fn, vocab, EOS, max_len, alpha=alpha, n_best=5)
    assert [h.tokens for h in got] == [h.tokens for h in want]
    np.testing.assert_allclose([h.score for h in got], [h.score for h in want], rtol=1e-12)
    assert [h.finished for h in got] == [h.finished for h in want]


@pytest.mark.parametrize("seed", range(20))
def test_beam_one_equals_greedy(seed):
    fn = toy_model(vocab=6, seed=seed, eos=5, eos_bias=-1.0)
    (beam,) = beam_search(fn, eos=5, beam_width=1, max_len=8)
    assert beam == greedy_decode(fn, eos=5, max_len=8)


def test_wider_beam_beats_greedy_when_greedy_is_myopic():
    table = {(): [0.5, 0.4, 0.1], (A,): [0.3, 0.3, 0.4], (B,): [0.05, 0.05, 0.9]}
    fn = table_model(table, 3)
    greedy = greedy_decode(fn, EOS, max_len=3)
    assert greedy.tokens == (A, EOS) and np.exp(greedy.logprob) == pytest.approx(0.2)
    (best,) = beam_search(fn, EOS, beam_width=2, max_len=3)
    assert best.tokens == (B, EOS) and np.exp(best.logprob) == pytest.approx(0.36)


def test_wider_beam_finds_better_scores_on_average():
    # Not guaranteed per instance (search errors are non-monotone), but true on average.
    gains = []
    for seed in range(30):
        fn = toy_model(vocab=5, seed=seed, eos=4)
        narrow = beam_search(fn, 4, beam_width=1, max_len=6)[0].score
        wide = beam_search(fn, 4, beam_width=8, max_len=6)[0].score
        gains.append(wide - narrow)
    assert np.mean(gains) > 0.3
    assert sum(g > 1e-12 for g in gains) >= 10


def test_length_normalisation_prefers_longer_outputs():
    # Stop now with p = 0.3, or continue 3 more tokens at 0.7 each, then stop with p = 0.7.
    table = {(): [0.7, 0.0, 0.3], (A,): [0.7, 0.0, 0.3], (A, A): [0.7, 0.0, 0.3],
             (A, A, A): [0.3, 0.0, 0.7]}
    fn = table_model(table, 3)
    with np.errstate(divide="ignore"):
        short = beam_search(fn, EOS, beam_width=3, max_len=4, alpha=0.0)[0]
        long = beam_search(fn, EOS, beam_width=3, max_len=4, alpha=1.0)[0]
    assert short.tokens == (EOS,)
    assert long.tokens == (A, A, A, EOS)
    assert long.score == pytest.approx(np.log(0.7 ** 4) / 4)


def test_eos_handling_and_truncation():
    fn = toy_model(vocab=5, seed=3, eos=4)
    for h in beam_search(fn, 4, beam_width=4, max_len=5, n_best=10):
        assert 1 <= len(h.tokens) <= 5
        assert 4 not in h.tokens[:-1]                  # EOS only at the end
        assert h.finished == (h.tokens[-1] == 4)
        assert h.finished or len(h.tokens) == 5        # unfinished only when cut at max_len
    always_eos = table_model({(): [0.0, 0.0, 1.0]}, 3)
    with np.errstate(divide="ignore"):
        assert beam_search(always_eos, EOS, 3, 5, n_best=3) == [Hypothesis((EOS,), 0.0, 0.0, True)]
    never = lambda prefix: np.log([0.5, 0.5, 1e-12])
    (cut,) = beam_search(never, EOS, 2, max_len=3)
    assert not cut.finished and len(cut.tokens) == 3


def test_n_best_is_sorted_and_distinct():
    fn = toy_model(vocab=4, seed=11)
    hyps = beam_search(fn, EOS, beam_width=6, max_len=5, n_best=6)
    assert len({h.tokens for h in hyps}) == len(hyps) == 6
    assert all(x.score >= y.score for x, y in zip(hyps, hyps[1:]))


def test_invalid_arguments():
    fn = toy_model()
    with pytest.raises(ValueError, match="at least 1"):
        beam_search(fn, EOS, beam_width=0, max_len=3)
    with pytest.raises(ValueError, match="outside"):
        beam_search(fn, 7, beam_width=2, max_len=3)
    bad = lambda prefix: np.zeros(4 if not prefix else 3)
    with pytest.raises(ValueError, match="fixed size"):
        beam_search(bad, EOS, beam_width=2, max_len=3)
