"""The archive: processed articles in SQLite (default) or PostgreSQL, searchable, deduplicated,
grouped into stories, exportable. Library API: :class:`marsad.store.Store` (docs/store.md).

Needs the ``store`` extra (SQLAlchemy, Alembic, datasketch, pyarrow); ``pg`` for PostgreSQL.
"""
from .db import StoreError, resolve_url  # noqa: F401
from .search import Filters, Hit, SearchResult  # noqa: F401
from .store import Store  # noqa: F401
