"""``marsad eval GOLD_DIR``: score page structure, quotes, entities and events against the gold.

Predictions come from running the pipeline on the seed page (``GOLD_DIR/../seed/<doc>``) and on
``dev.input.jsonl``, or from a JSONL file of ``marsad process`` output (``--pred``). Scoring
follows ``GOLD_DIR/FORMAT.md``; see :mod:`marsad.eval.scorers`.

Scoring units: a seed gold record's ``article`` is 1, 2 (the stories in page order) or
``"related"`` (the related-articles rail, whichever story it was printed under); a dev record's
``doc`` is the input record's id.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

from ..errors import InputError
from . import scorers as S

SEED_FILES = ("seed.page.json", "seed.quotes.jsonl", "seed.entities.jsonl", "seed.events.jsonl")


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def predict(gold_dir: Path, pipeline=None) -> dict[str, list[dict]]:
    """Run marsad on the seed page and the dev inputs: source -> article dicts in page order."""
    from ..api import RunSummary, process
    from ..pipeline import load_pipeline

    pipeline = pipeline or load_pipeline()
    inputs = []
    page = _seed_page(gold_dir)
    if page is not None:
        inputs.append(str(page))
    dev = gold_dir / "dev.input.jsonl"
    if dev.exists():
        inputs.append(str(dev))
    out: dict[str, list[dict]] = defaultdict(list)
    summary = RunSummary()
    for art in process(inputs, pipeline, summary):
        out[_doc_key(art.meta.source)].append(art.to_dict(exclude_layers=("tokens", "subtokens")))
    if summary.errors:
        raise InputError("E040", f"gold inputs failed: {summary.errors[0]}", source=str(gold_dir))
    return out


def load_predictions(path: Path) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for rec in read_jsonl(path):
        out[_doc_key(rec.get("source", ""))].append(rec)
    for arts in out.values():
        arts.sort(key=lambda a: a.get("position", 0))
    return out


def _doc_key(source: str) -> str:
    return Path(source).name if source.endswith(".txt") else source


def _seed_page(gold_dir: Path) -> Path | None:
    page = gold_dir / "seed.page.json"
    if not page.exists():
        return None
    doc = json.loads(page.read_text(encoding="utf-8"))["doc"]
    for cand in (gold_dir.parent / "seed" / doc, gold_dir / doc):
        if cand.exists():
            return cand
    raise InputError("E041", f"seed page {doc} not found next to the gold",
                     f"put it in {gold_dir.parent / 'seed'}", source=str(gold_dir))


# ----------------------------------------------------------------------------- units
def _entity_index(arts: Iterable[dict]) -> dict[str, dict]:
    return {f"{a['id']}:{e['id']}": e for a in arts for e in a.get("entities", [])}


def _quotes_in(arts: list[dict], unit: str) -> list[dict]:
    out = []
    for a in arts:
        for q in S.in_unit(a, a.get("quotes", []), unit):
            sp = dict(q.get("speaker") or {})
            if sp.get("entity_id"):
                sp["entity_id"] = f"{a['id']}:{sp['entity_id']}"
            out.append({**q, "speaker": sp})
    return out


def _entities_in(arts: list[dict], unit: str) -> list[tuple[dict, list[str]]]:
    out = []
    for a in arts:
        for e in a.get("entities", []):
            ms = [m["text"] for m in e.get("mentions", []) if S.unit_of(a, m["start"]) == unit]
            if ms:
                out.append((e, ms))
    return out


def _units(gold_rec: dict, preds: dict[str, list[dict]]) -> tuple[list[dict], str]:
    arts = preds.get(gold_rec["doc"], [])
    art = gold_rec.get("article")
    if art == "related":
        return arts, "related"
    if isinstance(art, int):
        return (arts[art - 1:art] if len(arts) >= art else []), "main"
    return arts[:1], "main"


def _group(records: list[dict]) -> dict[tuple, list[dict]]:
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in records:
        groups[(r["doc"], str(r.get("article", "")))].append(r)
    return groups


# ----------------------------------------------------------------------------- scoring
def score_quotes(gold: list[dict], preds: dict[str, list[dict]]) -> S.QuoteCounts:
    total = S.QuoteCounts()
    docs_seen = set()
    for _, recs in _group(gold).items():
        arts, unit = _units(recs[0], preds)
        docs_seen.add((recs[0]["doc"], unit, str(recs[0].get("article"))))
        total.add(S.score_quotes(recs, _quotes_in(arts, unit), _entity_index(arts)))
    return total


def score_entities(gold: list[dict], preds: dict[str, list[dict]]) -> S.EntityCounts:
    total = S.EntityCounts()
    for _, recs in _group(gold).items():
        arts, unit = _units(recs[0], preds)
        total.add(S.score_entities(recs, _entities_in(arts, unit)))
    return total


def score_events(gold: list[dict], preds: dict[str, list[dict]]) -> S.EventCounts:
    total = S.EventCounts()
    for _, recs in _group(gold).items():
        arts, unit = _units(recs[0], preds)
        if not arts:
            total.add(S.score_events(recs, [], ""))
            continue
        assigned: dict[int, list[dict]] = defaultdict(list)
        for g in recs:
            at = next((i for i, a in enumerate(arts)
                       if S.find_anchor(a["text"], g["anchor"]) is not None), 0)
            assigned[at].append(g)
        for i, a in enumerate(arts):
            total.add(S.score_events(assigned.get(i, []), S.in_unit(a, a.get("events", []), unit),
                                     a["text"]))
    return total


def evaluate(gold_dir: Path, pred_file: Path | None = None, pipeline=None) -> dict[str, Any]:
    """All gold scores as a dict (what ``--json`` prints)."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError("E042", "gold directory not found", "pass ../shared/gold",
                         source=str(gold_dir))
    preds = load_predictions(pred_file) if pred_file else predict(gold_dir, pipeline)
    result: dict[str, Any] = {"gold_dir": str(gold_dir)}
    page_file = gold_dir / "seed.page.json"
    if page_file.exists():
        page = json.loads(page_file.read_text(encoding="utf-8"))
        result["structure"] = S.score_structure(page, preds.get(page["doc"], []))
    for split in ("seed", "dev"):
        q = read_jsonl(gold_dir / f"{split}.quotes.jsonl")
        if q:
            qc = score_quotes(q, preds)
            result[f"{split}.quotes"] = qc.summary() | {"misses": qc.misses}
        e = read_jsonl(gold_dir / f"{split}.entities.jsonl")
        if e:
            ec = score_entities(e, preds)
            result[f"{split}.entities"] = ec.summary() | {"misses": ec.misses}
        v = read_jsonl(gold_dir / f"{split}.events.jsonl")
        if v:
            vc = score_events(v, preds)
            result[f"{split}.events"] = vc.summary() | {"misses": vc.misses}
    return result


def structure_score(result: dict[str, Any]) -> float:
    """Share of structure checks right, over all checks (1.0 = the page is segmented right)."""
    rows = result.get("structure", {}).values()
    right = sum(r["right"] for r in rows)
    total = sum(r["total"] for r in rows)
    return right / total if total else 0.0


def table_rows(result: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(section, metric, value) rows for printing."""
    rows: list[tuple[str, str, str]] = []
    for key, r in result.get("structure", {}).items():
        rows.append(("structure", key, f"{_pct(r['score'])} ({r['right']}/{r['total']})"))
    if "structure" in result:
        rows.append(("structure", "ALL", _pct(structure_score(result))))
    for split in ("seed", "dev"):
        q = result.get(f"{split}.quotes")
        if q:
            sec = f"{split} quotes"
            rows.append((sec, "P / R / F1", _prf(q) + f" ({q['found']}/{q['gold']} found, "
                                                     f"{q['predicted']} predicted)"))
            rows.append((sec, "speaker accuracy", _pct(q["speaker_accuracy"])))
            for res, v in q["speaker_by_resolution"].items():
                rows.append((sec, f"speaker · {res}", f"{_pct(v['accuracy'])} (n={v['found']})"))
            rows.append((sec, "kind accuracy", _pct(q["kind_accuracy"])))
        e = result.get(f"{split}.entities")
        if e:
            sec = f"{split} entities"
            rows.append((sec, "strict P / R / F1", _prf(e["strict"])))
            rows.append((sec, "lenient P / R / F1", _prf(e["lenient"]) +
                         f" ({e['gold']} gold, {e['predicted']} predicted)"))
        v = result.get(f"{split}.events")
        if v:
            sec = f"{split} events"
            rows.append((sec, "P / R / F1", _prf(v) + f" ({v['found']}/{v['gold']} found, "
                                                      f"{v['predicted']} predicted)"))
            rows.append((sec, "actor / target accuracy",
                         f"{_pct(v['actor_accuracy'])} / {_pct(v['target_accuracy'])}"))
    return rows


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def _prf(d: dict) -> str:
    return f"{d['precision']:.3f} / {d['recall']:.3f} / {d['f1']:.3f}"
