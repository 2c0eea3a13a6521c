"""Drive a batch on dask.distributed (imported here only): plan, submit, write, resume.

``scheduler``: ``local`` runs the partitions one after another in this process (no Dask: a
reference run and a debugging aid); ``processes`` starts a LocalCluster of ``workers`` processes
on 127.0.0.1; ``tcp://HOST:PORT`` connects to a running scheduler (see docs/scale.md).
"""
from __future__ import annotations

import importlib
import logging
import time
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Sequence

from ..api import RunSummary
from ..errors import MarsadError
from ..parallel import default_jobs, error_from_dict, wire_pages
from .manifest import Manifest, fingerprint
from .partition import is_remote, run_partition

log = logging.getLogger(__name__)

PARTITION_SIZE = 200          # pages per partition: ~1-2 s of work, small enough to rebalance
EXCLUDE_LAYERS = ("tokens", "subtokens")   # as `marsad process`: derivable and bulky
RETRIES = 2                   # resubmissions of a partition whose task failed (on top of Dask's
                              # own rescheduling after a worker dies), before it is reported


@dataclass
class BatchResult:
    summary: RunSummary
    partitions: int = 0
    resumed: int = 0                      # partitions already done before this run
    failed_partitions: list[int] = field(default_factory=list)
    elapsed: float = 0.0
    manifest: str = ""

    @property
    def ok(self) -> bool:
        return self.summary.ok and not self.failed_partitions


def plan_partitions(inputs: Sequence[str], size: int) -> Iterator[list]:
    """Deterministic partitions: runs of local pages cut every ``size`` pages (input errors
    travel inside them to be counted), one partition per remote file (read by the worker)."""
    local: list[str] = []
    for name in list(inputs) + [None]:
        if name is not None and not is_remote(name):
            local.append(name)
            continue
        pages = wire_pages(local)
        while chunk := [p if not isinstance(p, dict) else {"error": p}
                        for p in islice(pages, size)]:
            yield chunk
        local = []
        if name is not None:
            yield from ([url] for url in expand_remote(name))


def expand_remote(url: str) -> list[str]:
    import fsspec
    fs, _, paths = fsspec.get_fs_token_paths(url)
    protocol = fs.protocol[0] if isinstance(fs.protocol, (tuple, list)) else fs.protocol
    return [p if "://" in p else f"{protocol}://{p}" for p in sorted(paths)] or [url]


def run_batch(inputs: Sequence[str], out: str | None = None, db: str | None = None,
              scheduler: str = "processes", partition_size: int = PARTITION_SIZE,
              workers: int | None = None, pipeline_names: Sequence[str] | None = None,
              exclude_layers: Sequence[str] = EXCLUDE_LAYERS,
              on_partition_done: Callable[[int, dict], None] | None = None) -> BatchResult:
    """Process ``inputs`` in partitions on Dask; write Parquet to ``out`` or the database ``db``."""
    if out is None and db is None:
        raise MarsadError("E706", "a batch needs somewhere to write", "pass --out DIR or --db URL")
    names = list(pipeline_names) if pipeline_names is not None else None
    names_for_plan = check_pipeline(names)        # fail early, without loading any model
    fp = fingerprint(list(inputs), partition_size, names_for_plan)
    manifest = Manifest(out if out is not None else f".marsad-batch/{fp}")
    manifest.start({"fingerprint": fp, "inputs": list(inputs), "partition_size": partition_size,
                    "pipeline": names_for_plan, "db": bool(db)})
    done = manifest.done()
    job = _Job(manifest, done, out if db is None else None, db, names, list(exclude_layers),
               on_partition_done)
    start = time.perf_counter()
    plan = plan_partitions(inputs, partition_size)
    if scheduler == "local":
        job.run_local(plan)
    else:
        job.run_dask(plan, scheduler, workers, fp)
    return job.result(time.perf_counter() - start)


def check_pipeline(names: Sequence[str] | None) -> list[str]:
    """The component names a batch runs, checked as ``load_pipeline`` checks them (known,
    importable, in a valid order) but without building components: the client only plans and
    collects, and loading the models here cost 1-2 s of CPU (0.96 s vs 0.24 s for this check
    in a fresh process; 2.0 s of NER model loading in a profile of a loaded run) on the timed
    path of every batch, competing with the workers for the cores."""
    from ..pipeline import DEFAULT_PIPELINE, REGISTRY, check_order, create_component
    names = list(names) if names is not None else list(DEFAULT_PIPELINE)
    factories = []
    for name in names:
        if name not in REGISTRY:
            create_component(name)                # raises the registry's E020 message
        factories.append(REGISTRY[name])
        importlib.import_module(REGISTRY[name].module)   # a missing extra fails here
    check_order(factories)                        # uses only name, requires, assigns
    return names


def start_local_cluster(workers: int):
    """The LocalCluster of ``--scheduler processes``: ``workers`` single-threaded processes
    on 127.0.0.1. (Turning off Dask's worker profiler or tuning the workers' collector made no
    difference measurable above the noise of a loaded machine: 300 articles, alternating runs,
    worker CPU 20.2/16.3 s with both defaults vs 21.0/18.8 s without the profiler.)"""
    from distributed import LocalCluster
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                        host="127.0.0.1", dashboard_address=None)


class _Job:
    def __init__(self, manifest: Manifest, done: dict[int, dict], out: str | None,
                 db: str | None, names: list[str] | None, exclude: list[str],
                 callback: Callable[[int, dict], None] | None) -> None:
        self.manifest, self.done, self.out, self.db = manifest, done, out, db
        self.names, self.exclude, self.callback = names, exclude, callback
        self.resumed = len(done)
        self.total = 0
        self.failed: list[int] = []
        self._store = None

    def _todo(self, plan: Iterable[list]) -> Iterator[tuple[int, list]]:
        for part, items in enumerate(plan):
            self.total = part + 1
            if part not in self.done:
                yield part, items

    def _args(self, part: int, items: list) -> tuple:
        return (part, items, self.names, self.out, self.exclude, self.db is not None)

    def run_local(self, plan: Iterable[list]) -> None:
        for part, items in self._todo(plan):
            self.finish(part, run_partition(*self._args(part, items)))

    def run_dask(self, plan: Iterable[list], scheduler: str, workers: int | None, fp: str) -> None:
        from distributed import Client, as_completed
        cluster = None
        if scheduler == "processes":
            cluster = start_local_cluster(workers or default_jobs())
            address = cluster.scheduler_address
        elif scheduler.startswith(("tcp://", "tls://")):
            address = scheduler
        else:
            raise MarsadError("E707", f"unknown scheduler {scheduler!r}",
                              "use local, processes or tcp://HOST:PORT")
        try:
            with Client(address) as client:
                limit = 2 * max(1, len(client.scheduler_info()["workers"])) + 2
                self._pending = pending = as_completed()
                self._submit = lambda part, items, attempt: self._submit_to(
                    client, fp, part, items, attempt)
                for part, items in self._todo(plan):
                    self._submit(part, items, 0)
                    while pending.count() >= limit:
                        self._collect(next(pending))
                for fut in pending:      # as_completed also yields futures added meanwhile
                    self._collect(fut)
        finally:
            if cluster is not None:
                cluster.close()

    def _submit_to(self, client, fp: str, part: int, items: list, attempt: int) -> None:
        fut = client.submit(run_partition, *self._args(part, items), pure=False,
                            key=f"marsad-part-{fp}-{part}-{attempt}")
        fut.part, fut.items, fut.attempt = part, items, attempt
        self._pending.add(fut)

    def _collect(self, fut) -> None:
        try:
            info = fut.result()
        except Exception as exc:   # KilledWorker after repeated worker deaths, lost scheduler
            if fut.attempt < RETRIES:
                log.warning("partition %s failed (%s: %s); retrying", fut.part,
                            type(exc).__name__, exc)
                self._submit(fut.part, fut.items, fut.attempt + 1)
            else:
                log.error("partition %s failed: %s: %s", fut.part, type(exc).__name__, exc)
                self.failed.append(fut.part)
            return
        finally:
            fut.release()
        self.finish(fut.part, info)

    def finish(self, part: int, info: dict[str, Any]) -> None:
        articles = info.pop("article_dicts", None)
        if self.db is not None:
            self._write_db(articles or [])
        self.manifest.mark(part, info)
        self.done[part] = info
        if self.callback is not None:
            self.callback(part, info)

    def _write_db(self, articles: list[dict]) -> None:
        from ..document import Article
        if self._store is None:
            try:
                from ..store import Store
            except ImportError as exc:
                raise MarsadError("E708", f"--db needs the store extra: {exc}",
                                  "pip install 'marsad[store]'") from exc
            self._store = Store.open(self.db)
        self._store.add_articles((Article.from_dict(a) for a in articles),
                                 pipeline=self.names or (), command="batch")

    def result(self, elapsed: float) -> BatchResult:
        if self._store is not None:
            self._store.close()
        summary = RunSummary()
        for part in sorted(self.done):
            info = self.done[part]
            for key in ("inputs", "processed", "skipped", "failed", "articles"):
                setattr(summary, key, getattr(summary, key) + info[key])
            summary.errors.extend(error_from_dict(e) for e in info["errors"])
            summary.warnings.extend(info["warnings"])
        return BatchResult(summary, self.total, self.resumed, sorted(self.failed), elapsed,
                           self.manifest.dir)
