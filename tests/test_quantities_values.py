"""quantities.v1: numerals in digits and words, money, percent, casualties, measures."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from marsad.components.quantities import QuantityTagger, find_quantities
from marsad.document import Article


def q(text):
    return [(text[s.start:s.end], s.label, s.attrs["value"], s.attrs["unit"]) for s in find_quantities(text)]


@pytest.mark.parametrize("text,expected", [
    ("تجمع ثلاثة آلاف متظاهر", ("ثلاثة آلاف", "QUANTITY", 3000, None)),
    ("بلغت الكلفة مليار دولار", ("مليار دولار", "MONEY", 1_000_000_000, "USD")),
    ("تبلغ 2.5 مليار ريال", ("2.5 مليار ريال", "MONEY", 2_500_000_000, "SAR")),
    ("نحو 10,000 دولار", ("10,000 دولار", "MONEY", 10000, "USD")),
    ("ارتفعت بنسبة 15 في المئة", ("15 في المئة", "PERCENT", 15, "%")),
    ("ارتفعت ٣٠٪", ("٣٠٪", "PERCENT", 30, "%")),
    ("وسقط 12 قتيلا", ("12 قتيلا", "CASUALTIES", 12, "killed")),
    ("وأصيب 30 جريحا", ("30 جريحا", "CASUALTIES", 30, "injured")),
    ("أسفر عن مصرع 7 أشخاص", ("7", "CASUALTIES", 7, "killed")),
    ("قذائف عيار 122 ملم", ("122 ملم", "QUANTITY", 122, "mm")),
    ("خمسة وعشرون شخصا", ("خمسة وعشرون", "QUANTITY", 25, None)),
    ("مبلغ 500 ريال قطري", ("500 ريال قطري", "MONEY", 500, "QAR")),
])
def test_quantities_values(text, expected):
    assert expected in q(text)


def test_quantities_approximate_words():
    spans = find_quantities("عشرات الملايين من القذائف")
    assert spans[0].attrs["value"] == 10_000_000 and spans[0].attrs.get("approx") is True


def test_quantities_skip_dates():
    art = QuantityTagger()(Article("في 22 نوفمبر 2024 قتل 5 أشخاص"))
    assert [art.span_text(s) for s in art.layer("quantities")] == ["5"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789٠١ ,.%٪ ثلاثة آلاف مليار دولار قتيلا مقتل و", max_size=60))
def test_quantities_never_crash_and_offsets_valid(text):
    for s in find_quantities(text):
        assert 0 <= s.start < s.end <= len(text)


def test_quantities_prefixed_short_number_words():
    # a clitic on a two-letter number word (و + ست) must not produce an inverted span
    for s in find_quantities("وست دول وعشر سنوات"):
        assert s.start < s.end
