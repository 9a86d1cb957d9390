import itertools

import numpy as np
import pytest
from sklearn.metrics import ndcg_score

from solution import ndcg_at_k, precision_at_k, recall_at_k


def _data(seed, n_queries=20, n_items=12, decimals=1):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, size=(n_queries, n_items)) * (rng.random((n_queries, n_items)) < 0.5)
    s = np.round(rng.normal(size=(n_queries, n_items)) + 0.3 * y, decimals)   # ties
    return y, s


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("k", [1, 3, 5, 12, 50, None])
@pytest.mark.parametrize("decimals", [0, 1, 8])
def test_ndcg_matches_sklearn_including_ties(seed, k, decimals):
    y, s = _data(seed, decimals=decimals)
    ours = ndcg_at_k(y, s, k)
    assert ours.shape == (20,)
    assert ours.mean() == pytest.approx(ndcg_score(y, s, k=k), abs=1e-12)
    per_query = [ndcg_score(y[i:i + 1], s[i:i + 1], k=k) for i in range(len(y))]
    np.testing.assert_allclose(ours, per_query, atol=1e-12)


def test_hand_computed_example():
    y = np.array([[1, 0, 1, 0, 0, 1]])
    s = np.array([[0.9, 0.8, 0.7, 0.6, 0.5, 0.4]])           # already in ranked order
    assert precision_at_k(y, s, 3)[0] == pytest.approx(2 / 3)
    assert recall_at_k(y, s, 3)[0] == pytest.approx(2 / 3)
    dcg = 1 + 1 / np.log2(4)                                   # hits at positions 1 and 3
    idcg = 1 + 1 / np.log2(3) + 1 / np.log2(4)
    assert ndcg_at_k(y, s, 3)[0] == pytest.approx(dcg / idcg)   # 0.7039
    assert ndcg_at_k(y, s, 3)[0] == pytest.approx(0.7039, abs=1e-4)


def test_precision_and_recall_binarise_graded_relevance():
    y = np.array([[3, 0, 2, 1]])                               # three relevant items
    s = np.array([[0.9, 0.8, 0.7, 0.6]])
    assert precision_at_k(y, s, 2)[0] == pytest.approx(0.5)     # not (3 + 0) / 2
    assert recall_at_k(y, s, 2)[0] == pytest.approx(1 / 3)      # not 3 / 6
    assert recall_at_k(y, s, 4)[0] == 1.0


def test_graded_and_exponential_gain():
    y = np.array([[3, 2, 0]])
    s = np.array([[0.1, 0.9, 0.5]])                            # ranks: 2, 0, 3
    lin = (2 + 0 / np.log2(3) + 3 / np.log2(4)) / (3 + 2 / np.log2(3))
    exp = (3 + 0 + 7 / np.log2(4)) / (7 + 3 / np.log2(3))
    assert ndcg_at_k(y, s)[0] == pytest.approx(lin)
    assert ndcg_at_k(y, s, exponential=True)[0] == pytest.approx(exp)


def _average_over_tie_orders(metric, y_row, s_row):
    """Evaluate metric on every strict ordering consistent with the ties, and average."""
    groups = [np.flatnonzero(s_row == v) for v in np.unique(s_row)[::-1]]
    values = []
    for perm in itertools.product(*(itertools.permutations(g) for g in groups)):
        order = np.concatenate(perm)
        strict = np.empty(len(s_row))
        strict[order] = -np.arange(len(s_row), dtype=float)   # strictly decreasing scores
        values.append(metric(y_row[None], strict[None])[0])
    return np.mean(values)


@pytest.mark.parametrize("metric", [
    lambda y, s: precision_at_k(y, s, 3), lambda y, s: recall_at_k(y, s, 2),
    lambda y, s: ndcg_at_k(y, s, 3), lambda y, s: ndcg_at_k(y, s, 4, exponential=True),
])
def test_ties_equal_the_average_over_all_tie_breaks(metric):
    y = np.array([2, 0, 1, 1, 0, 3, 0])
    s = np.array([0.5, 0.9, 0.5, 0.2, 0.5, 0.2, 0.9])          # three tied groups
    assert metric(y[None], s[None])[0] == pytest.approx(_average_over_tie_orders(metric, y, s))


def test_tie_straddling_the_cutoff_gets_fractional_credit():
    y = np.array([[1, 1, 0]])
    s = np.array([[0.9, 0.5, 0.5]])                            # positions 2-3 tied
    assert precision_at_k(y, s, 2)[0] == pytest.approx(0.75)    # (1 + 0.5) / 2
    assert recall_at_k(y, s, 2)[0] == pytest.approx(0.75)


def test_k_larger_than_the_list():
    y = np.array([[0, 1, 1, 0]])
    s = np.array([[0.4, 0.3, 0.2, 0.1]])
    assert precision_at_k(y, s, 10)[0] == pytest.approx(0.5)    # k capped at 4
    assert recall_at_k(y, s, 10)[0] == 1.0
    assert ndcg_at_k(y, s, 10)[0] == pytest.approx(ndcg_at_k(y, s, 4)[0])


def test_no_relevant_items_scores_zero():
    y = np.array([[0, 0, 0], [1, 0, 0]])
    s = np.array([[0.3, 0.2, 0.1], [0.3, 0.2, 0.1]])
    np.testing.assert_array_equal(precision_at_k(y, s, 2), [0.0, 0.5])
    np.testing.assert_array_equal(recall_at_k(y, s, 2), [0.0, 1.0])
    np.testing.assert_array_equal(ndcg_at_k(y, s, 2), [0.0, 1.0])
    assert ndcg_score(y, s, k=2) == pytest.approx(ndcg_at_k(y, s, 2).mean())


def test_single_item_lists():
    assert ndcg_at_k(np.array([[2.0]]), np.array([[0.1]]))[0] == 1.0
    assert precision_at_k(np.array([[0.0]]), np.array([[0.1]]), 5)[0] == 0.0


@pytest.mark.parametrize("y, s, k, match", [
    (np.ones(3), np.ones(3), 1, "n_queries"),
    (np.ones((2, 3)), np.ones((2, 4)), 1, "n_queries"),
    (np.ones((2, 0)), np.ones((2, 0)), 1, "n_queries"),
    (-np.ones((1, 3)), np.ones((1, 3)), 1, ">= 0"),
    (np.ones((1, 3)), np.array([[0.1, np.nan, 0.2]]), 1, "finite"),
    (np.ones((1, 3)), np.ones((1, 3)), 0, "positive integer"),
    (np.ones((1, 3)), np.ones((1, 3)), 2.5, "positive integer"),
])
def test_invalid_inputs_raise(y, s, k, match):
    for metric in (precision_at_k, recall_at_k, ndcg_at_k):
        with pytest.raises(ValueError, match=match):
            metric(y, s, k)
