"""JSON article records (SaudiNewsNet fields: id, title, content/text, url, source, author,
date_extracted/published) -> one Article each, with paragraph blocks."""
from __future__ import annotations

from ..document import ArticleMeta
from ..errors import InputError
from ..segment.build import ArticleBuilder
from .base import RawPage


def record_to_articles(page: RawPage):
    rec = page.record or {}
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
    builder = ArticleBuilder(meta)
    if title.strip():
        builder.add("title", title.strip())
    for para in body.split("\n"):
        if para.strip():
            builder.add("paragraph", para.strip())
    return [builder.build()]
