"""Name lists used as NER features: countries, cities, demonyms and people (open licences).

Built from ../shared/data/gazetteers by :func:`build` (run by ``marsad train ner``) and shipped
as ``marsad/resources/ner/gazetteer.tsv`` (``TYPE<TAB>folded phrase``). Look-ups fold the text
and strip proclitics from the first word, so ``وبريطانيا`` and ``بالعراق`` match.
"""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

from .text import clitic_candidates, fold, strip_prefix

MAX_WORDS = 6
LEXICONS = Path(__file__).resolve().parents[1] / "resources" / "ner" / "lexicons"
# Row types of the open name lexicons (lexicons/SOURCES.md). ``PERSON_WORD``: a word of person
# names, seen as ``gzw=PERSON`` like the words of curated PERSON phrases. ``LX:<TYPE>`` rows
# are a separate class (``lxw=``/``lx=`` features, FeatureConfig.lexicon) so the CRF learns its
# own trust in them; a plain look-up ignores them.
PERSON_WORD = "PERSON_WORD"
LEX = "LX:"


def _phrases_countries(folder: Path) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    with open(folder / "country-codes.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for key in ("official_name_ar", "UNTERM Arabic Short", "UNTERM Arabic Formal"):
                name = (row.get(key) or "").replace("(ال)", "").strip()
                if name:
                    out.append(("GPE", name))
    for c in json.loads((folder / "mledoze-countries.json").read_text(encoding="utf-8")):
        ara = c.get("translations", {}).get("ara", {})
        out += [("GPE", ara[k]) for k in ("common", "official") if ara.get(k)]
    return out


def _phrases_other(folder: Path) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    nats = json.loads((folder / "arwikicats-nationalities_data.json").read_text(encoding="utf-8"))
    for rec in nats.values():
        for k in ("male", "males", "female", "females", "the_male", "the_female"):
            if rec.get(k):
                out.append(("NORP", rec[k]))
        if rec.get("ar"):
            out.append(("GPE", rec["ar"]))
    cities = json.loads((folder / "arwikicats-cities_full.json").read_text(encoding="utf-8"))
    out += [("GPE", v) for v in cities.values() if v]
    people = json.loads((folder / "arwikicats-peoples.json").read_text(encoding="utf-8"))
    out += [("PERSON", v) for v in people.values() if v]
    return out


def mined(sents, min_count: int = 1) -> list[tuple[str, str]]:
    """(type, surface) of annotated mentions in corpora disjoint from ANERcorp (majority type).

    Only for text that shares nothing with the CRF's own training sentences (WikiFANE, AQMAR,
    Wojood): mined from the training text itself, the list would fire on every training
    mention and the CRF would learn to trust it far more than it deserves on new text.
    """
    from collections import Counter

    from .tags import spans_from_bio

    votes: dict[str, Counter] = defaultdict(Counter)
    for toks, tags in sents:
        for s, e, typ in spans_from_bio(tags):
            first = strip_prefix(fold(toks[s]))[1]
            votes[" ".join([first] + [fold(t) for t in toks[s + 1:e]])][typ] += 1
    return [(c.most_common(1)[0][0], k) for k, c in votes.items()
            if sum(c.values()) >= min_count]


def build(folder: Path, extra: list[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    """(type, folded phrase) rows, sorted and de-duplicated."""
    rows: dict[str, str] = {}
    for typ, name in _phrases_countries(folder) + _phrases_other(folder) + list(extra):
        words = fold(name).replace("،", " ").split()
        if 0 < len(words) <= MAX_WORDS and all(w.isalpha() for w in words):
            rows.setdefault(" ".join(words), typ)    # curated lists win over mined mentions
    return sorted((t, p) for p, t in rows.items())


def kb_rows(path: Path) -> list[tuple[str, str]]:
    """(type, folded phrase) of every Arabic name in the shipped KB (``kb.jsonl.gz``).

    Names the KB marks ``nomatch`` (also common words) are left out; a phrase with two types
    keeps the first in KB order (entries are sorted by id, so the result is reproducible).
    """
    import gzip

    rows: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            skip = {fold(x) for x in e.get("nomatch") or []}
            for name in [e.get("name_ar") or ""] + list(e.get("names_ar") or []):
                words = fold(name).replace("،", " ").split()
                phrase = " ".join(words)
                if 0 < len(words) <= MAX_WORDS and all(w.isalpha() for w in words) and \
                        phrase not in skip and e.get("type"):
                    rows.setdefault(phrase, e["type"])
    return sorted((t, p) for p, t in rows.items())


def read_lexicon(name: str, folder: Path = LEXICONS) -> list[str]:
    """Entries of one shipped lexicon list (one word or phrase per line)."""
    path = folder / name
    return [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip()] \
        if path.exists() else []


PERSON_WORD_LISTS = ("wikidata_person_words.txt", "first_names.txt", "last_names.txt")


def lexicon_rows(common: frozenset[str] | set[str] = frozenset(), separate: bool = True,
                 person_lists: tuple[str, ...] = PERSON_WORD_LISTS, org_lists: tuple[str, ...] = (),
                 min_len: int = 3, folder: Path = LEXICONS) -> list[tuple[str, str]]:
    """(type, folded word or phrase) rows from the open name lexicons.

    Person-name words shorter than ``min_len`` letters or in ``common`` (folded words mostly
    seen outside mentions in the training corpora: أمل، نور، اكتوبر) are left out. With
    ``separate`` the rows are ``LX:PERSON_WORD`` / ``LX:ORG`` (own feature class), otherwise
    ``PERSON_WORD`` / ``ORG`` (merged with the curated gazetteer's classes).
    """
    pre = LEX if separate else ""
    words = {fold(w) for name in person_lists for w in read_lexicon(name, folder)}
    rows = {(pre + PERSON_WORD, w) for w in words
            if len(w) >= min_len and w.isalpha() and w not in common}
    for name in org_lists:
        for phrase in read_lexicon(name, folder):
            ws = fold(phrase).split()
            if 0 < len(ws) <= MAX_WORDS and all(w.isalpha() for w in ws):
                rows.add((pre + "ORG", " ".join(ws)))
    return sorted(rows)


def save(rows: list[tuple[str, str]], path: Path) -> None:
    path.write_text("".join(f"{t}\t{p}\n" for t, p in rows), encoding="utf-8")


class Gazetteer:
    """Longest-match look-up of folded word sequences."""

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        self.phrases: dict[tuple[str, ...], str] = {}
        self.first: dict[str, int] = defaultdict(int)
        self.words: dict[str, set[str]] = defaultdict(set)
        self._heads: dict[str, list[str]] = {}
        self.lex_words: dict[str, str] = {}       # folded word -> LX person-word class
        lex_rows: list[tuple[str, str]] = []
        for typ, phrase in rows:
            if typ.startswith(LEX):
                if typ == LEX + PERSON_WORD:
                    self.lex_words[phrase] = "PER"
                else:
                    lex_rows.append((typ[len(LEX):], phrase))
                continue
            if typ == PERSON_WORD:
                self.words[phrase].add("PERSON")
                continue
            key = tuple(phrase.split())
            if len(key) > 1 or len(key[0]) >= 3:
                self.phrases.setdefault(key, typ)
            self.first[key[0]] = max(self.first[key[0]], len(key))
            if typ == "PERSON":
                for w in key:
                    self.words[w].add("PERSON")
        # Every prefix of a phrase: match() extends a candidate only while it can still grow
        # into a phrase, instead of trying every length down from the longest.
        self._prefixes = {k[:n] for k in self.phrases for n in range(2, len(k) + 1)}
        # a word the curated lists give another type (روسي NORP, اراس GPE) is no lexicon name
        for w in [w for w in self.lex_words if self.phrases.get((w,), "PERSON") != "PERSON"]:
            del self.lex_words[w]
        # LX phrases (FeatureConfig.lexicon): their own matcher, never mixed into ``gz=``
        self.lex: Gazetteer | None = Gazetteer(lex_rows) if lex_rows else None

    @classmethod
    def load(cls, path: Path) -> "Gazetteer":
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            typ, _, phrase = line.partition("\t")
            if phrase:
                rows.append((typ, phrase))
        return cls(rows)

    def heads(self, folded: str) -> list[str]:
        """Forms of a first word that start some phrase (cached): itself, without proclitics."""
        forms = self._heads.get(folded)
        if forms is None:
            if len(self._heads) >= 1 << 18:      # bounded: long runs meet millions of words
                self._heads.clear()
            forms = self._heads[folded] = [f for f in self._forms(folded) if f in self.first]
        return forms

    def _forms(self, folded: str) -> list[str]:
        forms = [folded]
        rest = strip_prefix(folded)[1]
        if rest != folded:
            forms.append(rest)
        elif folded not in self.first:
            forms += [r for _, r in clitic_candidates(folded) if r in self.first][:1]
        return forms

    def match(self, folded: list[str]) -> list[str]:
        """BIO gazetteer tags for a sentence of folded words (longest match, left to right)."""
        tags = ["O"] * len(folded)
        prefixes = self._prefixes
        i = 0
        while i < len(folded):
            best = None
            left = len(folded) - i
            heads = self._heads.get(folded[i])
            for head in (self.heads(folded[i]) if heads is None else heads):
                key, n, found = (head,), 1, None
                while True:      # longest phrase starting with head (as trying n = max..1)
                    typ = self.phrases.get(key)
                    if typ:
                        found = (n, typ)
                    if n >= left:
                        break
                    key += (folded[i + n],)
                    if key not in prefixes:
                        break
                    n += 1
                if found:
                    best = found if not best or found[0] > best[0] else best
            if best:
                n, typ = best
                tags[i:i + n] = [f"B-{typ}"] + [f"I-{typ}"] * (n - 1)
                i += n
            else:
                i += 1
        return tags
