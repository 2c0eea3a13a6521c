"""Head-noun entity names (marsad.kb.patterns) and their use in linking.v1."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from marsad.components.linking import EntityLinker
from marsad.document import Article, ArticleMeta
from marsad.kb.patterns import PatternMatcher
from marsad.kb.text import tokenize


@pytest.fixture(scope="module")
def pm():
    return PatternMatcher()


def names(pm, text: str) -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.type) for m in pm.find(text, tokenize(text))]


@pytest.mark.parametrize("text, name, etype", [
    ("أفاد مصدر في وزارة الصحة اليمنية بأن الانفجار", "وزارة الصحة اليمنية", "ORG"),
    ("فاز حزب الشعب الكمبودي الحاكم بالانتخابات", "حزب الشعب الكمبودي", "ORG"),
    ("وقعت هيئة موانئ دبي اتفاقا", "هيئة موانئ دبي", "ORG"),
    ("نقلوا إلى مستشفى القاضي والكثير منهم", "مستشفى القاضي", "FAC"),
    ("يجري تمشيط معسكر الفتح من بعض الجيوب", "معسكر الفتح", "FAC"),
    ("استعادت القوات القصر الرئاسي بحي التواهي", "القصر الرئاسي", "FAC"),
    ("أعلن الديوان الملكي المشرف على المركز", "الديوان الملكي", "ORG"),
    ("سيطرت على قيادة المنطقة العسكرية الرابعة أمس", "المنطقة العسكرية الرابعة", "ORG"),
    ("قال المتحدث باسم خلية الإعلام الحربي إن", "خلية الإعلام الحربي", "ORG"),
    ("نقل إلى مستشفى الملك فهد التخصصي بالدمام", "مستشفى الملك فهد التخصصي", "FAC"),
    ("قصفت الطائرات منطقة الطاش جنوب المدينة", "الطاش", "LOC"),
    ("دخلت القوات قرية تل شور غرب سنجار", "تل شور", "GPE"),
])
def test_entity_rules_find_head_noun_names(pm, text, name, etype):
    assert (name, etype) in names(pm, text)


@pytest.mark.parametrize("text", [
    "ارتفعت حركة السوق العقارية في الربع الأول",      # حركة = activity
    "وضعت على جهاز التنفس الصناعي",                   # جهاز = device
    "أطلق الصاروخ من قاعدة إطلاق الصواريخ الفضائية",    # a description, not a name
    "انتقل إلى منطقة أخرى قرب الحدود",                # no name after the designator
    "عين رئيسا لمجلس إدارة شركة عقارية كبرى",          # indefinite adjective
    "قال حزب معارض إن الانتخابات",
    "انتشرت الشرطة المحلية في الشوارع",               # generic adjective
])
def test_entity_rules_skip_descriptions(pm, text):
    assert names(pm, text) == []


def test_entity_rules_name_stops_before_a_title(pm):
    assert ("مجلس الشورى", "ORG") in names(pm, "طالب عضو مجلس الشورى الدكتور فهد العنزي")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="وزارة الصحة مستشفى منطقة القصر الرئاسي في، .0123", max_size=80))
def test_entity_rules_spans_are_words_of_the_text(text):
    pm = PatternMatcher()
    for m in pm.find(text, tokenize(text)):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == text[m.start:m.end].strip()


def test_linking_rule_spans_are_entities_and_rerun_is_stable():
    linker = EntityLinker()
    text = "أفاد مصدر في وزارة الصحة اليمنية بأن الانفجار وقع قرب معسكر الفتح في عدن."
    art = linker(Article(text, ArticleMeta(source="t")))
    found = {art.span_text(s): s.label for s in art.layer("ents")}
    assert found["وزارة الصحة اليمنية"] == "ORG" and found["معسكر الفتح"] == "FAC"
    again = linker(art)
    assert [(s.start, s.end, s.label) for s in again.layer("ents")] == \
        [(s.start, s.end, s.label) for s in art.layer("ents")]


def test_linking_rules_can_be_switched_off():
    text = "أفاد مصدر في وزارة الصحة اليمنية بأن الانفجار وقع."
    art = EntityLinker(rules=False)(Article(text, ArticleMeta(source="t")))
    assert all(s.attrs.get("kind") != "rule" for s in art.layer("ents"))


@pytest.mark.parametrize("text, name", [
    ("أعلنت الهيئة العالمية للتنمية البشرية أمس", "الهيئة العالمية للتنمية البشرية"),
    ("اعتمد مجلس إدارة الهيئة السعودية للمواصفات والمقاييس", "الهيئة السعودية للمواصفات"),
    ("نفى مجلس المقاومة الشعبية في عدن ذلك", "مجلس المقاومة الشعبية"),
])
def test_entity_rules_scoped_bodies_and_whole_councils(pm, text, name):
    assert name in [n for n, _ in names(pm, text)]


@pytest.mark.parametrize("text", ["قدمت اللجنة الفنية تقريرها", "قدمت وزارة الصحة للمواطنين لقاحات"])
def test_entity_rules_no_generic_committee_or_li_phrase_after_complement(pm, text):
    assert all("للمواطنين" not in n and n != "اللجنة الفنية" for n, _ in names(pm, text))


_WORDS = ["وزارة", "الصحة", "اليمنية", "مستشفى", "القاضي", "منطقة", "الطاش", "الفرنسي", "كريم",
          "بنزيمه", "المملكة", "التحالف", "الدولي", "ونفذ", "المدرب", "سوق", "واقف", "للصقور", "إب",
          "وإب", "مأرب", "روما", "الدوري", "مباراة", "لاعب", "نادي", "«", "»", "،", ".", "12", "\n\n"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40))
def test_linking_with_rules_never_crashes_and_is_stable(words):
    text = " ".join(words)
    linker = EntityLinker()
    art = linker(Article(text, ArticleMeta(source="t")))
    spans = art.layer("ents")
    for s in spans:
        assert 0 <= s.start < s.end <= len(text) and art.span_text(s).strip()
        assert art.entity(s.attrs["entity_id"]) is not None
    again = linker(art)
    assert [(s.start, s.end, s.label) for s in again.layer("ents")] == \
        [(s.start, s.end, s.label) for s in spans]
