import itertools

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from solution import fit_idf, tfidf, tfidf_transform, tokenize

TOY = ["the cat sat", "the dog sat", "the cat ran"]


def _random_corpus(n_docs=200, seed=0):
    rng = np.random.default_rng(seed)
    words = [f"w{i}" for i in range(300)] + ["Alpha", "BETA", "café", "naïve", "x", "a1"]
    p = 1.0 / np.arange(1, len(words) + 1)  # Zipf-like frequencies
    p /= p.sum()
    docs = []
    for _ in range(n_docs):
        n = rng.integers(0, 40)  # some documents are empty
        toks = rng.choice(words, size=n, p=p)
        docs.append(" ".join(toks) + rng.choice(["", ".", "!!", " -- ok"]))
    return docs


OPTIONS = list(itertools.product([True, False], [False, True], ["l2", "l1", None]))


@pytest.mark.parametrize("smooth, sublinear, norm", OPTIONS)
def test_matches_sklearn_on_a_random_corpus(smooth, sublinear, norm):
    docs = _random_corpus()
    X, vocab, idf = tfidf(docs, smooth_idf=smooth, sublinear_tf=sublinear, norm=norm)
    sk = TfidfVectorizer(smooth_idf=smooth, sublinear_tf=sublinear, norm=norm)
    Y = sk.fit_transform(docs)
    assert vocab == sk.vocabulary_
    np.testing.assert_allclose(idf, sk.idf_, rtol=1e-12)
    assert X.shape == Y.shape
    np.testing.assert_allclose(X.toarray(), Y.toarray(), rtol=1e-10, atol=1e-12)


def test_transform_new_documents_like_sklearn():
    train, new = _random_corpus(seed=1), ["w1 w1 unseenword", "", "ONLY unknown words here", "w3 café"]
    vocab, idf = fit_idf(train)
    sk = TfidfVectorizer().fit(train)
    np.testing.assert_allclose(tfidf_transform(new, vocab, idf).toarray(),
                               sk.transform(new).toarray(), rtol=1e-10, atol=1e-12)


def test_worked_example_by_hand():
    X, vocab, idf = tfidf(TOY)
    assert list(vocab) == ["cat", "dog", "ran", "sat", "the"]
    # smooth idf = ln(4 / (1 + df)) + 1
    np.testing.assert_allclose(idf, [np.log(4 / 3) + 1, np.log(2) + 1, np.log(2) + 1,
                                     np.log(4 / 3) + 1, 1.0])
    row = np.array([np.log(4 / 3) + 1, 0, 0, np.log(4 / 3) + 1, 1.0])
    np.testing.assert_allclose(X.toarray()[0], row / np.linalg.norm(row))
    np.testing.assert_allclose(X.toarray()[0], [0.619805, 0, 0, 0.619805, 0.481334], atol=1e-6)


def test_rows_are_unit_norm_and_empty_rows_are_zero():
    docs = ["a b c", "apple apple pie", "!!", ""]  # single letters are not tokens
    X, vocab, _ = tfidf(docs)
    assert list(vocab) == ["apple", "pie"]
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    np.testing.assert_allclose(norms, [0.0, 1.0, 0.0, 0.0])
    assert np.isfinite(X.data).all()


def test_csr_is_canonical():
    X, _, _ = tfidf(_random_corpus(seed=2))
    assert X.has_sorted_indices
    assert X.nnz == np.count_nonzero(X.toarray())


def test_tokenizer():
    assert tokenize("Hello, WORLD! x a1 naïve Café_au_lait") == ["hello", "world", "a1", "naïve",
                                                                "café_au_lait"]


def test_errors():
    with pytest.raises(ValueError, match="empty vocabulary"):
        tfidf(["a b", "!", ""])
    with pytest.raises(TypeError, match="single string"):
        tfidf("the cat sat")
    vocab, idf = fit_idf(TOY)
    with pytest.raises(ValueError, match="norm"):
        tfidf_transform(TOY, vocab, idf, norm="max")
