"""Readable summaries of articles (``--format text`` and ``marsad demo``), as Rich renderables.

Each section is a function ``(article) -> renderable | None``; capabilities add theirs to
:data:`SECTIONS`, so the summary grows with the pipeline.
"""
from __future__ import annotations

from typing import Callable, Iterable

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .document import Article
from .events.render import events_section


def _structure(article: Article) -> RenderableType:
    t = Table.grid(padding=(0, 1))
    t.add_column(style="bold cyan", justify="right")
    t.add_column()
    t.add_row("title", article.title)
    if article.subtitle:
        t.add_row("subtitle", article.subtitle)
    meta = article.meta
    for key in ("publisher", "published", "author", "dateline", "url"):
        if getattr(meta, key):
            t.add_row(key, str(getattr(meta, key)))
    t.add_row("paragraphs", str(len(article.paragraphs)))
    for sub in article.subheads:
        t.add_row("subhead", sub)
    for cap in article.captions():
        t.add_row("caption", f"{_short(cap['text'], 90)} [{cap['credit'] or '-'}]")
    for card in article.related():
        t.add_row("related", f"{card['title']} — {card['author'] or '-'} ({card['dateline'] or '-'})"
                  f" [{card['section'] or '-'}]")
    return t


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _entities(article: Article) -> RenderableType | None:
    """Linked entities (linking.v1): English name, type, KB id, Arabic name, mention count."""
    if not article.entities:
        return None
    t = Table(title="entities", title_justify="left", show_edge=False, pad_edge=False)
    for col in ("name", "type", "kb id", "arabic", "n"):
        t.add_column(col)
    for e in article.entities:
        t.add_row(e.name, e.type, e.kb_id or "NIL", e.name_ar or "", str(len(e.mention_ids)))
    return t


def _quotes(article: Article) -> RenderableType | None:
    """Quotes by speaker (quotes.v1)."""
    from .quotes.report import quotes_table
    return quotes_table(article, 100)


SECTIONS: list[Callable[[Article], RenderableType | None]] = [_structure, _entities, _quotes,
                                                              events_section]


def article_panel(article: Article) -> Panel:
    parts = [r for r in (section(article) for section in SECTIONS) if r is not None]
    head = Text(f"article {article.meta.position + 1} · {article.meta.source}", style="bold")
    return Panel(Group(*parts), title=head, title_align="left")


def render_articles(articles: Iterable[Article]) -> list[Panel]:
    return [article_panel(a) for a in articles]
