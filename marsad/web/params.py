"""Request parameters shared by the HTML views and their JSON twins, with their limits.

Limits bound the cost of one request: at most ``MAX_PER_PAGE`` rows a page, ``MAX_PAGE`` pages
deep (so an OFFSET never exceeds 50,000 rows), queries of ``MAX_QUERY_CHARS`` characters and
``MAX_QUERY_WORDS`` words (each word becomes an OR of clitic variants in the full-text match).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from fastapi import Query

from .errors import WebError

MAX_PER_PAGE = 100
MAX_PAGE = 500
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12
DATE = r"^\d{4}-\d{2}-\d{2}$"


@dataclass
class Paging:
    page: int = 1
    per_page: int = 20

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def info(self, total: int | None, shown: int) -> dict:
        """Pagination block of every listing. ``total`` None: unknown (``has_next`` from a
        look-ahead row)."""
        if total is None:
            has_next = shown > self.per_page
            pages = None
        else:
            pages = max(1, -(-total // self.per_page))
            has_next = self.page < pages
        return {"page": self.page, "per_page": self.per_page, "total": total, "pages": pages,
                "has_prev": self.page > 1, "has_next": has_next and self.page < MAX_PAGE}


def paging(page: int = Query(1, ge=1, le=MAX_PAGE, description="1-based page number"),
           per_page: int = Query(20, ge=1, le=MAX_PER_PAGE, description="rows per page")) -> Paging:
    return Paging(page, per_page)


@dataclass
class DateRange:
    date_from: Optional[str] = None
    date_to: Optional[str] = None

    def __post_init__(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise WebError("E802", f"date_from {self.date_from} is after date_to {self.date_to}",
                           "swap the two dates")


def date_range(date_from: Optional[str] = Query(None, pattern=DATE, description="YYYY-MM-DD"),
               date_to: Optional[str] = Query(None, pattern=DATE, description="YYYY-MM-DD")
               ) -> DateRange:
    return DateRange(date_from or None, date_to or None)


def search_query(q: str = Query("", max_length=MAX_QUERY_CHARS,
                                description="search words (Arabic or English)")) -> str:
    q = " ".join(q.split())
    if len(q.split()) > MAX_QUERY_WORDS:
        raise WebError("E802", f"the query has {len(q.split())} words; at most "
                       f"{MAX_QUERY_WORDS} are allowed", "shorten the query or use filters")
    return q


def text_filter(value: Optional[str], name: str) -> Optional[str]:
    value = (value or "").strip()
    if len(value) > MAX_QUERY_CHARS:
        raise WebError("E802", f"{name} is longer than {MAX_QUERY_CHARS} characters",
                       f"shorten {name}")
    return value or None
