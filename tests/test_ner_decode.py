"""The numpy document decoder of the NER tiers gives CRFsuite's own labels."""
from __future__ import annotations

import random

import pytest

from marsad.ner import decode
from marsad.ner.decode import Decoder
from marsad.ner.model import load_model

SENTS = [["قال", "الرئيس", "الروسي", "فلاديمير", "بوتين", "في", "موسكو", "."],
         [], ["x"], ["،", "."],
         ["وأعلنت", "وزارة", "الخارجية", "المصرية", "أن", "الوزير", "سامح", "شكري", "سيزور",
          "واشنطن", "وباريس", "الأسبوع", "المقبل"],
         ["التقى", "بان", "كي", "مون", "الأمين", "العام", "للأمم", "المتحدة", "في", "نيويورك"]]


def _crfsuite(model, sents):
    return [model._tagger.tag(model.featurizer.features(s)) if s else [] for s in sents]


def test_ner_decoder_document_equals_crfsuite_per_sentence():
    model = load_model("fast")
    dec = Decoder(model._tagger, model.featurizer, 0.0)
    rng = random.Random(5)
    words = [w for s in SENTS for w in s]
    docs = [SENTS] + [[rng.sample(words, rng.randint(0, 12)) for _ in range(rng.randint(1, 7))]
                      for _ in range(30)]
    for doc in docs:
        assert dec.tag_document(doc) == _crfsuite(model, doc)
    assert dec.tag_document([]) == [] and dec.tag_document([[], []]) == [[], []]


def test_ner_decoder_bounded_cache_gives_the_same_labels(monkeypatch):
    model = load_model("fast")
    want = _crfsuite(model, SENTS)
    monkeypatch.setattr(decode, "CACHE_WORDS", 6)
    dec = Decoder(model._tagger, model.featurizer, 0.0)
    for _ in range(3):
        assert dec.tag_document(SENTS) == want
        assert len(dec._ids) <= max(6, max(len(set(s)) for s in SENTS) + 20)


def test_ner_decoder_on_anercorp_train_equals_crfsuite(shared_dir):
    from marsad.ner.corpora import anercorp

    path = shared_dir / "data" / "anercorp" / "ANERCorp_CamelLab_train.txt"
    if not path.exists():
        pytest.skip("ANERcorp not available")
    model = load_model("fast")
    sents = [t for t, _ in anercorp(path)][:600]
    dec = Decoder(model._tagger, model.featurizer, 0.0)
    got = [t for i in range(0, len(sents), 20) for t in dec.tag_document(sents[i:i + 20])]
    assert got == _crfsuite(model, sents)


def test_ner_decoder_small_batches_and_a_very_long_sentence(monkeypatch):
    model = load_model("fast")
    long = [w for s in SENTS for w in s] * 40          # one ~1,500-token sentence
    doc = SENTS + [long] + SENTS
    want = _crfsuite(model, doc)
    assert Decoder(model._tagger, model.featurizer, 0.0).tag_document(doc) == want
    monkeypatch.setattr(decode, "BATCH_CELLS", 5)       # every sentence alone or in pairs
    assert Decoder(model._tagger, model.featurizer, 0.0).tag_document(doc) == want


def test_ner_decoder_adverb_rule_keeps_tanween_words_out_of_mentions():
    model = load_model("fast")
    doc = [["وقال", "كيم", "مخاطباً", "الرئيس", "الروسي", "إن", "القوات", "ستشارك", "«", "قريباً", "»"],
           ["وصل", "بوتين", "إلى", "موسكو", "أمس"]]
    plain = Decoder(model._tagger, model.featurizer, 0.0).tag_document(doc)
    ruled = Decoder(model._tagger, model.featurizer, 0.0, adverb_rule=True).tag_document(doc)
    assert ruled[0][2] == "O" and ruled[0][9] == "O"
    assert ruled[1] == plain[1]                                # no tanween: same labels
    assert model.tag_document(doc)[0][2] == "O"              # shipped models use the rule


@pytest.mark.parametrize("word, blocked", [
    ("على", True), ("وعلى", True), ("في", True), ("وقال", True), ("فإثر", True), ("فرنسا", False), ("فإن", False),
    ("قريباً", True), ("علي", False), ("بيونغ", False), ("هو", False), ("الفلبين", False),
    ("في" + "\u064b", True),
])
def test_ner_never_in_name_word_classes(word, blocked):
    assert decode.never_in_name(word) is blocked


def test_ner_closed_class_words_never_start_or_end_a_mention():
    model = load_model("fast")
    doc = [["وأكد", "أن", "العقوبات", "على", "بيونغ", "يانغ", "لن", "تنجح"],
           ["وقال", "الرئيس", "على", "عبد", "الله", "صالح", "في", "صنعاء"]]
    for sent, tags in zip(doc, model.tag_document(doc)):
        for word, tag in zip(sent, tags):
            if decode.never_in_name(word):
                assert tag == "O", (word, sent, tags)
