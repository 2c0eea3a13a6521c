"""HTML pages -> articles: trafilatura for main text and metadata, htmldate (through trafilatura)
for the publication date, and marsad's own DOM layer (:mod:`.html_dom`) for what news needs on
top: captions with agency credits, the standfirst, subheads, byline, dateline, section, related
cards, and several stories on one page.

This is the only module that imports trafilatura (the ``html`` extra), lazily.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..document import Article, ArticleMeta
from ..errors import InputError
from ..segment.build import ArticleBuilder
from . import html_dom as dom
from .base import RawPage
from .html_body import (clean_author, clean_publisher, clean_title, drop_leading_furniture,
                        drop_trailing_furniture, promote_subheads, strip_title_prefix)
from .html_encoding import decode_html

__all__ = ["read_html_page", "parse_html", "clean_author", "MAX_HTML_BYTES"]

log = logging.getLogger(__name__)

# trafilatura refuses bigger inputs itself (settings MAX_FILE_SIZE = 20 MB); we say so first.
MAX_HTML_BYTES = 20_000_000
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.I)
_WS = re.compile(r"\s+")
_ARABIC = re.compile(r"[\u0621-\u064a]")


@dataclass
class Extraction:
    """What trafilatura gives for one page, as plain values."""

    title: str | None
    author: str | None
    url: str | None
    sitename: str | None
    date: str | None
    categories: list[str]
    description: str | None
    body: list[tuple[str, str]]        # (label, text): head / paragraph, in order


def _require_html_extra():
    try:
        import lxml.html  # noqa: F401
        import trafilatura  # noqa: F401
    except ImportError as exc:
        raise InputError("E300", f"HTML input needs the 'html' extra ({exc.name} is missing)",
                         'pip install "marsad[html]"') from exc


def read_html_page(page: RawPage) -> list[Article]:
    """READERS["html"]: one HTML page (bytes or str) -> its articles ([] if none found)."""
    _require_html_extra()
    tree = parse_page(page)
    if tree is None:
        return []
    return articles_from_tree(tree, page)


def parse_page(page: RawPage):
    """Decode and parse; raises InputError for oversized, binary or undecodable pages."""
    data = page.data
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if size > MAX_HTML_BYTES:
        raise InputError("E303", f"HTML page is {size} bytes, over the {MAX_HTML_BYTES} byte limit",
                         "a news page this large is not an article page; split or skip it",
                         source=page.source)
    if isinstance(data, bytes):
        if _looks_binary(data):
            raise InputError("E301", "file is binary (NUL bytes or no markup), not an HTML page",
                             "pass an HTML file", source=page.source)
        decoded = decode_html(data, page.headers, page.source)
        page.warnings.extend(f"{page.source}: {w}" for w in decoded.warnings)
        data = decoded.text
    return parse_html(data, page.source)


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False                      # UTF-16 with BOM: NUL bytes are expected
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.05


def parse_html(text: str, source: str = "<html>"):
    """Parse text to an lxml tree; None for an empty document. libxml2 stops reading at 256
    levels of nesting and drops the rest of the page; such a page is parsed again without the
    limit (MAX_DEPTH still applies: deeper pages are refused with E304)."""
    import lxml.html
    from lxml import etree

    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        return None
    try:
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, recover=True)
        tree = lxml.html.document_fromstring(text, parser=parser)
        if any("Excessive depth" in e.message for e in parser.error_log):
            parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, recover=True,
                                          huge_tree=True)
            tree = lxml.html.document_fromstring(text, parser=parser)
            _check_depth(tree, source)
        return tree
    except etree.ParserError:
        return None
    except (ValueError, etree.LxmlError) as exc:
        raise InputError("E304", f"HTML cannot be parsed: {exc}", "check the file is HTML",
                         source=source) from exc


MAX_DEPTH = 400     # trafilatura and htmldate recurse over the tree; Python's stack is ~1000


def _check_depth(tree, source: str) -> None:
    deepest = max((sum(1 for _ in el.iterancestors()) for el in tree.iter("p", "div", "span")),
                  default=0)
    if deepest > MAX_DEPTH:
        raise InputError("E304", f"HTML is nested {deepest} levels deep (limit {MAX_DEPTH})",
                         "such markup is not an article page; check the file", source=source)


def trafilatura_extract(tree, url: str | None) -> Extraction | None:
    """trafilatura with metadata (htmldate inside), comments excluded: plain values."""
    import trafilatura

    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True, include_images=False,
                                      date_extraction_params=_date_params(False))
    if doc is None:
        return None
    if doc.date is None:      # no date in the page's markup: htmldate's slower free-text search
        from htmldate import find_date
        doc.date = find_date(tree, url=doc.url or url, **_date_params(True))
    return Extraction(doc.title, doc.author, doc.url, doc.sitename, doc.date,
                      list(doc.categories or []), doc.description, _body_items(doc.body))


_HEADS = {"head", "h1", "h2", "h3", "h4", "h5", "h6"}
_PARAS = {"p", "quote", "blockquote", "code", "pre"}
_BLOCKS = _HEADS | _PARAS | {"div", "section", "article", "list", "ul", "ol", "table", "main",
                             "figure", "aside", "header", "footer", "form", "dl"}


def _date_params(extensive: bool) -> dict:
    """htmldate settings as trafilatura uses them (original publication date, nothing later
    than today); the extensive free-text search only runs when the fast one finds nothing."""
    from datetime import date
    return {"original_date": True, "extensive_search": extensive,
            "max_date": date.today().isoformat()}


def _body_items(body) -> list[tuple[str, str]]:
    """trafilatura's body (its XML, or raw HTML from its fallbacks) -> (head|paragraph, text)."""
    items: list[tuple[str, str]] = []
    if body is not None:
        _walk(body, items)
    return [(lab, t) for lab, t in items if t.strip(" |")]


def _walk(el, items: list[tuple[str, str]]) -> None:
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _HEADS:
            items.append(("head", dom.text_of(child)))
        elif tag in ("list", "ul", "ol"):
            items.extend(("paragraph", dom.text_of(i)) for i in child if i.tag in ("item", "li"))
        elif tag == "table":
            items.extend(("paragraph", " | ".join(dom.text_of(c) for c in row
                                                   if c.tag in ("cell", "td", "th")))
                         for row in child.iter("row", "tr"))
        elif tag in _PARAS or (tag and not any(c.tag in _BLOCKS for c in child)):
            items.append(("paragraph", dom.text_of(child)))
        elif tag:
            _walk(child, items)


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip().casefold()


def articles_from_tree(tree, page: RawPage) -> list[Article]:
    ld = dom.json_ld(tree)
    stories = dom.liveblog_updates(ld) or dom.dom_stories(tree)
    ext = _safe_extract(tree, page)
    meta = page_meta(tree, ld, ext, page)
    if len(stories) >= 2:
        return [_story_article(s, meta, i, page) for i, s in enumerate(stories)]
    if ext is None or not any(lab == "paragraph" for lab, _ in ext.body):
        return []
    return [_main_article(tree, ext, meta, page)]


def _safe_extract(tree, page: RawPage) -> Extraction | None:
    try:
        return trafilatura_extract(tree, page.url)
    except RecursionError as exc:
        raise InputError("E304", "HTML nesting is too deep to extract", "check the page",
                         source=page.source) from exc
    except ValueError:                    # trafilatura's own "nothing to extract"
        return None


def page_meta(tree, ld: list[dict], ext: Extraction | None, page: RawPage) -> ArticleMeta:
    published = _checked_day(ext.date if ext else None, tree) or dom.structured_date(tree, ld)
    published = _local_day(published, tree, ld)
    section = dom.section_of(tree, ld) or (ext.categories[0] if ext and ext.categories else None)
    lang = dom.page_lang(tree) or _guess_lang(ext)
    url = (ext.url if ext else None) or page.url
    publisher = clean_publisher(ext.sitename if ext else None)
    host = urlsplit(url).netloc.split(".")[-2] if url and url.count(".") else None
    author = clean_author(ext.author if ext else None, publisher) if ext else None
    author = clean_author(author, host) if author and host else author
    hints = (page.record or {}).get("hints") or {}      # from a feed entry (marsad crawl)
    return ArticleMeta(source=page.source, position=0, url=url,
                       publisher=publisher or hints.get("publisher"),
                       section=section or hints.get("section"),
                       published=published or hints.get("published"),
                       author=author or hints.get("author"), lang=lang,
                       extra={"fetched_at": page.fetched_at} if page.fetched_at else {})


def _local_day(day: str | None, tree, ld: list[dict]) -> str | None:
    """Prefer the publisher's local day when htmldate's day is the same moment read in UTC
    (one day apart from a timestamp written with a local offset)."""
    local = dom.local_publication_day(tree, ld)
    if not day or not local or local == day[:10]:
        return day
    from datetime import date
    try:
        apart = abs((date.fromisoformat(local) - date.fromisoformat(day[:10])).days)
    except ValueError:
        return day
    return local if apart == 1 else day


def _checked_day(day: str | None, tree) -> str | None:
    """htmldate falls back to January 1st when it only finds a year (copyright lines, URLs):
    keep a YYYY-01-01 day only if the page states that day somewhere."""
    if not day or not day.endswith("-01-01"):
        return day
    from lxml import etree

    year = day[:4]
    html = etree.tostring(tree, encoding="unicode")
    pattern = (rf"{year}[-/.]0?1[-/.]0?1(?!\d)|(?<!\d)0?1[-/.]0?1[-/.]{year}|"
               rf"(?<!\d)1(?:st|er|\.)?\s+(?:de\s+)?(?:jan\w*|enero|gennaio|يناير|كانون الثاني)"
               rf"\W{{1,5}}(?:de\s+)?{year}|jan\w*\.?\s+1(?:st)?,?\s+{year}")
    return day if re.search(pattern, html, re.I) else None


def _guess_lang(ext: Extraction | None) -> str:
    sample = " ".join(t for _, t in (ext.body if ext else [])[:10])
    letters = sum(1 for c in sample if c.isalpha()) or 1
    return "ar" if len(_ARABIC.findall(sample)) / letters > 0.5 else "und"


def _main_article(tree, ext: Extraction, meta: ArticleMeta, page: RawPage) -> Article:
    scope = dom.main_scope(tree)
    h1 = dom.text_of(tree.find(".//h1"))
    title = clean_title((ext.title or h1 or "").strip(), h1)
    body = promote_subheads(drop_leading_furniture(list(ext.body)))
    subtitle = dom.standfirst(scope, title)
    if body and body[0][0] == "head" and _norm(body[0][1]) == _norm(title):
        body = body[1:]
    if not subtitle and len(body) > 1 and body[0][0] == "head":
        subtitle = body.pop(0)[1]
    figures = dom.figures(scope)
    cards = dom.related_cards(tree)
    drop = {_norm(f.text) for f in figures} | {_norm(subtitle or ""), _norm(title)} | \
        {_norm(v) for c in cards for v in c.fields.values()}
    body = drop_trailing_furniture([(lab, t) for lab, t in body if _norm(t) not in drop])
    body = strip_title_prefix(body, title)
    meta.dateline = next((dom.dateline_of(t) for lab, t in body if lab == "paragraph"), None)
    b = ArticleBuilder(meta, page.sha256)
    if title:
        b.add("title", title)
    if subtitle:
        b.add("subtitle", subtitle)
    if meta.author:
        b.add("byline", meta.author)
    _add_body(b, body, figures)
    _add_cards(b, cards)
    return b.build()


def _add_body(b: ArticleBuilder, body: list[tuple[str, str]], figures: list[dom.Figure]) -> None:
    """Body paragraphs and subheads in order; each caption after the paragraph it follows on
    the page (captions whose preceding paragraph is not in the body go first)."""
    after: dict[str, list[dom.Figure]] = {}
    keys = {_norm(t) for _, t in body}
    lead = []
    for fig in figures:
        key = _norm(fig.before)
        (after.setdefault(key, []) if key in keys else lead).append(fig)
    for fig in lead:
        b.add("caption", fig.text, credit=fig.credit)
    for lab, text in body:
        b.add("subhead" if lab == "head" else "paragraph", text)
        for fig in after.pop(_norm(text), []):
            b.add("caption", fig.text, credit=fig.credit)


def _add_cards(b: ArticleBuilder, cards: list[dom.Card]) -> None:
    for n, card in enumerate(cards):
        for name in ("section", "title", "caption", "teaser", "author", "dateline"):
            if card.fields.get(name):
                extra = {"credit": card.credit} if name == "caption" else {}
                b.add(f"related.{name}", card.fields[name], card=n, **extra)


def _story_article(story: dom.Story, meta: ArticleMeta, n: int, page: RawPage) -> Article:
    from dataclasses import replace

    smeta = replace(meta, position=n, published=story.published or meta.published,
                    extra=dict(meta.extra))
    smeta.dateline = next((dom.dateline_of(t) for lab, t, _ in story.blocks
                           if lab == "paragraph"), None)
    b = ArticleBuilder(smeta, page.sha256)
    if story.title:
        b.add("title", story.title)
    for label, text, attrs in story.blocks:
        b.add(label, text, **attrs)
    return b.build()
