"""The archive on both backends: round trip, idempotent writes, history, search, filters, facets."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text

from marsad.document import ArticleMeta, Entity, Span
from marsad.segment.build import ArticleBuilder
from marsad.store import Store
from marsad.store import schema as S
from marsad.textmap import fold_key

pytest.importorskip("sqlalchemy")


def make_article(title: str, paras: list[str], source: str, publisher: str = "alriyadh",
                 published: str = "2015-07-21", url: str | None = None):
    b = ArticleBuilder(ArticleMeta(source=source, publisher=publisher, published=published,
                                   url=url))
    b.add("title", title)
    for p in paras:
        b.add("paragraph", p)
    return b.build()


def annotate(article, name: str, name_ar: str, kb_id: str | None = None):
    """Entity + mention + quote + event + date + quantity, at real offsets of ``name_ar``."""
    start = article.text.index(name_ar)
    end = start + len(name_ar)
    article.set_layer("ents", [Span(start, end, "PERSON", "m1", {"entity_id": "e1"})])
    article.entities = [Entity("e1", "PERSON", name, name_ar, kb_id, ["Poutine"], ["m1"])]
    body = article.blocks("paragraph")[0]
    article.set_layer("quotes", [Span(body.start, body.end, "QUOTE", "q1", {
        "kind": "indirect", "cue": "قال", "cue_span": None,
        "speaker": {"text": name_ar, "start": start, "end": end, "entity_id": "e1",
                    "name": name, "resolution": "explicit", "kind": "person"}})])
    article.set_layer("events", [Span(start, end, "CONSULT", "ev1", {
        "type": "CONSULT", "sentence": {"start": body.start, "end": body.end},
        "actor": {"name": name, "code": "RUSGOV", "entity_id": "e1", "sector": None,
                  "start": start, "end": end},
        "target": None, "location": "موسكو", "date": None, "negated": False,
        "modality": None})])
    article.set_layer("dates", [Span(0, 4, "DATE", "d1", {"value": "2015-07-21", "kind": "day",
                                                          "calendar": "gregorian"})])
    article.set_layer("quantities", [Span(0, 3, "MONEY", "n1", {"value": 5, "unit": "SAR"})])
    return article


@pytest.fixture(scope="module")
def corpus():
    a = make_article("بوتين يستقبل كيم في موسكو",
                     ["قال الرئيس الروسي فلاديمير بوتين إن المحادثات مع الزعيم الكوري كانت مثمرة."],
                     "a#0", "aawsat", "2015-07-21", "http://x/a")
    annotate(a, "Vladimir Putin", "فلاديمير بوتين", "Q7747")
    b = make_article("وزارة الصحة تطلق حملة للتطعيم",
                     ["أعلنت وزارةُ الصحّة إطلاق حملة وطنية للتطعيم ضد الإنفلونزا في المدارس."],
                     "b#0", "okaz", "2015-07-22")
    c = make_article("لقاء في الكرملين",
                     ["التقى بوتين بالمستشارة الألمانية لبحث الأزمة الأوكرانية."],
                     "c#0", "alriyadh", "2015-07-25")
    return [a, b, c]


@pytest.fixture
def store(store_url, corpus):
    """A fresh archive per test, for tests that write."""
    s = Store.open(store_url)
    s.add_articles(corpus, pipeline=["sentences.v1"])
    yield s
    s.close()


@pytest.fixture(scope="module")
def ro_store(module_store_url, corpus):
    """One archive per backend, shared by the read-only tests of this module."""
    s = Store.open(module_store_url)
    s.add_articles(corpus, pipeline=["sentences.v1"])
    yield s
    s.close()


def test_store_round_trip_gives_back_process_json(ro_store, corpus):
    for art in corpus:
        want = art.to_dict(exclude_layers=("tokens", "subtokens"))
        assert ro_store.get_doc(art.id) == want
        assert ro_store.get_article(art.id).to_dict(exclude_layers=("tokens",)) == want
    assert ro_store.get_doc("nope") is None


def _dump(store) -> dict:
    out = {}
    with store.engine.connect() as conn:
        for table in [S.articles, S.article_search, S.article_runs, *S.CHILD_TABLES, S.pages,
                      S.sources]:
            out[table.name] = sorted(tuple(map(str, r)) for r in conn.execute(select(table)))
    return out


def test_store_same_input_twice_changes_nothing(store, corpus):
    before = _dump(store)
    again = store.add_articles(corpus, pipeline=["sentences.v1"])
    assert (again.written, again.unchanged) == (0, 3)
    assert _dump(store) == before


def test_store_new_pipeline_version_rewrites_and_keeps_history(store, corpus):
    res = store.add_articles(corpus[:1], pipeline=["sentences.v1", "tokens.v1"])
    assert res.written == 1
    with store.engine.connect() as conn:
        hist = conn.execute(select(S.article_runs).where(
            S.article_runs.c.article_id == corpus[0].id)).all()
        n = conn.execute(select(S.articles.c.id)).all()
    assert len(hist) == 2 and len({h.pipeline_version for h in hist}) == 2
    assert len(n) == 3
    runs = store.runs()
    assert [r["status"] for r in runs] == ["done", "done"] and runs[0]["written"] == 1


def test_store_child_rows(ro_store, corpus):
    a = corpus[0]
    with ro_store.engine.connect() as conn:
        q = conn.execute(select(S.quotes).where(S.quotes.c.article_id == a.id)).one()
        ev = conn.execute(select(S.events)).one()
        ent = conn.execute(select(S.entities)).one()
        blocks = conn.execute(select(S.blocks).where(S.blocks.c.article_id == a.id)).all()
    assert q.speaker_name == "Vladimir Putin" and q.text == a.blocks("paragraph")[0].text_in(a.text)
    assert (ev.type, ev.actor_code, ev.location, ev.negated) == ("CONSULT", "RUSGOV", "موسكو", False)
    assert ent.kb_id == "Q7747" and ent.mentions == 1
    assert [b.label for b in blocks] == ["title", "paragraph"]


@pytest.mark.parametrize("query", [
    "بوتين", "لبوتين", "وبوتين", "بوتينْ", "بوتـــين",        # clitics, diacritics, tatweel
    "المحادثات", "محادثات", "والمحادثات", "للمحادثات",         # article and prepositions
    "موسكو", "الروسى", "مثمره", "إن",                         # ى/ي, ة/ه, hamza
])
def test_store_search_matches_spelling_variants(ro_store, corpus, query):
    ids = [h.id for h in ro_store.search(query).hits]
    assert corpus[0].id in ids


@pytest.mark.parametrize("query, expect", [
    ("الصحة", "b"), ("الصحه", "b"), ("صحة", "b"), ("وزاره", "b"), ("بالانفلونزا", "b"),
    ("الأزمة", "c"), ("ازمه", "c"), ("الكرملين بوتين", "c"),
])
def test_store_search_finds_the_right_article(ro_store, corpus, query, expect):
    by_name = {"a": corpus[0].id, "b": corpus[1].id, "c": corpus[2].id}
    res = ro_store.search(query)
    assert res.hits and res.hits[0].id == by_name[expect]


def test_store_search_english_name_finds_arabic_through_entities(ro_store, corpus):
    res = ro_store.search("Putin")
    ids = {h.id for h in res.hits}
    # a has the linked entity; c only says بوتين in Arabic and is found through the expansion
    assert ids == {corpus[0].id, corpus[2].id}
    assert "بوتين" in " ".join(res.expansions["putin"])
    assert {h.id for h in ro_store.search("Q7747").hits} >= {corpus[0].id}


def test_store_search_all_words_must_match(ro_store, corpus):
    assert ro_store.search("بوتين الإنفلونزا").total == 0
    assert ro_store.search("كلمةغيرموجودة").total == 0


def test_store_search_ranks_title_matches_first(ro_store, corpus):
    res = ro_store.search("بوتين")
    assert res.hits[0].id in (corpus[0].id, corpus[2].id)
    assert res.hits[0].id == corpus[0].id  # title + body + entity names beats a body-only match


def test_store_search_snippet_highlights_point_at_matches(ro_store, corpus):
    hit = ro_store.search("المحادثات").hits[0]
    art = corpus[0]
    assert hit.highlights and hit.snippet_highlights
    for s, e in hit.highlights:
        assert fold_key(art.text[s:e]) == fold_key("المحادثات")
    for s, e in hit.snippet_highlights:
        assert fold_key(hit.snippet[s:e]) == fold_key("المحادثات")


@pytest.mark.parametrize("query", ['"', "'", 'بوتين" OR "', "a'; DROP TABLE articles; --",
                                   "NEAR(", "*", "title:بوتين", "-", "&|!", "()", ""])
def test_store_search_hostile_queries_are_plain_words(ro_store, query):
    ro_store.search(query)
    assert ro_store.count() == 3


def test_store_filters(ro_store, corpus):
    a, b, c = (x.id for x in corpus)
    ids = lambda **f: {h.id for h in ro_store.search("", f, per_page=50).hits}  # noqa: E731
    assert ids(source=["okaz"]) == {b}
    assert ids(source="okaz") == {b}
    assert ids(date_from="2015-07-22") == {b, c}
    assert ids(date_to="2015-07-22") == {a, b}
    assert ids(date_from="2015-07-22", date_to="2015-07-22") == {b}
    assert ids(entity="Q7747") == {a}
    assert ids(entity="بوتين") == {a}
    assert ids(speaker="Vladimir Putin") == {a}
    assert ids(event_type="CONSULT") == {a}
    assert ids(event_type="PROTEST") == set()
    assert {h.id for h in ro_store.search("بوتين", {"source": ["alriyadh"]}).hits} == {c}


def test_store_latest_orders_newest_first(ro_store, corpus):
    assert [h.id for h in ro_store.latest(3).hits] == [corpus[2].id, corpus[1].id, corpus[0].id]


def test_store_pagination(ro_store):
    p1 = ro_store.search("", per_page=2, page=1)
    p2 = ro_store.search("", per_page=2, page=2)
    assert p1.total == p2.total == 3
    assert len(p1.hits) == 2 and len(p2.hits) == 1
    assert not {h.id for h in p1.hits} & {h.id for h in p2.hits}


def test_store_facets(ro_store):
    f = ro_store.facets("بوتين")
    assert {(x["value"], x["count"]) for x in f["source"]} == {("aawsat", 1), ("alriyadh", 1)}
    assert f["event_type"] == [{"value": "CONSULT", "count": 1}]
    assert f["speaker"] == [{"value": "Vladimir Putin", "count": 1}]
    assert f["entity"] == [{"value": "فلاديمير بوتين", "count": 1}]
    assert {x["value"] for x in f["day"]} == {"2015-07-21", "2015-07-25"}


def test_store_entities_quotes_events_sources(ro_store, corpus):
    ents = ro_store.entities()
    assert ents[0]["kb_id"] == "Q7747" and ents[0]["articles"] == 1
    assert ro_store.entities(query="putin")[0]["name"] == "Vladimir Putin"
    assert ro_store.quotes(speaker="Vladimir Putin")[0]["article_id"] == corpus[0].id
    assert ro_store.events(type="CONSULT")[0]["actor_name"] == "Vladimir Putin"
    assert {s["name"]: s["articles"] for s in ro_store.sources()} == {
        "aawsat": 1, "okaz": 1, "alriyadh": 1}


def test_store_schema_matches_migrations(store_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from alembic.config import Config

    from marsad.store.db import MIGRATIONS
    from marsad.store.migrations import HEAD

    s = Store.open(store_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD
    with s.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": _include})
        assert compare_metadata(ctx, S.metadata) == []
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    s.close()


def _include(obj, name, type_, reflected, compare_to):
    return not (name or "").startswith(("article_fts", "ix_article_search_tsv", "tsv"))


def test_store_bad_url_is_a_clear_error(tmp_path):
    from marsad.store import StoreError
    with pytest.raises(StoreError) as err:
        Store.open("mysql://x/y")
    assert err.value.code == "E600"
    with pytest.raises(StoreError) as err:
        Store.open(str(tmp_path / "missing" / "x.sqlite"))
    assert err.value.code == "E602"
