"""Sentence splitter: Arabic punctuation, quotations, agency abbreviations."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.components.sentences import quote_regions, split_sentences


def sents(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_sentences_split_on_arabic_question_mark_and_full_stop():
    assert sents("هل انتهت الحرب؟ لا أحد يعرف. الجواب عند الأطراف!") == [
        "هل انتهت الحرب؟", "لا أحد يعرف.", "الجواب عند الأطراف!"]


def test_sentences_do_not_split_inside_quotation():
    text = "وقال بوتين: «سنواصل الاختبارات. القرار اتخذ فعلياً». وأضاف أن روسيا مستعدة."
    assert sents(text) == ["وقال بوتين: «سنواصل الاختبارات. القرار اتخذ فعلياً».",
                           "وأضاف أن روسيا مستعدة."]


def test_sentences_do_not_split_inside_curly_quotes():
    text = "قالت الوزارة “الوضع مستقر. لا داعي للقلق” في بيان. انتهى الاجتماع."
    assert sents(text)[0] == "قالت الوزارة “الوضع مستقر. لا داعي للقلق” في بيان."


@pytest.mark.parametrize("abbr", ["أ.ف.ب.", "د.ب.أ.", "أ.ش.أ."])
def test_sentences_do_not_split_after_agency_abbreviations(abbr):
    text = f"ذكرت وكالة {abbr} أن الاجتماع انتهى. ثم غادر الوفد."
    assert sents(text) == [f"ذكرت وكالة {abbr} أن الاجتماع انتهى.", "ثم غادر الوفد."]


def test_sentences_unbalanced_quote_does_not_glue_paragraph():
    text = "زيلينسكي يتهم بوتين بارتكاب جرائم حرب «جديدة. ثم قال شيئاً آخر. وانتهى."
    assert len(sents(text)) == 3


def test_sentences_never_cross_line_breaks():
    assert sents("عنوان بلا نقطة\n\nفقرة أولى. فقرة ثانية.") == [
        "عنوان بلا نقطة", "فقرة أولى.", "فقرة ثانية."]


def test_sentences_ellipsis_inside_headline_is_not_a_stop():
    assert sents("بوتين يأمر باختبارات... وإنتاج كمية كبيرة") == ["بوتين يأمر باختبارات... وإنتاج كمية كبيرة"]


def test_sentences_decimal_numbers_are_not_stops():
    assert sents("نما الاقتصاد 3.5 في المائة. وتراجع التضخم.") == [
        "نما الاقتصاد 3.5 في المائة.", "وتراجع التضخم."]


def test_sentences_nested_quotes_make_one_region():
    text = "قال «إن حرب (التحرير) و«الوحدة» انتهت» أمس"
    regions = quote_regions(text)
    assert len(regions) == 1 and text[regions[0][0]] == "«" and text[regions[0][1]] == "»"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("قال بوتين. «»؟!\n“”\"أ.ف.ب")), max_size=120))
def test_sentences_spans_are_ordered_trimmed_and_in_range(text):
    prev = 0
    for a, b in split_sentences(text):
        assert prev <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        assert "\n" not in text[a:b]
        prev = b
