"""A real `marsad ingest` killed with SIGKILL half-way, then resumed: consistent, complete, no dups."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select, text

from marsad.api import RunSummary, process
from marsad.pipeline import load_pipeline
from marsad.store import Store
from marsad.store import schema as S

WORDS = ("قال الوزير إن الحكومة ستطلق مشروعا جديدا في الرياض لدعم التعليم والصحة والاقتصاد "
         "وأضاف أن المملكة تعمل مع الشركاء على تعزيز الاستثمار وتنمية المدن والطاقة").split()
N = 400
PIPELINE = "sentences.v1,tokens.v1"


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    rng = random.Random(7)
    path = tmp_path_factory.mktemp("resume") / "records.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(N):
            body = "\n".join(" ".join(rng.choices(WORDS, k=40)) + "." for _ in range(4))
            fh.write(json.dumps({"id": f"r{i}", "title": f"خبر رقم {i}", "content": body,
                                 "url": f"http://example.org/{i}", "source": "wire",
                                 "date_extracted": "2015-07-2%d" % (i % 9)},
                                ensure_ascii=False) + "\n")
    return path


def _ingest(path, url) -> subprocess.Popen:
    return subprocess.Popen(_ingest_cmd(path, url), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _count(store) -> int:
    try:
        return store.count()
    except Exception:   # the schema may not exist yet while the child migrates
        return 0


def test_store_sigkill_then_resume_is_complete_and_consistent(store_url, records):
    store = Store.open(store_url)
    child = _ingest(records, store_url)
    deadline = time.time() + 120
    while _count(store) < 30 and child.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    assert child.poll() is None, "ingest finished before it could be killed; make N larger"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    killed_at = store.count()
    assert 0 < killed_at < N
    # what the killed run left is consistent: whole batches, every article with its rows
    _check_consistent(store)
    done = subprocess.run(_ingest_cmd(records, store_url), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"{N - killed_at} articles written, {killed_at} unchanged" in done.stderr
    assert store.count() == N
    _check_consistent(store)
    want = {a.id: a.to_dict(exclude_layers=("tokens", "subtokens"))
            for a in process([str(records)], load_pipeline(PIPELINE.split(",")), RunSummary())}
    assert set(want) == {d["id"] for d in store.iter_docs()}
    for doc in store.iter_docs():
        assert doc == want[doc["id"]]
    runs = store.runs()
    assert [r["status"] for r in runs] == ["done", "running"]   # the killed one never finished
    assert runs[1]["finished_at"] is None
    assert store.search("رقم 17").hits[0].title == "خبر رقم 17"
    store.close()


def _ingest_cmd(path, url) -> list[str]:
    return [sys.executable, "-m", "marsad.cli.main", "ingest", str(path), "--db", url,
            "--pipeline", PIPELINE, "--batch", "10"]


def _check_consistent(store) -> None:
    with store.engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(S.articles)).scalar()
        assert n % 10 == 0, "a partial batch was committed"
        for table in (S.article_search, S.article_runs):
            assert conn.execute(select(func.count()).select_from(table)).scalar() == n
        blocks = conn.execute(select(func.count(func.distinct(S.blocks.c.article_id)))).scalar()
        assert blocks == n
        orphans = conn.execute(select(func.count()).select_from(S.blocks).where(
            S.blocks.c.article_id.not_in(select(S.articles.c.id)))).scalar()
        assert orphans == 0
        if store.backend == "sqlite":
            conn.execute(text("INSERT INTO article_fts(article_fts) VALUES('integrity-check')"))
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def test_store_sigterm_records_the_run_as_failed_with_its_counts(store_url, records):
    """`kill PID` (SIGTERM) is not SIGKILL: the command unwinds, and its run row says so."""
    store = Store.open(store_url)
    before = len(store.runs()) if _count(store) else 0
    child = _ingest(records, store_url)
    deadline = time.time() + 120
    start = _count(store)
    while _count(store) < start + 20 and child.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    assert child.poll() is None, "ingest finished before it could be stopped; make N larger"
    os.kill(child.pid, signal.SIGTERM)
    assert child.wait(timeout=60) == 128 + signal.SIGTERM
    runs = store.runs()
    assert len(runs) == before + 1
    last = runs[0]
    assert last["status"] == "failed" and last["finished_at"] is not None
    # the signal may land between a batch's commit and the count's update: exact to one batch
    stored = store.count() - start
    assert stored > 0 and last["written"] <= stored <= last["written"] + 10
    _check_consistent(store)
    store.close()
