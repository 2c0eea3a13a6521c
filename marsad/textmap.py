"""Normalised views of Arabic text with an offset map back to the original.

Normalisation changes string length (NFKC expands ligatures such as ﻻ, diacritics and tatweel are
removed), so a normalised string is never stored in place of the original. A :class:`TextView`
holds the normalised string and, for every position in it, the position in the original text:

>>> v = normalize_view("قالَ الرئيسُ")
>>> v.text
'قال الرئيس'
>>> v.to_original_span(4, 10)
(5, 12)

Foldings (each switchable): NFKC; diacritics U+064B–U+0652, U+0670 and Quranic marks removed;
tatweel removed; أ إ آ ٱ → ا; ى → ي; ة → ه; ئ ؤ → ي و (hamza seats, for search); Eastern Arabic
and Persian digits → ASCII; Arabic punctuation ، ؛ ؟ → , ; ?. The default for matching against the
gold (``GOLD``) is the FORMAT.md normalisation.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0653)) + "\u0670" + "".join(
    chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06DE, 0x06E9))
TATWEEL = "\u0640"
BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\ufeff"
EASTERN_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"


@dataclass(frozen=True)
class Options:
    nfkc: bool = True
    diacritics: bool = True
    tatweel: bool = True
    alef: bool = True
    ya: bool = True
    ta_marbuta: bool = True
    hamza_seats: bool = False
    digits: bool = True
    punctuation: bool = True
    bidi: bool = True
    lower: bool = True


GOLD = Options(punctuation=False)          # FORMAT.md matching rules
SEARCH = Options(hamza_seats=True)         # the widest folding, for full-text search


@lru_cache(maxsize=8)
def _tables(opts: Options) -> tuple[dict[int, str | None], re.Pattern[str]]:
    """A str.translate table for 1:1 and deleting foldings, and a regex of deleted chars."""
    table: dict[int, str | None] = {}
    deleted = ""
    if opts.diacritics:
        deleted += DIACRITICS
    if opts.tatweel:
        deleted += TATWEEL
    if opts.bidi:
        deleted += BIDI_CONTROLS
    for ch in deleted:
        table[ord(ch)] = None
    if opts.alef:
        table.update({ord(c): "ا" for c in "أإآٱ"})
    if opts.ya:
        table[ord("ى")] = "ي"
    if opts.ta_marbuta:
        table[ord("ة")] = "ه"
    if opts.hamza_seats:
        table.update({ord("ئ"): "ي", ord("ؤ"): "و"})
    if opts.digits:
        for i, (e, p) in enumerate(zip(EASTERN_DIGITS, PERSIAN_DIGITS)):
            table[ord(e)] = table[ord(p)] = str(i)
    if opts.punctuation:
        table.update({ord("،"): ",", ord("؛"): ";", ord("؟"): "?", ord("٪"): "%",
                      ord("٫"): ".", ord("٬"): ","})
    pattern = re.compile("[" + re.escape(deleted) + "]") if deleted else re.compile(r"(?!)")
    return table, pattern


def _nfkc_safe_class() -> str:
    """Code points of the common ranges whose NFKC form is themselves (a fast path skips NFKC)."""
    safe = [c for r in ((0x0000, 0x0250), (0x0600, 0x0700), (0x2000, 0x2070))
            for c in range(*r) if unicodedata.normalize("NFKC", chr(c)) == chr(c)]
    return "".join(re.escape(chr(c)) for c in safe)


_NEEDS_NFKC = re.compile("[^" + _nfkc_safe_class() + "]")


class TextView:
    """A normalised string plus a map from its positions to positions in ``original``."""

    __slots__ = ("original", "text", "_map")

    def __init__(self, original: str, text: str, mapping: list[int] | None) -> None:
        self.original = original
        self.text = text
        self._map = mapping   # None means identity; else len(text) + 1 entries

    def to_original(self, i: int) -> int:
        """Original offset of normalised position ``i`` (``i == len(text)`` maps to the end)."""
        if self._map is None:
            return i
        return self._map[i]

    def to_original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` covering the normalised ``[start, end)``; characters deleted
        by normalisation right after the span (diacritics on its last letter) are included."""
        if self._map is None:
            return start, end
        if end <= start:
            o = self._map[start]
            return o, o
        return self._map[start], max(self._map[end - 1] + 1, self._map[end])

    def from_original(self, o: int) -> int:
        """Normalised position of original offset ``o`` (the first position at or after it)."""
        if self._map is None:
            return o
        return bisect_right(self._map, o - 1) if o > 0 else 0


def normalize_view(text: str, opts: Options = Options()) -> TextView:
    """Normalise ``text`` and keep an offset map back to it."""
    table, deleted = _tables(opts)
    source = text
    if opts.nfkc and _NEEDS_NFKC.search(text):
        source = _nfkc_one_to_one(text)       # NBSP -> space, fullwidth digits ... in one pass
        if source is None:
            return _slow_view(text, opts, table)
    if not (opts.lower and _has_upper(source)):
        return _translated_view(text, source, table, deleted)
    lowered = source.lower()        # Latin capitals in an Arabic text: lower the whole string
    if len(lowered) == len(text) and "\u03a3" not in source:   # (Σ lowers by context)
        view = _translated_view(text, lowered, table, deleted)
        if not (opts.nfkc and opts.diacritics and _KEPT_COMBINING.search(view.text)):
            return view             # what the per-character path gives, 10x faster
    return _slow_view(text, opts, table)


def _nfkc_one_to_one(text: str) -> str | None:
    """``text`` with each character NFKC changes replaced by its one-character NFKC form (what
    the per-character path does to it), or None if one of them expands, vanishes or combines."""
    fold: dict[int, str] = {}
    for ch in set(_NEEDS_NFKC.findall(text)):
        n = unicodedata.normalize("NFKC", ch)
        if len(n) != 1 or unicodedata.combining(n):
            return None
        fold[ord(ch)] = n
    return text.translate(fold)


def _translated_view(text: str, source: str, table: dict[int, str | None],
                     deleted: re.Pattern[str]) -> TextView:
    """View of ``text`` made by translating ``source`` (``text`` itself or its same-length
    lower-cased copy) character by character with the folding table."""
    out = source.translate(table)
    if len(out) == len(text):
        return TextView(text, out, None)
    return TextView(text, out, _map_after_deletions(source, deleted))


# Combining marks the per-character path drops (all but the hamza marks): a whole-string view
# that still holds one is not what that path gives, so it is not used.
_KEPT_COMBINING = re.compile("[" + "".join(
    chr(c) for c in range(0x0300, 0x0700)
    if unicodedata.combining(chr(c)) and chr(c) not in "\u0653\u0654\u0655") + "]")


def _has_upper(text: str) -> bool:
    return text != text.lower()


def _map_after_deletions(text: str, deleted: re.Pattern[str]) -> list[int]:
    mapping: list[int] = []
    prev = 0
    for m in deleted.finditer(text):
        mapping.extend(range(prev, m.start()))
        prev = m.end()
    mapping.extend(range(prev, len(text)))
    mapping.append(len(text))
    return mapping


def _slow_view(text: str, opts: Options, table: dict[int, str | None]) -> TextView:
    chars: list[str] = []
    mapping: list[int] = []
    for i, ch in enumerate(text):
        piece = unicodedata.normalize("NFKC", ch) if opts.nfkc else ch
        if opts.lower:
            piece = piece.lower()
        piece = piece.translate(table)
        for p in piece:
            if opts.nfkc and unicodedata.combining(p) and p not in "\u0653\u0654\u0655" and opts.diacritics:
                continue
            chars.append(p)
            mapping.append(i)
    mapping.append(len(text))
    return TextView(text, "".join(chars), mapping)


def normalize(text: str, opts: Options = Options()) -> str:
    """The normalised string alone (no offset map)."""
    return normalize_view(text, opts).text


_WS = re.compile(r"\s+")


def gold_normalize(text: str) -> str:
    """FORMAT.md matching normalisation: NFKC, no diacritics/tatweel, alef/ya/ta-marbuta folded,
    whitespace collapsed, a leading و/ف clitic stripped from a single word."""
    s = unicodedata.normalize("NFKC", text or "")
    s = normalize(s, GOLD)
    s = _WS.sub(" ", s).strip()
    if " " not in s and len(s) > 2 and s[0] in "وف":
        s = s[1:]
    return s


def fold_key(text: str) -> str:
    """A search/matching key: the widest folding, whitespace collapsed."""
    return _WS.sub(" ", normalize(text, SEARCH)).strip()
