"""Parquet output (pyarrow, imported here only): one file per (partition, date, source).

Layout ``OUT/date=YYYY-MM-DD/source=<publisher>/part-000012.parquet`` (Hive style, so pandas,
pyarrow, DuckDB and Spark read ``date``/``source`` as columns). Each row is one article: a few
flat columns for filtering plus ``record``, the full JSON contract (``Article.to_dict``), from
which ``Article.from_dict`` rebuilds it. ``partition``/``row`` give the input order back.
File names depend only on the partition number, and a file is written under a temporary name
and then moved into place, so a re-run partition replaces its files instead of adding rows.
"""
from __future__ import annotations

import json
import os
import re
from typing import Any, Iterable

from ..errors import MarsadError

COLUMNS = ("partition", "row", "id", "input_source", "position", "title", "url", "publisher",
           "published", "words", "record")
_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


def filesystem(out: str):
    """``(pyarrow FileSystem, root path)`` for a local directory or a URI (s3://, gs://, ...)."""
    from pyarrow import fs as pafs
    if "://" in out and not out.startswith("file://"):
        return pafs.FileSystem.from_uri(out)
    return pafs.LocalFileSystem(), os.path.abspath(out.removeprefix("file://"))


def partition_values(article: dict[str, Any]) -> tuple[str, str]:
    meta = article.get("meta") or {}
    date = str(meta.get("published") or "")[:10] or "unknown"
    source = meta.get("publisher") or "unknown"
    return _UNSAFE.sub("_", date), _UNSAFE.sub("_", str(source))[:80] or "unknown"


def article_row(part: int, row: int, article: dict[str, Any]) -> dict[str, Any]:
    meta = article.get("meta") or {}
    return {"partition": part, "row": row, "id": article["id"],
            "input_source": article.get("source", ""), "position": article.get("position", 0),
            "title": article.get("title") or "", "url": meta.get("url"),
            "publisher": meta.get("publisher"), "published": meta.get("published"),
            "words": len(article.get("text", "").split()),
            "record": json.dumps(article, ensure_ascii=False, sort_keys=True)}


def write_partition(out: str, part: int, articles: Iterable[dict[str, Any]]) -> list[str]:
    """Write one partition's articles; returns the paths written (relative to ``out``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    groups: dict[tuple[str, str], list[dict]] = {}
    for row, art in enumerate(articles):
        groups.setdefault(partition_values(art), []).append(article_row(part, row, art))
    fs, root = filesystem(out)
    written = []
    for (date, source), rows in sorted(groups.items()):
        folder, name = f"date={date}/source={source}", f"part-{part:06d}.parquet"
        fs.create_dir(f"{root}/{folder}", recursive=True)
        rel, final = f"{folder}/{name}", f"{root}/{folder}/{name}"
        tmp = f"{root}/{folder}/.{name}.tmp-{os.getpid()}"   # dot: readers skip it
        table = pa.Table.from_pylist(rows, schema=SCHEMA())
        with fs.open_output_stream(tmp) as fh:
            pq.write_table(table, fh, compression="zstd")
        fs.move(tmp, final)
        written.append(rel)
    return written


def SCHEMA():  # noqa: N802 - a constant built lazily (pyarrow is optional)
    import pyarrow as pa
    return pa.schema([("partition", pa.int64()), ("row", pa.int64()), ("id", pa.string()),
                      ("input_source", pa.string()), ("position", pa.int64()),
                      ("title", pa.string()), ("url", pa.string()), ("publisher", pa.string()),
                      ("published", pa.string()), ("words", pa.int64()),
                      ("record", pa.string())])


def read_articles(out: str) -> list[dict[str, Any]]:
    """All article records of a Parquet output, in input order (partition, row)."""
    import pyarrow.dataset as ds
    fs, root = filesystem(out)
    try:
        data = ds.dataset(root, filesystem=fs, format="parquet", partitioning="hive",
                          exclude_invalid_files=True, ignore_prefixes=["_", "."])
        table = data.to_table(columns=["partition", "row", "record"])
    except (FileNotFoundError, OSError) as exc:
        raise MarsadError("E705", f"cannot read Parquet output at {out}: {exc}",
                          "pass the --out directory of a finished batch") from exc
    rows = sorted(zip(table["partition"].to_pylist(), table["row"].to_pylist(),
                      table["record"].to_pylist()))
    return [json.loads(r) for _, _, r in rows]
