"""Score ``dates.v1`` against a small hand-checked date gold (``marsad eval dates``).

``marsad/eval/data/dates_gold.jsonl``: one line per date expression, ``doc`` (the seed page or a
dev article id of ../shared/gold/dev.input.jsonl), ``published`` (the reference date used: the
SaudiNewsNet day of the article; null for the seed page, which carries none), ``surface`` (exact
text, the k-th line with the same surface in a doc is its k-th occurrence) and the expected ISO
``value`` (null: must stay unresolved). Each value was checked by hand against the text and, for
news events, against the known date of the event (see ``note``).

A gold expression is FOUND when a predicted DATE span overlaps its occurrence; RIGHT when found
and the predicted value equals the expected one. Reported: share right (goal >= 0.95), found,
and predicted spans that match no gold expression (listed as ``extra``; the gold lists the
expressions a reader would call dates, so these are likely false positives).
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..components.dates import find_dates

GOLD = Path(__file__).resolve().parent / "data" / "dates_gold.jsonl"
SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED_DOC = "000_1db56f28e93c3289.txt"


def load_texts(shared: Path) -> dict[str, list[str]]:
    """doc -> texts (the seed page gives one text per article, the dev records one each)."""
    from ..api import process
    from ..pipeline import load_pipeline
    texts: dict[str, list[str]] = {}
    seed = shared / "seed" / SEED_DOC
    if seed.is_file():
        texts[SEED_DOC] = [a.text for a in process([str(seed)], load_pipeline([]))]
    dev = shared / "gold" / "dev.input.jsonl"
    if dev.is_file():
        for line in dev.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            texts[rec["id"]] = [(rec.get("title") or "") + "\n\n" + rec["content"]]
    return texts


def _occurrences(texts: list[str], surface: str) -> list[tuple[int, int, int]]:
    """Occurrences as whole words (a glued و/ب/ل/ف clitic allowed: و2014)."""
    pat = re.compile(r"(?<![\w])[وفبل]?(" + re.escape(surface) + r")(?![\w])")
    return [(t, m.start(1), m.end(1)) for t, text in enumerate(texts) for m in pat.finditer(text)]


def _claimed_occurrences(items: list[dict], texts: list[str]) -> dict[str, list[tuple[int, int, int]]]:
    """Occurrences per surface, without those inside a longer gold surface (أمس in أمس الأربعاء)."""
    out: dict[str, list[tuple[int, int, int]]] = {}
    taken: list[tuple[int, int, int]] = []
    for surface in sorted({g["surface"] for g in items}, key=len, reverse=True):
        occ = [o for o in _occurrences(texts, surface)
               if not any(o[0] == t and o[1] < b and a < o[2] for t, a, b in taken)]
        out[surface] = occ
        taken += occ
    return out


def score(gold: list[dict], texts: dict[str, list[str]]) -> dict[str, Any]:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        by_doc[g["doc"]].append(g)
    n = found = right = 0
    extra: list[str] = []
    misses: list[dict] = []
    for doc, items in by_doc.items():
        docs = texts.get(doc)
        if docs is None:
            continue
        preds = [find_dates(t, items[0].get("published")) for t in docs]
        used: set[tuple[int, int]] = set()
        seen: dict[str, int] = defaultdict(int)
        claimed = _claimed_occurrences(items, docs)
        for g in items:
            n += 1
            occ = claimed[g["surface"]]
            k = seen[g["surface"]]
            seen[g["surface"]] += 1
            if k >= len(occ):
                misses.append({"doc": doc, "surface": g["surface"], "why": "surface not in text"})
                continue
            t, a, b = occ[k]
            hit = next((s for s in preds[t] if s.start < b and a < s.end), None)
            if hit is None:
                misses.append({"doc": doc, "surface": g["surface"], "why": "not found"})
                continue
            found += 1
            used.add((t, hit.start))
            if hit.attrs.get("value") == g["value"]:
                right += 1
            else:
                misses.append({"doc": doc, "surface": g["surface"], "expected": g["value"],
                               "got": hit.attrs.get("value")})
        extra += [f"{doc}: {docs[t][s.start:s.end]}" for t, ps in enumerate(preds) for s in ps
                  if (t, s.start) not in used]
    return {"gold": n, "found": found, "right": right, "extra_predicted": len(extra),
            "extra": extra,
            "accuracy": round(right / n, 3) if n else 0.0, "misses": misses}


def run(data: str | None = None, limit: int | None = None, **_: Any) -> dict[str, Any]:
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = gold[:limit] if limit else gold
    res = score(gold, load_texts(Path(data) if data else SHARED))
    rows = [{"metric": "dates normalised right", "value": res["accuracy"]},
            {"metric": "gold expressions", "value": res["gold"]},
            {"metric": "found", "value": res["found"]},
            {"metric": "right", "value": res["right"]},
            {"metric": "predicted spans not in the gold", "value": res["extra_predicted"]}]
    return {"title": f"dates.v1 on {GOLD.name} (seed page + dev articles)", "rows": rows,
            "summary": {"accuracy": res["accuracy"],
                        "misses": "; ".join(f"{m['surface']} ({m.get('why') or m.get('got')})"
                                            for m in res["misses"]) or "none"},
            "misses": res["misses"], "extra": res["extra"]}
