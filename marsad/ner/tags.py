"""Entity types, the mapping of every training corpus's tag set onto them, and BIO helpers.

marsad types: PERSON ORG GPE LOC FAC NORP PRODUCT MISC. The full mapping table (and why) is in
docs/ner.md; ``FINE_TO_TYPE`` is the NewsFANE/WikiFANE (ACE-derived) fine taxonomy.
"""
from __future__ import annotations

TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "MISC")

_PERSON = ("Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist",
           "Businessperson", "Lawyer", "Engineer", "Police")
_ORG = ("Government", "Non-Governmental", "Commercial", "Educational", "Media", "Religious_ORG",
        "Sports", "Medical-Science", "Entertainment")
_GPE = ("Nation", "Population-Center", "State-or-Province", "County-or-District")
_LOC = ("Water-Body", "Land-Region-Natural", "Celestial", "Continent", "GPE-Cluster")
_FAC = ("Building-Grounds", "Path", "Airport", "Subarea-Facility", "Plant")
_PRODUCT = ("Book", "Movie", "Sound", "Software", "Hardware", "Food", "Drug", "Air", "Water",
            "Land", "Projectile", "Shooting", "Blunt", "Exploding", "Nuclear", "Chemical", "Sharp")

FINE_TO_TYPE: dict[str, str] = {
    **{t: "PERSON" for t in _PERSON}, **{t: "ORG" for t in _ORG}, **{t: "GPE" for t in _GPE},
    **{t: "LOC" for t in _LOC}, **{t: "FAC" for t in _FAC}, **{t: "PRODUCT" for t in _PRODUCT},
    "Group": "NORP",   # ACE PER.Group: العرب، المسلمين، اليهود - groups named by origin or faith
}

# Coarse tag sets (ANERcorp, AQMAR, Wojood). LOC and MISC are refined by the fine-type lexicon
# (see corpora.refine_types); the value here is the default.
COARSE_TO_TYPE: dict[str, str] = {
    "PERS": "PERSON", "PER": "PERSON", "ORG": "ORG", "LOC": "GPE", "MISC": "MISC",
    "MIS0": "MISC", "MIS1": "MISC", "MIS2": "MISC", "MIS3": "MISC", "MISS1": "MISC",
    "MIS1`": "MISC", "GPE": "GPE", "FAC": "FAC", "NORP": "NORP", "PRODUCT": "PRODUCT",
    "EVENT": "MISC", "LAW": "MISC", "LANGUAGE": "MISC",
}

# Back to the four classes the ANERcorp literature reports (seqeval on PER LOC ORG MISC).
TYPE_TO_CONLL = {"PERSON": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
                 "NORP": "MISC", "PRODUCT": "MISC", "MISC": "MISC"}


def spans_from_bio(tags: list[str]) -> list[tuple[int, int, str]]:
    """Entity spans ``(start, end, type)`` over token indices, seqeval (IOB2, lenient I-) rules.

    An ``I-X`` that does not continue an ``X`` entity starts a new one, as seqeval does.
    """
    spans: list[tuple[int, int, str]] = []
    start, cur = -1, ""
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, typ = tag.partition("-")
        if cur and (prefix in ("B", "O") or typ != cur):
            spans.append((start, i, cur))
            cur = ""
        if prefix == "B" or (prefix == "I" and not cur):
            start, cur = i, typ
    return spans


def bio_from_spans(n: int, spans: list[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * n
    for s, e, t in spans:
        tags[s] = f"B-{t}"
        for i in range(s + 1, e):
            tags[i] = f"I-{t}"
    return tags


def map_tags(tags: list[str], table: dict[str, str]) -> list[str]:
    """Map the type of each BIO tag through ``table``; unknown types become ``O``."""
    spans = [(s, e, table.get(t, "")) for s, e, t in spans_from_bio(tags)]
    return bio_from_spans(len(tags), [x for x in spans if x[2]])
