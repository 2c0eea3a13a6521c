"""Alembic environment: run migrations on the connection handed over by marsad.store.db."""
from __future__ import annotations

from alembic import context

from marsad.store.schema import metadata

target_metadata = metadata


def include_object(obj, name, type_, reflected, compare_to):
    # FTS5 shadow tables and the PostgreSQL tsvector column live outside the metadata.
    if type_ == "table" and name and name.startswith("article_fts"):
        return False
    if type_ == "column" and name == "tsv":
        return False
    if type_ == "index" and name == "ix_article_search_tsv":
        return False
    return True


def run_migrations_online() -> None:
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, target_metadata=target_metadata,
                      include_object=include_object, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
