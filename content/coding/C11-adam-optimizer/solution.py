"""The Adam optimiser with bias correction, and AdamW's decoupled weight decay."""
from __future__ import annotations

import numpy as np


class Adam:
    """Adam (Kingma & Ba, 2015), updating NumPy arrays in place.

    weight_decay with decoupled=False adds weight_decay * p to the gradient (L2
    regularisation, as in torch.optim.Adam). With decoupled=True it shrinks the
    parameters directly, p <- p * (1 - lr * weight_decay), outside the adaptive
    update (AdamW, Loshchilov & Hutter, 2019, as in torch.optim.AdamW).
    """

    def __init__(self, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8, weight_decay: float = 0.0, decoupled: bool = False) -> None:
        if lr <= 0 or eps < 0 or weight_decay < 0:
            raise ValueError("need lr > 0, eps >= 0 and weight_decay >= 0")
        if not all(0.0 <= b < 1.0 for b in betas):
            raise ValueError(f"betas must lie in [0, 1); got {betas}")
        self.lr, self.eps = lr, eps
        self.beta1, self.beta2 = betas
        self.weight_decay, self.decoupled = weight_decay, decoupled
        self.t = 0
        self.m: list[np.ndarray] = []   # first-moment (mean) estimates, one per parameter
        self.v: list[np.ndarray] = []   # second-moment (uncentred variance) estimates

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        """Apply one update to every array in params (modified in place)."""
        if len(params) != len(grads) or any(p.shape != g.shape for p, g in zip(params, grads)):
            raise ValueError("params and grads must be lists of arrays with matching shapes")
        if not self.m:
            self.m = [np.zeros_like(p, dtype=float) for p in params]
            self.v = [np.zeros_like(p, dtype=float) for p in params]
        elif len(self.m) != len(params):
            raise ValueError("the number of parameters changed between steps")
        self.t += 1
        # Both moment estimates start at 0, so early averages are biased toward 0 by a
        # factor (1 - beta^t); dividing by it removes the bias.
        bc1 = 1.0 - self.beta1**self.t
        bc2 = 1.0 - self.beta2**self.t
        for p, g, m, v in zip(params, grads, self.m, self.v):
            if self.weight_decay and self.decoupled:
                p *= 1.0 - self.lr * self.weight_decay
            elif self.weight_decay:
                g = g + self.weight_decay * p
            m *= self.beta1
            m += (1.0 - self.beta1) * g
            v *= self.beta2
            v += (1.0 - self.beta2) * g * g
            p -= self.lr * (m / bc1) / (np.sqrt(v / bc2) + self.eps)
