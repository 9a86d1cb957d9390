import numpy as np
import pytest
from sklearn.datasets import make_classification
from sklearn.neighbors import KNeighborsClassifier

from solution import knn_predict, knn_predict_proba, pairwise_sq_dists


def _split(seed):
    X, y = make_classification(n_samples=500, n_features=5, n_informative=3, n_classes=3,
                               random_state=seed)
    return X[:350], y[:350], X[350:], y[350:]


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("k", [1, 2, 5, 15])
def test_matches_sklearn(seed, k):
    Xtr, ytr, Xte, _ = _split(seed)
    sk = KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(Xtr, ytr)
    classes, proba = knn_predict_proba(Xtr, ytr, Xte, k)
    np.testing.assert_array_equal(classes, sk.classes_)
    np.testing.assert_allclose(proba, sk.predict_proba(Xte), atol=1e-12)
    np.testing.assert_array_equal(knn_predict(Xtr, ytr, Xte, k), sk.predict(Xte))


def test_batching_does_not_change_the_result():
    Xtr, ytr, Xte, _ = _split(2)
    full = knn_predict_proba(Xtr, ytr, Xte, 7)[1]
    for b in (1, 13, 10_000):
        np.testing.assert_array_equal(knn_predict_proba(Xtr, ytr, Xte, 7, batch_size=b)[1], full)


def test_distances_match_direct_computation():
    rng = np.random.default_rng(0)
    A, B = rng.normal(size=(20, 4)), rng.normal(size=(30, 4))
    direct = ((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=2)
    np.testing.assert_allclose(pairwise_sq_dists(A, B), direct, rtol=1e-10, atol=1e-12)
    assert (pairwise_sq_dists(A, A) >= 0).all()


def test_vote_tie_goes_to_smallest_label():
    Xtr = np.array([[-1.0], [1.0]])
    ytr = np.array([7, 3])
    assert knn_predict(Xtr, ytr, np.array([[0.0], [-0.2], [0.2]]), 2).tolist() == [3, 3, 3]
    assert knn_predict(Xtr, ytr, np.array([[-0.2], [0.2]]), 1).tolist() == [7, 3]


def test_distance_tie_goes_to_earlier_training_point():
    # Query at 0: points at +1 and -1 are equidistant; k=1 must pick the earlier one.
    # (The training mean, 1, is subtracted exactly, so the tie survives centring.)
    Xtr = np.array([[1.0], [-1.0], [3.0]])
    assert knn_predict(Xtr, np.array(["b", "a", "c"]), np.array([[0.0]]), 1)[0] == "b"
    assert knn_predict(Xtr[::-1], np.array(["c", "a", "b"]), np.array([[0.0]]), 1)[0] == "a"
    # With k=2 both tied points are in, whatever the order.
    _, proba = knn_predict_proba(Xtr, np.array(["b", "a", "c"]), np.array([[0.0]]), 2)
    np.testing.assert_array_equal(proba, [[0.5, 0.5, 0.0]])


def test_many_tied_points_are_taken_in_training_order():
    # 30 points all at distance 1 from the query (mean 0, so centring keeps the tie).
    # numpy's default quicksort reorders equal keys at this size; a stable sort does not.
    Xtr = np.array([[1.0], [-1.0]] * 15)
    _, proba = knn_predict_proba(Xtr, np.arange(30), np.array([[0.0]]), 5)
    np.testing.assert_array_equal(proba[0], [0.2] * 5 + [0.0] * 25)


def test_k_equals_n_predicts_the_majority_everywhere():
    Xtr = np.random.default_rng(1).normal(size=(9, 2))
    ytr = np.array([0, 1, 1, 2, 1, 0, 1, 2, 2])
    classes, proba = knn_predict_proba(Xtr, ytr, np.array([[100.0, 100.0], [0.0, 0.0]]), 9)
    np.testing.assert_allclose(proba, [[2 / 9, 4 / 9, 3 / 9]] * 2)


def test_training_point_is_its_own_nearest_neighbour():
    Xtr, ytr, _, _ = _split(3)
    assert (knn_predict(Xtr, ytr, Xtr, 1) == ytr).all()


def test_far_from_origin_data_still_exact():
    # Around 1e8 the squared norms are 1e16, whose float64 spacing is 2, so the
    # uncentred |a|^2 - 2ab + |b|^2 cannot tell distances 1, 4 and 9 apart.
    Xtr = np.array([[1e8 + 3.0], [1e8 + 2.0], [1e8 - 1.0]])
    Xte = np.array([[1e8]])
    naive = pairwise_sq_dists(Xte, Xtr)[0]
    assert naive.tolist() != [9.0, 4.0, 1.0]       # the failure centring avoids
    assert knn_predict(Xtr, np.array([0, 1, 2]), Xte, 1)[0] == 2
    _, proba = knn_predict_proba(Xtr, np.array([0, 1, 2]), Xte, 2)
    np.testing.assert_array_equal(proba, [[0.0, 0.5, 0.5]])
    # Squared distances 1 and 0.25 both round to 0 uncentred, so the earlier (wrong)
    # point would win the resulting tie.
    Xtr2 = np.array([[1e8 - 1.0], [1e8 + 0.5]])
    assert pairwise_sq_dists(Xte, Xtr2)[0].tolist() == [0.0, 0.0]
    assert knn_predict(Xtr2, np.array([0, 1]), Xte, 1)[0] == 1


def test_empty_test_set():
    classes, proba = knn_predict_proba(np.eye(3), np.array([0, 1, 1]), np.zeros((0, 3)), 1)
    assert proba.shape == (0, 2)
    assert knn_predict(np.eye(3), np.array([0, 1, 1]), np.zeros((0, 3)), 1).shape == (0,)


@pytest.mark.parametrize("k", [0, -1, 4, 2.0, True])
def test_invalid_k_raises(k):
    with pytest.raises(ValueError, match="k must be"):
        knn_predict(np.eye(3), np.array([0, 1, 1]), np.eye(3), k)


@pytest.mark.parametrize("Xtr, ytr, Xte, match", [
    (np.eye(3), np.array([0, 1]), np.eye(3), "y_train"),
    (np.eye(3), np.array([0, 1, 1]), np.zeros((2, 2)), "columns"),
    (np.zeros(3), np.array([0, 1, 1]), np.eye(3), "2-D"),
    (np.eye(3), np.array([0, 1, 1]), np.full((1, 3), np.nan), "finite"),
])
def test_invalid_inputs_raise(Xtr, ytr, Xte, match):
    with pytest.raises(ValueError, match=match):
        knn_predict(Xtr, ytr, Xte, 1)
