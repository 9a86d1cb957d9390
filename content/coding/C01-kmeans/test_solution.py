import numpy as np
import pytest
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score

import solution
from solution import kmeans, kmeans_plus_plus


def _check_consistent(X, centroids, labels, inertia, k):
    """Returned labels are the nearest centroids and inertia matches them."""
    assert centroids.shape == (k, X.shape[1])
    assert labels.shape == (X.shape[0],)
    assert np.isfinite(centroids).all()
    d2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    np.testing.assert_allclose(d2[np.arange(len(X)), labels], d2.min(axis=1), atol=1e-9)
    assert inertia == pytest.approx(d2.min(axis=1).sum(), rel=1e-9, abs=1e-9)


def _same_rows(A, B):
    """A and B hold the same rows up to order (and float round-off)."""
    A, B = np.asarray(A, float), np.asarray(B, float)
    assert A.shape == B.shape
    np.testing.assert_allclose(A[np.lexsort(A.T)], B[np.lexsort(B.T)], atol=1e-9)


# ---------- agreement with scikit-learn ----------

@pytest.mark.parametrize("random_state", [0, 1, 2])
def test_inertia_matches_sklearn_on_overlapping_blobs(random_state):
    X, _ = make_blobs(n_samples=1000, centers=8, n_features=5, cluster_std=2.5,
                      random_state=random_state)
    c, lab, inertia = kmeans(X, 8, n_init=10, seed=random_state)
    _check_consistent(X, c, lab, inertia, 8)
    sk = KMeans(n_clusters=8, n_init=10, random_state=random_state).fit(X)
    assert abs(inertia - sk.inertia_) / sk.inertia_ <= 0.01


def test_labels_match_sklearn_on_well_separated_blobs():
    centers = np.array([[0, 0], [12, 0], [0, 12], [12, 12], [6, 24]], dtype=float)
    X, y = make_blobs(n_samples=500, centers=centers, cluster_std=1.0, random_state=0)
    c, lab, inertia = kmeans(X, 5, n_init=10, seed=0)
    sk = KMeans(n_clusters=5, n_init=10, random_state=0).fit(X)
    assert adjusted_rand_score(sk.labels_, lab) == 1.0
    assert adjusted_rand_score(y, lab) == 1.0
    assert inertia == pytest.approx(sk.inertia_, rel=1e-6)
    # Same centroids up to a permutation of cluster ids.
    np.testing.assert_allclose(c[np.lexsort(c.T)],
                               sk.cluster_centers_[np.lexsort(sk.cluster_centers_.T)], atol=1e-3)


# ---------- edge cases ----------

def test_k_equals_one_gives_the_mean():
    X = np.random.default_rng(3).normal(size=(200, 4))
    c, lab, inertia = kmeans(X, 1, seed=0)
    np.testing.assert_allclose(c[0], X.mean(axis=0), atol=1e-12)
    assert (lab == 0).all()
    assert inertia == pytest.approx(((X - X.mean(axis=0)) ** 2).sum())


def test_k_equals_n_gives_zero_inertia():
    X = np.random.default_rng(4).normal(size=(30, 3))
    c, lab, inertia = kmeans(X, 30, n_init=2, seed=0)
    assert inertia == pytest.approx(0.0, abs=1e-12)
    assert len(np.unique(lab)) == 30
    _same_rows(c, X)


def test_duplicate_points():
    X = np.array([[0.0, 0.0]] * 6 + [[3.0, 1.0]] * 4)
    c, lab, inertia = kmeans(X, 2, seed=0)
    assert inertia == pytest.approx(0.0, abs=1e-12)
    _same_rows(c, [[0.0, 0.0], [3.0, 1.0]])
    # More clusters than distinct points: must not crash or produce NaN.
    c3, lab3, inertia3 = kmeans(X, 3, seed=0)
    assert np.isfinite(c3).all()
    assert inertia3 == pytest.approx(0.0, abs=1e-12)


def test_constant_data():
    X = np.full((20, 2), 7.0)
    c, lab, inertia = kmeans(X, 4, seed=1)
    np.testing.assert_allclose(c, 7.0)
    assert inertia == 0.0


# Bad starts, written relative to the matrix kmeans passes in (translation-invariant).
def _far_away_centroid(Z, k, rng):
    return np.stack([Z[0], Z[40], Z.max(axis=0) + 50.0])   # nobody is near centroid 2


def _duplicate_centroids(Z, k, rng):
    return np.stack([Z[0], Z[0], Z[40]])                   # centroid 1 loses every tie


@pytest.mark.parametrize("bad_init", [_far_away_centroid, _duplicate_centroids])
def test_empty_cluster_is_reseeded(monkeypatch, bad_init):
    rng = np.random.default_rng(5)
    groups = np.array([[0.0, 0.0], [5.0, 0.0], [0.0, 5.0]])
    y = np.repeat(np.arange(3), 40)
    X = groups[y] + rng.normal(scale=0.2, size=(120, 2))
    # The first assignment step from this start really leaves a cluster empty ...
    first = solution._sq_dists(X, bad_init(X, 3, None)).argmin(axis=1)
    assert len(np.unique(first)) == 2
    # One Lloyd step moves the empty centroid onto the worst-served point.
    init = bad_init(X, 3, None)
    d2 = solution._sq_dists(X, init)
    worst = X[d2.min(axis=1).argmax()]
    empty = ({0, 1, 2} - set(first)).pop()
    after_one, _, _ = solution._lloyd(X, init, max_iter=1, tol=0.0)
    np.testing.assert_allclose(after_one[empty], worst)
    # ... and kmeans must recover all three groups without NaN centroids.
    monkeypatch.setattr(solution, "kmeans_plus_plus", bad_init)
    c, lab, inertia = kmeans(X, 3, n_init=1, seed=0)
    assert np.isfinite(c).all()
    assert len(np.unique(lab)) == 3
    assert adjusted_rand_score(y, lab) == 1.0
    _check_consistent(X, c, lab, inertia, 3)
    _same_rows(c, [X[y == j].mean(axis=0) for j in range(3)])


def test_outputs_consistent_when_stopped_by_max_iter():
    # Stopped after one step the centroids have just moved, so labels and inertia
    # must be recomputed from them, not carried over from the last assignment.
    X, _ = make_blobs(n_samples=300, centers=6, cluster_std=3.0, random_state=11)
    c, lab, inertia = kmeans(X, 6, n_init=1, max_iter=1, seed=0)
    _check_consistent(X, c, lab, inertia, 6)


def test_tol_is_scale_free():
    # Shrinking the data must not make the stopping rule fire earlier.
    X, _ = make_blobs(n_samples=300, centers=6, cluster_std=3.0, random_state=12)
    c, lab, inertia = kmeans(X, 6, n_init=1, seed=0)
    c_s, lab_s, inertia_s = kmeans(X * 1e-3, 6, n_init=1, seed=0)
    np.testing.assert_array_equal(lab_s, lab)
    np.testing.assert_allclose(c_s, c * 1e-3, rtol=1e-9)
    assert inertia_s == pytest.approx(inertia * 1e-6, rel=1e-9)


def test_same_seed_is_deterministic():
    X, _ = make_blobs(n_samples=300, centers=6, cluster_std=2.0, random_state=7)
    a = kmeans(X, 6, n_init=3, seed=123)
    b = kmeans(X, 6, n_init=3, seed=123)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    assert a[2] == b[2]


def test_more_restarts_never_hurt():
    X, _ = make_blobs(n_samples=400, centers=10, cluster_std=1.5, random_state=8)
    one = kmeans(X, 10, n_init=1, seed=0)[2]
    ten = kmeans(X, 10, n_init=10, seed=0)[2]  # same stream: run 1 is the n_init=1 run
    assert ten <= one


# ---------- k-means++ ----------

def test_kmeanspp_picks_distinct_rows_of_X():
    X = np.random.default_rng(9).normal(size=(50, 3))
    rng = np.random.default_rng(0)
    for k in (1, 5, 20, 50):
        C = kmeans_plus_plus(X, k, rng)
        assert C.shape == (k, 3)
        rows = {tuple(r) for r in C}
        assert len(rows) == k
        assert rows <= {tuple(r) for r in X}


def test_kmeanspp_spreads_out():
    # One big cluster of 1000 points and four small, tight ones of 10 points each.
    # (With a looser big cluster, std 0.5, its own spread soaks up enough D^2 mass
    # that plain k-means++ covers all five only ~70% of the time.)
    rng = np.random.default_rng(10)
    centers = np.array([[0, 0], [20, 0], [0, 20], [20, 20], [40, 40]], dtype=float)
    sizes = [1000, 10, 10, 10, 10]
    y = np.repeat(np.arange(5), sizes)
    X = centers[y] + rng.normal(scale=0.1, size=(len(y), 2))
    trials, pp_hits, unif_hits = 200, 0, 0
    for _ in range(trials):
        C = kmeans_plus_plus(X, 5, rng)
        near = ((C[:, None, :] - centers[None]) ** 2).sum(axis=2).argmin(axis=1)
        pp_hits += len(set(near)) == 5
        unif_hits += len(set(y[rng.choice(len(X), 5, replace=False)])) == 5
    # Uniform seeding almost never finds all four small clusters (p is about 1e-6);
    # D^2 sampling does nearly every time.
    assert pp_hits / trials >= 0.9
    assert unif_hits / trials <= 0.05


# ---------- validation ----------

@pytest.mark.parametrize("X, k, match", [
    (np.zeros((5, 2)), 0, "positive integer"),
    (np.zeros((5, 2)), -1, "positive integer"),
    (np.zeros((5, 2)), 2.5, "positive integer"),
    (np.zeros((5, 2)), 6, "exceeds"),
    (np.array([[0.0, np.nan], [1.0, 2.0]]), 1, "NaN"),
    (np.array([[0.0, np.inf], [1.0, 2.0]]), 1, "NaN or infinite"),
    (np.zeros(5), 2, "2-D"),
    (np.zeros((2, 2, 2)), 1, "2-D"),
])
def test_invalid_inputs_raise(X, k, match):
    with pytest.raises(ValueError, match=match):
        kmeans(X, k)


def test_invalid_options_raise():
    with pytest.raises(ValueError, match="n_init"):
        kmeans(np.zeros((5, 2)), 2, n_init=0)
