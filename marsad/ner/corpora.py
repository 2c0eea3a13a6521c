"""Readers for the NER training corpora in ../shared/data, mapped to marsad types.

Every reader returns a list of sentences ``(tokens, tags)`` with IOB2 tags over
:data:`marsad.ner.tags.TYPES`. Tokens follow ANERcorp's convention (raw words, proclitics and
pronoun suffixes attached), so corpora that split clitics (NewsFANE, WikiFANE) are re-joined.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

from .tags import COARSE_TO_TYPE, FINE_TO_TYPE, bio_from_spans, map_tags, spans_from_bio
from .text import fold, is_arabic, strip_prefix

Sentence = tuple[list[str], list[str]]

_JUNK = "\u200e\u200f\ufeff\r"
_PROCLITICS = {"و", "ف", "ب", "ل", "ك"}
_ENCLITICS = {"ه", "ها", "هم", "هما", "هن", "كم", "كن", "نا"}
_TAG_FIXES = {"OO": "O", "IO": "O", "I--ORG": "I-ORG"}


def read_conll(path: Path, max_len: int = 150) -> list[tuple[list[str], list[list[str]]]]:
    """Sentences of ``token tag [tag ...]`` lines; blank lines (or long runs at ``.``) split."""
    sents: list[tuple[list[str], list[list[str]]]] = []
    toks: list[str] = []
    tags: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        parts = line.strip(_JUNK + " \t").replace("\u200e", "").split()
        if parts and len(parts) >= 2:
            toks.append(parts[0])
            tags.append([_TAG_FIXES.get(t, t) for t in parts[1:]])
        if (not parts and toks) or (toks and toks[-1] == "." and len(toks) >= max_len):
            sents.append((toks, tags))
            toks, tags = [], []
    return sents


def _coarse(sents, table=COARSE_TO_TYPE) -> list[Sentence]:
    return [(toks, map_tags([t[0] for t in tags], table)) for toks, tags in sents]


def anercorp(path: Path) -> list[Sentence]:
    return _coarse(read_conll(path))


def aqmar(folder: Path) -> list[Sentence]:
    out: list[Sentence] = []
    for f in sorted(folder.glob("*.txt")):
        out.extend(_coarse(read_conll(f)))
    return out


def wojood(folder: Path) -> list[Sentence]:
    """Flat view of the nested sample: the outermost span of a kept type wins."""
    out: list[Sentence] = []
    for name in ("train.txt", "val.txt", "test.txt"):
        for toks, tags in read_conll(folder / name):
            keep = [i for i, t in enumerate(toks) if t != "$#$"]
            toks = [toks[i] for i in keep]
            tags = [tags[i] for i in keep]
            depth = max((len(t) for t in tags), default=0)
            spans: list[tuple[int, int, str]] = []
            for level in range(depth):
                col = [t[level] if level < len(t) else "O" for t in tags]
                spans += [(s, e, COARSE_TO_TYPE[x]) for s, e, x in spans_from_bio(col)
                          if x in COARSE_TO_TYPE]
            out.append((toks, bio_from_spans(len(toks), _outermost(spans))))
    return out


def _outermost(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    chosen: list[tuple[int, int, str]] = []
    for s, e, t in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
        if all(e <= a or s >= b for a, b, _ in chosen):
            chosen.append((s, e, t))
    return sorted(chosen)


def rejoin_clitics(toks: list[str], tags: list[str]) -> Sentence:
    """Glue split proclitics (و ف ب ل ك) and pronoun suffixes back onto their word."""
    out_t: list[str] = []
    out_g: list[str] = []
    pending = ""
    for tok, tag in zip(toks, tags):
        if tok in _PROCLITICS:
            pending += tok
            continue
        if tok in _ENCLITICS and out_t and is_arabic(out_t[-1]) and not pending:
            out_t[-1] += tok
            continue
        if pending and is_arabic(tok):
            tok = pending[:-1] + "ل" + tok[1:] if pending.endswith("ل") and tok.startswith("ال") \
                else pending + tok
        elif pending:
            out_t.extend(pending)
            out_g.extend(["O"] * len(pending))
        pending = ""
        out_t.append(tok)
        out_g.append(tag)
    if pending:
        out_t.extend(pending)
        out_g.extend(["O"] * len(pending))
    return out_t, _repair(out_g)


def _repair(tags: list[str]) -> list[str]:
    return bio_from_spans(len(tags), spans_from_bio(tags))


def fane(path: Path) -> list[Sentence]:
    """NewsFANE / WikiFANE: fine types mapped to marsad types, clitics re-joined."""
    out: list[Sentence] = []
    for toks, tags in read_conll(path):
        mapped = map_tags([t[0] for t in tags], FINE_TO_TYPE)
        out.append(rejoin_clitics(toks, mapped))
    return out


# ---- NewsFANE vs ANERcorp test -------------------------------------------------------------
_LETTERS = re.compile(r"[^0-9A-Za-z\u0621-\u064A]")
SHINGLE = 20


def overlap_key(tokens: Iterable[str]) -> str:
    """Letters only, folded, no spaces: clitic splitting and hamza spelling do not matter."""
    return _LETTERS.sub("", fold("".join(tokens)))


class OverlapFilter:
    """Drops every sentence sharing a 20-character chunk with the protected (test) sentences."""

    def __init__(self, protected: Iterable[list[str]]) -> None:
        keys = [overlap_key(t) for t in protected]
        self.joined = "|".join(keys)
        self.chunks = {k[i:i + SHINGLE] for k in keys for i in range(max(1, len(k) - SHINGLE + 1))}

    def overlaps(self, tokens: list[str]) -> bool:
        key = overlap_key(tokens)
        if len(key) < SHINGLE:
            return not key or key in self.joined
        return any(key[i:i + SHINGLE] in self.chunks for i in range(len(key) - SHINGLE + 1))

    def keep(self, sents: list[Sentence]) -> list[Sentence]:
        return [s for s in sents if not self.overlaps(s[0])]


# ---- fine-type lexicon: refine ANERcorp LOC into GPE/LOC/FAC and MISC into NORP/PRODUCT ----
def surface_key(tokens: list[str]) -> str:
    """Folded mention surface without the leading proclitics (the lexicon key)."""
    first = strip_prefix(fold(tokens[0]))[1]
    return " ".join([first] + [fold(t) for t in tokens[1:]])


def fine_lexicon(sents: list[Sentence]) -> dict[str, Counter]:
    lex: dict[str, Counter] = defaultdict(Counter)
    for toks, tags in sents:
        for s, e, t in spans_from_bio(tags):
            lex[surface_key(toks[s:e])][t] += 1
    return lex


REFINE = {"GPE": ("GPE", "LOC", "FAC"), "MISC": ("MISC", "NORP", "PRODUCT")}


def refine_types(sents: list[Sentence], lex: dict[str, Counter]) -> list[Sentence]:
    """Give coarse LOC/MISC mentions the fine type the lexicon most often has for that surface."""
    out: list[Sentence] = []
    for toks, tags in sents:
        spans = []
        for s, e, t in spans_from_bio(tags):
            allowed = REFINE.get(t)
            counts = lex.get(surface_key(toks[s:e])) if allowed else None
            if counts:
                best = max(allowed, key=lambda x: (counts[x], x == t))
                t = best if counts[best] else t
            spans.append((s, e, t))
        out.append((toks, bio_from_spans(len(toks), spans)))
    return out
