import numpy as np
import pytest
from scipy.signal import convolve2d, correlate2d

from solution import conv2d


def _naive(x, w, b, stride, padding):
    """Direct loops over the definition (slow, obviously correct)."""
    (sh, sw), (ph, pw) = stride, padding
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    n, c, hp, wp = xp.shape
    o, _, kh, kw = w.shape
    ho, wo = (hp - kh) // sh + 1, (wp - kw) // sw + 1
    out = np.zeros((n, o, ho, wo))
    for a in range(n):
        for f in range(o):
            for i in range(ho):
                for j in range(wo):
                    patch = xp[a, :, i * sh:i * sh + kh, j * sw:j * sw + kw]
                    out[a, f, i, j] = (patch * w[f]).sum() + (0.0 if b is None else b[f])
    return out


def _scipy_reference(x, w, b, stride, padding):
    """Sum over input channels of scipy's single-channel 'valid' correlation."""
    (sh, sw), (ph, pw) = stride, padding
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    out = np.array([[sum(correlate2d(xp[a, c], w[f, c], mode="valid") for c in range(x.shape[1]))
                     for f in range(w.shape[0])] for a in range(x.shape[0])])
    out = out[:, :, ::sh, ::sw]
    return out if b is None else out + b[None, :, None, None]


@pytest.mark.parametrize("stride, padding", [
    ((1, 1), (0, 0)), ((2, 2), (0, 0)), ((1, 1), (1, 1)), ((2, 3), (1, 2)), ((3, 1), (2, 0)),
])
@pytest.mark.parametrize("kernel", [(3, 3), (2, 4), (1, 1)])
def test_matches_scipy_and_naive_loops(stride, padding, kernel):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 3, 9, 8))
    w = rng.normal(size=(4, 3) + kernel)
    b = rng.normal(size=4)
    out = conv2d(x, w, b, stride=stride, padding=padding)
    np.testing.assert_allclose(out, _scipy_reference(x, w, b, stride, padding), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(out, _naive(x, w, b, stride, padding), rtol=1e-12, atol=1e-12)


def test_output_shape_formula():
    x = np.zeros((1, 1, 7, 10))
    w = np.zeros((5, 1, 3, 2))
    # H: (7 + 2*1 - 3) // 2 + 1 = 4; W: (10 + 2*0 - 2) // 3 + 1 = 3
    assert conv2d(x, w, stride=(2, 3), padding=(1, 0)).shape == (1, 5, 4, 3)


def test_same_padding_matches_scipy_same_mode():
    rng = np.random.default_rng(1)
    img, k = rng.normal(size=(6, 7)), rng.normal(size=(3, 5))
    out = conv2d(img[None, None], k[None, None], padding=(1, 2))[0, 0]
    np.testing.assert_allclose(out, correlate2d(img, k, mode="same"), rtol=1e-12, atol=1e-12)


def test_flipping_the_kernel_gives_true_convolution():
    rng = np.random.default_rng(2)
    img, k = rng.normal(size=(6, 6)), rng.normal(size=(3, 3))
    flipped = k[::-1, ::-1]
    out = conv2d(img[None, None], flipped[None, None].copy())[0, 0]
    np.testing.assert_allclose(out, convolve2d(img, k, mode="valid"), rtol=1e-12, atol=1e-12)
    assert not np.allclose(conv2d(img[None, None], k[None, None])[0, 0], out)


def test_one_by_one_convolution_is_a_matmul_over_channels():
    rng = np.random.default_rng(3)
    x, w = rng.normal(size=(2, 5, 4, 4)), rng.normal(size=(3, 5, 1, 1))
    np.testing.assert_allclose(conv2d(x, w), np.einsum("nchw,oc->nohw", x, w[:, :, 0, 0]),
                               rtol=1e-12, atol=1e-12)


def test_translation_equivariance():
    rng = np.random.default_rng(4)
    x, w = rng.normal(size=(1, 2, 10, 10)), rng.normal(size=(3, 2, 3, 3))
    shifted = np.roll(x, shift=(2, 1), axis=(2, 3))
    a, b = conv2d(x, w), conv2d(shifted, w)
    # away from the wrapped border, shifting the input shifts the output
    np.testing.assert_allclose(b[:, :, 2:, 1:], a[:, :, :-2, :-1], rtol=1e-12, atol=1e-12)


def test_delta_kernel_copies_the_input():
    x = np.arange(2 * 16, dtype=float).reshape(1, 2, 4, 4)
    w = np.zeros((2, 2, 3, 3))
    w[0, 1, 1, 1] = 1.0                         # output 0 = centre tap of input channel 1
    w[1, 0, 1, 1] = 2.0
    out = conv2d(x, w, padding=1)
    np.testing.assert_array_equal(out[0, 0], x[0, 1])
    np.testing.assert_array_equal(out[0, 1], 2 * x[0, 0])


def test_kernel_as_large_as_the_input_gives_one_output():
    x = np.ones((1, 1, 3, 3))
    assert conv2d(x, np.ones((1, 1, 3, 3)), np.array([0.5])).tolist() == [[[[9.5]]]]


@pytest.mark.parametrize("x, w, kwargs, match", [
    (np.zeros((1, 2, 4, 4)), np.zeros((1, 3, 3, 3)), {}, "channels"),
    (np.zeros((2, 4, 4)), np.zeros((1, 2, 3, 3)), {}, "must be"),
    (np.zeros((1, 1, 2, 2)), np.zeros((1, 1, 3, 3)), {}, "larger"),
    (np.zeros((1, 1, 4, 4)), np.zeros((1, 1, 3, 3)), {"stride": 0}, "stride"),
    (np.zeros((1, 1, 4, 4)), np.zeros((1, 1, 3, 3)), {"padding": -1}, "padding"),
    (np.zeros((1, 1, 4, 4)), np.zeros((1, 1, 3, 3)), {"stride": (1, 2, 3)}, "stride"),
    (np.zeros((1, 1, 4, 4)), np.zeros((2, 1, 3, 3)), {"b": np.zeros(3)}, "b must"),
])
def test_invalid_inputs_raise(x, w, kwargs, match):
    with pytest.raises(ValueError, match=match):
        conv2d(x, w, **kwargs)
