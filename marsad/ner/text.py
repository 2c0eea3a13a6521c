"""Word-level normalisation and clitic handling used by NER features and mention offsets.

Training corpora differ in orthography (ANERcorp keeps hamza on alef; NewsFANE/WikiFANE drop
it) and in tokenisation (ANERcorp keeps proclitics attached: ``وألمانيا``), so every feature is
computed on a folded form and on a proclitic-stripped form.
"""
from __future__ import annotations

import re

_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": None})
_DIACRITICS = re.compile(r"[\u064B-\u0652\u0670]")
_ARABIC = re.compile(r"[\u0620-\u064A]")
# Proclitic chains that may stand in front of a name: conjunction, then preposition, then article.
_PROCLITIC = re.compile(r"^(?P<conj>[وف])?(?P<prep>[بلك])?")


# one translate table: the variants above plus every diacritic deleted (same result as removing
# the diacritics with the regex first, in one pass)
_FOLD_ALL = {**_FOLD, **{c: None for c in list(range(0x064B, 0x0653)) + [0x0670]}}


def fold(word: str) -> str:
    """Folded form: no diacritics or tatweel, alef/ya/ta-marbuta variants unified."""
    return word.translate(_FOLD_ALL)


def is_arabic(word: str) -> bool:
    return bool(_ARABIC.match(word))


def strip_prefix(folded: str) -> tuple[str, str]:
    """Split a folded word into (proclitics, rest), keeping ال on the rest.

    ``والمانيا`` -> (``و``, ``المانيا``); ``للحكومه`` -> (``ل``, ``الحكومه``); ``بوتين`` is
    returned whole here (whether its ب is a clitic is decided by a lexicon, see
    :func:`mention_start`).
    """
    if not is_arabic(folded) or len(folded) < 4:
        return "", folded
    if folded.startswith(("لل", "ولل", "فلل")) and len(folded) >= 5:
        k = folded.index("لل")
        return folded[:k + 1], "ا" + folded[k + 1:]
    m = _PROCLITIC.match(folded)
    if m and m.end() and folded[m.end():].startswith("ال") and len(folded) - m.end() >= 4:
        return folded[:m.end()], folded[m.end():]
    return "", folded


def strip_all(folded: str) -> str:
    """Rest without proclitics and without the article ال (for gazetteer look-ups)."""
    _, rest = strip_prefix(folded)
    if rest.startswith("ال") and len(rest) >= 4:
        return rest[2:]
    return rest


def clitic_candidates(folded: str) -> list[tuple[int, str]]:
    """Possible (prefix length, remainder) splits of a word, shortest prefix first."""
    out: list[tuple[int, str]] = []
    if not is_arabic(folded):
        return out
    m = _PROCLITIC.match(folded)
    if not m:
        return out
    for k in range(1, m.end() + 1):
        rest = folded[k:]
        if len(rest) >= 2:
            out.append((k, rest))
    return out


# Folded words that open with ال but are no definite nouns (إليه، إلا، الذي ...): a letter before
# them is part of a name, not a proclitic (كاليه Calais is no ك + إليه).
NOT_AL_WORDS = frozenset("""
الي اليه اليها اليهم اليهما اليك اليكم الينا الا الذي التي الذين اللذين اللتين اللاتي اللواتي
الان انا انه انها
""".split())


def mention_start(word: str, lexicon: frozenset[str] | set[str]) -> int:
    """How many leading characters of ``word`` are proclitics to leave out of a mention.

    A proclitic before ال is always a clitic (``والروسي`` -> 1, ``للحكومة`` -> 1, the ل of
    لل standing for ل + ال). Otherwise the shortest split whose remainder is a known entity word
    (``lexicon``, folded forms) wins, unless the whole word is itself known (``لبنان`` stays).
    Offsets count characters of the original ``word`` (diacritics included).
    """
    if not is_arabic(word):
        return 0
    folded = fold(word)
    cut = 0
    pre, rest = strip_prefix(folded)
    if pre and rest not in NOT_AL_WORDS:
        cut = len(pre)
    elif folded not in lexicon:
        for k, rest in clitic_candidates(folded):
            if rest in lexicon and rest not in NOT_AL_WORDS:
                cut = k
                break
    return _orig_index(word, cut)


def _orig_index(word: str, folded_chars: int) -> int:
    """Index in ``word`` after ``folded_chars`` letters, past their diacritics and tatweel."""
    seen = 0
    for i, ch in enumerate(word):
        marks = bool(_DIACRITICS.match(ch)) or ch == "ـ"
        if seen == folded_chars and not marks:
            return i
        if not marks:
            seen += 1
    return 0
