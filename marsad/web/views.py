"""Jinja2 environment (autoescaping everything) and the page renderer."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from fastapi import Request
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import HTMLResponse

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

ENT_LABELS = {"PERSON": "شخص", "ORG": "منظمة", "GPE": "دولة/مدينة", "LOC": "مكان",
              "FAC": "منشأة", "NORP": "جماعة", "PRODUCT": "منتج", "MISC": "أخرى"}


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(["html", "svg"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["ENT_LABELS"] = ENT_LABELS
    env.filters["ent_label"] = lambda t: ENT_LABELS.get(t or "", t or "")
    return env


ENV = _env()


def page_url(request: Request, **changes) -> str:
    """The current URL with some query parameters changed (None removes one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return request.url.path + ("?" + query if query else "")


def render(request: Request, name: str, context: dict, status: int = 200) -> HTMLResponse:
    ctx = {"request": request, "page_url": lambda **kw: page_url(request, **kw),
           "api_url": "/api" + request.url.path.rstrip("/")
                      + ("?" + request.url.query if request.url.query else "")}
    ctx.update(context)
    return HTMLResponse(ENV.get_template(name).render(ctx), status_code=status)
