"""The shipped knowledge base: countries, places, people, organisations, demonyms and roles.

Built by ``marsad kb build`` (:mod:`marsad.kb.build`) from ``shared/data/gazetteers``, CLDR (babel)
and hand-written entries; shipped as ``marsad/resources/kb/kb.jsonl.gz`` (one JSON entry a line).
Loaded once into dict indexes; every lookup is a dict access on a normalised name key.

>>> kb = load_kb()
>>> kb.lookup("سورية")[0].name
'Syria'
>>> kb.demonym("الروسية").name
'Russia'
>>> [e.name for e in kb.role_holders("president", "RUS", "2015-06-01")]
['Vladimir Putin']
"""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from ..errors import ResourceError
from ..textmap import SEARCH, normalize

KB_DIR = Path(__file__).resolve().parents[1] / "resources" / "kb"
KB_FILE = KB_DIR / "kb.jsonl.gz"
KB_VERSION = "kb/1"

# Coarse classes: a mention typed GPE by NER may link to a LOC or FAC entry, and so on.
TYPE_CLASS = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "PERSON": "PERSON", "ORG": "ORG",
              "NORP": "NORP", "PRODUCT": "PRODUCT", "MISC": "MISC"}

_PUNCT = re.compile(r"[«»\"'“”‘’()\[\]{}،,:;!?؟]")
_DASH = re.compile(r"[-‐–—ـ_/]")
_WS = re.compile(r"\s+")


_KEYS: dict[str, str] = {}
KEYS_MAX = 200_000      # distinct names remembered (bounded memory; cleared when full)


def name_key(text: str) -> str:
    """The lookup key of a name: widest Arabic folding, lower case, no quotes or dashes.
    Memoised: linking asks for the key of every mention several times (a pure function)."""
    key = _KEYS.get(text)
    if key is None:
        s = normalize(text or "", SEARCH)
        s = _PUNCT.sub(" ", s)
        s = _DASH.sub(" ", s)
        key = _WS.sub(" ", s).strip()
        if len(_KEYS) >= KEYS_MAX:
            _KEYS.clear()
        _KEYS[text] = key
    return key


_JOINERS = ("عبد", "ابو", "ابن", "بن", "ال")


def key_variants(key: str) -> set[str]:
    """Spelling variants of a key: عبد الله/عبدالله, ابو ظبي/ابوظبي. (سوريا/سورية is not
    generated: روسية and أوكرانية are adjectives; such pairs are listed by hand.)"""
    out = {key}
    joined = re.sub(r"(?:(?<=\s)|^)(عبد|ابو) (?=\S)", r"\1", key)
    out.add(joined)
    split = re.sub(r"(?:(?<=\s)|^)(عبد|ابو)(?=[^\s]{2,})", r"\1 ", key)
    out.add(split)
    return {k for k in out if k}


def entity_keys(etype: str, names: Iterable[str]) -> list[str]:
    """All lookup keys of an entry's names (sorted, unique). Two-word transliterated place and
    organisation names also get their joined form (بيونغ يانغ -> بيونغيانغ, إنتر ميلان ->
    إنترميلان), as Arabic news writes both."""
    keys: set[str] = set()
    for name in names:
        key = name_key(name)
        keys |= key_variants(key)
        parts = key.split(" ")
        if etype in ("GPE", "LOC", "ORG") and len(parts) == 2 and not parts[1].startswith("ال") \
                and all(len(p) <= 5 for p in parts):
            keys.add("".join(parts))
    return sorted(k for k in keys if k)


@dataclass(frozen=True)
class Role:
    role: str                 # president, king, prime_minister, foreign_minister, leader, ...
    of: str                   # ISO 3166 alpha-3 code or a KB id (organisation)
    start: str | None = None  # ISO date, inclusive
    end: str | None = None    # ISO date, exclusive; None = still in office

    def valid_at(self, date: str | None) -> bool:
        if not date:
            return True
        date = date[:10]
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)


@dataclass(frozen=True)
class KBEntity:
    id: str
    type: str
    name: str
    name_ar: str
    kind: str = ""
    names_ar: tuple[str, ...] = ()
    names_en: tuple[str, ...] = ()
    demonyms_ar: tuple[str, ...] = ()
    country: str | None = None
    wikidata: str | None = None
    geonames: str | None = None
    roles: tuple[Role, ...] = ()
    nomatch: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    rank: int = 9
    keys: tuple[str, ...] = ()
    dkeys: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> "KBEntity":
        roles = tuple(Role(r["role"], r["of"], r.get("start"), r.get("end"))
                      for r in rec.get("roles", ()))
        return cls(id=rec["id"], type=rec["type"], name=rec["name"], name_ar=rec["name_ar"],
                   kind=rec.get("kind", ""), names_ar=tuple(rec.get("names_ar", ())),
                   names_en=tuple(rec.get("names_en", ())),
                   demonyms_ar=tuple(rec.get("demonyms_ar", ())), country=rec.get("country"),
                   wikidata=rec.get("wikidata"), geonames=rec.get("geonames"), roles=roles,
                   nomatch=tuple(rec.get("nomatch", ())), sources=tuple(rec.get("sources", ())),
                   rank=int(rec.get("rank", 9)), keys=tuple(rec.get("keys", ())),
                   dkeys=tuple(rec.get("dkeys", ())), extra=dict(rec.get("extra", {})))


class KB:
    """In-memory indexes over the KB entries. Picklable (pickles the path, reloads on unpickle)."""

    def __init__(self, entries: Iterable[KBEntity], path: Path | None = None) -> None:
        self.path = path
        self.by_id: dict[str, KBEntity] = {}
        self.by_name: dict[str, list[str]] = {}
        self.by_demonym: dict[str, str] = {}
        self.by_code: dict[str, str] = {}
        self.by_role: dict[tuple[str, str], list[tuple[Role, str]]] = {}
        for ent in entries:
            self._add(ent)
        for ids in self.by_name.values():
            ids.sort(key=lambda i: (self.by_id[i].rank, i))

    def _add(self, ent: KBEntity) -> None:
        self.by_id[ent.id] = ent
        for key in ent.keys or entity_keys(ent.type, (ent.name_ar, *ent.names_ar, ent.name,
                                                      *ent.names_en)):
            ids = self.by_name.setdefault(key, [])
            if ent.id not in ids:
                ids.append(ent.id)
        for key in ent.dkeys or entity_keys("NORP", ent.demonyms_ar):
            self.by_demonym.setdefault(key, ent.id)
        if ent.kind == "country" and ent.country:
            self.by_code[ent.country] = ent.id
        for role in ent.roles:
            self.by_role.setdefault((role.role, role.of), []).append((role, ent.id))

    def __len__(self) -> int:
        return len(self.by_id)

    def __reduce__(self):
        return (load_kb, (str(self.path),)) if self.path else (KB, (list(self.by_id.values()),))

    # -- queries ---------------------------------------------------------------------------
    def get(self, kb_id: str) -> KBEntity | None:
        return self.by_id.get(kb_id)

    def lookup(self, name: str, types: Iterable[str] | None = None) -> list[KBEntity]:
        """Entries whose Arabic or English name (or a spelling variant) equals ``name``,
        best first; ``types`` keeps entries of those NER types (GPE/LOC/FAC are one class)."""
        ids = self.by_name.get(name_key(name), [])
        found = [self.by_id[i] for i in ids]
        if types is not None:
            classes = {TYPE_CLASS.get(t, t) for t in types}
            found = [e for e in found if TYPE_CLASS.get(e.type, e.type) in classes]
        return found

    def lookup_key(self, key: str) -> list[KBEntity]:
        return [self.by_id[i] for i in self.by_name.get(key, [])]

    def demonym(self, word: str) -> KBEntity | None:
        """The country of a demonym or adjective: روسي، الروسية، الروس -> Russia."""
        kb_id = self.by_demonym.get(name_key(word))
        return self.by_id.get(kb_id) if kb_id else None

    def country(self, code: str) -> KBEntity | None:
        kb_id = self.by_code.get(code.upper())
        return self.by_id.get(kb_id) if kb_id else None

    def role_holders(self, role: str, of: str, date: str | None = None) -> list[KBEntity]:
        """People holding ``role`` of ``of`` (ISO3 code or KB id) on ``date`` (any date if None),
        most recent term first."""
        pairs = [(r, i) for r, i in self.by_role.get((role, of), []) if r.valid_at(date)]
        pairs.sort(key=lambda p: p[0].start or "", reverse=True)
        seen: list[str] = []
        for _, kb_id in pairs:
            if kb_id not in seen:
                seen.append(kb_id)
        return [self.by_id[i] for i in seen]

    def entities(self) -> Iterable[KBEntity]:
        return self.by_id.values()


def read_entries(path: Path) -> list[KBEntity]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return [KBEntity.from_record(json.loads(line)) for line in fh if line.strip()]
    except FileNotFoundError:
        raise ResourceError("E450", f"knowledge base not found at {path}",
                            "run `marsad kb build --data ../shared/data` or reinstall marsad") from None
    except (OSError, ValueError, KeyError) as exc:
        raise ResourceError("E451", f"knowledge base {path} is malformed: {exc}",
                            "rebuild it with `marsad kb build --data ../shared/data`") from exc


def load_kb(path: str | None = None) -> KB:
    """Load (once per path) and index the knowledge base (default: the shipped one)."""
    return _load(str(Path(path).resolve()) if path else str(KB_FILE))


@lru_cache(maxsize=4)
def _load(path: str) -> KB:
    return KB(read_entries(Path(path)), path=Path(path))
