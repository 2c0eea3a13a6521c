"""The article page: original structure, entities highlighted, quotes with speakers, events."""
from __future__ import annotations

from fastapi import APIRouter, Path, Request

from ...document import Article
from .. import queries
from ..errors import WebError
from ..highlight import article_view, entity_key
from . import store_of, twin

router = APIRouter()
ARTICLE_ID = r"^[0-9A-Za-z_.:-]{1,64}$"


def load(request: Request, article_id: str):
    """``(store, JSON contract of the article, Article)``: one decode of the stored JSON."""
    store = store_of(request)
    doc = store.get_doc(article_id)
    if doc is None:
        raise WebError("E804", f"no article with id {article_id!r}",
                       "search for it at /search or list the latest at /", status=404)
    return store, doc, Article.from_dict(doc)


def entity_list(article) -> list[dict]:
    counts = {}
    for m in article.layer("ents"):
        eid = m.attrs.get("entity_id")
        counts[eid] = counts.get(eid, 0) + 1
    return [{"id": e.id, "type": e.type, "name": e.name, "name_ar": e.name_ar, "kb_id": e.kb_id,
             "key": entity_key(e), "mentions": counts.get(e.id, len(e.mention_ids))}
            for e in sorted(article.entities, key=lambda e: -counts.get(e.id, 0))]


@twin(router, "/articles/{article_id}", "article.html", "One article with all its layers")
def article(request: Request, article_id: str = Path(..., pattern=ARTICLE_ID)) -> dict:
    """The article exactly as ``marsad process`` writes it (``article``), its source and
    duplicate marks, and its entities grouped as in the archive (``key`` links to
    ``/api/entities/{key}``)."""
    store, doc, art = load(request, article_id)
    head = queries.article_head(store.engine, article_id) or {}
    return {"article": doc, "source": head.get("source"), "dup_of": head.get("dup_of"),
            "entities": entity_list(art), "_view": article_view(art), "_a": art}
