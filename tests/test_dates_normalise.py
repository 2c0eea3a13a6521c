"""dates.v1 on hand-written sentences: Gregorian, Levantine, Hijri, digits, relative dates."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from marsad.components.dates import DateTagger, find_dates
from marsad.document import Article, ArticleMeta

PUB = "2024-11-23"   # a Saturday


def values(text, published=PUB):
    return [(text[s.start:s.end], s.attrs["value"]) for s in find_dates(text, published)]


@pytest.mark.parametrize("text,surface,value", [
    ("غارة في غزة في 22 نوفمبر 2024 (رويترز)", "22 نوفمبر 2024", "2024-11-22"),
    ("زيارة في مارس 2022", "مارس 2022", "2022-03"),
    ("منذ عام 2019", "عام 2019", "2019"),
    ("في ١٥ كانون الثاني ٢٠١٥", "١٥ كانون الثاني ٢٠١٥", "2015-01-15"),
    ("في 3 أيار 2010", "3 أيار 2010", "2010-05-03"),
    ("في 22/11/2024", "22/11/2024", "2024-11-22"),
    ("في 2 تشرين الأول 2015", "2 تشرين الأول 2015", "2015-10-02"),
])
def test_dates_absolute_gregorian(text, surface, value):
    assert (surface, value) in values(text)


@pytest.mark.parametrize("text,greg,hijri", [
    # Umm al-Qura dates checked against published calendars: 1 Ramadan 1436 = 18 June 2015,
    # Eid al-Fitr 1 Shawwal 1436 = 17 July 2015, Eid al-Adha 10 Dhu al-Hijja 1445 = 16 June 2024.
    ("صام الناس في 1 رمضان 1436 هـ", "2015-06-18", "1436-09-01"),
    ("عيد الفطر 1 شوال 1436هـ", "2015-07-17", "1436-10-01"),
    ("يوم النحر 10 ذو الحجة 1445 هـ", "2024-06-16", "1445-12-10"),
])
def test_dates_hijri_converted(text, greg, hijri):
    spans = find_dates(text, PUB)
    assert len(spans) == 1
    assert spans[0].attrs["value"] == greg
    assert spans[0].attrs["calendar"] == "hijri" and spans[0].attrs["hijri"] == hijri


@pytest.mark.parametrize("text,surface,value", [
    ("وقال أمس إن", "أمس", "2024-11-22"),
    ("أعلن اليوم (السبت)", "اليوم (السبت)", "2024-11-23"),
    ("أمر بوتين، الجمعة، بإنتاج", "الجمعة", "2024-11-22"),
    ("وأطلقت صاروخا في وقت مبكر الخميس", "الخميس", "2024-11-21"),
    ("يعقد الاجتماع يوم الأحد المقبل", "يوم الأحد المقبل", "2024-11-24"),
    ("وقع الهجوم أول من أمس", "أول من أمس", "2024-11-21"),
    ("في الأسبوع الماضي", "الأسبوع الماضي", "2024-W46"),
    ("خلال العام الماضي", "العام الماضي", "2023"),
    ("الشهر المقبل", "الشهر المقبل", "2024-12"),
    ("رغبت في مايو (أيار) من العام الماضي بتمرير", "مايو (أيار) من العام الماضي", "2023-05"),
])
def test_dates_relative_resolved_against_publication(text, surface, value):
    assert (surface, value) in values(text)


def test_dates_relative_without_publication_stay_unresolved():
    spans = find_dates("وقال أمس إن الجيش انسحب الأسبوع الماضي", None)
    assert [s.attrs["kind"] for s in spans] == ["relative", "relative"]
    assert all(s.attrs["value"] is None for s in spans)
    assert spans[0].attrs["relative"] == "-1d"


def test_dates_ambiguous_words_are_not_dates():
    # اب (father / August) and صفر (zero / Safar) alone, رمضان as a name
    assert values("قال الأب إن الرقم صفر وإن رمضان حضر") == []


def test_dates_component_sets_layer():
    art = DateTagger()(Article("أمس في 22 نوفمبر 2024", ArticleMeta(published=PUB)))
    assert [s.label for s in art.layer("dates")] == ["DATE", "DATE"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="أمس اليوم 0123456789٠١٢ نوفمبر رمضان هـ عام الجمعة()/", max_size=60))
def test_dates_never_crash_and_offsets_valid(text):
    for s in find_dates(text, PUB):
        assert 0 <= s.start < s.end <= len(text)
