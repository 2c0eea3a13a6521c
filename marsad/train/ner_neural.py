"""Train the ``accurate`` NER tier: char-CNN + BiLSTM + CRF with PyTorch (CPU, one thread).

``marsad train ner --model accurate`` (needs ``pip install -e ".[train-neural]"``). Same data
and split as the CRF tiers (:mod:`marsad.train.ner`): ANERcorp CAMeL train minus its last 10%
(dev, used to pick the epoch); ANERcorp test is never read here except by the overlap filter.
Word embeddings start from PPMI+SVD vectors over licensed text only (ANERcorp train without
dev, AQMAR, Wojood, WikiFANE, filtered NewsFANE; never SaudiNewsNet); the gazetteer and word
clusters are the shipped ``gazetteer.tsv`` / ``clusters.tsv`` of the output folder (built by
``marsad train ner --model fast``). Seeded and single-threaded, so a rebuild gives the same model.

The weights are exported to ``accurate.npz`` for :mod:`marsad.ner.neural` (numpy inference);
torch is never imported at run time.
"""
from __future__ import annotations

import json
import logging
import random
import time
from collections import Counter
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from ..errors import MarsadError
from ..ner.gazetteer import Gazetteer
from ..ner.neural import NeuralNerModel
from ..ner.neural_features import CLUSTER_BITS, Encoder, feature_sizes, word_key
from ..ner.score import score, to_conll
from ..ner.tags import TYPES
from ..ner.text import fold
from . import clusters as K
from . import ner as T

log = logging.getLogger(__name__)

TAGS = ["O"] + [f"{p}-{t}" for t in TYPES for p in "BI"]
REFERENCE_SENTENCES = [
    "قال الرئيس الفرنسي إيمانويل ماكرون في باريس إن الاتحاد الأوروبي سيدعم أوكرانيا .",
    "وصل وزير الخارجية السعودي إلى القاهرة للقاء نظيره المصري سامح شكري .",
    "أعلنت شركة أرامكو عن أرباحها في الربع الثالث من العام .",
    "وأكدت الأمم المتحدة أن المساعدات وصلت إلى غزة عبر معبر رفح .",
]


@dataclass
class NeuralConfig:
    word_dim: int = 64
    char_dim: int = 24
    char_filters: int = 48
    hidden: int = 100
    feat_dims: tuple[int, ...] = (16, 4, 4, 2, 4, 8, 16, 4)
    dropout: float = 0.5
    word_dropout: float = 0.05
    lr: float = 2e-3
    batch: int = 16
    epochs: int = 30
    patience: int = 6
    seed: int = 13
    min_count: int = 3
    emb_scale: float = 4.0
    max_minutes: float = 120.0   # safety stop only; the shipped run stopped by patience


class NeuralTrainError(MarsadError):
    pass


def _torch():
    try:
        import torch
    except ImportError as exc:
        raise NeuralTrainError("E432", "training the accurate NER tier needs PyTorch",
                               'install the extra: pip install -e ".[train-neural]"') from exc
    return torch


# ---- vocabulary and inputs ------------------------------------------------------------------
def build_vocab(texts: list[list[str]], clusters: dict[str, str], cfg: NeuralConfig):
    """(words, SVD vectors (V, word_dim), cluster ids (V, 3)); rows 0/1 are PAD/UNK."""
    keyed = [[word_key(t) for t in s] for s in texts]
    vocab, m = K.context_matrix(keyed, cfg.min_count, 600)
    vec = K.ppmi_svd(m, cfg.word_dim)
    words = ["<pad>", "<unk>"] + vocab
    vectors = np.concatenate([np.zeros((2, cfg.word_dim), np.float32), vec.astype(np.float32)])
    ids = np.ones((len(words), len(CLUSTER_BITS)), dtype=np.int16)
    for j, bits in enumerate(CLUSTER_BITS):
        prefixes = sorted({p[:bits] for p in clusters.values()})
        index = {p: i + 2 for i, p in enumerate(prefixes)}
        for i, w in enumerate(words):
            path = clusters.get(w)
            if path:
                ids[i, j] = index[path[:bits]]
    return words, vectors, ids


def char_set(texts: list[list[str]], min_count: int = 2) -> str:
    counts = Counter(c for s in texts for t in s for c in fold(t))
    return "".join(sorted(c for c, n in counts.items() if n >= min_count))


def n_clusters(ids: np.ndarray) -> tuple[int, int, int]:
    return tuple(int(ids[:, j].max()) - 1 for j in range(ids.shape[1]))


# ---- the network ----------------------------------------------------------------------------
def make_net(n_words: int, n_chars: int, feat_sizes: list[int], cfg: NeuralConfig, n_tags: int):
    torch = _torch()
    nn = torch.nn

    class Crf(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.trans = nn.Parameter(torch.zeros(n_tags, n_tags))
            self.start = nn.Parameter(torch.zeros(n_tags))
            self.end = nn.Parameter(torch.zeros(n_tags))

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.word_emb = nn.Embedding(n_words, cfg.word_dim, padding_idx=0)
            self.char_emb = nn.Embedding(n_chars, cfg.char_dim, padding_idx=0)
            self.char_conv = nn.Conv1d(cfg.char_dim, cfg.char_filters, 3, padding=1)
            self.feat_embs = nn.ModuleList(nn.Embedding(n, d, padding_idx=0)
                                           for n, d in zip(feat_sizes, cfg.feat_dims))
            d_in = cfg.word_dim + cfg.char_filters + sum(cfg.feat_dims)
            self.lstm = nn.LSTM(d_in, cfg.hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * cfg.hidden, n_tags)
            self.crf = Crf()
            self.drop = nn.Dropout(cfg.dropout)

        def forward(self, wids, feats, chars, lens):
            b, t, l = chars.shape
            ce = self.char_emb(chars.reshape(b * t, l)).transpose(1, 2)
            cv = torch.relu(self.char_conv(ce)).max(dim=2).values.reshape(b, t, -1)
            x = torch.cat([self.word_emb(wids), cv] +
                          [e(feats[..., i]) for i, e in enumerate(self.feat_embs)], dim=-1)
            packed = nn.utils.rnn.pack_padded_sequence(self.drop(x), lens, batch_first=True,
                                                       enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=t)
            return self.out(self.drop(h))

    return Net()


def crf_nll(torch, em, tags, mask, crf):
    """Mean negative log-likelihood of the gold tag paths under a linear-chain CRF."""
    b, t, _ = em.shape
    ar = torch.arange(b)
    gold = crf.start[tags[:, 0]] + em[ar, 0, tags[:, 0]]
    alpha = crf.start + em[:, 0]
    for i in range(1, t):
        m = mask[:, i]
        gold = gold + (crf.trans[tags[:, i - 1], tags[:, i]] + em[ar, i, tags[:, i]]) * m
        nxt = torch.logsumexp(alpha[:, :, None] + crf.trans[None] + em[:, i, None, :], dim=1)
        alpha = torch.where(m[:, None] > 0, nxt, alpha)
    last = tags[ar, mask.sum(1).long() - 1]
    gold = gold + crf.end[last]
    log_z = torch.logsumexp(alpha + crf.end, dim=1)
    return (log_z - gold).mean()


def batch_tensors(torch, encoded: list, tag_ids: list | None = None):
    lens = [len(e[0]) for e in encoded]
    b, t = len(encoded), max(lens)
    wids = torch.zeros(b, t, dtype=torch.long)
    feats = torch.zeros(b, t, encoded[0][1].shape[1], dtype=torch.long)
    chars = torch.zeros(b, t, encoded[0][2].shape[1], dtype=torch.long)
    tags = torch.zeros(b, t, dtype=torch.long)
    mask = torch.zeros(b, t)
    for i, (w, f, c) in enumerate(encoded):
        n = len(w)
        wids[i, :n] = torch.from_numpy(w)
        feats[i, :n] = torch.from_numpy(f)
        chars[i, :n] = torch.from_numpy(c)
        mask[i, :n] = 1
        if tag_ids is not None:
            tags[i, :n] = torch.tensor(tag_ids[i])
    return wids, feats, chars, torch.tensor(lens), tags, mask


def _batches(lengths: list[int], size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of sentences of similar length (sorted within chunks of 50 batches)."""
    idx = list(range(len(lengths)))
    rng.shuffle(idx)
    out = []
    for lo in range(0, len(idx), size * 50):
        chunk = sorted(idx[lo:lo + size * 50], key=lambda i: lengths[i])
        out += [chunk[i:i + size] for i in range(0, len(chunk), size)]
    rng.shuffle(out)
    return out


# ---- export and evaluation -------------------------------------------------------------------
def state_arrays(net) -> dict[str, np.ndarray]:
    """The weights numpy inference needs, named as in the state_dict (word vectors in float16)."""
    out = {}
    for name, val in net.state_dict().items():
        arr = val.detach().cpu().numpy()
        out[name] = arr.astype(np.float16) if name == "word_emb.weight" else arr.astype(np.float32)
    return out


def export(net, out: Path, tier: str, words: list[str], cluster_ids: np.ndarray, meta: dict) -> None:
    arrays = state_arrays(net)
    arrays["vocab.words"] = np.array(words)
    arrays["vocab.clusters"] = cluster_ids
    arrays["vocab.gazetteer"] = np.array((out / "gazetteer.tsv").read_text(encoding="utf-8").splitlines())
    np.savez_compressed(out / f"{tier}.npz", **arrays)
    (out / f"{tier}.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")


def net_from_npz(path: Path, cfg: NeuralConfig | None = None):
    """A torch network holding the weights of a shipped ``.npz`` (for equivalence tests)."""
    torch = _torch()
    cfg = cfg or NeuralConfig(**json.loads(path.with_suffix(".json").read_text())["config"])
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    feat_sizes = [arrays[f"feat_embs.{i}.weight"].shape[0] for i in range(len(cfg.feat_dims))]
    net = make_net(arrays["word_emb.weight"].shape[0], arrays["char_emb.weight"].shape[0],
                   feat_sizes, cfg, arrays["out.bias"].shape[0])
    net.load_state_dict({k: torch.from_numpy(v.astype(np.float32)) for k, v in arrays.items()
                         if not k.startswith("vocab.")})
    return net.eval()


def dev_score(model: NeuralNerModel, dev: list) -> dict:
    pred: list[list[str]] = []
    for i in range(0, len(dev), T.PSEUDO_DOC):
        pred += model.tag_document([t for t, _ in dev[i:i + T.PSEUDO_DOC]])
    return score([to_conll(g) for _, g in dev], [to_conll(p) for p in pred])


def reference(model: NeuralNerModel) -> list[dict]:
    """Inputs, scores and tags of a few sentences, computed at export time (pinned by a test)."""
    out = []
    for text in REFERENCE_SENTENCES:
        toks = text.split()
        w, f, c = model.encoder.encode(toks)
        em = model.net.emissions([(w, f, c)])[0]
        out.append({"tokens": toks, "wids": w.tolist(), "feats": f.tolist(), "chars": c.tolist(),
                    "emissions": np.round(em, 4).tolist(), "tags": model.tag(toks)})
    return out


# ---- training --------------------------------------------------------------------------------
def train(data: Path, out: Path, tier: str = "accurate", cfg: NeuralConfig | None = None) -> dict:
    """Train, keep the epoch best on dev, export into ``out``; returns the report."""
    torch = _torch()
    cfg = cfg or NeuralConfig()
    torch.set_num_threads(1)
    torch.manual_seed(cfg.seed)
    rng = random.Random(cfg.seed)
    t0 = time.time()
    corpora = T.load_corpora(data)
    # Never with mention-replaced copies (TrainConfig.augment): with them the best dev epoch
    # scored 0.749 against 0.761 (docs/ner.md, session 4).
    train_sents, dev, counts = T.select(corpora, replace(T.TIER_CONFIGS["fast"], augment=0))
    texts = [t for t, _ in train_sents] + [t for name in ("aqmar", "wojood", "wikifane", "newsfane")
                                           for t, _ in corpora[name]]
    words, vectors, cluster_ids = build_vocab(texts, K.load(_need(out / "clusters.tsv")), cfg)
    chars = char_set(texts)
    gaz = Gazetteer.load(_need(out / "gazetteer.tsv"))
    enc = Encoder(words, chars, cluster_ids, gaz)
    encoded = [enc.encode(t) for t, _ in train_sents]
    tag_index = {t: i for i, t in enumerate(TAGS)}
    gold = [[tag_index[x] for x in g] for _, g in train_sents]
    net = make_net(len(words), len(chars) + 2, feature_sizes(n_clusters(cluster_ids)), cfg, len(TAGS))
    with torch.no_grad():
        net.word_emb.weight.copy_(torch.from_numpy(vectors * cfg.emb_scale))
    opt = torch.optim.Adam(net.parameters(), lr=cfg.lr)
    meta = {"kind": "neural", "tags": TAGS, "chars": chars, "propagate": True,
            "config": asdict(cfg)}
    best, history = (-1.0, 0), []
    for epoch in range(1, cfg.epochs + 1):
        loss = _epoch(torch, net, opt, encoded, gold, cfg, rng)
        export(net, out, tier, words, cluster_ids, meta)   # current weights, scored by numpy
        f1 = dev_score(NeuralNerModel(out, tier), dev)["micro"]["f1"]
        history.append({"epoch": epoch, "loss": round(loss, 4), "dev_f1": f1,
                        "seconds": round(time.time() - t0, 1)})
        log.info("epoch %d loss %.4f dev F1 %.4f", epoch, loss, f1)
        if f1 > best[0]:
            best = (f1, epoch)
            torch.save(net.state_dict(), out / f".{tier}.best.pt")
        if epoch - best[1] >= cfg.patience or time.time() - t0 > cfg.max_minutes * 60:
            break
    net.load_state_dict(torch.load(out / f".{tier}.best.pt"))
    (out / f".{tier}.best.pt").unlink()
    export(net, out, tier, words, cluster_ids, meta)
    model = NeuralNerModel(out, tier)
    report = {"tier": tier, "kind": "neural", "config": asdict(cfg), "counts": counts,
              "train_tokens": sum(len(t) for t, _ in train_sents), "vocab": len(words),
              "best_epoch": best[1], "history": history,
              "train_seconds": round(time.time() - t0, 1),
              "model_bytes": (out / f"{tier}.npz").stat().st_size, "dev": dev_score(model, dev)}
    meta["report"] = report
    meta["reference"] = reference(model)
    (out / f"{tier}.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    return report


def _epoch(torch, net, opt, encoded, gold, cfg: NeuralConfig, rng: random.Random) -> float:
    net.train()
    total, n = 0.0, 0
    for idx in _batches([len(e[0]) for e in encoded], cfg.batch, rng):
        wids, feats, chars, lens, tags, mask = batch_tensors(torch, [encoded[i] for i in idx],
                                                             [gold[i] for i in idx])
        if cfg.word_dropout:
            drop = (torch.rand(wids.shape) < cfg.word_dropout) & (wids > 1)
            wids = wids.masked_fill(drop, 1)
        em = net(wids, feats, chars, lens)
        loss = crf_nll(torch, em, tags, mask, net.crf)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
        opt.step()
        total += float(loss.detach()) * len(idx)
        n += len(idx)
    net.eval()
    return total / max(n, 1)


def _need(path: Path) -> Path:
    if not path.exists():
        raise NeuralTrainError("E433", f"{path.name} not found in {path.parent}",
                               "build the shared NER resources first: marsad train ner --model fast "
                               f"--out {path.parent}")
    return path
