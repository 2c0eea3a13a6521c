"""Choosing the accurate ensemble on dev, and the word lists the NER training writes."""
from __future__ import annotations

from collections import Counter

import pytest

from marsad.ner.model import RESOURCES, NerModel
from marsad.ner.score import score, to_conll
from marsad.train import ner as T
from marsad.train.ner_ensemble import pick, sweep


def test_train_ensemble_pick_takes_best_f1_then_recall_within_tie():
    rows = [{"f1": 0.760, "recall": 0.70}, {"f1": 0.768, "recall": 0.69}, {"f1": 0.765, "recall": 0.74}]
    assert pick(rows) == rows[1]                    # shipped: TIE = 0, the dev argmax
    assert pick(rows, tie=0.005) == rows[2]
    assert pick(rows, tie=0.02) == rows[2]
    first, same = dict(rows[0]), dict(rows[0])
    assert pick([first, same]) is first                 # equals: the first in grid order


def test_train_ensemble_sweep_scores_each_setting_like_the_models(shared_dir):
    from marsad.ner.ensemble import EnsembleNerModel, config_path

    path = shared_dir / "data" / T.ANER_TRAIN
    if not path.exists() or not config_path(RESOURCES, "accurate").exists():
        pytest.skip("ANERcorp or the shipped ensemble not available")
    from marsad.ner.corpora import anercorp

    dev = T.split_dev(anercorp(path))[1][:60]
    model = EnsembleNerModel(RESOURCES, "accurate")
    rows = sweep(model, dev, {"method": ("sequence",), "weight": (0.0, 0.3), "o_bias": (0.0,)})
    assert [(r["method"], r["weight"]) for r in rows] == [("sequence", 0.0), ("sequence", 0.3)]
    fast = NerModel(RESOURCES, "fast")               # weight 0 is the fast CRF alone
    pred = []
    for i in range(0, len(dev), T.PSEUDO_DOC):
        pred += fast.tag_document([t for t, _ in dev[i:i + T.PSEUDO_DOC]])
    want = score([to_conll(g) for _, g in dev], [to_conll(p) for p in pred])["micro"]["f1"]
    assert rows[0]["f1"] == want
    assert all(0.0 < r["f1"] <= 1.0 for r in rows)


def test_train_mention_words_keep_names_that_start_with_a_proclitic_letter():
    counts = Counter({"باريس": 40, "اريس": 3, "لروسيا": 2, "روسيا": 90, "وبوتين": 1, "بوتين": 1})
    assert not T._clitic_plus_known("باريس", counts)     # ب + اريس, but باريس is more frequent
    assert T._clitic_plus_known("لروسيا", counts)
    assert T._clitic_plus_known("وبوتين", counts)        # a tie: the clitic reading wins
    assert not T._clitic_plus_known("روسيا", counts)


def test_train_common_words_are_mostly_outside_mentions():
    sents = [(["قال", "الخميس", "بوتين"], ["O", "O", "B-PERSON"])] * 6 + \
            [(["بوتين", "الخميس"], ["B-PERSON", "O"])] * 2
    corpora = {"anercorp": sents * 10, "aqmar": [], "wojood": [], "wikifane": []}
    words = set(T.common_words(corpora))
    assert {"قال", "الخميس"} <= words and "بوتين" not in words
