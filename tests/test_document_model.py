"""Document model: offsets always slice to the stored text; dict round trips are lossless."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.document import Article, ArticleMeta, Entity, Span
from marsad.errors import MarsadError

ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
# Lone surrogates never reach an Article: ingest replaces them (test_cli_process covers that).
TEXTCHARS = st.characters(blacklist_categories=("Cs",))
ANY_TEXT = st.text(alphabet=st.one_of(ARABIC, TEXTCHARS), max_size=200)
JSONABLE = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.text(max_size=10),
                        lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.text(min_size=1, max_size=5), inner, max_size=3),
                        max_leaves=8)


@st.composite
def articles(draw):
    text = draw(ANY_TEXT)
    n = len(text)
    layers = {}
    for name in draw(st.lists(st.sampled_from(["sents", "ents", "quotes", "events", "dates", "x"]),
                              unique=True, max_size=4)):
        spans = []
        for i in range(draw(st.integers(0, 5))):
            a = draw(st.integers(0, n))
            b = draw(st.integers(a, n))
            attrs = draw(st.dictionaries(st.sampled_from(["kind", "value", "speaker", "z"]),
                                         JSONABLE, max_size=2))
            spans.append(Span(a, b, draw(st.sampled_from(["A", "PERSON", "QUOTE"])), f"{name}{i}", attrs))
        layers[name] = spans
    ents = []
    for i, s in enumerate(layers.get("ents", [])):
        ents.append(Entity(f"E{i}", s.label, f"name{i}", text[s.start:s.end] or None,
                           draw(st.none() | st.just("Q159")), ["x"], [s.id]))
    meta = ArticleMeta(source=draw(st.text(TEXTCHARS, max_size=10)), position=draw(st.integers(0, 5)),
                       published=draw(st.none() | st.just("2024-11-22")))
    return Article(text, meta=meta, layers=layers, entities=ents)


@settings(max_examples=150, deadline=None)
@given(articles())
def test_document_offsets_slice_to_stored_text(article):
    data = article.to_dict()
    for name in ("quotes", "events", "dates"):
        for rec in data[name]:
            assert rec["text"] == article.text[rec["start"]:rec["end"]]
    for spans in data["layers"].values():
        for rec in spans:
            assert rec["text"] == article.text[rec["start"]:rec["end"]]
    for ent in data["entities"]:
        for m in ent["mentions"]:
            assert m["text"] == article.text[m["start"]:m["end"]]


@settings(max_examples=150, deadline=None)
@given(articles())
def test_document_dict_round_trip_is_lossless(article):
    data = article.to_dict()
    again = Article.from_dict(json.loads(json.dumps(data, ensure_ascii=False)))
    assert again.text == article.text
    assert again.id == article.id
    assert again.layers == article.layers
    assert [(e.id, e.type, e.name, e.kb_id, e.mention_ids) for e in again.entities] == \
        [(e.id, e.type, e.name, e.kb_id, e.mention_ids) for e in article.entities]
    assert again.to_dict() == data


def test_document_text_is_immutable():
    art = Article("نص")
    with pytest.raises(AttributeError):
        art.text = "other"


@pytest.mark.parametrize("start,end", [(-1, 2), (3, 1)])
def test_document_span_rejects_bad_offsets(start, end):
    with pytest.raises(MarsadError) as exc:
        Span(start, end, "X")
    assert exc.value.code == "E001"


def test_document_layer_past_end_is_refused_with_code():
    art = Article("abc")
    with pytest.raises(MarsadError) as exc:
        art.set_layer("ents", [Span(1, 9, "PERSON")])
    assert exc.value.code == "E003" and "past the end" in exc.value.message


def test_document_related_cards_rebuilt_from_blocks():
    text = "عنوان\n\nأوروبا\n\nعنوان بطاقة"
    blocks = [Span(0, 5, "title"), Span(7, 13, "related.section", attrs={"card": 0}),
              Span(15, 26, "related.title", attrs={"card": 0})]
    art = Article(text, layers={"blocks": blocks})
    assert art.related() == [{"section": "أوروبا", "title": "عنوان بطاقة", "caption": None,
                              "credit": None, "teaser": None, "author": None, "dateline": None}]
    assert art.region_of(16) == "related" and art.region_of(1) == "main"


def test_document_schema_validates_contract_output(example_page):
    jsonschema = pytest.importorskip("jsonschema")
    from importlib import resources

    import marsad
    schema = json.loads(resources.files("marsad.resources").joinpath("article.schema.json").read_text())
    for art in marsad.process_text(example_page.read_text(encoding="utf-8"), "seed.txt"):
        jsonschema.validate(json.loads(json.dumps(art.to_dict())), schema)


def test_presentation_forms_become_letters_in_the_article_text():
    """206 of SaudiNewsNet's 31,030 articles carry positional glyphs (U+FB50-FDFF, U+FE70-FEFC);
    NER, quotes and events read one alphabet, so every input path folds them (ArticleBuilder)."""
    from marsad.api import process_record
    from marsad.pipeline import load_pipeline
    rec = {"id": "p1", "title": "ﺍﻟﻌﻤﻴﺪ ﺃﺣﻤﺪ ﻋﺴﻴﺮﻱ",
           "content": "وقال ﺍﻟﻌﻤﻴﺪ ﺃﺣﻤﺪ ﻋﺴﻴﺮﻱ إن قصفا ﺍﺳﺘﻬﺪﻑ معسكر ﺍﻟﺼﺪﺭﻳﻦ. ﻻ"}
    (art,) = process_record(rec, load_pipeline(["sentences.v1"]))
    assert art.title == "العميد أحمد عسيري"
    assert "وقال العميد أحمد عسيري إن قصفا استهدف معسكر الصدرين. لا" in art.text
    assert not any("\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufefc" for c in art.text)
