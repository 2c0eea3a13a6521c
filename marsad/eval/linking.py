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
import re
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


def oracle_predictions(gold_dir: Path, rows: list[dict]) -> dict[str, list[dict]]:
    """Predictions when the mentions are the gold forms (every occurrence, longest first): the
    linking score without NER errors. Articles go through sentences, tokens and linking.v1."""
    from ..api import process
    from ..components.linking import EntityLinker
    from ..pipeline import load_pipeline

    inputs = [str(p) for p in (G._seed_page(gold_dir), gold_dir / "dev.input.jsonl")
              if p is not None and p.exists()]
    base, linker = load_pipeline(["sentences.v1", "tokens.v1"]), EntityLinker()
    by_doc: dict[str, list] = {}
    for art in process(inputs, base):
        by_doc.setdefault(G._doc_key(art.meta.source), []).append(art)
    out: dict[str, list[dict]] = {}
    for doc, arts in by_doc.items():
        for pos, art in enumerate(arts):
            mine = [r for r in rows if r["doc"] == doc and r.get("article") in (pos + 1, None,
                                                                                "related")]
            if pos and any(r.get("article") is None for r in mine):
                mine = []
            art.set_layer("ents", _gold_spans(art, mine))
            out.setdefault(doc, []).append(linker(art).to_dict(exclude_layers=("tokens",
                                                                                "subtokens")))
    return out


def _gold_spans(art, rows: list[dict]):
    from ..document import Span
    from ..textmap import GOLD, normalize_view

    view = normalize_view(art.text, GOLD)
    forms = sorted({(S._n(f), r["type"], r.get("article") == "related") for r in rows
                    for f in r["forms"]}, key=lambda f: -len(f[0]))
    spans: list = []
    for form, etype, related in forms:
        for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", view.text):
            start, end = view.to_original_span(m.start(), m.end())
            if (art.region_of(start) == "related") != related:
                continue
            if not any(sp.start < end and start < sp.end for sp in spans):
                spans.append(Span(start, end, etype, f"g{len(spans) + 1}"))
    return spans


def _rows(c: dict[str, Any], label: str) -> list[dict[str, Any]]:
    ratio = S.ratio
    return [
        {"metric": f"{label}: linking accuracy (found entities)",
         "value": ratio(c["right"], c["found"]), "n": c["found"]},
        {"metric": f"{label}:   gold entity in KB: right id",
         "value": ratio(c["right_kb"], c["found_kb"]), "n": c["found_kb"]},
        {"metric": f"{label}:   gold entity NIL: left unlinked",
         "value": ratio(c["right_nil"], c["found_nil"]), "n": c["found_nil"]},
        {"metric": f"{label}: gold entities found", "value": ratio(c["found"], c["gold"]),
         "n": c["gold"]},
    ]


def run(data: str | None = None, limit: int | None = None, **_: Any) -> dict[str, Any]:
    gold_dir = _gold_dir(data)
    rows = load_gold(gold_dir)
    if limit:
        rows = rows[:limit]
    c = score(rows, G.predict(gold_dir))
    o = score(rows, oracle_predictions(gold_dir, rows))
    return {"title": "Entity linking (seed + dev, KB ids verified by hand)",
            "rows": _rows(c, "pipeline") + _rows(o, "gold mentions"),
            "summary": {"accuracy": S.ratio(c["right"], c["found"]),
                        "accuracy_kb": S.ratio(c["right_kb"], c["found_kb"]),
                        "accuracy_gold_mentions": S.ratio(o["right"], o["found"]),
                        "found": c["found"], "gold": c["gold"], "misses": c["misses"],
                        "misses_gold_mentions": o["misses"]}}


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(run(), ensure_ascii=False, indent=1))
