"""Title phrases (الرئيس الروسي، وزير الخارجية السعودي، الأمين العام للأمم المتحدة) and the roles
they name. A title = head noun(s) + an optional qualifier: a demonym adjective (الروسي، الكوري
الشمالي), a country in the genitive (رئيس روسيا) or ل + an organisation (للأمم المتحدة).
Heads are folded keys (see :func:`marsad.kb.name_key`).
"""
from __future__ import annotations

from dataclasses import dataclass

from . import KB
from .text import Tok, WordFilter, cut_offset, strip_variants

# folded head words -> roles tried in order (KB role names)
HEADS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("الرييس",): ("president",),
    ("رييس",): ("president",),
    ("رييس", "الوزراء"): ("prime_minister",),
    ("رييس", "الحكومه"): ("prime_minister",),
    ("رييسه", "الوزراء"): ("prime_minister",),
    ("الملك",): ("king",),
    ("العاهل",): ("king",),
    ("ملك",): ("king",),
    ("الامير",): ("emir", "crown_prince"),
    ("امير",): ("emir",),
    ("السلطان",): ("sultan",),
    ("الزعيم",): ("leader", "supreme_leader", "president", "king"),
    ("زعيم",): ("leader", "supreme_leader", "president", "king"),
    ("المرشد", "الاعلي"): ("supreme_leader",),
    ("المرشد",): ("supreme_leader",),
    ("وزير", "الخارجيه"): ("foreign_minister",),
    ("وزير", "خارجيه"): ("foreign_minister",),
    ("وزيره", "الخارجيه"): ("foreign_minister",),
    ("وزير", "الدفاع"): ("defence_minister",),
    ("وزير", "دفاع"): ("defence_minister",),
    ("وزير", "الداخليه"): ("interior_minister",),
    ("ولي", "العهد"): ("crown_prince",),
    ("ولي", "ولي", "العهد"): ("deputy_crown_prince",),
    ("المستشاره",): ("chancellor",),
    ("المستشار",): ("chancellor",),
    ("الامين", "العام"): ("secretary_general",),
    ("امين", "عام"): ("secretary_general",),
    ("نايب", "الرييس"): ("vice_president",),
    ("البابا",): ("pope",),
    ("المتحدث", "باسم", "الكرملين"): ("spokesperson",),
    ("الوزير",): ("foreign_minister", "defence_minister", "interior_minister"),
}
# A bare head refers back to a person introduced with a title of that kind: (first words of
# such titles, whether longer heads count). الوزير -> وزير الخارجية عادل الجبير; الرئيس -> الرئيس
# الروسي فلاديمير بوتين but not رئيس الوزراء.
BARE_HEADS: dict[tuple[str, ...], tuple[frozenset[str], bool]] = {
    ("الوزير",): (frozenset({"وزير", "وزيره"}), True),
    ("الرييس",): (frozenset({"الرييس", "رييس"}), False),
    ("الزعيم",): (frozenset({"الزعيم", "زعيم"}), False),
    ("الملك",): (frozenset({"الملك", "العاهل", "ملك"}), False),
    ("العاهل",): (frozenset({"الملك", "العاهل", "ملك"}), False),
    ("الامير",): (frozenset({"الامير", "امير"}), False),
}
# Titles that name their office completely (no qualifier needed).
FIXED: dict[tuple[str, ...], tuple[str, str]] = {
    ("خادم", "الحرمين", "الشريفين"): ("king", "SAU"),
    ("المتحدث", "باسم", "الكرملين"): ("spokesperson", "RUS"),
    ("البابا",): ("pope", "VAT"),
}
_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _h in list(HEADS) + list(FIXED):
    _BY_FIRST.setdefault(_h[0], []).append(_h)
for _v in _BY_FIRST.values():
    _v.sort(key=len, reverse=True)
_STARTS: dict[str, tuple] = {}


@dataclass(frozen=True)
class Title:
    start: int                 # original offsets of the whole phrase
    end: int
    head: tuple[str, ...]      # folded head words (the bare-title key)
    roles: tuple[str, ...]
    of: str | None             # ISO3 code or KB id; None for a bare title (الرئيس، الوزير)
    first: int                 # token range [first, last)
    last: int


def find_titles(text: str, toks: list[Tok], kb: KB) -> list[Title]:
    out = []
    i = 0
    for p in _FILTER.positions(toks):      # (most words start no title)
        if p < i:
            continue
        t = _title_at(text, toks, p, kb)
        if t:
            out.append(t)
            i = t.last
    return out


def _starts(word: str) -> tuple[tuple[tuple[str, ...], int], ...]:
    """Title heads that can start at a token whose folded form is ``word`` (memoised)."""
    found = _STARTS.get(word)
    if found is None:
        found = tuple((head, cut) for w, cut in strip_variants(word) for head in _BY_FIRST.get(w, ()))
        if len(_STARTS) < 500_000:
            _STARTS[word] = found
    return found


_FILTER = WordFilter(_starts)


def _title_at(text: str, toks: list[Tok], i: int, kb: KB) -> Title | None:
    for head, cut in _starts(toks[i].key):
        j = i + len(head)
        if j > len(toks) or any(toks[i + k].key != head[k] for k in range(1, len(head))):
            continue
        start = cut_offset(text, toks[i].start, cut)
        if head in FIXED:
            role, of = FIXED[head]
            return Title(start, toks[j - 1].end, head, (role,), of, i, j)
        of, last = _qualifier(toks, j, kb)
        return Title(start, toks[last - 1].end, head, HEADS[head], of, i, last)
    return None


def _qualifier(toks: list[Tok], j: int, kb: KB) -> tuple[str | None, int]:
    """(country code or org id, token index after the qualifier) or (None, j)."""
    for n in (3, 2, 1):
        if j + n > len(toks):
            continue
        phrase = " ".join(t.key for t in toks[j:j + n])
        ent = kb.demonym(phrase)
        if ent is not None and ent.country:
            return ent.country, j + n
        for word, _ in strip_variants(phrase):
            for cand in kb.lookup_key(word)[:1]:
                if cand.kind == "country" and cand.country:
                    return cand.country, j + n
                if cand.type == "ORG" and word != phrase:   # للأمم المتحدة، لحلف الناتو
                    return cand.id, j + n
                if cand.type == "GPE" and cand.kind == "hand":  # رئيس إقليم كردستان
                    return cand.id, j + n
    return None, j
