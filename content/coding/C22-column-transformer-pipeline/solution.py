"""A leakage-safe preprocessing + model Pipeline for mixed numeric/categorical tabular data."""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler


def none_to_nan(X: pd.DataFrame) -> pd.DataFrame:
    """Turn None into np.nan: SimpleImputer(missing_values=np.nan) does not see None
    in object columns, which would otherwise become a category of its own."""
    X = pd.DataFrame(X).astype(object)
    return X.where(X.notna(), np.nan)


def build_preprocessor(numeric: Sequence[str], categorical: Sequence[str]) -> ColumnTransformer:
    """Numeric: median impute (+ missing indicators) then standardise.
    Categorical: constant impute then one-hot, ignoring categories unseen in fit."""
    numeric_steps = Pipeline([
        # Median is robust to skew; the indicator keeps "was missing" as a signal.
        # Indicators are added only for columns that had missing values during fit.
        ("impute", SimpleImputer(strategy="median", add_indicator=True)),
        ("scale", StandardScaler()),
    ])
    categorical_steps = Pipeline([
        ("none_to_nan", FunctionTransformer(none_to_nan, feature_names_out="one-to-one")),
        ("impute", SimpleImputer(strategy="constant", fill_value="missing")),
        # Unseen categories at predict time become an all-zero block instead of an error.
        ("onehot", OneHotEncoder(handle_unknown="ignore", sparse_output=False)),
    ])
    return ColumnTransformer(
        [("num", numeric_steps, list(numeric)), ("cat", categorical_steps, list(categorical))],
        remainder="drop",  # ids, timestamps and the target must not slip into X
    )


def build_model(numeric: Sequence[str], categorical: Sequence[str], *, C: float = 1.0) -> Pipeline:
    """Preprocessing and classifier in one estimator: fit() learns every statistic from
    the training rows only, and cross-validation refits them inside each fold."""
    return Pipeline([
        ("prep", build_preprocessor(numeric, categorical)),
        ("clf", LogisticRegression(C=C, max_iter=1000)),
    ])
