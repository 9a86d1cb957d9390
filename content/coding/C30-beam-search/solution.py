"""Beam search (and greedy decoding) over a next-token log-probability function."""
from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

LogProbFn = Callable[[tuple[int, ...]], np.ndarray]  # prefix -> (V,) log-probabilities


class Hypothesis(NamedTuple):
    tokens: tuple[int, ...]  # generated tokens, including the final EOS if there is one
    logprob: float           # sum of the token log-probabilities
    score: float             # logprob / len(tokens) ** alpha, used for ranking
    finished: bool           # True if it ended with EOS, False if cut at max_len


def _score(logprob: float, length: int, alpha: float) -> float:
    """Length-normalised score logprob / length ** alpha (alpha = 0 leaves logprob as is)."""
    return logprob / length ** alpha if alpha else logprob


def _step(fn: LogProbFn, prefix: tuple[int, ...], vocab: int | None) -> np.ndarray:
    """Call the model and check its output, so a shape bug fails loudly, not mid-ranking."""
    lp = np.asarray(fn(prefix), dtype=float)
    if lp.ndim != 1 or (vocab is not None and lp.size != vocab):
        raise ValueError("next_logprobs must return a 1-D array of one fixed size")
    return lp


def greedy_decode(next_logprobs: LogProbFn, eos: int, max_len: int) -> Hypothesis:
    """Take the most likely token at each step (lowest id on ties) until EOS or max_len."""
    tokens, total = (), 0.0
    for _ in range(max_len):
        lp = _step(next_logprobs, tokens, None)
        t = int(np.argmax(lp))
        tokens, total = tokens + (t,), total + lp[t]
        if t == eos:
            return Hypothesis(tokens, total, total, True)
    return Hypothesis(tokens, total, total, False)


def beam_search(
    next_logprobs: LogProbFn,
    eos: int,
    beam_width: int,
    max_len: int,
    *,
    alpha: float = 0.0,
    n_best: int = 1,
) -> list[Hypothesis]:
    """Return the n_best hypotheses (best first) found by beam search.

    Each step extends every live hypothesis by every token and ranks the candidates by
    total log-probability. Candidates ending in EOS, ranked above the last live slot,
    move to the finished pool; the top `beam_width` others stay live, so the beam stays
    full. Hypotheses still live at max_len are kept as truncated (finished=False).
    Finished hypotheses are ranked by score = logprob / length ** alpha (alpha = 0: none).
    Ties are broken towards earlier beams and lower token ids, so the search is
    deterministic; with beam_width=1 and alpha=0 it returns exactly greedy_decode's result.
    """
    if beam_width < 1 or max_len < 1 or n_best < 1:
        raise ValueError("beam_width, max_len and n_best must be at least 1")
    first = _step(next_logprobs, (), None)
    vocab = first.size
    if not 0 <= eos < vocab:
        raise ValueError(f"eos={eos} is outside the vocabulary of size {vocab}")

    live: list[tuple[tuple[int, ...], float]] = [((), 0.0)]
    done: list[Hypothesis] = []
    for _ in range(max_len):
        rows = [first if not seq else _step(next_logprobs, seq, vocab) for seq, _ in live]
        totals = np.array([lp for _, lp in live])[:, None] + np.stack(rows)  # (beams, V)
        order = np.argsort(-totals, axis=None, kind="stable")
        new_live = []
        for flat in order:
            b, t = divmod(int(flat), vocab)
            lp = float(totals[b, t])
            if lp == -np.inf:  # impossible continuations (masked tokens) are never kept
                break
            seq = live[b][0] + (t,)
            if t == eos:
                done.append(Hypothesis(seq, lp, _score(lp, len(seq), alpha), True))
            else:
                new_live.append((seq, lp))
                if len(new_live) == beam_width:
                    break
        live = new_live
        done.sort(key=lambda h: (-h.score, h.tokens))
        # Without length normalisation a hypothesis' score can only fall as it grows, so
        # once n_best finished ones beat every live one, nothing can overtake them.
        if not live or (alpha == 0 and len(done) >= n_best and live[0][1] < done[n_best - 1].score):
            break
    else:
        done += [Hypothesis(seq, lp, _score(lp, len(seq), alpha), False) for seq, lp in live]
        done.sort(key=lambda h: (-h.score, h.tokens))
    return done[:n_best]
