"""Mention replacement: extra training sentences with each name swapped for another of its type.

A CRF trained on ANERcorp's 3.6k sentences leans on the identity of names it has seen; test
stories are full of names it has not. A copy of every sentence that has mentions, with each
mention replaced by a random mention of the same type from the same training sentences, keeps
the contexts (titles, verbs, prepositions around names) and breaks the link between a context
and one name, so the model learns more from context and word shape (Dai & Adel 2020, "mention
replacement"). Only the training split's own mentions are used: names from other corpora carry
other annotation conventions and lowered dev F1 (docs/ner.md, session 4).

A proclitic glued to the replaced name's first word (وبوتين، لروسيا) is moved onto the new name
(وأوباما), and ل + ال becomes لل as Arabic writes it.
"""
from __future__ import annotations

import random
from collections import defaultdict

from ..ner.corpora import Sentence
from ..ner.tags import spans_from_bio
from ..ner.text import fold

CLITICS = "وبلفك"


def clitic(word: str, known: frozenset[str]) -> str:
    """The one-letter proclitic in front of a known mention word (وبوتين -> و), else ''."""
    if len(word) > 3 and word[0] in CLITICS and fold(word[1:]) in known and fold(word) not in known:
        return word[0]
    return ""


def attach(prefix: str, word: str) -> str:
    if prefix == "ل" and word.startswith("ال"):
        return "لل" + word[2:]
    return prefix + word


def pools(sents: list[Sentence], known: frozenset[str]) -> dict[str, list[tuple[str, ...]]]:
    """Mentions by type, first word without its proclitic."""
    out: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for toks, tags in sents:
        for s, e, typ in spans_from_bio(tags):
            first = toks[s][len(clitic(toks[s], known)):]
            out[typ].append((first, *toks[s + 1:e]))
    return out


def replaced(toks: list[str], tags: list[str], pool: dict[str, list[tuple[str, ...]]],
             known: frozenset[str], rng: random.Random) -> Sentence | None:
    """The sentence with every mention swapped for a random one of its type (None: no mention)."""
    spans = spans_from_bio(tags)
    if not spans:
        return None
    out_t: list[str] = []
    out_g: list[str] = []
    last = 0
    for s, e, typ in spans:
        out_t += toks[last:s]
        out_g += tags[last:s]
        new = list(rng.choice(pool[typ]))
        new[0] = attach(clitic(toks[s], known), new[0])
        out_t += new
        out_g += ["B-" + typ] + ["I-" + typ] * (len(new) - 1)
        last = e
    return out_t + toks[last:], out_g + tags[last:]


def augment(sents: list[Sentence], known: frozenset[str], copies: int = 1,
            seed: int = 7) -> list[Sentence]:
    """``sents`` followed by ``copies`` replaced copies of each sentence that has a mention."""
    rng = random.Random(seed)
    pool = pools(sents, known)
    extra = []
    for _ in range(copies):
        for toks, tags in sents:
            new = replaced(toks, tags, pool, known, rng)
            if new is not None:
                extra.append(new)
    return list(sents) + extra
