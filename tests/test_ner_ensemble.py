"""The accurate tier (neural + CRF ensemble), its CRF arithmetic, word rules and error analysis."""
from __future__ import annotations

import itertools
import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.ner import crf_math
from marsad.ner.analysis import classify, confusion, table
from marsad.ner.decode import never_in_name, splits_name
from marsad.ner.filters import currency_only
from marsad.ner.model import RESOURCES, NerModel
from marsad.ner.tags import spans_from_bio

SENTS = [["قال", "الرئيس", "الروسي", "فلاديمير", "بوتين", "في", "موسكو", "."], [], ["x"], ["،", "."],
         ["وأعلنت", "وزارة", "الخارجية", "المصرية", "أن", "الوزير", "سامح", "شكري", "سيزور",
          "واشنطن", "وباريس", "الأسبوع", "المقبل"]]


def _brute(em, trans, start, end):
    """Exact marginals and best path by enumerating every label sequence."""
    n, k = em.shape
    probs, best = np.zeros((n, k)), None
    for y in itertools.product(range(k), repeat=n):
        s = start[y[0]] + end[y[-1]] + sum(em[i, y[i]] for i in range(n)) \
            + sum(trans[y[i - 1], y[i]] for i in range(1, n))
        for i in range(n):
            probs[i, y[i]] += np.exp(s)
        if best is None or s > best[0]:
            best = (s, list(y))
    return probs / probs[0].sum(), best[1]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 4), min_size=1, max_size=4), st.integers(0, 10_000))
def test_ner_crf_math_marginals_and_viterbi_are_exact(lengths, seed):
    rng = np.random.default_rng(seed)
    k = 3
    ems = [rng.normal(size=(n, k)) * 3 for n in lengths]
    trans, start, end = rng.normal(size=(k, k)), rng.normal(size=k), rng.normal(size=k)
    margs = crf_math.marginals(ems, trans, start, end)
    paths = crf_math.viterbi(ems, trans, start, end)
    for em, got, path in zip(ems, margs, paths):
        want, best = _brute(em, trans, start, end)
        np.testing.assert_allclose(got, want, atol=1e-9)
        assert path == best
    assert crf_math.marginals([], trans) == [] and crf_math.viterbi([], trans) == []


def test_ner_crf_math_bio_constraint_gives_valid_sequences():
    tags = ["O", "B-PERSON", "I-PERSON", "B-ORG", "I-ORG"]
    trans, start = crf_math.bio_transitions(tags)
    rng = np.random.default_rng(3)
    ems = [rng.normal(size=(n, 5)) * 5 for n in (1, 2, 7, 20)]
    ems[0][0, 2] = 50.0                                   # an I- wanted at the start
    for path in crf_math.viterbi(ems, trans, start):
        labels = [tags[k] for k in path]
        for i, lab in enumerate(labels):
            if lab.startswith("I-"):
                assert i > 0 and labels[i - 1][2:] == lab[2:], labels


@pytest.fixture(scope="module")
def ensemble():
    from marsad.ner.ensemble import EnsembleNerModel, config_path

    if not config_path(RESOURCES, "accurate").exists():
        pytest.skip("no ensemble shipped")
    return EnsembleNerModel(RESOURCES, "accurate")


def _variant(ensemble, **cfg):
    from marsad.ner.ensemble import EnsembleNerModel

    return EnsembleNerModel(RESOURCES, "accurate", {**ensemble.config, **cfg})


def test_ner_ensemble_ends_equal_each_model(ensemble):
    """Weight 1 is the neural tagger alone, weight 0 the fast CRF alone (same rules, O-bias 0)."""
    from marsad.ner.neural import NeuralNerModel

    docs = [SENTS, [["وقال", "عادل", "الجبير", "إن", "الرياض", "وطهران", "اتفقتا"]]]
    nn, crf = NeuralNerModel(RESOURCES, "accurate"), NerModel(RESOURCES, "fast")
    only_nn = _variant(ensemble, method="sequence", weight=1.0, o_bias=0.0)
    only_crf = _variant(ensemble, method="sequence", weight=0.0, o_bias=0.0)
    for doc in docs:
        assert only_nn.tag_document(doc) == nn.tag_document(doc)
        assert only_crf.tag_document(doc) == crf.tag_document(doc)


@pytest.mark.parametrize("method", ["sequence", "linear", "log"])
def test_ner_ensemble_methods_tag_names_and_survive_odd_input(ensemble, method):
    model = _variant(ensemble, method=method)
    out = model.tag_document(SENTS)
    assert [len(t) for t in out] == [len(s) for s in SENTS]
    spans = {(" ".join(SENTS[0][s:e]), t) for s, e, t in spans_from_bio(out[0])}
    assert ("فلاديمير بوتين", "PERSON") in spans and ("موسكو", "GPE") in spans
    assert model.tag_document([]) == [] and model.tag_document([[], []]) == [[], []]
    assert model.tag(["؟؟", "،", "-", "."]) == ["O"] * 4        # punctuation is never a name
    assert len(model.tag(["123", "a" * 80, "ـــ", "\u200f"])) == 4


def test_ner_ensemble_is_picklable(ensemble):
    copy = pickle.loads(pickle.dumps(ensemble))
    assert copy.tag_document(SENTS) == ensemble.tag_document(SENTS)


def test_ner_ensemble_bad_config_is_a_clear_error(tmp_path):
    from marsad.errors import MarsadError
    from marsad.ner.ensemble import EnsembleNerModel

    (tmp_path / "accurate.ensemble.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(MarsadError, match="E460"):
        EnsembleNerModel(tmp_path, "accurate")
    with pytest.raises(MarsadError, match="E461"):
        EnsembleNerModel(RESOURCES, "accurate", {"method": "vote", "weight": 0.5})


# ---- word rules (both tiers) --------------------------------------------------------------
@pytest.mark.parametrize("word, blocked", [("-", True), ("،", True), (",", True), ("«", True),
                                           ("(", True), ("3", False), ("موسكو", False)])
def test_ner_punctuation_never_in_name(word, blocked):
    assert never_in_name(word) is blocked


def test_ner_coordinated_name_word_splits():
    words = frozenset(["ياسمين", "موناكو", "وليد", "بوتين"])
    assert splits_name("وياسمين", words) and splits_name("وموناكو", words)
    assert not splits_name("وليد", words | {"ليد"})       # the whole word is a known name
    assert not splits_name("وزارة", words) and not splits_name("ياسمين", words)


@pytest.mark.parametrize("tier", ["fast", "accurate"])
def test_ner_dateline_dash_and_comma_end_names(tier):
    from marsad.ner.model import load_model

    model = load_model(tier)
    doc = [["موسكو", "-", "فلاديمير", "بوتين", "يستقبل", "شي", "جين", "بينغ", "،", "وكيم", "جونغ",
            "أون", "في", "الكرملين"],
           ["باريس", "-", "أ", "ف", "ب", ":", "قال", "إيمانويل", "ماكرون", ",", "أنغيلا", "ميركل"]]
    for sent, tags in zip(doc, model.tag_document(doc)):
        for s, e, _ in spans_from_bio(tags):
            assert not any(never_in_name(w) for w in sent[s:e]), (sent[s:e], tier)
    spans = {(" ".join(doc[0][s:e]), t) for s, e, t in spans_from_bio(model.tag_document(doc)[0])}
    assert ("موسكو", "GPE") in spans and ("فلاديمير بوتين", "PERSON") in spans


# ---- currency names are units, not entities (entities.v1) --------------------------------
@pytest.mark.parametrize("words, unit", [
    (["دولار"], True), (["الدولار", "الأمريكي"], True), (["بالجنيه", "الإسترليني"], True),
    (["ريال"], True), (["ريالات"], True), (["لريال"], True), (["وبين"], False), (["لين"], False), (["اليورو"], True), (["ريال", "مدريد"], False),
    (["بين"], False), (["الدولار", "هونغ", "كونغ"], False), ([], False), (["موسكو"], False),
])
def test_ner_currency_only_mentions(words, unit):
    assert currency_only(words) is unit


def test_ner_component_drops_currency_but_keeps_clubs():
    from marsad.api import process_text
    from marsad.pipeline import load_pipeline

    pipe = load_pipeline(names=["sentences.v1", "tokens.v1", "entities.v1"])
    text = ("ارتفع سعر الدولار الأمريكي إلى 3.75 ريال سعودي، وتراجع اليورو أمام الين. "
            "وفاز ريال مدريد على برشلونة في بكين وباريس.")
    art = process_text(text, pipeline=pipe)[0]
    found = {art.span_text(s) for s in art.layer("ents")}
    assert not found & {"الدولار الأمريكي", "الدولار", "ريال", "ريال سعودي", "اليورو", "الين"}
    assert "ريال مدريد" in found
    assert {"بكين", "باريس"} <= found                     # not كين / اريس (ب is part of the name)


# ---- error analysis --------------------------------------------------------------------------
def test_ner_analysis_classifies_each_error_once():
    gold = ["B-PERS", "I-PERS", "O", "B-ORG", "O", "B-LOC", "O", "B-MISC", "I-MISC", "O"]
    pred = ["B-PERS", "O", "O", "B-LOC", "B-PERS", "B-LOC", "O", "B-ORG", "O", "B-ORG"]
    kinds = sorted((k, t) for k, t, _, _ in classify(gold, pred))
    assert kinds == [("boundary", "PERS"), ("boundary_type", "MISC"), ("correct", "LOC"),
                     ("spurious", "ORG"), ("spurious", "PERS"), ("wrong_type", "ORG")]
    result = confusion([list("abcdefghij")], [gold], [pred])
    rows = {r["type"]: r for r in table(result)}
    assert rows["all"]["correct"] == 1 and rows["all"]["spurious"] == 2
    assert result["type_pairs"] == {("ORG", "LOC"): 1, ("MISC", "ORG"): 1}
    assert classify(["B-PERS"], ["O"]) == [("missed", "PERS", (0, 1, "PERS"), None)]


_WORDS = st.text(alphabet="ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآىة،.-«»0123456789 \u064b\u0640x", min_size=1,
                 max_size=12).map(lambda w: w.replace(" ", "") or "ـ")


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=15), max_size=6))
def test_ner_ensemble_never_crashes_and_tags_every_token(ensemble, doc):
    out = ensemble.tag_document(doc)
    assert [len(t) for t in out] == [len(s) for s in doc]
    for sent, tags in zip(doc, out):
        for s, e, typ in spans_from_bio(tags):
            assert typ in {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "MISC"}
            assert not any(never_in_name(w) for w in sent[s:e])


@pytest.mark.parametrize("words, dropped", [
    (["جامعة"], True), (["وجامعة"], True), (["لوزارة"], True), (["محافظة"], True),
    (["الجامعة"], False), (["جامعة", "لشبونة"], False), (["جازان"], False), (["دولار"], True),
])
def test_ner_bare_head_nouns_and_currencies_are_not_entities(words, dropped):
    from marsad.ner.filters import not_an_entity

    assert not_an_entity(words) is dropped


@pytest.mark.parametrize("tier", ["fast", "accurate"])
def test_ner_months_never_in_names_and_weekdays_never_start_one(tier):
    from marsad.ner.decode import never_starts_name
    from marsad.ner.model import load_model

    doc = [["الرياض", "-", "12", "أغسطس", "(", "واس", ")", ":", "وصل", "الأمير", "خالد", "الفيصل",
            "يوم", "الخميس", "إلى", "جدة"],
           ["وقال", "محمد", "الخميس", "إن", "اجتماع", "الخميس", "ناجح"]]
    out = load_model(tier).tag_document(doc)
    for sent, tags in zip(doc, out):
        for s, e, _ in spans_from_bio(tags):
            assert not any(never_in_name(w) for w in sent[s:e]) and not never_starts_name(sent[s])
    assert out[0][3] == "O" and out[0][13] == "O" and out[1][5] == "O"
    assert never_starts_name("الخميس") and never_in_name("وأغسطس") and not never_in_name("نيسان")
