import numpy as np
import pandas as pd
import pytest

from solution import session_summary, sessionize

T0 = pd.Timestamp("2024-05-01 09:00")


def _log(n=500, seed=0):
    rng = np.random.default_rng(seed)
    users = rng.choice(["ann", "bob", "cy", "dee"], size=n)
    # Gaps of mostly a few minutes with occasional long breaks; whole minutes so that
    # ties and gaps of exactly 30 minutes occur.
    minutes = rng.choice([0, 1, 5, 29, 30, 31, 120], size=n, p=[.1, .3, .3, .1, .08, .07, .05])
    t = T0 + pd.to_timedelta(np.cumsum(minutes), unit="min")
    df = pd.DataFrame({"user": users, "ts": t, "page": rng.integers(0, 50, n)})
    return df.sample(frac=1.0, random_state=seed)  # unsorted input


def _reference(df, timeout=pd.Timedelta("30min")):
    """Slow loop over users and their sorted events."""
    sid = pd.Series(-1, index=df.index)
    next_id = 0
    for user in sorted(df["user"].unique()):
        events = df[df["user"] == user].sort_values("ts", kind="mergesort")
        prev = None
        for idx, t in events["ts"].items():
            if prev is None or t - prev > timeout:
                next_id += 1
            sid[idx] = next_id - 1
            prev = t
    return sid


def test_matches_reference_loop():
    df = _log()
    out = sessionize(df)
    np.testing.assert_array_equal(out["session_id"].to_numpy(), _reference(df).to_numpy())
    assert out.index.equals(df.index)
    assert (out["page"] == df["page"]).all()  # original columns untouched


def test_session_invariants():
    out = sessionize(_log(seed=1))
    s = out.sort_values(["user", "ts"], kind="mergesort")
    gaps = s.groupby("user")["ts"].diff()
    same_session = s["session_id"].eq(s["session_id"].shift())
    assert (gaps[same_session] <= pd.Timedelta("30min")).all()
    new_session_same_user = ~same_session & gaps.notna()
    assert (gaps[new_session_same_user] > pd.Timedelta("30min")).all()
    # Ids are 0..S-1 and ordered by (user, start); seq restarts at 0 for each user.
    summary = session_summary(out)
    assert list(summary.index) == list(range(len(summary)))
    ordered = summary.sort_values(["user", "start"])
    assert list(ordered.index) == list(summary.index)
    assert (out.groupby("user")["session_seq"].min() == 0).all()
    assert summary["n_events"].sum() == len(out)


def test_boundary_exactly_timeout_continues():
    t = T0 + pd.to_timedelta([0, 30, 60, 91, 91, 91], unit="min")
    df = pd.DataFrame({"user": "u", "ts": t})
    out = sessionize(df)
    # 30-min gaps continue; 31 min starts a new session; ties stay together.
    assert out["session_id"].tolist() == [0, 0, 0, 1, 1, 1]
    summary = session_summary(out)
    assert summary["duration"].tolist() == [pd.Timedelta("60min"), pd.Timedelta(0)]
    assert summary["n_events"].tolist() == [3, 3]


def test_single_event_and_custom_timeout():
    df = pd.DataFrame({"user": ["a", "b", "b"], "ts": [T0, T0, T0 + pd.Timedelta("10min")]})
    out = sessionize(df, timeout="5min")
    assert out["session_id"].tolist() == [0, 1, 2]
    assert out["session_seq"].tolist() == [0, 0, 1]
    summary = session_summary(out)
    assert (summary["duration"] == pd.Timedelta(0)).all()


def test_input_order_does_not_matter():
    df = _log(seed=2)
    a = sessionize(df)
    b = sessionize(df.sample(frac=1.0, random_state=9))
    pd.testing.assert_series_equal(a["session_id"], b.loc[a.index, "session_id"])


def test_duplicate_index_labels():
    df = pd.DataFrame({"user": ["a", "a", "a"], "ts": [T0 + pd.Timedelta("2h"), T0, T0]},
                      index=[7, 7, 7])
    out = sessionize(df)
    assert out["session_id"].tolist() == [1, 0, 0]


def test_empty_log():
    df = pd.DataFrame({"user": pd.Series([], dtype=str), "ts": pd.Series([], dtype="datetime64[ns]")})
    out = sessionize(df)
    assert out.empty and {"session_id", "session_seq"} <= set(out.columns)
    assert session_summary(out).empty


def test_invalid_inputs():
    df = pd.DataFrame({"user": ["a"], "ts": [T0]})
    with pytest.raises(ValueError, match="positive"):
        sessionize(df, timeout="0s")
    with pytest.raises(TypeError, match="datetime64"):
        sessionize(df.assign(ts="2024-05-01"))
    with pytest.raises(ValueError, match="missing"):
        sessionize(df.assign(ts=pd.NaT))
    with pytest.raises(KeyError, match="user_id"):
        sessionize(df, user_col="user_id")
