"""Entity list and entity page: what it is, KB id, mentions over time, quotes, co-occurrences."""
from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, Path, Query, Request

from ...errors import MarsadError
from .. import queries
from ..charts import bar_chart
from ..errors import WebError
from ..params import Paging, paging, text_filter
from . import store_of, twin

router = APIRouter()
TYPES = r"^(PERSON|ORG|GPE|LOC|FAC|NORP|PRODUCT|MISC)$"


@twin(router, "/entities", "entities.html", "Entities across the archive")
def entities(request: Request, q: Optional[str] = Query(None, description="name contains"),
             type: Optional[str] = Query(None, pattern=TYPES, description="entity type"),
             paging: Paging = Depends(paging)) -> dict:
    """Entities grouped by KB id (else name), most articles first."""
    q = text_filter(q, "q")
    rows = store_of(request).entities(q, type, paging.per_page + 1, paging.offset)
    return {"filters": {"q": q, "type": type}, "entities": rows[:paging.per_page],
            "pagination": paging.info(None, len(rows))}


def kb_facts(kb_id: str | None) -> dict | None:
    """What the shipped knowledge base says about ``kb_id`` (None when unknown or no KB)."""
    if not kb_id:
        return None
    try:
        from ...kb import load_kb
        kb = load_kb()
    except (MarsadError, OSError):
        return None
    ent = kb.get(kb_id)
    if ent is None:
        return None

    def place(code: str | None) -> str | None:
        found = (kb.country(code) or kb.get(code)) if code else None
        return found.name_ar or found.name if found else code
    roles = [{"role": r.role, "of": r.of, "of_name": place(r.of), "start": r.start, "end": r.end}
             for r in ent.roles]
    return {"id": ent.id, "name": ent.name, "name_ar": ent.name_ar, "kind": ent.kind,
            "country": ent.country, "country_name": place(ent.country),
            "wikidata": ent.wikidata, "geonames": ent.geonames,
            "roles": sorted(roles, key=lambda r: r["start"] or "", reverse=True)}


@twin(router, "/entities/{key:path}", "entity.html", "One entity: mentions, quotes, neighbours")
def entity(request: Request, key: str = Path(..., max_length=300),
           paging: Paging = Depends(paging)) -> dict:
    """An entity by its key (KB id, else canonical name): names and aliases, what the shipped
    knowledge base says (``kb``: kind, country, dated roles), mentions per day, its quotes
    (paginated), the entities it appears with, the articles that mention it."""
    engine = store_of(request).engine
    info = queries.entity(engine, key)
    if info is None:
        raise WebError("E804", f"no entity with key {key!r}",
                       "browse /entities or search by name", status=404)
    timeline = queries.entity_timeline(engine, key)
    total_q, quotes = queries.quotes(engine, entity_key=key, offset=paging.offset,
                                     limit=paging.per_page)
    total_a, articles = queries.entity_articles(engine, key, 0, 10)
    return {"entity": info, "kb": kb_facts(info["kb_id"]), "timeline": [{"day": d, "articles": n} for d, n in timeline],
            "quotes": quotes, "quotes_total": total_q, "cooccurring": queries.cooccurring(engine, key),
            "articles": articles, "articles_total": total_a,
            "pagination": paging.info(total_q, len(quotes)),
            "_chart": bar_chart(timeline, label="mentions per day")}
