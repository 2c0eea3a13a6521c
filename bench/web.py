"""Loopback load test of the web reader: requests/s and latency of the article and search views.

    .venv/bin/python bench/web.py [--db ARCHIVE] [--articles 300] [--requests 300] [--clients 4]

Without ``--db`` it builds an archive from the example page and ``--articles`` SaudiNewsNet
records spread over the first days' sources (../shared/data, evaluation only, never shipped). The server runs as a
separate process (``marsad serve``) on 127.0.0.1 with a free port; clients are threads with
keep-alive connections. Each view gets at most ``--requests`` requests and ``--seconds`` of
wall time. Prints, per view: requests, errors, req/s, p50 and p95 latency, and the ratio of
its req/s to a static-file baseline measured in the same run (the server's floor cost).
"""
from __future__ import annotations

import sys
from pathlib import Path

# bench/ holds html.py (another benchmark), which would shadow the standard library's html.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import json
import random
import socket
import subprocess
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor

import httpx

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "dataset"
EXAMPLE = ROOT / "marsad" / "examples" / "asharq_alawsat_putin_kim.txt"
QUERIES = ["السعودية", "وزير الخارجية", "إيران", "الرياض", "النفط", "الأمم المتحدة", "Putin",
           "الملك سلمان", "داعش", "الاتفاق النووي", "اليمن", "مجلس الأمن", "وزارة الصحة"]


def build_archive(n: int, path: Path) -> str:
    from marsad.web.demo import build_demo_db
    records = path.parent / "records.jsonl"
    with records.open("w", encoding="utf-8") as out:
        left = n
        for zpath in sorted(DATA.glob("*.zip")):
            with zipfile.ZipFile(zpath) as zf:
                data = json.loads(zf.read(zf.namelist()[0]))
                for rec in data[::max(1, len(data) // left)][:left]:   # spread over sources
                    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    left -= 1
            if left <= 0:
                break
    return build_demo_db(path, [str(EXAMPLE), str(records)])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", db, "--port",
                             str(port), "--host", "127.0.0.1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(base + "/api/stories", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise SystemExit("the reader did not start")


def hammer(base: str, paths: list[str], clients: int, seconds: float) -> dict:
    """GET each path once (in order, spread over ``clients`` threads) within ``seconds``."""
    deadline = time.perf_counter() + seconds
    chunks = [paths[i::clients] for i in range(clients)]

    def run(chunk: list[str]) -> list[tuple[float, bool]]:
        out = []
        with httpx.Client(base_url=base, timeout=30) as client:
            for path in chunk:
                if time.perf_counter() > deadline:
                    break
                t = time.perf_counter()
                ok = client.get(path).status_code == 200
                out.append((time.perf_counter() - t, ok))
        return out

    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = [r for chunk in pool.map(run, chunks) for r in chunk]
    wall = time.perf_counter() - t0
    lat = sorted(t for t, _ in results)
    pct = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000 if lat else float("nan")  # noqa: E731
    return {"requests": len(results), "errors": sum(not ok for _, ok in results),
            "rps": len(results) / wall if wall else 0.0, "p50_ms": pct(0.50), "p95_ms": pct(0.95)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db")
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=30.0)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="marsad-bench-web-"))
    t = time.perf_counter()
    db = args.db or build_archive(args.articles, tmp / "bench.sqlite")
    print(f"archive: {db} (built in {time.perf_counter() - t:.1f}s)" if not args.db else db)
    proc, base = start_server(db)
    try:
        ids = [a["id"] for a in httpx.get(base + "/api", params={"per_page": 100}).json()["articles"]]
        rnd = random.Random(0)
        views = {"static (baseline)": ["/static/style.css"] * args.requests,
                 "article": [f"/articles/{rnd.choice(ids)}" for _ in range(args.requests)],
                 "article JSON": [f"/api/articles/{rnd.choice(ids)}" for _ in range(args.requests)],
                 "search": [f"/search?q={rnd.choice(QUERIES)}" for _ in range(args.requests)],
                 "search JSON": [f"/api/search?q={rnd.choice(QUERIES)}" for _ in range(args.requests)]}
        rows = {name: hammer(base, paths, args.clients, args.seconds) for name, paths in views.items()}
    finally:
        proc.terminate()
        proc.wait(10)
    floor = rows["static (baseline)"]["rps"] or 1.0
    print(f"{'view':<18}{'requests':>9}{'errors':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'vs static':>11}")
    for name, r in rows.items():
        print(f"{name:<18}{r['requests']:>9}{r['errors']:>8}{r['rps']:>9.1f}{r['p50_ms']:>9.1f}"
              f"{r['p95_ms']:>9.1f}{r['rps'] / floor:>11.2f}")
    if any(r["errors"] for r in rows.values()):
        raise SystemExit("errors during the load test")


if __name__ == "__main__":
    main()
