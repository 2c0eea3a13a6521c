"""Polite fetching for ``marsad crawl``: robots.txt, per-host rate limit, conditional GET,
retries with backoff, and an on-disk cache so a re-run downloads nothing that has not changed.

A target is a feed URL (its entry links are fetched), a page URL, or a file listing URLs (one a
line, ``#`` comments). Every fetched page becomes a :class:`RawPage` (kind ``html``; a listed
URL that is itself a feed gives its entries' pages); every failure an InputError with the URL,
so the run summary accounts for each. The only httpx import (``html`` extra), lazily.
"""
from __future__ import annotations

import hashlib
import json
import logging
import time
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urljoin, urlsplit

from ..errors import InputError
from .base import RawPage
from .html import MAX_HTML_BYTES

log = logging.getLogger(__name__)

USER_AGENT = "marsad/0.1 (news research crawler; +https://github.com/marsad)"
RETRY_STATUS = {429, 500, 502, 503, 504}
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
              "application/rdf+xml")
Item = RawPage | InputError


@dataclass
class CrawlConfig:
    rate: float = 1.0              # seconds between two requests to the same host
    cache_dir: Path | None = None
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0           # first retry waits this long, then doubles
    max_retry_wait: float = 30.0
    user_agent: str = USER_AGENT


@dataclass
class Fetched:
    url: str
    status: int
    data: bytes
    headers: dict[str, str]
    fetched_at: str
    from_cache: bool = False       # True when the server answered 304 (or no request was made)


@dataclass
class Response:
    status_code: int
    reason_phrase: str
    headers: dict[str, str]
    content: bytes
    url: str

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")


@dataclass
class CrawlStats:
    requests: int = 0
    not_modified: int = 0
    downloaded: int = 0
    disallowed: int = 0
    errors: int = 0
    by_status: dict[int, int] = field(default_factory=dict)


class Cache:
    """One JSON metadata file + one body file per URL, named by the URL's sha256."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        if root is not None:
            root.mkdir(parents=True, exist_ok=True)

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.root / f"{key}.json", self.root / f"{key}.body"

    def get(self, url: str) -> Fetched | None:
        if self.root is None:
            return None
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            return Fetched(url, meta["status"], body_path.read_bytes(), meta["headers"],
                           meta["fetched_at"], from_cache=True)
        except (OSError, ValueError, KeyError):
            return None

    def put(self, item: Fetched) -> None:
        if self.root is None:
            return
        meta_path, body_path = self._paths(item.url)
        body_path.write_bytes(item.data)
        tmp = meta_path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"url": item.url, "status": item.status, "headers": item.headers,
                                   "fetched_at": item.fetched_at}), encoding="utf-8")
        tmp.replace(meta_path)       # meta last and atomic: a half-written entry is never read


class Fetcher:
    def __init__(self, config: CrawlConfig, client=None, sleep: Callable[[float], None] = time.sleep):
        import httpx

        self.config = config
        self.client = client or httpx.Client(timeout=config.timeout, follow_redirects=True,
                                             headers={"User-Agent": config.user_agent})
        self.cache = Cache(config.cache_dir)
        self.sleep = sleep
        self.stats = CrawlStats()
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}

    def close(self) -> None:
        self.client.close()

    # -- politeness ---------------------------------------------------------------------------
    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = self.config.rate - (time.monotonic() - last)
            if wait > 0:
                self.sleep(wait)
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            self._robots[root] = self._load_robots(root)
        return self._robots[root].can_fetch(self.config.user_agent, url)

    def _load_robots(self, root: str) -> urllib.robotparser.RobotFileParser:
        rp = urllib.robotparser.RobotFileParser(root + "/robots.txt")
        try:
            res = self._request(root + "/robots.txt", {})
        except InputError:
            res = None
        if res is None or res.status_code >= 500:
            rp.disallow_all = True            # server trouble: do not crawl (RFC 9309 2.3.1.4)
        elif res.status_code >= 400:
            rp.allow_all = True               # no robots.txt: everything is allowed
        else:
            rp.parse(res.text.splitlines())
        return rp

    # -- fetching ---------------------------------------------------------------------------
    def _request(self, url: str, headers: dict[str, str]):
        import httpx

        host = urlsplit(url).netloc
        last_exc: Exception | None = None
        for attempt in range(self.config.retries + 1):
            self._wait_turn(host)
            self.stats.requests += 1
            try:
                res = self._get(url, headers)
            except httpx.HTTPError as exc:
                last_exc = exc
                self._backoff(attempt, None)
                continue
            self.stats.by_status[res.status_code] = self.stats.by_status.get(res.status_code, 0) + 1
            if res.status_code in RETRY_STATUS and attempt < self.config.retries:
                self._backoff(attempt, res.headers.get("Retry-After"))
                continue
            return res
        raise InputError("E331", f"no answer after {self.config.retries + 1} tries: "
                         f"{type(last_exc).__name__}: {last_exc}"[:300],
                         "check the URL and the network; re-run later (the cache keeps what "
                         "was fetched)", source=url)

    def _get(self, url: str, headers: dict[str, str]) -> "Response":
        """GET, reading the (decompressed) body in chunks up to the page limit: a gzip bomb or
        an endless stream stops at MAX_HTML_BYTES with E303 instead of filling memory."""
        with self.client.stream("GET", url, headers=headers) as res:
            body = bytearray()
            for chunk in res.iter_bytes():
                body += chunk
                if len(body) > MAX_HTML_BYTES:
                    raise InputError("E303", f"download is over the {MAX_HTML_BYTES} byte page "
                                     "limit (decompressed)", "not an article page; skip it",
                                     source=url)
            return Response(res.status_code, res.reason_phrase, dict(res.headers), bytes(body),
                            str(res.url))

    def _backoff(self, attempt: int, retry_after: str | None) -> None:
        if attempt >= self.config.retries:
            return
        wait = self.config.backoff * (2 ** attempt)
        if retry_after and retry_after.strip().isdigit():
            wait = max(wait, float(retry_after))
        self.sleep(min(wait, self.config.max_retry_wait))

    def fetch(self, url: str) -> Fetched:
        """GET with robots check, rate limit, conditional headers from the cache, retries."""
        if not self.allowed(url):
            self.stats.disallowed += 1
            raise InputError("E330", "robots.txt disallows this URL for marsad",
                             "respect the site's rules; skip the URL", source=url)
        cached = self.cache.get(url)
        headers = _conditional_headers(cached)
        res = self._request(url, headers)
        if res.status_code == 304 and cached is not None:
            self.stats.not_modified += 1
            return cached
        if res.status_code >= 400:
            self.stats.errors += 1
            raise InputError("E332", f"HTTP {res.status_code} {res.reason_phrase}",
                             "the page is missing or the server failed; the other URLs go on",
                             source=url)
        item = Fetched(res.url, res.status_code, res.content, res.headers,
                       datetime.now(timezone.utc).isoformat(timespec="seconds"))
        item.url = url                 # cache under the asked URL (redirects followed)
        self.stats.downloaded += 1
        self.cache.put(item)
        return item


def _conditional_headers(cached: Fetched | None) -> dict[str, str]:
    if cached is None:
        return {}
    lower = {k.lower(): v for k, v in cached.headers.items()}
    out = {}
    if lower.get("etag"):
        out["If-None-Match"] = lower["etag"]
    if lower.get("last-modified"):
        out["If-Modified-Since"] = lower["last-modified"]
    return out


# -- targets ----------------------------------------------------------------------------------
def expand_targets(targets: list[str]) -> Iterator[str | InputError]:
    """URLs as given; a file path becomes its listed URLs."""
    for target in targets:
        if target.startswith(("http://", "https://")):
            yield target
            continue
        path = Path(target)
        if not path.is_file():
            yield InputError("E333", "neither an http(s) URL nor a file of URLs",
                             "pass FEED_URL, PAGE_URL or a text file with one URL a line",
                             source=target)
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith(("http://", "https://")):
                yield line
            else:
                yield InputError("E333", f"line {n} is not an http(s) URL: {line[:80]!r}",
                                 source=f"{target}:{n}")


def _is_feed(item: Fetched) -> bool:
    ctype = {k.lower(): v for k, v in item.headers.items()}.get("content-type", "").lower()
    if ctype.startswith(FEED_TYPES):
        return True
    head = item.data[:512].lstrip().lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed")) and b"<html" not in item.data[:2048].lower()


def _page(item: Fetched) -> RawPage:
    return RawPage(source=item.url, kind="html", data=item.data, url=item.url,
                   headers=item.headers, fetched_at=item.fetched_at)


def crawl(targets: list[str], config: CrawlConfig, fetcher: Fetcher | None = None,
          on_url: Callable[[str], None] | None = None) -> Iterator[Item]:
    """Fetch every target; a feed's entry links are fetched as pages. Yields pages or errors."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(config)
    seen: set[str] = set()
    try:
        for target in expand_targets(targets):
            if isinstance(target, InputError):
                yield target
                continue
            yield from _crawl_one(fetcher, target, seen, on_url)
    finally:
        if own:
            fetcher.close()


def _crawl_one(fetcher: Fetcher, url: str, seen: set[str], on_url,
               hints: dict | None = None) -> Iterator[Item]:
    if url in seen:
        return
    seen.add(url)
    if on_url:
        on_url(url)
    try:
        item = fetcher.fetch(url)
    except InputError as err:
        yield err
        return
    if not _is_feed(item):
        page = _page(item)
        if hints:
            page.record = {"hints": hints}      # the feed's date/author/section, as fallbacks
        yield page
        return
    from .feeds import entry_hints, parse_feed
    try:
        parsed = parse_feed(item.data, url)
    except InputError as err:
        yield err
        return
    for entry in parsed.entries:
        link = entry.get("link")
        if link:
            yield from _crawl_one(fetcher, urljoin(url, link), seen, on_url,
                                  entry_hints(entry, parsed.feed))
