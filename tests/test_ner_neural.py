"""The neural (accurate) NER tier: numpy inference, its agreement with torch, robustness."""
from __future__ import annotations

import itertools
import json
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.ner.model import RESOURCES
from marsad.ner.neural import Network, NeuralNerModel, is_neural
from marsad.ner.neural_features import MAX_CHARS, word_key
from marsad.ner.tags import spans_from_bio

pytestmark = pytest.mark.skipif(not is_neural(RESOURCES, "accurate"),
                                reason="no neural accurate model shipped")


@pytest.fixture(scope="module")
def model() -> NeuralNerModel:
    return NeuralNerModel(RESOURCES, "accurate")


@pytest.fixture(scope="module")
def reference(model) -> list[dict]:
    return model.meta["reference"]


def test_ner_neural_reproduces_scores_recorded_at_export(model, reference):
    assert len(reference) >= 3
    for ref in reference:
        enc = tuple(np.array(ref[k], dtype=np.int64) for k in ("wids", "feats", "chars"))
        em = model.net.emissions([enc])[0]
        assert em.shape == (len(ref["tokens"]), len(model.tags))
        np.testing.assert_allclose(em, np.array(ref["emissions"]), atol=2e-3)
        path, _ = model.net.viterbi(em)
        assert [model.tags[k] for k in path] == ref["tags"]


def test_ner_neural_encoder_reproduces_recorded_inputs(model, reference):
    """Word, gazetteer, clitic, shape, cluster and char ids (all ship inside the model)."""
    for ref in reference:
        wids, feats, chars = model.encoder.encode(ref["tokens"])
        assert wids.tolist() == ref["wids"]
        assert feats.tolist() == ref["feats"]
        assert chars.tolist() == ref["chars"]


def test_ner_neural_finds_people_and_places(model):
    toks = "قال الرئيس الروسي فلاديمير بوتين في موسكو إن روسيا سترد .".split()
    spans = {(" ".join(toks[s:e]), t) for s, e, t in spans_from_bio(model.tag(toks))}
    assert ("فلاديمير بوتين", "PERSON") in spans
    assert ("موسكو", "GPE") in spans


def _brute_force(em: np.ndarray, net: Network) -> float:
    best = -np.inf
    for path in itertools.product(range(em.shape[1]), repeat=len(em)):
        s = net.start[path[0]] + em[0, path[0]] + net.end[path[-1]]
        s += sum(net.trans[a, b] + em[i + 1, b] for i, (a, b) in enumerate(zip(path, path[1:])))
        best = max(best, s)
    return best


def test_ner_neural_viterbi_finds_the_best_path(model):
    rng = np.random.default_rng(3)
    net = Network.__new__(Network)
    for _ in range(5):
        k, n = 4, int(rng.integers(1, 5))
        net.trans, net.start, net.end = (rng.normal(size=(k, k)), rng.normal(size=k),
                                         rng.normal(size=k))
        em = rng.normal(size=(n, k))
        path, score = net.viterbi(em)
        assert len(path) == n
        assert score == pytest.approx(_brute_force(em, net))


def test_ner_neural_odd_input(model):
    assert model.tag_document([]) == []
    assert model.tag_document([[], ["قال"], []])[0] == []
    long_word = "ب" * (MAX_CHARS * 3)
    odd = [long_word, "😀", "\u200f", "123", "ABC", "؟", "x" * 200]
    tags = model.tag_document([odd])
    assert len(tags[0]) == len(odd)
    assert set(tags[0]) <= set(model.tags)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.text(min_size=1, max_size=12).filter(lambda s: not s.isspace()),
                         max_size=12), max_size=5))
def test_ner_neural_one_valid_tag_per_token(model, sentences):
    tags = model.tag_document(sentences)
    assert [len(t) for t in tags] == [len(s) for s in sentences]
    assert all(t in model.tags for sent in tags for t in sent)


def test_ner_neural_batching_does_not_change_tags(model, reference):
    sents = [r["tokens"] for r in reference]
    alone = [model.tag(s) for s in sents]
    assert alone == [r["tags"] for r in reference]
    assert model._tag_batch(sents + [["قال"]] + sents[::-1]) == alone + [model.tag(["قال"])] + alone[::-1]


def test_ner_neural_pickles(model, reference):
    again = pickle.loads(pickle.dumps(model))
    assert [again.tag(r["tokens"]) for r in reference] == [r["tags"] for r in reference]


def test_ner_neural_word_key_strips_clitics_and_folds():
    assert word_key("وبالأمس") == word_key("الأمس") == "الامس"
    assert word_key("والرياض") == "الرياض"
    assert word_key("2024") == word_key("١٩٩٩") == "0000"


def test_ner_neural_runtime_never_imports_torch():
    code = ("import sys\nfrom marsad.ner.model import load_model\n"
            "m = load_model('accurate')\n"
            "m.tag_document([['قال', 'بوتين', 'في', 'موسكو']])\n"
            "print('torch' in sys.modules, type(m).__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "EnsembleNerModel"]   # neural + CRF, no torch


def test_ner_neural_numpy_equals_torch(model, reference):
    torch = pytest.importorskip("torch")
    from marsad.train.ner_neural import batch_tensors, net_from_npz

    net = net_from_npz(RESOURCES / "accurate.npz")
    sents = [r["tokens"] for r in reference] + [["قال"], ["x", "😀", "٢٠٢٤"]]
    enc = [model.encoder.encode(s) for s in sents]
    wids, feats, chars, lens, _, _ = batch_tensors(torch, enc)
    with torch.no_grad():
        ref = net(wids, feats, chars, lens).numpy()
    for i, em in enumerate(model.net.emissions(enc)):
        np.testing.assert_allclose(em, ref[i, :len(em)], atol=1e-4)


def test_ner_neural_report_is_recorded(model):
    report = model.meta["report"]
    assert report["dev"]["micro"]["f1"] > 0.6
    assert report["train_seconds"] > 0
    assert json.dumps(model.meta["config"])
    assert Path(RESOURCES / "accurate.npz").stat().st_size == report["model_bytes"]


def test_ner_neural_pickle_leaves_caches_behind(model):
    model.tag_document([["قال", "بوتين", "في", "موسكو"]])
    assert model.encoder._cache and model.net._char_cache
    clone = pickle.loads(pickle.dumps(model))
    assert not clone.encoder._cache and not clone.net._char_cache
    assert clone.tag(["قال", "بوتين"]) == model.tag(["قال", "بوتين"])
