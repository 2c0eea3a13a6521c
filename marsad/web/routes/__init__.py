"""Route modules: each defines ``router`` and registers page + JSON twins with :func:`twin`.

A view is one function returning a dict; :func:`twin` serves it as JSON at ``/api<path>``
(keys starting with ``_`` are for the page only and are dropped) and as the HTML page at
``<path>`` rendered with ``template``.
"""
from __future__ import annotations

import functools
from typing import Callable

from fastapi import APIRouter, Request
from fastapi.encoders import jsonable_encoder
from starlette.responses import HTMLResponse

from ..errors import JSONResponse
from ..views import render


def store_of(request: Request):
    return request.app.state.store


def public(data: dict) -> dict:
    return {k: v for k, v in data.items() if not k.startswith("_")}


def twin(router: APIRouter, path: str, template: str, summary: str) -> Callable:
    def deco(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def api(*args, **kwargs):
            return JSONResponse(jsonable_encoder(public(fn(*args, **kwargs))))

        @functools.wraps(fn)
        def page(*args, **kwargs):
            data = fn(*args, **kwargs)
            return render(kwargs["request"], template, data)

        api_path = "/api" + path if path != "/" else "/api"
        router.add_api_route(api_path, api, methods=["GET"], summary=summary,
                             description=fn.__doc__ or "", name="api_" + fn.__name__)
        router.add_api_route(path, page, methods=["GET"], include_in_schema=False,
                             response_class=HTMLResponse, name=fn.__name__)
        return fn
    return deco


def with_pieces(hits: list[dict], query: str = "", expansions: dict | None = None) -> list[dict]:
    """Hits (``Hit.to_dict()``) plus page-only pieces: ``_pieces`` of the snippet (the archive
    gives its match offsets) and ``_title``, with the query's words found in the title by the
    archive's own matcher (same folding and clitic variants as the search)."""
    keys = title_keys(query, expansions or {})
    for h in hits:
        h["_pieces"] = snippet_pieces(h["snippet"], h["snippet_highlights"])
        title = h.get("title") or ""
        h["_title"] = snippet_pieces(title, _highlight(title, keys))
    return hits


def title_keys(query: str, expansions: dict) -> set[str]:
    if not query:
        return set()
    from ...store.textindex import parse_query, words
    keys = {alt for t in parse_query(query) for alt in t.alternatives}
    for names in expansions.values():
        keys.update(w for n in names for w in words(n))
    return keys


def _highlight(text: str, keys: set[str]) -> list[tuple[int, int]]:
    if not keys or not text:
        return []
    from ...store.textindex import highlight_spans
    return highlight_spans(text, keys)


def snippet_pieces(snippet: str, spans) -> list[dict]:
    """A search snippet cut into ``{"text", "hit"}`` pieces at its highlight offsets."""
    out, pos = [], 0
    for start, end in sorted(spans or []):
        start, end = max(start, pos), min(end, len(snippet))
        if start >= end:
            continue
        if start > pos:
            out.append({"text": snippet[pos:start], "hit": False})
        out.append({"text": snippet[start:end], "hit": True})
        pos = end
    if pos < len(snippet):
        out.append({"text": snippet[pos:], "hit": False})
    return out
