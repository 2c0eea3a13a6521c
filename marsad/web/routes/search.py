"""Search with facets and highlighted snippets."""
from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, Query, Request

from ..params import DateRange, Paging, date_range, paging, search_query, text_filter
from . import store_of, twin, with_pieces

router = APIRouter()


@twin(router, "/search", "search.html", "Full-text search with facets")
def search(request: Request, q: str = Depends(search_query),
           source: Optional[str] = Query(None, description="source name"),
           entity: Optional[str] = Query(None, description="entity name or KB id"),
           speaker: Optional[str] = Query(None, description="quote speaker"),
           event_type: Optional[str] = Query(None, max_length=32, description="PLOVER type"),
           dates: DateRange = Depends(date_range), paging: Paging = Depends(paging)) -> dict:
    """Articles matching every word of ``q`` (clitics and spelling variants folded), ranked,
    with snippets whose matched words are given as offsets, and facet counts."""
    store = store_of(request)
    filters = {"source": [s] if (s := text_filter(source, "source")) else [],
               "entity": text_filter(entity, "entity"),
               "speaker": text_filter(speaker, "speaker"),
               "event_type": text_filter(event_type, "event_type"),
               "date_from": dates.date_from, "date_to": dates.date_to}
    result = store.search(q, filters, paging.page, paging.per_page)
    hits = with_pieces([h.to_dict() for h in result.hits], q, result.expansions)
    active = {k: v for k, v in filters.items() if v}
    return {"query": q, "filters": active, "total": result.total,
            "expansions": result.expansions,
            "hits": [{k: v for k, v in h.items() if not k.startswith("_")} for h in hits],
            "_hits": hits, "facets": store.facets(q, filters, 10),
            "pagination": paging.info(result.total, len(hits))}
