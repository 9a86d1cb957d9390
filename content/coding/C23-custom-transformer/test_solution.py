import pickle

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.pipeline import make_pipeline
from sklearn.utils.estimator_checks import check_estimator

from solution import FrequencyEncoder, QuantileClipper

# ---------- scikit-learn's own contract checks ----------

# check_dtype_object puts a dict into X and expects np.asarray's "argument must be a string
# or a number" error. FrequencyEncoder encodes arbitrary hashable categories, so it never
# converts X to numbers and raises "unhashable type" instead: the check does not apply and
# is left out of the list (test_dict_category_is_rejected covers that behaviour).
NOT_APPLICABLE = {("FrequencyEncoder", "check_dtype_object")}


def _all_checks():
    """(estimator name, check name), estimator, check for every generated contract check."""
    for estimator in (QuantileClipper(), FrequencyEncoder()):
        for est, check in check_estimator(estimator, generate_only=True):
            yield (type(est).__name__, check.func.__name__), est, check


CONTRACT_CHECKS = [pytest.param(est, check, id="-".join(key))
                   for key, est, check in _all_checks() if key not in NOT_APPLICABLE]


def test_exclusions_name_real_checks():
    # A stale exclusion (check renamed or removed upstream) should be noticed and dropped.
    keys = [key for key, _, _ in _all_checks()]
    assert NOT_APPLICABLE <= set(keys)
    assert len(CONTRACT_CHECKS) == len(keys) - len(NOT_APPLICABLE) >= 60


@pytest.mark.parametrize("estimator, check", CONTRACT_CHECKS)
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


# ---------- QuantileClipper ----------

def test_clipper_matches_numpy():
    rng = np.random.default_rng(0)
    train = rng.standard_t(df=2, size=(500, 3))
    train[rng.uniform(size=train.shape) < 0.05] = np.nan
    test = rng.standard_t(df=2, size=(200, 3)) * 3
    clip = QuantileClipper(0.05, 0.9).fit(train)
    lo, hi = np.nanquantile(train, 0.05, axis=0), np.nanquantile(train, 0.9, axis=0)
    np.testing.assert_allclose(clip.lower_, lo)
    np.testing.assert_allclose(clip.transform(test), np.clip(test, lo, hi))
    out = clip.transform(train)
    assert np.array_equal(np.isnan(out), np.isnan(train))  # NaN passes through
    assert np.nanmax(out, axis=0) == pytest.approx(hi)


def test_clipper_does_not_modify_input_and_handles_all_nan_column():
    X = np.array([[1.0, np.nan], [5.0, np.nan], [100.0, np.nan]])
    before = X.copy()
    out = QuantileClipper(0.0, 0.5).fit_transform(X)
    np.testing.assert_array_equal(X, before)
    np.testing.assert_array_equal(out[:, 0], [1.0, 5.0, 5.0])
    assert np.isnan(out[:, 1]).all()


def test_not_fitted_and_shape_and_name_checks():
    with pytest.raises(NotFittedError):
        QuantileClipper().transform(np.ones((2, 2)))
    clip = QuantileClipper().fit(np.ones((5, 3)))
    with pytest.raises(ValueError, match="features"):
        clip.transform(np.ones((2, 4)))
    df = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0]})
    clip = QuantileClipper().fit(df)
    assert list(clip.get_feature_names_out()) == ["a", "b"]
    with pytest.raises(ValueError, match="feature names"):
        clip.transform(df.rename(columns={"b": "c"}))


@pytest.mark.parametrize("lower, upper", [(0.5, 0.5), (0.9, 0.1), (-0.1, 0.9), (0.1, 1.5)])
def test_invalid_parameters_fail_in_fit_not_init(lower, upper):
    clip = QuantileClipper(lower, upper)  # constructing must not validate (set_params contract)
    assert clip.get_params() == {"lower": lower, "upper": upper}
    with pytest.raises(ValueError, match="lower < upper"):
        clip.fit(np.ones((3, 1)))


def test_clone_and_pickle():
    clip = QuantileClipper(0.1, 0.8).fit(np.arange(20.0).reshape(10, 2))
    fresh = clone(clip)
    assert fresh.get_params() == {"lower": 0.1, "upper": 0.8}
    assert not hasattr(fresh, "lower_")
    again = pickle.loads(pickle.dumps(clip))
    np.testing.assert_array_equal(again.upper_, clip.upper_)


def test_grid_search_tunes_the_clipper_inside_a_pipeline():
    # 3% of x values are corrupted by a factor of 50; y was generated from the clean x.
    rng = np.random.default_rng(1)
    x = rng.normal(size=(600, 1))
    y = 2.0 * x[:, 0] + rng.normal(scale=0.3, size=600)
    bad = rng.uniform(size=600) < 0.03
    x[bad] *= 50.0
    pipe = make_pipeline(QuantileClipper(), LinearRegression())
    grid = {"quantileclipper__lower": [0.0, 0.03], "quantileclipper__upper": [0.97, 1.0]}
    cv = KFold(5, shuffle=True, random_state=0)
    search = GridSearchCV(pipe, grid, cv=cv, scoring="r2").fit(x, y)
    assert search.best_params_ == {"quantileclipper__lower": 0.03, "quantileclipper__upper": 0.97}
    scores = search.cv_results_["mean_test_score"]
    no_clip = scores[list(map(dict, search.cv_results_["params"])).index(
        {"quantileclipper__lower": 0.0, "quantileclipper__upper": 1.0})]
    assert search.best_score_ > no_clip + 0.2


# ---------- FrequencyEncoder ----------

def test_frequency_encoder_values_unseen_and_missing():
    train = pd.DataFrame({"city": ["a", "a", "b", None, "a", np.nan, "c", "b"],
                          "plan": ["x"] * 6 + ["y"] * 2})
    enc = FrequencyEncoder(unseen_value=-1.0).fit(train)
    test = pd.DataFrame({"city": ["a", "b", "c", "zzz", np.nan], "plan": ["y", "x", "q", "x", "y"]})
    np.testing.assert_allclose(enc.transform(test), [
        [3 / 8, 2 / 8], [2 / 8, 6 / 8], [1 / 8, -1.0], [-1.0, 6 / 8], [2 / 8, 2 / 8]])
    assert list(enc.get_feature_names_out()) == ["city", "plan"]
    # No missing plan during fit: a missing plan later is just another unseen value.
    np.testing.assert_allclose(enc.transform(pd.DataFrame({"city": [None], "plan": [None]})),
                               [[2 / 8, -1.0]])


def test_frequency_encoder_matches_value_counts_and_ignores_y():
    rng = np.random.default_rng(2)
    df = pd.DataFrame({"c": rng.choice(list("abcdefg"), 300, p=[.4, .2, .1, .1, .1, .05, .05])})
    y = rng.integers(0, 2, 300)
    enc = FrequencyEncoder().fit(df, y)
    expected = df["c"].map(df["c"].value_counts(normalize=True)).to_numpy()
    np.testing.assert_allclose(enc.transform(df)[:, 0], expected)
    np.testing.assert_array_equal(FrequencyEncoder().fit(df, y[::-1]).transform(df),
                                  enc.transform(df))  # target-free by construction


def test_dict_category_is_rejected():
    # What check_dtype_object probes: a non-hashable value cannot be a category.
    X = np.array([["a"], [{"foo": "bar"}]], dtype=object)
    with pytest.raises(TypeError, match="unhashable"):
        FrequencyEncoder().fit(X)


def test_frequency_encoder_in_column_transformer():
    df = pd.DataFrame({"city": ["a", "b", "a", "c"], "income": [1.0, 2.0, 300.0, 4.0]})
    ct = ColumnTransformer([("freq", FrequencyEncoder(), ["city"]),
                            ("clip", QuantileClipper(0.0, 0.75), ["income"])])
    out = ct.fit_transform(df)
    assert list(ct.get_feature_names_out()) == ["freq__city", "clip__income"]
    np.testing.assert_allclose(out[:, 0], [0.5, 0.25, 0.5, 0.25])
    assert out[:, 1].max() == pytest.approx(np.quantile(df["income"], 0.75))
