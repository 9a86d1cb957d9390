"""Sessionize an event log: a new session starts after a period of inactivity, per user."""
from __future__ import annotations

import pandas as pd


def sessionize(
    df: pd.DataFrame, user_col: str = "user", time_col: str = "ts", timeout="30min"
) -> pd.DataFrame:
    """Return a copy of df with two new integer columns.

    session_id:  global id, numbered 0, 1, ... in order of (user, session start), so the
                 numbering does not depend on the input's row order.
    session_seq: the session's number within its user (0 = the user's first session).
    An event starts a new session if it is the user's first event or comes more than
    `timeout` after the user's previous event; a gap of exactly `timeout` continues it.
    Events with equal timestamps always share a session.
    """
    for col in (user_col, time_col):
        if col not in df.columns:
            raise KeyError(f"column {col!r} not in DataFrame")
    if not pd.api.types.is_datetime64_any_dtype(df[time_col]):
        raise TypeError(f"{time_col!r} must be a datetime64 column")
    if df[time_col].isna().any() or df[user_col].isna().any():
        raise ValueError("timestamps and user ids must not be missing")
    timeout = pd.Timedelta(timeout)
    if timeout <= pd.Timedelta(0):
        raise ValueError("timeout must be positive")

    # Work on positions (RangeIndex) so that duplicate index labels in df cannot misalign.
    work = pd.DataFrame({"u": df[user_col].to_numpy(), "t": df[time_col].to_numpy()})
    work = work.sort_values(["u", "t"], kind="mergesort")  # stable: ties keep input order
    new_user = work["u"].ne(work["u"].shift())
    starts = new_user | (work["t"].diff() > timeout)   # diff across users is irrelevant
    session_id = starts.cumsum() - 1
    session_seq = starts.astype(int).groupby(work["u"], sort=False).cumsum() - 1

    out = df.copy()
    out["session_id"] = session_id.sort_index().to_numpy()
    out["session_seq"] = session_seq.sort_index().to_numpy()
    return out


def session_summary(
    events: pd.DataFrame, user_col: str = "user", time_col: str = "ts"
) -> pd.DataFrame:
    """One row per session_id: user, start, end, duration (end - start) and n_events.

    A single-event session has duration 0: the log cannot tell how long the user stayed
    after the last event (add the timeout, or time on page, if the product needs it).
    """
    summary = events.groupby("session_id", sort=True).agg(
        user=(user_col, "first"),
        start=(time_col, "min"),
        end=(time_col, "max"),
        n_events=(time_col, "size"),
    )
    summary["duration"] = summary["end"] - summary["start"]
    return summary
