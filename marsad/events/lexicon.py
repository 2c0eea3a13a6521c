"""The event lexicons (``marsad/resources/events``), loaded once and matched on normalised words.

Words are compared in the :func:`marsad.textmap.normalize` view (alef/ya/ta-marbuta folded,
diacritics removed). A word may carry proclitics (و ف, ب ل ك, ال, لل, the future س); every
lexicon lookup tries the word and its clitic-stripped variants (:func:`variants`), because
without a morphological analyser a prefix letter cannot be told from a stem letter (وزير).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import ResourceError
from ..textmap import normalize

RES = Path(__file__).resolve().parents[1] / "resources" / "events"

PAST_SUFFIXES = ("", "ت", "وا", "ا", "تا", "ن", "نا", "تم")
PRESENT_PREFIXES = ("ي", "ت", "ن", "ا")
PRESENT_SUFFIXES = ("", "ون", "ان", "ن", "وا", "ا", "ين")
# No one-letter ه: verb+ه is spelt like a feminine noun once ة is folded to ه (زاره ~ وزارة،
# رحله ~ رحلة), so it made ministries and trips into events.
OBJECT_SUFFIXES = ("", "ها", "هم", "هما", "نا", "كم")
VERB_PREFIXES = {"", "و", "ف", "س", "وس", "فس", "ل", "ول", "فل"}


@lru_cache(maxsize=4)
def cached_view(text: str):
    """The normalised view of an article text, shared by dates, quantities and events (the
    three run one after the other on the same text)."""
    from ..textmap import normalize_view
    return normalize_view(text)


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4)
def view_words(text: str) -> frozenset:
    """The distinct words (``\\w+`` runs) of a normalised text: lexicon look-ups go over these
    few hundred words once, and only the hits are located (:func:`occurrences`)."""
    return frozenset(_WORD.findall(text))


def occurrences(text: str, word: str) -> list[int]:
    """Start offsets of ``word`` as a whole ``\\w+`` run of ``text`` (what ``\\w+`` finditer
    would yield), found with str.find."""
    out, n, i = [], len(word), text.find(word)
    while i >= 0:
        if not (i and _is_word_char(text[i - 1])) and not (
                i + n < len(text) and _is_word_char(text[i + n])):
            out.append(i)
        i = text.find(word, i + 1)
    return out


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"       # exactly re's \w for str patterns


def norm(text: str) -> str:
    return normalize(text)


def variants(word: str) -> list[tuple[str, str]]:
    """``(prefix, rest)`` readings of a normalised word, the unstripped one first."""
    out = [("", word)]
    conj = word[0] if word[:1] in ("و", "ف") and len(word) > 3 else ""
    rest = word[len(conj):]
    if conj:
        out.append((conj, rest))
    if rest[:1] == "س" and len(rest) > 3:
        out.append((conj + "س", rest[1:]))
    if rest.startswith("لل") and len(rest) > 4:
        out.append((conj + "لل", rest[2:]))
    prep = rest[0] if rest[:1] in ("ب", "ل", "ك") and len(rest) > 3 else ""
    if prep:
        out.append((conj + prep, rest[1:]))
    after = rest[len(prep):]
    if after.startswith("ال") and len(after) > 3:
        out.append((conj + prep + "ال", after[2:]))
    return out


def cores(word: str) -> set[str]:
    return {rest for _, rest in variants(word)}


@dataclass(frozen=True)
class Trigger:
    type: str
    pos: str                       # v | n
    lemma: str
    req: frozenset = frozenset()
    neg: str | None = None
    frame: bool = False
    mil: str | None = None
    weak: bool = False


@dataclass(frozen=True)
class Place:
    iso3: str
    name: str
    kind: str                      # country | demonym | capital
    sector: str | None = None


@dataclass
class Lexicon:
    triggers: dict[str, list[Trigger]] = field(default_factory=dict)
    places: dict[tuple[str, ...], Place] = field(default_factory=dict)
    sectors: dict[tuple[str, ...], str] = field(default_factory=dict)
    heads: dict[int, dict[str, int]] = field(default_factory=dict)   # id(table) -> head -> max len
    all_heads: frozenset = frozenset()
    free_keys: frozenset = frozenset()          # trigger forms with a trigger that needs no req
    noun_keys: frozenset = frozenset()          # trigger forms with a noun reading
    req_words: dict[str, frozenset] = field(default_factory=dict)   # other forms -> req words
    neg_words: frozenset = frozenset()
    modal_words: dict[str, str] = field(default_factory=dict)
    max_phrase: int = 4
    key_seen: set = field(default_factory=set)      # words already looked up (bounded)
    key_hits: dict = field(default_factory=dict)    # those of them that are triggers -> form
    key_hit_words: set = field(default_factory=set)  # the same words, as a set (C intersection)
    head_memo: dict = field(default_factory=dict)   # word -> may start a mention (bounded)


def _rows(name: str) -> list[list[str]]:
    path = RES / name
    if not path.is_file():
        raise ResourceError("E550", f"event lexicon {path} is missing",
                            "reinstall marsad or rebuild it: python -m marsad.events.build")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def verb_forms(stem: str) -> set[str]:
    """Inflected forms of a past-tense 3ms stem (normalised): past, present, object pronouns."""
    base = {stem + s for s in PAST_SUFFIXES}
    pres = stem[1:] if stem.startswith("ا") else stem
    base |= {p + pres + s for p in PRESENT_PREFIXES for s in PRESENT_SUFFIXES}
    if stem.endswith(("ي", "ا")) and len(stem) > 2:      # جرى/التقى/دعا: جرت، التقوا، يجرون
        root = stem[:-1]
        base |= {root + s for s in ("ت", "وا", "تا")}
        # جرى -> يجري, دعا -> يدعو (not يدعي "claims"/يدعى "is called")
        ends = ("و", "ون", "ان") if stem.endswith("ا") else ("ي", "ون", "ان")
        base |= {p + pres[:-1] + s for p in PRESENT_PREFIXES for s in ends}
    return {b + o for b in base for o in OBJECT_SUFFIXES}


def _parse_flags(raw: str) -> dict:
    flags: dict = {}
    for item in filter(None, (x.strip() for x in raw.split(";"))):
        key, _, val = item.partition("=")
        flags[key] = val or True
    return flags


def _add_triggers(lex: Lexicon) -> None:
    for row in _rows("triggers.tsv"):
        typ, pos, forms = row[0], row[1], row[2]
        flags = _parse_flags(row[3] if len(row) > 3 else "")
        req = frozenset(norm(w) for w in str(flags.get("req", "")).split(",") if w)
        for form in (norm(f.strip()) for f in forms.split(",") if f.strip()):
            trig = Trigger(typ, pos, form, req, flags.get("neg"), "frame" in flags,
                           flags.get("mil"), "weak" in flags)
            keys = verb_forms(form) if pos == "v" else {_strip_al(form)}
            for key in (k for k in keys if len(k) >= 3 or k == form):
                lex.triggers.setdefault(key, []).append(trig)


def _strip_al(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def phrase_key(text: str) -> tuple[str, ...]:
    return tuple(_strip_al(w) for w in norm(text).split())


def _demonym_forms(form: str) -> set[str]:
    core = _strip_al(norm(form))
    out = {core}
    if core.endswith("ي"):
        out |= {core + s for s in ("ه", "ون", "ين", "ان", "تين", "ات")}
    elif core.endswith("يه"):
        out |= _demonym_forms(core[:-1])
    return out


def _add_places(lex: Lexicon) -> None:
    removed = set()
    for name in ("countries.tsv", "countries_extra.tsv"):
        for row in _rows(name):
            iso3, en, kind, form = row[:4]
            sector = row[4].strip() if len(row) > 4 and row[4].strip() else None
            if kind == "-":
                removed.add(phrase_key(form))
                continue
            if kind == "demonym" and " " not in form.strip():
                keys = {(f,) for f in _demonym_forms(form)}
            else:
                keys = {phrase_key(form)}
            for key in keys:
                lex.places.setdefault(key, Place(iso3, en, kind, sector))
    for key in removed:
        lex.places.pop(key, None)


def _add_sectors_and_modals(lex: Lexicon) -> None:
    for row in _rows("actors.tsv"):
        lex.sectors[phrase_key(row[0])] = row[1].strip()
    negs, modals = set(), {}
    for row in _rows("modals.tsv"):
        word, kind = norm(row[0]), row[1].strip()
        if kind == "neg":
            negs.add(word)
        else:
            modals[word] = row[2].strip()
    lex.neg_words, lex.modal_words = frozenset(negs), modals


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    lex = Lexicon()
    _add_triggers(lex)
    _add_places(lex)
    _add_sectors_and_modals(lex)
    for table in (lex.places, lex.sectors):
        heads: dict[str, int] = {}
        for key in table:
            heads[key[0]] = max(heads.get(key[0], 0), len(key))
        lex.heads[id(table)] = heads
    lex.all_heads = frozenset(lex.heads[id(lex.places)]) | frozenset(lex.heads[id(lex.sectors)])
    for key in [k for k in lex.triggers if (k,) in lex.places]:
        del lex.triggers[key]              # تشاد is Chad, not تـ + شاد (أشاد)
    lex.noun_keys = frozenset(k for k, ts in lex.triggers.items() if any(t.pos == "n" for t in ts))
    lex.free_keys = frozenset(k for k, ts in lex.triggers.items() if any(not t.req for t in ts))
    lex.req_words = {k: frozenset().union(*(t.req for t in ts)) for k, ts in lex.triggers.items()
                     if k not in lex.free_keys}
    return lex
