"""Scorers for shared/gold, following shared/gold/FORMAT.md to the letter.

Each scorer takes gold records and predicted article dicts (the JSON contract of
``marsad process --format jsonl``) for one *unit* (an article, or the related rail of a page) and
returns counts; :func:`prf` and friends turn counts into scores. Everything is matched after the
FORMAT.md normalisation (:func:`marsad.textmap.gold_normalize`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from ..textmap import GOLD, gold_normalize, normalize_view

LENIENT = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
GOLD_ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT"}


def prf(tp_pred: int, n_pred: int, found: int, n_gold: int) -> dict[str, float]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = found / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


# ----------------------------------------------------------------------------- structure
def _n(text: Any) -> str:
    return gold_normalize(text) if isinstance(text, str) else ""


def _match_multiset(gold: list[Any], pred: list[Any], same) -> int:
    used = [False] * len(pred)
    found = 0
    for g in gold:
        for i, p in enumerate(pred):
            if not used[i] and same(g, p):
                used[i] = True
                found += 1
                break
    return found


def score_structure(gold_page: dict, preds: list[dict]) -> dict[str, dict[str, float]]:
    """Per FORMAT.md: article count; exact title/subtitle; caption recall with correct credit;
    subhead recall; related-card recall with every field right; body start/end; paragraph count."""
    rows: dict[str, list[int]] = {k: [0, 0] for k in (
        "articles", "title", "subtitle", "captions", "subheads", "related", "body_start",
        "body_end", "paragraph_count")}
    golds = gold_page["articles"]
    rows["articles"] = [int(len(preds) == len(golds)), 1]
    for pos, g in enumerate(golds):
        p = preds[pos] if pos < len(preds) else {}
        _score_article_structure(g, p, rows)
    return {k: {"score": ratio(a, b), "right": a, "total": b} for k, (a, b) in rows.items()}


def _score_article_structure(g: dict, p: dict, rows: dict[str, list[int]]) -> None:
    def add(key: str, ok: bool, n: int = 1) -> None:
        rows[key][0] += int(ok) if n == 1 else ok
        rows[key][1] += n

    add("title", _n(p.get("title")) == _n(g["title"]))
    add("subtitle", _n(p.get("subtitle")) == _n(g.get("subtitle")))
    add("captions", _match_multiset(g["captions"], p.get("captions", []), _same_caption),
        len(g["captions"]))
    add("subheads", _match_multiset([_n(s) for s in g["subheads"]],
                                    [_n(s) for s in p.get("subheads", [])], str.__eq__),
        len(g["subheads"]))
    add("related", _match_multiset(g.get("related", []), p.get("related", []), _same_card),
        len(g.get("related", [])))
    paras = p.get("paragraphs", [])
    add("body_start", bool(paras) and _n(paras[0]).startswith(_n(g["body_starts"])))
    add("body_end", bool(paras) and _n(paras[-1]).endswith(_n(g["body_ends"])))
    add("paragraph_count", len(paras) == g["body_paragraphs"])


def _same_caption(g: dict, p: dict) -> bool:
    return _n(g["text"]) == _n(p.get("text")) and g.get("credit") == p.get("credit")


def _same_card(g: dict, p: dict) -> bool:
    exact = ("section", "title", "caption", "credit", "author", "dateline")
    if any(_n(g.get(k)) != _n(p.get(k)) for k in exact if k != "credit"):
        return False
    if g.get("credit") != p.get("credit"):
        return False
    return _n(p.get("teaser")).startswith(_n(g.get("teaser_starts")))


# ----------------------------------------------------------------------------- quotes
@dataclass
class QuoteCounts:
    gold: int = 0
    pred: int = 0
    found: int = 0
    speaker_right: int = 0
    kind_right: int = 0
    by_resolution: dict[str, list[int]] = field(default_factory=dict)   # res -> [right, found]
    misses: list[dict] = field(default_factory=list)

    def add(self, other: "QuoteCounts") -> None:
        for k in ("gold", "pred", "found", "speaker_right", "kind_right"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        for res, (a, b) in other.by_resolution.items():
            cur = self.by_resolution.setdefault(res, [0, 0])
            cur[0] += a
            cur[1] += b
        self.misses.extend(other.misses)

    def summary(self) -> dict[str, Any]:
        out = prf(self.found, self.pred, self.found, self.gold)
        out.update(gold=self.gold, predicted=self.pred, found=self.found,
                   speaker_accuracy=ratio(self.speaker_right, self.found),
                   kind_accuracy=ratio(self.kind_right, self.found))
        out["speaker_by_resolution"] = {r: {"accuracy": ratio(a, b), "found": b}
                                        for r, (a, b) in sorted(self.by_resolution.items())}
        return out


def speaker_names(quote: dict, entities: dict[str, dict]) -> set[str]:
    sp = quote.get("speaker") or {}
    names = {sp.get("text"), sp.get("name")}
    ent = entities.get(sp.get("entity_id") or "")
    if ent:
        names.update([ent.get("name"), ent.get("name_ar"), *ent.get("aliases", []),
                      *(m.get("text") for m in ent.get("mentions", []))])
    return {_n(x) for x in names if isinstance(x, str) and x.strip()}


def score_quotes(gold: list[dict], quotes: list[dict], entities: dict[str, dict]) -> QuoteCounts:
    c = QuoteCounts(gold=len(gold), pred=len(quotes))
    texts = [_n(q.get("text")) for q in quotes]
    used = [False] * len(quotes)
    for g in gold:
        anchor = _n(g["anchor"])
        hit = next((i for i, t in enumerate(texts) if not used[i] and anchor in t), None)
        if hit is None:
            c.misses.append({"anchor": g["anchor"], "speaker": g["speaker"], "why": "not found"})
            continue
        used[hit] = True
        c.found += 1
        q = quotes[hit]
        wanted = {_n(g["speaker"]), *(_n(a) for a in g.get("speaker_aliases", []))}
        right = bool(speaker_names(q, entities) & wanted)
        c.speaker_right += right
        c.kind_right += q.get("kind") == g.get("kind")
        if q.get("kind") != g.get("kind"):
            c.misses.append({"anchor": g["anchor"], "why": "kind", "gold": g.get("kind"),
                             "predicted": q.get("kind"), "quote": q.get("text")})
        res = g.get("speaker_resolution")
        if res:
            slot = c.by_resolution.setdefault(res, [0, 0])
            slot[0] += right
            slot[1] += 1
        if not right:
            c.misses.append({"anchor": g["anchor"], "speaker": g["speaker"], "why": "speaker",
                             "predicted": (q.get("speaker") or {}).get("text")})
    return c


# ----------------------------------------------------------------------------- entities
def mention_variants(surface: str) -> set[str]:
    """Normalised surface, plus the surface without a leading ب ل ك و ف clitic (لل read as ال)."""
    s = _n(surface)
    out = {s}
    if s.startswith("لل") and len(s) > 3:
        out.add("ال" + s[2:])
    if len(s) > 2 and s[0] in "بلكوف":
        out.add(s[1:])
    return out


@dataclass
class EntityCounts:
    gold: int = 0
    pred: int = 0
    found_strict: int = 0
    found_lenient: int = 0
    pred_strict: int = 0
    pred_lenient: int = 0
    misses: list[dict] = field(default_factory=list)

    def add(self, o: "EntityCounts") -> None:
        for k in ("gold", "pred", "found_strict", "found_lenient", "pred_strict", "pred_lenient"):
            setattr(self, k, getattr(self, k) + getattr(o, k))
        self.misses.extend(o.misses)

    def summary(self) -> dict[str, Any]:
        return {"strict": prf(self.pred_strict, self.pred, self.found_strict, self.gold),
                "lenient": prf(self.pred_lenient, self.pred, self.found_lenient, self.gold),
                "gold": self.gold, "predicted": self.pred}


def _type_ok(gold_type: str, pred_type: str, lenient: bool) -> bool:
    if lenient:
        return LENIENT.get(gold_type, gold_type) == LENIENT.get(pred_type, pred_type)
    return gold_type == pred_type


def score_entities(gold: list[dict], pred: list[tuple[dict, list[str]]]) -> EntityCounts:
    """``pred``: (entity dict, mention surfaces inside this unit). Predicted entities of types the
    gold does not annotate (NORP, MISC) are left out of precision."""
    pred = [(e, ms) for e, ms in pred if e.get("type") in GOLD_ENTITY_TYPES]
    c = EntityCounts(gold=len(gold), pred=len(pred))
    pred_variants = [set().union(*(mention_variants(m) for m in ms)) if ms else set()
                     for _, ms in pred]
    gold_forms = [{_n(f) for f in g["forms"]} for g in gold]
    for g, forms in zip(gold, gold_forms):
        hits = [i for i, v in enumerate(pred_variants) if v & forms]
        strict = any(_type_ok(g["type"], pred[i][0]["type"], False) for i in hits)
        lenient = any(_type_ok(g["type"], pred[i][0]["type"], True) for i in hits)
        c.found_strict += strict
        c.found_lenient += lenient
        if not lenient:
            c.misses.append({"entity": g["entity"], "type": g["type"],
                             "why": "type" if hits else "not found"})
    for i, (e, _) in enumerate(pred):
        matching = [g for g, forms in zip(gold, gold_forms) if pred_variants[i] & forms]
        c.pred_strict += any(_type_ok(g["type"], e["type"], False) for g in matching)
        c.pred_lenient += any(_type_ok(g["type"], e["type"], True) for g in matching)
    return c


# ----------------------------------------------------------------------------- events
@dataclass
class EventCounts:
    gold: int = 0
    pred: int = 0
    found: int = 0
    matched_pred: int = 0
    actor_right: int = 0
    target_right: int = 0
    misses: list[dict] = field(default_factory=list)

    def add(self, o: "EventCounts") -> None:
        for k in ("gold", "pred", "found", "matched_pred", "actor_right", "target_right"):
            setattr(self, k, getattr(self, k) + getattr(o, k))
        self.misses.extend(o.misses)

    def summary(self) -> dict[str, Any]:
        out = prf(self.matched_pred, self.pred, self.found, self.gold)
        out.update(gold=self.gold, predicted=self.pred, found=self.found,
                   actor_accuracy=ratio(self.actor_right, self.found),
                   target_accuracy=ratio(self.target_right, self.found))
        return out


def find_anchor(text: str, anchor: str) -> tuple[int, int] | None:
    """Original offsets of ``anchor`` in ``text``, matched after normalisation."""
    view = normalize_view(text, GOLD)
    needle = normalize_view(anchor, GOLD).text
    at = view.text.find(needle)
    if at < 0:
        return None
    return view.to_original_span(at, at + len(needle))


def _party_ok(gold_value: str | None, pred: dict | None) -> bool:
    pred = pred or {}
    names = {x.strip().lower() for x in (pred.get("name"), pred.get("code"))
             if isinstance(x, str) and x.strip()}
    if not gold_value:
        return not names
    parts = {x.strip().lower() for x in gold_value.split("|") if x.strip()}
    return bool(names & parts) or bool({_n(n) for n in names} & {_n(p) for p in parts})


def score_events(gold: list[dict], events: list[dict], text: str) -> EventCounts:
    c = EventCounts(gold=len(gold), pred=len(events))
    matched: set[int] = set()
    for g in gold:
        where = find_anchor(text, g["anchor"])
        hit = None
        if where is not None:
            hit = next((i for i, e in enumerate(events)
                        if e.get("type") == g["type"] and _overlaps(e, where)), None)
        if hit is None:
            c.misses.append({"type": g["type"], "anchor": g["anchor"],
                             "why": "anchor not in text" if where is None else "not found"})
            continue
        c.found += 1
        matched.add(hit)
        c.actor_right += _party_ok(g.get("actor"), events[hit].get("actor"))
        c.target_right += _party_ok(g.get("target"), events[hit].get("target"))
    for i, e in enumerate(events):
        if i in matched:
            continue
        # A predicted event that overlaps any gold anchor of its type counts as correct too.
        if any(e.get("type") == g["type"] and (w := find_anchor(text, g["anchor"])) and _overlaps(e, w)
               for g in gold):
            matched.add(i)
    c.matched_pred = len(matched)
    return c


def _overlaps(event: dict, span: tuple[int, int]) -> bool:
    ranges = [(event.get("start", -1), event.get("end", -1))]
    sent = event.get("sentence")
    if isinstance(sent, dict):
        ranges.append((sent.get("start", -1), sent.get("end", -1)))
    return any(a < span[1] and span[0] < b for a, b in ranges if a is not None and b is not None)


def unit_of(article: dict, start: int) -> str:
    """'related' when ``start`` falls in a related-card block of the article, else 'main'."""
    for b in article.get("layers", {}).get("blocks", []):
        if b["start"] <= start < b["end"]:
            return "related" if str(b.get("label", "")).startswith("related.") else "main"
    return "main"


def in_unit(article: dict, items: Iterable[dict], unit: str) -> list[dict]:
    return [x for x in items if unit_of(article, x.get("start", 0)) == unit]
