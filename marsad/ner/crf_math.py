"""Linear-chain CRF arithmetic in numpy: per-token marginals and BIO-constrained Viterbi.

Used by the ensemble tier (:mod:`marsad.ner.ensemble`) to combine two taggers at the level of
per-token posteriors. Sentences are decoded together as a padded batch ordered longest first,
so the sentences still running at step ``t`` are a prefix of the batch (as in :mod:`decode`).
"""
from __future__ import annotations

import numpy as np

NEG = -1e9


def _pad(ems: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(batch (S, T, K) longest first, lengths in that order, the order)."""
    lens = np.array([len(e) for e in ems], dtype=np.intp)
    order = np.argsort(-lens, kind="stable")
    grid = np.zeros((len(ems), int(lens.max()), ems[0].shape[1]))
    for r, i in enumerate(order):
        grid[r, :lens[i]] = ems[i]
    return grid, lens[order], order


def _running(ranked: np.ndarray, steps: int) -> list[int]:
    """Number of sentences longer than t, for each step t (a prefix of the batch)."""
    return [int(x) for x in np.searchsorted(-ranked, -np.arange(steps), side="left")]


def _batch(ems: list[np.ndarray], start: np.ndarray | None, end: np.ndarray | None):
    """(padded batch, lengths, order, running counts, start scores, end scores)."""
    k = ems[0].shape[1]
    grid, ranked, order = _pad(ems)
    return (grid, ranked, order, _running(ranked, grid.shape[1]),
            np.zeros(k) if start is None else start, np.zeros(k) if end is None else end)


def _logmatmul(a: np.ndarray, expm: np.ndarray, shift: np.ndarray) -> np.ndarray:
    """log(exp(a) @ exp(M)) row-wise, where ``expm = exp(M - shift)``, computed stably."""
    top = a.max(1, keepdims=True)
    with np.errstate(divide="ignore"):
        return np.log(np.exp(a - top) @ expm) + top + shift


def marginals(ems: list[np.ndarray], trans: np.ndarray, start: np.ndarray | None = None,
              end: np.ndarray | None = None) -> list[np.ndarray]:
    """Posterior P(y_t = k | sentence) of a linear-chain CRF, for each sentence's scores (T, K).

    ``trans[a, b]`` scores label a followed by b; ``start``/``end`` score the first/last label
    (zeros when the model has none, as CRFsuite). Forward-backward in log space.
    """
    if not ems:
        return []
    grid, ranked, order, running, start, end = _batch(ems, start, end)
    s, steps = len(ranked), grid.shape[1]
    shift = trans.max()
    fwd_m = np.exp(trans - shift)            # alpha_t = logsumexp(alpha_{t-1} + trans) + em_t
    bwd_m = fwd_m.T.copy()                   # beta_t = logsumexp(trans + em_{t+1} + beta_{t+1})
    alpha = np.empty_like(grid)
    alpha[:, 0] = grid[:, 0] + start
    for t in range(1, steps):
        m = running[t]
        alpha[:m, t] = _logmatmul(alpha[:m, t - 1], fwd_m, shift) + grid[:m, t]
    beta = np.zeros_like(grid)
    rows = np.arange(s)
    beta[rows, ranked - 1] = end
    for t in range(steps - 2, -1, -1):
        m = running[t + 1]                   # sentences that have a step t + 1
        beta[:m, t] = _logmatmul(beta[:m, t + 1] + grid[:m, t + 1], bwd_m, shift)
    out: list[np.ndarray] = [None] * s      # type: ignore[list-item]
    for r, i in enumerate(order):
        n = ranked[r]
        post = alpha[r, :n] + beta[r, :n]
        post -= post.max(1, keepdims=True)
        p = np.exp(post)
        out[i] = p / p.sum(1, keepdims=True)
    return out


def bio_transitions(tags: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(transition, start) scores allowing only valid IOB2 sequences (``I-X`` after B-X/I-X)."""
    k = len(tags)
    trans = np.zeros((k, k))
    start = np.zeros(k)
    for b, tag in enumerate(tags):
        if tag.startswith("I-"):
            typ = tag[2:]
            start[b] = NEG
            for a, prev in enumerate(tags):
                if prev[2:] != typ or prev == "O":
                    trans[a, b] = NEG
    return trans, start


def viterbi(ems: list[np.ndarray], trans: np.ndarray, start: np.ndarray | None = None,
            end: np.ndarray | None = None) -> list[list[int]]:
    """Best label path of each sentence's scores (T, K) under ``trans``/``start``/``end``."""
    if not ems:
        return []
    grid, ranked, order, running, start, end = _batch(ems, start, end)
    s, steps = len(ranked), grid.shape[1]
    score = grid[:, 0] + start
    back = [None] * steps
    for t in range(1, steps):
        m = running[t]                   # rows past m have ended: their score stays final
        cand = score[:m, :, None] + trans[None]            # [sentence, previous, current]
        back[t] = cand.argmax(1)
        score[:m] = cand.max(1) + grid[:m, t]
    last = score + end
    paths: list[list[int]] = [[]] * s
    for r, i in enumerate(order):
        n = ranked[r]
        cur = int(last[r].argmax())
        path = [cur]
        for t in range(n - 1, 0, -1):
            cur = int(back[t][r, cur])
            path.append(cur)
        paths[i] = path[::-1]
    return paths
