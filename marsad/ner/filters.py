"""Mentions the taggers find that marsad does not output as entities.

ANERcorp tags currency names as MISC (دولار 107 times in train, درهم 26, جنيه 24, يورو 17) and
the models learned it; a currency is a unit of a MONEY quantity (the ``quantities`` layer), not a
named entity, so :func:`currency_only` mentions are dropped from ``ents`` by ``entities.v1``.
``marsad eval ner`` scores the taggers as trained (ANERcorp's own convention, comparable with
the literature). A currency word followed by a name is kept (ريال مدريد is a club).
"""
from __future__ import annotations

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
