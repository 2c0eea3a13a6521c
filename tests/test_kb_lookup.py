"""The shipped knowledge base: variant spellings, demonyms, roles by date, ids, loading."""
from __future__ import annotations

import pickle

import pytest

from marsad.errors import ResourceError
from marsad.kb import KB_FILE, load_kb, name_key


@pytest.fixture(scope="module")
def kb():
    return load_kb()


@pytest.mark.parametrize("name, expected", [
    ("سوريا", "Syria"), ("سورية", "Syria"), ("ترمب", "Donald Trump"), ("ترامب", "Donald Trump"),
    ("بيونغ يانغ", "Pyongyang"), ("بيونغيانغ", "Pyongyang"), ("رُوسيا", "Russia"),
    ("Russia", "Russia"), ("كوريا الديمقراطية", "North Korea"), ("عبدالله بن زايد",
                                                                  "Abdullah bin Zayed Al Nahyan"),
    ("عبد الله بن زايد", "Abdullah bin Zayed Al Nahyan"), ("أبوظبي", "Abu Dhabi"),
    ("أبو ظبي", "Abu Dhabi"), ("الأمم المتحدة", "United Nations"), ("أ.ف.ب", "Agence France-Presse"),
])
def test_kb_lookup_variant_spellings(kb, name, expected):
    found = kb.lookup(name)
    assert found, name
    assert found[0].name == expected


@pytest.mark.parametrize("word, country", [
    ("روسي", "RUS"), ("الروسية", "RUS"), ("الروس", "RUS"), ("الكوري الشمالي", "PRK"),
    ("الأميركي", "USA"), ("الأمريكية", "USA"), ("السعودي", "SAU"), ("اليمنيين", "YEM"),
])
def test_kb_lookup_demonyms(kb, word, country):
    ent = kb.demonym(word)
    assert ent is not None and ent.country == country and ent.kind == "country"


def test_kb_lookup_demonym_is_not_a_country_name(kb):
    assert kb.demonym("روسيا") is None
    assert [e.name for e in kb.lookup("الروسية")] == []


@pytest.mark.parametrize("role, of, date, expected", [
    ("president", "USA", "2015-06-01", "Barack Obama"),
    ("president", "USA", "2018-06-01", "Donald Trump"),
    ("president", "USA", "2022-06-01", "Joe Biden"),
    ("president", "RUS", "2010-01-01", "Dmitry Medvedev"),
    ("president", "RUS", "2023-09-13", "Vladimir Putin"),
    ("king", "SAU", "2014-06-01", "King Abdullah bin Abdulaziz"),
    ("king", "SAU", "2015-08-09", "King Salman bin Abdulaziz"),
    ("foreign_minister", "SAU", "2015-01-01", "Saud al-Faisal"),
    ("foreign_minister", "SAU", "2016-01-01", "Adel al-Jubeir"),
    ("secretary_general", "Q1065", "2015-07-22", "Ban Ki-moon"),
])
def test_kb_lookup_role_holder_at_date(kb, role, of, date, expected):
    assert [e.name for e in kb.role_holders(role, of, date)] == [expected]


def test_kb_lookup_role_end_date_is_exclusive(kb):
    # Obama's term ends 2017-01-20, the day Trump's starts: exactly one holder that day
    assert [e.name for e in kb.role_holders("president", "USA", "2017-01-20")] == ["Donald Trump"]


def test_kb_lookup_roles_without_date_lists_all_terms_latest_first(kb):
    names = [e.name for e in kb.role_holders("president", "USA")]
    assert names[:3] == ["Donald Trump", "Joe Biden", "Barack Obama"]


def test_kb_lookup_get_by_id_and_ids_are_stable(kb):
    russia = kb.get("Q159")
    assert russia.name == "Russia" and russia.name_ar == "روسيا" and russia.country == "RUS"
    assert russia.geonames == "2017370" and russia.wikidata == "Q159"
    assert kb.country("rus") is russia
    assert kb.get("nope") is None


def test_kb_lookup_type_filter(kb):
    assert kb.lookup("موسكو", ["PERSON"]) == []
    assert kb.lookup("موسكو", ["LOC"])[0].name == "Moscow"   # GPE/LOC/FAC are one class


def test_kb_lookup_ambiguous_name_prefers_country(kb):
    assert kb.lookup("الكويت")[0].kind == "country"
    assert kb.lookup("موسكو")[0].id == "city:moscow"   # the capital before Moscow, Idaho


def test_kb_lookup_hand_entries_are_marked(kb):
    putin = kb.get("Q7747")
    assert "hand" in putin.sources and putin.roles
    assert all("hand" in e.sources for e in kb.entities() if e.roles)


def test_kb_lookup_pickles_by_path(kb):
    again = pickle.loads(pickle.dumps(kb))
    assert again is kb            # unpickling reloads through the cache
    assert len(pickle.dumps(kb)) < 1000


def test_kb_lookup_small_shipped_file():
    assert KB_FILE.stat().st_size < 3_000_000


def test_kb_lookup_missing_file_is_a_coded_error(tmp_path):
    with pytest.raises(ResourceError) as err:
        load_kb(str(tmp_path / "missing.jsonl.gz"))
    assert err.value.code == "E450"


def test_kb_lookup_name_key_folds_spelling():
    assert name_key("«الأُمم» المتحدة") == name_key("الامم المتحده")
    assert name_key("Pyongyang") == "pyongyang"
