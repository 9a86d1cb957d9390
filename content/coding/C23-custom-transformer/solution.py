"""Two custom scikit-learn transformers that follow the estimator contract."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from sklearn.utils.validation import check_is_fitted


class QuantileClipper(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Clip each numeric column to quantiles learned in fit (winsorising outliers).

    NaN is ignored when learning the bounds and passed through by transform, so the
    clipper can sit in front of an imputer.
    """

    def __init__(self, lower: float = 0.01, upper: float = 0.99):
        # The contract: __init__ stores parameters unchanged and does nothing else, so
        # that get_params/set_params/clone (and hence GridSearchCV) work.
        self.lower = lower
        self.upper = upper

    def fit(self, X, y=None):
        """Learn per-column lower_ and upper_ quantiles, ignoring NaN; y is unused."""
        if not 0.0 <= self.lower < self.upper <= 1.0:
            raise ValueError(f"need 0 <= lower < upper <= 1; got {self.lower}, {self.upper}")
        # reset=True records n_features_in_ (and feature_names_in_ for DataFrames).
        X = self._validate_data(X, dtype=np.float64, force_all_finite="allow-nan")
        with warnings.catch_warnings():  # an all-NaN column gets NaN bounds: no clipping
            warnings.simplefilter("ignore", RuntimeWarning)
            self.lower_ = np.nanquantile(X, self.lower, axis=0)
            self.upper_ = np.nanquantile(X, self.upper, axis=0)
        return self  # fitted attributes end in "_"; fit returns self

    def transform(self, X):
        """Clip each column to [lower_, upper_]; returns a new float array."""
        check_is_fitted(self)  # raises NotFittedError before fit
        # reset=False checks the column count (and names) against what fit saw.
        X = self._validate_data(X, dtype=np.float64, force_all_finite="allow-nan", reset=False)
        lo = np.where(np.isnan(self.lower_), -np.inf, self.lower_)
        hi = np.where(np.isnan(self.upper_), np.inf, self.upper_)
        return np.clip(X, lo, hi)  # NaN stays NaN; input is never modified in place

    def _more_tags(self):
        return {"allow_nan": True}


class FrequencyEncoder(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Replace each category by its relative frequency in the training data.

    Target-free, so it cannot leak the label. Missing values are a category of their own;
    categories unseen in fit map to `unseen_value`.
    """

    def __init__(self, unseen_value: float = 0.0):
        self.unseen_value = unseen_value

    def fit(self, X, y=None):
        """Learn each column's category shares (frequencies_, missing_frequencies_)."""
        X = self._validate_data(X, dtype=None, force_all_finite=False)
        self.frequencies_, missing = [], []
        for j in range(X.shape[1]):
            col = pd.Series(X[:, j], dtype=object)
            # None and NaN are both "missing"; counted apart from the categories because
            # value_counts keeps None and NaN as two different keys in object columns.
            is_na = col.isna()
            self.frequencies_.append((col[~is_na].value_counts() / len(col)).to_dict())
            missing.append(is_na.mean())
        self.missing_frequencies_ = np.array(missing)
        return self

    def transform(self, X):
        """Map each value to its training share; unseen values get unseen_value."""
        check_is_fitted(self)
        X = self._validate_data(X, dtype=None, force_all_finite=False, reset=False)
        out = np.empty(X.shape, dtype=np.float64)
        for j, freq in enumerate(self.frequencies_):
            col = pd.Series(X[:, j], dtype=object)
            mapped = col.map(freq)  # unseen categories -> NaN
            is_na = col.isna()
            # Missing values at transform time are a known category only if fit saw some.
            mapped[is_na] = self.missing_frequencies_[j] if self.missing_frequencies_[j] > 0 else np.nan
            out[:, j] = mapped.fillna(self.unseen_value).to_numpy(dtype=np.float64)
        return out

    def _more_tags(self):
        return {"allow_nan": True}
