"""Brown-style word clusters (bit-string paths) from licensed text, for NER features.

Not Brown's algorithm (too slow in Python) but the same kind of output: each word's left/right
context counts over the most frequent words, PPMI-weighted, reduced by SVD, then split by
recursive 2-means into a binary tree; a word's cluster is its path (``"0110…"``), so path
prefixes give clusters at several granularities. Deterministic (fixed seed).

Text: ANERcorp *train*, AQMAR, the Wojood sample, WikiFANE, NewsFANE minus every sentence
overlapping ANERcorp test (all CC BY-SA / MIT / research-citation); never SaudiNewsNet.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np

from ..ner.text import fold, strip_prefix

DEPTH = 16


def word_key(token: str) -> str:
    """The form clusters are keyed on: folded, proclitics stripped (ال kept)."""
    return strip_prefix(fold(token))[1]


def context_matrix(sents: list[list[str]], min_count: int, n_context: int):
    counts = Counter(w for s in sents for w in s)
    vocab = [w for w, c in counts.most_common() if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[:n_context])}
    m = np.zeros((len(vocab), 2 * n_context), dtype=np.float32)
    for s in sents:
        for i, w in enumerate(s):
            row = index.get(w)
            if row is None:
                continue
            if i > 0 and s[i - 1] in ctx:
                m[row, ctx[s[i - 1]]] += 1
            if i + 1 < len(s) and s[i + 1] in ctx:
                m[row, n_context + ctx[s[i + 1]]] += 1
    return vocab, m


def ppmi_svd(m: np.ndarray, dims: int) -> np.ndarray:
    """Rows of the PPMI matrix projected on its top ``dims`` right singular vectors.

    Computed from the (context x context) Gram matrix, which is small, so this takes seconds.
    """
    total = m.sum() or 1.0
    row = m.sum(1, keepdims=True) + 1e-9
    col = m.sum(0, keepdims=True) + 1e-9
    pmi = np.maximum(np.log((m * total) / (row * col) + 1e-12), 0).astype(np.float32)
    vals, vecs = np.linalg.eigh(pmi.T @ pmi)
    top = vecs[:, np.argsort(vals)[::-1][:dims]]
    vec = pmi @ top
    return vec / (np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9)


def _two_means(x: np.ndarray, rng: np.random.Generator, iters: int = 10) -> np.ndarray:
    centres = x[rng.choice(len(x), 2, replace=False)]
    assign = np.zeros(len(x), dtype=bool)
    for _ in range(iters):
        d = ((x[:, None, :] - centres[None]) ** 2).sum(-1)
        assign = d[:, 1] < d[:, 0]
        if assign.all() or not assign.any():
            break
        centres = np.stack([x[~assign].mean(0), x[assign].mean(0)])
    return assign


def bisect(vec: np.ndarray, depth: int = DEPTH, seed: int = 7) -> list[str]:
    rng = np.random.default_rng(seed)
    paths = [""] * len(vec)
    stack = [(np.arange(len(vec)), "")]
    while stack:
        idx, path = stack.pop()
        if len(path) >= depth or len(idx) < 4:
            for i in idx:
                paths[i] = path
            continue
        right = _two_means(vec[idx], rng)
        stack.append((idx[~right], path + "0"))
        stack.append((idx[right], path + "1"))
    return paths


def build(sents: list[list[str]], min_count: int = 3, n_context: int = 600,
          dims: int = 80) -> dict[str, str]:
    keyed = [[word_key(t) for t in s] for s in sents]
    vocab, m = context_matrix(keyed, min_count, n_context)
    paths = bisect(ppmi_svd(m, dims))
    return {w: p for w, p in zip(vocab, paths) if p}


def save(clusters: dict[str, str], path: Path) -> None:
    path.write_text("".join(f"{w}\t{p}\n" for w, p in sorted(clusters.items())), encoding="utf-8")


def load(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        w, _, p = line.partition("\t")
        if p:
            out[w] = p
    return out
