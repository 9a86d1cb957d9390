import numpy as np
import pytest
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier as SkTree

from solution import DecisionTreeClassifier


def _data(seed, n=400):
    X, y = make_classification(n_samples=n, n_features=6, n_informative=4, n_classes=3,
                               random_state=seed)
    # scikit-learn fits trees on float32 copies of X; float32-exact data makes the
    # midpoint thresholds of both implementations bit-for-bit comparable.
    return X.astype(np.float32).astype(np.float64), y


def _gini_cost(counts):
    n = counts.sum()
    return n - (counts**2).sum() / n        # n * Gini impurity


def _brute_force_best_cost(X, y, classes, min_leaf):
    """Lowest n_L*G_L + n_R*G_R over every feature and every cut, by direct counting."""
    best = np.inf
    for f in range(X.shape[1]):
        values = np.unique(X[:, f])
        for t in (values[:-1] + values[1:]) / 2:
            mask = X[:, f] <= t
            if mask.sum() < min_leaf or (~mask).sum() < min_leaf:
                continue
            cl = np.array([(y[mask] == c).sum() for c in classes], float)
            cr = np.array([(y[~mask] == c).sum() for c in classes], float)
            best = min(best, _gini_cost(cl) + _gini_cost(cr))
    return best


# ---------- agreement with scikit-learn ----------

@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("max_depth", [1, 2])
def test_shallow_trees_identical_to_sklearn(seed, max_depth):
    X, y = _data(seed)
    ours = DecisionTreeClassifier(max_depth=max_depth).fit(X, y)
    sk = SkTree(max_depth=max_depth, random_state=0).fit(X, y).tree_
    # Same node numbering (depth-first, left first); sklearn marks leaves with -2.
    np.testing.assert_array_equal(np.where(ours.feature_ < 0, -2, ours.feature_), sk.feature)
    inner = ours.feature_ >= 0
    np.testing.assert_array_equal(ours.threshold_[inner], sk.threshold[inner])
    np.testing.assert_array_equal(ours.left_, sk.children_left)
    np.testing.assert_array_equal(ours.value_, sk.value[:, 0, :])


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("params", [
    dict(), dict(max_depth=4), dict(min_samples_leaf=5),
    dict(min_samples_split=20), dict(max_depth=4, min_samples_leaf=3),
])
def test_deeper_trees_behave_like_sklearn(seed, params):
    X, y = _data(seed)
    Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=0)
    ours = DecisionTreeClassifier(**params).fit(Xtr, ytr)
    sk = SkTree(random_state=0, **params).fit(Xtr, ytr)
    # Deep nodes have tied splits, which sklearn breaks by a random feature order,
    # so compare size and accuracy rather than node-by-node structure.
    assert abs(ours.depth_ - sk.get_depth()) <= 1
    assert abs(ours.n_leaves_ - sk.get_n_leaves()) <= 0.1 * sk.get_n_leaves()
    assert abs(np.mean(ours.predict(Xtr) == ytr) - sk.score(Xtr, ytr)) <= 0.01
    assert abs(np.mean(ours.predict(Xte) == yte) - sk.score(Xte, yte)) <= 0.05


@pytest.mark.parametrize("min_leaf", [1, 4])
def test_every_split_is_optimal(min_leaf):
    X, y = _data(7, n=120)
    tree = DecisionTreeClassifier(max_depth=3, min_samples_leaf=min_leaf).fit(X, y)
    for node in np.flatnonzero(tree.feature_ >= 0):
        # rows reaching this node: those whose path passes through it
        rows = [i for i in range(len(X)) if node in _path(tree, X[i])]
        Xn, yn = X[rows], y[rows]
        mask = Xn[:, tree.feature_[node]] <= tree.threshold_[node]
        cost = sum(_gini_cost(np.array([(yn[m] == c).sum() for c in range(3)], float))
                   for m in (mask, ~mask))
        assert cost == pytest.approx(_brute_force_best_cost(Xn, yn, range(3), min_leaf), abs=1e-9)


def _path(tree, x):
    node, path = 0, [0]
    while tree.feature_[node] >= 0:
        go_left = x[tree.feature_[node]] <= tree.threshold_[node]
        node = tree.left_[node] if go_left else tree.right_[node]
        path.append(node)
    return path


# ---------- stopping rules ----------

def test_unlimited_depth_fits_training_data_perfectly():
    X, y = _data(8)
    tree = DecisionTreeClassifier().fit(X, y)
    assert (tree.predict(X) == y).all()
    assert set(np.unique(tree.predict_proba(X))) <= {0.0, 1.0}   # every leaf is pure


def test_min_samples_leaf_and_split_are_respected():
    X, y = _data(9)
    tree = DecisionTreeClassifier(min_samples_leaf=7).fit(X, y)
    sizes = tree.value_.sum(axis=1)
    assert sizes[tree.feature_ < 0].min() >= 7
    tree = DecisionTreeClassifier(min_samples_split=30).fit(X, y)
    sizes = tree.value_.sum(axis=1)
    assert sizes[tree.feature_ >= 0].min() >= 30


def test_pure_child_is_not_split_further():
    X = np.array([[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]])
    y = np.array([0, 0, 0, 1, 1, 0])
    tree = DecisionTreeClassifier().fit(X, y)
    assert tree.threshold_[0] == 2.5
    assert tree.feature_[tree.left_[0]] == -1       # [0, 0, 0] is pure: a leaf
    assert tree.n_leaves_ == 3 and tree.depth_ == 2


def test_xor_needs_a_zero_gain_first_split():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]] * 5, dtype=float)
    y = np.array([0, 1, 1, 0] * 5)
    tree = DecisionTreeClassifier().fit(X, y)
    assert (tree.predict(X) == y).all()
    assert tree.depth_ == 2 and tree.n_leaves_ == 4
    sk = SkTree(random_state=0).fit(X, y)
    assert sk.get_depth() == 2 and sk.get_n_leaves() == 4


# ---------- edge cases ----------

def test_single_class_is_a_single_leaf():
    X = np.random.default_rng(0).normal(size=(10, 3))
    tree = DecisionTreeClassifier().fit(X, np.full(10, "spam"))
    assert tree.n_leaves_ == 1 and tree.depth_ == 0
    assert tree.predict(X[:3]).tolist() == ["spam"] * 3
    np.testing.assert_array_equal(tree.predict_proba(X[:3]), np.ones((3, 1)))


def test_identical_rows_with_different_labels_make_a_mixed_leaf():
    X = np.zeros((5, 2))
    y = np.array([1, 1, 1, 0, 0])
    tree = DecisionTreeClassifier().fit(X, y)
    assert tree.n_leaves_ == 1
    np.testing.assert_allclose(tree.predict_proba(X[:1]), [[0.4, 0.6]])
    assert tree.predict(X[:1])[0] == 1


def test_string_labels_and_proba_columns_in_sorted_order():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array(["cat", "cat", "dog", "ant"])
    tree = DecisionTreeClassifier().fit(X, y)
    assert tree.classes_.tolist() == ["ant", "cat", "dog"]
    assert tree.predict(X).tolist() == y.tolist()
    np.testing.assert_array_equal(tree.predict_proba([[3.0]]), [[1.0, 0.0, 0.0]])


def test_split_ties_go_to_lower_feature_then_lower_threshold():
    x = np.array([0.0, 1.0, 2.0, 3.0])
    y = np.array([0, 1, 1, 0])          # cuts at 0.5 and 2.5 tie (cost 4/3 each)
    tree = DecisionTreeClassifier(max_depth=1).fit(np.column_stack([x, x]), y)
    assert tree.feature_[0] == 0        # identical columns: the lower index wins
    assert tree.threshold_[0] == 0.5    # equal scores: the lower threshold wins


def test_vote_tie_goes_to_first_class():
    tree = DecisionTreeClassifier(max_depth=1).fit(np.zeros((4, 1)), np.array([2, 5, 5, 2]))
    assert tree.predict([[0.0]])[0] == 2


# ---------- validation ----------

@pytest.mark.parametrize("params", [dict(max_depth=0), dict(min_samples_split=1),
                                    dict(min_samples_leaf=0)])
def test_invalid_hyperparameters_raise(params):
    with pytest.raises(ValueError):
        DecisionTreeClassifier(**params)


@pytest.mark.parametrize("X, y", [
    (np.zeros(4), np.zeros(4)),
    (np.zeros((4, 2)), np.zeros(3)),
    (np.zeros((0, 2)), np.zeros(0)),
    (np.array([[np.nan, 0.0]]), np.zeros(1)),
])
def test_invalid_training_data_raises(X, y):
    with pytest.raises(ValueError):
        DecisionTreeClassifier().fit(X, y)


def test_predict_errors():
    with pytest.raises(RuntimeError, match="fit"):
        DecisionTreeClassifier().predict(np.zeros((1, 2)))
    tree = DecisionTreeClassifier().fit(np.eye(3), [0, 1, 1])
    with pytest.raises(ValueError, match="features"):
        tree.predict(np.zeros((1, 2)))
