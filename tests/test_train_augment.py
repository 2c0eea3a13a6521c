"""Mention replacement (marsad/train/augment.py) on hand-written sentences."""
import random

from marsad.ner.tags import spans_from_bio
from marsad.train.augment import attach, augment, clitic, pools, replaced

KNOWN = frozenset({"بوتين", "روسيا", "اوباما", "الامم"})

SENTS = [
    ("قال وبوتين في روسيا".split(), ["O", "B-PERSON", "O", "B-GPE"]),
    ("التقى باراك اوباما في لندن".split(), ["O", "B-PERSON", "I-PERSON", "O", "B-GPE"]),
    ("لا اسم هنا".split(), ["O", "O", "O"]),
]


def test_clitic_only_in_front_of_a_known_word():
    assert clitic("وبوتين", KNOWN) == "و"
    assert clitic("بوتين", KNOWN) == ""        # ب is part of the name, not a clitic
    assert clitic("وليد", KNOWN) == ""          # ليد is not a known mention word


def test_attach_writes_lil_for_l_plus_al():
    assert attach("ل", "الامم") == "للامم"
    assert attach("و", "اوباما") == "واوباما"
    assert attach("", "اوباما") == "اوباما"


def test_pools_strip_the_clitic_and_group_by_type():
    pool = pools(SENTS, KNOWN)
    assert sorted(pool["PERSON"]) == [("باراك", "اوباما"), ("بوتين",)]
    assert sorted(pool["GPE"]) == [("روسيا",), ("لندن",)]


def test_replaced_keeps_context_and_tags_well_formed():
    pool = {"PERSON": [("باراك", "اوباما")], "GPE": [("لندن",)]}
    toks, tags = replaced(*SENTS[0], pool, KNOWN, random.Random(0))
    assert toks == "قال وباراك اوباما في لندن".split()
    assert tags == ["O", "B-PERSON", "I-PERSON", "O", "B-GPE"]
    assert replaced(*SENTS[2], pool, KNOWN, random.Random(0)) is None


def test_augment_adds_one_copy_per_sentence_with_a_name_and_is_deterministic():
    out = augment(SENTS, KNOWN, copies=2, seed=3)
    assert out[:3] == SENTS and len(out) == 3 + 2 * 2
    assert out == augment(SENTS, KNOWN, copies=2, seed=3)
    for toks, tags in out:
        assert len(toks) == len(tags)
        for s, e, typ in spans_from_bio(tags):
            assert typ in ("PERSON", "GPE") and e > s
