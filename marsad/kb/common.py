"""Which KB names are also common Arabic words, measured on annotated text.

A city called لورد (Lourdes) or الجامعة (Jamia) must not be matched wherever the word "lord" or
"the university" appears. The NER corpora say how a word is used: a word seen at least
``MIN_SEEN`` times whose occurrences are mostly outside entity mentions (tag O) is a common word.
Built once by ``marsad kb build`` from ../shared/data (ANERcorp *train* only, AQMAR, WikiFANE;
never ANERcorp test, never SaudiNewsNet) and stored as the ``common`` flag of KB entries, so
nothing is read at run time.
"""
from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path
from typing import Iterable

log = logging.getLogger(__name__)

MIN_SEEN = 2        # a word seen once says little; two O uses out of two is a common word
MAX_ENTITY_SHARE = 0.5
CORPORA = ("anercorp/ANERCorp_CamelLab_train.txt", "aqmar", "wikifane_gold/WikiFANE_Gold_2014_500K.txt")


PLACE_TAGS = ("GPE", "LOC", "FAC")
MIN_PLACE = 2       # a one-word city name must be tagged a place at least twice ...
MIN_PLACE_SHARE = 0.5   # ... and in most of its occurrences


def usage_counts(data: Path) -> tuple[Counter, Counter, Counter]:
    """(all occurrences, occurrences inside an entity mention, inside a place mention) per
    folded word, clitics on."""
    from ..ner import corpora as C
    from . import name_key
    seen: Counter = Counter()
    inside: Counter = Counter()
    place: Counter = Counter()
    readers = (C.anercorp, C.aqmar, C.fane)
    for rel, read in zip(CORPORA, readers):
        path = data / rel
        if not path.exists():
            log.warning("common words: %s missing, skipped", path)
            continue
        for toks, tags in read(path):
            for tok, tag in zip(toks, tags):
                key = name_key(tok)
                seen[key] += 1
                inside[key] += tag != "O"
                place[key] += tag[2:] in PLACE_TAGS
    return seen, inside, place


def common_words(words: Iterable[str], seen: Counter, inside: Counter) -> set[str]:
    """Those of ``words`` (folded) that the corpora use mostly as ordinary words."""
    return {w for w in words
            if seen[w] >= MIN_SEEN and inside[w] / seen[w] <= MAX_ENTITY_SHARE}


def unattested_places(words: Iterable[str], seen: Counter, place: Counter) -> set[str]:
    """Those of ``words`` not clearly attested as place names: ArWikiCats lists 10k cities,
    many of them also Arabic words (كيل "measure", as in وكيل; غالي "expensive"), so a one-word
    city name is matched alone only when the corpora tag it a place often enough."""
    return {w for w in words
            if place[w] < MIN_PLACE or place[w] / max(seen[w], 1) <= MIN_PLACE_SHARE}


COMMON_MIN_SEEN = 3
COMMON_MIN_O_SHARE = 0.9


def vocabulary(seen: Counter, inside: Counter) -> list[str]:
    """Folded words the corpora use as ordinary words (seen 3+ times, 90%+ outside entity
    mentions): what a head-noun rule must not read as a name (تبعد، متخصص، أخرى)."""
    return sorted(w for w, n in seen.items()
                  if n >= COMMON_MIN_SEEN and (n - inside[w]) / n >= COMMON_MIN_O_SHARE
                  and w and " " not in w)


def write_vocabulary(words: list[str], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(words) + "\n", encoding="utf-8")
