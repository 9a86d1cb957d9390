import numpy as np
import pytest
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score
from sklearn.metrics import confusion_matrix as sk_confusion_matrix

from solution import confusion_matrix, f1_report


def _data(seed, n=300, k=5):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, k, size=n)
    pred = np.where(rng.random(n) < 0.6, y, rng.integers(0, k, size=n))
    return y, pred


@pytest.mark.parametrize("seed", range(3))
def test_confusion_matrix_matches_sklearn(seed):
    y, pred = _data(seed)
    np.testing.assert_array_equal(confusion_matrix(y, pred), sk_confusion_matrix(y, pred))
    order = [3, 0, 4, 1, 2]
    np.testing.assert_array_equal(confusion_matrix(y, pred, labels=order),
                                  sk_confusion_matrix(y, pred, labels=order))


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("zero_division", [0, 1])
def test_scores_match_sklearn(seed, zero_division):
    y, pred = _data(seed)
    pred[pred == 2] = 0                      # class 2 is never predicted
    labels = np.arange(6)                    # class 5 never occurs at all
    r = f1_report(y, pred, labels=labels, zero_division=zero_division)
    kw = dict(labels=labels, zero_division=zero_division)
    np.testing.assert_allclose(r["precision"], precision_score(y, pred, average=None, **kw))
    np.testing.assert_allclose(r["recall"], recall_score(y, pred, average=None, **kw))
    np.testing.assert_allclose(r["f1"], f1_score(y, pred, average=None, **kw))
    for avg in ("macro", "micro", "weighted"):
        assert r[f"{avg}_f1"] == pytest.approx(f1_score(y, pred, average=avg, **kw), abs=1e-12)
    assert r["f1"][2] == 0.0                 # present but never predicted: recall 0, F1 0
    assert r["f1"][5] == zero_division       # absent everywhere: 0/0
    assert r["precision"][2] == zero_division


def test_hand_computed_example():
    y = np.array(["cat", "cat", "cat", "dog", "dog", "bird"])
    pred = np.array(["cat", "cat", "dog", "dog", "cat", "cat"])
    r = f1_report(y, pred)
    assert r["labels"].tolist() == ["bird", "cat", "dog"]
    np.testing.assert_array_equal(r["confusion_matrix"], [[0, 1, 0], [0, 2, 1], [0, 1, 1]])
    # cat: P = 2/4, R = 2/3 -> F1 = 4/7; dog: P = 1/2, R = 1/2 -> 1/2; bird: 0
    np.testing.assert_allclose(r["f1"], [0.0, 4 / 7, 0.5])
    assert r["macro_f1"] == pytest.approx((4 / 7 + 0.5) / 3)
    assert r["weighted_f1"] == pytest.approx((3 * 4 / 7 + 2 * 0.5) / 6)
    assert r["micro_f1"] == pytest.approx(3 / 6)


def test_micro_f1_equals_accuracy():
    y, pred = _data(4)
    assert f1_report(y, pred)["micro_f1"] == pytest.approx(accuracy_score(y, pred))


def test_perfect_and_single_class_predictions():
    y = np.array([0, 1, 2, 2])
    r = f1_report(y, y)
    assert r["macro_f1"] == r["micro_f1"] == r["weighted_f1"] == 1.0
    r = f1_report(y, np.full(4, 2))          # always predict the majority class
    np.testing.assert_allclose(r["f1"], [0.0, 0.0, 2 * 2 / (4 + 2)])
    assert r["micro_f1"] == 0.5 and r["macro_f1"] == pytest.approx(2 / 9)


def test_f1_is_harmonic_mean_where_defined():
    y, pred = _data(5)
    r = f1_report(y, pred)
    p, rc = r["precision"], r["recall"]
    np.testing.assert_allclose(r["f1"], 2 * p * rc / (p + rc))


def test_rows_and_columns_sum_to_counts():
    y, pred = _data(6)
    cm = confusion_matrix(y, pred)
    np.testing.assert_array_equal(cm.sum(axis=1), np.bincount(y))
    np.testing.assert_array_equal(cm.sum(axis=0), np.bincount(pred, minlength=5))
    assert cm.sum() == len(y)


@pytest.mark.parametrize("y, pred, labels, match", [
    (np.array([0, 1]), np.array([0, 1, 1]), None, "equal length"),
    (np.array([], dtype=int), np.array([], dtype=int), None, "non-empty"),
    (np.zeros((2, 2)), np.zeros((2, 2)), None, "1-D"),
    (np.array([0, 1, 2]), np.array([0, 1, 1]), [0, 1], r"\[2\] not found"),
    (np.array([0, 1]), np.array([0, 3]), [0, 1, 2], r"\[3\] not found"),
    (np.array([0, 1]), np.array([0, 1]), [0, 1, 1], "duplicates"),
])
def test_invalid_inputs_raise(y, pred, labels, match):
    with pytest.raises(ValueError, match=match):
        confusion_matrix(y, pred, labels)
    with pytest.raises(ValueError, match=match):
        f1_report(y, pred, labels)
