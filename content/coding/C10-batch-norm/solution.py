"""Batch normalisation forward and backward, for (N, D) and (N, C, H, W) inputs."""
from __future__ import annotations

import numpy as np


def _axes_and_shape(x: np.ndarray, n_channels: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Axes to reduce over and the broadcast shape of per-channel parameters."""
    if x.ndim == 2 and x.shape[1] == n_channels:
        return (0,), (1, n_channels)
    if x.ndim == 4 and x.shape[1] == n_channels:
        return (0, 2, 3), (1, n_channels, 1, 1)  # spatial BN: statistics per channel
    raise ValueError(f"x must be (N, {n_channels}) or (N, {n_channels}, H, W); got {x.shape}")


def batchnorm_forward(
    x: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    running_mean: np.ndarray,
    running_var: np.ndarray,
    *,
    training: bool,
    momentum: float = 0.1,
    eps: float = 1e-5,
) -> tuple[np.ndarray, dict, np.ndarray, np.ndarray]:
    """Normalise each channel, then scale by gamma and shift by beta.

    Training: uses the batch mean and biased variance, and returns running stats
    updated as running = (1 - momentum) * running + momentum * batch_stat, with the
    unbiased batch variance (PyTorch's convention). Evaluation: uses the running
    stats and returns them unchanged. Inputs are not modified.
    Returns (out, cache for backward, new running_mean, new running_var).
    """
    x = np.asarray(x, dtype=float)
    axes, shape = _axes_and_shape(x, gamma.shape[0])
    if training:
        m = x.size // gamma.shape[0]                       # values per channel
        if m < 2:
            raise ValueError("training needs more than one value per channel")
        mu = x.mean(axis=axes, keepdims=True)
        var = x.var(axis=axes, keepdims=True)
        new_mean = (1 - momentum) * running_mean + momentum * mu.ravel()
        new_var = (1 - momentum) * running_var + momentum * var.ravel() * m / (m - 1)
    else:
        mu, var = running_mean.reshape(shape), running_var.reshape(shape)
        new_mean, new_var = running_mean.copy(), running_var.copy()
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    out = gamma.reshape(shape) * x_hat + beta.reshape(shape)
    cache = {"x_hat": x_hat, "inv_std": inv_std, "gamma": gamma.reshape(shape),
             "axes": axes, "training": training}
    return out, cache, new_mean, new_var


def batchnorm_backward(dout: np.ndarray, cache: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients (dx, dgamma, dbeta) given dL/dout and the forward cache.

    In training mode the mean and variance depend on every x in the channel, so
    dx = inv_std / m * (m * g - sum(g) - x_hat * sum(g * x_hat)), with g = dout * gamma
    and sums over the channel's m values. In evaluation mode they are constants and
    dx = dout * gamma * inv_std.
    """
    x_hat, inv_std, gamma, axes = cache["x_hat"], cache["inv_std"], cache["gamma"], cache["axes"]
    dgamma = (dout * x_hat).sum(axis=axes)
    dbeta = dout.sum(axis=axes)
    g = dout * gamma                                       # dL/dx_hat
    if not cache["training"]:
        return g * inv_std, dgamma, dbeta
    m = x_hat.size // gamma.size
    dx = (inv_std / m) * (m * g - g.sum(axis=axes, keepdims=True)
                          - x_hat * (g * x_hat).sum(axis=axes, keepdims=True))
    return dx, dgamma, dbeta
