"""The reader over a hand-built archive: every route, its JSON twin, one error shape, limits,
escaping of hostile strings, security headers, highlights at the right offsets, read-only."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("sqlalchemy")

from fastapi.testclient import TestClient  # noqa: E402

from marsad.document import ArticleMeta, Entity, Span  # noqa: E402
from marsad.segment.build import ArticleBuilder  # noqa: E402
from marsad.store import Store  # noqa: E402
from marsad.web.app import create_app  # noqa: E402
from marsad.web.errors import WebError  # noqa: E402

EVIL = '<script>alert("x")</script>"\'><img src=x onerror=alert(1)>'


def build(title, paras, source, publisher, published, url=None, caption=None):
    b = ArticleBuilder(ArticleMeta(source=source, publisher=publisher, published=published,
                                   url=url))
    b.add("title", title)
    b.add("subtitle", "عنوان فرعي للخبر")
    for p in paras:
        b.add("paragraph", p)
    if caption:
        b.add("caption", caption[0], credit=caption[1])
    b.add("subhead", "تفاصيل أخرى")
    b.add("related.title", "خبر ذو صلة عن موسكو", card=0)
    return b.build()


def annotate(art, who: str, name: str, kb: str | None, speaker: str | None = None):
    """Mentions of ``who`` everywhere it occurs, one entity, one quote (the first paragraph),
    one event."""
    starts = [m.start() for m in re.finditer(re.escape(who), art.text)]
    ents = [Span(s, s + len(who), "PERSON", f"m{i}", {"entity_id": "e1"})
            for i, s in enumerate(starts)]
    art.set_layer("ents", ents)
    art.entities = [Entity("e1", "PERSON", name, who, kb, [], [m.id for m in ents])]
    para = art.blocks("paragraph")[0]
    art.set_layer("quotes", [Span(para.start, para.end, "QUOTE", "q1", {
        "kind": "direct", "cue": "قال", "cue_span": None,
        "speaker": {"text": who, "start": starts[0], "end": starts[0] + len(who),
                    "entity_id": "e1", "name": speaker or name, "resolution": "explicit",
                    "kind": "person"}})])
    art.set_layer("events", [Span(ents[0].start, ents[0].end, "CONSULT", "ev1", {
        "type": "CONSULT", "sentence": {"start": para.start, "end": para.end},
        "actor": {"name": name, "code": "RUS", "entity_id": "e1", "sector": None,
                  "start": ents[0].start, "end": ents[0].end},
        "target": {"name": "Kim Jong Un", "code": "PRK"}, "location": None, "date": None,
        "negated": False, "modality": None})])
    if "اليوم" in art.text:
        at = art.text.index("اليوم")
        art.set_layer("dates", [Span(at, at + 5, "DATE", "d1", {"value": "2015-07-21",
                                                                "kind": "day",
                                                                "calendar": "gregorian"})])
    return art


def corpus() -> list:
    arts = []
    for i in range(5):
        a = build(f"بوتين يستقبل كيم في موسكو {i}",
                  [f"قال الرئيس الروسي فلاديمير بوتين إن المحادثات رقم {i} كانت مثمرة.",
                   "وأضاف بوتين اليوم أن التعاون سيستمر."], f"putin#{i}", "aawsat",
                  f"2015-07-2{i}", f"https://example.com/a{i}",
                  caption=("بوتين خلال اللقاء", "(رويترز)"))
        arts.append(annotate(a, "بوتين", "Vladimir Putin", "Q7747"))
    evil = build("عنوان " + EVIL, ["فقرة فيها " + EVIL + " ثم اسم زيد هنا."], "evil#0",
                 "evil" + EVIL, "2015-07-25", "javascript:alert(1)", caption=("صورة", EVIL))
    arts.append(annotate(evil, "زيد", "Zaid " + EVIL, None, speaker="زيد " + EVIL))
    arts.append(build("خبر بلا طبقات", ["نص عادي عن الطقس."], "plain#0", "okaz", None))
    return arts


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "archive.sqlite"
    arts = corpus()
    with Store.open(str(path)) as store:
        store.add_articles(arts)
        store.build_stories()
    return str(path), arts


@pytest.fixture(scope="module")
def client(archive):
    app = create_app(archive[0])
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    app.state.store.close()


def ids(archive):
    arts = archive[1]
    return {"putin": arts[0].id, "evil": arts[5].id, "plain": arts[6].id}


def routes(archive) -> list[str]:
    a = ids(archive)
    return ["/", "/search?q=بوتين", f"/articles/{a['putin']}", f"/articles/{a['plain']}",
            "/entities", "/entities/Q7747", "/quotes", "/events", "/stories"]


def test_web_every_view_and_json_twin(client, archive):
    for path in routes(archive):
        page = client.get(path)
        assert page.status_code == 200, path
        assert page.headers["content-type"].startswith("text/html")
        assert '<html lang="ar" dir="rtl">' in page.text
        api = client.get("/api" + path if path != "/" else "/api")
        assert api.status_code == 200, path
        assert api.headers["content-type"] == "application/json"
        assert not any(k.startswith("_") for k in api.json()), path


def assert_error(resp, status: int, code: str) -> None:
    assert resp.status_code == status
    body = resp.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "status", "message", "hint"}
    assert body["error"]["code"] == code and body["error"]["status"] == status
    assert body["error"]["message"]


def test_web_error_shape_on_every_route(client, archive):
    for path in routes(archive):
        api = "/api" + path if path != "/" else "/api"
        assert_error(client.post(api), 405, "E805")
        assert_error(client.delete(api), 405, "E805")
        if path.startswith("/articles/"):     # the one view without a listing
            path = "/articles/bad%20id"
            api = "/api" + path
        else:
            sep = "&" if "?" in api else "?"
            assert_error(client.get(api + sep + "page=100000"), 422, "E801")
            api, path = api + sep + "per_page=0", path + sep + "per_page=0"
        assert_error(client.get(api), 422, "E801")
        html = client.get(path)
        assert html.status_code == 422 and 'data-code="E801"' in html.text
    for missing in ("/articles/nope", "/entities/Q0", "/stories/99", "/nothing-here"):
        assert_error(client.get("/api" + missing), 404, "E804")
        assert 'data-code="E804"' in client.get(missing).text
    assert_error(client.get("/api/articles/" + "x" * 65), 422, "E801")
    assert_error(client.get("/api/search?date_from=2015-07-30&date_to=2015-07-01"), 400, "E802")


def test_web_limits_on_query_cost(client):
    assert_error(client.get("/api/search", params={"q": " ".join(["كلمة"] * 13)}), 400, "E802")
    assert_error(client.get("/api/search", params={"q": "ب" * 201}), 422, "E801")
    assert_error(client.get("/api/search", params={"per_page": 101}), 422, "E801")
    assert_error(client.get("/api/quotes", params={"speaker": "ب" * 201}), 400, "E802")
    assert_error(client.get("/api/search", params={"date_from": "21-07-2015"}), 422, "E801")


def test_web_pagination(client):
    one = client.get("/api", params={"per_page": 2}).json()
    assert one["pagination"] == {"page": 1, "per_page": 2, "total": 7, "pages": 4,
                                 "has_prev": False, "has_next": True}
    two = client.get("/api", params={"per_page": 2, "page": 2}).json()
    assert {a["id"] for a in one["articles"]}.isdisjoint(a["id"] for a in two["articles"])
    html = client.get("/", params={"per_page": 2, "page": 2}).text
    assert 'rel="prev"' in html and 'rel="next"' in html
    quotes = client.get("/api/quotes", params={"per_page": 4}).json()
    assert quotes["total"] == 6 and len(quotes["quotes"]) == 4
    assert quotes["pagination"]["has_next"]


def test_web_security_headers(client, archive):
    for path in routes(archive) + ["/docs", "/api/nothing", "/static/style.css"]:
        h = client.get(path).headers
        csp = h["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp, path
        assert "unsafe-inline" not in csp.split("style-src")[0]
        assert h["x-content-type-options"] == "nosniff"
        assert h["x-frame-options"] == "DENY"


class Tags(HTMLParser):
    """Collect start tags with attributes, and the text inside ``.ent`` elements."""

    def __init__(self):
        super().__init__()
        self.tags, self.ents, self._stack = [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "ent" in (a.get("class") or "").split():
            self._stack.append([a, ""])
        elif self._stack:
            self._stack.append(None)

    def handle_endtag(self, tag):
        if self._stack:
            top = self._stack.pop()
            if top is not None:
                self.ents.append(tuple(top))

    def handle_data(self, data):
        for item in self._stack:
            if item is not None:
                item[1] += data


def parse(html: str) -> Tags:
    p = Tags()
    p.feed(html)
    return p


@pytest.mark.parametrize("path", ["/articles/{evil}", "/api/articles/{evil}", "/",
                                  "/search?q=زيد", "/quotes", "/events", "/entities",
                                  "/search?q=" + EVIL, "/api/search?q=" + EVIL,
                                  "/quotes?speaker=" + EVIL, "/entities?q=" + EVIL])
def test_web_hostile_strings_render_inert(client, archive, path):
    resp = client.get(path.format(**ids(archive)))
    assert resp.status_code in (200, 400)
    text = resp.text
    assert "<script>alert" not in text and "<img src=x" not in text
    if resp.headers["content-type"].startswith("text/html"):
        tags = parse(text).tags
        assert not [t for t, _ in tags if t == "img"]
        assert all(not k.startswith("on") for _, a in tags for k in a)
        assert all(not (a.get("href") or "").lower().startswith("javascript")
                   for _, a in tags)
        scripts = [a.get("src") for t, a in tags if t == "script"]
        assert all(s and s.startswith("/") for s in scripts)


def test_web_hostile_strings_are_shown_escaped(client, archive):
    html = client.get(f"/articles/{ids(archive)['evil']}").text
    assert "&lt;script&gt;alert(" in html
    assert "المصدر الأصلي" not in html        # javascript: URL is not linked
    entity_page = client.get("/api/entities", params={"q": "زيد"}).json()["entities"]
    assert entity_page and EVIL in entity_page[0]["name"]       # JSON keeps the raw value


def test_web_highlights_sit_on_mention_offsets(client, archive):
    art = archive[1][0]
    html = client.get(f"/articles/{art.id}").text
    ents = parse(html).ents
    want = {(m.start, m.end) for m in art.layer("ents")}
    got = {(int(a["data-start"]), int(a["data-end"])) for a, _ in ents}
    assert got == want and len(ents) == len(want)
    for attrs, text in ents:
        assert text == art.text[int(attrs["data-start"]):int(attrs["data-end"])] == "بوتين"
        assert attrs["href"] == "/entities/Q7747" and attrs["data-type"] == "PERSON"
    assert 'data-speaker="Vladimir Putin"' in html
    assert 'class="credit"' in html and "(رويترز)" in html
    assert '<h2 class="subhead"' in html and 'class="related"' in html
    assert '<bdi dir="auto">اليوم</bdi> ← <bdi dir="ltr">2015-07-21</bdi>' in html


def test_web_article_without_layers_degrades(client, archive):
    html = client.get(f"/articles/{ids(archive)['plain']}").text
    assert "نص عادي عن الطقس." in html
    assert "لا اقتباسات" in html and "لا أحداث" in html


def test_web_search_snippet_highlights_and_facets(client):
    data = client.get("/api/search", params={"q": "المحادثات"}).json()
    assert data["total"] == 5
    hit = data["hits"][0]
    marked = [hit["snippet"][s:e] for s, e in hit["snippet_highlights"]]
    assert marked and all("المحادثات" in m for m in marked)
    assert {"value": "aawsat", "count": 5} in data["facets"]["source"]
    html = client.get("/search", params={"q": "المحادثات"}).text
    assert '<mark class="hit-word">المحادثات</mark>' in html
    titled = client.get("/search", params={"q": "موسكو"}).text     # in the titles only
    assert 'كيم في <mark class="hit-word">موسكو</mark>' in titled


def test_web_entity_page_chart_quotes_neighbours(client):
    data = client.get("/api/entities/Q7747").json()
    assert data["entity"]["kb_id"] == "Q7747" and data["entity"]["articles"] == 5
    assert [t["day"] for t in data["timeline"]] == [f"2015-07-2{i}" for i in range(5)]
    assert data["quotes_total"] == 5
    roles = {(r["role"], r["of"], r["start"]) for r in data["kb"]["roles"]}   # shipped KB
    assert ("president", "RUS", "2012-05-07") in roles and data["kb"]["country"] == "RUS"
    html = client.get("/entities/Q7747").text
    assert "president" in html and "روسيا" in html
    assert html.count('class="bar"') == 5 and "<svg" in html


def test_web_quotes_filters(client):
    by_speaker = client.get("/api/quotes", params={"speaker": "Vladimir Putin"}).json()
    assert by_speaker["total"] == 5
    by_date = client.get("/api/quotes", params={"date_from": "2015-07-21",
                                                "date_to": "2015-07-22"}).json()
    assert by_date["total"] == 2
    assert client.get("/api/quotes", params={"source": "okaz"}).json()["total"] == 0


def test_web_events_timeline(client):
    data = client.get("/api/events", params={"type": "CONSULT"}).json()
    assert data["total"] == 6
    assert data["events"][0]["actor_name"].startswith("Zaid")     # newest first
    html = client.get("/events").text
    assert html.count('class="day"') == 6 and "Kim Jong Un" in html


def test_web_docs_offline(client):
    html = client.get("/docs").text
    srcs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert all(s.startswith(("/", "#")) for s in srcs), srcs
    spec = client.get("/openapi.json").json()
    for path in ("/api", "/api/search", "/api/articles/{article_id}", "/api/entities",
                 "/api/entities/{key}", "/api/quotes", "/api/events", "/api/stories"):
        assert path in spec["paths"], path


def test_web_archive_is_read_only(client):
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError
    engine = client.app.state.store.engine
    with pytest.raises(OperationalError):
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM articles"))
    assert client.get("/api").json()["archive_size"] == 7


def test_web_refuses_missing_database(tmp_path):
    with pytest.raises(WebError) as err:
        create_app(str(tmp_path / "missing.sqlite"))
    assert err.value.code == "E800"
    assert not (tmp_path / "missing.sqlite").exists()


def test_web_error_shape_outside_the_views(client):
    for path in ("/static/style.css", "/docs", "/openapi.json"):
        assert_error(client.post(path, headers={"accept": "application/json"}), 405, "E805")
    for path in ("/static/nope.css", "/static/../../errors.py", "/docs-assets/x.js"):
        assert_error(client.get(path, headers={"accept": "application/json"}), 404, "E804")


def test_web_broken_archive_is_a_503_in_the_error_shape(tmp_path):
    path = tmp_path / "broken.sqlite"
    with Store.open(str(path)) as store:
        store.add_articles(corpus()[:1])
    app = create_app(str(path))
    try:
        app.state.store.engine.dispose()
        for suffix in ("-wal", "-shm"):
            (tmp_path / ("broken.sqlite" + suffix)).unlink(missing_ok=True)
        path.write_bytes(b"this is not a database" * 100)
        with TestClient(app, raise_server_exceptions=False) as c:
            assert_error(c.get("/api/quotes"), 503, "E803")
            page = c.get("/quotes")
            assert page.status_code == 503 and 'data-code="E803"' in page.text
    finally:
        app.state.store.close()


def test_web_story_clusters(client, archive):
    stories = client.get("/api/stories").json()["stories"]
    assert stories, "the five near-identical Putin articles should form a story"
    sid = stories[0]["id"]
    first = client.get(f"/api/stories/{sid}", params={"per_page": 2}).json()
    assert first["pagination"]["total"] == stories[0]["size"]
    assert len(first["story"]["articles"]) == min(2, stories[0]["size"])
    html = client.get(f"/stories/{sid}").text
    assert html.count("/articles/") >= stories[0]["size"]


def test_web_every_page_has_a_json_twin_and_docs(client):
    """Pages and API routes pair up one to one, and docs/web.md names every API route."""
    import importlib
    from pathlib import Path

    from marsad.web.app import ROUTE_MODULES
    routes_ = [r for name in ROUTE_MODULES
               for r in importlib.import_module(f"marsad.web.routes.{name}").router.routes]
    pages, apis = set(), set()
    for route in routes_:
        path = getattr(route, "path", "")
        if "GET" not in (getattr(route, "methods", None) or ()) or path.startswith(
                ("/docs", "/openapi", "/static")):
            continue
        path = path.replace(":path}", "}")
        (apis if path == "/api" or path.startswith("/api/") else pages).add(path)
    assert len(apis) == 9 and {("/api" + p).rstrip("/") for p in pages} == apis
    doc = (Path(__file__).resolve().parents[1] / "docs" / "web.md").read_text(encoding="utf-8")
    assert [a for a in sorted(apis) if f"`{a}`" not in doc] == []
    assert set(client.get("/openapi.json").json()["paths"]) == apis


def test_web_odd_layers_render(tmp_path):
    """Attrs in shapes other components might write (speaker/actor as plain strings, mentions
    without an entity, spans across block separators, empty layers) still render."""
    art = build("خبر غريب", ["قال زيد كلاما.", "ثم مضى."], "odd#0", "odd", "2015-07-01")
    para = art.blocks("paragraph")
    art.set_layer("ents", [Span(para[0].start + 4, para[1].start + 2, "ORG", "m1"),
                           Span(para[0].start, para[0].start + 3, "PERSON", "m2",
                                {"entity_id": "missing"})])
    art.set_layer("quotes", [Span(para[0].start, para[1].end, "QUOTE", "q1",
                                  {"speaker": "زيد", "kind": None})])
    art.set_layer("events", [Span(para[0].start, para[0].start + 3, "SAY", "e1",
                                  {"actor": "زيد", "target": None})])
    art.set_layer("dates", [])
    path = str(tmp_path / "odd.sqlite")
    with Store.open(path) as store:
        store.add_articles([art])
    app = create_app(path)
    try:
        with TestClient(app, raise_server_exceptions=False) as c:
            for url in (f"/articles/{art.id}", "/quotes", "/events", "/entities", "/"):
                assert c.get(url).status_code == 200, url
            html = c.get(f"/articles/{art.id}").text
            assert 'data-speaker="زيد"' in html and 'class="ent ent-ORG"' in html
    finally:
        app.state.store.close()
