"""Process inputs on several local cores with results identical to one core, in input order.

The main process reads the inputs (:func:`marsad.ingest.iter_pages`) and keeps every input
accounted for in the :class:`~marsad.api.RunSummary`; worker processes each build the pipeline
once (pool initializer) and turn chunks of pages into articles. At most ``jobs * 4`` chunks are
in flight, so memory stays bounded however large the input is.

>>> from marsad.api import RunSummary
>>> summary = RunSummary()
>>> arts = list(process_parallel([], jobs=1, summary=summary))
>>> (len(arts), summary.inputs)
(0, 0)
"""
from __future__ import annotations

import logging
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from typing import Iterable, Iterator, Sequence

from .api import RunSummary, process_pages
from .document import Article
from .errors import InputError, MarsadError, PipelineError
from .ingest import RawPage, iter_pages
from .pipeline import Pipeline, check_pipeline, load_pipeline

log = logging.getLogger(__name__)

CHUNK_PAGES = 16        # pages per task: large enough to amortise pickling, small for balance
IN_FLIGHT_PER_JOB = 4   # chunks queued per worker: keeps both cores busy, memory bounded

_PIPELINE: Pipeline | None = None
_DROP: tuple[str, ...] = ()


def default_jobs() -> int:
    """Cores this process may use (respects CPU affinity / container limits)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def error_to_dict(err: MarsadError) -> dict:
    return {"class": type(err).__name__, **err.to_dict()}


def error_from_dict(data: dict) -> MarsadError:
    """Rebuild an error sent back by a worker (MarsadError does not pickle its fields)."""
    cls = {"InputError": InputError, "PipelineError": PipelineError}.get(data.get("class"),
                                                                         MarsadError)
    return cls(data["code"], data["message"], data.get("hint", ""), data.get("source"))


def _init_worker(names: list[str] | None, drop_layers: Sequence[str]) -> None:
    from .runtime import tune_gc

    global _PIPELINE, _DROP
    _PIPELINE, _DROP = load_pipeline(names), tuple(drop_layers)
    tune_gc()        # a worker process is marsad's own (see marsad/runtime.py)


def run_pages(pages: Sequence[RawPage | dict], pipeline: Pipeline | None,
              drop_layers: Sequence[str] = ()) -> list[tuple]:
    """Per page: ``("ok", articles, warnings)``, ``("skip", [], warnings)`` or ``("err", error
    dict, warnings)``. Input errors found upstream travel as dicts and come back unchanged.
    ``drop_layers`` are removed from the articles (cheaper to send back when not written)."""
    out: list[tuple] = []
    for page in pages:
        if isinstance(page, dict):
            out.append(("err", page, []))
            continue
        summary = RunSummary()
        try:
            articles = list(process_pages([page], pipeline, summary))
        except Exception as exc:   # a reader/segmenter bug: record it, the batch goes on
            log.exception("unexpected failure on %s", page.source)
            err = PipelineError("E701", f"unexpected {type(exc).__name__} while reading or "
                                f"processing: {exc}", "report this with the input",
                                source=page.source)
            out.append(("err", error_to_dict(err), summary.warnings))
            continue
        if summary.errors:
            out.append(("err", error_to_dict(summary.errors[0]), summary.warnings))
        else:
            for art in articles:
                for name in drop_layers:
                    art.drop_layer(name)      # a lazy layer is discarded unbuilt
            out.append(("ok" if articles else "skip", articles, summary.warnings))
    return out


def _worker_chunk(pages: list[RawPage | dict]) -> list[tuple]:
    return run_pages(pages, _PIPELINE, _DROP)


def account(result: tuple, summary: RunSummary) -> list:
    """Fold one page result into ``summary`` (as :func:`marsad.api.process` does); articles out."""
    status, payload, warnings = result
    summary.inputs += 1
    summary.warnings.extend(warnings)
    if status == "err":
        err = error_from_dict(payload)
        summary.failed += 1
        summary.errors.append(err)
        log.warning("%s", err)
        return []
    if status == "skip":
        summary.skipped += 1
        return []
    summary.processed += 1
    summary.articles += len(payload)
    return payload


def wire_pages(inputs: Iterable[str]) -> Iterator[RawPage | dict]:
    """Pages ready to send to another process: input errors as dicts (they do not pickle)."""
    for item in iter_pages(inputs):
        yield error_to_dict(item) if isinstance(item, MarsadError) else item


def process_parallel(inputs: Iterable[str], jobs: int | None = None,
                     pipeline_names: Sequence[str] | None = None,
                     summary: RunSummary | None = None,
                     chunk_pages: int = CHUNK_PAGES,
                     drop_layers: Sequence[str] = ()) -> Iterator[Article]:
    """Like :func:`marsad.api.process` on ``jobs`` processes (default: all cores).

    Articles come out in input order and equal a one-core run; ``jobs=1`` runs in this process.
    ``drop_layers`` (e.g. tokens, subtokens when they are not written) are removed in the
    workers: sending an article back costs about as much as tokenising it, mostly its tokens.
    """
    summary = summary if summary is not None else RunSummary()
    names = list(pipeline_names) if pipeline_names is not None else None
    jobs = default_jobs() if not jobs or jobs < 1 else jobs
    chunks = _chunks(wire_pages(inputs), chunk_pages)
    head = list(islice(chunks, 2))
    if jobs == 1 or len(head) < 2:   # one chunk of work: starting processes would cost more
        pipeline = load_pipeline(names)
        for chunk in chain(head, chunks):
            for result in run_pages(chunk, pipeline, drop_layers):
                yield from account(result, summary)
        return
    check_pipeline(names)  # fail here, with the pipeline's own message, before starting workers
    yield from _pool_run(chain(head, chunks), jobs, names, summary, tuple(drop_layers))


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk


def _pool_run(chunks: Iterator[list], jobs: int, names: list[str] | None,
              summary: RunSummary, drop_layers: tuple[str, ...]) -> Iterator[Article]:
    pending: deque[Future] = deque()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(names, drop_layers)) as pool:
        for chunk in chunks:
            pending.append(pool.submit(_worker_chunk, chunk))
            if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                yield from _collect(pending.popleft(), summary)
        while pending:
            yield from _collect(pending.popleft(), summary)


def _collect(future: Future, summary: RunSummary) -> Iterator[Article]:
    try:
        results = future.result()
    except BrokenProcessPool as exc:
        raise PipelineError("E700", "a worker process died (killed or out of memory)",
                            "rerun with --jobs 1 to find the input that causes it") from exc
    for result in results:
        yield from account(result, summary)
