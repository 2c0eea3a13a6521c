"""Home: latest articles, sources, date filter."""
from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, Query, Request

from .. import queries
from ..params import DateRange, Paging, date_range, paging, text_filter
from . import store_of, twin, with_pieces

router = APIRouter()


@twin(router, "/", "home.html", "Latest articles, sources and the archive's date range")
def home(request: Request, source: Optional[str] = Query(None, description="source name"),
         dates: DateRange = Depends(date_range), paging: Paging = Depends(paging)) -> dict:
    """Latest articles (newest first), optionally from one source and a date range."""
    store = store_of(request)
    source = text_filter(source, "source")
    filters = {"source": [source] if source else [], "date_from": dates.date_from,
               "date_to": dates.date_to}
    result = store.search("", filters, paging.page, paging.per_page)
    hits = with_pieces([h.to_dict() for h in result.hits])
    return {"articles": [{k: v for k, v in h.items() if not k.startswith("_")} for h in hits],
            "_hits": hits, "filters": {"source": source, **vars(dates)},
            "sources": store.sources(), "dates": queries.date_bounds(store.engine),
            "archive_size": store.count(), "pagination": paging.info(result.total, len(hits))}
