"""The reader in a real browser (Debian's chromium driven by Playwright) over an archive built
from the example page and a few hundred SaudiNewsNet articles: every view loads right to left,
search → article → entity → quote click through, highlights sit on the right words, no CSP
violations. Screenshots go to artifacts/screenshots/ (gitignored)."""
from __future__ import annotations

import json
import shutil
import socket
import threading
import time
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, require_service

pytest.importorskip("fastapi")
pytest.importorskip("sqlalchemy")
pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = ROOT / "artifacts" / "screenshots"
DAYS = {"2015-07-21.zip": 100, "2015-07-22.zip": 100}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def reader_db(tmp_path_factory, shared_dir, example_page):
    """Example page + articles spread over two SaudiNewsNet days (several sources), through the
    default pipeline (plus events.v1 when registered)."""
    from marsad.pipeline import DEFAULT_PIPELINE, REGISTRY, load_pipeline
    from marsad.web.demo import build_demo_db
    dataset = shared_dir / "data" / "saudinewsnet" / "dataset"
    if not dataset.is_dir():
        pytest.skip("SaudiNewsNet not found")
    tmp = tmp_path_factory.mktemp("reader")
    records = tmp / "snn.jsonl"
    with records.open("w", encoding="utf-8") as out:
        for name, n in DAYS.items():
            with zipfile.ZipFile(dataset / name) as zf:
                data = json.loads(zf.read(zf.namelist()[0]))
            for rec in data[::max(1, len(data) // n)][:n]:   # spread over the day's sources
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    names = DEFAULT_PIPELINE + [n for n in ("events.v1",) if n in REGISTRY
                                and n not in DEFAULT_PIPELINE]
    return build_demo_db(tmp / "reader.sqlite", [str(example_page), str(records)],
                         load_pipeline(names))


@pytest.fixture(scope="module")
def base_url(reader_db):
    import uvicorn
    from marsad.web.app import create_app
    port = free_port()
    from marsad.web.serve import hosts_for
    app = create_app(reader_db, allowed_hosts=hosts_for("127.0.0.1"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    app.state.store.close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists() or shutil.which("chromium") is None:
        require_service("chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    pg = ctx.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    yield pg
    ctx.close()


def shoot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def api(page, url: str) -> dict:
    resp = page.request.get(url)
    assert resp.status == 200, url
    return resp.json()


def example_article(page, base_url) -> dict:
    hits = api(page, base_url + "/api/search?q=" + "بوتين كيم")["hits"]
    found = [h for h in hits if h["source"] is None or "aawsat" in (h["url"] or "")
             or "بوتين" in h["title"]]
    assert found, hits
    return found[0]


def test_web_browser_every_view_is_rtl(page, base_url):
    hit = example_article(page, base_url)
    ent = api(page, base_url + "/api/entities?type=PERSON")["entities"][0]
    views = {"home": "/", "search": "/search?q=بوتين", "article": f"/articles/{hit['id']}",
             "entities": "/entities", "entity": f"/entities/{ent['key']}", "quotes": "/quotes",
             "events": "/events", "stories": "/stories", "docs": "/docs"}
    stories = api(page, base_url + "/api/stories")["stories"]
    assert stories, "story clustering found no story in the test archive"
    views["story"] = f"/stories/{stories[0]['id']}"
    for name, path in views.items():
        resp = page.goto(base_url + path)
        assert resp.status == 200, path
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl", path
        assert page.locator("main").count() == 1
        shoot(page, name)
    assert not page.console_errors, page.console_errors


def test_web_browser_highlights_on_the_right_words(page, base_url):
    hit = example_article(page, base_url)
    doc = api(page, base_url + f"/api/articles/{hit['id']}")["article"]
    page.goto(base_url + f"/articles/{hit['id']}")
    marks = page.evaluate("""() => [...document.querySelectorAll('.article .ent')].map(e => {
        const r = e.getBoundingClientRect();
        return {start: +e.dataset.start, end: +e.dataset.end, text: e.textContent,
                bg: getComputedStyle(e).backgroundColor, w: r.width, h: r.height};
    })""")
    assert len(marks) == len(doc["layers"].get("ents", [])) and marks
    for m in marks:
        assert m["text"] == doc["text"][m["start"]:m["end"]]
        assert m["bg"] not in ("rgba(0, 0, 0, 0)", "transparent")
        assert m["w"] > 0 and m["h"] > 0
    title = page.locator(".article h1.title")
    assert title.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert page.locator(".article figure.caption .credit").count() >= 1
    shoot(page, "article-highlights")


def test_web_browser_search_article_entity_quote(page, base_url):
    page.goto(base_url + "/")
    page.fill("header input[name=q]", "بوتين")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    assert page.locator("mark.hit-word").count() > 0
    shoot(page, "flow-1-search")
    page.locator(".hit h3 a", has_text="بوتين").first.click()
    page.wait_for_url("**/articles/*")
    shoot(page, "flow-2-article")
    person = page.locator(".article a.ent-PERSON", has_text="بوتين").first
    word = person.text_content()
    person.click()
    page.wait_for_url("**/entities/*")
    assert word in page.locator("dl.facts").text_content() or word in page.locator("h1").text_content()
    assert page.locator("svg.chart rect.bar").count() >= 1
    shoot(page, "flow-3-entity")
    page.goto(base_url + "/quotes")
    speaker = page.locator(".quote-item a.speaker").first
    who = speaker.text_content()
    speaker.click()
    page.wait_for_url("**/quotes?speaker=*")
    assert page.locator(".active-filter bdi").text_content() == who
    shoot(page, "flow-4-quotes")
    page.locator(".quote-item a.quote-source").first.click()
    page.wait_for_url("**/articles/*#*")
    anchor = page.evaluate("location.hash").lstrip("#")
    quote = page.locator(f'[id="{anchor}"]')
    assert quote.count() == 1 and "quote-start" in quote.get_attribute("class")
    shoot(page, "flow-5-quote-in-article")
    assert not page.console_errors, page.console_errors


def test_web_browser_docs_offline(page, base_url):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + "/docs")
    page.wait_for_selector("#swagger-ui .opblock", timeout=30000)
    assert all(u.startswith(base_url) for u in requests), requests
    shoot(page, "docs")
