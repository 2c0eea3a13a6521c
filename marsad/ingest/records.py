"""JSON article records (SaudiNewsNet fields: id, title, content/text, url, source, author,
date_extracted/published) -> one Article each, with paragraph blocks."""
from __future__ import annotations

import re

from ..document import ArticleMeta
from ..errors import InputError
from ..segment.build import ArticleBuilder
from ..segment.lines import lead_dateline, parse_byline
from .base import RawPage


_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(value):
    """Lone surrogates (valid JSON escapes such as \\ud800, not valid text) become U+FFFD."""
    return _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value


def record_to_articles(page: RawPage):
    rec = {k: _clean(v) for k, v in (page.record or {}).items()}
    body = rec.get("content", rec.get("text"))
    title = rec.get("title") or ""
    if not isinstance(body, str) or not isinstance(title, str):
        raise InputError("E018", "record needs string fields 'title' and 'content' (or 'text')",
                         "check the record's fields", source=page.source)
    if not body.strip() and not title.strip():
        raise InputError("E016", "record has no title and no content", source=page.source)
    published = rec.get("published") or rec.get("date") or rec.get("date_extracted")
    meta = ArticleMeta(source=page.source, position=0, url=rec.get("url"),
                       publisher=rec.get("publisher") or rec.get("source"),
                       section=rec.get("section"), author=rec.get("author") or None,
                       published=str(published)[:10] if published else None)
    _split_author(meta)
    builder = ArticleBuilder(meta)
    if title.strip():
        builder.add("title", title.strip())
    paras = [p.strip() for p in body.split("\n") if p.strip()]
    if paras and meta.dateline is None and (lead := lead_dateline(paras[0])):
        meta.dateline = lead[0]
    for para in paras:
        builder.add("paragraph", para)
    return [builder.build()]


def _split_author(meta: ArticleMeta) -> None:
    """'لندن: رنيم حنوش' in an author field is a byline with a dateline."""
    if meta.author and (parsed := parse_byline(meta.author)):
        meta.author, meta.dateline = parsed
