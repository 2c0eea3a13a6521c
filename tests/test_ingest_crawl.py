"""marsad crawl against a real HTTP server on 127.0.0.1 (http.server in a thread): robots.txt,
feeds, conditional GET and the disk cache, retries on 5xx, 404s, timeouts, rate limit."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytest.importorskip("httpx")

from marsad.api import RunSummary, process_pages  # noqa: E402
from marsad.ingest.crawl import CrawlConfig, Fetcher, crawl  # noqa: E402
from marsad.pipeline import load_pipeline  # noqa: E402

PARA = ("وقال المتحدث باسم الوزارة في مؤتمر صحفي عقده اليوم إن المفاوضات مع الجانب الآخر ما زالت "
        "مستمرة، وإن الوفد سيعود إلى العاصمة بعد انتهاء جولة المحادثات الحالية في الأسبوع المقبل. ")


def article(n: int) -> bytes:
    return (f"<html lang='ar'><head><meta charset='utf-8'><title>الخبر رقم {n}</title></head><body>"
            f"<article><h1>الخبر رقم {n}</h1><p>{PARA}</p><p>{PARA * 2}</p></article></body></html>"
            ).encode("utf-8")


class Site:
    """Routes -> (status, content-type, body); records every request (path, headers)."""

    def __init__(self) -> None:
        self.log: list[tuple[str, dict]] = []
        self.flaky = 0              # /flaky answers 503 this many times first
        self.routes = {"/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n")}
        for n in (1, 2, 3):
            self.routes[f"/news/{n}"] = (200, "text/html; charset=utf-8", article(n))
        self.routes["/private/x"] = (200, "text/html", article(9))
        items = "".join(f"<item><title>الخبر رقم {n}</title><link>http://HOST/news/{n}</link>"
                        f"<pubDate>Tue, 0{n} Mar 2024 10:00:00 GMT</pubDate>"
                        f"<category>سياسة</category></item>" for n in (1, 2))
        self.routes["/feed.xml"] = (200, "application/rss+xml",
                                    f"<?xml version='1.0'?><rss><channel><title>t</title>{items}"
                                    f"</channel></rss>".encode())


@pytest.fixture
def site():
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):      # keep test output clean
            pass

        def do_GET(self):
            state.log.append((self.path, dict(self.headers)))
            if self.path == "/slow":
                time.sleep(1.5)
            if self.path == "/flaky" and state.flaky > 0:
                state.flaky -= 1
                return self._send(503, "text/plain", b"busy")
            if self.path == "/flaky":
                return self._send(200, "text/html", article(7))
            status, ctype, body = state.routes.get(self.path, (404, "text/plain", b"not found"))
            body = body.replace(b"HOST", f"127.0.0.1:{server.server_port}".encode())
            etag = f'"{hash(body) & 0xffffffff:x}"'
            if status == 200 and self.headers.get("If-None-Match") == etag:
                return self._send(304, None, b"", etag)
            self._send(status, ctype, body, etag)

        def _send(self, status, ctype, body, etag=None):
            self.send_response(status)
            if self.path in getattr(state, "gzip_paths", ()):
                self.send_header("Content-Encoding", "gzip")
            if ctype:
                self.send_header("Content-Type", ctype)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_port}"
    yield state
    server.shutdown()
    server.server_close()


def run(targets, config) -> tuple[list, RunSummary, Fetcher]:
    fetcher = Fetcher(config, sleep=lambda s: None)
    summary = RunSummary()
    arts = list(process_pages(crawl(targets, config, fetcher=fetcher), load_pipeline([]), summary))
    fetcher.close()
    assert summary.inputs == summary.processed + summary.skipped + summary.failed
    return arts, summary, fetcher


def test_crawl_feed_then_rerun_fetches_nothing_new(site, tmp_path):
    config = CrawlConfig(rate=0, cache_dir=tmp_path / "cache", retries=0)
    arts, summary, f1 = run([site.base + "/feed.xml"], config)
    assert [a.title for a in arts] == ["الخبر رقم 1", "الخبر رقم 2"]
    assert arts[0].meta.url == site.base + "/news/1" and summary.processed == 2
    assert [a.meta.published[:10] for a in arts] == ["2024-03-01", "2024-03-02"]   # from the feed
    assert arts[0].meta.section == "سياسة"
    assert f1.stats.downloaded == 3
    site.log.clear()
    arts2, _, f2 = run([site.base + "/feed.xml"], config)
    assert [a.id for a in arts2] == [a.id for a in arts]
    assert f2.stats.downloaded == 0 and f2.stats.not_modified == 3
    conditional = [h.get("If-None-Match") for p, h in site.log if p != "/robots.txt"]
    assert len(conditional) == 3 and all(conditional)


def test_crawl_url_list_robots_404_and_bad_lines(site, tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# news\n{site.base}/news/3\n{site.base}/private/x\n{site.base}/missing\n"
                       "not a url\n", encoding="utf-8")
    arts, summary, fetcher = run([str(listing)], CrawlConfig(rate=0, retries=0))
    assert [a.title for a in arts] == ["الخبر رقم 3"]
    got = sorted((e.code, e.source.rsplit("/", 1)[-1]) for e in summary.errors)
    assert got == [("E330", "x"), ("E332", "missing"), ("E333", "urls.txt:5")]
    assert "/private/x" not in [p for p, _ in site.log]          # never requested


def test_crawl_retries_5xx_with_backoff_then_succeeds(site):
    site.flaky = 2
    waits: list[float] = []
    config = CrawlConfig(rate=0, retries=3, backoff=0.5)
    fetcher = Fetcher(config, sleep=waits.append)
    item = fetcher.fetch(site.base + "/flaky")
    fetcher.close()
    assert item.status == 200 and waits == [0.5, 1.0]


def test_crawl_timeout_is_a_per_url_error(site):
    config = CrawlConfig(rate=0, retries=1, backoff=0, timeout=0.3)
    arts, summary, _ = run([site.base + "/slow", site.base + "/news/1"], config)
    assert [e.code for e in summary.errors] == ["E331"] and len(arts) == 1


def test_crawl_rate_limit_spaces_requests_to_one_host(site):
    waits: list[float] = []
    fetcher = Fetcher(CrawlConfig(rate=5.0, retries=0), sleep=waits.append)
    fetcher.fetch(site.base + "/news/1")
    fetcher.fetch(site.base + "/news/2")
    fetcher.close()
    assert len(waits) == 2 and all(4.0 < w <= 5.0 for w in waits)   # robots, page 1, page 2


def test_crawl_cli_writes_articles_and_reports(site, tmp_path):
    import json
    import subprocess
    import sys
    out = tmp_path / "news.jsonl"
    cmd = [sys.executable, "-m", "marsad.cli.main", "crawl", site.base + "/feed.xml",
           site.base + "/missing", "--out", str(out), "--cache", str(tmp_path / "c"), "--rate", "0",
           "--retries", "0", "--pipeline", "sentences.v1"]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert res.returncode == 1                       # one URL failed (404): non-zero exit
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [d["title"] for d in lines] == ["الخبر رقم 1", "الخبر رقم 2"]
    assert "E332" in res.stderr and "3 inputs: 2 processed, 0 skipped, 1 failed" in res.stderr


def test_crawl_gzip_bomb_download_stops_at_the_page_limit(site):
    import gzip
    bomb = gzip.compress(b"<html>" + b" " * 25_000_000, compresslevel=9)
    site.routes["/bomb"] = (200, "text/html", bomb)
    site.gzip_paths = {"/bomb"}
    arts, summary, _ = run([site.base + "/bomb", site.base + "/news/2"], CrawlConfig(rate=0, retries=0))
    assert [e.code for e in summary.errors] == ["E303"] and len(arts) == 1
