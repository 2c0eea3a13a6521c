"""Training corpora: NewsFANE minus ANERcorp test really has no test sentence left in it."""
from __future__ import annotations

import re

import pytest

from marsad.ner import corpora as C
from marsad.ner.text import fold


def _words(tokens: list[str]) -> list[str]:
    """Independent of the filter's letter chunks: folded words, clitics split off crudely."""
    text = fold(" ".join(tokens))
    text = re.sub(r"(?<!\S)([وفبلك])(?=ال)", r"\1 ", text)
    return re.findall(r"[\u0621-\u064A0-9A-Za-z]+", text)


def _ngrams(words: list[str], n: int = 7) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


@pytest.fixture(scope="module")
def corpora(shared_dir):
    data = shared_dir / "data"
    test = C.anercorp(data / "anercorp" / "ANERCorp_CamelLab_test.txt")
    news = C.fane(data / "newsfane_gold" / "NewsFANE_Gold_2014_170K.txt")
    return test, news


def test_ner_corpora_newsfane_filter_leaves_no_test_overlap(corpora):
    test, news = corpora
    kept = C.OverlapFilter([t for t, _ in test]).keep(news)
    test_grams = set().union(*(_ngrams(_words(t)) for t, _ in test))
    leaked = [t for t, _ in kept if _ngrams(_words(t)) & test_grams]
    assert not leaked, " ".join(leaked[0])
    # and the filter is not trivially empty: most of NewsFANE (= ANERcorp train) survives
    assert 0.7 * len(news) < len(kept) < len(news) - 700


def test_ner_corpora_filter_catches_respelled_and_resplit_sentences():
    f = C.OverlapFilter([["أعلن", "اتحاد", "صناعة", "السيارات", "في", "ألمانيا", "امس", "الاول"]])
    assert f.overlaps(["اعلن", "اتحاد", "صناعه", "السيارات", "في", "المانيا", "امس"])
    assert f.overlaps(["و", "اعلن", "اتحاد", "صناعة", "السيارات", "في", "المانيا"])
    assert not f.overlaps(["اعلنت", "الحكومة", "الفرنسية", "اليوم", "عن", "خطة", "جديدة"])


def test_ner_corpora_readers_map_to_marsad_types(shared_dir):
    data = shared_dir / "data"
    seen = set()
    for sents in (C.wojood(data / "wojood_sample"), C.aqmar(data / "aqmar")):
        for toks, tags in sents[:400]:
            assert len(toks) == len(tags)
            seen |= {t[2:] for t in tags if t != "O"}
    assert seen <= {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "MISC"}
    assert {"PERSON", "ORG", "GPE"} <= seen
