"""Lazy layers: built on first read through any accessor, identical to an eager layer."""
from __future__ import annotations

import json
import pickle

import pytest

from marsad.components.sentences import SentenceSplitter
from marsad.components.tokens import Tokenizer
from marsad.document import Article, Span
from marsad.errors import MarsadError

TEXT = "قال الرئيس للصحفيين إن بلادهم والسعودية وقّعت 3 اتفاقيات."
SPANS = [Span(4, 10, "B"), Span(0, 3, "A"), Span(0, 10, "C")]


class Counter:
    """A picklable build function that counts its calls."""

    def __init__(self, spans):
        self.spans, self.calls = spans, 0

    def __call__(self):
        self.calls += 1
        return list(self.spans)


def lazy_article() -> tuple[Article, Counter]:
    art = Article(TEXT)
    build = Counter(SPANS)
    art.set_lazy_layer("x", build)
    return art, build


@pytest.mark.parametrize("read", [
    lambda a: a.layer("x"),
    lambda a: a.layers["x"],
    lambda a: a.layers.get("x"),
    lambda a: dict(a.layers)["x"],
    lambda a: {**a.layers}["x"],
    lambda a: dict(a.layers.items())["x"],
    lambda a: list(a.layers.values())[0],
    lambda a: a.layers.copy()["x"],
    lambda a: a.layers.pop("x"),
    lambda a: pickle.loads(pickle.dumps(a)).layer("x"),
    lambda a: Article.from_dict(json.loads(json.dumps(a.to_dict()))).layer("x"),
])
def test_document_lazy_layer_built_sorted_on_any_read(read):
    art, build = lazy_article()
    assert build.calls == 0
    spans = read(art)
    assert [(s.start, s.end, s.label) for s in spans] == [(0, 10, "C"), (0, 3, "A"), (4, 10, "B")]
    assert build.calls == 1
    art2, _ = lazy_article()
    eager = Article(TEXT)
    eager.set_layer("x", SPANS)
    assert art2.layers == eager.layers and art2.layer("x") == eager.layer("x")


def test_document_lazy_layer_unbuilt_when_dropped_or_excluded():
    art, build = lazy_article()
    assert "x" in art.layers and art.layer_names() == ["x"] and len(art.layers) == 1
    data = art.to_dict(exclude_layers=("x",))
    assert "x" not in data["layers"] and "x" not in data["annotated"]
    art.drop_layer("x")
    assert "x" not in art.layers and build.calls == 0


def test_document_lazy_layer_checks_offsets_when_built():
    art = Article("abc")
    art.set_lazy_layer("x", lambda: [Span(0, 9, "X")])
    with pytest.raises(MarsadError) as err:
        art.layer("x")
    assert err.value.code == "E003"


def test_document_lazy_layer_on_plain_dict_layers():
    art = Article(TEXT)
    art.layers = {}                      # an older caller replacing the dict: built at once
    art.set_lazy_layer("x", Counter(SPANS))
    assert isinstance(art.layers["x"], list) and len(art.layer("x")) == 3


def test_document_lazy_subtokens_equal_after_pickle_and_round_trip():
    art = Tokenizer()(SentenceSplitter()(Article(TEXT)))
    copy = pickle.loads(pickle.dumps(art))          # built while pickling
    back = Article.from_dict(art.to_dict())
    subs = art.layer("subtokens")
    assert subs == copy.layer("subtokens") == back.layer("subtokens")
    assert [(art.span_text(s), s.label) for s in subs if s.attrs["token"] == "t2"] == [
        ("ل", "PREP"), ("ل", "DET"), ("صحفيين", "STEM")]
    assert [(art.span_text(s), s.attrs.get("sure", True)) for s in subs
            if s.attrs["token"] == "t4"] == [("بلاد", True), ("هم", False)]
