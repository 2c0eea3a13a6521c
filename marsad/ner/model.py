"""Load a shipped NER model (no download, no torch) and tag token sequences.

A model folder holds ``<tier>.crfsuite`` (CRFsuite weights), ``<tier>.json`` (feature tier,
``o_bias`` for :mod:`decode`, whether document-level propagation runs, training report), and
the shared ``gazetteer.tsv``, ``clusters.tsv`` and ``mention_words.txt`` (folded words that
start entity mentions, used to keep proclitics out of mention spans).
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from ..errors import ResourceError
from .decode import SPLIT_PENALTY, Decoder
from .features import TIERS, Featurizer, read_cues
from .gazetteer import Gazetteer
from .tags import spans_from_bio
from .text import fold, strip_prefix

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "ner"
MODELS = ("fast", "accurate")


def _read_table(path: Path) -> dict[str, str]:
    out = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            k, _, v = line.partition("\t")
            if v:
                out[k] = v
    return out


class NerModel:
    """A CRF tagger with its featurizer; picklable (reopens the model file on unpickling)."""

    def __init__(self, folder: Path, tier: str) -> None:
        if tier not in MODELS:
            raise ResourceError("E401", f"unknown NER model {tier!r}", f"use one of {', '.join(MODELS)}")
        self.folder = Path(folder)
        self.tier = tier
        path = self.folder / f"{tier}.crfsuite"
        if not path.exists():
            raise ResourceError("E400", f"NER model file missing: {path}",
                                "reinstall marsad or rebuild it with `marsad train ner --model "
                                f"{tier}`")
        meta_path = self.folder / f"{tier}.json"
        self.meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        gaz_path = self.folder / "gazetteer.tsv"
        gaz = Gazetteer.load(gaz_path) if gaz_path.exists() else None
        clusters = _read_table(self.folder / "clusters.tsv") if self.meta.get("clusters", True) else {}
        fcfg = TIERS[self.meta.get("features", tier)]
        self.featurizer = Featurizer(fcfg, gaz, clusters, **self._extra(fcfg))
        self.mention_words = read_words(self.folder / "mention_words.txt")
        self.common_words = read_words(self.folder / "common_words.txt")
        self._open()
        # Only the attributes the model has weights for reach the tagger (same tags, fewer
        # look-ups; see Featurizer.known). Reading them costs ~0.5 s once per model load;
        # the decoder already has them. Kept across pickling (not recomputed by _open).
        self.featurizer.known = frozenset(self._decoder.rows)

    def _extra(self, fcfg) -> dict:
        """Cue words and KB names for a feature set that uses them (see train.ner)."""
        kw: dict = {}
        for flag, name, key in ((fcfg.cues, "cues.tsv", "cues"), (fcfg.kb, "kb_names.tsv", "kb")):
            if not flag:
                continue
            path = self.folder / name
            if not path.exists():
                raise ResourceError("E402", f"NER resource missing: {path}",
                                    f"reinstall marsad or rebuild it with `marsad train ner --model {self.tier}`")
            kw[key] = read_cues(path) if key == "cues" else Gazetteer.load(path)
        return kw

    def _open(self) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.folder / f"{self.tier}.crfsuite"))
        self._decoder = Decoder(self._tagger, self.featurizer, float(self.meta.get("o_bias") or 0.0),
                                adverb_rule=True, mention_words=self.mention_words,
                                split_penalty=float(self.meta.get("split_penalty", SPLIT_PENALTY)))

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("_tagger", "_decoder")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._open()

    def tag(self, tokens: list[str]) -> list[str]:
        """BIO tags for one sentence."""
        return self._decoder.tag(tokens) if tokens else []

    def tag_document(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags for every sentence of one document, made consistent across it."""
        tags = self._decoder.tag_document(sentences)
        return propagate(sentences, tags, common=self.common_words) \
            if self.meta.get("propagate", True) else tags


def read_words(path: Path) -> frozenset[str]:
    """A word list shipped with the models (one per line; empty when the file is absent)."""
    return frozenset(path.read_text(encoding="utf-8").split()) if path.exists() else frozenset()


@lru_cache(maxsize=4)
def load_model(tier: str = "fast", folder: str | None = None) -> NerModel:
    """The shipped model of a tier, loaded once per process (neural if ``<tier>.npz`` ships)."""
    from .neural import open_model

    return open_model(Path(folder) if folder else RESOURCES, tier)


def propagate(sentences: list[list[str]], tags: list[list[str]], max_len: int = 6,
              common: frozenset[str] = frozenset()) -> list[list[str]]:
    """Document-level consistency: tag untagged repeats of a surface tagged elsewhere.

    Every mention surface (folded, first word without proclitics) found in the document is
    looked for again; an occurrence whose words are all untagged gets the surface's majority
    type. Only surfaces of at least 3 letters, to keep short ambiguous words out. Then
    :func:`surnames` tags the last names of people named in full.
    """
    return surnames(sentences, _repeats(sentences, tags, max_len, common), common)


# One-word surfaces that are ordinary words spread only as places and people (الرمادي Ramadi /
# grey, الحوثي وصالح): an organisation tagged once (شركة «الكهرباء») is not every later
# ordinary use of the word (مشروعات الكهرباء).
_SPREAD = frozenset({"GPE", "LOC", "FAC", "PERSON"})

# Name particles: the word after them is half of a compound name (عبد الله، أبو مازن، بن علي,
# آل مكتوم), not a surname that can stand alone.
_COMPOUND = frozenset(fold(w) for w in "عبد ابو أبو ابي أبي ابن بن بنت ام أم ذو آل".split())


def surnames(sentences: list[list[str]], tags: list[list[str]],
             common: frozenset[str] = frozenset()) -> list[list[str]]:
    """The last word of a multiword PERSON mention is tagged PERSON where it stands alone.

    News names a person in full once, then by surname (فايزة أبوالنجا ... أبوالنجا). An
    occurrence is tagged only when it and both neighbours are untagged, it is not a closed-class
    word nor one of the ``common`` words (``common_words.txt``: mostly outside mentions in the
    training corpora: الخميس، باعتبار), not a definite word after a definite word (an adjective:
    الحزب الديمقراطي الأحوازي), and the name's last word is not half of a compound (after عبد،
    أبو، بن، آل ...). Dev (ANERcorp train tail): fast 0.735 -> 0.743, neural 0.748 -> 0.756
    (PERS +0.024); the two guards came from reading 120 SaudiNewsNet articles (no dev change).
    """
    from .decode import never_in_name, never_starts_name

    last: set[str] = set()
    for words, tg in zip(sentences, tags):
        for s, e, typ in spans_from_bio(tg):
            if typ == "PERSON" and e - s >= 2 and _fold(words[e - 2]) not in _COMPOUND:
                w = _fold(words[e - 1])
                if len(w) >= 3:
                    last.add(w)
    if not last:
        return tags
    out = []
    for words, tg in zip(sentences, tags):
        tg = list(tg)
        for i, word in enumerate(words):
            f = _fold(word)
            if (f in last or (f[:1] in "وبل" and f[1:] in last)) and tg[i] == "O" \
                    and (i == 0 or tg[i - 1] == "O") and (i + 1 == len(tg) or tg[i + 1] == "O") \
                    and not never_in_name(word) and not never_starts_name(word) and f not in common \
                    and not (i and f.startswith("ال") and _fold(words[i - 1]).startswith("ال")):
                tg[i] = "B-PERSON"
        out.append(tg)
    return out


def _repeats(sentences: list[list[str]], tags: list[list[str]], max_len: int,
             common: frozenset[str] = frozenset()) -> list[list[str]]:
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    keyed = [[_fold(t) for t in s] for s in sentences]
    for words, tg in zip(keyed, tags):
        for s, e, typ in spans_from_bio(tg):
            if e - s <= max_len:
                votes[(strip_prefix(words[s])[1],) + tuple(words[s + 1:e])][typ] += 1
    surfaces = {k: c.most_common(1)[0][0] for k, c in votes.items() if len("".join(k)) >= 3}
    surfaces = {k: t for k, t in surfaces.items()
                if len(k) > 1 or t in _SPREAD or k[0] not in common}
    if not surfaces:
        return tags
    # Only lengths of surfaces whose first word can match are tried at a position (the same
    # result as trying every length, longest first, at a fraction of the cost).
    lengths_by_head: dict[str, set[int]] = defaultdict(set)
    for k in surfaces:
        lengths_by_head[k[0]].add(len(k))
    out = []
    for words, tg in zip(keyed, tags):
        tg = list(tg)
        i = 0
        while i < len(words):
            step = 1
            a, b = _heads(words[i])
            if a not in lengths_by_head and b not in lengths_by_head:
                i += 1
                continue
            for n in _candidate_lengths(words[i], lengths_by_head):
                typ = _known(words, i, n, surfaces)
                if typ and all(t == "O" for t in tg[i:i + n]):
                    tg[i:i + n] = [f"B-{typ}"] + [f"I-{typ}"] * (n - 1)
                    step = n
                    break
            i += step
        out.append(tg)
    return out


# Bounded per-word caches for the per-token loop of propagate (news vocabulary repeats).
_fold = lru_cache(maxsize=1 << 16)(fold)


@lru_cache(maxsize=1 << 16)
def _heads(first: str) -> tuple[str, ...]:
    """The forms of a first word that a surface key may start with (see :func:`_known`)."""
    return (strip_prefix(first)[1], first[1:] if first[:1] in "وفبل" and len(first) > 3 else "")


def _candidate_lengths(first: str, lengths_by_head: dict[str, set[int]]) -> list[int]:
    found: set[int] = set()
    for head in _heads(first):
        if head and head in lengths_by_head:
            found |= lengths_by_head[head]
    return sorted(found, reverse=True)


def _known(words: list[str], i: int, n: int, surfaces: dict[tuple[str, ...], str]) -> str | None:
    """Type of the surface ``words[i:i+n]`` if known, trying the first word without و ف ب ل."""
    if i + n > len(words):
        return None
    rest = tuple(words[i + 1:i + n])
    for head in _heads(words[i]):
        typ = surfaces.get((head,) + rest) if head else None
        if typ:
            return typ
    return None
