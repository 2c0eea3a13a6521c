"""marsad benchmarks: one command, one table, ratios measured in the same run.

    .venv/bin/python bench/run.py                 # 2000 SaudiNewsNet articles, all sections
    .venv/bin/python bench/run.py --limit 300 --quick      # a fast smoke run
    .venv/bin/python bench/run.py --memory        # + streaming peak RSS at 5k/15k/31k articles

Sections: the full default pipeline on one core (articles/s and words/s, by CPU time, so other
load on the machine does not count against it, and by wall time), each component alone (CPU
time, in pipeline order), ``--jobs 2`` vs 1 and 2 Dask workers vs 1 (wall time, the same input,
the same run), peak RSS, the other bench/*.py scripts (run with the same --limit), and with
``--memory`` the peak RSS of ``marsad process`` streaming growing prefixes of SaudiNewsNet to
JSONL. Results go to bench/results/<UTC time>.json; the table also shows the previous result.
The articles are spread over the whole dataset (``--sample spread``, the average article) unless
``--sample first`` asks for the first records of the first zip (long-form articles, as before).

SaudiNewsNet (CC BY-NC-SA) is used here for measurement only.
"""
from __future__ import annotations

import sys
from pathlib import Path

# bench/ is sys.path[0] when run as a script; a bench script named like a stdlib module would shadow it
# (which dask imports): take this directory off the path before anything else is imported.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import json
import os
import platform
import resource
import subprocess
import tempfile
import time

from marsad.api import RunSummary, process_pages
from marsad.ingest import RawPage, iter_pages, page_to_articles
from marsad.parallel import process_parallel
from marsad.pipeline import load_pipeline
from marsad.runtime import tune_gc

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "dataset"
RESULTS = ROOT / "bench" / "results"
OTHER_BENCHES = ("html_extraction", "store", "quotes", "events")
EXCLUDE = ("tokens", "subtokens")          # what `marsad process` writes by default


def zips() -> list[Path]:
    found = sorted(DATA.glob("*.zip"))
    if not found:
        sys.exit(f"SaudiNewsNet not found at {DATA} (see ../shared/data/README.md)")
    return found


def load_pages(limit: int, sample: str = "spread") -> list[RawPage]:
    """``spread``: every k-th of all 31,030 records, so the articles have the dataset's average
    length (1,734 characters for 500); ``first``: the first records of the first zip (long-form
    articles of one paper, 4,812 characters on average: the sample of results before 2026-11-25
    18:00)."""
    pages = []
    for item in iter_pages(str(z) for z in zips()):
        if isinstance(item, RawPage) and item.record and (item.record.get("content") or "").strip():
            pages.append(item)
            if sample == "first" and len(pages) >= limit:
                break
    if sample == "spread":
        pages = pages[::max(1, len(pages) // max(1, limit))][:limit]
    return pages


def write_jsonl(pages: list[RawPage], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for p in pages:
            fh.write(json.dumps({**p.record, "id": p.source}, ensure_ascii=False) + "\n")


def clocks():
    return time.perf_counter(), time.process_time()


def full_pipeline(pages: list[RawPage]) -> dict:
    """Read + segment + every component + JSON serialisation, one core."""
    pipeline = load_pipeline()
    list(process_pages(pages[:20], pipeline, RunSummary()))      # warm up: lazy resources
    w0, c0 = clocks()
    n = words = 0
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for art in process_pages(pages, pipeline, RunSummary()):
            sink.write(json.dumps(art.to_dict(exclude_layers=EXCLUDE), ensure_ascii=False))
            n += 1
            words += len(art.text.split())
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    return {"articles": n, "words": words, "cpu_s": cpu, "wall_s": wall,
            "articles_per_cpu_s": n / cpu, "articles_per_wall_s": n / wall,
            "words_per_cpu_s": words / cpu, "pipeline": pipeline.names}


def per_component(pages: list[RawPage]) -> dict[str, float]:
    """CPU ms/article of each stage alone, in pipeline order (each needs the earlier layers)."""
    pipeline = load_pipeline()
    list(process_pages(pages[:20], pipeline, RunSummary()))
    t0 = time.process_time()
    articles = [a for p in pages for a in page_to_articles(p)]
    out = {"read+segment": (time.process_time() - t0) * 1000 / len(articles)}
    for comp in pipeline.components:
        t0 = time.process_time()
        for a in articles:
            comp(a)
        out[comp.name] = (time.process_time() - t0) * 1000 / len(articles)
    t0 = time.process_time()
    for a in articles:
        json.dumps(a.to_dict(exclude_layers=EXCLUDE), ensure_ascii=False)
    out["serialize"] = (time.process_time() - t0) * 1000 / len(articles)
    return out


def jobs_speedup(path: Path) -> dict:
    out = {}
    for jobs in (1, 2):
        t0 = time.perf_counter()
        n = sum(1 for a in process_parallel([str(path)], jobs=jobs, drop_layers=EXCLUDE)
                if json.dumps(a.to_dict(exclude_layers=EXCLUDE)))
        out[f"jobs{jobs}_s"] = time.perf_counter() - t0
        out["articles"] = n
    out["speedup"] = out["jobs1_s"] / out["jobs2_s"]
    return out


def dask_speedup(path: Path, partition_size: int) -> dict:
    from distributed import Client

    from marsad.batch import run_batch
    from marsad.batch.partition import worker_pipeline
    from marsad.batch.runner import start_local_cluster
    out: dict = {}
    for workers in (1, 2):
        # the cluster `marsad batch --scheduler processes` starts, given to run_batch by address
        with start_local_cluster(workers) as cluster, \
                Client(cluster) as client, tempfile.TemporaryDirectory() as tmp:
            client.run(worker_pipeline, None)              # load resources before the clock
            t0 = time.perf_counter()
            result = run_batch([str(path)], out=tmp, scheduler=cluster.scheduler_address,
                               partition_size=partition_size)
            out[f"workers{workers}_s"] = time.perf_counter() - t0
            out["articles"] = result.summary.articles
    out["speedup"] = out["workers1_s"] / out["workers2_s"]
    return out


def memory_run(sizes: list[int]) -> list[dict]:
    """One `marsad process ALL_ZIPS --jobs 1` streaming JSONL into a pipe: the process's peak RSS
    (VmHWM) read when the output passes each size, so 5k/15k/31k come from the same run."""
    cmd = [str(ROOT / ".venv" / "bin" / "marsad"), "process", *map(str, zips()), "--jobs", "1"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    rows, lines, todo = [], 0, sorted(sizes)
    while chunk := proc.stdout.read(1 << 20):
        lines += chunk.count(b"\n")
        hwm = _vm_hwm_mb(proc.pid)
        while todo and lines >= todo[0]:
            rows.append({"articles": lines, "peak_rss_mb": hwm,
                         "wall_s": time.perf_counter() - t0})
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)   # partial results
            todo.pop(0)
        if not todo:                     # every size measured: a --limit style run stops here
            proc.terminate()
            break
    proc.wait()
    if todo or lines not in [r["articles"] for r in rows]:
        rows.append({"articles": lines, "peak_rss_mb": resource.getrusage(
            resource.RUSAGE_CHILDREN).ru_maxrss / 1024, "wall_s": time.perf_counter() - t0,
            "final": True})
    return rows


def _vm_hwm_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def other_benches(limit: int) -> dict[str, str]:
    out = {}
    for name in OTHER_BENCHES:
        script = ROOT / "bench" / f"{name}.py"
        if not script.exists():
            continue
        try:
            args = ["--limit", str(limit)] if "--limit" in script.read_text("utf-8") else [str(limit)]
            res = subprocess.run([sys.executable, str(script), *args], capture_output=True,
                                 text=True, timeout=900, cwd=ROOT)
            out[name] = (res.stdout.strip() or res.stderr.strip()[-800:])
        except subprocess.TimeoutExpired:
            out[name] = "timed out after 900 s"
    return out


def reference_ms() -> float:
    """CPU ms of a fixed pure-Python loop: how fast this machine is right now (contention on a
    shared machine slows CPU time too); compare it before comparing runs."""
    best = float("inf")
    for _ in range(5):
        t0 = time.process_time()
        sum(range(10**6))
        best = min(best, time.process_time() - t0)
    return best * 1000


def previous() -> dict | None:
    runs = sorted(p for p in RESULTS.glob("*.json") if not p.name.startswith("memory-"))
    return json.loads(runs[-1].read_text(encoding="utf-8")) if runs else None


def print_table(res: dict, prev: dict | None) -> None:
    def was(*keys):
        v = prev
        for k in keys:
            v = v.get(k) if isinstance(v, dict) else None
        return f"{v:,.1f}" if isinstance(v, (int, float)) else "-"

    f = res["full"]
    rows = [("full pipeline, articles/s per core (CPU)", f["articles_per_cpu_s"],
             was("full", "articles_per_cpu_s"), "goal >= 100"),
            ("full pipeline, articles/s (wall, this machine)", f["articles_per_wall_s"],
             was("full", "articles_per_wall_s"), ""),
            ("full pipeline, words/s per core (CPU)", f["words_per_cpu_s"],
             was("full", "words_per_cpu_s"), "goal ~50,000")]
    for name, ms in res["components"].items():
        rows.append((f"  {name}: ms/article (CPU) -> articles/s", 1000 / ms if ms else 0.0,
                     was("components_art_s", name), f"{ms:.2f} ms"))
    if "jobs" in res:
        rows.append(("--jobs 2 vs --jobs 1 (wall)", res["jobs"]["speedup"],
                     was("jobs", "speedup"), f"{res['jobs']['jobs1_s']:.1f}s / "
                     f"{res['jobs']['jobs2_s']:.1f}s"))
    if "dask" in res:
        rows.append(("2 Dask workers vs 1 (wall)", res["dask"]["speedup"],
                     was("dask", "speedup"), f"goal >= 1.7; {res['dask']['workers1_s']:.1f}s / "
                     f"{res['dask']['workers2_s']:.1f}s"))
    rows.append(("peak RSS of this benchmark process, MB", res["peak_rss_mb"],
                 was("peak_rss_mb"), "holds all pages in memory"))
    for m in res.get("memory", []):
        rows.append((f"streaming to JSONL, after {m['articles']:,} articles: peak RSS MB",
                     m["peak_rss_mb"], "-",
                     f"goal < 1024, flat; {m['articles'] / m['wall_s']:.0f} art/s wall"))
    print(f"\nmarsad bench  {res['time']}  commit {res['commit']}  {res['articles']} articles "
          f"({res.get('sample', 'first')}, {res.get('chars_per_article', 0):,.0f} chars each)  "
          f"load avg {res['loadavg_start']:.1f} -> {res['loadavg_end']:.1f} on {res['cpus']} cores; "
          f"reference loop {res['reference_ms']:.1f} ms CPU")
    print(f"pipeline: {', '.join(f['pipeline'])}\n")
    print(f"{'measure':58} {'value':>10} {'previous':>10}  note")
    for name, value, prev_v, note in rows:
        print(f"{name:58} {value:>10,.1f} {prev_v:>10}  {note}")
    for name, text in res.get("other", {}).items():
        print(f"\n--- bench/{name}.py ---\n{text}")


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=2000, help="articles for the speed sections")
    ap.add_argument("--quick", action="store_true", help="skip Dask and the other benchmarks")
    ap.add_argument("--sample", choices=("spread", "first"), default="spread",
                    help="articles spread over the whole dataset (average length) or the first ones")
    ap.add_argument("--memory", action="store_true", help="streaming RSS at --memory-sizes")
    ap.add_argument("--memory-sizes", default="5000,15000,31030")
    ap.add_argument("--memory-only", action="store_true", help="only the streaming RSS run")
    ap.add_argument("--no-save", action="store_true", help="do not write bench/results/")
    args = ap.parse_args(argv)
    # Measure what `marsad process` runs: the CLI and its workers tune the collector (see
    # marsad/runtime.py); without it the per-component rows charge the collector's scans of the
    # 300+ articles held here to whichever component allocates most (tokens.v1: ~2x).
    tune_gc()
    if args.memory_only:
        commit, pipeline = _commit(), load_pipeline().names   # what the subprocess will run
        rows = memory_run([int(s) for s in args.memory_sizes.split(",")])
        print(json.dumps(rows, indent=1))
        if not args.no_save:
            RESULTS.mkdir(parents=True, exist_ok=True)
            stamp = time.strftime("%Y-%m-%dT%H%M%SZ", time.gmtime())
            (RESULTS / f"memory-{stamp}.json").write_text(json.dumps(
                {"commit": commit, "pipeline": pipeline, "time": stamp, "memory": rows}, indent=1),
                encoding="utf-8")
        return {"memory": rows}
    res: dict = {"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                 "commit": _commit(), "cpus": os.cpu_count(), "python": platform.python_version(),
                 "loadavg_start": os.getloadavg()[0], "reference_ms": reference_ms()}
    pages = load_pages(args.limit, args.sample)
    res["articles"] = len(pages)
    res["sample"] = args.sample
    res["chars_per_article"] = sum(len(p.record.get("content") or "") for p in pages) / max(1, len(pages))
    res["full"] = full_pipeline(pages)
    res["components"] = per_component(pages)
    res["components_art_s"] = {k: 1000 / v for k, v in res["components"].items() if v}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.jsonl"
        write_jsonl(pages, path)
        res["jobs"] = jobs_speedup(path)
        if not args.quick:
            try:
                res["dask"] = dask_speedup(path, partition_size=max(10, len(pages) // 40))
            except Exception as exc:     # keep the rest of the table
                res["dask_error"] = f"{type(exc).__name__}: {exc}"
                print(f"Dask section failed: {res['dask_error']}", file=sys.stderr)
    res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.memory:
        res["memory"] = memory_run([int(s) for s in args.memory_sizes.split(",")])
    if not args.quick:
        res["other"] = other_benches(min(args.limit, 500))
    res["loadavg_end"] = os.getloadavg()[0]
    prev = previous()
    print_table(res, prev)
    if not args.no_save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        out = RESULTS / f"{res['time'].replace(':', '')}.json"
        out.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nsaved {out.relative_to(ROOT)}")
    return res


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, cwd=ROOT).stdout.strip()
    except OSError:
        return "?"


if __name__ == "__main__":
    main()
