"""The reader's own queries and read-only guard on both archive backends (SQLite, PostgreSQL)."""
from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("sqlalchemy")

from fastapi.testclient import TestClient  # noqa: E402

from marsad.store import Store  # noqa: E402
from marsad.web.app import create_app  # noqa: E402
from test_web_app import corpus  # noqa: E402


def test_web_views_on_each_backend(store_url):
    arts = corpus()
    with Store.open(store_url) as store:
        store.add_articles(arts)
    app = create_app(store_url)
    try:
        with TestClient(app, raise_server_exceptions=False) as c:
            home = c.get("/api", params={"date_from": "2015-07-21", "date_to": "2015-07-22"})
            assert home.status_code == 200 and home.json()["pagination"]["total"] == 2
            ent = c.get("/api/entities/Q7747").json()
            assert ent["entity"]["articles"] == 5 and len(ent["timeline"]) == 5
            assert ent["quotes_total"] == 5
            assert c.get("/api/quotes", params={"source": "aawsat"}).json()["total"] == 5
            assert c.get("/api/events", params={"actor": "Vladimir Putin"}).json()["total"] == 5
            assert c.get(f"/api/articles/{arts[0].id}").json()["source"] == "aawsat"
            for path in ("/", "/entities/Q7747", "/quotes", "/events", f"/articles/{arts[5].id}"):
                assert c.get(path).status_code == 200, path
        from sqlalchemy import text
        with pytest.raises(Exception) as err:
            with app.state.store.engine.begin() as conn:
                conn.execute(text("DELETE FROM quotes"))
        assert "read" in str(err.value).lower()
    finally:
        app.state.store.close()
    with Store.open(store_url) as store:
        assert len(store.quotes(limit=100)) == 6
