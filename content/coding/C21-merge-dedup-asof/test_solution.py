import numpy as np
import pandas as pd
import pytest
from pandas.errors import MergeError

from solution import latest_per_key, merge_checked, point_in_time_join

T0 = pd.Timestamp("2024-01-01")


def _profile_log(seed=0, n=300, n_keys=40):
    """A change log: several versions of each customer's record."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "customer": rng.integers(0, n_keys, n),
        "updated_at": T0 + pd.to_timedelta(rng.integers(0, 90, n), unit="D"),
        "tier": rng.choice(["free", "pro", "team"], n),
        "credit": rng.normal(100, 30, n).round(2),
    }, index=rng.permutation(n) + 10_000)


# ---------- latest record per key ----------

def test_latest_matches_reference():
    log = _profile_log()
    got = latest_per_key(log, "customer", "updated_at")
    assert got["customer"].is_unique
    assert len(got) == log["customer"].nunique()
    for cust, row in got.set_index("customer").iterrows():
        versions = log[log["customer"] == cust]
        newest = versions[versions["updated_at"] == versions["updated_at"].max()]
        # Last write wins among ties: the tied row that appears last in the input.
        expected = newest.iloc[-1]
        assert row["credit"] == expected["credit"] and row["tier"] == expected["tier"]


def test_latest_tie_break_and_composite_key():
    log = pd.DataFrame({
        "shop": [1, 1, 1, 2], "sku": ["a", "a", "b", "a"],
        "updated_at": [T0, T0, T0, T0 - pd.Timedelta("1D")], "price": [5.0, 6.0, 7.0, 8.0],
    })
    got = latest_per_key(log, ["shop", "sku"], "updated_at")
    assert got["price"].tolist() == [6.0, 7.0, 8.0]


def test_latest_rejects_missing_timestamps():
    log = _profile_log(n=20)
    log.loc[log.index[3], "updated_at"] = pd.NaT
    with pytest.raises(ValueError, match="missing"):
        latest_per_key(log, "customer", "updated_at")


# ---------- validated merge ----------

def _orders(seed=1, n=200, n_keys=40):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "order_id": np.arange(n),
        "customer": rng.integers(0, n_keys, n),
        "ordered_at": T0 + pd.to_timedelta(rng.integers(0, 120 * 24, n), unit="h"),
        "amount": rng.gamma(2, 20, n).round(2),
    }, index=rng.permutation(n) + 500)


def test_duplicates_in_dimension_are_caught():
    orders, log = _orders(), _profile_log()
    with pytest.raises(MergeError):
        merge_checked(orders, log, on="customer")
    # The silent alternative: a plain merge multiplies order rows.
    assert len(orders.merge(log, on="customer", how="left")) > len(orders)
    with pytest.raises(MergeError):
        merge_checked(orders, log, on="customer", validate="one_to_many")


def test_many_to_many_is_caught():
    a = pd.DataFrame({"k": [1, 1, 2], "x": [1, 2, 3]})
    b = pd.DataFrame({"k": [1, 1], "y": [4, 5]})
    with pytest.raises(MergeError):
        merge_checked(a, b, on="k", validate="one_to_one")
    assert len(merge_checked(a, b, on="k", validate="many_to_many")) == 5


def test_dedup_then_merge_keeps_every_order_once():
    orders, log = _orders(), _profile_log()
    merged = merge_checked(orders, latest_per_key(log, "customer", "updated_at"), on="customer")
    assert len(merged) == len(orders)
    assert merged.index.equals(orders.index)
    assert (merged["order_id"].to_numpy() == orders["order_id"].to_numpy()).all()


def test_require_match():
    orders = _orders()
    dim = latest_per_key(_profile_log(), "customer", "updated_at")
    dim = dim[dim["customer"] != orders["customer"].iloc[0]]
    merged = merge_checked(orders, dim, on="customer")
    assert merged["tier"].isna().sum() == (orders["customer"] == orders["customer"].iloc[0]).sum()
    with pytest.raises(ValueError, match="no match"):
        merge_checked(orders, dim, on="customer", require_match=True)


# ---------- point-in-time join ----------

def _reference_asof(events, features, tolerance=None, strict=False):
    out = []
    for _, e in events.iterrows():
        f = features[features["customer"] == e["customer"]]
        ok = f["updated_at"] < e["ordered_at"] if strict else f["updated_at"] <= e["ordered_at"]
        if tolerance is not None:
            ok &= e["ordered_at"] - f["updated_at"] <= pd.Timedelta(tolerance)
        f = f[ok]
        out.append(f.loc[f["updated_at"].idxmax(), "credit"] if len(f) else np.nan)
    return np.array(out)


@pytest.mark.parametrize("tolerance, strict", [(None, False), ("10D", False), (None, True)])
def test_asof_matches_reference_and_never_looks_ahead(tolerance, strict):
    orders = _orders()
    snaps = _profile_log().drop_duplicates(["customer", "updated_at"])
    got = point_in_time_join(orders, snaps, by="customer", event_time="ordered_at",
                             feature_time="updated_at", tolerance=tolerance,
                             allow_exact_matches=not strict)
    assert got.index.equals(orders.index) and len(got) == len(orders)
    np.testing.assert_allclose(got["credit"], _reference_asof(orders, snaps, tolerance, strict),
                               equal_nan=True)
    matched = got["updated_at"].notna()
    assert matched.any() and (~matched).any()
    assert (got.loc[matched, "updated_at"] <= got.loc[matched, "ordered_at"]).all()


def test_exact_timestamp_boundary():
    events = pd.DataFrame({"customer": [1, 1], "ordered_at": [T0, T0 + pd.Timedelta("1h")]})
    feats = pd.DataFrame({"customer": [1], "updated_at": [T0], "credit": [42.0]})
    inclusive = point_in_time_join(events, feats, by="customer", event_time="ordered_at",
                                   feature_time="updated_at")
    strict = point_in_time_join(events, feats, by="customer", event_time="ordered_at",
                                feature_time="updated_at", allow_exact_matches=False)
    assert inclusive["credit"].tolist() == [42.0, 42.0]
    assert np.isnan(strict["credit"].iloc[0]) and strict["credit"].iloc[1] == 42.0


def test_joining_the_latest_snapshot_leaks_the_future():
    orders = _orders()
    snaps = _profile_log().drop_duplicates(["customer", "updated_at"])
    naive = merge_checked(orders, latest_per_key(snaps, "customer", "updated_at"), on="customer")
    future = naive["updated_at"] > naive["ordered_at"]
    assert future.mean() > 0.2  # many historical orders would see values from later updates
    pit = point_in_time_join(orders, snaps, by="customer", event_time="ordered_at",
                             feature_time="updated_at")
    assert not (pit["updated_at"] > pit["ordered_at"]).any()


def test_duplicate_snapshots_and_missing_times_raise():
    orders = _orders(n=10)
    feats = pd.DataFrame({"customer": [1, 1], "updated_at": [T0, T0], "credit": [1.0, 2.0]})
    with pytest.raises(ValueError, match="de-duplicate"):
        point_in_time_join(orders, feats, by="customer", event_time="ordered_at",
                           feature_time="updated_at")
    feats = pd.DataFrame({"customer": [1], "updated_at": [pd.NaT], "credit": [1.0]})
    with pytest.raises(ValueError, match="missing"):
        point_in_time_join(orders, feats, by="customer", event_time="ordered_at",
                           feature_time="updated_at")
