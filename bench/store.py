"""Archive benchmark on SaudiNewsNet: ingest throughput, DB size, search latency, dedup, stories.

    .venv/bin/python bench/store.py                       # all 31,030 articles, SQLite + PostgreSQL
    .venv/bin/python bench/store.py --limit 2000 --backends sqlite
    .venv/bin/python bench/store.py --dedup-eval --db /tmp/snn.sqlite   # precision vs the gold

Ingest runs a light pipeline by default (segmentation + sentences; pass --pipeline to change it)
so the numbers measure the store, not the NLP components. PostgreSQL: --pg-url, or a throw-away
server started from Debian's postgresql binaries (as the `postgres` user) for the run.
Search latency: a fixed mix of 200 queries (150 Arabic incl. clitic/hamza variants and pairs,
some with filters; 50 English names), page 1 of 20 with total and snippets; p50/p95 in ms.
Prints a table and writes JSON (--out).
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# bench/ holds modules named like the standard library (html.py); drop it from the path
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from marsad.api import RunSummary, process  # noqa: E402
from marsad.pipeline import load_pipeline  # noqa: E402
from marsad.store import Store  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "dataset"
GOLD = ROOT / "marsad" / "eval" / "data" / "dedup_gold.jsonl"
PG_BIN = Path("/usr/lib/postgresql/15/bin")

ARABIC = ["الملك", "ولي العهد", "وزير الخارجية", "الحوثيين", "اليمن", "إيران", "الاتفاق النووي",
          "داعش", "الإرهاب", "تفجير", "مسجد", "الهلال", "النصر", "الاتحاد", "الدوري", "أرامكو",
          "النفط", "أسعار", "الأسهم", "السوق", "البطالة", "الإسكان", "وزارة الصحة", "كورونا",
          "التعليم", "الجامعة", "الطلاب", "الحج", "العمرة", "مكة", "المدينة المنورة", "جدة",
          "الرياض", "الدمام", "المرور", "الأمطار", "الطقس", "أمير منطقة", "مجلس الوزراء",
          "الأمم المتحدة", "سوريا", "الأسد", "مصر", "السيسي", "تركيا", "أوباما", "روسيا",
          "بوتين", "العراق", "لبنان"]
VARIANTS = ["والملك", "بالرياض", "للطلاب", "وزاره الصحه", "ايران", "الاسهم", "فالنفط",
            "بالحوثيين", "الامطار", "مكه", "والاتحاد", "للهلال", "بالجامعه", "امير منطقه",
            "الأممُ المتحدةُ", "ســوريا", "لمصر", "والعراق", "بلبنان", "الاتفاق النووى"]
ENGLISH = ["Putin", "Obama", "Salman", "Riyadh", "Iran", "Yemen", "Houthi", "Aramco", "Syria",
           "Assad", "Egypt", "Sisi", "Turkey", "Erdogan", "Iraq", "Lebanon", "Hezbollah",
           "ISIS", "Mecca", "Jeddah", "Kerry", "Zarif", "Qatar", "Kuwait", "Bahrain"]


def query_mix() -> list[tuple[str, dict]]:
    """The fixed 200: 50 single, 20 variant, 50 pairs, 30 filtered Arabic; 50 English."""
    qs: list[tuple[str, dict]] = [(q, {}) for q in ARABIC]
    qs += [(q, {}) for q in VARIANTS]
    pairs = list(itertools.combinations(ARABIC[:12], 2))[:50]
    qs += [(f"{a} {b}", {}) for a, b in pairs]
    sources = ["alriyadh", "okaz", "aawsat", "sabq", "alyaum"]
    qs += [(ARABIC[i], {"source": [sources[i % 5]]} if i % 2 else
            {"date_from": "2015-07-25", "date_to": "2015-08-01"}) for i in range(30)]
    qs += [(q, {}) for q in ENGLISH] + [(q, {"source": ["aawsat"]}) for q in ENGLISH]
    assert len(qs) == 200
    return qs


@contextmanager
def temp_postgres():
    """A throw-away PostgreSQL server on a Unix socket (run as the postgres user)."""
    root = Path(tempfile.mkdtemp(prefix="marsad-bench-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    shutil.chown(root, "postgres")
    shutil.chown(sock, "postgres")
    run = lambda *c: subprocess.run(["runuser", "-u", "postgres", "--", *c], check=True,  # noqa
                                    capture_output=True)
    run(str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
        "--locale=C.UTF-8")
    run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-o",
        f"-k {sock} -c listen_addresses=''", "start")
    try:
        run(str(PG_BIN / "createdb"), "-h", str(sock), "-U", "postgres", "bench")
        yield f"postgresql://postgres@/bench?host={sock}"
    finally:
        subprocess.run(["runuser", "-u", "postgres", "--", str(PG_BIN / "pg_ctl"), "-D",
                        str(data), "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def db_size(store: Store, url: str) -> int:
    from sqlalchemy import text
    with store.engine.connect() as conn:
        if store.backend == "sqlite":
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            return os.path.getsize(url)
        return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar())


def bench_ingest(store: Store, limit: int | None, names: list[str]) -> dict:
    pipeline = load_pipeline(names)
    summary = RunSummary()
    arts = itertools.islice(process(sorted(str(p) for p in DATA.glob("*.zip")), pipeline, summary),
                            limit)
    t = time.perf_counter()
    res = store.add_articles(arts, pipeline=names, command="bench")
    secs = time.perf_counter() - t
    return {"articles": res.written, "seconds": round(secs, 1),
            "articles_per_s": round(res.written / secs, 1) if secs else None}


def bench_search(store: Store) -> dict:
    lat, facet_lat, hits = [], [], 0
    for q, f in query_mix():
        t = time.perf_counter()
        res = store.search(q, f, per_page=20)
        lat.append((time.perf_counter() - t) * 1000)
        hits += res.total > 0
    for q, f in query_mix()[:50]:
        t = time.perf_counter()
        store.facets(q, f)
        facet_lat.append((time.perf_counter() - t) * 1000)
    return {"queries": len(lat), "with_results": hits, "p50_ms": round(_pct(lat, 50), 1),
            "p95_ms": round(_pct(lat, 95), 1), "facets_p50_ms": round(_pct(facet_lat, 50), 1),
            "facets_p95_ms": round(_pct(facet_lat, 95), 1)}


def _pct(xs: list[float], p: int) -> float:
    return statistics.quantiles(xs, n=100, method="inclusive")[p - 1] if len(xs) > 1 else xs[0]


def bench_dedup(store: Store) -> dict:
    n = store.count()
    t = time.perf_counter()
    counts = store.dedup()
    d = time.perf_counter() - t
    t = time.perf_counter()
    st = store.build_stories()
    s = time.perf_counter() - t
    return {"dedup_seconds": round(d, 1), "dedup_articles_per_s": round(n / d, 1),
            "exact": counts["exact"], "near": counts["near"], "stories_seconds": round(s, 1),
            "stories": st["stories"], "multi_article_stories": st["multi_article_stories"]}


def run_backend(name: str, url: str, args) -> dict:
    store = Store.open(url)
    row = {"backend": name}
    row |= bench_ingest(store, args.limit, [n for n in args.pipeline.split(",") if n])
    row["db_mb"] = round(db_size(store, url) / 1e6, 1)
    row |= bench_search(store)
    if not args.no_dedup:
        row |= bench_dedup(store)
    store.close()
    return row


def dedup_eval(url: str) -> dict:
    """Precision of near-duplicate pairs and story clusters against the hand-checked gold."""
    from marsad.store.dedup import load_docs, near_duplicate_pairs
    gold = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    store = Store.open(url)
    docs, firsts = load_docs(store.engine), {}
    for d in docs:                      # as Store.dedup: exact copies are not near pairs
        firsts.setdefault(d.content_hash, d)
    pairs = {(a, b) for a, b, _ in near_duplicate_pairs(list(firsts.values()))}
    judged = [g for g in gold if g["kind"] == "near_pair"]
    found = [g for g in judged if tuple(sorted((g["a"], g["b"]))) in pairs]
    good = [g for g in found if g["same"]]
    clusters = [g for g in gold if g["kind"] == "story"]
    members = sum(len(g["members"]) for g in clusters)
    correct = sum(len(g["members"]) - len(g["wrong"]) for g in clusters)
    store.close()
    return {"pairs_judged": len(judged), "pairs_predicted_now": len(found),
            "pair_precision": round(len(good) / len(found), 3) if found else None,
            "stories_judged": len(clusters), "story_members_judged": members,
            "story_member_precision": round(correct / members, 3) if members else None,
            "pure_stories": sum(1 for g in clusters if not g["wrong"])}


def print_table(rows: list[dict]) -> None:
    keys = list(dict.fromkeys(k for r in rows for k in r))
    width = max(len(k) for k in keys)
    print(f"{'':{width}}  " + "  ".join(f"{r['backend']:>12}" for r in rows))
    for k in keys[1:]:
        print(f"{k:{width}}  " + "  ".join(f"{str(r.get(k, '-')):>12}" for r in rows))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="articles to ingest (default all)")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--pipeline", default="sentences.v1", help="components run before storing")
    ap.add_argument("--pg-url", default=None, help="existing empty PostgreSQL database")
    ap.add_argument("--no-dedup", action="store_true")
    ap.add_argument("--out", default=str(ROOT / "bench" / "store_results.json"))
    ap.add_argument("--dedup-eval", action="store_true", help="score dedup/stories vs the gold")
    ap.add_argument("--db", default=None, help="with --dedup-eval: an archive of SaudiNewsNet")
    args = ap.parse_args()
    if args.dedup_eval:
        print(json.dumps(dedup_eval(args.db), indent=1))
        return
    rows = []
    tmp = Path(tempfile.mkdtemp(prefix="marsad-bench-"))
    try:
        for backend in args.backends.split(","):
            if backend == "sqlite":
                rows.append(run_backend("sqlite", str(tmp / "bench.sqlite"), args))
            elif args.pg_url:
                rows.append(run_backend("postgresql", args.pg_url, args))
            elif (PG_BIN / "initdb").exists():
                with temp_postgres() as url:
                    rows.append(run_backend("postgresql", url, args))
            else:
                print("postgresql: binaries not found, skipped", file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print_table(rows)
    Path(args.out).write_text(json.dumps({"limit": args.limit, "pipeline": args.pipeline,
                                          "rows": rows}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
