"""``create_app``: the FastAPI app over one archive (read-only by default)."""
from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from . import errors
from .security import HostCheck, SecurityHeaders, make_read_only
from .views import STATIC

log = logging.getLogger(__name__)

ROUTE_MODULES = ("home", "search", "articles", "entities", "quotes", "events", "stories", "docs")
DESCRIPTION = """JSON twin of every page of the marsad reader. Every error has the shape
`{"error": {"code", "status", "message", "hint"}}`. Listings take `page` (≤ 500) and
`per_page` (≤ 100)."""


def open_store(db: str | None, read_only: bool = True):
    """Open the archive; a SQLite file must already exist (the reader never creates one)."""
    from ..store import Store, resolve_url
    url = resolve_url(db)
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///"):])
        if str(path) != ":memory:" and not path.exists():
            raise errors.WebError("E800", f"no archive at {path}",
                                  "build one first (see docs/store.md), e.g. "
                                  "`marsad demo --serve` for the example page, or pass --db")
    store = Store.open(db)
    if read_only:
        make_read_only(store.engine)
    return store


def create_app(db: str | None = None, store=None, read_only: bool = True,
               allowed_hosts: tuple[str, ...] | None = None) -> FastAPI:
    """The reader over ``store`` (or the archive at ``db``/``$MARSAD_DB``). ``allowed_hosts``:
    answer only requests whose Host header names one of these (``marsad serve`` passes the
    loopback names when bound to loopback)."""
    import importlib
    store = store if store is not None else open_store(db, read_only)
    app = FastAPI(title="marsad reader", version=_version(), description=DESCRIPTION,
                  docs_url=None, redoc_url=None)
    app.state.store = store
    errors.install(app)
    if allowed_hosts:
        app.add_middleware(HostCheck, allowed=tuple(allowed_hosts))
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    for name in ROUTE_MODULES:
        module = importlib.import_module(f"{__package__}.routes.{name}")
        app.include_router(module.router)
    return app


def _version() -> str:
    from .. import __version__
    return __version__


def is_loopback(host: str) -> bool:
    return host in ("127.0.0.1", "localhost", "::1") or host.startswith("127.")
