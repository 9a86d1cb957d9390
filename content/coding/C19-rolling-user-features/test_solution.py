import numpy as np
import pandas as pd
import pytest

from solution import rolling_user_features


def _events(n=400, n_users=8, seed=0):
    rng = np.random.default_rng(seed)
    # Minute resolution over 30 days, then rounded to 6 h so that many rows tie.
    t = pd.Timestamp("2024-03-01") + pd.to_timedelta(rng.integers(0, 30 * 24 * 60, n), unit="min")
    t = t.round("6h")
    v = rng.gamma(2.0, 10.0, size=n)
    v[rng.uniform(size=n) < 0.1] = np.nan
    df = pd.DataFrame({"user": rng.choice(list("abcdefgh")[:n_users], n), "ts": t, "amount": v})
    df.index = rng.permutation(np.arange(1000, 1000 + n))  # unsorted, non-default index
    return df


def _reference(df, window):
    """Slow loop: same user, t - w <= t_j < t_i."""
    w = pd.Timedelta(window)
    counts, sums, means = [], [], []
    for _, row in df.iterrows():
        mask = (df["user"] == row["user"]) & (df["ts"] >= row["ts"] - w) & (df["ts"] < row["ts"])
        vals = df.loc[mask, "amount"]
        counts.append(int(mask.sum()))
        sums.append(vals.sum())  # skips NaN; 0.0 when empty
        means.append(vals.mean())
    return np.array(counts), np.array(sums), np.array(means)


@pytest.mark.parametrize("window", ["1D", "7D", "36h"])
def test_matches_slow_loop(window):
    df = _events()
    got = rolling_user_features(df, "user", "ts", "amount", windows=[window])
    counts, sums, means = _reference(df, window)
    assert got.index.equals(df.index)
    np.testing.assert_array_equal(got[f"amount_count_{window}"], counts)
    np.testing.assert_allclose(got[f"amount_sum_{window}"], sums, rtol=1e-10)
    np.testing.assert_allclose(got[f"amount_mean_{window}"], means, rtol=1e-10, equal_nan=True)


def test_several_windows_at_once():
    df = _events(n=150, seed=1)
    got = rolling_user_features(df, "user", "ts", "amount", windows=["1D", "7D"])
    assert list(got.columns) == ["amount_count_1D", "amount_sum_1D", "amount_mean_1D",
                                 "amount_count_7D", "amount_sum_7D", "amount_mean_7D"]
    assert (got["amount_count_7D"] >= got["amount_count_1D"]).all()


def test_boundaries_current_row_and_ties():
    t = pd.to_datetime(["2024-01-01 00:00", "2024-01-08 00:00", "2024-01-08 00:00", "2024-01-08 00:01"])
    df = pd.DataFrame({"user": 1, "ts": t, "amount": [1.0, 10.0, 100.0, 1000.0]})
    got = rolling_user_features(df, "user", "ts", "amount", windows=["7D"])
    # Row 1 is exactly 7 days after row 0 -> included; rows 1 and 2 tie -> exclude each other;
    # row 3 is 7 days and 1 minute after row 0 -> row 0 has dropped out.
    assert got["amount_count_7D"].tolist() == [0, 1, 1, 2]
    assert got["amount_sum_7D"].tolist() == [0.0, 1.0, 1.0, 110.0]
    assert np.isnan(got["amount_mean_7D"].iloc[0])
    assert got["amount_mean_7D"].iloc[3] == 55.0


def test_users_do_not_mix_and_input_order_is_irrelevant():
    df = _events(n=200, seed=2)
    got = rolling_user_features(df, "user", "ts", "amount")
    shuffled = df.sample(frac=1.0, random_state=3)
    again = rolling_user_features(shuffled, "user", "ts", "amount")
    pd.testing.assert_frame_equal(got, again.loc[got.index])
    one_user = df[df["user"] == "c"]
    alone = rolling_user_features(one_user, "user", "ts", "amount")
    pd.testing.assert_frame_equal(alone, got.loc[one_user.index])


def test_own_and_future_values_do_not_leak():
    df = _events(n=200, seed=4)
    base = rolling_user_features(df, "user", "ts", "amount")
    cut = df["ts"].quantile(0.5)
    changed = df.copy()
    changed.loc[changed["ts"] >= cut, "amount"] = 1e6  # rewrite the present and future
    after = rolling_user_features(changed, "user", "ts", "amount")
    early = df["ts"] <= cut
    pd.testing.assert_frame_equal(base[early], after[early])


def test_missing_values_count_as_events_but_not_in_the_mean():
    t = pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"])
    df = pd.DataFrame({"user": "u", "ts": t, "amount": [4.0, np.nan, 0.0]})
    got = rolling_user_features(df, "user", "ts", "amount", windows=["7D"])
    assert got["amount_count_7D"].tolist() == [0, 1, 2]
    assert got["amount_mean_7D"].iloc[2] == 4.0


def test_empty_frame():
    df = pd.DataFrame({"user": pd.Series([], dtype=int), "ts": pd.Series([], dtype="datetime64[ns]"),
                       "amount": pd.Series([], dtype=float)})
    got = rolling_user_features(df, "user", "ts", "amount")
    assert got.empty and list(got.columns) == ["amount_count_7D", "amount_sum_7D", "amount_mean_7D"]


@pytest.mark.parametrize("kwargs, exc, match", [
    ({"windows": ["monthly"]}, ValueError, "fixed duration"),
    ({"windows": ["0D"]}, ValueError, "positive"),
    ({"value_col": "price"}, KeyError, "price"),
])
def test_invalid_arguments(kwargs, exc, match):
    args = {"user_col": "user", "time_col": "ts", "value_col": "amount"} | kwargs
    with pytest.raises(exc, match=match):
        rolling_user_features(_events(n=10), **args)


def test_bad_time_column():
    df = _events(n=10)
    with pytest.raises(TypeError, match="datetime64"):
        rolling_user_features(df.assign(ts=df["ts"].astype(str)), "user", "ts", "amount")
    with pytest.raises(ValueError, match="missing"):
        rolling_user_features(df.assign(ts=pd.NaT), "user", "ts", "amount")


def test_plain_pandas_rolling_leaks_tied_rows():
    # The pitfall the solution avoids: closed="left" on rows excludes only the current row.
    t = pd.to_datetime(["2024-01-01", "2024-01-05", "2024-01-05"])
    df = pd.DataFrame({"user": 1, "ts": t, "amount": [1.0, 10.0, 100.0]})
    naive = df.set_index("ts").groupby("user")["amount"].rolling("7D", closed="left").sum()
    assert naive.tolist()[2] == 11.0  # sees the tied row's 10.0
    got = rolling_user_features(df, "user", "ts", "amount")
    assert got["amount_sum_7D"].tolist() == [0.0, 1.0, 1.0]
