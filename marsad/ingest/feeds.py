"""RSS / Atom feeds -> one article per entry (feedparser), with full content where the feed has
it (``content:encoded`` / Atom ``content``), else the summary. The only feedparser import.
"""
from __future__ import annotations

import time
from typing import Any

from ..document import Article, ArticleMeta
from ..errors import InputError
from ..segment.build import ArticleBuilder
from . import html_dom as dom
from .base import RawPage

_BLOCK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote", "figcaption")


def parse_feed(data: bytes | str, source: str):
    try:
        import feedparser
    except ImportError as exc:
        raise InputError("E300", "feeds need the 'html' extra (feedparser is missing)",
                         'pip install "marsad[html]"', source=source) from exc
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None) or "no entries"
        raise InputError("E320", f"not a valid RSS/Atom feed: {reason}"[:300],
                         "check the feed URL or file", source=source)
    return parsed


def read_feed_page(page: RawPage) -> list[Article]:
    """READERS["feed"]: every entry with a title or text becomes an article, in feed order."""
    parsed = parse_feed(page.data, page.source)
    if parsed.bozo:
        page.warnings.append(f"{page.source}: feed XML is not well-formed "
                             f"({parsed.bozo_exception}); read what could be read")
    feed = parsed.feed
    out = []
    for entry in parsed.entries:
        art = entry_article(entry, feed, page, len(out))
        if art is not None:
            out.append(art)
    if parsed.bozo and not out:
        raise InputError("E320", f"not a valid RSS/Atom feed: {parsed.bozo_exception}"[:300],
                         "check the feed URL or file", source=page.source)
    return out


def entry_article(entry: Any, feed: Any, page: RawPage, position: int) -> Article | None:
    title = dom.text_of(_fragment(entry.get("title", ""))) if entry.get("title") else ""
    html = _entry_html(entry)
    blocks = fragment_blocks(html) if html else []
    if not title and not blocks:
        return None
    tags = entry.get("tags") or []
    meta = ArticleMeta(source=page.source, position=position, url=entry.get("link") or None,
                       publisher=feed.get("title") or None,
                       section=(tags[0].get("term") if tags else None) or None,
                       published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
                       author=entry.get("author") or None,
                       lang=(feed.get("language") or "ar").split("-")[0].lower())
    b = ArticleBuilder(meta, page.sha256)
    if title:
        b.add("title", title)
    for label, text, attrs in blocks:
        b.add(label, text, **attrs)
    art = b.build()
    return art


def entry_hints(entry: Any, feed: Any) -> dict[str, str]:
    """What a feed says about an entry's page: fallbacks when the page itself does not say."""
    tags = entry.get("tags") or []
    hints = {"published": _iso(entry.get("published_parsed") or entry.get("updated_parsed")),
             "author": entry.get("author"), "publisher": feed.get("title"),
             "section": tags[0].get("term") if tags else None, "title": entry.get("title")}
    return {k: v for k, v in hints.items() if isinstance(v, str) and v.strip()}


def _entry_html(entry: Any) -> str:
    for item in entry.get("content") or []:
        if item.get("value", "").strip():
            return item["value"]
    return entry.get("summary") or entry.get("description") or ""


def _iso(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None


def _fragment(html: str):
    import lxml.html

    return lxml.html.fragment_fromstring(html, create_parent="div")


def fragment_blocks(html: str) -> list[tuple[str, str, dict]]:
    """An HTML fragment (feed content) -> (label, text, attrs) blocks: paragraphs, subheads,
    captions with credits; plain text split on line breaks."""
    try:
        root = _fragment(html)
    except Exception:                  # lxml raises several kinds on junk fragments
        return []
    blocks: list[tuple[str, str, dict]] = []
    for el in root.iter(*_BLOCK_TAGS):
        if any(a.tag in _BLOCK_TAGS for a in el.iterancestors()):
            continue
        text = dom.text_of(el)
        if not text:
            continue
        if el.tag == "figcaption":
            blocks.append(("caption", text, {"credit": dom.caption_credit(text)}))
        elif el.tag in ("h2", "h3", "h4"):
            blocks.append(("subhead", text, {}))
        else:
            blocks.append(("paragraph", text, {}))
    if not blocks:
        for br in root.iter("br"):
            br.tail = "\n" + (br.tail or "")
        text = "".join(root.itertext())
        blocks = [("paragraph", " ".join(p.split()), {}) for p in text.split("\n") if p.strip()]
    return blocks
