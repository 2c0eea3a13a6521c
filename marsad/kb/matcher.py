"""Dictionary matcher: finds unambiguous KB names in text (countries, capitals, well-known people
and organisations) so that mentions NER missed still reach quotes and events.

Which names are matched (calibrated by reading the seed page and dev articles, not by score):
- countries, capitals and hand-written entries: every name except those listed in ``nomatch``
  (common words such as القاعدة "the base" or الجزيرة "the island");
- people from ArWikiCats: full names of two words or more only;
- other cities (10k names): every name except one-word names the NER corpora use mostly as
  ordinary words (``extra.common``, set by ``marsad kb build``: المدينة، الرمادي "grey" ...);
- sports clubs only in a separate index, used for articles about sport (``find(sports=True)``);
- behind a proclitic, one-word generated city names only after و/ب/ل/وب/ول, and not when the
  word ends in ه where the name has ة (وجده is a verb, not و + جدة);
- a name shared by two entries of the same rank is ambiguous and skipped; single-word names
  need three letters or more, except names a hand entry lists as ``exact`` (إب), which match
  only when spelt exactly so (hamza included) in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import KB, KBEntity, entity_keys, name_key
from .text import Tok, WordFilter, cut_offset, strip_variants

MATCH_KINDS = {"country", "capital", "hand", "person", "city"}
MEMO_MAX = 100_000      # distinct word forms remembered per matcher (bounded memory)
# Folded given names too common to start an unambiguous two-word ArWikiCats name.
COMMON_GIVEN = {"محمد", "علي", "احمد", "عبد", "حسن", "حسين", "عمر", "خالد", "ابراهيم", "محمود",
                "مصطفي", "عبدالله", "يوسف", "سعيد", "صالح", "عثمان", "جون", "جورج", "ديفيد"}


@dataclass(frozen=True)
class Match:
    start: int          # original offsets
    end: int
    kb_id: str
    type: str
    first: int          # token index range [first, last)
    last: int


class DictionaryMatcher:
    def __init__(self, kb: KB, kinds: frozenset[str] | set[str] = MATCH_KINDS) -> None:
        self.kb = kb
        self.kinds = frozenset(kinds)
        self._memo: dict[str, tuple] = {}
        self._filter = WordFilter(self._candidates, MEMO_MAX)
        # one-word city names spelt with ة: after a clitic, the same word with ه is another word
        self._ta_marbuta = {name_key(n) for e in kb.entities() if e.kind == "city"
                            for n in (e.name_ar, *e.names_ar) if n.endswith("ة") and " " not in n}
        self.exact: dict[str, set[str]] = {}   # key -> spellings required in the text
        self.index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key, kb_id in self._names(kb).items():
            parts = tuple(key.split(" "))
            self.index.setdefault(parts[0], []).append((parts, kb_id))
        for cands in self.index.values():
            cands.sort(key=lambda c: -len(c[0]))

    def _eligible(self, ent: KBEntity) -> bool:
        return ent.kind in self.kinds

    def _names(self, kb: KB) -> dict[str, str]:
        owners: dict[str, list[KBEntity]] = {}
        for ent in kb.entities():
            if not self._eligible(ent):
                continue
            banned = set(entity_keys(ent.type, ent.nomatch)) | set(ent.extra.get("common", ()))
            exact = {name_key(n): n for n in ent.extra.get("exact", ())}
            for key in ent.keys:
                if _LATIN.search(key) and "hand" not in ent.sources and ent.kind != "country":
                    continue    # English names of generated entries: "Monte Walsh" is a film
                if key in exact:
                    self.exact.setdefault(key, set()).add(_plain(exact[key]))
                elif key in banned or not self._long_enough(key, ent):
                    continue
                owners.setdefault(key, []).append(ent)
        names = {}
        for key, ents in owners.items():
            ents = sorted(ents, key=lambda e: e.rank)
            if len(ents) > 1 and ents[0].rank == ents[1].rank:
                continue   # ambiguous among equals
            if any(key in set(entity_keys(e.type, e.nomatch)) for e in self.kb.lookup_key(key)):
                continue   # another entry declares this name a common word
            if key in kb.by_demonym:
                continue   # سورية is also "Syrian (f.)": leave it to NER
            names[key] = ents[0].id
        return names

    @staticmethod
    def _long_enough(key: str, ent: KBEntity) -> bool:
        words = key.split(" ")
        if ent.kind == "person" and "hand" not in ent.sources:
            # محمد على is a boxer and also the start of many Arabic names
            return len(words) >= 2 and words[0] not in COMMON_GIVEN
        return len(words) >= 2 or len(key) >= 3

    def find(self, text: str, toks: list[Tok], taken: list[tuple[int, int]] = ()) -> list[Match]:
        """Longest non-overlapping matches, left to right, avoiding ``taken`` original ranges;
        a name never spans punctuation (جمهورية (كوريا ... is not one name)."""
        out: list[Match] = []
        memo = self._memo
        i = 0
        for p in self._filter.positions(toks):   # (most words start no name)
            if p < i:
                continue           # inside the previous match
            m = self._match_at(text, toks, p, memo.get(toks[p][0]) or self._candidates(toks[p][0]))
            if m and not any(m.start < e and s < m.end for s, e in taken):
                out.append(m)
                i = m.last
        return out

    def _candidates(self, word: str) -> tuple[tuple[tuple[str, ...], str, int], ...]:
        """Names that can start at a token with folded form ``word`` (proclitics tried)."""
        found = self._memo.get(word)
        if found is None:
            # (a word not opening with a proclitic letter has no variant but itself)
            variants = strip_variants(word) if word[:1] in _CLITIC_LETTERS else ((word, 0),)
            if word[1:] in self.exact and word[0] in "وفبلك":   # وإب: too short for the
                variants += ((word[1:], 1),)                      # general clitic rule
            found = tuple((parts, kb_id, cut) for w, cut in variants
                          for parts, kb_id in self.index.get(w, ())
                          if not cut or len(parts) > 1 or word[:cut] in _CITY_CLITICS
                          or self.kb.by_id[kb_id].kind != "city")
            if len(self._memo) >= MEMO_MAX:
                self._memo.clear()
            self._memo[word] = found
        return found

    def _match_at(self, text: str, toks: list[Tok], i: int, cands=None) -> Match | None:
        n = len(toks)
        second = toks[i + 1].key if i + 1 < n else None
        for parts, kb_id, cut in cands if cands is not None else self._candidates(toks[i].key):
            j = i + len(parts)
            if j > n or len(parts) > 1 and parts[1] != second:
                continue        # (cheap test first: most candidates fail on the second word)
            if all(toks[i + k].key == parts[k]
                   and not text[toks[i + k - 1].end:toks[i + k].start].strip()
                   for k in range(1, len(parts))):
                ent = self.kb.by_id[kb_id]
                start = cut_offset(text, toks[i].start, cut)
                key = " ".join(parts)
                if key in self.exact and _plain(text[start:toks[j - 1].end]) not in self.exact[key]:
                    continue    # اب (father) is not إب (Ibb)
                if cut and j == i + 1 and key in self._ta_marbuta \
                        and _plain(text[start:toks[i].end]).endswith("ه"):
                    continue    # وجده "he found it" is not و + جدة
                return Match(start, toks[j - 1].end, kb_id, ent.type, i, j)
        return None


_LATIN = re.compile(r"[a-z]")
_CLITIC_LETTERS = frozenset("وفبلك")     # first letters of PROCLITICS and لل
# Proclitics a generated one-word city name is matched behind (وتعز، بجدة، لعدن، وبدبي): not ك
# or ف, which make verbs and nouns of city names (كسرت "broke" is no ك + سرت; فبشري).
_CITY_CLITICS = {"و", "ب", "ل", "وب", "ول"}
_MARKS = dict.fromkeys(map(ord, "\u0640\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0670"))


def _plain(text: str) -> str:
    """Surface without diacritics and tatweel, letters (hamza forms) untouched."""
    return text.translate(_MARKS)
