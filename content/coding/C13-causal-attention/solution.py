"""Scaled dot-product attention with causal and padding masks, and multi-head attention."""
from __future__ import annotations

import numpy as np


def scaled_dot_product_attention(
    q: np.ndarray,
    k: np.ndarray,
    v: np.ndarray,
    *,
    causal: bool = False,
    mask: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """softmax(q k^T / sqrt(d_k)) v over the last two axes, batched over any leading axes.

    q: (..., T_q, d_k), k: (..., T_k, d_k), v: (..., T_k, d_v).
    mask: boolean, broadcastable to (..., T_q, T_k); True means "may attend".
    causal: query i may attend key j only if j <= i + (T_k - T_q), i.e. queries are
    the last T_q positions of the key sequence (the KV-cache convention; for
    T_q == T_k this is the usual lower-triangular mask).
    A query with no visible key gets all-zero weights and a zero output.
    Returns (output (..., T_q, d_v), attention weights (..., T_q, T_k)).
    """
    q, k, v = (np.asarray(a, dtype=float) for a in (q, k, v))
    if q.shape[-1] != k.shape[-1] or k.shape[-2] != v.shape[-2]:
        raise ValueError(f"need q (.., T_q, d), k (.., T_k, d), v (.., T_k, d_v); "
                         f"got {q.shape}, {k.shape}, {v.shape}")
    t_q, t_k = q.shape[-2], k.shape[-2]
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])       # (..., T_q, T_k)
    allowed = np.ones((t_q, t_k), dtype=bool)
    if causal:
        allowed = np.tril(allowed, k=t_k - t_q)
    if mask is not None:
        try:
            allowed = allowed & np.broadcast_to(np.asarray(mask, dtype=bool), scores.shape)
        except ValueError:
            raise ValueError(f"mask of shape {np.shape(mask)} does not broadcast "
                             f"to {scores.shape}") from None
    allowed = np.broadcast_to(allowed, scores.shape)
    scores = np.where(allowed, scores, -np.inf)
    # Stable softmax: subtract each row's largest visible score, so exponents are <= 0.
    row_max = scores.max(axis=-1, keepdims=True)
    row_max = np.where(np.isfinite(row_max), row_max, 0.0)           # fully masked rows
    e = np.exp(scores - row_max)                                     # exp(-inf) = 0
    denom = e.sum(axis=-1, keepdims=True)
    weights = e / np.where(denom > 0, denom, 1.0)
    return weights @ v, weights


def multi_head_attention(
    x: np.ndarray,
    w_q: np.ndarray,
    w_k: np.ndarray,
    w_v: np.ndarray,
    w_o: np.ndarray,
    n_heads: int,
    *,
    causal: bool = True,
) -> np.ndarray:
    """Self-attention with n_heads heads on x of shape (B, T, d_model).

    Projections are (d_model, d_model) matrices; each head sees a d_model / n_heads
    slice of the projected queries, keys and values, and the heads' outputs are
    concatenated and mixed by w_o.
    """
    x = np.asarray(x, dtype=float)
    b, t, d_model = x.shape
    if n_heads < 1 or d_model % n_heads:
        raise ValueError(f"d_model={d_model} must be divisible by n_heads={n_heads}")
    d_head = d_model // n_heads

    def split(h: np.ndarray) -> np.ndarray:  # (B, T, d_model) -> (B, heads, T, d_head)
        return h.reshape(b, t, n_heads, d_head).transpose(0, 2, 1, 3)

    out, _ = scaled_dot_product_attention(split(x @ w_q), split(x @ w_k), split(x @ w_v),
                                          causal=causal)
    return out.transpose(0, 2, 1, 3).reshape(b, t, d_model) @ w_o
