"""Word tokens of an article on the folded view, with offsets into the original text.

Linking compares names on the widest folding (:func:`marsad.kb.name_key`); this module tokenises
that folded view once per article and maps every token back to original offsets, so spans added
by the dictionary matcher and the title resolver always point into ``article.text``.
"""
from __future__ import annotations

import re
from typing import NamedTuple
from functools import lru_cache

from ..textmap import SEARCH, normalize

# A word (letters with their diacritics and tatweel), or dotted initials such as أ.ف.ب (the dots
# stay inside one token). Tokens are matched on the original text, so offsets need no map; each
# word type is folded once (cached).
_W = r"[\w\u0640\u064B-\u065F\u0670]+"
_TOKEN = re.compile(_W + r"(?:\." + _W + r")*")

# Proclitics tried on the first word of a name: conjunctions, prepositions, لل (= ل + ال).
PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")


class Tok(NamedTuple):
    key: str     # folded form
    start: int   # original offsets
    end: int


_FOLDED: dict[str, str] = {}


def fold_word(word: str) -> str:
    folded = _FOLDED.get(word)
    if folded is None:
        folded = normalize(word, SEARCH)
        if len(_FOLDED) < 500_000:
            _FOLDED[word] = folded
    return folded


def tokenize(text: str) -> list[Tok]:
    found = [(m.group(), m.start()) for m in _TOKEN.finditer(text)]
    new = {w for w, _ in found}.difference(_FOLDED)
    if new:
        _fold_many(sorted(new))
    fold, make = _FOLDED.get, tuple.__new__      # (Tok's own __new__ is a Python call)
    return [make(Tok, (fold(w) or fold_word(w), s, s + len(w))) for w, s in found]


_SEP = "\n"     # kept by the folding, never inside a token


def _fold_many(words: list[str]) -> None:
    """Fold the article's new word types in one ``normalize`` call instead of one call each
    (a long article brings ~100 new types; the folding is per character, so the joined text
    folds to the joined folds: tests/test_kb_text.py checks it; a count mismatch falls back
    to one call each)."""
    folded = normalize(_SEP.join(words), SEARCH).split(_SEP)
    if len(folded) != len(words):
        folded = [normalize(w, SEARCH) for w in words]
    if len(_FOLDED) + len(words) >= 500_000:
        _FOLDED.clear()
    _FOLDED.update(zip(words, folded))


class _Keys:
    """The folded forms of one token list: their set, and where each occurs (built on the
    first scanner's request, shared by the others)."""

    __slots__ = ("toks", "distinct", "_where", "_keys")

    def __init__(self, toks: list[Tok]) -> None:
        self.toks = toks
        self._keys = [t[0] for t in toks]
        self.distinct = set(self._keys)
        self._where: dict[str, list[int]] | None = None

    def positions(self, found: set[str]) -> list[int]:
        if len(found) * 8 > len(self.distinct) and self._where is None:
            return [i for i, k in enumerate(self._keys) if k in found]   # (most keys: a scan)
        if self._where is None:
            where: dict[str, list[int]] = {}
            for i, k in enumerate(self._keys):
                where.setdefault(k, []).append(i)
            self._where = where
        if len(found) == 1:
            return list(self._where[next(iter(found))])
        return sorted(i for k in found for i in self._where[k])


_last: _Keys | None = None


def _keys_of(toks: list[Tok]) -> _Keys:
    """The keys of ``toks``, shared by the scanners of one article (the last list is kept)."""
    global _last
    last = _last
    if last is None or last.toks is not toks:
        last = _last = _Keys(toks)
    return last


class WordFilter:
    """Which token positions a scanner (names, head nouns, cues, titles) must visit: those whose
    folded form passes ``test``, asked once per new form (most words can start nothing, and a
    set intersection finds the rest without a Python step per token). Bounded memory."""

    def __init__(self, test, max_words: int = 100_000) -> None:
        self.test = test
        self.max_words = max_words
        self.seen: set[str] = set()
        self.hot: set[str] = set()

    def positions(self, toks: list[Tok]) -> list[int]:
        keys = _keys_of(toks)
        distinct = keys.distinct
        new = distinct - self.seen
        if new:
            if len(self.seen) + len(new) > self.max_words:
                self.seen.clear()
                self.hot.clear()
                new = distinct
            self.hot.update(k for k in new if self.test(k))
            self.seen |= new
        found = distinct & self.hot
        return keys.positions(found) if found else []


@lru_cache(maxsize=200_000)
def strip_variants(word: str) -> tuple[tuple[str, int], ...]:
    """(word without a leading proclitic, number of stripped characters), the word itself first.
    للامم -> الامم; وبموسكو -> موسكو; لروسيا -> روسيا."""
    out = [(word, 0)]
    for pre in ("ولل", "فلل", "لل"):
        # the span keeps لل (للأمم المتحدة): only a leading و/ف is cut off
        if word.startswith(pre) and len(word) > len(pre) + 2:
            out.append(("ال" + word[len(pre):], len(pre) - 2))
    for pre in PROCLITICS:
        if word.startswith(pre) and len(word) > len(pre) + 2:
            out.append((word[len(pre):], len(pre)))
    return tuple(out)


_MARKS = frozenset("\u0640\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0670")


def cut_offset(text: str, start: int, letters: int) -> int:
    """Original offset after ``letters`` letters from ``start`` (diacritics on them included):
    where a name begins once its proclitic is cut off (وَروسيا -> روسيا)."""
    i, n = start, 0
    while n < letters and i < len(text):
        if text[i] not in _MARKS:
            n += 1
        i += 1
    while i < len(text) and text[i] in _MARKS:
        i += 1
    return i
