"""A two-layer MLP (ReLU hidden layer, softmax output) with hand-written backpropagation."""
from __future__ import annotations

import numpy as np

Params = dict[str, np.ndarray]


def init_params(d_in: int, d_hidden: int, n_classes: int, seed: int = 0) -> Params:
    """He-normal weights for the ReLU layer, 1/fan_in variance for the output, zero biases."""
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0.0, np.sqrt(2.0 / d_in), size=(d_in, d_hidden)),
        "b1": np.zeros(d_hidden),
        "W2": rng.normal(0.0, np.sqrt(1.0 / d_hidden), size=(d_hidden, n_classes)),
        "b2": np.zeros(n_classes),
    }


def forward(params: Params, X: np.ndarray) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Logits of shape (n, C), plus the intermediates backprop needs."""
    z1 = X @ params["W1"] + params["b1"]
    a1 = np.maximum(z1, 0.0)
    logits = a1 @ params["W2"] + params["b2"]
    return logits, {"X": X, "z1": z1, "a1": a1}


def loss_and_grads(
    params: Params, X: np.ndarray, y: np.ndarray, weight_decay: float = 0.0
) -> tuple[float, Params]:
    """Mean softmax cross-entropy + (weight_decay/2)(||W1||^2 + ||W2||^2), and its gradients."""
    n = X.shape[0]
    logits, cache = forward(params, X)
    shifted = logits - logits.max(axis=1, keepdims=True)          # stable log-softmax
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    rows = np.arange(n)
    loss = -logp[rows, y].mean()
    loss += 0.5 * weight_decay * ((params["W1"] ** 2).sum() + (params["W2"] ** 2).sum())

    # Backward pass: each line applies the chain rule to one forward line, in reverse.
    dlogits = np.exp(logp)
    dlogits[rows, y] -= 1.0
    dlogits /= n                                                  # (p - onehot) / n
    grads = {
        "W2": cache["a1"].T @ dlogits + weight_decay * params["W2"],
        "b2": dlogits.sum(axis=0),
    }
    da1 = dlogits @ params["W2"].T
    dz1 = da1 * (cache["z1"] > 0)  # ReLU passes gradient only where it was active
    grads["W1"] = cache["X"].T @ dz1 + weight_decay * params["W1"]
    grads["b1"] = dz1.sum(axis=0)
    return float(loss), grads


def train(
    X: np.ndarray,
    y: np.ndarray,
    *,
    d_hidden: int = 64,
    lr: float = 0.5,
    epochs: int = 300,
    batch_size: int = 64,
    weight_decay: float = 1e-4,
    seed: int = 0,
) -> tuple[Params, list[float]]:
    """Mini-batch SGD with reshuffling each epoch. Returns (params, full-data loss per epoch)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or y.shape != (X.shape[0],) or X.shape[0] == 0:
        raise ValueError(f"need X of shape (n, d), n > 0, and y of shape (n,); "
                         f"got {X.shape}, {y.shape}")
    if not np.issubdtype(y.dtype, np.integer) or y.min() < 0:
        raise ValueError("y must hold class indices 0..C-1")
    rng = np.random.default_rng(seed)
    params = init_params(X.shape[1], d_hidden, int(y.max()) + 1, seed)
    history = []
    for _ in range(epochs):
        order = rng.permutation(X.shape[0])
        for start in range(0, X.shape[0], batch_size):
            batch = order[start:start + batch_size]
            _, grads = loss_and_grads(params, X[batch], y[batch], weight_decay)
            for name in params:
                params[name] -= lr * grads[name]
        history.append(loss_and_grads(params, X, y, weight_decay)[0])
    return params, history


def predict(params: Params, X: np.ndarray) -> np.ndarray:
    """Class index with the largest logit for each row."""
    return forward(params, np.asarray(X, dtype=float))[0].argmax(axis=1)
