"""The events timeline: actor → target, by day."""
from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, Query, Request

from .. import queries
from ..params import DateRange, Paging, date_range, paging, text_filter
from . import store_of, twin

router = APIRouter()


def by_day(rows: list[dict]) -> list[dict]:
    days: list[dict] = []
    for r in rows:
        day = (r.get("published") or "")[:10] or None
        if not days or days[-1]["day"] != day:
            days.append({"day": day, "events": []})
        days[-1]["events"].append(r)
    return days


@twin(router, "/events", "events.html", "Events timeline")
def events(request: Request, type: Optional[str] = Query(None, max_length=32,
                                                         description="PLOVER type"),
           actor: Optional[str] = Query(None, description="actor or target name"),
           source: Optional[str] = Query(None, description="source name"),
           dates: DateRange = Depends(date_range), paging: Paging = Depends(paging)) -> dict:
    """Events newest first, each with actor → target, its trigger and article."""
    engine = store_of(request).engine
    type_, actor, source = (text_filter(type, "type"), text_filter(actor, "actor"),
                            text_filter(source, "source"))
    total, rows = queries.events(engine, type_, source, dates.date_from, dates.date_to, actor,
                                 paging.offset, paging.per_page)
    return {"filters": {"type": type_, "actor": actor, "source": source, **vars(dates)},
            "total": total, "events": rows, "types": queries.event_types(engine),
            "pagination": paging.info(total, len(rows)), "_days": by_day(rows)}
