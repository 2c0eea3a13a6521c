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
