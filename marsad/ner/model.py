"""Load a shipped NER model (no download, no torch) and tag token sequences.

A model folder holds ``<tier>.crfsuite`` (CRFsuite weights), ``<tier>.json`` (feature tier and
whether a second, document-level pass runs), and the shared ``gazetteer.tsv``,
``clusters.tsv`` and ``mention_words.txt`` (folded words that start entity mentions, used to
keep proclitics out of mention spans).
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from ..errors import ResourceError
from .features import TIERS, Featurizer
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
        self.featurizer = Featurizer(TIERS[self.meta.get("features", tier)], gaz, clusters)
        words = self.folder / "mention_words.txt"
        self.mention_words = frozenset(words.read_text(encoding="utf-8").split()) if words.exists() else frozenset()
        self.second = None
        if self.meta.get("second_pass"):
            self.second = Featurizer(TIERS[self.meta["features"]], gaz, clusters)
        self._open()

    def _open(self) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.folder / f"{self.tier}.crfsuite"))
        self._tagger2 = None
        if self.second is not None:
            self._tagger2 = pycrfsuite.Tagger()
            self._tagger2.open(str(self.folder / f"{self.tier}.pass2.crfsuite"))

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("_tagger", "_tagger2")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._open()

    def tag(self, tokens: list[str]) -> list[str]:
        """BIO tags for one sentence."""
        if not tokens:
            return []
        return self._tagger.tag(self.featurizer.features(tokens))

    def tag_document(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags for every sentence of one document (two passes for the accurate tier)."""
        first = [self.tag(s) for s in sentences]
        if self._tagger2 is None:
            return first
        memory = doc_memory(sentences, first)
        return [self._tagger2.tag(add_doc_features(self.second.features(s), s, memory))
                if s else [] for s in sentences]


def doc_memory(sentences: list[list[str]], tags: list[list[str]]) -> dict[str, str]:
    """Folded stripped word -> majority entity type (with B/I role) it got in this document."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for toks, tg in zip(sentences, tags):
        for s, e, typ in spans_from_bio(tg):
            for i in range(s, e):
                votes[strip_prefix(fold(toks[i]))[1]][typ] += 1
    return {w: c.most_common(1)[0][0] for w, c in votes.items()}


def add_doc_features(feats: list[list[str]], tokens: list[str], memory: dict[str, str]) -> list[list[str]]:
    for f, t in zip(feats, tokens):
        typ = memory.get(strip_prefix(fold(t))[1])
        f.append("doc=" + (typ or "O"))
    return feats


@lru_cache(maxsize=4)
def load_model(tier: str = "fast", folder: str | None = None) -> NerModel:
    """The shipped model of a tier, loaded once per process."""
    return NerModel(Path(folder) if folder else RESOURCES, tier)
