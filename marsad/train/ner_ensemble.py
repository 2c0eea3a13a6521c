"""Choose the ``accurate`` ensemble's method and weights on dev: ``marsad train ner --model
accurate`` (after the neural model) or ``python -m marsad.train.ner_ensemble``.

Dev = the last 10% of ANERcorp train (:func:`marsad.train.ner.split_dev`), which neither
shipped model was trained on; ANERcorp test is never read here. Every combination of
:data:`GRID` is scored (documents of :data:`~marsad.train.ner.PSEUDO_DOC` sentences,
propagation included, as ``marsad eval ner``); the best dev F1 is written to
``<tier>.ensemble.json`` with the whole table as its report.
"""
from __future__ import annotations

import itertools
import json
import logging
import time
from pathlib import Path

from ..ner import corpora as C
from ..ner.ensemble import EnsembleNerModel, config_path
from ..ner.model import propagate
from ..ner.score import score, to_conll
from . import ner as T

log = logging.getLogger(__name__)

GRID = {
    "method": ("sequence", "linear", "log"),
    "weight": (0.2, 0.3, 0.4, 0.5, 0.6, 0.7),
    "o_bias": (0.0, 0.5, 1.0),
}

# Dev F1 differences under ~0.01 are noise (969 mentions), so a tie-break toward recall (the
# tiers' weakness on ANERcorp test) was tried: within 0.005 of the best it picked sequence,
# w 0.7, O-bias 1.0 (dev 0.766, recall 0.744 vs 0.707). On 120 SaudiNewsNet articles read by
# hand (evaluation only) it added many spurious names (ياوطن، نود إبلاغكم، خيارين حادين as
# PERSON: 1,697 mentions vs 1,444 for fast), while the dev-best setting (w 0.3, no bias) mostly
# fixed boundaries and found missed names. So the dev argmax ships (TIE = 0).
TIE = 0.0


def dev_sentences(data: Path) -> list[C.Sentence]:
    return T.split_dev(C.anercorp(T._path(data, T.ANER_TRAIN)))[1]


def sweep(model: EnsembleNerModel, dev: list[C.Sentence], grid: dict = GRID) -> list[dict]:
    """Dev P/R/F1 of every grid point (both models' scores computed once)."""
    docs = [dev[i:i + T.PSEUDO_DOC] for i in range(0, len(dev), T.PSEUDO_DOC)]
    cached = []
    for doc in docs:
        toks = [t for t, _ in doc]
        full = [t for t in toks if t]
        cached.append((toks, model.scores(full) if full else ([], [])))
    gold = [to_conll(g) for _, g in dev]
    rows = []
    for method, weight, o_bias in itertools.product(*grid.values()):
        model.method, model.weight, model.o_bias = method, weight, o_bias
        pred: list[list[str]] = []
        for toks, (crf, nn) in cached:
            paths = iter(model.combine(crf, nn) if crf else [])
            tags = [[model.tags[k] for k in next(paths)] if t else [] for t in toks]
            pred += propagate(toks, tags, common=model.nn.common_words)
        micro = score(gold, [to_conll(p) for p in pred])["micro"]
        rows.append({"method": method, "weight": weight, "o_bias": o_bias,
                     **{k: micro[k] for k in ("precision", "recall", "f1")}})
    return rows


def pick(rows: list[dict], tie: float = TIE) -> dict:
    """The grid row to ship: among rows within ``tie`` of the best dev F1, the highest recall
    (first in grid order among equals)."""
    top = max(r["f1"] for r in rows)
    return max((r for r in rows if r["f1"] >= top - tie), key=lambda r: r["recall"])


def choose(data: Path, out: Path, tier: str = "accurate") -> dict:
    """Sweep the grid on dev and write ``<tier>.ensemble.json`` into ``out``; returns it."""
    t0 = time.time()
    base = {"crf": "fast", "neural": tier, "propagate": True}
    model = EnsembleNerModel(out, tier, {**base, "method": "sequence", "weight": 0.5})
    rows = sweep(model, dev_sentences(data))
    best = pick(rows)
    config = {**base, "method": best["method"], "weight": best["weight"], "o_bias": best["o_bias"],
              "report": {"dev": best, "seconds": round(time.time() - t0, 1), "grid": rows}}
    config_path(out, tier).write_text(json.dumps(config, indent=1), encoding="utf-8")
    log.info("ensemble %s weight %s o_bias %s: dev F1 %.4f", best["method"], best["weight"],
             best["o_bias"], best["f1"])
    return config


if __name__ == "__main__":
    import sys

    from ..ner.model import RESOURCES

    logging.basicConfig(level=logging.INFO)
    here = Path(__file__).resolve().parents[2].parent / "shared" / "data"
    print(json.dumps(choose(Path(sys.argv[1]) if len(sys.argv) > 1 else here, RESOURCES)["report"]["dev"]))
