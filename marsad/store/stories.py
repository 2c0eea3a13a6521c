"""Story clusters: articles about the same event over days (shared entities + text similarity).

Single-pass clustering in publication order, as in topic detection and tracking: each article is
a TF-IDF vector of its title (weight 2), its lead (first ``LEAD_WORDS`` words) and its entities
(KB id or name, weight 3). It joins the most similar story that was active in the last
``WINDOW_DAYS`` days if the cosine with that story's centroid is at least ``THRESHOLD``, else it
starts a new story. Candidate stories come from an inverted index over the article's terms, so
the pass is linear in practice. A story's label is the title of its most central article.

Terms: folded words of 3+ letters, clitic-stripped to their shortest variant, at most 60
per article; words in more
than ``MAX_DF`` of the archive are dropped (function words, "المملكة"), and so are words seen in
one article only (they cannot link two). Thresholds were set by reading clusters of SaudiNewsNet
(a different sample from the hand-checked gold in marsad/eval/data/dedup_gold.jsonl).
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, insert, select

from . import schema as S
from .textindex import PREFIX, variants, words
from .write import finish_run, start_run

THRESHOLD = 0.30
WINDOW_DAYS = 3
LEAD_WORDS = 60
MAX_DF = 0.02
TITLE_WEIGHT, ENTITY_WEIGHT = 2.0, 3.0
TOP_TERMS = 60        # cap on an article's terms (the lead has ~60 words; bounds the cost)
A, E = S.articles, S.entities


@dataclass
class Item:
    id: str
    day: int | None
    title: str
    terms: Counter


@dataclass
class Story:
    centroid: Counter = field(default_factory=Counter)
    members: list[tuple[str, float]] = field(default_factory=list)
    first: int | None = None
    last: int | None = None


_CHAIN = re.compile(PREFIX)


def _key(word: str) -> str | None:
    """The shortest clitic-stripped variant (fast path: the longest prefix chain)."""
    cut = _CHAIN.match(word).end()
    stem = word[cut:] if len(word) - cut >= 2 else min(variants(word), key=len)
    return stem if len(stem) >= 3 and not stem.isdigit() else None


def item_terms(title: str, text: str, entity_keys: list[str]) -> Counter:
    c: Counter = Counter()
    for w in words(title):
        if (k := _key(w)):
            c[k] += TITLE_WEIGHT
    body = text[len(title):] if title and text.startswith(title) else text
    for w in words(body[:LEAD_WORDS * 12])[:LEAD_WORDS]:   # fold only the lead
        if (k := _key(w)):
            c[k] += 1.0
    for key in entity_keys:
        c["E:" + key] += ENTITY_WEIGHT
    return c


def _day(published: str | None) -> int | None:
    try:
        return date.fromisoformat((published or "")[:10]).toordinal()
    except ValueError:
        return None


def load_items(engine) -> list[Item]:
    with engine.connect() as conn:
        ents: dict[str, list[str]] = defaultdict(list)
        for r in conn.execute(select(E.c.article_id, E.c.kb_id, E.c.name)):
            ents[r.article_id].append(r.kb_id or r.name)
        rows = conn.execute(select(A.c.id, A.c.published, A.c.title, A.c.text)
                            .order_by(A.c.published, A.c.id)).all()
    return [Item(r.id, _day(r.published), r.title, item_terms(r.title, r.text, ents[r.id]))
            for r in rows]


def weigh(items: list[Item], max_df: float = MAX_DF) -> None:
    """Turn raw counts into l2-normalised TF-IDF in place."""
    df = Counter(t for it in items for t in it.terms)
    n = max(1, len(items))
    limit = max(10, max_df * n)   # small archives: keep every shared word
    for it in items:
        vec = {t: (1 + math.log(c)) * math.log(n / df[t]) for t, c in it.terms.items()
               if 1 < df[t] <= limit}
        top = dict(sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS])
        norm = math.sqrt(sum(v * v for v in top.values())) or 1.0
        it.terms = Counter({t: v / norm for t, v in top.items()})


def _cos(vec: Counter, centroid: Counter, cnorm: float) -> float:
    return sum(v * centroid.get(t, 0.0) for t, v in vec.items()) / (cnorm or 1.0)


class _Index:
    """Inverted index term -> {story: centroid weight}, over stories still inside the window."""

    def __init__(self) -> None:
        self.postings: dict[str, dict[int, float]] = defaultdict(dict)

    def scores(self, vec: Counter) -> dict[int, float]:
        acc: dict[int, float] = defaultdict(float)
        for t, w in vec.items():
            for sid, cw in self.postings.get(t, {}).items():
                acc[sid] += w * cw
        return acc

    def add(self, sid: int, story: Story, vec: Counter) -> None:
        for t in vec:
            self.postings[t][sid] = story.centroid[t]

    def drop(self, sid: int, story: Story) -> None:
        for t in story.centroid:
            self.postings[t].pop(sid, None)


def cluster(items: list[Item], threshold: float = THRESHOLD,
            window: int = WINDOW_DAYS) -> list[Story]:
    """One pass in date order; stories silent for more than ``window`` days leave the index."""
    stories: list[Story] = []
    norms: list[float] = []
    index, active, today = _Index(), set(), None
    for it in items:
        if it.day is not None and it.day != today:   # expire stories once per new day
            today = it.day
            for sid in [s for s in active if stories[s].last is not None
                        and it.day - stories[s].last > window]:
                index.drop(sid, stories[sid])
                active.discard(sid)
        best, best_s = -1, 0.0
        for sid, dot in index.scores(it.terms).items():
            s = dot / (norms[sid] or 1.0)
            if s > best_s:
                best, best_s = sid, s
        if best < 0 or best_s < threshold:
            stories.append(Story())
            norms.append(0.0)
            best, best_s = len(stories) - 1, 1.0
        st = stories[best]
        st.members.append((it.id, round(best_s, 4)))
        for t, v in it.terms.items():
            old = st.centroid.get(t, 0.0)
            norms[best] = math.sqrt(max(0.0, norms[best] ** 2 - old * old + (old + v) ** 2))
            st.centroid[t] = old + v
        index.add(best, st, it.terms)
        active.add(best)
        if it.day is not None:
            st.first = it.day if st.first is None else min(st.first, it.day)
            st.last = it.day if st.last is None else max(st.last, it.day)
    return stories


def _label(st: Story, by_id: dict[str, Item]) -> str:
    norm = math.sqrt(sum(v * v for v in st.centroid.values())) or 1.0
    central = max(st.members, key=lambda m: (_cos(by_id[m[0]].terms, st.centroid, norm), m[0]))
    return by_id[central[0]].title or central[0]


def _iso(day: int | None) -> str | None:
    return date.fromordinal(day).isoformat() if day else None


def build_stories(engine, threshold: float = THRESHOLD, window: int = WINDOW_DAYS) -> dict[str, int]:
    """Recluster the whole archive and replace the stories tables (one transaction)."""
    items = load_items(engine)
    weigh(items)
    found = cluster(items, threshold, window)
    by_id = {it.id: it for it in items}
    run_id = start_run(engine, [f"stories(threshold={threshold},window={window})"], "stories")
    heads, members = [], []
    for sid, st in enumerate(found, 1):   # explicit ids: the tables are rebuilt from scratch
        heads.append({"id": sid, "label": _label(st, by_id), "first_date": _iso(st.first),
                      "last_date": _iso(st.last), "size": len(st.members), "run_id": run_id})
        members.extend({"story_id": sid, "article_id": a, "score": s} for a, s in st.members)
    with engine.begin() as conn:
        conn.execute(delete(S.story_members))
        conn.execute(delete(S.stories))
        if heads:
            conn.execute(insert(S.stories), heads)
            conn.execute(insert(S.story_members), members)
    finish_run(engine, run_id, written=len(found))
    multi = sum(1 for st in found if len(st.members) > 1)
    return {"articles": len(items), "stories": len(found), "multi_article_stories": multi}
