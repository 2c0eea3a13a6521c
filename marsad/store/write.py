"""Transactional, idempotent writes of articles into the archive.

Articles are written in batches, one transaction per batch: a run killed half-way (even with
SIGKILL) leaves whole batches or nothing, and the next run writes what is missing. An article
already stored with the same pipeline version and the same content is left alone (the same
input twice changes nothing but the run log); a new pipeline version rewrites it and adds a row
to ``article_runs``, so the history of which runs produced it is kept.
"""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable, Iterator

from sqlalchemy import String, delete, insert, select, update

from .. import __version__
from ..document import Article
from ..runtime import signals_held
from . import schema as S
from .rows import CHILD_ROWS, article_doc, article_row, content_hash, search_row

log = logging.getLogger(__name__)

KEYS = {"blocks": "seq", "entities": "entity_id", "mentions": "mention_id", "quotes": "quote_id",
        "events": "event_id", "dates": "span_id", "quantities": "span_id"}
BATCH = 200


@dataclass
class WriteResult:
    run_id: int | None = None
    written: int = 0
    unchanged: int = 0
    ids: list[str] = field(default_factory=list)


def pipeline_version(names: Iterable[str], config: dict | None = None) -> tuple[str, str]:
    """``(pipeline_version, config_hash)``: marsad version + component names, and the config."""
    names = list(names)
    digest = hashlib.sha256(",".join(names).encode()).hexdigest()[:12]
    cfg = hashlib.sha256(json.dumps(config or {}, sort_keys=True).encode()).hexdigest()[:16]
    return f"{__version__}+{digest}", cfg


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def start_run(engine, names: list[str], command: str, config: dict | None = None) -> int:
    version, cfg = pipeline_version(names, config)
    with signals_held(), engine.begin() as conn:
        res = conn.execute(insert(S.runs).values(
            pipeline=",".join(names), pipeline_version=version, config_hash=cfg,
            marsad_version=__version__, command=command, started_at=now(), status="running",
            inputs=0, written=0, unchanged=0, failed=0))
        return int(res.inserted_primary_key[0])


def finish_run(engine, run_id: int, status: str = "done", **counts: int) -> None:
    with signals_held(), engine.begin() as conn:
        conn.execute(update(S.runs).where(S.runs.c.id == run_id)
                     .values(finished_at=now(), status=status, **counts))


def run_version(engine, run_id: int) -> str:
    with engine.connect() as conn:
        return conn.execute(select(S.runs.c.pipeline_version)
                            .where(S.runs.c.id == run_id)).scalar_one()


class Writer:
    """Writes batches of articles for one run; caches source and page ids."""

    def __init__(self, engine, run_id: int) -> None:
        self.engine = engine
        self.run_id = run_id
        self.version = run_version(engine, run_id)
        self._sources: dict[str, int] = {}
        self.result = WriteResult(run_id=run_id)

    def stored(self, articles: list[Article]) -> set[str]:
        """Ids of articles already stored with this pipeline version and the same content."""
        if not articles:
            return set()
        want = {a.id: content_hash(a) for a in articles}
        with self.engine.connect() as conn:
            rows = conn.execute(select(S.articles.c.id, S.articles.c.content_hash)
                                .where(S.articles.c.id.in_(list(want)),
                                       S.articles.c.pipeline_version == self.version)).all()
        return {r.id for r in rows if want.get(r.id) == r.content_hash}

    def write(self, articles: list[Article]) -> None:
        """One transaction: replace changed articles, insert new ones, skip unchanged ones."""
        unique = list({a.id: a for a in articles}.values())
        docs = {a.id: article_doc(a) for a in unique}
        with signals_held():                # the commit and its counts, or neither
            with self.engine.begin() as conn:
                existing = dict(conn.execute(select(S.articles.c.id, S.articles.c.doc_hash).where(
                    S.articles.c.id.in_(list(docs)),
                    S.articles.c.pipeline_version == self.version)).all())
                todo = [a for a in unique if existing.get(a.id) != docs[a.id][1]]
                if todo:
                    self._replace(conn, todo, docs)
            self.result.unchanged += len(unique) - len(todo)
            self.result.written += len(todo)
            self.result.ids.extend(a.id for a in todo)

    def _replace(self, conn, todo: list[Article], docs: dict[str, tuple[str, str]]) -> None:
        ids = [a.id for a in todo]
        for table in S.CHILD_TABLES:
            conn.execute(delete(table).where(table.c.article_id.in_(ids)))
        conn.execute(delete(S.article_search).where(S.article_search.c.article_id.in_(ids)))
        conn.execute(delete(S.search_keys).where(S.search_keys.c.article_id.in_(ids)))
        conn.execute(delete(S.story_members).where(S.story_members.c.article_id.in_(ids)))
        conn.execute(delete(S.articles).where(S.articles.c.id.in_(ids)))
        rows, children = [], {name: [] for name in CHILD_ROWS}
        for a in todo:
            page_id = self._page_id(conn, a)
            rows.append(article_row(a, docs[a.id], page_id, self._source_id(conn, a.meta.publisher),
                                    self.run_id, self.version))
            for name, build in CHILD_ROWS.items():
                children[name].extend(_unique_keys(build(a), KEYS[name]))
        conn.execute(insert(S.articles), rows)
        for table in S.CHILD_TABLES:
            if children[table.name]:
                conn.execute(insert(table), _coerce(table, children[table.name]))
        found = conn.execute(insert(S.article_search).returning(
            S.article_search.c.id, S.article_search.c.article_id, sort_by_parameter_order=True),
            [search_row(a) for a in todo]).all()
        meta = {r["id"]: r for r in rows}
        conn.execute(insert(S.search_keys), [
            {"id": f.id, "article_id": f.article_id, "source_id": meta[f.article_id]["source_id"],
             "published": meta[f.article_id]["published"], "is_dup": False} for f in found])
        conn.execute(insert(S.article_runs), [
            {"article_id": r["id"], "run_id": self.run_id, "pipeline_version": self.version,
             "doc_hash": r["doc_hash"]} for r in rows])

    def _source_id(self, conn, name: str | None) -> int | None:
        if not name:
            return None
        if name not in self._sources:
            found = conn.execute(select(S.sources.c.id).where(S.sources.c.name == name)).scalar()
            if found is None:
                found = conn.execute(insert(S.sources).values(name=name)).inserted_primary_key[0]
            self._sources[name] = int(found)
        return self._sources[name]

    def _page_id(self, conn, article: Article) -> int:
        key = article.meta.source or article.id
        found = conn.execute(select(S.pages.c.id).where(S.pages.c.key == key)).scalar()
        if found is None:
            found = conn.execute(insert(S.pages).values(key=key, url=article.meta.url)
                                 ).inserted_primary_key[0]
        return int(found)

    def rollback_caches(self) -> None:
        """After a failed transaction, cached ids may point at rolled-back rows."""
        self._sources.clear()


def _coerce(table, rows: list[dict]) -> list[dict]:
    """Span attrs are free-form JSON: a component may put a dict or a number where the
    table has a text column (e.g. ``cue``); store it as JSON text instead of failing."""
    text_cols = [c.name for c in table.columns if isinstance(c.type, String)]
    for row in rows:
        for name in text_cols:
            v = row.get(name)
            if v is not None and not isinstance(v, str):
                row[name] = json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)
    return rows


def _unique_keys(rows: list[dict], key: str) -> list[dict]:
    """Span ids should be unique in an article; if a component repeats one, keep both rows."""
    seen: dict = {}
    for row in rows:
        k = row[key]
        if k in seen:
            seen[k] += 1
            row[key] = f"{k}~{seen[k]}"
        else:
            seen[k] = 0
    return rows


def batched(items: Iterable[Article], size: int = BATCH) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
