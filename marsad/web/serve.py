"""Run the reader with uvicorn (the only module that imports it)."""
from __future__ import annotations

import logging

from ..errors import MarsadError
from .app import create_app, is_loopback

log = logging.getLogger(__name__)


def _uvicorn():
    try:
        import uvicorn
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MarsadError("E807", "the web reader needs FastAPI, uvicorn and Jinja2",
                          'install the extra: pip install "marsad[web,store]"') from exc
    return uvicorn


def serve(db: str | None, host: str = "127.0.0.1", port: int = 8765, app=None,
          on_ready=None) -> None:
    """Serve until interrupted. A non-loopback ``host`` exposes the archive to the network:
    it is allowed (the reader is read-only) but logged as a warning."""
    uvicorn = _uvicorn()
    if not is_loopback(host):
        log.warning("serving on %s: anyone who can reach this machine can read the archive", host)
    app = app if app is not None else create_app(db, allowed_hosts=hosts_for(host))
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    if on_ready is not None:
        _notify_when_started(server, on_ready)
    server.run()


def hosts_for(host: str) -> tuple[str, ...] | None:
    """Host names to answer: the loopback names when bound to loopback, else any."""
    from .security import LOOPBACK_HOSTS
    return LOOPBACK_HOSTS + (host,) if is_loopback(host) else None


def url_for(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def _notify_when_started(server, callback) -> None:
    import threading
    import time

    def wait() -> None:
        for _ in range(200):
            if server.started:
                callback()
                return
            time.sleep(0.05)
    threading.Thread(target=wait, daemon=True).start()
