"""Integer inputs of the neural NER tier (shared by numpy inference and torch training).

Per token: a word id (folded, proclitics stripped, ال kept: the key the word clusters use),
character ids of the whole folded word (clitics included, so the char CNN sees them), and a few
cheap discrete features that the CRF tiers use too, each embedded by the network:

====  ===========================================================
col   feature
====  ===========================================================
0     gazetteer phrase match, BIO over the gazetteer's types
1     proclitic chain stripped before ال (و ف ب ل ...)
2     word shape (Arabic, number, Latin upper/lower, punctuation)
3     has the article ال
4-6   word-cluster path prefixes of 4, 8 and 12 bits (per vocabulary word)
7     word is part of a gazetteer person name
====  ===========================================================

No torch here: this module is on the runtime path.
"""
from __future__ import annotations

import numpy as np

from .gazetteer import Gazetteer
from .tags import TYPES
from .text import fold, is_arabic, strip_prefix

PAD, UNK = 0, 1
MAX_CHARS = 20
GAZ_TAGS = ("O",) + tuple(f"{p}-{t}" for t in TYPES for p in "BI")
PREFIXES = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك")
SHAPES = ("ar", "num", "Lat", "lat", "punct")
CLUSTER_BITS = (4, 8, 12)
N_FEATS = 8
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩0123456789", "0" * 20)


def word_key(token: str) -> str:
    """Vocabulary key: folded, proclitics stripped (ال kept), digits collapsed to 0."""
    return strip_prefix(fold(token))[1].translate(_DIGITS)


def shape_id(word: str) -> int:
    if is_arabic(word):
        return 2
    c = word[:1]
    if c.isdigit():
        return 3
    if c.isalpha():
        return 4 if c.isupper() else 5
    return 6


def feature_sizes(n_clusters: tuple[int, int, int]) -> list[int]:
    """Vocabulary size of each discrete feature column (index 0 = padding)."""
    return [len(GAZ_TAGS) + 1, len(PREFIXES) + 2, len(SHAPES) + 2, 3,
            n_clusters[0] + 2, n_clusters[1] + 2, n_clusters[2] + 2, 3]


class Encoder:
    """Turns token lists into the network's integer arrays (cached per word)."""

    def __init__(self, words: list[str], chars: str, clusters: np.ndarray,
                 gazetteer: Gazetteer | None) -> None:
        self.words = {w: i for i, w in enumerate(words)}     # ids 0/1 are PAD/UNK placeholders
        self.chars = {c: i + 2 for i, c in enumerate(chars)}
        self.clusters = clusters                              # (vocab, 3) cluster ids per word
        self.gaz = gazetteer
        self._pre = {p: i + 2 for i, p in enumerate(PREFIXES)}
        self._gaz_tags = {t: i + 1 for i, t in enumerate(GAZ_TAGS)}
        self._cache: dict[str, tuple[int, tuple[int, ...], tuple[int, ...], str]] = {}

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_cache": {}}

    def _word(self, token: str) -> tuple[int, tuple[int, ...], tuple[int, ...], str]:
        entry = self._cache.get(token)
        if entry is None:
            if len(self._cache) > 200_000:
                self._cache.clear()
            folded = fold(token)
            pre, rest = strip_prefix(folded)
            wid = self.words.get(rest.translate(_DIGITS), UNK)
            cl = tuple(int(x) for x in self.clusters[wid]) if wid > UNK else (1, 1, 1)
            person = self.gaz is not None and (folded in self.gaz.words or rest in self.gaz.words)
            feats = (self._pre.get(pre, 1), shape_id(token),
                     2 if rest.startswith("ال") and len(rest) >= 4 else 1) + cl + (2 if person else 1,)
            chars = tuple(self.chars.get(c, UNK) for c in folded[:MAX_CHARS]) or (UNK,)
            entry = self._cache[token] = (wid, feats, chars, folded)
        return entry

    def encode(self, tokens: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(word ids (T,), features (T, 8), char ids (T, MAX_CHARS)) for one sentence."""
        entries = [self._word(t) for t in tokens]
        n = len(tokens)
        wids = np.fromiter((e[0] for e in entries), dtype=np.int64, count=n)
        feats = np.zeros((n, N_FEATS), dtype=np.int64)
        chars = np.zeros((n, MAX_CHARS), dtype=np.int64)
        gz = self.gaz.match([e[3] for e in entries]) if self.gaz is not None else ["O"] * n
        for i, (_, f, c, _) in enumerate(entries):
            feats[i, 0] = self._gaz_tags.get(gz[i], 1)
            feats[i, 1:] = f
            chars[i, :len(c)] = c
        return wids, feats, chars
