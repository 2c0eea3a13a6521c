"""Viterbi decoding of a CRFsuite model with a bias against the ``O`` label (numpy).

A linear-chain CRF scores label y at token i as the sum of the weights of the token's
(attribute, y) pairs plus label-transition weights. Re-implementing the decoder lets the
accurate tier subtract a constant from every ``O`` score, trading a little precision for
recall (the CRF alone is precise but misses unseen names); the constant is chosen on dev.
Per-word parts of the score are cached, as the features are. With ``o_bias=0`` the labels
equal ``pycrfsuite.Tagger.tag`` (a test checks).
"""
from __future__ import annotations

import numpy as np

from .features import CACHE_WORDS, Featurizer


class Decoder:
    def __init__(self, tagger, featurizer: Featurizer, o_bias: float = 0.0) -> None:
        info = tagger.info()
        self.labels = list(tagger.labels())
        index = {lab: k for k, lab in enumerate(self.labels)}
        n = len(self.labels)
        self.trans = np.zeros((n, n))
        for (a, b), w in info.transitions.items():
            self.trans[index[a], index[b]] = w
        self.rows: dict[str, int] = {}
        entries = []
        for (attr, lab), w in info.state_features.items():
            row = self.rows.setdefault(attr, len(self.rows))
            entries.append((row, index[lab], w))
        self.weights = np.zeros((len(self.rows) + 1, n))
        for row, col, w in entries:
            self.weights[row, col] = w
        self.bias = np.zeros(n)
        if "O" in index:
            self.bias[index["O"]] = -o_bias
        self.feat = featurizer
        self._cache: dict[str, tuple[np.ndarray, dict[int, np.ndarray]]] = {}

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_cache"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._cache = {}

    def _sum(self, attrs: list[str]) -> np.ndarray:
        get = self.rows.get
        return self.weights[[r for r in map(get, attrs) if r is not None] or [-1]].sum(0)

    def _word(self, word: str, entry) -> tuple[np.ndarray, dict[int, np.ndarray]]:
        cached = self._cache.get(word)
        if cached is None:
            if len(self._cache) >= CACHE_WORDS:
                self._cache.clear()
            own, ctx = entry
            cached = self._cache[word] = (self._sum(own), {o: self._sum(a) for o, a in ctx.items()})
        return cached

    def emissions(self, tokens: list[str]) -> np.ndarray:
        entries, dynamic = self.feat.parts(tokens)
        vecs = [self._word(t, e) for t, e in zip(tokens, entries)]
        n = len(tokens)
        em = np.array([v[0] for v in vecs]) + self.bias
        for off in self.feat.offsets():
            if abs(off) < n:
                src = np.array([v[1][off] for v in vecs])
                if off > 0:
                    em[:-off] += src[off:]
                else:
                    em[-off:] += src[:off]
        for i, attrs in enumerate(dynamic):
            if attrs:
                em[i] += self._sum(attrs)
        return em

    def tag(self, tokens: list[str]) -> list[str]:
        if not tokens:
            return []
        em = self.emissions(tokens)
        score = em[0]
        back = []
        cols = np.arange(len(self.labels))
        for i in range(1, len(tokens)):
            cand = score[:, None] + self.trans
            best = cand.argmax(0)
            score = cand[best, cols] + em[i]
            back.append(best)
        k = int(score.argmax())
        path = [k]
        for best in reversed(back):
            k = int(best[k])
            path.append(k)
        return [self.labels[k] for k in reversed(path)]
