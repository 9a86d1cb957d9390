"""Byte-level byte-pair-encoding (BPE) tokenizer: train merges, encode, decode."""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

# GPT-2-style pre-tokenization (simplified): a word, a run of punctuation, or whitespace,
# each optionally led by one space. The pieces concatenate back to the exact input, and
# merges never cross a piece boundary (so " the" is learned, but never "e t").
PIECE_RE = re.compile(r" ?\w+| ?[^\s\w]+|\s+(?!\S)|\s+")

Pair = tuple[bytes, bytes]


def pretokenize(text: str) -> list[str]:
    """Split text into pieces that merges may not cross; "".join(pieces) == text."""
    return PIECE_RE.findall(text)


def _merge(word: tuple[bytes, ...], pair: Pair) -> tuple[bytes, ...]:
    """Replace every non-overlapping occurrence of `pair`, scanning left to right."""
    out, i = [], 0
    while i < len(word):
        if i + 1 < len(word) and (word[i], word[i + 1]) == pair:
            out.append(word[i] + word[i + 1])
            i += 2
        else:
            out.append(word[i])
            i += 1
    return tuple(out)


class BPETokenizer:
    """Ids 0-255 are the single bytes; id 256 + r is the token created by merge r.

    Starting from bytes means there is no unknown-character problem: any Unicode text,
    including characters never seen in training, encodes to (possibly many) byte tokens.
    """

    def __init__(self, merges: Iterable[Pair] = ()):
        self.merges: list[Pair] = list(merges)
        self.ranks = {pair: r for r, pair in enumerate(self.merges)}
        self.vocab: list[bytes] = [bytes([b]) for b in range(256)] + [a + b for a, b in self.merges]
        self.ids = {tok: i for i, tok in enumerate(self.vocab)}
        self._cache: dict[str, list[int]] = {}

    @classmethod
    def train(cls, texts: Iterable[str], vocab_size: int, min_frequency: int = 2) -> "BPETokenizer":
        """Learn up to vocab_size - 256 merges, most frequent adjacent pair first.

        Ties in pair frequency go to the lexicographically smallest (left, right) pair of
        bytes, so the result does not depend on corpus order or dict iteration order.
        Training stops early when no pair occurs at least min_frequency times.
        """
        if vocab_size < 256:
            raise ValueError("vocab_size must be at least 256 (the byte alphabet)")
        if min_frequency < 1:
            raise ValueError("min_frequency must be at least 1")
        words = Counter(
            tuple(bytes([b]) for b in piece.encode("utf-8"))
            for text in texts for piece in pretokenize(text)
        )
        merges: list[Pair] = []
        while len(merges) < vocab_size - 256:
            pairs: Counter[Pair] = Counter()
            for word, freq in words.items():
                for pair in zip(word, word[1:]):
                    pairs[pair] += freq
            if not pairs:
                break
            best = min(pairs, key=lambda p: (-pairs[p], p))
            if pairs[best] < min_frequency:
                break
            merges.append(best)
            words = Counter({_merge(w, best): f for w, f in words.items()})
        return cls(merges)

    def _encode_piece(self, piece: str) -> list[int]:
        """Token ids of one pre-tokenized piece, starting from its UTF-8 bytes."""
        word = tuple(bytes([b]) for b in piece.encode("utf-8"))
        while len(word) > 1:
            # Apply the earliest-learned merge present. A later merge can never create an
            # earlier-ranked pair, so this equals replaying the merge list in order.
            pair = min(zip(word, word[1:]), key=lambda p: self.ranks.get(p, len(self.ranks)))
            if pair not in self.ranks:
                break
            word = _merge(word, pair)
        return [self.ids[tok] for tok in word]

    def encode(self, text: str) -> list[int]:
        """Token ids for any Unicode string (unseen characters become byte tokens)."""
        out: list[int] = []
        for piece in pretokenize(text):
            if piece not in self._cache:  # pieces repeat a lot (Zipf): cache them
                self._cache[piece] = self._encode_piece(piece)
            out.extend(self._cache[piece])
        return out

    def decode(self, ids: Iterable[int]) -> str:
        """Text for a list of ids; ValueError for ids outside the vocabulary."""
        ids = list(ids)
        bad = [i for i in ids if not 0 <= i < len(self.vocab)]
        if bad:
            raise ValueError(f"unknown token ids: {bad[:5]}")
        raw = b"".join(self.vocab[i] for i in ids)
        # A slice of ids can end inside a multi-byte character: show U+FFFD, don't crash.
        return raw.decode("utf-8", errors="replace")
