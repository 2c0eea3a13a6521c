"""Speed of linking.v1 on SaudiNewsNet text (evaluation only; the corpus is never shipped).

    .venv/bin/python bench/linking.py [N]     (default N=1000 articles of ../shared/data/saudinewsnet)

Prints ms/article for linking.v1 alone (dictionary matcher + KB linking + titles; no NER in the
pipeline unless entities.v1 is registered, in which case its mentions are made first and not
timed) and, measured in the same run on the same articles, sentences.v1 + tokens.v1 as the
baseline ratio; plus KB load time and entities per article. Budget: the whole pipeline targets
100 articles/s, so linking should stay under ~2 ms/article.
"""
from __future__ import annotations

import sys
import time

from marsad.api import process_record
from marsad.pipeline import REGISTRY, Pipeline, create_component, load_pipeline

sys.path.insert(0, __import__("os").path.dirname(__file__))
from quotes import DATA, load_records  # noqa: E402  (same sampling as the quotes bench)


def timed(fn, articles) -> float:
    """CPU ms per article (process time: other load on the shared machine does not count)."""
    t0 = time.process_time()
    for a in articles:
        fn(a)
    return (time.process_time() - t0) * 1000 / max(1, len(articles))


def main(n: int = 1000) -> None:
    if not DATA.is_dir():
        sys.exit(f"SaudiNewsNet not found at {DATA}")
    names = ["sentences.v1", "tokens.v1"]
    base = load_pipeline(names)
    ner = load_pipeline(names + ["entities.v1"]) if "entities.v1" in REGISTRY else base
    articles = [a for r in load_records(n) for a in process_record(r, Pipeline([]))]
    for a in articles:
        ner(a)
    t0 = time.perf_counter()
    linker = create_component("linking.v1")
    linker(articles[0])                           # loads the KB and builds the matcher
    load_s = time.perf_counter() - t0
    base_ms = timed(base, articles)
    ms = timed(linker, articles)
    ents = sum(len(a.entities) for a in articles) / len(articles)
    linked = sum(1 for a in articles for e in a.entities if e.kb_id)
    total = sum(len(a.entities) for a in articles)
    print(f"{len(articles)} articles; NER in front: {'entities.v1' in REGISTRY}")
    print(f"KB load + matcher build: {load_s:.2f} s (once per process)")
    print(f"baseline sentences+tokens: {base_ms:.2f} ms/article")
    print(f"linking.v1: {ms:.2f} ms/article ({ms / base_ms:.2f}x the baseline; budget < 2 ms)")
    print(f"{ents:.1f} entities per article, {linked / max(1, total):.0%} with a KB id")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
