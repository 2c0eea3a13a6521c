"""``process_partition``: one partition of inputs -> one outcome dict per input page.

Items of a partition may be

* a :class:`~marsad.ingest.RawPage` (what the planner ships for local inputs),
* a path or URL string (read on the worker; URLs such as ``s3://…`` go through fsspec),
* an article record ``{"id", "title", "content"/"text", ...}`` (e.g. from a dask.bag of JSON),
* ``{"error": {...}}``: an input that already failed upstream, passed through to be counted.

Each outcome is ``{"input", "status": ok|skip|err, "articles": [Article.to_dict()...],
"error": {...}|None, "warnings": [...]}``, so every input is accounted for.
"""
from __future__ import annotations

import logging
import os
import posixpath
import tempfile
from typing import Any, Iterable, Iterator, Sequence

from ..errors import InputError
from ..ingest import RawPage, iter_pages
from ..parallel import error_to_dict, run_pages
from ..pipeline import Pipeline, load_pipeline

log = logging.getLogger(__name__)

# Pipelines built in this (worker) process, by component names: loaded once per process.
_PIPELINES: dict[tuple[str, ...] | None, Pipeline] = {}


def worker_pipeline(names: Sequence[str] | None) -> Pipeline:
    key = tuple(names) if names is not None else None
    if key not in _PIPELINES:
        _PIPELINES[key] = load_pipeline(list(key) if key is not None else None)
    return _PIPELINES[key]


def is_remote(path: str) -> bool:
    return "://" in path and not path.startswith("file://")


def localize(url: str, tmp_dir: str) -> str:
    """A local copy of a remote file under ``tmp_dir``, keeping its name (the name picks the
    reader: .jsonl, .zip, .html ...), so every reader works on it unchanged."""
    try:
        import fsspec
    except ImportError as exc:
        raise InputError("E703", f"reading {url} needs fsspec", "pip install 'marsad[dask]' "
                         "plus the filesystem's package (s3fs, gcsfs ...)", source=url) from exc
    try:
        fs, path = fsspec.core.url_to_fs(url)
        local = os.path.join(tempfile.mkdtemp(dir=tmp_dir), posixpath.basename(path))
        fs.get(path, local)
        return local
    except Exception as exc:  # fsspec raises many types: missing file, auth, protocol
        raise InputError("E703", f"cannot fetch {url}: {type(exc).__name__}: {exc}",
                         "check the URL and the filesystem credentials", source=url) from exc


def _pages(items: Iterable[Any], tmp_dir: str) -> Iterator[RawPage | dict]:
    for n, item in enumerate(items):
        if isinstance(item, RawPage):
            yield item
        elif isinstance(item, str):
            yield from _path_pages(item, tmp_dir)
        elif isinstance(item, dict) and set(item) == {"error"}:
            yield item["error"]
        elif isinstance(item, dict):
            rid = str(item.get("id") or f"record#{n}")
            yield RawPage(source=rid, kind="record", data="", record=item, url=item.get("url"))
        else:
            yield error_to_dict(InputError("E704", f"partition item is a {type(item).__name__}",
                                           "pass RawPages, paths/URLs or record dicts",
                                           source=f"item#{n}"))


def _path_pages(path: str, tmp_dir: str) -> Iterator[RawPage | dict]:
    local = path
    if is_remote(path):
        try:
            local = localize(path, tmp_dir)
        except InputError as err:
            yield error_to_dict(err)
            return
    for page in iter_pages([local]):
        if page.source and local != path:     # name the input as the user did, not the copy
            page.source = page.source.replace(local, path, 1)
        if isinstance(page, InputError):
            yield error_to_dict(page)
        else:
            yield page


def _source(page: RawPage | dict) -> str:
    return page.source if isinstance(page, RawPage) else str(page.get("source"))


def process_partition(items: Sequence[Any], pipeline_names: Sequence[str] | None = None,
                      exclude_layers: Sequence[str] = ()) -> list[dict]:
    """Run the pipeline over one partition; one outcome dict per input page, in order."""
    pipeline = worker_pipeline(pipeline_names)
    with tempfile.TemporaryDirectory(prefix="marsad-partition-") as tmp_dir:
        pages = list(_pages(items, tmp_dir))
        results = run_pages(pages, pipeline)     # remote copies live until this is done
    outcomes = []
    for page, (status, payload, warnings) in zip(pages, results):
        articles = ([a.to_dict(exclude_layers=tuple(exclude_layers)) for a in payload]
                    if status != "err" else [])
        outcomes.append({"input": _source(page), "status": status, "articles": articles,
                         "error": payload if status == "err" else None,
                         "warnings": list(warnings)})
    return outcomes


def summarize(part: int, outcomes: list[dict]) -> dict[str, Any]:
    """Counts, errors and warnings of one partition (what its manifest marker records)."""
    count = {s: sum(o["status"] == s for o in outcomes) for s in ("ok", "skip", "err")}
    return {"partition": part, "inputs": len(outcomes), "processed": count["ok"],
            "skipped": count["skip"], "failed": count["err"],
            "articles": sum(len(o["articles"]) for o in outcomes),
            "errors": [o["error"] for o in outcomes if o["error"]],
            "warnings": [w for o in outcomes for w in o["warnings"]]
            + [f"{o['input']}: no article found" for o in outcomes if o["status"] == "skip"]}


def run_partition(part: int, items: Sequence[Any], pipeline_names: Sequence[str] | None,
                  out: str | None, exclude_layers: Sequence[str] = (),
                  return_articles: bool = False) -> dict[str, Any]:
    """The task a Dask worker runs: process one partition, write its Parquet files (when
    ``out``), return its summary (plus the article dicts when ``return_articles``)."""
    outcomes = process_partition(items, pipeline_names, exclude_layers)
    info = summarize(part, outcomes)
    articles = [a for o in outcomes for a in o["articles"]]
    if out is not None and not return_articles:
        from .parquet import write_partition
        info["files"] = write_partition(out, part, articles)
    if return_articles:
        info["article_dicts"] = articles
    return info
