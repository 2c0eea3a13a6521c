"""Scale-out: the same per-partition function on a Dask cluster, Parquet or database output.

``process_partition(items) -> list[dict]`` is the only per-partition entry point and holds no NLP
logic of its own: it runs the ordinary pipeline (:mod:`marsad.parallel` ``run_pages``) over the
pages of one partition. :func:`run_batch` plans partitions from the inputs, submits them to a
``dask.distributed`` scheduler, writes Parquet partitioned by ``date=``/``source=`` (or the
archive database through :class:`marsad.store.Store`) and records each finished partition in a
manifest under ``OUT/_manifest/`` so an interrupted batch resumes without duplicates.

Needs the ``dask`` extra (``pip install 'marsad[dask]'``). docs/scale.md has a cluster example.
"""
from .partition import process_partition  # noqa: F401


def run_batch(*args, **kwargs):
    """See :func:`marsad.batch.runner.run_batch` (imported lazily: it needs dask)."""
    from .runner import run_batch as _run
    return _run(*args, **kwargs)
