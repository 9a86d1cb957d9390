import numpy as np
import pytest
from scipy.special import softmax

from solution import multi_head_attention, scaled_dot_product_attention

STRICT = dict(over="raise", divide="raise", invalid="raise")


def _qkv(seed=0, lead=(2, 3), t_q=5, t_k=5, d=4, d_v=6):
    rng = np.random.default_rng(seed)
    return (rng.normal(size=lead + (t_q, d)), rng.normal(size=lead + (t_k, d)),
            rng.normal(size=lead + (t_k, d_v)))


def _reference(q, k, v, allowed):
    """Row-by-row loops with scipy's softmax over the visible keys only."""
    out = np.zeros(q.shape[:-1] + (v.shape[-1],))
    for idx in np.ndindex(*q.shape[:-1]):
        keep = allowed[idx[-1]] if allowed.ndim == 2 else allowed[idx]
        if keep.any():
            s = k[idx[:-1]][keep] @ q[idx] / np.sqrt(q.shape[-1])
            out[idx] = softmax(s) @ v[idx[:-1]][keep]
    return out


def test_unmasked_matches_reference():
    q, k, v = _qkv()
    out, w = scaled_dot_product_attention(q, k, v)
    np.testing.assert_allclose(out, _reference(q, k, v, np.ones((5, 5), bool)), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(w.sum(axis=-1), 1.0, rtol=1e-14)


def test_causal_matches_reference_and_is_lower_triangular():
    q, k, v = _qkv(1)
    out, w = scaled_dot_product_attention(q, k, v, causal=True)
    np.testing.assert_allclose(out, _reference(q, k, v, np.tril(np.ones((5, 5), bool))),
                               rtol=1e-12, atol=1e-12)
    assert (w[..., np.triu_indices(5, k=1)[0], np.triu_indices(5, k=1)[1]] == 0).all()
    np.testing.assert_allclose(w.sum(axis=-1), 1.0, rtol=1e-14)


def test_output_at_t_ignores_future_positions():
    q, k, v = _qkv(2, lead=(1,), t_q=8, t_k=8)
    base, _ = scaled_dot_product_attention(q, k, v, causal=True)
    rng = np.random.default_rng(9)
    for t in range(8):
        k2, v2, q2 = k.copy(), v.copy(), q.copy()
        k2[:, t + 1:] = rng.normal(size=k2[:, t + 1:].shape) * 100
        v2[:, t + 1:] = rng.normal(size=v2[:, t + 1:].shape) * 100
        q2[:, t + 1:] = rng.normal(size=q2[:, t + 1:].shape) * 100
        changed, _ = scaled_dot_product_attention(q2, k2, v2, causal=True)
        np.testing.assert_array_equal(changed[:, : t + 1], base[:, : t + 1])
        if t < 7:
            assert not np.allclose(changed[:, t + 1:], base[:, t + 1:])


def test_kv_cache_queries_align_to_the_end():
    q, k, v = _qkv(3, lead=(2,), t_q=6, t_k=6)
    full, full_w = scaled_dot_product_attention(q, k, v, causal=True)
    last, last_w = scaled_dot_product_attention(q[:, -2:], k, v, causal=True)
    np.testing.assert_allclose(last, full[:, -2:], rtol=1e-14)
    np.testing.assert_allclose(last_w, full_w[:, -2:], rtol=1e-14)


def test_large_logits_are_stable_and_become_hard_attention():
    q, k, v = _qkv(4, lead=(2,), t_q=4, t_k=4)
    with np.errstate(**STRICT):
        out, w = scaled_dot_product_attention(q * 1e4, k * 1e4, v, causal=True)
    assert np.isfinite(out).all()
    np.testing.assert_allclose(w.sum(axis=-1), 1.0)
    # scores differ by ~1e8, so each row puts all weight on its best visible key
    s = np.where(np.tril(np.ones((4, 4), bool)), q @ np.swapaxes(k, -1, -2), -np.inf)
    hard = np.take_along_axis(v, s.argmax(axis=-1)[..., None], axis=-2)
    np.testing.assert_allclose(out, hard, rtol=1e-12)


def test_identical_keys_give_a_running_mean():
    rng = np.random.default_rng(5)
    v = rng.normal(size=(1, 6, 3))
    k = np.ones((1, 6, 4))
    out, _ = scaled_dot_product_attention(rng.normal(size=(1, 6, 4)), k, v, causal=True)
    np.testing.assert_allclose(out[0], np.cumsum(v[0], axis=0) / np.arange(1, 7)[:, None])


def test_padding_mask_combines_with_causal():
    q, k, v = _qkv(6, lead=(2,), t_q=5, t_k=5)
    key_ok = np.array([[True, True, True, False, False],      # sequence 0 has length 3
                       [True, True, True, True, True]])
    mask = key_ok[:, None, :]                                  # broadcast over queries
    out, w = scaled_dot_product_attention(q, k, v, causal=True, mask=mask)
    allowed = np.tril(np.ones((5, 5), bool))[None] & mask
    np.testing.assert_allclose(out, _reference(q, k, v, allowed), rtol=1e-12, atol=1e-12)
    assert (w[0, :, 3:] == 0).all()


def test_fully_masked_row_gives_zeros_without_warnings():
    q, k, v = _qkv(7, lead=(), t_q=3, t_k=3)
    mask = np.array([[True, False, True], [False, False, False], [True, True, True]])
    with np.errstate(**STRICT):
        out, w = scaled_dot_product_attention(q, k, v, mask=mask)
    np.testing.assert_array_equal(out[1], 0.0)
    np.testing.assert_array_equal(w[1], 0.0)
    np.testing.assert_allclose(w[[0, 2]].sum(axis=-1), 1.0)


def _mha_loop(x, w_q, w_k, w_v, w_o, h):
    d = x.shape[-1] // h
    heads = []
    for i in range(h):
        sl = slice(i * d, (i + 1) * d)
        o, _ = scaled_dot_product_attention(x @ w_q[:, sl], x @ w_k[:, sl], x @ w_v[:, sl],
                                            causal=True)
        heads.append(o)
    return np.concatenate(heads, axis=-1) @ w_o


@pytest.mark.parametrize("heads", [1, 2, 4])
def test_multi_head_matches_per_head_loop_and_stays_causal(heads):
    rng = np.random.default_rng(8)
    x = rng.normal(size=(2, 7, 8))
    ws = [rng.normal(size=(8, 8)) / np.sqrt(8) for _ in range(4)]
    out = multi_head_attention(x, *ws, heads)
    np.testing.assert_allclose(out, _mha_loop(x, *ws, heads), rtol=1e-12, atol=1e-12)
    x2 = x.copy()
    x2[:, 4:] += 10.0
    np.testing.assert_array_equal(multi_head_attention(x2, *ws, heads)[:, :4], out[:, :4])


def test_invalid_inputs_raise():
    q, k, v = _qkv(lead=(), t_q=3, t_k=4)
    with pytest.raises(ValueError, match="need q"):
        scaled_dot_product_attention(q, k[:, :3], v)
    with pytest.raises(ValueError, match="need q"):
        scaled_dot_product_attention(q, k, v[:3])
    with pytest.raises(ValueError, match="broadcast"):
        scaled_dot_product_attention(q, k, v, mask=np.ones((4, 3), bool))
    with pytest.raises(ValueError, match="divisible"):
        multi_head_attention(np.zeros((1, 2, 6)), *[np.eye(6)] * 4, n_heads=4)
