"""Encodings of real Arabic pages: BOM, HTTP header, <meta charset>, undeclared legacy bytes
(windows-1256, ISO-8859-6), mislabelled pages and double-encoded text; never mojibake."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from marsad.errors import InputError
from marsad.ingest.html_encoding import decode_html, mojibake_score, repair_double_encoding
from marsad.ingest.encoding import decode_text

ARABIC = ("قال وزير الخارجية السعودي إن المملكة تدعم جهود السلام في المنطقة، وأكد في مؤتمر "
          "صحفي عقده في الرياض أن الحوار هو الطريق الوحيد لحل الأزمات. غادر الوفد إلى القاهرة.")


def page(meta: str = "") -> str:
    return f"<html><head>{meta}<title>خبر عاجل</title></head><body><p>{ARABIC}</p></body></html>"


@pytest.mark.parametrize("enc", ["utf-8", "cp1256", "iso8859-6"])
@pytest.mark.parametrize("how", ["undeclared", "meta", "header", "wrong-latin1-header"])
def test_encoding_legacy_arabic_pages_decode_exactly(enc, how):
    meta = f'<meta charset="{enc}">' if how == "meta" else ""
    headers = {"header": {"Content-Type": f"text/html; charset={enc}"},
               "wrong-latin1-header": {"Content-Type": "text/html; charset=ISO-8859-1"}}.get(how)
    html = page(meta)
    got = decode_html(html.encode(enc), headers, "p.html")
    assert got.text == html
    assert mojibake_score(got.text) == 0


@pytest.mark.parametrize("bom,enc", [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                                     (b"\xfe\xff", "utf-16-be")])
def test_encoding_bom_wins_over_wrong_meta(bom, enc):
    html = page('<meta charset="windows-1256">')
    got = decode_html(bom + html.encode(enc), None, "p.html")
    assert got.text.lstrip("\ufeff") == html and got.how == "bom"


def test_encoding_iso_8859_6_mislabelled_as_1256_is_not_mojibake():
    html = page('<meta charset="windows-1256">')
    got = decode_html(html.encode("iso8859-6"), None, "p.html")
    assert got.text == html and got.encoding == "iso8859-6"


@pytest.mark.parametrize("wrong", ["cp1256", "cp1252"])
def test_encoding_double_encoded_utf8_is_repaired(wrong):
    html = page()
    garbled = html.encode("utf-8").decode(wrong, errors="ignore" if wrong == "cp1252" else "strict")
    if wrong == "cp1252":          # cp1252 has holes; build the classic Ã˜Â§ form via latin-1 too
        garbled = html.encode("utf-8").decode("latin-1")
    assert mojibake_score(garbled) > 0
    got = decode_html(garbled.encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"}, "p")
    assert got.text == html and got.how == "repaired"


def test_encoding_unrecoverable_mojibake_is_refused():
    # Two garblings mixed: no single reversal gives clean text, so the page is refused.
    bad = (page().encode("iso8859-6").decode("cp1256", errors="replace")
           + page().encode("utf-8").decode("cp1256", errors="replace"))
    with pytest.raises(InputError) as exc:
        decode_html(bad.encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"}, "bad.html")
    assert exc.value.code == "E302" and exc.value.source == "bad.html"


# Words of news text, with ones that end in ط/ظ (فقط، النفط، حفظ): "فقط،" has the byte pattern of
# UTF-8 read as windows-1256 ("ط،" is how ء looks then), so it is the hard case for the detector.
NEWS_WORDS = ("قال وزير الخارجية إن المملكة تدعم جهود السلام في المنطقة فقط النفط الضغط وسط "
              "حفظ الحظ شرط ضبط خطط الرياض القاهرة مؤتمر صحفي أكد الحوار الطريق الوحيد لحل "
              "الأزمات غادر الوفد إلى عبر مع أمس اليوم الأسبوع المقبل رئيس الحكومة").split()


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(NEWS_WORDS), st.sampled_from(["", "", "", "،", "."])),
                min_size=6, max_size=60))
def test_encoding_any_arabic_text_round_trips_through_legacy_encodings(words):
    body = " ".join(w + p for w, p in words)
    html = f"<html><body><p>{body}</p></body></html>"
    for enc in ("utf-8", "cp1256"):
        assert decode_html(html.encode(enc), None, "p").text == html


def test_encoding_repair_leaves_clean_text_alone():
    assert repair_double_encoding(ARABIC) is None
    assert repair_double_encoding("Café au lait, déjà vu") is None


@pytest.mark.parametrize("head, what", [
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"), (b"{\\rtf1\\ansi\\deff0 ", "RTF"),
    (b"PK\x03\x04\x14\x00\x06\x00", "zip container"), (b"\x1f\x8b\x08\x00abc", "gzip"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
])
def test_encoding_known_document_formats_are_named(head, what):
    """A PDF decodes as windows-1256 without error; it must be refused and named, not segmented."""
    with pytest.raises(InputError) as exc:
        decode_text(head + b" text " * 50, "doc")
    assert exc.value.code == "E011" and what in exc.value.message and exc.value.source == "doc"
