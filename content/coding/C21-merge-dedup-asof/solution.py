"""De-duplicate to the latest record per key, join with validation, and join point-in-time."""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd


def latest_per_key(df: pd.DataFrame, key: str | Sequence[str], ts: str) -> pd.DataFrame:
    """Keep one row per key: the one with the largest `ts`.

    Ties on `ts` go to the row that comes later in df (last write wins), which makes the
    result deterministic. Missing timestamps raise: sort_values puts NaT last, so they
    would silently count as the newest record. Result is sorted by key.
    """
    if df[ts].isna().any():
        raise ValueError(f"{ts!r} has missing values; decide how to order them first")
    keys = [key] if isinstance(key, str) else list(key)
    ordered = df.sort_values(ts, kind="mergesort")  # stable: equal ts keep input order
    return ordered.drop_duplicates(subset=keys, keep="last").sort_values(keys, kind="mergesort")


def merge_checked(
    left: pd.DataFrame,
    right: pd.DataFrame,
    on: str | Sequence[str],
    *,
    validate: str = "many_to_one",
    require_match: bool = False,
) -> pd.DataFrame:
    """Left join that fails loudly instead of silently duplicating or dropping rows.

    validate="many_to_one" raises pandas.errors.MergeError if a key repeats in `right`,
    which would otherwise multiply left rows. With require_match=True, left rows without a
    partner raise ValueError instead of becoming NaN.
    """
    merged = left.merge(right, on=on, how="left", validate=validate, indicator=True)
    unmatched = int((merged["_merge"] == "left_only").sum())
    if require_match and unmatched:
        raise ValueError(f"{unmatched} left rows have no match in right")
    merged = merged.drop(columns="_merge")
    if validate in ("many_to_one", "m:1", "one_to_one", "1:1"):
        merged.index = left.index  # one output row per left row, in order
    return merged


def point_in_time_join(
    events: pd.DataFrame,
    features: pd.DataFrame,
    *,
    by: str,
    event_time: str,
    feature_time: str,
    tolerance=None,
    allow_exact_matches: bool = True,
) -> pd.DataFrame:
    """Attach to each event the latest feature row of the same key that existed at event time.

    A feature row qualifies if feature_time <= event_time (< if allow_exact_matches is
    False) and, when `tolerance` is given, event_time - feature_time <= tolerance.
    Events without a qualifying row get NaN. Output has the events' rows, order and index.
    Give the two time columns different names so the matched feature time stays visible.
    """
    for frame, col in ((events, event_time), (features, feature_time)):
        if frame[col].isna().any():
            raise ValueError(f"{col!r} has missing timestamps")
    if features.duplicated(subset=[by, feature_time]).any():
        raise ValueError("features has several rows for one (key, time); de-duplicate first")

    # merge_asof needs both sides sorted by time; remember the events' positions to undo it.
    left = events.assign(_pos=np.arange(len(events))).sort_values(event_time, kind="mergesort")
    right = features.sort_values(feature_time, kind="mergesort")
    joined = pd.merge_asof(
        left, right, left_on=event_time, right_on=feature_time, by=by,
        direction="backward", allow_exact_matches=allow_exact_matches,
        tolerance=None if tolerance is None else pd.Timedelta(tolerance),
    )
    joined = joined.sort_values("_pos").drop(columns="_pos")
    joined.index = events.index
    return joined
