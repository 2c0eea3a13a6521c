"""Which language an article is in, from its script and a few function words.

marsad's lexicons and models are Arabic. A feed or crawl also brings English, French or Persian
stories; running Arabic NER, quotes and events over them only makes noise. The pipeline asks
:func:`detect` once per article and runs the Arabic-only components only on Arabic text.

* Arabic script on at least a fifth of the letters -> ``ar``, unless Persian function words that
  Arabic does not have (که، را، است، این، برای ...) are frequent -> ``fa``;
* Latin script -> ``en`` or ``fr`` when their commonest function words are frequent, else
  ``und`` (undetermined);
* fewer than 40 Latin letters -> the Arabic branch (the default: nothing is skipped).

>>> detect("قال الرئيس إن الحكومة ستواصل العمل")
'ar'
>>> detect("The minister said on Monday that the talks would go on.")
'en'
"""
from __future__ import annotations

import re

SAMPLE = 1500             # characters read from the start of the text
MIN_LETTERS = 40          # fewer Latin letters than this: not a Latin-script text
FUNCTION_SHARE = 0.04     # share of words that must be a language's function words
MIN_HITS = 3              # and at least this many of them
ARABIC_SHARE = 0.2        # an article with this share of Arabic letters is Arabic (film lists
                          # with English titles, bilingual captions)

_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u0671-\u06d3\u06fa-\u06ff\u0750-\u077f"
                            r"\ufb50-\ufdff\ufe70-\ufefc]")   # with presentation forms
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W\d_]+")
_PERSIAN_LETTER = re.compile(r"[\u06a9\u06cc\u06af\u067e\u0686\u0698]")   # ک ی گ پ چ ژ

FUNCTION_WORDS = {
    "fa": frozenset("که را است این برای می شده شد یک بود نیز".split()),
    "en": frozenset("the and of to in is that for on with was said by are from".split()),
    "fr": frozenset("le la les des et est une dans pour que sur par qui du".split()),
}


def detect(text: str) -> str:
    """``ar``, ``fa``, ``en``, ``fr`` or ``und`` for a text (see the module notes)."""
    sample = text[:SAMPLE]
    latin = len(_LATIN_LETTER.findall(sample))      # few in Arabic news: counted first, cheaply
    if latin < MIN_LETTERS or len(_ARABIC_LETTER.findall(sample)) >= ARABIC_SHARE / (
            1 - ARABIC_SHARE) * latin:               # arabic >= share * (arabic + latin)
        if not _PERSIAN_LETTER.search(sample):     # Persian function words need one of them
            return "ar"
        return "fa" if _frequent(_words(sample), "fa") else "ar"
    words = _words(sample)
    best = max(("en", "fr"), key=lambda lang: _hits(words, lang))
    return best if _frequent(words, best) else "und"


def _words(sample: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(sample)]


def _hits(words: list[str], lang: str) -> int:
    vocab = FUNCTION_WORDS[lang]
    return sum(1 for w in words if w in vocab)


def _frequent(words: list[str], lang: str) -> bool:
    hits = _hits(words, lang)
    return hits >= MIN_HITS and hits >= FUNCTION_SHARE * len(words)
