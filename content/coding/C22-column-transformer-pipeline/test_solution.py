import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, cross_val_score

from solution import build_model, build_preprocessor, none_to_nan

NUM, CAT = ["age", "income"], ["city", "plan"]


def _data(n=400, seed=0):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({
        "user_id": np.arange(n),  # must be dropped
        "age": rng.integers(18, 80, n).astype(float),
        "income": rng.lognormal(10, 0.5, n),
        "city": rng.choice(["Lyon", "Oslo", "Pune"], n),
        "plan": rng.choice(["free", "pro"], n).astype(object),
    })
    df.loc[rng.uniform(size=n) < 0.1, "income"] = np.nan
    df.loc[rng.uniform(size=n) < 0.05, "plan"] = np.nan
    logit = 0.04 * (df["age"] - 50) + (df["city"] == "Oslo") * 1.5 - 0.5
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-logit))).astype(int)
    return df, y


def _manual(train, test):
    """NumPy reference for the preprocessor, fitted on train only."""
    cols = []
    for c in NUM:
        med = np.nanmedian(train[c])
        tr = train[c].fillna(med).to_numpy()
        cols.append((test[c].fillna(med).to_numpy() - tr.mean()) / tr.std())
    for c in NUM:
        if train[c].isna().any():  # indicators only for columns missing during fit
            ind = train[c].isna().to_numpy(float)
            cols.append((test[c].isna().to_numpy(float) - ind.mean()) / ind.std())
    for c in CAT:
        cats = sorted(train[c].astype(object).where(train[c].notna(), "missing").unique())
        vals = test[c].astype(object).where(test[c].notna(), "missing").to_numpy()
        cols.extend((vals == cat).astype(float) for cat in cats)
    return np.column_stack(cols)


def test_matches_manual_computation_fitted_on_train_only():
    df, _ = _data()
    train, test = df.iloc[:300], df.iloc[300:]
    prep = build_preprocessor(NUM, CAT).fit(train)
    np.testing.assert_allclose(prep.transform(test), _manual(train, test), rtol=1e-10, atol=1e-12)
    # The fitted statistics are the training ones, not the full-data ones.
    medians = prep.named_transformers_["num"].named_steps["impute"].statistics_
    np.testing.assert_allclose(medians, train[NUM].median())
    assert not np.allclose(medians, df[NUM].median())


def test_feature_names():
    df, _ = _data()
    prep = build_preprocessor(NUM, CAT).fit(df)
    assert list(prep.get_feature_names_out()) == [
        "num__age", "num__income", "num__missingindicator_income",
        "cat__city_Lyon", "cat__city_Oslo", "cat__city_Pune",
        "cat__plan_free", "cat__plan_missing", "cat__plan_pro",
    ]
    assert prep.transform(df).shape == (len(df), 9)


def test_unseen_category_and_missing_values_at_predict_time():
    df, y = _data()
    model = build_model(NUM, CAT).fit(df, y)
    new = pd.DataFrame({"user_id": [1, 2], "age": [np.nan, 30.0], "income": [np.nan, np.nan],
                        "city": ["Tokyo", None], "plan": [None, "enterprise"]})
    X = model.named_steps["prep"].transform(new)
    names = list(model.named_steps["prep"].get_feature_names_out())
    block = lambda prefix: X[:, [i for i, n in enumerate(names) if n.startswith(prefix)]]
    assert (block("cat__city_") == 0).all()                  # Tokyo unseen, None -> "missing" unseen
    np.testing.assert_array_equal(block("cat__plan_"), [[0, 1, 0], [0, 0, 0]])  # None -> missing
    assert np.isfinite(X).all()
    proba = model.predict_proba(new)
    assert proba.shape == (2, 2) and np.isfinite(proba).all()


def test_none_and_nan_are_the_same_missing_value():
    frame = pd.DataFrame({"c": ["a", None, np.nan, "b"]})
    assert none_to_nan(frame)["c"].isna().tolist() == [False, True, True, False]
    prep = build_preprocessor([], ["c"]).fit(frame)
    assert list(prep.get_feature_names_out()) == ["cat__c_a", "cat__c_b", "cat__c_missing"]


def test_column_order_and_extra_columns_do_not_matter():
    df, y = _data()
    model = build_model(NUM, CAT).fit(df, y)
    shuffled = df[["plan", "income", "city", "age"]]  # different order, no user_id
    np.testing.assert_allclose(model.predict_proba(df), model.predict_proba(shuffled))


def test_learns_the_signal_and_works_with_model_selection():
    df, y = _data(n=1000, seed=1)
    scores = cross_val_score(build_model(NUM, CAT), df, y, cv=5, scoring="roc_auc")
    assert scores.mean() > 0.7  # the true logit itself scores about 0.75 on this data
    search = GridSearchCV(build_model(NUM, CAT), {"clf__C": [0.01, 1.0]}, cv=3).fit(df, y)
    assert search.best_params_["clf__C"] in (0.01, 1.0)
    fresh = clone(build_model(NUM, CAT, C=0.5))
    assert fresh.get_params()["clf__C"] == 0.5 and not hasattr(fresh, "classes_")


def test_get_dummies_would_break_on_new_categories():
    # The hand-rolled alternative: columns depend on which categories a batch happens to hold.
    df, _ = _data()
    train_cols = pd.get_dummies(df[CAT]).columns
    batch_cols = pd.get_dummies(pd.DataFrame({"city": ["Tokyo"], "plan": ["pro"]})).columns
    assert list(train_cols) != list(batch_cols)
    prep = build_preprocessor(NUM, CAT).fit(df)
    one = pd.DataFrame({"age": [40.0], "income": [1e4], "city": ["Tokyo"], "plan": ["pro"]})
    assert prep.transform(one).shape == (1, len(prep.get_feature_names_out()))
