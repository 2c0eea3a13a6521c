"""marsad batch on a real dask.distributed LocalCluster (127.0.0.1, 2 worker processes)."""
from __future__ import annotations

import json
import os
import signal

import pytest

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

from marsad.api import RunSummary, process  # noqa: E402
from marsad.batch import process_partition, run_batch  # noqa: E402
from marsad.batch.parquet import read_articles  # noqa: E402
from marsad.errors import MarsadError  # noqa: E402

EXCLUDE = ("tokens", "subtokens")


def _cluster():
    from distributed import LocalCluster
    return LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                        dashboard_address=None, worker_dashboard_address=None)


@pytest.fixture(scope="module")
def cluster():
    with _cluster() as c:
        yield c


@pytest.fixture
def reference(mixed_inputs):
    """The one-core local run: article dicts as JSON would carry them, and its summary."""
    summary = RunSummary()
    arts = [json.loads(json.dumps(a.to_dict(exclude_layers=EXCLUDE), ensure_ascii=False))
            for a in process(mixed_inputs, None, summary)]
    return arts, summary


def _same_summary(got: RunSummary, want: RunSummary) -> None:
    for key in ("inputs", "processed", "skipped", "failed", "articles"):
        assert getattr(got, key) == getattr(want, key), key
    assert sorted(e.code for e in got.errors) == sorted(e.code for e in want.errors)


def test_batch_dask_output_equals_local_run(cluster, mixed_inputs, reference, tmp_path):
    arts, ref_summary = reference
    result = run_batch(mixed_inputs, out=str(tmp_path / "dask"), partition_size=4,
                       scheduler=cluster.scheduler_address)
    assert result.partitions == 11 and not result.failed_partitions
    assert read_articles(str(tmp_path / "dask")) == arts
    _same_summary(result.summary, ref_summary)
    local = run_batch(mixed_inputs, out=str(tmp_path / "local"), partition_size=4,
                      scheduler="local")
    assert read_articles(str(tmp_path / "local")) == arts
    _same_summary(local.summary, ref_summary)


def test_batch_parquet_is_partitioned_by_date_and_source(mixed_inputs, tmp_path):
    run_batch(mixed_inputs, out=str(tmp_path), partition_size=10, scheduler="local")
    dirs = {p.parent.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.parquet")}
    assert "date=2015-07-21/source=alriyadh" in dirs
    assert "date=2015-07-23/source=sabq" in dirs
    assert "date=unknown/source=unknown" in dirs      # the raw text page has neither
    assert not list(tmp_path.rglob(".*.tmp-*"))


def test_batch_resumes_after_interruption_without_duplicates(cluster, mixed_inputs, reference,
                                                             tmp_path):
    arts, ref_summary = reference
    out = str(tmp_path / "out")

    def stop_after_three(part, info):
        if part == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(mixed_inputs, out=out, partition_size=4, scheduler="local",
                  on_partition_done=stop_after_three)
    assert len(read_articles(out)) < len(arts)
    redone = []
    result = run_batch(mixed_inputs, out=out, partition_size=4,
                       scheduler=cluster.scheduler_address,
                       on_partition_done=lambda part, info: redone.append(part))
    assert result.resumed == 3 and sorted(redone) == list(range(3, 11))
    got = read_articles(out)
    assert got == arts
    assert len({a["id"] for a in got}) == len(got)
    _same_summary(result.summary, ref_summary)     # the summary covers both runs


def test_batch_refuses_to_mix_batches_in_one_output(mixed_inputs, tmp_path):
    run_batch(mixed_inputs[:1], out=str(tmp_path), partition_size=4, scheduler="local")
    with pytest.raises(MarsadError) as info:
        run_batch(mixed_inputs, out=str(tmp_path), partition_size=4, scheduler="local")
    assert info.value.code == "E702"


def test_batch_survives_a_killed_worker(mixed_inputs, reference, tmp_path):
    from distributed import Client
    arts, ref_summary = reference
    killed = {}
    with _cluster() as local_cluster, Client(local_cluster) as client:
        pids = client.run(os.getpid)

        def kill_one(part, info):
            if not killed:
                addr, pid = sorted(pids.items())[0]
                os.kill(pid, signal.SIGKILL)
                killed["after"] = part

        result = run_batch(mixed_inputs, out=str(tmp_path), partition_size=2,
                           scheduler=local_cluster.scheduler_address,
                           on_partition_done=kill_one)
    assert killed and result.partitions == 21, (killed, result)
    assert not result.failed_partitions, result
    assert result.ok is False                   # the bad inputs fail, as in the reference run
    got = read_articles(str(tmp_path))
    assert got == arts
    assert len({a["id"] for a in got}) == len(got)
    _same_summary(result.summary, ref_summary)


def test_batch_process_partition_accepts_records_and_paths(mixed_inputs):
    record = {"id": "r1", "title": "عنوان", "content": "قال الوزير إن المحادثات ستستأنف."}
    outcomes = process_partition([record, mixed_inputs[1], mixed_inputs[-1], 42])
    assert [o["status"] for o in outcomes] == ["ok"] + ["ok"] * 6 + ["err", "err"]
    assert outcomes[0]["articles"][0]["title"] == "عنوان"
    assert outcomes[-2]["error"]["code"] == "E013"
    assert outcomes[-1]["error"]["code"] == "E704"
