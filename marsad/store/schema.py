"""The archive schema, defined once (SQLAlchemy 2 Core) for SQLite and PostgreSQL.

Migrations in ``marsad/store/migrations`` create exactly these tables (a test compares them with
Alembic's ``compare_metadata``). Every annotation table is keyed by ``(article_id, span id)`` and
keeps offsets into ``articles.text``; ``articles.doc`` holds the ``Article.to_dict()`` JSON minus
the copies of the text (``rows.article_doc``), from which the archive gives back exactly what
``marsad process`` wrote.

Full-text search: ``article_search`` holds the folded, clitic-stripped text of each article
(:mod:`marsad.store.textindex`). SQLite indexes it with an FTS5 external-content table
``article_fts`` kept in sync by triggers; PostgreSQL with a generated ``tsvector`` column and a
GIN index (both created by the migration, outside this metadata).
"""
from __future__ import annotations

from sqlalchemy import (JSON, Boolean, Column, Float, ForeignKey, Index, Integer, MetaData,
                        String, Table, Text, UniqueConstraint)

metadata = MetaData()

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("pipeline", Text, nullable=False),            # comma-separated component names
    Column("pipeline_version", String(64), nullable=False),
    Column("config_hash", String(64), nullable=False),
    Column("marsad_version", String(32), nullable=False),
    Column("command", String(32), nullable=False),       # ingest | process | dedup | stories
    Column("started_at", String(32), nullable=False),     # ISO UTC
    Column("finished_at", String(32)),                    # NULL while running (or if killed)
    Column("status", String(16), nullable=False),         # running | done | failed
    Column("inputs", Integer, nullable=False, default=0),
    Column("written", Integer, nullable=False, default=0),
    Column("unchanged", Integer, nullable=False, default=0),
    Column("failed", Integer, nullable=False, default=0),
)

sources = Table(
    "sources", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),   # publisher, e.g. "alriyadh"
)

pages = Table(
    "pages", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", Text, nullable=False, unique=True),   # input name or record id
    Column("url", Text),
)

articles = Table(
    "articles", metadata,
    Column("id", String(64), primary_key=True),
    Column("page_id", Integer, ForeignKey("pages.id"), nullable=False),
    Column("source_id", Integer, ForeignKey("sources.id")),
    Column("position", Integer, nullable=False, default=0),
    Column("url", Text),
    Column("title", Text, nullable=False, default=""),
    Column("published", String(32)),                     # ISO date/datetime, as in meta
    Column("section", Text),
    Column("author", Text),
    Column("lang", String(8), nullable=False, default="ar"),
    Column("text", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),  # sha256 of the folded text (exact dups)
    Column("doc_hash", String(64), nullable=False),      # sha256 of the stored JSON
    Column("doc", Text, nullable=False),                 # compact Article.to_dict() (rows.py)
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("pipeline_version", String(64), nullable=False),
    Column("dup_of", String(64)),                        # exact or near duplicate of (dedup)
    Column("dup_kind", String(8)),                       # exact | near
    Column("dup_score", Float),
    Index("ix_articles_published", "published"),
    Index("ix_articles_source", "source_id"),
    Index("ix_articles_content_hash", "content_hash"),
)

article_runs = Table(   # history: every (article, pipeline version) ever written
    "article_runs", metadata,
    Column("article_id", String(64), primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id"), primary_key=True),
    Column("pipeline_version", String(64), nullable=False),
    Column("doc_hash", String(64), nullable=False),
)

article_search = Table(
    "article_search", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), nullable=False, unique=True),
    Column("title", Text, nullable=False, default=""),
    Column("body", Text, nullable=False, default=""),
    Column("names", Text, nullable=False, default=""),  # entity names, aliases, KB ids (folded)
)

# The narrow columns search filters on, keyed by article_search.id (= the FTS rowid), so a
# filtered search joins the FTS matches to small rows instead of the wide articles table.
search_keys = Table(
    "search_keys", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("article_id", String(64), nullable=False, unique=True),
    Column("source_id", Integer),
    Column("published", String(32)),
    Column("is_dup", Boolean, nullable=False, default=False),
)


def _span_cols() -> list[Column]:
    return [Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
            Column("text", Text, nullable=False, default="")]


blocks = Table(
    "blocks", metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("label", String(32), nullable=False),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("attrs", JSON),
)

entities = Table(
    "entities", metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("entity_id", String(64), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("name_ar", Text),
    Column("kb_id", String(64)),
    Column("name_key", Text, nullable=False, default=""),   # folded name/name_ar/aliases/kb_id
    Column("aliases", JSON),
    Column("mentions", Integer, nullable=False, default=0),
    Column("attrs", JSON),
    Index("ix_entities_kb_id", "kb_id"),
    Index("ix_entities_name", "name"),
)

mentions = Table(
    "mentions", metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("mention_id", String(64), primary_key=True),
    Column("entity_id", String(64)),
    Column("label", String(16), nullable=False),
    *_span_cols(),
)

quotes = Table(
    "quotes", metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("quote_id", String(64), primary_key=True),
    Column("kind", String(16)),
    *_span_cols(),
    Column("cue", Text),
    Column("speaker_text", Text),
    Column("speaker_name", Text),
    Column("speaker_entity_id", String(64)),
    Column("speaker_kind", String(16)),
    Column("attrs", JSON),
    Index("ix_quotes_speaker_name", "speaker_name"),
)

events = Table(
    "events", metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("event_id", String(64), primary_key=True),
    Column("type", String(32), nullable=False),
    *_span_cols(),
    Column("actor_name", Text), Column("actor_code", String(32)),
    Column("actor_entity_id", String(64)),
    Column("target_name", Text), Column("target_code", String(32)),
    Column("target_entity_id", String(64)),
    Column("location", Text), Column("date", String(32)),
    Column("negated", Boolean), Column("modality", String(32)),
    Column("attrs", JSON),
    Index("ix_events_type", "type"),
)

dates = Table(
    "dates", metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("span_id", String(64), primary_key=True),
    *_span_cols(),
    Column("value", String(64)), Column("kind", String(32)), Column("calendar", String(32)),
)

quantities = Table(
    "quantities", metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("span_id", String(64), primary_key=True),
    Column("label", String(32), nullable=False),
    *_span_cols(),
    Column("value", Text), Column("unit", Text),
)

stories = Table(
    "stories", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("label", Text, nullable=False),
    Column("first_date", String(32)), Column("last_date", String(32)),
    Column("size", Integer, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id")),
)

story_members = Table(
    "story_members", metadata,
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String(64), primary_key=True),
    Column("score", Float),
    UniqueConstraint("article_id", name="uq_story_members_article"),
)

# Tables holding one row per span of an article (deleted and rewritten with it).
CHILD_TABLES = (blocks, entities, mentions, quotes, events, dates, quantities)
