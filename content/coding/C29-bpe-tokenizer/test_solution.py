import random
import re

import pytest

from solution import BPETokenizer, _merge, pretokenize

CORPUS = [
    "the cat sat on the mat. the cat ate the rat!",
    "then the other cat sat there, and the dog sat on the log.",
    "low lower lowest; new newer newest; wide wider widest",
    "Tokenizers split text into tokens: the tokens are then mapped to ids.",
] * 5


def _replay(merges, piece):
    """Reference encoder: apply the merge list in training order to one piece."""
    word = tuple(bytes([b]) for b in piece.encode("utf-8"))
    for pair in merges:
        word = _merge(word, pair)
    return word


def test_textbook_example_and_tie_breaking():
    tok = BPETokenizer.train(["aaabdaaabac"], vocab_size=300)
    # aa (4 overlapping occurrences); then (aa, a) and (a, b) tie at 2 -> b"a" < b"aa"
    # picks (a, b); then (aa, ab) occurs twice; every remaining pair occurs once -> stop.
    assert tok.merges == [(b"a", b"a"), (b"a", b"b"), (b"aa", b"ab")]
    assert [tok.vocab[i] for i in tok.encode("aaabdaaabac")] == [b"aaab", b"d", b"aaab", b"a", b"c"]
    assert tok.encode("aaabdaaabac") == [258, ord("d"), 258, ord("a"), ord("c")]


def test_training_is_deterministic_under_corpus_order():
    a = BPETokenizer.train(CORPUS, vocab_size=330)
    shuffled = CORPUS[:]
    random.Random(0).shuffle(shuffled)
    b = BPETokenizer.train(shuffled, vocab_size=330)
    assert a.merges == b.merges
    # min_frequency=1 makes every pair eligible; ties are still broken the same way.
    assert BPETokenizer.train(["ab", "cd"], 258, 1).merges == BPETokenizer.train(["cd", "ab"], 258, 1).merges \
        == [(b"a", b"b"), (b"c", b"d")]


def test_encoding_equals_replaying_merges_in_order():
    tok = BPETokenizer.train(CORPUS, vocab_size=350)
    for text in CORPUS[:4] + ["the lowest newer cats", "aaaa bbbb"]:
        for piece in pretokenize(text):
            assert tuple(tok.vocab[i] for i in tok.encode(piece)) == _replay(tok.merges, piece)


def test_frequent_words_become_single_tokens_and_text_shrinks():
    tok = BPETokenizer.train(CORPUS, vocab_size=400)
    assert len(tok.encode(" the")) == 1
    assert len(tok.encode(" cat")) == 1
    text = " ".join(CORPUS[:4])
    assert len(tok.encode(text)) < 0.5 * len(text.encode("utf-8"))
    assert len(tok.vocab) == 256 + len(tok.merges) <= 400


def test_merges_respect_piece_boundaries():
    # No token ever spans two pieces: e.g. "t." or "e t" cannot be learned from "the mat."
    tok = BPETokenizer.train(CORPUS, vocab_size=400)
    for left, right in tok.merges:
        token = (left + right).decode("utf-8")  # the corpus is ASCII
        assert re.fullmatch(r" ?\w+| ?[^\s\w]+|\s+", token), token


@pytest.mark.parametrize("text", [
    "the cat sat",
    "  leading and trailing spaces  ",
    "tabs\tand\nnew lines\n\n",
    "unseen: ümlaut, 日本語, emoji 🙂 and zero-width\u200bjoiner",
    "",
    "!!!???...",
])
def test_roundtrip_including_unknown_characters(text):
    tok = BPETokenizer.train(CORPUS, vocab_size=350)
    ids = tok.encode(text)
    assert tok.decode(ids) == text
    assert all(0 <= i < len(tok.vocab) for i in ids)


def test_roundtrip_random_unicode():
    rng = random.Random(1)
    tok = BPETokenizer.train(CORPUS, vocab_size=320)
    alphabet = "abc the \n\t.,!é€𝄞中"
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert "".join(pretokenize(text)) == text  # pieces partition the text
        assert tok.decode(tok.encode(text)) == text


def test_unseen_characters_fall_back_to_bytes():
    tok = BPETokenizer.train(CORPUS, vocab_size=350)
    ids = tok.encode("🙂")
    assert ids == list("🙂".encode("utf-8"))  # four byte tokens, no <unk>
    assert tok.decode(ids[:2]) == "\ufffd"   # a cut inside a character decodes safely


def test_stops_early_when_no_pair_repeats():
    tok = BPETokenizer.train(["abcdef"], vocab_size=1000)
    assert tok.merges == []
    assert tok.encode("abcdef") == list(b"abcdef")


def test_errors():
    with pytest.raises(ValueError, match="256"):
        BPETokenizer.train(CORPUS, vocab_size=100)
    with pytest.raises(ValueError, match="min_frequency"):
        BPETokenizer.train(CORPUS, vocab_size=300, min_frequency=0)
    tok = BPETokenizer.train(CORPUS, vocab_size=300)
    with pytest.raises(ValueError, match="unknown token"):
        tok.decode([1, 10_000])
    with pytest.raises(ValueError, match="unknown token"):
        tok.decode([-1])
