"""The text the search index sees: folded words plus their clitic-stripped variants.

Both documents and queries go through :func:`marsad.textmap.normalize_view` with the widest
(``SEARCH``) folding: diacritics and tatweel removed, أ إ آ ٱ → ا, ى → ي, ة → ه, ئ ؤ → ي و,
digits to ASCII, lower case. Arabic attaches conjunctions, prepositions and the article to the
word (والوزير، بالوزير، للوزير), so every document word is indexed together with each form left
after removing a prefix chain ``(و|ف)? (ب|ل|ك)? (ال)?`` (and ``لل`` = ل + ال) that leaves at
least two letters. A query word matches when any of *its* variants is one of those forms, so
"الوزير" finds "وللوزير" and "وزير" alike; a word whose first letter only looks like a clitic
("وزير" → "زير") costs a little precision, never recall.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..textmap import SEARCH, Options, normalize_view

WORD = re.compile(r"[^\W_]+")
ARABIC = re.compile(r"[\u0600-\u06ff]")
CONJ = ("", "و", "ف")
PREP = ("", "ب", "ل", "ك")
MIN_STEM = 2


def fold(text: str) -> str:
    return normalize_view(text or "", SEARCH).text


def variants(word: str) -> list[str]:
    """``word`` (already folded) and the stems left after stripping a prefix chain."""
    out = [word]
    if not ARABIC.match(word):
        return out
    for conj in CONJ:
        if conj and not word.startswith(conj):
            continue
        rest = word[len(conj):]
        for prep in PREP:
            if prep and not rest.startswith(prep):
                continue
            after = rest[len(prep):]
            _add(out, after)
            if after.startswith("ال"):
                _add(out, after[2:])
        if rest.startswith("لل"):
            _add(out, rest[2:])
    return out


def _add(out: list[str], stem: str) -> None:
    if len(stem) >= MIN_STEM and stem not in out:
        out.append(stem)


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


def index_text(text: str) -> str:
    """The string stored in ``article_search``: every word with all its variants."""
    return " ".join(v for w in words(text) for v in variants(w))


@dataclass(frozen=True)
class Term:
    """One query word: a document matches if it contains any of ``alternatives``."""

    word: str
    alternatives: tuple[str, ...]
    latin: bool


def parse_query(query: str) -> list[Term]:
    terms: list[Term] = []
    seen: set[str] = set()
    for w in words(query):
        if w in seen:
            continue
        seen.add(w)
        terms.append(Term(w, tuple(variants(w)), not ARABIC.match(w)))
    return terms


PREFIX = "(?:[وف]?(?:لل|[بلك]?(?:ال)?))?"


@lru_cache(maxsize=64)
def _hit_pattern(keys: frozenset[str]) -> re.Pattern[str]:
    """Words one of whose :func:`variants` is a key: an optional clitic chain, then a key."""
    alts = "|".join(sorted((re.escape(k) for k in keys), key=len, reverse=True))
    return re.compile(rf"(?<![^\W_]){PREFIX}(?:{alts})(?![^\W_])", re.IGNORECASE)


# For highlighting only: the SEARCH folding minus NFKC and lower-casing (the pattern ignores
# case instead), which keeps normalize_view on its fast str.translate path (~30x faster on
# texts with Latin capitals or symbols; NFKC only matters for rare presentation forms).
HIGHLIGHT = Options(nfkc=False, lower=False, hamza_seats=True)
HIGHLIGHT_SPAN = 8000   # characters of an article searched for hits to show


def highlight_spans(text: str, keys: set[str]) -> list[tuple[int, int]]:
    """Offsets (into the original ``text``) of words one of whose variants is in ``keys``."""
    if not keys:
        return []
    view = normalize_view(text[:HIGHLIGHT_SPAN], HIGHLIGHT)
    return [view.to_original_span(m.start(), m.end())
            for m in _hit_pattern(frozenset(keys)).finditer(view.text)]


def snippet(text: str, keys: set[str], width: int = 220) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """A window of ``text`` around the densest cluster of hits.

    Returns ``(snippet, highlights in the snippet, highlights in the article text)``.
    """
    hits = highlight_spans(text, keys)
    if not hits:
        end = min(len(text), width)
        return _clean(text[:end]) + ("…" if end < len(text) else ""), [], []
    best, best_n = hits[0][0], 0
    for i, (s, _e) in enumerate(hits):
        n = sum(1 for s2, _ in hits[i:] if s2 < s + width)
        if n > best_n:
            best, best_n = s, n
    start = max(0, best - width // 4)
    start = _word_start(text, start)
    end = min(len(text), start + width)
    inner = [(s - start, e - start) for s, e in hits if s >= start and e <= end]
    piece = text[start:end].replace("\n", " ")
    prefix = "…" if start > 0 else ""
    shift = len(prefix)
    return (prefix + piece + ("…" if end < len(text) else ""),
            [(s + shift, e + shift) for s, e in inner], [h for h in hits if start <= h[0] < end])


def _word_start(text: str, i: int) -> int:
    while 0 < i < len(text) and not text[i - 1].isspace():
        i -= 1
    return i


def _clean(s: str) -> str:
    return s.replace("\n", " ")
