"""Open an archive database: resolve the URL, create the engine, apply migrations.

``--db PATH`` (or ``$MARSAD_DB``, default ``./marsad.sqlite``) is a SQLite file;
``postgresql://…`` uses PostgreSQL through psycopg 3. Opening always brings the schema to the
newest Alembic revision, so there is no separate "init" step.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from ..errors import MarsadError

log = logging.getLogger(__name__)

DEFAULT_DB = "marsad.sqlite"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class StoreError(MarsadError):
    """The archive database cannot be opened, migrated or queried."""


def resolve_url(db: str | os.PathLike | None = None) -> str:
    """A SQLAlchemy URL from a ``--db`` value, ``$MARSAD_DB`` or the default file."""
    value = str(db) if db else os.environ.get("MARSAD_DB") or DEFAULT_DB
    if value.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    if value.startswith(("postgresql+", "sqlite:")):
        return value
    if "://" in value:
        raise StoreError("E600", f"unsupported database URL {value!r}",
                         "pass a SQLite file path or a postgresql://… URL")
    return "sqlite:///" + str(Path(value).expanduser())


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")       # readers never block the writer
    cur.execute("PRAGMA synchronous=NORMAL")     # WAL + NORMAL is still crash-consistent
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def create_engine_for(url: str):
    try:
        from sqlalchemy import create_engine, event
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise StoreError("E601", "the archive needs SQLAlchemy and Alembic",
                         'install the extra: pip install "marsad[store]"') from exc
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:" and not Path(path).parent.exists():
            raise StoreError("E602", f"directory of database file {path!r} does not exist",
                             "create the directory or pass another --db path")
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise StoreError("E601", "PostgreSQL needs psycopg 3",
                         'install the extra: pip install "marsad[pg]"') from exc
    return create_engine(url, pool_pre_ping=True)


def current_revision(engine) -> str | None:
    from sqlalchemy import inspect, text
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine) -> None:
    """Upgrade the database to the newest revision (a no-op when it is already there)."""
    from .migrations import HEAD
    if current_revision(engine) == HEAD:
        return
    from alembic import command
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    log.info("archive migrated to revision %s", HEAD)


def open_engine(db: str | os.PathLike | None = None):
    """Engine for ``db`` with the schema migrated; errors name the database and what to do."""
    url = resolve_url(db)
    engine = create_engine_for(url)
    try:
        migrate(engine)
    except MarsadError:
        raise
    except Exception as exc:
        engine.dispose()
        raise StoreError("E603", f"cannot open or migrate the archive {_safe(url)}: "
                         f"{type(exc).__name__}: {exc}".splitlines()[0],
                         "check the path/URL and that the server is running") from exc
    return engine


def _safe(url: str) -> str:
    """The URL without a password."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        cred, host = rest.rsplit("@", 1)
        return f"{scheme}://{cred.split(':')[0]}@{host}"
    return url
