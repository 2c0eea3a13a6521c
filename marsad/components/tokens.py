"""Tokens with offsets, and clitic sub-tokens for Arabic words.

``tokens``: words (letters, with their diacritics and tatweel), numbers (``3.5``, ``10,000``,
Eastern Arabic digits) and single punctuation marks.

``subtokens``: each Arabic word split into proclitics (و ف, ب ل ك, ال; لل read as ل + ال),
a stem and an enclitic pronoun (ه ها هم هما هن ك كم كن ي نا). Without a lexicon this is a
heuristic, so it is conservative and says how sure it is (``attrs['sure']``):

* a conjunction/preposition is split with certainty only in front of the article ال (وال بال
  فال كال لل وبال ...), where no stem can start; elsewhere (وقال، بوتين) it is not split;
* the article ال is split when at least two letters remain;
* an enclitic pronoun of two or more letters (ها هم هما هن كم كن نا) is split, marked unsure,
  when at least three letters remain; one-letter ه/ك/ي are left attached (too ambiguous).

Labels: ``CONJ``, ``PREP``, ``DET``, ``STEM``, ``PRON``.
"""
from __future__ import annotations

import re
from functools import lru_cache, partial

from ..document import Article, trusted_span

# Words are letters with their marks only, so a conjunction glued to digits (و١٢٠) splits off.
WORD = re.compile(r"[0-9٠-٩۰-۹]+(?:[.,٫٬][0-9٠-٩۰-۹]+)*|[^\W\d_](?:[^\W\d_]|[\u064B-\u0652\u0670\u0640])*|\S",
                  re.UNICODE)
_ARABIC = re.compile(r"[\u0620-\u064A]")
_PREFIX = re.compile(r"^(?P<conj>[وف])?(?P<prep>[بكل])?(?P<det>ال)")
_LIL = re.compile(r"^(?P<conj>[وف])?(?P<prep>ل)(?P<det>ل)(?=\w{2})")
_PRONOUNS = ("هما", "هم", "هن", "ها", "كم", "كن", "نا")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    return [m.span() for m in WORD.finditer(text, start, len(text) if end is None else end)]


def split_clitics(word: str) -> list[tuple[int, int, str, bool]]:
    """Pieces of one word as ``(start, end, label, sure)`` offsets within the word."""
    if not _ARABIC.match(word):
        return [(0, len(word), "STEM", True)]
    pieces: list[tuple[int, int, str, bool]] = []
    pos = 0
    m = _LIL.match(word)
    if m:
        if m.group("conj"):
            pieces.append((0, 1, "CONJ", True))
        ps = m.start("prep")
        pieces.append((ps, ps + 1, "PREP", True))
        pieces.append((ps + 1, ps + 2, "DET", True))   # لل: ل + (ا)ل
        pos = m.end()
    else:
        m = _PREFIX.match(word)
        if m and len(word) - m.end() >= 2:
            for group, label in (("conj", "CONJ"), ("prep", "PREP"), ("det", "DET")):
                if m.group(group):
                    pieces.append((m.start(group), m.end(group), label, True))
            pos = m.end()
    end = len(word)
    suffix: tuple[int, int, str, bool] | None = None
    for pron in _PRONOUNS:
        if word.endswith(pron) and end - len(pron) - pos >= 3:
            suffix = (end - len(pron), end, "PRON", False)
            end -= len(pron)
            break
    pieces.append((pos, end, "STEM", True))
    if suffix:
        pieces.append(suffix)
    return pieces


# Word types repeat (Zipf): caching the clitic split per word type cut tokens.v1 time by about
# half on SaudiNewsNet (see bench/README.md). 64k types cover a large news day in a few MB.
@lru_cache(maxsize=1 << 16)
def _pieces(word: str) -> tuple[tuple[int, int, str, bool], ...]:
    return tuple(split_clitics(word))


def _subtokens(text: str, words: list[tuple[int, int, str]]) -> list:
    """Clitic pieces of the WORD tokens ``(start, end, id)`` (the lazy ``subtokens`` layer)."""
    subs: list = []
    add_sub = subs.append
    for s, e, tid in words:
        for a, b, lab, sure in _pieces(text[s:e]):
            add_sub(trusted_span(s + a, s + b, lab, f"{tid}.{len(subs)}",
                                 {"token": tid} if sure else {"token": tid, "sure": False}))
    return subs


# "t0".."t4095": token ids are the same strings in every article; formatting them is a sixth of
# the token loop. A fixed table (40 kB), longer articles format the rest.
_IDS = tuple(f"t{i}" for i in range(4096))


class Tokenizer:
    """Assigns ``tokens`` (label WORD/NUM/PUNCT) and ``subtokens`` (clitic pieces).

    ``subtokens`` is a lazy layer (see :class:`marsad.document.LazyLayer`): the clitic pieces
    become Spans only when something reads them; no default component does, and ``marsad
    process`` does not write them. The pieces are the same either way."""

    name = "tokens.v1"
    requires = ("sents",)
    assigns = ("tokens", "subtokens")

    def __call__(self, article: Article) -> Article:
        # Hot loop (~700 tokens per news article): offsets come from regex matches inside the
        # text, so spans are built with trusted_span (no re-validation); set_layer still checks.
        text = article.text
        tokens: list = []
        words: list[tuple[int, int, str]] = []
        add_token, add_word = tokens.append, words.append
        ids, n_ids = _IDS, len(_IDS)
        for m in WORD.finditer(text):
            s, e = m.span()
            ch = text[s]
            i = len(tokens)
            tid = ids[i] if i < n_ids else f"t{i}"
            if ch.isalpha():
                add_token(trusted_span(s, e, "WORD", tid))
                add_word((s, e, tid))
            else:
                add_token(trusted_span(s, e, "NUM" if ch.isdigit() else "PUNCT", tid))
        article.set_layer("tokens", tokens)
        article.set_lazy_layer("subtokens", partial(_subtokens, text, words))
        return article
