"""The quotes page: who said what, filtered by speaker, date and source."""
from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, Query, Request

from .. import queries
from ..params import DateRange, Paging, date_range, paging, text_filter
from . import store_of, twin

router = APIRouter()


@twin(router, "/quotes", "quotes.html", "Quotes with their speakers")
def quotes(request: Request, speaker: Optional[str] = Query(None, description="speaker name"),
           source: Optional[str] = Query(None, description="source name"),
           dates: DateRange = Depends(date_range), paging: Paging = Depends(paging)) -> dict:
    """Quotes newest first; ``speaker`` matches the resolved name or the surface text."""
    engine = store_of(request).engine
    speaker, source = text_filter(speaker, "speaker"), text_filter(source, "source")
    total, rows = queries.quotes(engine, speaker, source, dates.date_from, dates.date_to,
                                 offset=paging.offset, limit=paging.per_page)
    return {"filters": {"speaker": speaker, "source": source, **vars(dates)}, "total": total,
            "quotes": rows, "speakers": queries.speakers(engine),
            "sources": store_of(request).sources(), "pagination": paging.info(total, len(rows))}
