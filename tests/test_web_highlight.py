"""Property: the reader's article pieces are exact slices of the text; every mention is one
highlighted group whose text is the mention's text; quotes cover exactly their characters."""
from __future__ import annotations

import pytest

pytest.importorskip("jinja2")
from hypothesis import given, settings, strategies as st  # noqa: E402

from marsad.document import ArticleMeta, Entity, Span  # noqa: E402
from marsad.segment.build import ArticleBuilder  # noqa: E402
from marsad.web.charts import bar_chart  # noqa: E402
from marsad.web.highlight import article_view, block_pieces  # noqa: E402
from marsad.web.routes import snippet_pieces  # noqa: E402

WORDS = st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي <>&\"'xyz", min_size=1, max_size=30)
LABELS = st.sampled_from(["title", "subtitle", "paragraph", "caption", "subhead",
                          "related.title"])


@st.composite
def articles(draw):
    b = ArticleBuilder(ArticleMeta(source="prop"))
    for label in draw(st.lists(LABELS, min_size=1, max_size=5)):
        b.add(label, draw(WORDS), card=0 if label.startswith("related") else None)
    art = b.build()
    n = len(art.text)
    cuts = sorted(draw(st.lists(st.integers(0, n), max_size=10, unique=True)))
    ents = [Span(a, b_, "PERSON", f"m{i}", {"entity_id": "e1"})
            for i, (a, b_) in enumerate(zip(cuts[::2], cuts[1::2])) if b_ > a]
    art.set_layer("ents", ents)
    art.entities = [Entity("e1", "PERSON", "X", None, "Q1", [], [m.id for m in ents])]
    qa, qb = sorted(draw(st.tuples(st.integers(0, n), st.integers(0, n))))
    art.set_layer("quotes", [Span(qa, qb, "QUOTE", "q1", {"speaker": {"name": "س"}})])
    return art


@settings(max_examples=150, deadline=None)
@given(articles())
def test_web_pieces_are_slices_and_mentions_are_whole(art):
    ents, quotes = art.layer("ents"), art.layer("quotes")
    for block in art.layer("blocks"):
        pieces = block_pieces(art, block, ents, quotes)
        assert "".join(p["text"] for p in pieces) == art.span_text(block)
        for p in pieces:
            assert art.text[p["start"]:p["end"]] == p["text"]
            q = quotes[0]
            assert (p["quote"] is not None) == (q.start <= p["start"] and p["end"] <= q.end
                                                and q.end > q.start)
    view = article_view(art)
    groups = [g for b in view["blocks"] + [f for c in view["cards"] for f in c]
              for g in b["groups"] if g["mention"]]
    for m in ents:
        inside = [b for b in art.layer("blocks") if b.start <= m.start and m.end <= b.end]
        if inside:
            found = [g for g in groups if g["mention"]["id"] == m.id]
            assert len(found) == 1
            assert "".join(p["text"] for p in found[0]["pieces"]) == art.span_text(m)


@given(st.text(max_size=40), st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45)),
                                      max_size=5))
def test_web_snippet_pieces_cover_the_snippet(snippet, spans):
    spans = [(a, b) for a, b in spans if a < b]
    pieces = snippet_pieces(snippet, spans)
    assert "".join(p["text"] for p in pieces) == snippet
    assert all(p["text"] for p in pieces)


def test_web_chart_escapes_and_buckets():
    svg = bar_chart([("<b>", 3), ("2015-07-22", 1)])
    assert "<b>" not in svg and "&lt;b&gt;" in svg and svg.count('class="bar"') == 2
    days = [(f"2015-{m:02d}-{d:02d}", 1) for m in range(1, 4) for d in range(1, 29)]
    assert bar_chart(days).count('class="bar"') == 3          # > 60 days: one bar per month
    assert bar_chart([]) == ""
