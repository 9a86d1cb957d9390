"""Leak-free temporal train/test split and past-only target features with pandas."""
from __future__ import annotations

import numpy as np
import pandas as pd


def _times(df: pd.DataFrame, time_col: str) -> pd.Series:
    """The time column, checked: present, datetime64 and without missing values."""
    if time_col not in df.columns:
        raise KeyError(f"column {time_col!r} not in DataFrame")
    t = df[time_col]
    if not pd.api.types.is_datetime64_any_dtype(t):
        raise TypeError(f"{time_col!r} must be a datetime64 column; parse it with pd.to_datetime")
    if t.isna().any():
        raise ValueError(f"{time_col!r} contains missing timestamps")
    return t


def _duration(value, name: str) -> pd.Timedelta:
    """Parse a duration such as "7D"; negative gaps or horizons would reintroduce leakage."""
    d = pd.Timedelta(value)
    if d < pd.Timedelta(0):
        raise ValueError(f"{name} must be non-negative; got {value!r}")
    return d


def time_split(
    df: pd.DataFrame,
    time_col: str,
    cutoff,
    *,
    gap="0s",
    label_horizon="0s",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split rows at `cutoff` so that nothing from the test period reaches training.

    train: rows whose label is fully observed by the cutoff, t + label_horizon <= cutoff
           (a label that needs 7 days of future data is not known for the last 7 days).
    test:  rows with t > cutoff + gap. The gap (embargo) mimics the delay between training
           and deployment and drops rows whose features overlap the boundary.
    Both keep the input's row order and index.
    """
    t = _times(df, time_col)
    cutoff = pd.Timestamp(cutoff)
    gap = _duration(gap, "gap")
    horizon = _duration(label_horizon, "label_horizon")
    train = df.loc[t + horizon <= cutoff].copy()
    test = df.loc[t > cutoff + gap].copy()
    return train, test


def past_target_stats(
    df: pd.DataFrame,
    key: str,
    time_col: str,
    target_col: str,
    *,
    label_delay="0s",
    prior: float = 0.0,
    prior_weight: float = 0.0,
) -> pd.DataFrame:
    """Per-row count and smoothed mean of `target_col` over the same key's earlier labels.

    Row j's label counts for row i only if it was known strictly before row i happened:
    t_j + label_delay < t_i. So rows sharing a timestamp never see each other's labels,
    and a row never sees its own. Missing targets (unlabelled rows) are skipped.
    mean = (past_sum + prior * prior_weight) / (past_count + prior_weight); pass a prior
    computed from the training period only, never from the full data.
    Returns a DataFrame aligned with df.index with columns past_count and past_mean.
    """
    t = _times(df, time_col)
    delay = _duration(label_delay, "label_delay")
    if prior_weight < 0:
        raise ValueError("prior_weight must be non-negative")
    if df.index.has_duplicates:
        raise ValueError("df.index must be unique so results can be aligned back")

    # Running totals per key, indexed by the time each label becomes known.
    known = pd.DataFrame({key: df[key], "known_at": t + delay, "y": df[target_col]})
    totals = (known.groupby([key, "known_at"])["y"].agg(["sum", "count"])
              .groupby(level=0).cumsum().reset_index().sort_values("known_at", kind="mergesort"))

    # For each row, the last running total known strictly before its timestamp.
    rows = pd.DataFrame({key: df[key], "t": t, "row": range(len(df))})
    rows = rows.sort_values("t", kind="mergesort")
    joined = pd.merge_asof(rows, totals, left_on="t", right_on="known_at", by=key,
                           allow_exact_matches=False, direction="backward")
    joined = joined.sort_values("row")
    past_sum = joined["sum"].fillna(0.0).to_numpy()
    past_count = joined["count"].fillna(0).astype(int).to_numpy()
    denom = past_count + prior_weight
    with np.errstate(invalid="ignore", divide="ignore"):  # no history and no prior -> NaN
        mean = np.where(denom > 0, (past_sum + prior * prior_weight) / denom, np.nan)
    return pd.DataFrame({"past_count": past_count, "past_mean": mean}, index=df.index)
