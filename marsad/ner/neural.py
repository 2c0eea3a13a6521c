"""The ``accurate`` NER tier: char-CNN + BiLSTM + CRF, run in plain numpy (no torch).

Trained with PyTorch at training time only (``marsad/train/ner_neural.py``, extra
``train-neural``); the weights ship as ``<tier>.npz`` with a small ``<tier>.json`` (config,
vocabulary of characters, training report). The network, per sentence:

1. inputs per token (:mod:`neural_features`): word embedding (initialised from PPMI+SVD vectors
   of licensed text), a char CNN over the folded word (max-pooled), embedded discrete features
   (gazetteer BIO, proclitics, shape, ال, cluster prefixes, person-name word);
2. one bidirectional LSTM layer; a linear layer to BIO-tag scores;
3. CRF Viterbi decoding with learned transitions; document-level propagation as the CRF tiers.

Sentences of a document run as one padded batch (one matrix product per LSTM step), and the
char CNN output is cached per word, which keeps the tier above 5,000 tokens/s on one core.
"""
from __future__ import annotations

import contextlib
import json
from pathlib import Path

import numpy as np

from ..errors import ResourceError
from .decode import WordRules
from .gazetteer import Gazetteer
from .neural_features import Encoder


CACHE_WORDS = 100_000
_BLAS = []


def one_blas_thread():
    """Context limiting BLAS to one thread (threadpoolctl; a no-op when it is missing).

    The LSTM's small matrix products (sentences x hidden) are ~70x slower with OpenBLAS
    threads spinning on a busy machine (9 ms vs 0.13 ms each, measured); a tagger runs one per
    core anyway. The controller is built once (~2 ms); entering the limit costs ~0.1 ms.
    """
    if not _BLAS:
        try:
            from threadpoolctl import ThreadpoolController

            _BLAS.append(ThreadpoolController())
        except ImportError:
            _BLAS.append(None)
    ctl = _BLAS[0]
    return ctl.limit(limits=1, user_api="blas") if ctl is not None else contextlib.nullcontext()


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


class Network:
    """The numpy forward pass; weights named as the torch module's state_dict."""

    def __init__(self, w: dict[str, np.ndarray]) -> None:
        self.word_emb = w["word_emb.weight"].astype(np.float32)
        self.char_emb = w["char_emb.weight"].astype(np.float32)
        conv = w["char_conv.weight"].astype(np.float32)            # (out, in, k)
        k = conv.shape[2]
        self.conv_w = conv.transpose(2, 1, 0).reshape(k * conv.shape[1], conv.shape[0])
        self.conv_b = w["char_conv.bias"].astype(np.float32)
        self.conv_k = k
        self.feat_embs = [w[f"feat_embs.{i}.weight"].astype(np.float32)
                          for i in range(sum(1 for n in w if n.startswith("feat_embs.")))]
        self.lstm = {d: (w[f"lstm.weight_ih_l0{s}"].T.astype(np.float32).copy(),
                         w[f"lstm.weight_hh_l0{s}"].T.astype(np.float32).copy(),
                         (w[f"lstm.bias_ih_l0{s}"] + w[f"lstm.bias_hh_l0{s}"]).astype(np.float32))
                     for d, s in (("fw", ""), ("bw", "_reverse"))}
        self.out_w = w["out.weight"].T.astype(np.float32).copy()
        self.out_b = w["out.bias"].astype(np.float32)
        self.trans = w["crf.trans"].astype(np.float32)
        self.start = w["crf.start"].astype(np.float32)
        self.end = w["crf.end"].astype(np.float32)
        self._char_cache: dict[bytes, np.ndarray] = {}

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_char_cache": {}}     # caches are rebuilt, not shipped

    def char_vectors(self, chars: np.ndarray) -> np.ndarray:
        """Max-pooled ReLU char CNN of each row of ``chars`` (N, L) -> (N, filters)."""
        e = self.char_emb[chars]                                     # (N, L, d)
        pad = self.conv_k // 2
        e = np.pad(e, ((0, 0), (pad, pad), (0, 0)))
        n, L = chars.shape
        windows = np.concatenate([e[:, j:j + L] for j in range(self.conv_k)], axis=2)
        conv = windows @ self.conv_w + self.conv_b
        return np.maximum(conv.max(axis=1), 0.0)

    def _chars_cached(self, chars: np.ndarray) -> np.ndarray:
        keys = [row.tobytes() for row in chars]
        missing = [i for i, k in enumerate(keys) if k not in self._char_cache]
        if missing:
            if len(self._char_cache) > CACHE_WORDS:
                self._char_cache.clear()
            vecs = self.char_vectors(chars[missing])
            for i, v in zip(missing, vecs):
                self._char_cache[keys[i]] = v
        return np.stack([self._char_cache[k] for k in keys])

    def inputs(self, wids: np.ndarray, feats: np.ndarray, chars: np.ndarray) -> np.ndarray:
        parts = [self.word_emb[wids], self._chars_cached(chars)]
        parts += [emb[feats[:, i]] for i, emb in enumerate(self.feat_embs)]
        return np.concatenate(parts, axis=1)

    def _run(self, x: np.ndarray, direction: str) -> np.ndarray:
        """One LSTM direction over a left-aligned padded batch x (B, T, D) -> (B, T, H)."""
        w_ih, w_hh, b = self.lstm[direction]
        bsz, steps, _ = x.shape
        hidden = w_hh.shape[0]
        xp = x @ w_ih + b
        h = np.zeros((bsz, hidden), dtype=np.float32)
        c = np.zeros((bsz, hidden), dtype=np.float32)
        out = np.empty((bsz, steps, hidden), dtype=np.float32)
        for t in range(steps):
            g = xp[:, t] + h @ w_hh
            i, f, gg, o = (g[:, :hidden], g[:, hidden:2 * hidden], g[:, 2 * hidden:3 * hidden],
                           g[:, 3 * hidden:])
            c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(gg)
            h = _sigmoid(o) * np.tanh(c)
            out[:, t] = h
        return out

    def emissions(self, sents: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> list[np.ndarray]:
        """Tag scores (T, K) for each encoded sentence, all run as one batch."""
        lens = [len(s[0]) for s in sents]
        flat = self.inputs(*(np.concatenate([s[j] for s in sents]) for j in range(3)))
        steps = max(lens)
        x = np.zeros((len(sents), steps, flat.shape[1]), dtype=np.float32)
        xr = np.zeros_like(x)
        pos = 0
        for b, n in enumerate(lens):
            x[b, :n] = flat[pos:pos + n]
            xr[b, :n] = flat[pos:pos + n][::-1]
            pos += n
        fw = self._run(x, "fw")
        bw = self._run(xr, "bw")
        out = []
        for b, n in enumerate(lens):
            h = np.concatenate([fw[b, :n], bw[b, :n][::-1]], axis=1)
            out.append(h @ self.out_w + self.out_b)
        return out

    def viterbi(self, em: np.ndarray) -> tuple[list[int], float]:
        """Best tag path of one sentence's emissions (T, K) and its score."""
        score = self.start + em[0]
        back = []
        for t in range(1, len(em)):
            cand = score[:, None] + self.trans
            best = cand.argmax(axis=0)
            back.append(best)
            score = cand[best, np.arange(len(best))] + em[t]
        score = score + self.end
        k = int(score.argmax())
        path = [k]
        for best in reversed(back):
            k = int(best[k])
            path.append(k)
        return path[::-1], float(score.max())


class NeuralNerModel:
    """Same interface as :class:`marsad.ner.model.NerModel` (tag, tag_document, mention_words)."""

    def __init__(self, folder: Path, tier: str = "accurate") -> None:
        self.folder = Path(folder)
        self.tier = tier
        weights = self.folder / f"{tier}.npz"
        meta_path = self.folder / f"{tier}.json"
        if not weights.exists() or not meta_path.exists():
            raise ResourceError("E430", f"neural NER model missing: {weights} (+ {meta_path.name})",
                                "reinstall marsad or rebuild it with `marsad train ner --model "
                                f"{tier}` (needs the train-neural extra)")
        try:
            self.meta = json.loads(meta_path.read_text(encoding="utf-8"))
            with np.load(weights, allow_pickle=False) as z:
                arrays = {k: z[k] for k in z.files}
            self.tags = list(self.meta["tags"])
            words = [str(w) for w in arrays.pop("vocab.words")]
            clusters = arrays.pop("vocab.clusters")
            gaz_rows = [tuple(str(r).split("\t", 1)) for r in arrays.pop("vocab.gazetteer", [])]
            self.net = Network(arrays)
        except (KeyError, ValueError, OSError) as exc:
            raise ResourceError("E431", f"neural NER model {weights} is malformed: {exc}",
                                f"rebuild it with `marsad train ner --model {tier}`") from exc
        # The gazetteer the network was trained with ships inside the .npz, so a rebuilt shared
        # gazetteer.tsv (CRF tiers) cannot shift this model's inputs.
        gaz_path = self.folder / "gazetteer.tsv"
        gaz = Gazetteer(gaz_rows) if gaz_rows else (Gazetteer.load(gaz_path) if gaz_path.exists() else None)
        # Constant subtracted from every O score before decoding (recall knob, chosen on dev).
        self.o_bias = float(self.meta.get("o_bias") or 0.0)
        self.encoder = Encoder(words, self.meta["chars"], clusters, gaz)
        from .model import read_words

        self.mention_words = read_words(self.folder / "mention_words.txt")
        self.common_words = read_words(self.folder / "common_words.txt")
        # The CRF decoder's word rules (closed-class words and punctuation never in a name, a
        # coordinated name starts a new mention): dev F1 0.748 -> 0.752 (docs/ner.md).
        self.rules = WordRules(self.tags, self.mention_words)

    def emissions(self, sentences: list[list[str]]) -> list[np.ndarray]:
        return self.net.emissions([self.encoder.encode(s) for s in sentences])

    def tag(self, tokens: list[str]) -> list[str]:
        """BIO tags for one sentence."""
        return self._tag_batch([tokens])[0]

    def _tag_batch(self, sentences: list[list[str]]) -> list[list[str]]:
        out: list[list[str]] = [[] for _ in sentences]
        idx = [i for i, s in enumerate(sentences) if s]
        if not idx:
            return out
        # Sentences of similar length share a batch, so padding stays small.
        idx.sort(key=lambda i: len(sentences[i]))
        with one_blas_thread():
            for lo in range(0, len(idx), 32):
                chunk = idx[lo:lo + 32]
                for i, em in zip(chunk, self.emissions([sentences[i] for i in chunk])):
                    self.rules.apply(sentences[i], em)
                    if self.o_bias:
                        em[:, self.tags.index("O")] -= self.o_bias
                    out[i] = [self.tags[k] for k in self.net.viterbi(em)[0]]
        return out

    def tag_document(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags for every sentence of one document, made consistent across it."""
        from .model import propagate

        tags = self._tag_batch(sentences)
        return propagate(sentences, tags, common=self.common_words) \
            if self.meta.get("propagate", True) else tags


def is_neural(folder: Path, tier: str) -> bool:
    """Whether ``folder`` holds a neural model for ``tier`` (``<tier>.npz``)."""
    return (Path(folder) / f"{tier}.npz").exists()


def open_model(folder: Path, tier: str):
    """The model of a tier in a folder: the ensemble if ``<tier>.ensemble.json`` is there,
    neural if ``<tier>.npz`` is, else the CRF."""
    if (Path(folder) / f"{tier}.ensemble.json").exists():
        from .ensemble import EnsembleNerModel

        return EnsembleNerModel(Path(folder), tier)
    if is_neural(folder, tier):
        return NeuralNerModel(folder, tier)
    from .model import NerModel

    return NerModel(Path(folder), tier)
