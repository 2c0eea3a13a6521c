"""Security headers and a read-only database guard.

Pages carry no inline script or style, so the policy is strict: everything from 'self' only.
Swagger UI (``/docs``) sets inline styles, so that one page also allows ``'unsafe-inline'`` styles.
"""
from __future__ import annotations

from starlette.middleware.base import BaseHTTPMiddleware

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
CSP_DOCS = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "X-Frame-Options": "DENY", "Cross-Origin-Opener-Policy": "same-origin"}


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


class HostCheck(BaseHTTPMiddleware):
    """Answer only requests addressed to an allowed host name. Bound to loopback, this stops
    DNS rebinding: a web page on evil.example resolving its name to 127.0.0.1 cannot make the
    user's browser read the archive, because the request says ``Host: evil.example``."""

    def __init__(self, app, allowed: tuple[str, ...]) -> None:
        super().__init__(app)
        self.allowed = {h.lower() for h in allowed}

    async def dispatch(self, request, call_next):
        host = _host_name(request.headers.get("host", ""))
        if host not in self.allowed:
            from .errors import WebError, error_body, respond
            err = WebError("E808", f"host {host or '(none)'!r} is not served here",
                           "open the reader at http://127.0.0.1:PORT/ or start it with --host")
            return respond(request, error_body(err.code, 400, err.message, err.hint))
        return await call_next(request)


def _host_name(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        response = await call_next(request)
        docs = request.url.path == "/docs"
        response.headers["Content-Security-Policy"] = CSP_DOCS if docs else CSP
        for key, value in HEADERS.items():
            response.headers.setdefault(key, value)
        return response


def make_read_only(engine) -> None:
    """Every new connection refuses writes (SQLite ``query_only``, PostgreSQL read-only
    transactions); pooled connections opened before are closed."""
    from sqlalchemy import event

    def _on_connect(dbapi_conn, _record) -> None:
        cur = dbapi_conn.cursor()
        if engine.dialect.name == "sqlite":
            cur.execute("PRAGMA query_only=ON")
        else:
            cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        cur.close()
        if engine.dialect.name != "sqlite":
            dbapi_conn.commit()

    event.listen(engine, "connect", _on_connect)
    engine.dispose()
