"""Build the shipped knowledge base from open data: ``marsad kb build --data ../shared/data``.

Sources (see ``marsad/resources/kb/SOURCES.md``): datasets/country-codes (ISO codes, Arabic names,
Wikidata QIDs, GeoNames ids), mledoze/countries (Arabic translations, capitals), ArWikiCats
(nationalities/demonyms, cities, people EN->AR), CLDR via babel (Arabic country names), and
hand-written entries in ``resources/kb/hand_*.json*`` (marked ``source=hand``).

The output is deterministic: the same inputs give byte-identical ``kb.jsonl.gz`` (entries sorted
by id, sorted keys, gzip mtime 0).
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import logging
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Iterable

from ..errors import ResourceError
from . import KB_DIR, KB_FILE, KB_VERSION, entity_keys, name_key

log = logging.getLogger(__name__)

GAZ = "gazetteers"
# rank: lower wins when a name is ambiguous (a country beats a city of the same name).
RANK = {"country": 0, "hand": 1, "capital": 2, "person": 3, "city": 4, "club": 4}
CLUBS = "src/arwikicats-clubs.json"     # ArWikiCats jsons/sports/Clubs_key.json, same commit


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _uniq(items: Iterable[str | None]) -> list[str]:
    out: list[str] = []
    keys: set[str] = set()
    for it in items:
        it = (it or "").strip()
        if it and it not in out and name_key(it) not in keys | {""}:
            out.append(it)
            keys.add(name_key(it))
    return out


def _clean_unterm(name: str) -> str:
    return re.sub(r"\s*\(.*?\)\s*|\s*\*\s*$", " ", name or "").strip()


# -- demonyms ------------------------------------------------------------------------------
def demonym_forms(masculine: str) -> list[str]:
    """روسي -> روسي روسية الروسي الروسية روسيون روسيين الروسيون الروسيين (each word inflected:
    كوري شمالي -> الكوري الشمالي ...)."""
    words = masculine.split()
    if not words or not all(w.endswith("ي") for w in words):
        return [masculine]
    forms = []
    for suffix in ("", "ة", "ون", "ين"):
        plain = " ".join(w + suffix for w in words)
        forms += [plain, " ".join("ال" + w + suffix for w in words)]
    return forms


def _spelling_variants(word: str) -> list[str]:
    """أمريكي/أميركي: a spelling pair Arabic news uses both ways."""
    out = [word]
    if "مريك" in word:
        out.append(word.replace("مريك", "ميرك"))
    if "ميرك" in word:
        out.append(word.replace("ميرك", "مريك"))
    return out


def read_nationalities(path: Path) -> dict[str, list[str]]:
    """English country name (lower) -> Arabic demonym forms, from ArWikiCats."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, list[str]] = {}
    for rec in data.values():
        country = (rec.get("en") or "").lower()
        forms = [rec.get(k) for k in ("male", "female", "the_male", "the_female", "males",
                                      "females")]
        forms += demonym_forms(rec.get("male") or "")
        if rec.get("males"):
            forms.append("ال" + rec["males"])
        out.setdefault(country, []).extend(f for f in forms if f)
        if rec.get("ar"):       # also by Arabic country name (ساحل العاج: "ivory coast" is
            out.setdefault(_AR + name_key(rec["ar"]), []).extend(f for f in forms if f)
    return out                  # not among the English names CLDR/mledoze give Côte d'Ivoire)


_AR = "ar:"


# -- countries -------------------------------------------------------------------------------
def _cldr_ar() -> dict[str, str]:
    try:
        from babel import Locale
    except ImportError:
        log.warning("babel not installed: no CLDR Arabic country names (pip install marsad[kb])")
        return {}
    return dict(Locale("ar").territories)


def read_countries(data: Path, hand: dict[str, Any]) -> list[dict[str, Any]]:
    gaz = data / GAZ
    rows = list(csv.DictReader((gaz / "country-codes.csv").open(encoding="utf-8")))
    mled = {c["cca2"]: c for c in json.loads((gaz / "mledoze-countries.json").read_text("utf-8"))}
    nats = read_nationalities(gaz / "arwikicats-nationalities_data.json")
    cldr = _cldr_ar()
    out = []
    for row in rows:
        a2, a3 = row["ISO3166-1-Alpha-2"], row["ISO3166-1-Alpha-3"]
        if not a3 or not row.get("wikidata_id"):
            continue
        out.append(_country_entry(row, mled.get(a2, {}), cldr.get(a2), nats,
                                  hand.get(a3, {})))
    return out


def _country_entry(row: dict[str, str], m: dict[str, Any], cldr_ar: str | None,
                   nats: dict[str, list[str]], hand: dict[str, Any]) -> dict[str, Any]:
    qid = row["wikidata_id"].rsplit("/", 1)[-1]
    ara = (m.get("translations") or {}).get("ara") or {}
    en_common = (m.get("name") or {}).get("common") or row["CLDR display name"]
    names_en = _uniq([en_common, (m.get("name") or {}).get("official"), row["CLDR display name"],
                      row["official_name_en"], _clean_unterm(row["UNTERM English Short"])]
                     + [a for a in m.get("altSpellings", []) if len(a) > 3])
    names_ar = _uniq([cldr_ar] + list(hand.get("ar", [])) + [ara.get("common"), ara.get("official"),
                      row["official_name_ar"], _clean_unterm(row["UNTERM Arabic Short"])])
    demonyms: list[str] = []
    for en in names_en:
        demonyms += nats.get(en.lower(), [])
    if not demonyms:            # no English name matched: try the Arabic names
        for ar in names_ar:
            demonyms += nats.get(_AR + name_key(ar or ""), [])
    for masc in hand.get("demonyms", []):
        demonyms += demonym_forms(masc)
    demonyms = _uniq(v for d in demonyms for v in _spelling_variants(d))
    sources = ["country-codes", "mledoze", "cldr"] + (["hand"] if hand else [])
    return {"id": qid, "type": "GPE", "kind": "country", "name": en_common,
            "name_ar": names_ar[0] if names_ar else en_common, "names_ar": names_ar[1:],
            "names_en": names_en[1:], "demonyms_ar": demonyms, "country": row["ISO3166-1-Alpha-3"],
            "wikidata": qid, "geonames": row.get("Geoname ID") or None,
            "extra": {"capital": (m.get("capital") or [row.get("Capital")])[0] or None,
                      "demonym_en": ((m.get("demonyms") or {}).get("eng") or {}).get("m")},
            "sources": sources, "rank": RANK["country"]}


# -- cities and people ----------------------------------------------------------------------
def read_cities(data: Path, capitals: dict[str, str]) -> list[dict[str, Any]]:
    """ArWikiCats cities EN->AR; capitals (English name -> ISO3) get a better rank."""
    cities = json.loads((data / GAZ / "arwikicats-cities_full.json").read_text("utf-8"))
    out = []
    for en_key, ar in sorted(cities.items()):
        if not ar or not ar.strip():
            continue
        en = _title_name(en_key.split(",")[0].strip())
        code = capitals.get(en_key) or capitals.get(en.lower())
        kind = "capital" if code and "," not in en_key else "city"
        # "moscow, idaho" is the lesser Moscow: rank it below plain names
        rank = RANK[kind] + (1 if "," in en_key or "(" in en_key else 0)
        out.append({"id": f"city:{slug(en_key)}", "type": "GPE", "kind": kind, "name": en,
                    "name_ar": ar.strip(), "country": code if kind == "capital" else None,
                    "sources": ["arwikicats"], "rank": rank})
    return out


def read_people(data: Path) -> list[dict[str, Any]]:
    people = json.loads((data / GAZ / "arwikicats-peoples.json").read_text("utf-8"))
    return [{"id": f"person:{slug(en)}", "type": "PERSON", "kind": "person",
             "name": _title_name(en), "name_ar": ar.strip(), "sources": ["arwikicats"],
             "rank": RANK["person"]}
            for en, ar in sorted(people.items()) if ar and ar.strip()]


def read_clubs(kb_dir: Path) -> list[dict[str, Any]]:
    """Sports clubs EN->AR (ArWikiCats); "نادي X" also answers to X."""
    clubs = json.loads((kb_dir / CLUBS).read_text("utf-8"))
    out = []
    for en, ar in sorted(clubs.items()):
        ar = (ar or "").strip()
        if not ar:
            continue
        names = [ar[5:]] if ar.startswith("نادي ") and len(ar) > 8 else []
        # "liverpool f.c. (montevideo)" is the lesser Liverpool: rank it below plain names
        out.append({"id": f"club:{slug(en)}", "type": "ORG", "kind": "club",
                    "name": _title_name(en), "name_ar": ar, "names_ar": names,
                    "sources": ["arwikicats"], "rank": RANK["club"] + ("(" in en)})
    _short_club_names(out)
    return out


# Last words the Arabic press drops from an English club's name (توتنهام هوتسبر -> توتنهام,
# ليستر سيتي -> ليستر, بولتون واندررز -> بولتون). (Not تاون: كيب تاون is a city.)
_CLUB_SUFFIXES = {"هوتسبر", "هوتسبير", "سيتي", "يونايتد", "ألبيون", "روفرز", "واندررز", "أثلتيك"}


def _short_club_names(clubs: list[dict[str, Any]]) -> None:
    """Give a club its name without the suffix when no other club's name starts so."""
    def words_of(c: dict[str, Any]) -> list[str]:
        ar = c["name_ar"]
        return (ar[5:] if ar.startswith("نادي ") else ar).split()
    stems: dict[str, list[dict[str, Any]]] = {}
    starts: dict[str, int] = {}
    for c in clubs:
        words = words_of(c)
        if len(words) >= 2 and words[-1] in _CLUB_SUFFIXES:
            stems.setdefault(" ".join(words[:-1]), []).append(c)
        for n in range(1, len(words)):
            stem = " ".join(words[:n])
            starts[stem] = starts.get(stem, 0) + 1
    for stem, owners in stems.items():
        if len(owners) == 1 and starts.get(stem, 0) == 1 and len(stem) > 3:
            owners[0]["names_ar"] = owners[0]["names_ar"] + [stem]


def _drop_short_club_names_of_places(entries: dict[str, dict[str, Any]]) -> None:
    """A club's short name (:func:`_short_club_names`) that is also a country, capital or hand
    entry's name is not given (مومباي، سانتياغو stay the cities)."""
    places = {name_key(n) for e in entries.values() if e["kind"] in ("country", "capital", "hand")
              for n in (e["name_ar"], *e.get("names_ar", ()))}
    for e in entries.values():
        if e["kind"] == "club" and e.get("names_ar"):
            short = [n for n in e["names_ar"] if name_key(n) in places
                     and not e["name_ar"].endswith(n)]
            if short:
                e["names_ar"] = [n for n in e["names_ar"] if n not in short]


def _title_name(en: str) -> str:
    return re.sub(r"(^|[\s\-(.])([a-z])", lambda m: m.group(1) + m.group(2).upper(), en)


# -- hand entries ----------------------------------------------------------------------------
def read_hand(kb_dir: Path) -> list[dict[str, Any]]:
    out = []
    for fname, default_type in (("hand_people.jsonl", "PERSON"), ("hand_other.jsonl", None),
                                ("hand_regions.jsonl", None)):
        for n, line in enumerate((kb_dir / fname).read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                out.append(_hand_entry(rec, default_type))
            except (ValueError, KeyError, IndexError) as exc:
                raise ResourceError("E452", f"{fname} line {n} is not a valid hand entry: {exc}",
                                    "fix the line (fields: id, name, ar, type, roles)") from exc
    return out


def _hand_entry(rec: dict[str, Any], default_type: str | None) -> dict[str, Any]:
    ar = list(rec["ar"]) + [n for n in rec.get("nomatch", []) if n not in rec["ar"]]
    roles = [{"role": r[0], "of": r[1], "start": r[2], "end": r[3]} for r in rec.get("roles", [])]
    qid = rec["id"] if re.fullmatch(r"Q\d+", rec["id"]) else None
    etype = rec.get("type") or default_type
    return {"id": rec["id"], "type": etype, "kind": "person" if etype == "PERSON" else "hand",
            "name": rec["name"], "name_ar": ar[0], "names_ar": ar[1:],
            "names_en": list(rec.get("en", [])), "country": rec.get("country"), "wikidata": qid,
            "roles": roles, "nomatch": list(rec.get("nomatch", [])), "sources": ["hand"],
            "rank": RANK["hand"], **({"extra": {"exact": list(rec["exact"])}} if rec.get("exact")
                                     else {})}


def merge_hand(entries: dict[str, dict[str, Any]], hand: list[dict[str, Any]]) -> None:
    """A hand entry replaces a generated entry of the same type and English name (keeping its
    Arabic names as aliases and its source); otherwise it is added."""
    by_name = {(e["type"], e["name"].lower()): k for k, e in entries.items()
               if e["kind"] in ("person", "city", "capital", "club")}
    by_ar = {name_key(n): k for k, e in entries.items() if e["kind"] == "club"
             for n in [e["name_ar"], *e.get("names_ar", [])]}
    for h in hand:
        old_id = next((by_name[(h["type"], n.lower())] for n in [h["name"], *h["names_en"]]
                       if (h["type"], n.lower()) in by_name), None)
        if old_id is None and h["type"] == "ORG":      # a club the hand entry names in Arabic
            old_id = next((by_ar[name_key(n)] for n in [h["name_ar"], *h["names_ar"]]
                           if name_key(n) in by_ar), None)
        if old_id and old_id != h["id"]:
            old = entries.pop(old_id)
            by_name = {k: v for k, v in by_name.items() if v != old_id}
            by_ar = {k: v for k, v in by_ar.items() if v != old_id}
            h["names_ar"] = _uniq(h["names_ar"] + [old["name_ar"]] + old.get("names_ar", []))
            h["sources"] = sorted(set(h["sources"]) | set(old["sources"]))
            if old.get("kind") == "capital":
                h["country"] = h.get("country") or old.get("country")
        entries[h["id"]] = h


# -- the build --------------------------------------------------------------------------------
def build_entries(data: Path, kb_dir: Path = KB_DIR,
                  vocab_out: Path | None = None) -> list[dict[str, Any]]:
    if not (data / GAZ).is_dir():
        raise ResourceError("E453", f"no gazetteers folder under {data}",
                            "pass --data pointing at shared/data (it has gazetteers/)")
    hand_countries = json.loads((kb_dir / "hand_countries.json").read_text("utf-8"))
    countries = read_countries(data, hand_countries)
    capitals = {c["extra"]["capital"].lower(): c["country"] for c in countries
                if c["extra"].get("capital")}
    entries: dict[str, dict[str, Any]] = {}
    for rec in read_cities(data, capitals) + read_people(data) + read_clubs(kb_dir) + countries:
        entries[rec["id"]] = rec
    merge_hand(entries, read_hand(kb_dir))
    _drop_short_club_names_of_places(entries)
    mark_common(entries.values(), data, vocab_out)
    for e in entries.values():
        e["keys"] = entity_keys(e["type"], [e["name_ar"], *e.get("names_ar", []), e["name"],
                                            *e.get("names_en", [])])
        if e.get("demonyms_ar"):
            e["dkeys"] = entity_keys("NORP", e["demonyms_ar"])
    return [entries[k] for k in sorted(entries)]


def mark_common(entries: Iterable[dict[str, Any]], data: Path,
                vocab_out: Path | None = None) -> None:
    """Record in ``extra.common`` the one-word names of generated entries that the dictionary
    matcher must not match alone (:mod:`marsad.kb.common`): names of people, clubs and capitals
    that the NER corpora use mostly as ordinary words, and names of other cities not attested
    as places there. Countries and hand entries are curated (``nomatch``)."""
    from .common import (common_words, unattested_places, usage_counts, vocabulary,
                         write_vocabulary)
    entries = [e for e in entries if e["kind"] not in ("country", "hand")]
    seen, inside, place = usage_counts(data)
    if vocab_out is not None:       # the word list the head-noun rules read
        write_vocabulary(vocabulary(seen, inside), vocab_out)
    for e in entries:
        words = {k for k in map(name_key, [e["name_ar"], *e.get("names_ar", [])]) if " " not in k}
        hit = common_words(words, seen, inside)
        if e["kind"] == "city":
            hit |= unattested_places(words, seen, place)
        if hit:
            e.setdefault("extra", {})["common"] = sorted(hit)


def write_kb(entries: list[dict[str, Any]], out: Path = KB_FILE) -> dict[str, Any]:
    """Write entries as gzip JSONL, byte-reproducibly; return a manifest (counts, sha256)."""
    lines = [json.dumps(e, ensure_ascii=False, sort_keys=True) for e in entries]
    raw = ("\n".join(lines) + "\n").encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    out.parent.mkdir(parents=True, exist_ok=True)
    _replace_atomically(out, buf.getvalue())
    kinds: dict[str, int] = {}
    for e in entries:
        kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
    manifest = {"version": KB_VERSION, "entries": len(entries), "kinds": dict(sorted(kinds.items())),
                "roles": sum(len(e.get("roles", [])) for e in entries),
                "bytes": out.stat().st_size, "sha256": hashlib.sha256(buf.getvalue()).hexdigest()}
    (out.parent / "MANIFEST.json").write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")
    return manifest


def _replace_atomically(out: Path, data: bytes) -> None:
    """Write ``data`` to a temp file beside ``out``, then rename over it: a running process
    or a crash mid-write never sees a half-written KB."""
    fd, tmp = tempfile.mkstemp(prefix=out.name + ".", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build(data: Path, out: Path = KB_FILE) -> dict[str, Any]:
    """Build the KB from ``data`` (shared/data) into ``out``; returns the manifest. The corpus
    vocabulary goes to the shipped ``resources/entities/common_words.txt`` when ``out`` is the
    shipped KB, else next to ``out``."""
    from .patterns import COMMON_WORDS_FILE
    out = Path(out)
    vocab = COMMON_WORDS_FILE if out.resolve() == KB_FILE.resolve() \
        else out.with_name(COMMON_WORDS_FILE.name)
    return write_kb(build_entries(Path(data), vocab_out=vocab), out)
