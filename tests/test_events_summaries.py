"""A headline, caption or related-card title that repeats the event its story (or card) tells is
not a second event, also when one of the two actors has no country code."""
from __future__ import annotations

import pytest

from marsad.components.events import _dedupe_summaries, _same_actor
from marsad.document import Article, Span


@pytest.mark.parametrize("a, b, same", [
    (("PRK", "North Korea"), ("PRK", "القوات الكورية"), True),
    (("PRK", "North Korea"), ("RUS", "Russia"), False),
    (("PRK", "North Korea"), (None, "الكورية"), True),          # one uncoded: may be one actor
    ((None, "مسلحون"), (None, "مسلحون"), True),
    ((None, "مسلحون"), (None, "الشرطة"), False),
    ((None, None), ("PRK", "North Korea"), False),               # an unnamed actor matches nothing
])
def test_events_same_actor(a, b, same):
    assert _same_actor(a, b) is same and _same_actor(b, a) is same


def _event(start, end, type_, code, name):
    return Span(start, end, type_, attrs={"type": type_, "actor": {"code": code, "name": name}})


def test_events_card_title_repeating_its_teaser_is_dropped_per_card():
    title1, teaser1 = "قوات كورية محتشدة", "أعلن الوزير أن القوات الكورية المحتشدة ستشارك في الحرب."
    title2, teaser2 = "قوات روسية محتشدة", "قال الجيش إن القوات الروسية المحتشدة ستتقدم."
    parts = [title1, teaser1, title2, teaser2]
    starts = [sum(len(p) + 2 for p in parts[:k]) for k in range(4)]
    text = "\n\n".join(parts)
    labels = ["related.title", "related.teaser", "related.title", "related.teaser"]
    blocks = [Span(s, s + len(p), lab, f"b{k}", {"card": k // 2})
              for k, (s, p, lab) in enumerate(zip(starts, parts, labels))]
    art = Article(text, layers={"blocks": blocks})
    events = [_event(starts[0] + 10, starts[0] + 16, "MOBILIZE", "PRK", "North Korea"),
              _event(starts[1] + 25, starts[1] + 32, "MOBILIZE", None, "الكورية"),
              _event(starts[2] + 10, starts[2] + 16, "MOBILIZE", "RUS", "Russia"),
              _event(starts[3] + 20, starts[3] + 27, "MOBILIZE", "RUS", "Russia")]
    kept = _dedupe_summaries(art, events)
    assert [(e.start, e.attrs["actor"]["code"]) for e in kept] == \
        [(starts[1] + 25, None), (starts[3] + 20, "RUS")]      # each card keeps its teaser event


def _told(start, type_="ASSAULT", actor=("RUS", "Russia"), target=(None, None), **attrs):
    return Span(start, start + 5, type_, attrs={
        "type": type_, "actor": {"code": actor[0], "name": actor[1]},
        "target": {"code": target[0], "name": target[1]}, **attrs})


def test_events_the_same_event_told_twice_in_a_body_is_kept_once():
    from marsad.components.events import _drop_retold
    story = lambda span: ("main", "paragraph")                       # noqa: E731
    first, again = _told(0, target=("UKR", "Ukraine")), _told(50, target=("UKR", "Ukraine"))
    assert _drop_retold([first, again], story) == [first]
    other_target = _told(50, target=("SYR", "Syria"))
    other_place = _told(50, target=("UKR", "Ukraine"), location="Odesa")
    placed = _told(0, target=("UKR", "Ukraine"), location="Kharkiv")
    unnamed = [_told(0, actor=(None, None)), _told(50, actor=(None, None))]
    negated = _told(50, target=("UKR", "Ukraine"), negated=True)
    assert _drop_retold([first, other_target], story) == [first, other_target]
    assert _drop_retold([placed, other_place], story) == [placed, other_place]
    assert _drop_retold(unnamed, story) == unnamed
    assert _drop_retold([first, negated], story) == [first, negated]
    assert _drop_retold([first, _told(50, "PROTEST")], story) == [first, _told(50, "PROTEST")]
