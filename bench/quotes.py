"""Speed of quotes.v1 on SaudiNewsNet text (evaluation only; the corpus is never shipped).

    .venv/bin/python bench/quotes.py [N]     (default N=1000 articles of ../shared/data/saudinewsnet)

Prints CPU ms/article (best of 3 rounds) for quotes.v1 alone and, measured in the same run on the same articles,
sentences.v1 + tokens.v1 as the baseline ratio, plus quotes per article. Target: < 2 ms/article.
Articles are drawn evenly from every day's zip so all 14 papers are in the sample.
"""
from __future__ import annotations

import json
import sys
import time
import zipfile
from pathlib import Path

from marsad.api import process_record
from marsad.pipeline import Pipeline, create_component, load_pipeline

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "saudinewsnet" / "dataset"


def load_records(n: int) -> list[dict]:
    zips = sorted(DATA.glob("*.zip"))
    per_zip = max(1, n // max(1, len(zips)))
    out: list[dict] = []
    for zpath in zips:
        with zipfile.ZipFile(zpath) as z:
            recs = [r for name in z.namelist() for r in json.loads(z.read(name))]
        step = max(1, len(recs) // per_zip)
        for i in range(0, len(recs), step)[:per_zip]:
            rec = recs[i]
            if not ((rec.get("title") or "").strip() or (rec.get("content") or "").strip()):
                continue
            out.append({"id": f"{zpath.stem}#{i}", "title": rec.get("title") or "",
                        "content": rec.get("content") or ""})
    return out[:n]


def timed(fn, articles, rounds: int = 3) -> float:
    """CPU ms per article, best of ``rounds`` (CPU time, because the machine may be shared)."""
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        for a in articles:
            fn(a)
        best = min(best, time.process_time() - t0)
    return best * 1000 / max(1, len(articles))


def main(n: int = 1000) -> None:
    if not DATA.is_dir():
        sys.exit(f"SaudiNewsNet not found at {DATA}")
    base = load_pipeline(["sentences.v1", "tokens.v1"])
    articles = [a for r in load_records(n) for a in process_record(r, Pipeline([]))]
    for a in articles:
        base(a)
    quotes = create_component("quotes.v1")
    for a in articles[:20]:                      # warm up (lexicon load)
        quotes(a)
    chars = sum(len(a.text) for a in articles) / len(articles)
    base_ms = timed(base, articles)
    ms = timed(quotes, articles)
    found = sum(len(a.layer("quotes")) for a in articles)
    print(f"{len(articles)} articles, {chars:.0f} chars on average, "
          f"{found / len(articles):.2f} quotes per article")
    print(f"baseline sentences+tokens: {base_ms:.2f} ms/article")
    print(f"quotes.v1: {ms:.2f} ms/article ({ms / base_ms:.2f}x the baseline; target < 2 ms)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
