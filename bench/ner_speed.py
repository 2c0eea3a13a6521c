"""NER tagging speed per tier (tokens/s on one core, CPU time, feature extraction included).

    .venv/bin/python bench/ner_speed.py [--conll FILE] [--repeat 3]

Cold = fresh model (empty per-word caches), warm = the same text again. Prints each tier's rate
and its ratio to the target (fast 50,000 tokens/s, accurate 5,000), measured in the same run,
and the rate of the previous path (per-sentence feature lists into CRFsuite's own tagger, still
used for training) with the ratio between the two; for the accurate ensemble, the rate of its
neural tagger alone.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from marsad.eval.ner import DEFAULT_CONLL, read_gold
from marsad.ner.model import RESOURCES, NerModel
from marsad.ner.neural import NeuralNerModel, open_model

TARGETS = {"fast": 50_000, "accurate": 5_000}


def rate(model: NerModel, sents: list[list[str]]) -> float:
    n = sum(map(len, sents))
    t0 = time.process_time()
    for i in range(0, len(sents), 20):
        model.tag_document(sents[i:i + 20])
    return n / (time.process_time() - t0)


def rate_crfsuite(model: NerModel, sents: list[list[str]]) -> float:
    """The previous path for comparison: features per sentence + CRFsuite's own tagger."""
    from marsad.ner.model import propagate

    n = sum(map(len, sents))
    tag, feats = model._tagger.tag, model.featurizer.features
    t0 = time.process_time()
    for i in range(0, len(sents), 20):
        doc = sents[i:i + 20]
        propagate(doc, [tag(feats(s)) if s else [] for s in doc])
    return n / (time.process_time() - t0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--conll", type=Path, default=DEFAULT_CONLL)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sents, _ = read_gold(args.conll)
    print(f"{sum(map(len, sents))} tokens, {len(sents)} sentences from {args.conll.name}")
    for tier, target in TARGETS.items():
        model = open_model(RESOURCES, tier)    # the neural tier when <tier>.npz ships
        cold = rate(model, sents)
        warm = max(rate(model, sents) for _ in range(args.repeat))
        print(f"{tier:9s} cold {cold:9,.0f} tok/s ({cold / target:.2f}x target)   "
              f"warm {warm:9,.0f} tok/s ({warm / target:.2f}x target {target:,})")
        if tier == "accurate" and hasattr(model, "nn"):   # the ensemble: its neural half alone
            nn = NeuralNerModel(RESOURCES, tier)
            cold_n = rate(nn, sents)
            warm_n = max(rate(nn, sents) for _ in range(args.repeat))
            print(f"{'':9s} neural alone: cold {cold_n:9,.0f} warm {warm_n:9,.0f} tok/s "
                  f"(ensemble / neural: cold {cold / cold_n:.2f}x, warm {warm / warm_n:.2f}x)")
        if not isinstance(model, NerModel):
            continue
        fresh = NerModel(RESOURCES, tier)
        cold_c = rate_crfsuite(fresh, sents)
        warm_c = max(rate_crfsuite(fresh, sents) for _ in range(args.repeat))
        print(f"{'':9s} crfsuite tagger: cold {cold_c:9,.0f} warm {warm_c:9,.0f} tok/s "
              f"(numpy decoder / crfsuite: cold {cold / cold_c:.2f}x, warm {warm / warm_c:.2f}x)")


if __name__ == "__main__":
    main()
