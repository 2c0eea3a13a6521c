"""Open name lexicons (marsad/resources/ner/lexicons/) as NER gazetteer features."""
from __future__ import annotations

import dataclasses
import re

import pytest

from marsad.ner import gazetteer as G
from marsad.ner.features import TIERS, Featurizer
from marsad.ner.gazetteer import Gazetteer, lexicon_rows
from marsad.train.lexicons import arabic_words, clean

LISTS = ("wikidata_person_words.txt", "wikipedia_name_words.txt", "first_names.txt",
         "last_names.txt", "clubs.txt")
ARABIC_LINE = re.compile(r"^[\u0621-\u064A]+( [\u0621-\u064A]+)*$")
BASE = TIERS["fast2"]
WITH_LEX = dataclasses.replace(BASE, lexicon=True)


@pytest.mark.parametrize("name", LISTS)
def test_lexicon_lists_are_sorted_unique_arabic_and_documented(name):
    lines = (G.LEXICONS / name).read_text(encoding="utf-8").splitlines()
    assert len(lines) > 40
    assert lines == sorted(set(lines))
    bad = [x for x in lines if not ARABIC_LINE.match(x)]
    assert not bad, bad[:5]
    assert name in (G.LEXICONS / "SOURCES.md").read_text(encoding="utf-8")


def test_lexicons_stay_small():
    assert sum((G.LEXICONS / n).stat().st_size for n in LISTS) < 2_000_000


def test_known_foreign_and_arabic_names_are_in_the_person_words():
    words = {w for _, w in lexicon_rows()}
    # foreign names ANERcorp train never shows, and Arabic given names (folded: ة -> ه)
    assert {"موغيريني", "شوارزنيغر", "فاطمه"} <= words


def test_lexicon_rows_fold_and_filter_common_and_short_words(tmp_path):
    (tmp_path / "people.txt").write_text("أمل\nفولكسفاغن\nبن\nمُوغيريني\n", encoding="utf-8")
    (tmp_path / "clubs.txt").write_text("نادي الترسانة\n", encoding="utf-8")
    rows = lexicon_rows({"امل"}, person_lists=("people.txt",), org_lists=("clubs.txt",),
                        folder=tmp_path)
    assert rows == [("LX:ORG", "نادي الترسانه"), ("LX:PERSON_WORD", "فولكسفاغن"),
                    ("LX:PERSON_WORD", "موغيريني")]
    merged = lexicon_rows(person_lists=("people.txt",), separate=False, folder=tmp_path)
    assert ("PERSON_WORD", "امل") in merged and ("PERSON_WORD", "بن") not in merged


def test_person_word_rows_mark_words_but_never_match_as_phrases():
    gaz = Gazetteer([("GPE", "موسكو"), ("PERSON_WORD", "موغيريني")])
    assert "PERSON" in gaz.words["موغيريني"]
    assert gaz.match(["موغيريني", "في", "موسكو"]) == ["O", "O", "B-GPE"]


def test_lx_rows_leave_the_curated_features_unchanged():
    curated = [("GPE", "موسكو"), ("PERSON", "فلاديمير بوتين")]
    lex = [("LX:PERSON_WORD", "موغيريني"), ("LX:ORG", "نادي الترسانه"), ("LX:ORG", "موسكو")]
    sent = ["التقت", "موغيريني", "بوتين", "في", "موسكو", "ونادي", "الترسانة"]
    plain = Featurizer(BASE, Gazetteer(curated), {}).features(sent)
    assert Featurizer(BASE, Gazetteer(curated + lex), {}).features(sent) == plain
    assert not any(x.startswith(("lx", "-1lx", "+1lx")) for f in plain for x in f)


def test_lexicon_option_adds_its_own_word_and_phrase_features():
    gaz = Gazetteer([("GPE", "موسكو"), ("LX:PERSON_WORD", "موغيريني"),
                     ("LX:ORG", "نادي الترسانه")])
    f = Featurizer(WITH_LEX, gaz, {}).features(["التقت", "وموغيريني", "ونادي", "الترسانة", "اليوم"])
    assert "lxw=PER" not in f[0] and "lxc=PER" in f[1]      # و + name: the clitic is stripped
    assert "gzw=PERSON" not in f[1]                          # not mixed into the curated class
    assert "lx=B-ORG" in f[2] and "lx=I-ORG" in f[3] and "+1lx=B-ORG" in f[1]
    assert "-1lx=I-ORG" in f[4] and not any(x.startswith("lx=") for x in f[4])


def test_extraction_keeps_only_arabic_letters_without_diacritics():
    assert clean(" مُحَمَّد  ـعلي ") == "محمد علي"
    assert arabic_words(["مُوغيريني", "Mogherini", "ب", "سان-جيرمان", "موغيريني", "نور"]) == \
        ["موغيريني", "نور"]


def test_curated_types_win_over_the_lexicon():
    # روسي is a demonym in the curated lists (and Rossi in Wikidata): no lexicon person word
    gaz = Gazetteer([("NORP", "روسي"), ("PERSON", "بوتين"), ("LX:PERSON_WORD", "روسي"),
                     ("LX:PERSON_WORD", "بوتين"), ("LX:PERSON_WORD", "موغيريني")])
    assert set(gaz.lex_words) == {"بوتين", "موغيريني"}


def test_lexicon_pairs_need_a_person_neighbour_for_frequent_words():
    gaz = Gazetteer([("LX:PERSON_WORD", "الصديق"), ("LX:PERSON_WORD", "موغيريني"),
                     ("LX:PERSON_WORD", "غالي"), ("PERSON_WORD", "عادل"), ("NORP", "ايراني")])
    cfg = dataclasses.replace(WITH_LEX, lexicon_pairs=True)
    clusters = {"الصديق": "01", "غالي": "01", "ايراني": "10"}
    sent = ["قال", "الصديق", "إن", "موغيريني", "وعادل", "غالي", "ايراني", "غالي"]
    f = [set(x) for x in Featurizer(cfg, gaz, clusters).features(sent)]
    assert not {"lxw=PER", "lxp=PER"} & f[1]                 # frequent word, alone: nothing
    assert "lxw=PER" in f[3]                                 # rare word: a name on its own
    assert "lxp=PER" in f[5] and "lxw=PER" not in f[5]       # frequent, after a person word
    assert "lxp=PER" not in f[7]                             # a demonym is no person neighbour
