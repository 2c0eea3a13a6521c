"""Mentions the taggers find that marsad does not output as entities.

ANERcorp tags currency names as MISC (دولار 107 times in train, درهم 26, جنيه 24, يورو 17) and
the models learned it; a currency is a unit of a MONEY quantity (the ``quantities`` layer), not a
named entity, so :func:`currency_only` mentions are dropped from ``ents`` by ``entities.v1``.
``marsad eval ner`` scores the taggers as trained (ANERcorp's own convention, comparable with
the literature). A currency word followed by a name is kept (ريال مدريد is a club).

:func:`head_only`: an indefinite head noun alone (جامعة، حزب، وزارة، مدينة) is the first word of a
name the tagger cut short, never a name itself (ANERcorp train: 6 of 9,000 mentions); dropped too.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .text import fold, strip_prefix

# Closed class: currency names and their plurals (folded: ة as ه, ى as ي, no hamza on alef).
CURRENCIES = frozenset(fold(w) for w in """
دولار دولارات يورو يوروهات جنيه جنيهات دينار دنانير درهم دراهم ريال ريالات ليرة ليرات ين
يوان روبل روبلات روبية روبيات فرنك فرنكات شيكل شيكلات شواكل استرليني إسترليني بيزو كرونة كرونات
راند وون رينغيت رنجيت تومان بات لاري مانات سوم تينغي زلوتي فورينت بيتكوين
""".split())


def _bare(word: str) -> str:
    """Folded word without proclitics and ال (بالدولار -> دولار، لريال -> ريال)."""
    folded = fold(word)
    rest = strip_prefix(folded)[1]
    rest = rest[2:] if rest.startswith("ال") and len(rest) > 3 else rest
    if rest not in CURRENCIES and len(folded) > 3 and folded[:1] in "وفبلك" and folded[1:] in CURRENCIES:
        return folded[1:]
    return rest


def currency_only(words: list[str]) -> bool:
    """A currency name, alone or with adjectives (الدولار الأمريكي، الجنيه الإسترليني)."""
    if not words or _bare(words[0]) not in CURRENCIES:
        return False
    return all(_bare(w) in CURRENCIES or fold(w).endswith(("ي", "يه")) for w in words[1:])


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    """Organisation and place head nouns of the shipped cue list (``cues.tsv``: ORGH, PLACE)."""
    from .features import read_cues

    path = Path(__file__).resolve().parents[1] / "resources" / "ner" / "cues.tsv"
    cues = read_cues(path) if path.exists() else {}
    return frozenset(w for w, cls in cues.items() if cls in ("ORGH", "PLACE"))


def head_only(words: list[str]) -> bool:
    """One word, an organisation or place head noun without ال (جامعة، وحزب، لوزارة)."""
    if len(words) != 1:
        return False
    w = fold(words[0])
    rest = strip_prefix(w)[1]
    if rest.startswith("ال"):
        return False
    return w in _heads() or (len(w) > 3 and w[0] in "وفبلك" and w[1:] in _heads())


def not_an_entity(words: list[str]) -> bool:
    """Mentions ``entities.v1`` leaves out: currency names and bare head nouns."""
    return currency_only(words) or head_only(words)
