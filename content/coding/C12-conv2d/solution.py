"""2-D convolution as deep-learning frameworks define it (cross-correlation), via im2col."""
from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _pair(value: int | tuple[int, int], name: str, minimum: int) -> tuple[int, int]:
    pair = (value, value) if isinstance(value, (int, np.integer)) else tuple(value)
    if len(pair) != 2 or any(not isinstance(v, (int, np.integer)) or v < minimum for v in pair):
        raise ValueError(f"{name} must be an int or a pair of ints >= {minimum}; got {value!r}")
    return int(pair[0]), int(pair[1])


def conv2d(
    x: np.ndarray,
    w: np.ndarray,
    b: np.ndarray | None = None,
    *,
    stride: int | tuple[int, int] = 1,
    padding: int | tuple[int, int] = 0,
) -> np.ndarray:
    """Multi-channel 2-D cross-correlation with zero padding and stride.

    x: (N, C_in, H, W) inputs; w: (C_out, C_in, kH, kW) kernels; b: (C_out,) or None.
    out[n, o, i, j] = b[o] + sum_{c, u, v} w[o, c, u, v] * xp[n, c, i*sH + u, j*sW + v],
    where xp is x zero-padded by padding rows/columns on each side (the kernel is not
    flipped, exactly as in PyTorch's Conv2d). Output size per axis: (H + 2p - k) // s + 1.
    """
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    if x.ndim != 4 or w.ndim != 4:
        raise ValueError(f"x must be (N, C, H, W) and w (C_out, C_in, kH, kW); "
                         f"got {x.shape}, {w.shape}")
    if x.shape[1] != w.shape[1]:
        raise ValueError(f"x has {x.shape[1]} channels but w expects {w.shape[1]}")
    if b is not None and np.shape(b) != (w.shape[0],):
        raise ValueError(f"b must have shape ({w.shape[0]},); got {np.shape(b)}")
    sh, sw = _pair(stride, "stride", 1)
    ph, pw = _pair(padding, "padding", 0)
    kh, kw = w.shape[2:]
    if x.shape[2] + 2 * ph < kh or x.shape[3] + 2 * pw < kw:
        raise ValueError(f"kernel {kh}x{kw} is larger than the padded input")

    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    # Every kH x kW patch as a view (no copy): (N, C_in, H', W', kH, kW); the stride
    # keeps every s-th window position.
    patches = sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::sh, ::sw]
    # Contract channels and kernel offsets in one GEMM (tensordot copies the patches
    # into an im2col matrix of shape (N*H_out*W_out, C_in*kH*kW)).
    out = np.tensordot(patches, w, axes=([1, 4, 5], [1, 2, 3]))   # (N, H_out, W_out, C_out)
    out = out.transpose(0, 3, 1, 2)
    if b is not None:
        out = out + np.asarray(b, dtype=float)[None, :, None, None]
    return np.ascontiguousarray(out)
