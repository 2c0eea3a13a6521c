"""Person names after a cue (nationality noun, profession/rank, "called")."""
from __future__ import annotations

import pytest

from marsad.components.linking import EntityLinker, _person_cues
from marsad.document import Article, ArticleMeta
from marsad.kb import load_kb
from marsad.kb.text import tokenize


@pytest.fixture(scope="module")
def cues():
    return _person_cues(load_kb())


def found(cues, text):
    return [text[m.start:m.end] for m in cues.find(text, tokenize(text))]


@pytest.mark.parametrize("text, name", [
    ("ذكرت الصحيفة أن الفرنسي كريم بنزيمه لاعب ريال مدريد", "كريم بنزيمه"),
    ("على لاعبين مثل الأرجنتيني سيرخيو أغويرو أو غيره", "سيرخيو أغويرو"),
    ("أكد النقيب عمر الأكلبي أن الدوريات", "عمر الأكلبي"),
    ("وكان الرجل، ويدعى كريج أيسون (52 عاماً)", "كريج أيسون"),
    ("قال الأستاذ زايد بن عطا الله إن", "زايد بن عطا الله"),
])
def test_entity_rules_person_after_cue(cues, text, name):
    assert name in found(cues, text)


@pytest.mark.parametrize("text", [
    "الرئيس اليمني يجتمع بكبار مستشاريه",      # demonym after a noun is an adjective
    "قال إن اللاعب بات خاسرا في المباراة",      # verb + adjective after a cue
    "التقى الرئيس الروسي والكوري الشمالي",       # conjunction on the next word
    "وكان الإعلام السعودي فقد إعلاميا لامعا",
    "وصل المدرب إلى الرياض",                   # place names are no person names
])
def test_entity_rules_no_person_without_a_name(cues, text):
    assert found(cues, text) == []


def test_entity_rules_name_stops_before_a_verb(cues):
    assert found(cues, "قال الفرنسي إيمانويل ماكرون ناقشا الصراعين") == ["إيمانويل ماكرون"]


def test_linking_person_rule_replaces_a_piece_found_by_ner():
    text = "ذكرت الصحيفة أن الفرنسي كريم بنزيمه لاعب ريال مدريد."
    start = text.index("ريم")
    from marsad.document import Span
    art = Article(text, ArticleMeta(source="t"),
                  layers={"ents": [Span(start, start + 3, "PERSON", "m1")]})
    art = EntityLinker()(art)
    people = [art.span_text(s) for s in art.layer("ents") if s.label == "PERSON"]
    assert people == ["كريم بنزيمه"]


# -- "the Kingdom" ---------------------------------------------------------------------------
def _linked(text: str, url: str | None = None, **config):
    art = EntityLinker(**config)(Article(text, ArticleMeta(source="t", url=url)))
    return {art.span_text(s): art.entity(s.attrs["entity_id"]).kb_id
            for s in art.layer("ents") if s.attrs.get("rule") == "kingdom"}


def test_linking_bare_kingdom_is_the_outlets_kingdom():
    assert _linked("ارتفعت درجات الحرارة في مختلف مناطق المملكة أمس.") == {"المملكة": "Q851"}
    jordan = _linked("ارتفعت درجات الحرارة في المملكة أمس.", url="https://www.petra.gov.jo/x")
    assert jordan == {"المملكة": load_kb().country("JOR").id}


def test_linking_kingdom_named_in_the_article_wins():
    text = "زار الوفد الأردن أمس، وقال إن المملكة ترحب بالاستثمار."
    assert _linked(text) == {"المملكة": load_kb().country("JOR").id}


def test_linking_kingdom_with_adjective_or_switched_off_is_left_alone():
    assert _linked("وصل الوفد إلى المملكة المتحدة أمس.") == {}
    assert _linked("ارتفعت الحرارة في المملكة أمس.", kingdom=None) == {}
    two = "التقى ملك الأردن بملك المغرب، وقالت المملكة إن اللقاء مثمر."
    assert _linked(two) == {}


def test_linking_quoted_name_prefers_the_organisation():
    from marsad.document import Span
    text = "وقال مصدر لـ«الشرق الأوسط» إن الوضع في الشرق الأوسط خطير."
    first = text.index("الشرق")
    second = text.index("الشرق", first + 1)
    n = len("الشرق الأوسط")
    ner = [Span(first, first + n, "LOC", "m1"), Span(second, second + n, "LOC", "m2")]
    art = EntityLinker()(Article(text, ArticleMeta(source="t"), layers={"ents": ner}))
    kinds = {s.start: art.entity(s.attrs["entity_id"]).type for s in art.layer("ents")}
    assert kinds[first] == "ORG" and kinds[second] == "LOC"


def test_linking_short_form_after_the_full_name():
    text = ("ونفذ التحالف غارة أولى. قصفت طائرات التحالف الدولي مواقع داعش، ونفذ التحالف 23 غارة، "
            "وقال إن الجيش العراقي تقدم، وأكد الجيش أن الموانئ البحرية آمنة.")
    art = EntityLinker()(Article(text, ArticleMeta(source="t")))
    short = [(s.start, art.span_text(s), art.entity(s.attrs["entity_id"]).name_ar)
             for s in art.layer("ents") if s.attrs.get("rule") == "short"]
    assert [(t, n) for _, t, n in short] == [("التحالف", "التحالف الدولي"),
                                             ("الجيش", "الجيش العراقي")]
    assert short[0][0] > text.index("التحالف الدولي")      # not before the full name
