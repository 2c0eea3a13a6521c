"""``Store``: the library API of the archive (the CLI and the web reader are thin layers on it).

>>> store = Store.open("archive.sqlite")          # doctest: +SKIP
>>> store.ingest(["news.jsonl"])                   # doctest: +SKIP
>>> store.search("بوتين", {"source": ["aawsat"]})  # doctest: +SKIP
"""
from __future__ import annotations

import logging
from typing import Any, Iterable, Iterator

from sqlalchemy import func, select

from ..api import RunSummary, process_pages
from ..document import Article
from ..errors import MarsadError
from ..ingest import iter_pages
from ..pipeline import Pipeline, load_pipeline
from . import schema as S
from .db import open_engine
from .rows import expand_doc
from .search import Filters, SearchResult, facets, search
from .write import BATCH, WriteResult, Writer, batched, finish_run, start_run

log = logging.getLogger(__name__)
A = S.articles
ANALYZE_AFTER = 500   # rows written in one run before refreshing PostgreSQL statistics


class Store:
    """An archive database (SQLite file or PostgreSQL), migrated on open."""

    def __init__(self, engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, db: str | None = None) -> "Store":
        """``db``: SQLite path, ``postgresql://…`` URL, or None for $MARSAD_DB/./marsad.sqlite."""
        return cls(open_engine(db))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    # -- writes -------------------------------------------------------------------------------
    def add_articles(self, articles: Iterable[Article], pipeline: Iterable[str] = (),
                     command: str = "add", batch_size: int = BATCH) -> WriteResult:
        """Write processed articles (one transaction per batch); returns counts and the run id."""
        names = list(pipeline)
        run_id = start_run(self.engine, names, command)
        writer = Writer(self.engine, run_id)
        try:
            for batch in batched(articles, batch_size):
                writer.write(batch)
        except BaseException:
            finish_run(self.engine, run_id, "failed", written=writer.result.written,
                       unchanged=writer.result.unchanged)
            raise
        finish_run(self.engine, run_id, written=writer.result.written,
                   unchanged=writer.result.unchanged)
        self._analyze(writer.result.written)
        return writer.result

    def _analyze(self, written: int) -> None:
        """PostgreSQL plans the full-text query from table statistics; after a bulk load they
        say "empty table" until autovacuum runs, and it seq-scans every tsvector (10x slower)."""
        if self.backend == "postgresql" and written >= ANALYZE_AFTER:
            from sqlalchemy import text
            with self.engine.begin() as conn:
                conn.execute(text("ANALYZE article_search, search_keys, entities"))

    def ingest(self, inputs: Iterable[str], pipeline: Pipeline | None = None,
               summary: RunSummary | None = None, batch_size: int = BATCH) -> WriteResult:
        """Read inputs, run the pipeline on articles not yet stored with this pipeline version
        (so a re-run or a resumed run skips finished work), write them in batches."""
        pipeline = pipeline if pipeline is not None else load_pipeline()
        summary = summary if summary is not None else RunSummary()
        run_id = start_run(self.engine, pipeline.names, "ingest")
        writer = Writer(self.engine, run_id)
        status = "failed"
        try:
            segmented = process_pages(iter_pages(inputs), None, summary)
            for batch in batched(segmented, batch_size):
                writer.write(self._run_pipeline(batch, writer, pipeline, summary))
            status = "done"
        finally:
            finish_run(self.engine, run_id, status, inputs=summary.inputs,
                       written=writer.result.written, unchanged=writer.result.unchanged,
                       failed=summary.failed)
        self._analyze(writer.result.written)
        return writer.result

    @staticmethod
    def _run_pipeline(batch: list[Article], writer: Writer, pipeline: Pipeline,
                      summary: RunSummary) -> list[Article]:
        done = writer.stored(batch)
        writer.result.unchanged += sum(1 for a in batch if a.id in done)
        out = []
        for art in batch:
            if art.id in done:
                continue
            try:
                out.append(pipeline(art))
            except MarsadError as err:
                err.source = err.source or art.meta.source
                summary.failed += 1
                summary.errors.append(err)
                log.warning("%s", err)
        return out

    # -- reads --------------------------------------------------------------------------------
    def get_doc(self, article_id: str) -> dict | None:
        """The stored JSON of an article, exactly as ``marsad process`` writes it."""
        with self.engine.connect() as conn:
            row = conn.execute(select(A.c.doc, A.c.text).where(A.c.id == article_id)).first()
        return expand_doc(row.doc, row.text) if row is not None else None

    def get_article(self, article_id: str) -> Article | None:
        doc = self.get_doc(article_id)
        return Article.from_dict(doc) if doc is not None else None

    def iter_docs(self, ids: Iterable[str] | None = None, chunk: int = 500) -> Iterator[dict]:
        """Every stored article JSON (or those in ``ids``), streamed in id order."""
        stmt = select(A.c.doc, A.c.text).order_by(A.c.id)
        if ids is not None:
            stmt = stmt.where(A.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=chunk).execute(stmt):
                yield expand_doc(row.doc, row.text)

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(A)).scalar())

    def search(self, query: str = "", filters: Filters | dict | None = None, page: int = 1,
               per_page: int = 20) -> SearchResult:
        return search(self.engine, query, filters, page, per_page)

    def facets(self, query: str = "", filters: Filters | dict | None = None,
               limit: int = 10) -> dict[str, list[dict[str, Any]]]:
        return facets(self.engine, query, filters, limit)

    def latest(self, n: int = 20, filters: Filters | dict | None = None) -> SearchResult:
        return search(self.engine, "", filters, 1, n)

    def entities(self, query: str | None = None, type: str | None = None, limit: int = 50,
                 offset: int = 0) -> list[dict[str, Any]]:
        from .queries import entities
        return entities(self.engine, query, type, limit, offset)

    def quotes(self, article_id: str | None = None, speaker: str | None = None, limit: int = 50,
               offset: int = 0) -> list[dict[str, Any]]:
        from .queries import quotes
        return quotes(self.engine, article_id, speaker, limit, offset)

    def events(self, article_id: str | None = None, type: str | None = None, limit: int = 50,
               offset: int = 0) -> list[dict[str, Any]]:
        from .queries import events
        return events(self.engine, article_id, type, limit, offset)

    def runs(self, limit: int = 50) -> list[dict[str, Any]]:
        from .queries import runs
        return runs(self.engine, limit)

    def sources(self) -> list[dict[str, Any]]:
        from .queries import sources
        return sources(self.engine)

    # -- dedup and stories ----------------------------------------------------------------------
    def dedup(self, threshold: float | None = None) -> dict[str, int]:
        from .dedup import dedup
        return dedup(self.engine, threshold)

    def duplicates(self, article_id: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        from .queries import duplicates
        return duplicates(self.engine, article_id, limit)

    def build_stories(self, **options: Any) -> dict[str, int]:
        from .stories import build_stories
        return build_stories(self.engine, **options)

    def stories(self, limit: int = 20, offset: int = 0, min_size: int = 2) -> list[dict[str, Any]]:
        from .queries import stories
        return stories(self.engine, limit, offset, min_size)

    def story(self, story_id: int) -> dict[str, Any] | None:
        from .queries import story
        return story(self.engine, story_id)

    # -- export ---------------------------------------------------------------------------------
    def export(self, out, fmt: str = "jsonl", what: str = "articles") -> int:
        from .export import export
        return export(self, out, fmt, what)
