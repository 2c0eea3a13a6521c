"""``marsad eval linking``: share of found gold entities whose predicted entity has the right KB id.

Gold: ``marsad/eval/data/linking_gold.jsonl`` (doc, article, entity, type, kb_id): one line per
entity of ``shared/gold/seed.entities.jsonl`` and ``dev.entities.jsonl``, with the KB id checked
by hand (``null`` = the referent is not in the KB, so the right prediction is no id). An entity
is FOUND as in the entity scorer (a predicted entity of a lenient-compatible type has a mention
equal to one of the gold forms); the prediction is RIGHT when that entity's ``kb_id`` equals the
gold id (both null counts as right: a NIL entity kept unlinked).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import gold as G
from . import scorers as S

GOLD_FILE = Path(__file__).resolve().parent / "data" / "linking_gold.jsonl"
ROOT = Path(__file__).resolve().parents[2]


def _gold_dir(data: str | None) -> Path:
    if data:
        p = Path(data)
        for cand in (p, p / "gold", p.parent / "gold"):
            if (cand / "seed.entities.jsonl").exists():
                return cand
    return ROOT.parent / "shared" / "gold"


def load_gold(gold_dir: Path) -> list[dict[str, Any]]:
    """Linking gold rows joined with the forms of the entity gold."""
    forms = {}
    for split in ("seed", "dev"):
        for g in G.read_jsonl(gold_dir / f"{split}.entities.jsonl"):
            forms[(g["doc"], str(g.get("article")), g["entity"])] = g["forms"]
    rows = []
    for r in G.read_jsonl(GOLD_FILE):
        key = (r["doc"], str(r.get("article")), r["entity"])
        if key in forms:
            rows.append({**r, "forms": forms[key]})
    return rows


def _best_hit(row: dict, preds: list[tuple[dict, list[str]]]) -> dict | None:
    forms = {S._n(f) for f in row["forms"]}
    best, best_n = None, 0
    for ent, mentions in preds:
        if not S._type_ok(row["type"], ent.get("type", ""), True):
            continue
        n = sum(1 for m in mentions if S.mention_variants(m) & forms)
        if n > best_n:
            best, best_n = ent, n
    return best


def score(rows: list[dict], preds: dict[str, list[dict]]) -> dict[str, Any]:
    counts = {"gold": len(rows), "found": 0, "right": 0, "found_kb": 0, "right_kb": 0,
              "found_nil": 0, "right_nil": 0}
    misses = []
    for row in rows:
        arts, unit = G._units(row, preds)
        hit = _best_hit(row, G._entities_in(arts, unit))
        if hit is None:
            continue
        ok = hit.get("kb_id") == row["kb_id"]
        part = "kb" if row["kb_id"] else "nil"
        counts["found"] += 1
        counts["right"] += ok
        counts[f"found_{part}"] += 1
        counts[f"right_{part}"] += ok
        if not ok:
            misses.append({"entity": row["entity"], "gold": row["kb_id"],
                           "predicted": hit.get("kb_id"), "name": hit.get("name")})
    return {**counts, "misses": misses}


def run(data: str | None = None, limit: int | None = None, **_: Any) -> dict[str, Any]:
    gold_dir = _gold_dir(data)
    rows = load_gold(gold_dir)
    if limit:
        rows = rows[:limit]
    preds = G.predict(gold_dir)
    c = score(rows, preds)
    ratio = S.ratio
    table = [
        {"metric": "linking accuracy (found entities)", "value": ratio(c["right"], c["found"]),
         "n": c["found"]},
        {"metric": "  gold entity in KB: right id", "value": ratio(c["right_kb"], c["found_kb"]),
         "n": c["found_kb"]},
        {"metric": "  gold entity NIL: left unlinked", "value": ratio(c["right_nil"],
                                                                      c["found_nil"]),
         "n": c["found_nil"]},
        {"metric": "gold entities found", "value": ratio(c["found"], c["gold"]), "n": c["gold"]},
    ]
    return {"title": "Entity linking (seed + dev, KB ids verified by hand)", "rows": table,
            "summary": {"accuracy": ratio(c["right"], c["found"]),
                        "accuracy_kb": ratio(c["right_kb"], c["found_kb"]),
                        "found": c["found"], "gold": c["gold"], "misses": c["misses"]}}


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(run(), ensure_ascii=False, indent=1))
