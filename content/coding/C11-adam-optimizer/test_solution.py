import math

import numpy as np
import pytest

from solution import Adam


def _reference_adam(p0, grads, lr, b1, b2, eps, wd=0.0, decoupled=False):
    """Scalar transcription of Algorithm 1 in Kingma & Ba (plus weight decay)."""
    out = []
    for j, p in enumerate(p0):
        m = v = 0.0
        for t, g in enumerate(grads, start=1):
            g = float(g[j])
            if decoupled:
                p = p - lr * wd * p
            else:
                g = g + wd * p
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            p = p - lr * (m / (1 - b1**t)) / (math.sqrt(v / (1 - b2**t)) + eps)
        out.append(p)
    return np.array(out)


def test_first_step_by_hand():
    p = np.array([1.0, -2.0, 3.0])
    Adam(lr=0.1).step([p], [np.array([0.5, -4.0, 1e-3])])
    # bias correction makes m_hat = g and v_hat = g^2, so the step is lr * g / (|g| + eps)
    np.testing.assert_allclose(p, [1.0 - 0.1 * 0.5 / (0.5 + 1e-8),
                                   -2.0 + 0.1 * 4.0 / (4.0 + 1e-8),
                                   3.0 - 0.1 * 1e-3 / (1e-3 + 1e-8)], rtol=1e-15)


def test_second_step_by_hand():
    p = np.array([1.0])
    opt = Adam(lr=0.1)
    opt.step([p], [np.array([0.5])])
    p1 = p[0]
    opt.step([p], [np.array([-0.2])])
    m = 0.9 * 0.05 + 0.1 * -0.2                    # 0.025
    v = 0.999 * 0.00025 + 0.001 * 0.04             # 0.00028975
    step = 0.1 * (m / 0.19) / (math.sqrt(v / (1 - 0.999**2)) + 1e-8)
    assert step == pytest.approx(0.0345606, abs=1e-7)
    assert p[0] == pytest.approx(p1 - step, rel=1e-14)


@pytest.mark.parametrize("wd, decoupled", [(0.0, False), (0.1, False), (0.1, True)])
def test_matches_scalar_reference_over_many_steps(wd, decoupled):
    rng = np.random.default_rng(0)
    grads = rng.normal(size=(40, 3)) * [1.0, 1e-3, 100.0]
    p = rng.normal(size=3)
    expected = _reference_adam(p.copy(), grads, 0.01, 0.8, 0.99, 1e-8, wd, decoupled)
    opt = Adam(lr=0.01, betas=(0.8, 0.99), weight_decay=wd, decoupled=decoupled)
    for g in grads:
        opt.step([p], [g])
    np.testing.assert_allclose(p, expected, rtol=1e-12)


def test_several_parameter_arrays_keep_separate_state():
    a, b = np.ones((2, 2)), np.zeros(3)
    opt = Adam(lr=0.5)
    opt.step([a, b], [np.full((2, 2), 2.0), np.full(3, -1.0)])
    np.testing.assert_allclose(a, 0.5, rtol=1e-7)
    np.testing.assert_allclose(b, 0.5, rtol=1e-7)
    assert opt.m[0].shape == (2, 2) and opt.v[1].shape == (3,)


def test_update_is_invariant_to_gradient_scale():
    rng = np.random.default_rng(1)
    grads = rng.normal(size=(20, 4))
    p1, p2 = np.zeros(4), np.zeros(4)
    o1, o2 = Adam(lr=0.01, eps=0.0), Adam(lr=0.01, eps=0.0)
    for g in grads:
        o1.step([p1], [g])
        o2.step([p2], [1000.0 * g])
    np.testing.assert_allclose(p1, p2, rtol=1e-12)


def test_decoupled_decay_differs_from_l2_with_zero_gradient():
    # Decoupled: pure geometric shrinkage. L2: the decay term is itself normalised,
    # so the parameter moves by about lr per step regardless of its size.
    p_w, p_l2 = np.array([1.0]), np.array([1.0])
    adamw = Adam(lr=0.01, weight_decay=0.1, decoupled=True)
    adam_l2 = Adam(lr=0.01, weight_decay=0.1, decoupled=False)
    adamw.step([p_w], [np.zeros(1)])
    adam_l2.step([p_l2], [np.zeros(1)])
    assert p_w[0] == pytest.approx(1.0 - 0.01 * 0.1)
    assert p_l2[0] == pytest.approx(1.0 - 0.01, rel=1e-6)
    for _ in range(49):
        adamw.step([p_w], [np.zeros(1)])
        adam_l2.step([p_l2], [np.zeros(1)])
    assert p_w[0] == pytest.approx(0.999**50)
    assert p_l2[0] < 0.6


@pytest.mark.parametrize("decoupled", [False, True])
def test_caller_gradients_are_not_modified(decoupled):
    p, g = np.array([2.0, -1.0]), np.array([0.3, 0.4])
    opt = Adam(lr=0.1, weight_decay=0.5, decoupled=decoupled)
    for _ in range(3):
        opt.step([p], [g])
    np.testing.assert_array_equal(g, [0.3, 0.4])


def test_zero_weight_decay_is_plain_adam_in_both_modes():
    rng = np.random.default_rng(2)
    p1 = rng.normal(size=5)
    p2 = p1.copy()
    o1, o2 = Adam(lr=0.1), Adam(lr=0.1, decoupled=True)
    for g in rng.normal(size=(10, 5)):
        o1.step([p1], [g])
        o2.step([p2], [g])
    np.testing.assert_array_equal(p1, p2)


def test_converges_on_an_ill_conditioned_quadratic():
    curvature = np.array([1.0, 100.0])
    x = np.array([3.0, -2.0])
    opt = Adam(lr=0.05)
    for _ in range(2000):
        opt.step([x], [curvature * x])
    np.testing.assert_allclose(x, 0.0, atol=1e-6)


def test_converges_on_rosenbrock():
    def grad(p):
        x, y = p
        return np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])

    p = np.array([-1.5, 2.0])
    opt = Adam(lr=0.02)
    for _ in range(5000):
        opt.step([p], [grad(p)])
    np.testing.assert_allclose(p, [1.0, 1.0], atol=1e-4)


@pytest.mark.parametrize("kwargs", [dict(lr=0.0), dict(eps=-1.0), dict(weight_decay=-0.1),
                                    dict(betas=(1.0, 0.999)), dict(betas=(0.9, -0.1))])
def test_invalid_hyperparameters_raise(kwargs):
    with pytest.raises(ValueError):
        Adam(**kwargs)


def test_mismatched_inputs_raise():
    opt = Adam()
    with pytest.raises(ValueError, match="matching"):
        opt.step([np.zeros(2)], [np.zeros(3)])
    with pytest.raises(ValueError, match="matching"):
        opt.step([np.zeros(2)], [])
    opt.step([np.zeros(2)], [np.ones(2)])
    with pytest.raises(ValueError, match="changed"):
        opt.step([np.zeros(2), np.zeros(1)], [np.ones(2), np.ones(1)])
