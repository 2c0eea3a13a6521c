"""The ``accurate`` NER tier: the neural tagger and the fast CRF decoded together.

Both models are linear-chain CRFs over the same 17 BIO tags (the CRF has no ``I-NORP``; its
column gets a low constant score), so they can be combined exactly:

- ``sequence`` (shipped): the sum ``w * neural + (1 - w) * crf`` of both models' emission and
  transition scores, decoded by Viterbi - the product of the two models' sequence
  distributions, tempered by ``w``;
- ``marginal``: each model's per-token posteriors (forward-backward, :mod:`crf_math`) averaged
  (``linear``) or multiplied (``log``) with weight ``w``, then Viterbi restricted to valid IOB2
  sequences.

An ``o_bias`` is subtracted from the ``O`` score before decoding, then both tiers' document
propagation runs. The weights were chosen on dev (``marsad.train.ner_ensemble``, numbers in
docs/ner.md) and are stored in ``<tier>.ensemble.json``; both models load without torch.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ..errors import ResourceError
from . import crf_math
from .model import NerModel, propagate
from .neural import NeuralNerModel, one_blas_thread

MISSING = -50.0     # score of a tag one model does not have (the CRF never saw I-NORP)
METHODS = ("sequence", "linear", "log")


def config_path(folder: Path, tier: str) -> Path:
    return Path(folder) / f"{tier}.ensemble.json"


class EnsembleNerModel:
    """Same interface as :class:`NerModel` (tag, tag_document, mention_words, folder, tier)."""

    def __init__(self, folder: Path, tier: str = "accurate", config: dict | None = None) -> None:
        self.folder = Path(folder)
        self.tier = tier
        if config is None:
            path = config_path(folder, tier)
            try:
                config = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise ResourceError("E460", f"NER ensemble config unreadable: {path}: {exc}",
                                    "reinstall marsad or rebuild it with `marsad train ner "
                                    f"--model {tier}`") from exc
        self.config = config
        self.method = config.get("method", "sequence")
        if self.method not in METHODS:
            raise ResourceError("E461", f"unknown NER ensemble method {self.method!r} in {folder}",
                                f"use one of {', '.join(METHODS)}")
        self.weight = float(config["weight"])
        self.o_bias = float(config.get("o_bias", 0.0))
        self.crf = NerModel(self.folder, config.get("crf", "fast"))
        self.nn = NeuralNerModel(self.folder, config.get("neural", tier))
        self.mention_words = self.nn.mention_words
        self.meta = {"propagate": config.get("propagate", True)}
        self._align()

    def _align(self) -> None:
        """The CRF's scores in the neural model's tag order."""
        tags = self.tags = self.nn.tags
        labels = self.crf._decoder.labels
        self._cols = np.array([labels.index(t) if t in labels else -1 for t in tags])
        have = self._cols >= 0
        trans = np.full((len(tags), len(tags)), MISSING)
        sub = self.crf._decoder.trans[np.ix_(self._cols[have], self._cols[have])]
        trans[np.ix_(have, have)] = sub
        self.crf_trans = trans
        self._have = have
        net = self.nn.net
        self.nn_trans, self.nn_start, self.nn_end = (net.trans.astype(float), net.start.astype(float),
                                                     net.end.astype(float))
        self.bio_trans, self.bio_start = crf_math.bio_transitions(tags)
        self.o_col = tags.index("O")

    def _crf_scores(self, sentences: list[list[str]]) -> list[np.ndarray]:
        em, lens = self.crf._decoder.emissions(sentences)
        out = np.full((len(em), len(self.tags)), MISSING)
        out[:, self._have] = em[:, self._cols[self._have]]
        return np.split(out, np.cumsum(lens)[:-1])

    def _nn_scores(self, sentences: list[list[str]]) -> list[np.ndarray]:
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        out: list[np.ndarray] = [None] * len(sentences)   # type: ignore[list-item]
        with one_blas_thread():
            for lo in range(0, len(order), 32):          # similar lengths share a batch
                chunk = order[lo:lo + 32]
                for i, em in zip(chunk, self.nn.emissions([sentences[i] for i in chunk])):
                    out[i] = self.nn.rules.apply(sentences[i], em.astype(float))
        return out

    def scores(self, sentences: list[list[str]]) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """(CRF scores, neural scores) of non-empty sentences, each (T, K) in ``self.tags`` order."""
        return self._crf_scores(sentences), self._nn_scores(sentences)

    def paths(self, sentences: list[list[str]]) -> list[list[int]]:
        """Tag indices for non-empty sentences."""
        return self.combine(*self.scores(sentences))

    def combine(self, crf: list[np.ndarray], nn: list[np.ndarray]) -> list[list[int]]:
        """Best tag indices of each sentence from both models' scores (see the module doc)."""
        w = self.weight
        if self.method == "sequence":
            ems = [w * a + (1 - w) * b for a, b in zip(nn, crf)]
            trans, start, end = (w * self.nn_trans + (1 - w) * self.crf_trans, w * self.nn_start,
                                 w * self.nn_end)
        else:
            pn = crf_math.marginals(nn, self.nn_trans, self.nn_start, self.nn_end)
            pc = crf_math.marginals(crf, self.crf_trans)
            if self.method == "linear":
                ems = [np.log(w * a + (1 - w) * b + 1e-12) for a, b in zip(pn, pc)]
            else:
                ems = [w * np.log(a + 1e-12) + (1 - w) * np.log(b + 1e-12) for a, b in zip(pn, pc)]
            trans, start, end = self.bio_trans, self.bio_start, None
        if self.o_bias:
            for em in ems:
                em[:, self.o_col] -= self.o_bias
        return crf_math.viterbi(ems, trans, start, end)

    def tag_document(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags for every sentence of one document, made consistent across it."""
        full = [s for s in sentences if s]
        out: list[list[str]] = [[] for _ in sentences]
        if not full:
            return out
        paths = iter(self.paths(full))
        for i, toks in enumerate(sentences):
            if toks:
                out[i] = [self.tags[k] for k in next(paths)]
        return propagate(sentences, out, common=self.nn.common_words) if self.meta["propagate"] else out

    def tag(self, tokens: list[str]) -> list[str]:
        """BIO tags for one sentence."""
        return self.tag_document([tokens])[0]
