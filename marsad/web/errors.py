"""One error shape for every error the reader returns, HTML or JSON.

JSON (``/api/…`` and any client asking for JSON)::

    {"error": {"code": "E804", "status": 404, "message": "…", "hint": "…"}}

HTML pages render the same four fields in ``error.html`` with the same status code.
Codes E800–E849 (docs/errors.md).
"""
from __future__ import annotations

import logging

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse as _JSONResponse
from starlette.responses import Response

from ..errors import MarsadError

log = logging.getLogger(__name__)


class JSONResponse(_JSONResponse):
    """JSON with ``<``, ``>`` and ``&`` written as ``\\u003c``-style escapes: the same data
    for any JSON parser, and inert even if a browser is tricked into reading it as HTML."""

    def render(self, content) -> bytes:
        raw = super().render(content)
        return raw.replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")


class WebError(MarsadError):
    """An error the reader turns into an HTTP response with ``status``."""

    def __init__(self, code: str, message: str, hint: str = "", status: int = 400) -> None:
        super().__init__(code, message, hint)
        self.status = status


# Status codes Starlette raises itself, mapped to our codes.
HTTP_CODES = {404: ("E804", "no such page", "check the address; start from / or /docs"),
              405: ("E805", "method not allowed: the reader is read-only",
                    "use GET; the archive is changed with the marsad CLI, not the web"),
              }


def error_body(code: str, status: int, message: str, hint: str = "") -> dict:
    return {"error": {"code": code, "status": status, "message": message, "hint": hint}}


def wants_json(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api/") or path == "/api" or path == "/openapi.json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def respond(request: Request, body: dict) -> Response:
    status = body["error"]["status"]
    if wants_json(request):
        return JSONResponse(body, status_code=status)
    from .views import render
    return render(request, "error.html", {"error": body["error"], "title": body["error"]["code"],
                                          "api_url": None}, status=status)


async def on_web_error(request: Request, exc: WebError) -> Response:
    return respond(request, error_body(exc.code, exc.status, exc.message, exc.hint))


async def on_marsad_error(request: Request, exc: MarsadError) -> Response:
    log.warning("%s on %s", exc, request.url.path)
    return respond(request, error_body("E803", 503, f"the archive failed: [{exc.code}] "
                                       f"{exc.message}", exc.hint or "check the database"))


async def on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
    code, message, hint = HTTP_CODES.get(exc.status_code, ("E806", str(exc.detail), ""))
    if exc.status_code == 404 and exc.detail not in (None, "Not Found"):
        message = str(exc.detail)
    return respond(request, error_body(code, exc.status_code, message, hint))


async def on_validation_error(request: Request, exc: RequestValidationError) -> Response:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(x) for x in err.get("loc", ())[1:]) or "request"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return respond(request, error_body("E801", 422, "invalid parameter: " + "; ".join(parts),
                                       "see /docs for the parameters and their limits"))


async def on_unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.url.path)
    return respond(request, error_body("E849", 500, f"internal error: {type(exc).__name__}",
                                       "a bug: report it with the address you opened"))


async def on_database_error(request: Request, exc: Exception) -> Response:
    log.error("database error on %s: %s", request.url.path, exc)
    first = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    return respond(request, error_body("E803", 503, f"the archive failed: {first}",
                                       "check that the database file or server is intact "
                                       "and reachable, then reload"))


def install(app) -> None:
    from sqlalchemy.exc import SQLAlchemyError
    app.add_exception_handler(WebError, on_web_error)
    app.add_exception_handler(MarsadError, on_marsad_error)
    app.add_exception_handler(SQLAlchemyError, on_database_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(Exception, on_unexpected)
