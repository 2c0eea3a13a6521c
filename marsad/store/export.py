"""Streamed exports of the archive: JSONL, CSV, Parquet (pyarrow), PLOVER records.

Columns are listed in :data:`COLUMNS` and documented in docs/store.md. ``--what articles
--format jsonl`` writes the full JSON contract per article (what ``marsad process`` writes);
every other combination writes the flat columns. Rows are read with a server-side cursor in
chunks and written as they come, so memory stays flat on any archive size.
"""
from __future__ import annotations

import csv
import importlib.util
import json
import sys
from contextlib import contextmanager
from typing import Any, Iterator

from sqlalchemy import select

from . import schema as S
from .db import StoreError

A, SRC, P = S.articles, S.sources, S.pages
CHUNK = 1000

COLUMNS: dict[str, list[str]] = {
    "articles": ["id", "source", "published", "url", "title", "section", "author", "lang",
                 "position", "page", "pipeline_version", "content_hash", "dup_of", "dup_kind",
                 "text"],
    "entities": ["article_id", "entity_id", "type", "name", "name_ar", "kb_id", "aliases",
                 "mentions"],
    "quotes": ["article_id", "quote_id", "kind", "start", "end", "text", "cue", "speaker_text",
               "speaker_name", "speaker_entity_id", "speaker_kind"],
    "events": ["article_id", "event_id", "type", "start", "end", "text", "actor_name",
               "actor_code", "actor_entity_id", "target_name", "target_code",
               "target_entity_id", "location", "date", "negated", "modality"],
}
WHAT = tuple(COLUMNS)


def _plover_available() -> bool:
    try:
        return importlib.util.find_spec("marsad.events.export") is not None
    except ImportError:
        return False


# PLOVER records come from the events component's own exporter, so they appear once it exists.
FORMATS = ("jsonl", "csv", "parquet") + (("plover",) if _plover_available() else ())


def _query(what: str):
    if what == "articles":
        cols = [A.c.id, SRC.c.name.label("source"), A.c.published, A.c.url, A.c.title,
                A.c.section, A.c.author, A.c.lang, A.c.position, P.c.key.label("page"),
                A.c.pipeline_version, A.c.content_hash, A.c.dup_of, A.c.dup_kind, A.c.text]
        return (select(*cols).select_from(A.outerjoin(SRC, SRC.c.id == A.c.source_id)
                                          .join(P, P.c.id == A.c.page_id)).order_by(A.c.id))
    table = {"entities": S.entities, "quotes": S.quotes, "events": S.events}[what]
    key = {"entities": "entity_id", "quotes": "quote_id", "events": "event_id"}[what]
    return select(*[table.c[c] for c in COLUMNS[what]]).order_by(table.c.article_id,
                                                                 table.c[key])


def iter_rows(engine, what: str) -> Iterator[dict[str, Any]]:
    with engine.connect() as conn:
        for row in conn.execution_options(yield_per=CHUNK).execute(_query(what)):
            d = dict(row._mapping)
            if "aliases" in d and d["aliases"] is not None:
                d["aliases"] = json.dumps(d["aliases"], ensure_ascii=False)
            yield d


@contextmanager
def _open_text(path: str):
    if path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as fh:
        yield fh


def export(store, path: str, fmt: str = "jsonl", what: str = "articles") -> int:
    """Write ``what`` in ``fmt`` to ``path`` ("-" = stdout); returns the number of rows."""
    if what not in COLUMNS:
        raise StoreError("E610", f"unknown export table {what!r}", f"use one of {', '.join(WHAT)}")
    if fmt not in FORMATS:
        raise StoreError("E611", f"unknown or unavailable export format {fmt!r}",
                         f"use one of {', '.join(FORMATS)}")
    if fmt == "plover":
        return _export_plover(store, path)
    if fmt == "parquet":
        return _export_parquet(store.engine, path, what)
    with _open_text(path) as out:
        if fmt == "jsonl" and what == "articles":
            return _write_jsonl(out, store.iter_docs())
        if fmt == "jsonl":
            return _write_jsonl(out, iter_rows(store.engine, what))
        return _write_csv(out, iter_rows(store.engine, what), COLUMNS[what])


def _write_jsonl(out, rows) -> int:
    n = 0
    for n, row in enumerate(rows, 1):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return n


def _write_csv(out, rows, columns: list[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for n, row in enumerate(rows, 1):
        writer.writerow(row)
    return n


def _arrow_schema(what: str):
    import pyarrow as pa
    ints = {"position", "start", "end", "mentions"}
    fields = [pa.field(c, pa.int64() if c in ints else pa.bool_() if c == "negated"
                       else pa.string()) for c in COLUMNS[what]]
    return pa.schema(fields)


def _export_parquet(engine, path: str, what: str) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise StoreError("E601", "Parquet export needs pyarrow",
                         'install the extra: pip install "marsad[store]"') from exc
    if path == "-":
        raise StoreError("E612", "Parquet cannot be written to stdout", "pass -o FILE.parquet")
    schema = _arrow_schema(what)
    n, chunk = 0, []
    with pq.ParquetWriter(path, schema) as writer:
        for row in iter_rows(engine, what):
            chunk.append(row)
            if len(chunk) >= CHUNK:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n, chunk = n + len(chunk), []
        if chunk or n == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n


def _export_plover(store, path: str) -> int:
    from ..events.export import plover_records   # written by the events component
    from ..document import Article
    n = 0
    with _open_text(path) as out:
        for doc in store.iter_docs():
            for rec in plover_records(Article.from_dict(doc)):
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    return n
