import numpy as np
import pytest
from sklearn.decomposition import PCA as SkPCA

from solution import PCA


def _data(seed=0, n=100, d=6):
    rng = np.random.default_rng(seed)
    # correlated features with a large offset (centring matters)
    return rng.normal(size=(n, d)) @ rng.normal(size=(d, d)) + rng.normal(size=d) * 10


def _align_signs(A, B):
    """Flip rows of A to agree in sign with rows of B (components are defined up to sign)."""
    return A * np.sign((A * B).sum(axis=1))[:, None]


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("n_components", [1, 3, None, 0.5, 0.9, 0.99])
def test_matches_sklearn_up_to_sign(seed, n_components):
    X = _data(seed)
    ours = PCA(n_components).fit(X)
    sk = SkPCA(n_components, svd_solver="full").fit(X)
    assert ours.n_components_ == sk.n_components_
    np.testing.assert_allclose(ours.mean_, sk.mean_, rtol=1e-12)
    np.testing.assert_allclose(_align_signs(ours.components_, sk.components_), sk.components_,
                               atol=1e-10)
    np.testing.assert_allclose(ours.explained_variance_, sk.explained_variance_, rtol=1e-10)
    np.testing.assert_allclose(ours.explained_variance_ratio_, sk.explained_variance_ratio_,
                               rtol=1e-10)
    np.testing.assert_allclose(ours.singular_values_, sk.singular_values_, rtol=1e-10)
    signs = np.sign((ours.components_ * sk.components_).sum(axis=1))
    np.testing.assert_allclose(ours.transform(X) * signs, sk.transform(X), atol=1e-9)


def test_wide_data_more_features_than_rows():
    X = np.random.default_rng(2).normal(size=(5, 12))
    ours = PCA().fit(X)
    sk = SkPCA(svd_solver="full").fit(X)
    assert ours.n_components_ == 5
    np.testing.assert_allclose(ours.explained_variance_, sk.explained_variance_, rtol=1e-9,
                               atol=1e-12)   # the last one is zero: 5 centred rows have rank 4


def test_explained_variance_is_variance_of_scores():
    X = _data(3)
    pca = PCA().fit(X)
    Z = pca.transform(X)
    cov = np.cov(Z, rowvar=False)
    np.testing.assert_allclose(np.diag(cov), pca.explained_variance_, rtol=1e-10)
    np.testing.assert_allclose(cov - np.diag(np.diag(cov)), 0.0, atol=1e-9)   # uncorrelated
    assert pca.explained_variance_ratio_.sum() == pytest.approx(1.0)
    assert pca.explained_variance_.sum() == pytest.approx(X.var(axis=0, ddof=1).sum())


def test_components_are_orthonormal_and_sorted():
    pca = PCA().fit(_data(4))
    C = pca.components_
    np.testing.assert_allclose(C @ C.T, np.eye(C.shape[0]), atol=1e-12)
    assert np.all(np.diff(pca.explained_variance_) <= 0)


def test_sign_convention_and_row_order_invariance():
    X = _data(5)
    pca = PCA().fit(X)
    C = pca.components_
    assert (C[np.arange(len(C)), np.abs(C).argmax(axis=1)] > 0).all()
    # Shuffling the rows changes U but not V, so the components must not change.
    shuffled = PCA().fit(X[np.random.default_rng(0).permutation(len(X))])
    np.testing.assert_allclose(shuffled.components_, C, atol=1e-12)


def test_round_trip_and_reconstruction_error():
    X = _data(6)
    full = PCA().fit(X)
    np.testing.assert_allclose(full.inverse_transform(full.transform(X)), X, atol=1e-9)
    for k in (1, 2, 4):
        pca = PCA(k).fit(X)
        X_hat = pca.inverse_transform(pca.transform(X))
        # squared Frobenius error = sum of the discarded squared singular values
        err = ((X - X_hat) ** 2).sum()
        assert err == pytest.approx((full.singular_values_[k:] ** 2).sum(), rel=1e-9)


def test_rank_deficient_data_is_recovered_exactly_with_fewer_components():
    rng = np.random.default_rng(7)
    X = rng.normal(size=(50, 2)) @ rng.normal(size=(2, 5)) + 3.0     # rank 2 after centring
    pca = PCA(2).fit(X)
    np.testing.assert_allclose(pca.inverse_transform(pca.transform(X)), X, atol=1e-9)
    assert pca.explained_variance_ratio_.sum() == pytest.approx(1.0)
    assert PCA(0.999).fit(X).n_components_ == 2


def test_constant_data_gives_zero_variance_without_nan():
    pca = PCA(2).fit(np.full((4, 3), 5.0))
    np.testing.assert_array_equal(pca.explained_variance_ratio_, [0.0, 0.0])
    np.testing.assert_array_equal(pca.transform(np.full((1, 3), 5.0)), [[0.0, 0.0]])


@pytest.mark.parametrize("n_components", [0, 7, -1, 1.0, 0.0, 1.5, "2", True])
def test_invalid_n_components_raise(n_components):
    with pytest.raises(ValueError, match="n_components"):
        PCA(n_components).fit(_data(8))


def test_invalid_inputs_raise():
    with pytest.raises(ValueError, match="2 rows"):
        PCA().fit(np.ones((1, 3)))
    with pytest.raises(ValueError, match="finite"):
        PCA().fit(np.array([[0.0, np.nan], [1.0, 2.0]]))
    with pytest.raises(RuntimeError, match="fit"):
        PCA().transform(np.ones((2, 3)))
    pca = PCA(2).fit(_data(9))
    with pytest.raises(ValueError, match="shape"):
        pca.transform(np.ones((2, 5)))
    with pytest.raises(ValueError, match="shape"):
        pca.inverse_transform(np.ones((2, 3)))
