"""TF-IDF from scratch, matching scikit-learn's TfidfVectorizer defaults (and its main options)."""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

import numpy as np
from scipy import sparse

# scikit-learn's default token_pattern: runs of 2+ word characters (Unicode-aware).
TOKEN_RE = re.compile(r"(?u)\b\w\w+\b")


def tokenize(doc: str) -> list[str]:
    """Lower-case, then extract tokens of at least two word characters."""
    return TOKEN_RE.findall(doc.lower())


def _docs(docs: Iterable[str]) -> list[str]:
    """Materialise the corpus once, so a generator can be read by both fit and transform."""
    if isinstance(docs, str):  # a bare string would be iterated character by character
        raise TypeError("expected an iterable of documents, got a single string")
    return list(docs)


def fit_idf(docs: Iterable[str], *, smooth_idf: bool = True) -> tuple[dict[str, int], np.ndarray]:
    """Vocabulary (term -> column, alphabetical) and the idf vector.

    smooth:   idf(t) = ln((1 + n) / (1 + df(t))) + 1   (as if one extra document held every term)
    unsmooth: idf(t) = ln(n / df(t)) + 1
    The "+ 1" keeps terms that occur in every document from being zeroed out entirely.
    """
    docs = _docs(docs)
    df = Counter(term for doc in docs for term in set(tokenize(doc)))
    if not df:
        raise ValueError("empty vocabulary: no document contains a token of 2+ word characters")
    vocabulary = {term: j for j, term in enumerate(sorted(df))}
    counts = np.array([df[t] for t in sorted(df)], dtype=float)
    n = len(docs)
    idf = np.log((1 + n) / (1 + counts)) + 1 if smooth_idf else np.log(n / counts) + 1
    return vocabulary, idf


def tfidf_transform(
    docs: Iterable[str],
    vocabulary: dict[str, int],
    idf: np.ndarray,
    *,
    sublinear_tf: bool = False,
    norm: str | None = "l2",
) -> sparse.csr_matrix:
    """Sparse (n_docs, n_terms) matrix of tf * idf, each row normalised.

    tf is the raw count (1 + ln(count) if sublinear_tf); out-of-vocabulary terms are
    dropped; an all-zero row (empty document) stays zero instead of dividing by 0.
    """
    if norm not in ("l2", "l1", None):
        raise ValueError(f"norm must be 'l2', 'l1' or None; got {norm!r}")
    indptr, indices, data = [0], [], []
    for doc in _docs(docs):
        counts = Counter(t for t in tokenize(doc) if t in vocabulary)
        terms = sorted(counts, key=vocabulary.__getitem__)  # canonical CSR: sorted columns
        cols = [vocabulary[t] for t in terms]
        tf = np.array([counts[t] for t in terms], dtype=float)
        if sublinear_tf:
            tf = 1.0 + np.log(tf)
        row = tf * idf[cols]
        if norm is not None and row.size:
            scale = np.sqrt(row @ row) if norm == "l2" else np.abs(row).sum()
            row = row / scale
        indices.extend(cols)
        data.extend(row)
        indptr.append(len(indices))
    shape = (len(indptr) - 1, len(vocabulary))
    return sparse.csr_matrix((np.array(data, dtype=float), np.array(indices, dtype=np.int32),
                              np.array(indptr)), shape=shape)


def tfidf(docs: Iterable[str], **options) -> tuple[sparse.csr_matrix, dict[str, int], np.ndarray]:
    """fit + transform on the same corpus; options: smooth_idf, sublinear_tf, norm."""
    docs = _docs(docs)
    smooth = options.pop("smooth_idf", True)
    vocabulary, idf = fit_idf(docs, smooth_idf=smooth)
    return tfidf_transform(docs, vocabulary, idf, **options), vocabulary, idf
