import warnings

import numpy as np
import pytest
from scipy.special import softmax
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.neural_network import MLPClassifier

from solution import forward, init_params, loss_and_grads, predict, train


def _spiral(n=100, k=3, seed=0):
    """k interleaved spiral arms in 2-D: not linearly separable."""
    rng = np.random.default_rng(seed)
    r = np.tile(np.linspace(0.0, 1.0, n), k)
    t = np.concatenate([np.linspace(4 * c, 4 * (c + 1), n) for c in range(k)])
    t += rng.normal(scale=0.2, size=n * k)
    return np.column_stack([r * np.sin(t), r * np.cos(t)]), np.repeat(np.arange(k), n)


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


@pytest.mark.parametrize("weight_decay", [0.0, 0.1])
def test_gradients_match_finite_differences(weight_decay):
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(8, 3)), rng.integers(0, 4, size=8)
    params = init_params(3, 5, 4, seed=1)
    params["b1"] = rng.normal(size=5)
    params["b2"] = rng.normal(size=4)
    _, grads = loss_and_grads(params, X, y, weight_decay)
    for name in ("W1", "b1", "W2", "b2"):
        num = _numerical_grad(lambda: loss_and_grads(params, X, y, weight_decay)[0], params[name])
        rel = np.abs(grads[name] - num).max() / max(np.abs(num).max(), 1e-12)
        assert rel < 1e-6, (name, rel)


def test_forward_matches_sklearn_mlp_with_the_same_weights():
    rng = np.random.default_rng(2)
    X, y = rng.normal(size=(30, 4)), rng.integers(0, 3, size=30)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")                 # 1 iteration: convergence warning
        sk = MLPClassifier(hidden_layer_sizes=(6,), activation="relu", max_iter=1).fit(X, y)
    params = init_params(4, 6, 3, seed=3)
    params["b1"], params["b2"] = rng.normal(size=6), rng.normal(size=3)
    sk.coefs_ = [params["W1"].copy(), params["W2"].copy()]
    sk.intercepts_ = [params["b1"].copy(), params["b2"].copy()]
    logits, _ = forward(params, X)
    np.testing.assert_allclose(softmax(logits, axis=1), sk.predict_proba(X), rtol=1e-10)
    loss, _ = loss_and_grads(params, X, y)
    assert loss == pytest.approx(log_loss(y, sk.predict_proba(X), labels=[0, 1, 2]), rel=1e-10)


def test_learns_a_spiral_that_a_linear_model_cannot():
    X, y = _spiral()
    params, history = train(X, y, epochs=200, seed=0)
    assert np.mean(predict(params, X) == y) >= 0.95
    assert LogisticRegression().fit(X, y).score(X, y) <= 0.6
    assert history[-1] < history[0] / 4


def test_solves_xor():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([0, 1, 1, 0])
    params, _ = train(X, y, d_hidden=8, epochs=500, batch_size=4, weight_decay=0.0, seed=0)
    assert predict(params, X).tolist() == y.tolist()


def test_dead_relu_unit_gets_no_gradient():
    rng = np.random.default_rng(4)
    X, y = rng.normal(size=(20, 3)), rng.integers(0, 2, size=20)
    params = init_params(3, 4, 2, seed=0)
    params["b1"][0] = -1e3                              # unit 0 is never active
    _, grads = loss_and_grads(params, X, y)
    assert np.all(grads["W1"][:, 0] == 0) and grads["b1"][0] == 0
    assert np.all(grads["W2"][0] == 0)                  # its activation is 0, so W2 row gets none


def test_relu_derivative_at_zero_is_zero():
    rng = np.random.default_rng(5)
    X, y = rng.normal(size=(20, 3)), rng.integers(0, 2, size=20)
    params = init_params(3, 4, 2, seed=0)
    params["W1"][:, 0] = 0.0                            # unit 0 sits exactly on the kink
    _, grads = loss_and_grads(params, X, y)
    assert np.all(grads["W1"][:, 0] == 0) and grads["b1"][0] == 0
    assert np.abs(grads["W1"][:, 1:]).max() > 0         # the other units do learn


def test_each_epoch_reshuffles(monkeypatch):
    import solution
    batches = []
    real = solution.loss_and_grads

    def spy(params, Xb, yb, weight_decay=0.0):
        batches.append(Xb[:, 0].copy())
        return real(params, Xb, yb, weight_decay)

    monkeypatch.setattr(solution, "loss_and_grads", spy)
    X = np.column_stack([np.arange(10.0), np.zeros(10)])
    train(X, np.arange(10) % 2, epochs=2, batch_size=10, seed=0)
    first, second = batches[0], batches[2]              # calls 1 and 3 are full-data losses
    assert sorted(first) == sorted(second) == list(range(10))
    assert first.tolist() != list(range(10)) and first.tolist() != second.tolist()


def test_init_scales():
    p = init_params(400, 300, 10, seed=0)
    assert p["W1"].std() == pytest.approx(np.sqrt(2 / 400), rel=0.02)
    assert p["W2"].std() == pytest.approx(np.sqrt(1 / 300), rel=0.05)
    assert not p["b1"].any() and not p["b2"].any()


def test_training_is_deterministic_given_a_seed():
    X, y = _spiral(n=30)
    a, _ = train(X, y, epochs=5, seed=7)
    b, _ = train(X, y, epochs=5, seed=7)
    for name in a:
        np.testing.assert_array_equal(a[name], b[name])


@pytest.mark.parametrize("X, y", [
    (np.zeros(4), np.zeros(4, dtype=int)),
    (np.zeros((4, 2)), np.zeros(3, dtype=int)),
    (np.zeros((4, 2)), np.array([0.0, 1.0, 0.0, 1.0])),
    (np.zeros((4, 2)), np.array([0, -1, 0, 1])),
    (np.zeros((0, 2)), np.zeros(0, dtype=int)),
])
def test_invalid_inputs_raise(X, y):
    with pytest.raises(ValueError):
        train(X, y, epochs=1)
