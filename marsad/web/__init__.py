"""The reader: a right-to-left web app and JSON API over the archive (``marsad serve``).

Needs the ``web`` and ``store`` extras. :func:`create_app` builds the FastAPI app over a
:class:`marsad.store.Store`; every HTML view has a JSON twin under ``/api/``. See docs/web.md.
"""
from __future__ import annotations


def create_app(*args, **kwargs):
    from .app import create_app as _create
    return _create(*args, **kwargs)
