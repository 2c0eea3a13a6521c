"""NER word normalisation, clitic stripping of mention starts, tag mapping and BIO helpers."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from marsad.ner.corpora import rejoin_clitics
from marsad.ner.score import score, to_conll
from marsad.ner.tags import FINE_TO_TYPE, TYPE_TO_CONLL, TYPES, map_tags, spans_from_bio
from marsad.ner.text import fold, mention_start, strip_prefix

LEX = frozenset({"بوتين", "لبنان", "كيم", "باريس"})


@pytest.mark.parametrize("word, cut", [
    ("وبوتين", 1),      # و + known name
    ("بوتين", 0),       # the name itself (ب is part of it)
    ("لبنان", 0),       # known whole word: ل is not a preposition here
    ("ولبنان", 1),
    ("وبباريس", 2),     # و + ب
    ("والروسي", 1),     # proclitic before ال is always cut; ال stays
    ("للحكومة", 1),     # ل + (ا)ل: mention starts at the second ل
    ("الروسي", 0),
    ("وَبوتين", 2),     # a diacritic on the conjunction moves the cut in the original word
    ("Putin", 0),
    ("وزير", 0),        # و that is not a clitic: remainder unknown
])
def test_ner_text_mention_start(word, cut):
    assert mention_start(word, LEX) == cut


@given(st.text(alphabet="وفبلكالرسيتنَُِّـ", min_size=1, max_size=12))
def test_ner_text_mention_start_leaves_a_surface(word):
    cut = mention_start(word, LEX)
    assert 0 <= cut < len(word)


def test_ner_text_fold_and_strip():
    assert fold("أَلمانيا") == "المانيا"
    assert fold("مدرسةٌ") == "مدرسه"
    assert strip_prefix(fold("وألمانيا")) == ("و", "المانيا")
    assert strip_prefix("والعراق") == ("و", "العراق")
    assert strip_prefix("بالعراق") == ("ب", "العراق")
    assert strip_prefix("للحكومه") == ("ل", "الحكومه")


def test_ner_tags_fine_mapping_covers_news_types():
    assert FINE_TO_TYPE["Politician"] == "PERSON"
    assert FINE_TO_TYPE["Nation"] == "GPE"
    assert FINE_TO_TYPE["Water-Body"] == "LOC"
    assert FINE_TO_TYPE["Building-Grounds"] == "FAC"
    assert FINE_TO_TYPE["Group"] == "NORP"
    assert FINE_TO_TYPE["Software"] == "PRODUCT"
    assert set(FINE_TO_TYPE.values()) <= set(TYPES)
    assert {TYPE_TO_CONLL[t] for t in TYPES} == {"PERS", "LOC", "ORG", "MISC"}


def test_ner_tags_map_and_back_to_conll():
    tags = ["B-Politician", "I-Politician", "O", "B-Nation", "B-Weird"]
    mapped = map_tags(tags, FINE_TO_TYPE)
    assert mapped == ["B-PERSON", "I-PERSON", "O", "B-GPE", "O"]
    assert to_conll(mapped) == ["B-PERS", "I-PERS", "O", "B-LOC", "O"]


def test_ner_tags_spans_follow_seqeval():
    assert spans_from_bio(["B-PER", "I-PER", "I-LOC", "O", "I-ORG"]) == [
        (0, 2, "PER"), (2, 3, "LOC"), (4, 5, "ORG")]


def test_ner_score_exact_match_only():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"]]
    pred = [["B-PERS", "O", "O", "B-LOC"]]
    s = score(gold, pred)
    assert s["micro"]["precision"] == 0.5 and s["micro"]["recall"] == 0.5
    assert s["LOC"]["f1"] == 1.0 and s["PERS"]["f1"] == 0.0


def test_ner_corpora_rejoin_split_clitics():
    toks = ["و", "المانيا", "و", "ل", "الحكومه", "عاصمه", "ها", "ب", "باريس"]
    tags = ["O", "B-GPE", "O", "O", "B-ORG", "O", "O", "O", "B-GPE"]
    assert rejoin_clitics(toks, tags) == (
        ["والمانيا", "وللحكومه", "عاصمهها", "بباريس"], ["B-GPE", "B-ORG", "O", "B-GPE"])


def test_mention_start_keeps_a_letter_before_a_word_that_is_no_definite_noun():
    from marsad.ner.text import mention_start
    # كاليه (Calais) is no ك + إليه; والروسي still loses its و
    assert mention_start("كاليه", frozenset({"اليه"})) == 0
    assert mention_start("والروسي", frozenset()) == 1
    assert mention_start("وكانا", frozenset({"انا"})) == 0
