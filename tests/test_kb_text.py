"""The linking tokeniser's fast paths give what the plain per-word code gives."""
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.kb import name_key
from marsad.kb import text as T
from marsad.textmap import SEARCH, normalize

# Arabic letters, diacritics, tatweel, hamza forms, Latin (upper case too), digits, spaces, dots
_ALPHABET = st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويىةأإآؤئءـًٌٍَُِّْٰ"
                                 "abcXYZΣσ0123٤٥ .،\n") + ["\ufb8e", "\ufef7", "\u0653"])


@settings(max_examples=200, deadline=None)
@given(st.text(_ALPHABET, max_size=80))
def test_kb_text_tokenize_equals_per_word_folding(text):
    T._FOLDED.clear()
    toks = T.tokenize(text)
    expected = [(normalize(m.group(), SEARCH), m.start(), m.end()) for m in T._TOKEN.finditer(text)]
    assert [tuple(t) for t in toks] == expected
    assert all(type(t) is T.Tok for t in toks)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(_ALPHABET.filter(lambda c: c not in " .،\n"), min_size=1, max_size=12),
                max_size=20))
def test_kb_text_fold_many_equals_one_call_each(words):
    T._FOLDED.clear()
    T._fold_many(words)
    assert all(T._FOLDED[w] == normalize(w, SEARCH) for w in words)


def test_kb_text_word_filter_positions_are_the_passing_tokens():
    toks = T.tokenize("وقال الرئيس الروسي إن الرئيس سيزور موسكو والرئيس")
    calls = []
    f = T.WordFilter(lambda k: calls.append(k) or k.endswith("رييس"), max_words=5)
    want = [i for i, t in enumerate(toks) if t.key.endswith("رييس")]
    assert f.positions(toks) == want == [1, 4, 7]
    n = len(calls)
    assert f.positions(toks) == want and len(calls) == n     # known words are not re-tested
    assert f.positions(T.tokenize("موسكو")) == []            # over max_words: starts afresh
    assert f.positions(toks) == want


def test_kb_text_name_key_memo_is_the_function():
    for name in ("بيونغ يانغ", "«الشرق الأوسط»", "عبدالله", "", "Al-Qaeda"):
        assert name_key(name) == name_key(name)
    assert name_key("«الشرق الأوسط»") == "الشرق الاوسط"
