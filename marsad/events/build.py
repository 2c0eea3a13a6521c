"""Build ``marsad/resources/events/countries.tsv`` from the shared gazetteers (reproducible).

    python -m marsad.events.build ../shared/data/gazetteers

Each row: ``iso3 <TAB> English name <TAB> kind <TAB> Arabic form`` where kind is ``country``
(name), ``demonym`` (nationality adjective/plural, definite and indefinite) or ``capital``.
Sources: country-codes.csv (ODC PDDL), mledoze countries.json (ODbL), ArWikiCats nationalities
and cities (MIT / CC BY-SA names); see resources/events/SOURCES.md. Hand-curated news variants
(أميركا، واشنطن ...) live in ``countries_extra.tsv`` and are not overwritten.
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "resources" / "events" / "countries.tsv"
_NAT_FIELDS = ("male", "males", "female", "females", "the_male", "the_female")


def _countries(gaz: Path) -> dict[str, dict]:
    rows: dict[str, dict] = {}
    for c in json.loads((gaz / "mledoze-countries.json").read_text(encoding="utf-8")):
        ara = c.get("translations", {}).get("ara", {})
        rows[c["cca3"]] = {"en": c["name"]["common"], "names": {ara.get("common"), ara.get("official")},
                           "capitals": set(c.get("capital") or []), "demonyms": set()}
    with open(gaz / "country-codes.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            iso3 = r["ISO3166-1-Alpha-3"]
            if iso3 in rows:
                rows[iso3]["names"] |= {r["official_name_ar"], r["UNTERM Arabic Short"],
                                        r["UNTERM Arabic Formal"]}
    return rows


def _add_demonyms(gaz: Path, rows: dict[str, dict]) -> None:
    by_ar = {n: iso for iso, r in rows.items() for n in r["names"] if n}
    by_en = {r["en"].lower(): iso for iso, r in rows.items()}
    nats = json.loads((gaz / "arwikicats-nationalities_data.json").read_text(encoding="utf-8"))
    for nat in nats.values():
        iso = by_ar.get(nat.get("ar")) or by_en.get(str(nat.get("en", "")).lower())
        if iso:
            rows[iso]["demonyms"] |= {nat.get(f) for f in _NAT_FIELDS if " " not in (nat.get(f) or " ")}


def _capital_forms(gaz: Path, rows: dict[str, dict]) -> dict[str, set[str]]:
    cities = json.loads((gaz / "arwikicats-cities_full.json").read_text(encoding="utf-8"))
    return {iso: {cities[c.lower()] for c in r["capitals"] if c.lower() in cities}
            for iso, r in rows.items()}


def build(gaz: Path, out: Path = OUT) -> int:
    rows = _countries(gaz)
    _add_demonyms(gaz, rows)
    capitals = _capital_forms(gaz, rows)
    lines = set()
    for iso, r in rows.items():
        for kind, forms in (("country", r["names"]), ("demonym", r["demonyms"]),
                            ("capital", capitals[iso])):
            for form in forms:
                if form and len(form) > 2:
                    lines.add((iso, r["en"], kind, form.strip()))
    out.write_text("".join("\t".join(x) + "\n" for x in sorted(lines)), encoding="utf-8")
    return len(lines)


if __name__ == "__main__":
    n = build(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/gazetteers"))
    print(f"wrote {n} rows to {OUT}")
