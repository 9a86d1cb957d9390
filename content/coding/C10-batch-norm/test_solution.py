import numpy as np
import pytest

from solution import batchnorm_backward, batchnorm_forward


def _params(c, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=c) + 1.0, rng.normal(size=c), rng.normal(size=c), rng.uniform(0.5, 2, c)


def _numerical_grad(f, x, h=1e-6):
    g = np.zeros_like(x)
    for idx in np.ndindex(*x.shape):
        old = x[idx]
        x[idx] = old + h
        up = f()
        x[idx] = old - h
        down = f()
        x[idx] = old
        g[idx] = (up - down) / (2 * h)
    return g


# ---------- forward ----------

def test_training_output_has_beta_mean_and_gamma_scale():
    rng = np.random.default_rng(0)
    x = rng.normal(loc=5.0, scale=3.0, size=(64, 4))
    gamma, beta, rm, rv = _params(4)
    out, _, _, _ = batchnorm_forward(x, gamma, beta, rm, rv, training=True)
    np.testing.assert_allclose(out.mean(axis=0), beta, atol=1e-12)
    var = x.var(axis=0)
    np.testing.assert_allclose(out.std(axis=0), np.abs(gamma) * np.sqrt(var / (var + 1e-5)),
                               rtol=1e-12)


def test_running_stats_update_pytorch_convention():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(10, 3))
    gamma, beta = np.ones(3), np.zeros(3)
    rm, rv = np.zeros(3), np.ones(3)
    _, _, new_m, new_v = batchnorm_forward(x, gamma, beta, rm, rv, training=True, momentum=0.1)
    np.testing.assert_allclose(new_m, 0.1 * x.mean(axis=0))
    np.testing.assert_allclose(new_v, 0.9 + 0.1 * x.var(axis=0, ddof=1))   # unbiased
    assert rm.tolist() == [0, 0, 0] and rv.tolist() == [1, 1, 1]          # inputs untouched


def test_running_stats_converge_and_eval_uses_them():
    rng = np.random.default_rng(2)
    gamma, beta = np.array([2.0, 0.5]), np.array([1.0, -1.0])
    rm, rv = np.zeros(2), np.ones(2)
    for _ in range(300):
        x = rng.normal(loc=[3.0, -2.0], scale=[2.0, 0.1], size=(32, 2))
        _, _, rm, rv = batchnorm_forward(x, gamma, beta, rm, rv, training=True)
    np.testing.assert_allclose(rm, [3.0, -2.0], atol=0.15)
    np.testing.assert_allclose(rv, [4.0, 0.01], rtol=0.15)
    # Evaluation: a single example works, and its output does not depend on the batch.
    single = np.array([[3.0, -2.0]])
    out1, _, m2, v2 = batchnorm_forward(single, gamma, beta, rm, rv, training=False)
    batch = np.vstack([single, rng.normal(size=(5, 2)) * 100])
    out2, _, _, _ = batchnorm_forward(batch, gamma, beta, rm, rv, training=False)
    np.testing.assert_allclose(out1[0], out2[0])
    np.testing.assert_allclose(out1[0], gamma * (single[0] - rm) / np.sqrt(rv + 1e-5) + beta)
    np.testing.assert_array_equal(m2, rm)
    np.testing.assert_array_equal(v2, rv)


def test_spatial_batchnorm_equals_feature_batchnorm_on_flattened_pixels():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(4, 3, 5, 6))
    gamma, beta, rm, rv = _params(3, seed=3)
    out4, _, m4, v4 = batchnorm_forward(x, gamma, beta, rm, rv, training=True)
    flat = x.transpose(0, 2, 3, 1).reshape(-1, 3)          # (N*H*W, C)
    out2, _, m2, v2 = batchnorm_forward(flat, gamma, beta, rm, rv, training=True)
    np.testing.assert_allclose(out4, out2.reshape(4, 5, 6, 3).transpose(0, 3, 1, 2), atol=1e-12)
    np.testing.assert_allclose(m4, m2)
    np.testing.assert_allclose(v4, v2)


def test_constant_channel_gives_beta_not_nan():
    x = np.column_stack([np.full(8, 7.0), np.arange(8.0)])
    out, cache, _, _ = batchnorm_forward(x, np.ones(2), np.array([0.3, 0.0]), np.zeros(2),
                                         np.ones(2), training=True)
    np.testing.assert_allclose(out[:, 0], 0.3)
    dx, _, _ = batchnorm_backward(np.ones_like(x), cache)
    assert np.isfinite(dx).all()


# ---------- backward ----------

@pytest.mark.parametrize("shape", [(6, 4), (3, 2, 3, 2)])
@pytest.mark.parametrize("training", [True, False])
def test_gradients_match_finite_differences(shape, training):
    rng = np.random.default_rng(4)
    x = rng.normal(loc=2.0, scale=1.5, size=shape)
    c = shape[1]
    gamma, beta, rm, rv = _params(c, seed=5)
    R = rng.normal(size=shape)                              # loss = sum(out * R)

    def loss():
        return (batchnorm_forward(x, gamma, beta, rm, rv, training=training)[0] * R).sum()

    _, cache, _, _ = batchnorm_forward(x, gamma, beta, rm, rv, training=training)
    dx, dgamma, dbeta = batchnorm_backward(R, cache)
    for analytic, var in ((dx, x), (dgamma, gamma), (dbeta, beta)):
        num = _numerical_grad(loss, var)
        np.testing.assert_allclose(analytic, num, rtol=1e-6, atol=1e-8)


def test_training_dx_is_centred_and_orthogonal_to_x_hat():
    rng = np.random.default_rng(6)
    x = rng.normal(size=(16, 3))
    gamma, beta, rm, rv = _params(3, seed=6)
    # eps=0 makes BN exactly invariant to shifting or rescaling a channel, so the
    # gradient has no component along those two directions (eps > 0 breaks the
    # scale invariance slightly).
    _, cache, _, _ = batchnorm_forward(x, gamma, beta, rm, rv, training=True, eps=0.0)
    dx, _, _ = batchnorm_backward(rng.normal(size=(16, 3)), cache)
    np.testing.assert_allclose(dx.sum(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose((dx * cache["x_hat"]).sum(axis=0), 0.0, atol=1e-10)


def test_gradient_vanishes_for_a_loss_that_depends_only_on_the_batch_mean():
    x = np.random.default_rng(7).normal(size=(10, 2))
    _, cache, _, _ = batchnorm_forward(x, np.ones(2), np.zeros(2), np.zeros(2), np.ones(2),
                                       training=True)
    dx, _, dbeta = batchnorm_backward(np.ones((10, 2)), cache)   # loss = sum(out) = N * beta
    np.testing.assert_allclose(dx, 0.0, atol=1e-12)
    np.testing.assert_allclose(dbeta, [10.0, 10.0])


# ---------- validation ----------

def test_invalid_inputs_raise():
    gamma, beta, rm, rv = _params(3)
    with pytest.raises(ValueError, match="more than one value"):
        batchnorm_forward(np.ones((1, 3)), gamma, beta, rm, rv, training=True)
    # one example is fine in evaluation mode, and in training for spatial inputs
    batchnorm_forward(np.ones((1, 3)), gamma, beta, rm, rv, training=False)
    batchnorm_forward(np.ones((1, 3, 2, 2)), gamma, beta, rm, rv, training=True)
    for bad in (np.ones((4, 2)), np.ones((4, 3, 2)), np.ones(3)):
        with pytest.raises(ValueError, match="must be"):
            batchnorm_forward(bad, gamma, beta, rm, rv, training=True)
