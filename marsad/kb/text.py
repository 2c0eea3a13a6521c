"""Word tokens of an article on the folded view, with offsets into the original text.

Linking compares names on the widest folding (:func:`marsad.kb.name_key`); this module tokenises
that folded view once per article and maps every token back to original offsets, so spans added
by the dictionary matcher and the title resolver always point into ``article.text``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..textmap import SEARCH, normalize_view

# A word, or dotted initials such as أ.ف.ب (the dots stay inside one token).
_TOKEN = re.compile(r"\w+(?:\.\w+)+\.?|\w+")

# Proclitics tried on the first word of a name: conjunctions, prepositions, لل (= ل + ال).
PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")


@dataclass(frozen=True, slots=True)
class Tok:
    key: str     # folded form
    start: int   # original offsets
    end: int


def tokenize(text: str) -> list[Tok]:
    view = normalize_view(text, SEARCH)
    out = []
    for m in _TOKEN.finditer(view.text):
        start, end = view.to_original_span(m.start(), m.end())
        out.append(Tok(m.group(), start, end))
    return out


def strip_variants(word: str) -> list[tuple[str, int]]:
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
    return out
