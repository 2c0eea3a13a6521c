"""The speed paths of dates/quantities/events give what a scan of the whole text gives
(property tests over texts built from the words these patterns look for)."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from marsad.components import dates as D
from marsad.components import quantities as Q
from marsad.events.lexicon import cached_view, occurrences

PIECES = ["نوفمبر", "اب", "كتاب", "كانون الثاني", "رمضان", "ذو الحجه", "1436", "هـ", "الجمعه",
          "امس", "اليوم", "غدا", "العام", "الماضي", "المقبل", "عام", "2015", "22", "3", "/", "-",
          "(", ")", "و", "ب", "ل", "من", "شهر", "هذا", "ثلاثه", "الاف", "مليون", "دولار", "%",
          "في المئه", "قتيلا", "_", "#", "Ab", "ISIS", "ً", "،", ".", "\n\n", " ", "  ", "x"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=60).map(
    lambda ps: "".join(p + (" " if i % 3 else "") for i, p in enumerate(ps)))


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.sampled_from(["اب", "نوفمبر", "امس", "2015", "الاف"]))
def test_events_scan_occurrences_are_whole_word_runs(text, word):
    assert occurrences(text, word) == [m.start() for m in re.finditer(r"\w+", text)
                                       if m.group() == word]


PATTERNS = [(D.GREG, D.GREG_KEYS, D._month_spot), (D.HIJRI, D.HIJRI_KEYS, None),
            (D.NUMERIC, D._NUMERIC_SPOT, None), (D.YEAR_ONLY, ("عام", "سنه"), None),
            (D.WEEKDAY, D.WEEKDAY_KEYS, None), (D.REL_WEEKDAY, D.WEEKDAY_KEYS, None),
            (D.YEAR_CONTEXT, D._YEAR_SPOT, None), (D.REL_DAY, ("امس", "البارحه", "اليوم", "غد"), None),
            (D.REL_UNIT, tuple(D.UNITS), None)]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_events_scan_date_windows_find_every_match(text):
    for pattern, keys, keep in PATTERNS:
        whole = [(m.start(), m.end(), m.groupdict()) for m in pattern.finditer(text)]
        windowed = [(m.start(), m.end(), m.groupdict()) for m in D._scan(pattern, text, keys, keep)]
        assert windowed == whole, pattern.pattern[:40]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_events_scan_quantity_windows_equal_the_whole_text(text):
    view = cached_view(text)
    spans: list = []
    words = [(m.start(), m.end(), m.group()) for m in Q._WORD.finditer(view.text)]
    Q._read_window(view, words, [], spans)
    assert Q.find_quantities(text, []) == spans
