"""Normalised views: every position maps back to the original."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.textmap import Options, SEARCH, fold_key, gold_normalize, normalize_view

TEXT = st.text(alphabet=st.one_of(st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
                                  st.sampled_from("ﻻﷺ ﺍ\u0640\u064e\u200f٣۴ABCabc.،"),
                                  st.characters()), max_size=120)


@pytest.mark.parametrize("raw,expected", [
    ("أإآٱ", "اااا"), ("مستشفى", "مستشفي"), ("مدرسة", "مدرسه"), ("قـــال", "قال"),
    ("قَالَ", "قال"), ("٢٠٢٤", "2024"), ("۱۴۰۳", "1403"), ("نعم، لا؛ لماذا؟", "نعم, لا; لماذا?"),
    ("ﻻ", "لا"), ("\u200fمرحبا", "مرحبا"),
])
def test_textmap_foldings(raw, expected):
    assert normalize_view(raw).text == expected


@settings(max_examples=300, deadline=None)
@given(TEXT, st.sampled_from([Options(), SEARCH, Options(nfkc=False)]))
def test_textmap_map_is_monotone_and_in_range(text, opts):
    view = normalize_view(text, opts)
    positions = [view.to_original(i) for i in range(len(view.text) + 1)]
    assert positions == sorted(positions)
    assert all(0 <= p <= len(text) for p in positions)
    assert view.to_original(len(view.text)) == len(text)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.data())
def test_textmap_span_maps_to_text_that_normalises_back(text, data):
    view = normalize_view(text)
    n = len(view.text)
    a = data.draw(st.integers(0, n))
    b = data.draw(st.integers(a, n))
    oa, ob = view.to_original_span(a, b)
    assert 0 <= oa <= ob <= len(text)
    assert view.text[a:b] in normalize_view(text[oa:ob]).text or a == b


def test_textmap_span_includes_trailing_diacritic():
    text = "قالَ الرئيسُ بوتين"
    view = normalize_view(text)
    at = view.text.index("الرئيس")
    oa, ob = view.to_original_span(at, at + len("الرئيس"))
    assert text[oa:ob] == "الرئيسُ"


def test_textmap_from_original_inverts_to_original():
    text = "وَقَالَ بوتين"
    view = normalize_view(text)
    for i in range(len(view.text)):
        assert view.from_original(view.to_original(i)) == i


def test_textmap_gold_normalize_matches_format_rules():
    assert gold_normalize("  وبوتين ") == "بوتين"
    assert gold_normalize("الرئيس   الروسيّ") == "الرئيس الروسي"
    assert gold_normalize("أوكرانيا") == "اوكرانيا"


def test_textmap_fold_key_folds_hamza_seats():
    assert fold_key("رئيس") == fold_key("رءيس".replace("ء", "ئ")) == "رييس"


MIXED = st.text(alphabet=st.sampled_from(list("ABCDEZabcz ÉÀİΣσßﬁ\u0301\u0651\u064e\u0654")
                                         + list("قال الرئيس ترمب إن")
                                         # one-to-one NFKC (NBSP, fullwidth, superscript, a
                                         # presentation form) and expanding ones (…, ﻻ, ″)
                                         + list("\u00a0\uff21\uff41\u00b2\ufe8d\u2026\ufefb\u2033")),
                max_size=40)


@given(MIXED, st.sampled_from([Options(), SEARCH, Options(nfkc=False), Options(diacritics=False)]))
def test_textmap_whole_string_lowering_equals_the_per_character_path(text, opts):
    from marsad.textmap import _slow_view, _tables
    fast = normalize_view(text, opts)
    slow = _slow_view(text, opts, _tables(opts)[0])
    assert fast.text == slow.text
    assert [fast.to_original(i) for i in range(len(fast.text) + 1)] == \
        [slow.to_original(i) for i in range(len(slow.text) + 1)]
    assert [fast.from_original(o) for o in range(len(text) + 1)] == \
        [slow.from_original(o) for o in range(len(text) + 1)]
