"""``marsad demo --serve``: the example page in a fresh archive, opened in the reader."""
from __future__ import annotations

import logging
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)


def build_demo_db(path: str | Path, inputs: list[str], pipeline=None) -> str:
    """Ingest ``inputs`` into a SQLite archive at ``path`` (created), mark duplicates, build
    story clusters, and return its path."""
    from ..store import Store
    with Store.open(str(path)) as store:
        store.ingest(inputs, pipeline)
        store.dedup()
        store.build_stories()
    return str(path)


def serve_demo(example: str | Path, port: int = 8765, open_browser: bool = True,
               pipeline=None) -> None:
    """Build a temporary archive from the example page and serve it on 127.0.0.1."""
    from .serve import serve
    tmp = Path(tempfile.mkdtemp(prefix="marsad-demo-"))
    db = build_demo_db(tmp / "demo.sqlite", [str(example)], pipeline)
    url = f"http://127.0.0.1:{port}/"

    def ready() -> None:
        if open_browser:
            import webbrowser
            try:
                webbrowser.open(url)
            except Exception:  # no browser on this machine: the URL is printed anyway
                log.info("could not open a browser; visit %s", url)
    serve(db, "127.0.0.1", port, on_ready=ready)
