"""marsad batch from the command line: Parquet output, the archive database, resuming."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

pytest.importorskip("pyarrow")

from marsad.batch.parquet import read_articles  # noqa: E402
from marsad.cli.app import app  # noqa: E402
from marsad.cli.main import load_commands  # noqa: E402


def _flat(output: str) -> str:
    return " ".join(output.split())      # rich wraps long lines


@pytest.fixture(scope="module")
def runner():
    load_commands()
    return CliRunner()


def test_batch_cli_local_parquet_then_resume(runner, mixed_inputs, tmp_path):
    out = tmp_path / "pq"
    args = ["batch", *mixed_inputs, "--scheduler", "local", "--out", str(out),
            "--partition-size", "5"]
    first = runner.invoke(app, args)
    assert first.exit_code == 1, first.output          # the bad inputs are reported, not fatal
    # 32 JSONL lines + 6 JSON records + 1 page (2 stories) + empty file + missing path
    assert "41 inputs: 37 processed, 0 skipped, 4 failed; 38 articles" in _flat(first.output)
    assert len(read_articles(str(out))) == 38
    again = runner.invoke(app, args)
    assert "9 partitions (9 already done before this run" in _flat(again.output)
    assert len(read_articles(str(out))) == 38


def test_batch_cli_needs_an_output(runner, mixed_inputs):
    res = runner.invoke(app, ["batch", *mixed_inputs, "--scheduler", "local"])
    assert res.exit_code == 2 and "E706" in res.output


def test_batch_cli_unknown_scheduler(runner, mixed_inputs, tmp_path):
    res = runner.invoke(app, ["batch", mixed_inputs[0], "--scheduler", "yarn",
                              "--out", str(tmp_path)])
    assert res.exit_code == 2 and "E707" in res.output


def test_batch_cli_writes_the_database_idempotently(runner, mixed_inputs, tmp_path):
    pytest.importorskip("sqlalchemy")
    from marsad.store import Store
    db = str(tmp_path / "a.sqlite")
    args = ["batch", *mixed_inputs, "--scheduler", "local", "--db", db,
            "--out", str(tmp_path / "m"), "--partition-size", "7"]
    runner.invoke(app, args)
    with Store.open(db) as store:
        assert store.count() == 38
    (tmp_path / "m" / "_manifest" / "part-000002.json").unlink()   # as if it crashed there
    res = runner.invoke(app, args)
    assert "6 partitions (5 already done before this run" in _flat(res.output)
    with Store.open(db) as store:
        assert store.count() == 38


def test_batch_remote_inputs_go_through_fsspec(mixed_inputs, tmp_path):
    """A URL input is listed on the driver and read by the worker (fsspec; memory:// here,
    s3:// or gs:// on a cluster): same articles as the local file."""
    fsspec = pytest.importorskip("fsspec")
    from marsad.batch import process_partition, run_batch
    fs = fsspec.filesystem("memory")
    with open(mixed_inputs[1], "rb") as fh:
        fs.pipe("/marsad-test/more.json", fh.read())
    remote = run_batch(["memory://marsad-test/*.json"], out=str(tmp_path / "r"),
                       scheduler="local")
    local = run_batch([mixed_inputs[1]], out=str(tmp_path / "l"), scheduler="local")
    assert remote.partitions == 1 and remote.summary.articles == 6
    got, want = read_articles(str(tmp_path / "r")), read_articles(str(tmp_path / "l"))
    assert [a["title"] for a in got] == [a["title"] for a in want]
    assert [a["text"] for a in got] == [a["text"] for a in want]
    fs.pipe("/marsad-test/page.txt", "عنوان الخبر\n\nقال الوزير إن المحادثات ستستأنف غدا.\n".encode())
    outcomes = process_partition(["memory://marsad-test/page.txt"])
    assert outcomes[0]["input"] == "memory://marsad-test/page.txt"
    assert outcomes[0]["articles"][0]["source"] == "memory://marsad-test/page.txt"
    fs.rm("/marsad-test", recursive=True)
