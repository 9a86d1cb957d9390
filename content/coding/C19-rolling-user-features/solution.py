"""Per-user rolling-window features over time that exclude the current row (no leakage)."""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd


def rolling_user_features(
    df: pd.DataFrame,
    user_col: str,
    time_col: str,
    value_col: str,
    windows: Sequence[str] = ("7D",),
) -> pd.DataFrame:
    """For each row and window w, aggregate the same user's events in [t - w, t).

    The window is closed on the left and open on the right: the current row is excluded,
    and so is every other event with the same timestamp (they are not "in the past").
    Per window, three columns are produced:
      {value}_count_{w}: number of past events in the window (missing values included),
      {value}_sum_{w}:   sum of the non-missing values (0 for an empty window),
      {value}_mean_{w}:  mean of the non-missing values (NaN if there are none).
    The result is aligned with df.index, whatever the input order.
    """
    for col in (user_col, time_col, value_col):
        if col not in df.columns:
            raise KeyError(f"column {col!r} not in DataFrame")
    if not pd.api.types.is_datetime64_any_dtype(df[time_col]):
        raise TypeError(f"{time_col!r} must be a datetime64 column")
    if df[time_col].isna().any() or df[user_col].isna().any():
        raise ValueError("timestamps and user ids must not be missing")
    sizes = {}
    for w in windows:
        try:
            sizes[w] = pd.Timedelta(w)  # fixed lengths only; a calendar month has none
        except ValueError as err:
            raise ValueError(f"window {w!r} is not a fixed duration like '7D' or '30min'") from err
        if sizes[w] <= pd.Timedelta(0):
            raise ValueError(f"window {w!r} must be positive")

    v = df[value_col].astype(float)
    rows = pd.DataFrame({
        "user": df[user_col].to_numpy(),
        "t": df[time_col].to_numpy(),
        "one": 1.0,                           # counts events
        "has_v": v.notna().to_numpy(float),  # counts values the mean can use
        "v": v.fillna(0.0).to_numpy(),
    })
    # Collapse ties first. pandas' closed="left" drops only the current *row*, so a row would
    # still see earlier rows that share its timestamp; after this step (user, t) is unique
    # and "strictly before t" is exactly what the window excludes.
    per_ts = rows.groupby(["user", "t"], sort=True)[["one", "has_v", "v"]].sum()
    per_ts = per_ts.reset_index(level="user")  # index = t, sorted within each user

    out = {}
    for w in windows:
        # Index of the result is (user, t): group keys prepended to the original index.
        sums = (per_ts.groupby("user", sort=False)[["one", "has_v", "v"]]
                .rolling(sizes[w], closed="left", min_periods=0).sum())
        sums = rows[["user", "t"]].join(sums, on=["user", "t"])  # back to one row per event
        name = f"{value_col}_{{}}_{w}"
        out[name.format("count")] = sums["one"].to_numpy().astype(int)
        out[name.format("sum")] = sums["v"].to_numpy()
        with np.errstate(invalid="ignore", divide="ignore"):
            out[name.format("mean")] = np.where(sums["has_v"] > 0, sums["v"] / sums["has_v"], np.nan)
    return pd.DataFrame(out, index=df.index)
