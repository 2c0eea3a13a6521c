"""Speed of dates.v1 + quantities.v1 + events.v1 on SaudiNewsNet text (evaluation only).

    .venv/bin/python bench/events.py [N]     (default N=500 articles of ../shared/data/saudinewsnet)

The N articles are spread evenly over the whole dataset (every k-th of the 31,030 records, all
14 papers), so their length is the average article's; the components run after the default
pipeline's sentences, tokens, entities, linking and quotes, as in production. Prints CPU
ms/article (process time) for the three components together and each alone, and, measured in
the same run on the same articles, sentences.v1 + tokens.v1 as the baseline ratio. Target:
< 3 ms per average article.
"""
from __future__ import annotations

import json
import sys
import time
import zipfile
from pathlib import Path

from marsad.api import process_record
from marsad.pipeline import create_component, load_pipeline

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "saudinewsnet" / "dataset"


def load_records(n: int) -> list[dict]:
    """n records spread evenly over all zips (every k-th non-empty record), in dataset order."""
    out: list[dict] = []
    for zpath in sorted(DATA.glob("*.zip")):
        with zipfile.ZipFile(zpath) as z:
            for name in z.namelist():
                for i, rec in enumerate(json.loads(z.read(name))):
                    if (rec.get("title") or "").strip() or (rec.get("content") or "").strip():
                        out.append({"id": f"{zpath.stem}#{i}", "title": rec.get("title") or "",
                                    "content": rec.get("content") or "",
                                    "published": rec.get("date_extracted")})
    step = max(1, len(out) // max(1, n))
    return out[::step][:n]


def timed(fn, articles) -> float:
    """CPU ms per article (process time: the shared machine's load does not count)."""
    t0 = time.process_time()
    for a in articles:
        fn(a)
    return (time.process_time() - t0) * 1000 / max(1, len(articles))


def main(n: int = 500) -> None:
    if not DATA.is_dir():
        sys.exit(f"SaudiNewsNet not found at {DATA}")
    base = load_pipeline(["sentences.v1", "tokens.v1"])
    before = load_pipeline(["sentences.v1", "tokens.v1", "entities.v1", "linking.v1", "quotes.v1"])
    articles = [a for r in load_records(n) for a in process_record(r, None)]
    for a in articles:
        before(a)
    comps = {name: create_component(name) for name in ("dates.v1", "quantities.v1", "events.v1")}
    for a in articles[:20]:                      # warm up (lexicon load, regex compile)
        for c in comps.values():
            c(a)
    chars = sum(len(a.text) for a in articles) / len(articles)
    t0 = time.process_time()
    for _ in range(20):
        sum(range(10 ** 6))
    ref_ms = (time.process_time() - t0) * 1000 / 20
    base_ms = timed(base, articles)
    # each alone recomputes the normalised view (cached only for consecutive calls on one text)
    each = {name: timed(c, articles) for name, c in comps.items()}
    total = timed(lambda a: [c(a) for c in comps.values()], articles)
    events = sum(len(a.layer("events")) for a in articles)
    print(f"{len(articles)} articles, {chars:.0f} chars on average, {events} events")
    print(f"baseline sentences+tokens: {base_ms:.2f} ms/article")
    for name, ms in each.items():
        print(f"{name:14} {ms:.2f} ms/article")
    print(f"dates+quantities+events: {total:.2f} ms/article "
          f"({total / base_ms:.2f}x the baseline; target < 3 ms)")
    print(f"machine reference: sum(range(10**6)) = {ref_ms:.1f} ms CPU in this run "
          f"(the events total is {total / ref_ms:.2f} of these); on a shared, loaded machine "
          "compare this reference before comparing ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
