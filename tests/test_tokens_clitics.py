"""Tokeniser and clitic sub-tokens with offsets."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.components.sentences import SentenceSplitter
from marsad.components.tokens import Tokenizer, split_clitics, tokenize
from marsad.document import Article


def pieces(word: str):
    return [(word[a:b], label) for a, b, label, _ in split_clitics(word)]


@pytest.mark.parametrize("word,expected", [
    ("والرئيس", [("و", "CONJ"), ("ال", "DET"), ("رئيس", "STEM")]),
    ("بالصواريخ", [("ب", "PREP"), ("ال", "DET"), ("صواريخ", "STEM")]),
    ("للأمن", [("ل", "PREP"), ("ل", "DET"), ("أمن", "STEM")]),
    ("وبالتالي", [("و", "CONJ"), ("ب", "PREP"), ("ال", "DET"), ("تالي", "STEM")]),
    ("بلادهم", [("بلاد", "STEM"), ("هم", "PRON")]),
    ("بوتين", [("بوتين", "STEM")]),       # ب is part of the name: not split
    ("وزير", [("وزير", "STEM")]),          # و is part of the word
    ("الى", [("الى", "STEM")]),            # too short to carry the article
])
def test_tokens_clitic_pieces(word, expected):
    assert pieces(word) == expected


def test_tokens_numbers_and_punctuation():
    text = "بلغت 3.5 مليار، و١٢٠ ألفاً (تقريباً)."
    toks = [text[a:b] for a, b in tokenize(text)]
    assert "3.5" in toks and "١٢٠" in toks and "،" in toks and "(" in toks


def test_tokens_keep_diacritics_inside_words():
    text = "قالَ الرئيسُ"
    assert [text[a:b] for a, b in tokenize(text)] == ["قالَ", "الرئيسُ"]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=150))
def test_tokens_layers_slice_and_cover_tokens(text):
    art = Tokenizer()(SentenceSplitter()(Article(text)))
    toks = art.layer("tokens")
    for t in toks:
        assert art.span_text(t) and not art.span_text(t).isspace()
    by_token: dict[str, list] = {}
    for sub in art.layer("subtokens"):
        by_token.setdefault(sub.attrs["token"], []).append(sub)
    for t in toks:
        subs = by_token.get(t.id)
        if subs:
            assert "".join(art.span_text(s) for s in sorted(subs, key=lambda s: s.start)) == art.span_text(t)
