"""Alembic migrations of the archive, applied automatically by :func:`marsad.store.db.open_engine`.

``HEAD`` is the newest revision; a test checks it equals Alembic's head, so opening an up-to-date
database skips loading Alembic at all.
"""
HEAD = "0002"
