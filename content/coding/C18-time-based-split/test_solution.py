import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import roc_auc_score

from solution import past_target_stats, time_split


def _log(n=600, n_users=15, seed=0, noise_labels=False):
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2024-01-01")
    # Rounded to the hour so that many rows share a timestamp (ties).
    t = start + pd.to_timedelta(rng.integers(0, 60 * 24, size=n), unit="h")
    user = rng.integers(0, n_users, size=n)
    rate = rng.uniform(0.1, 0.9, size=n_users)
    y = (rng.uniform(size=n) < (0.5 if noise_labels else rate[user])).astype(float)
    df = pd.DataFrame({"user": user, "ts": t, "y": y})
    return df.sample(frac=1.0, random_state=seed)  # unsorted input with a shuffled index


def _reference(df, delay=pd.Timedelta(0)):
    """Slow loop: for each row, labels of the same user known strictly before its time."""
    counts, means = [], []
    for _, row in df.iterrows():
        past = df[(df["user"] == row["user"]) & (df["ts"] + delay < row["ts"]) & df["y"].notna()]
        counts.append(len(past))
        means.append(past["y"].mean() if len(past) else np.nan)
    return np.array(counts), np.array(means)


# ---------- the split ----------

@pytest.mark.parametrize("gap, horizon", [("0s", "0s"), ("2D", "0s"), ("3D", "7D")])
def test_split_is_temporal_and_disjoint(gap, horizon):
    df = _log()
    cutoff = pd.Timestamp("2024-02-01")
    train, test = time_split(df, "ts", cutoff, gap=gap, label_horizon=horizon)
    assert train["ts"].max() + pd.Timedelta(horizon) <= cutoff
    assert (test["ts"] > cutoff + pd.Timedelta(gap)).all()
    assert not (test["ts"] <= cutoff).any()
    assert set(train.index).isdisjoint(test.index)
    # Exactly the rows in the purge / embargo zones are dropped.
    t = df["ts"]
    dropped = ((t + pd.Timedelta(horizon) > cutoff) & (t <= cutoff + pd.Timedelta(gap))).sum()
    assert len(train) + len(test) + dropped == len(df)
    assert list(train.index) == [i for i in df.index if i in set(train.index)]  # order kept


def test_row_exactly_at_cutoff_goes_to_train():
    df = pd.DataFrame({"ts": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"]), "v": [1, 2, 3]})
    train, test = time_split(df, "ts", "2024-01-02")
    assert train["v"].tolist() == [1, 2] and test["v"].tolist() == [3]
    train, test = time_split(df, "ts", "2024-01-02", gap="1D")
    assert test.empty


# ---------- past-only target features ----------

@pytest.mark.parametrize("delay", ["0s", "36h"])
def test_matches_slow_reference(delay):
    df = _log(n=300, seed=1)
    df.loc[df.sample(30, random_state=2).index, "y"] = np.nan  # unlabelled rows
    got = past_target_stats(df, "user", "ts", "y", label_delay=delay)
    counts, means = _reference(df, pd.Timedelta(delay))
    np.testing.assert_array_equal(got["past_count"].to_numpy(), counts)
    np.testing.assert_allclose(got["past_mean"].to_numpy(), means, equal_nan=True)
    assert got.index.equals(df.index)


def test_ties_and_first_event_see_nothing():
    t = pd.to_datetime(["2024-01-01 10:00"] * 3 + ["2024-01-01 11:00"])
    df = pd.DataFrame({"user": ["a"] * 4, "ts": t, "y": [1.0, 0.0, 1.0, 0.0]})
    got = past_target_stats(df, "user", "ts", "y")
    assert got["past_count"].tolist() == [0, 0, 0, 3]
    assert np.isnan(got["past_mean"].iloc[:3]).all()
    assert got["past_mean"].iloc[3] == pytest.approx(2 / 3)


def test_smoothing_with_a_prior():
    t = pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"])
    df = pd.DataFrame({"user": [1, 1, 1], "ts": t, "y": [1.0, 1.0, 0.0]})
    got = past_target_stats(df, "user", "ts", "y", prior=0.2, prior_weight=4)
    np.testing.assert_allclose(got["past_mean"], [0.2, (1 + 0.8) / 5, (2 + 0.8) / 6])


def test_future_labels_cannot_change_past_features():
    df = _log(seed=3)
    cutoff = pd.Timestamp("2024-02-01")
    before = past_target_stats(df, "user", "ts", "y")
    changed = df.copy()
    future = changed["ts"] > cutoff
    changed.loc[future, "y"] = 1.0 - changed.loc[future, "y"]  # flip every future label
    after = past_target_stats(changed, "user", "ts", "y")
    pd.testing.assert_frame_equal(before[~future], after[~future])
    assert not before[future].equals(after[future])  # the flip really did something


def test_including_the_current_row_leaks():
    # Labels are pure noise, so no feature can predict them honestly.
    df = _log(n=3000, n_users=600, seed=4, noise_labels=True)  # ~5 rows per user
    naive = df.groupby("user")["y"].transform("mean")  # uses each row's own label
    honest = past_target_stats(df, "user", "ts", "y", prior=0.5, prior_weight=1)["past_mean"]
    assert roc_auc_score(df["y"], naive) > 0.7
    assert abs(roc_auc_score(df["y"], honest) - 0.5) < 0.05


# ---------- validation ----------

def test_invalid_inputs_raise():
    df = _log(n=20)
    with pytest.raises(TypeError, match="datetime64"):
        time_split(df.assign(ts=df["ts"].astype(str)), "ts", "2024-01-10")
    with pytest.raises(ValueError, match="missing"):
        time_split(df.assign(ts=df["ts"].where(df.index != df.index[0])), "ts", "2024-01-10")
    with pytest.raises(ValueError, match="non-negative"):
        time_split(df, "ts", "2024-01-10", gap="-1D")
    with pytest.raises(KeyError):
        time_split(df, "time", "2024-01-10")
    with pytest.raises(ValueError, match="unique"):
        past_target_stats(pd.concat([df, df]), "user", "ts", "y")
