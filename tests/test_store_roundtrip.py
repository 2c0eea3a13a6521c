"""Hypothesis: any article (odd text, any spans and attrs) comes back from the archive exactly."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from marsad.document import ArticleMeta, Span
from marsad.segment.build import ArticleBuilder
from marsad.store import Store

ALPHABET = st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويةىأإآءئؤ") + list("َُِّْـ «»،.؟!\n\"'") +
                           list("abcXYZ019٠٩\u200f\U0001F600"))
TEXT = st.text(ALPHABET, min_size=1, max_size=80)
ATTRS = st.dictionaries(st.sampled_from(["kind", "value", "speaker", "type", "x"]),
                        st.one_of(st.none(), st.booleans(), st.integers(-5, 5), TEXT,
                                  st.fixed_dictionaries({"name": TEXT, "start": st.integers(0, 3)})),
                        max_size=3)


@st.composite
def articles(draw):
    meta = ArticleMeta(source=draw(TEXT), publisher=draw(st.one_of(st.none(), TEXT)),
                       published=draw(st.one_of(st.none(), st.just("2015-07-21"))))
    b = ArticleBuilder(meta)
    b.add("title", draw(TEXT))
    for para in draw(st.lists(TEXT, max_size=3)):
        b.add("paragraph", para)
    art = b.build()
    n = len(art.text)
    for layer in ("quotes", "events", "dates", "ents", "sents"):
        spans = []
        for i in range(draw(st.integers(0, 3))):
            s = draw(st.integers(0, n))
            e = draw(st.integers(s, n))
            spans.append(Span(s, e, draw(st.sampled_from(["QUOTE", "DATE", "PERSON", "X"])),
                              f"{layer}{i}", draw(ATTRS)))
        art.set_layer(layer, spans)
    return art


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(articles(), min_size=1, max_size=3))
def test_store_round_trip_any_article(arts):
    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "a.sqlite")) as store:
        store.add_articles(arts)
        for art in {a.id: a for a in arts}.values():
            assert store.get_doc(art.id) == art.to_dict(exclude_layers=("tokens", "subtokens"))
        for art in arts:
            store.search(art.title)   # any title is a valid query
