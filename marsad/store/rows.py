"""Article -> table rows (one function per table; no database access here)."""
from __future__ import annotations

import hashlib
import json
from typing import Any

from ..document import Article
from ..textmap import fold_key
from .textindex import fold, index_text

# What `marsad process` writes by default, so the archive returns exactly that JSON.
EXCLUDED_LAYERS = ("tokens", "subtokens")


def sha256(s: str) -> str:
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


def content_hash(article: Article) -> str:
    """Exact-duplicate key: the folded text, so diacritics/hamza/spacing variants coincide."""
    return sha256(fold_key(article.text))


# Fields of the JSON contract that ``Article.from_dict`` does not need (derived from the text and
# the blocks); the archive stores the rest and rebuilds them on read (see ``expand_doc``).
DERIVED = ("title", "subtitle", "text", "paragraphs", "subheads", "captions", "related")


def article_doc(article: Article) -> tuple[str, str]:
    """``(compact JSON to store, sha256 of the full JSON)``: span surface strings and derived
    fields are dropped (they are copies of the text), which makes the stored JSON ~10x smaller."""
    full = article.to_dict(exclude_layers=EXCLUDED_LAYERS)
    digest = sha256(json.dumps(full, ensure_ascii=False, sort_keys=True))
    compact = {k: v for k, v in full.items() if k not in DERIVED}
    for name in ("quotes", "events", "dates", "quantities"):
        compact[name] = [_drop_text(s) for s in compact.get(name, [])]
    compact["layers"] = {k: [_drop_text(s) for s in v] for k, v in compact["layers"].items()}
    compact["entities"] = [e | {"mentions": [_drop_text(m) for m in e["mentions"]]}
                           for e in compact["entities"]]
    return json.dumps(compact, ensure_ascii=False, separators=(",", ":")), digest


def _drop_text(span: dict) -> dict:
    return {k: v for k, v in span.items() if k != "text"}


def expand_doc(doc: str, text: str) -> dict:
    """The full JSON contract back from a stored compact doc and the article text."""
    data = json.loads(doc)
    data["text"] = text
    return Article.from_dict(data).to_dict(exclude_layers=EXCLUDED_LAYERS)


def article_row(article: Article, doc: tuple[str, str], page_id: int, source_id: int | None, run_id: int,
                pipeline_version: str) -> dict[str, Any]:
    m = article.meta
    return {"id": article.id, "page_id": page_id, "source_id": source_id,
            "position": m.position, "url": m.url, "title": article.title or "",
            "published": m.published, "section": m.section, "author": m.author,
            "lang": m.lang or "ar", "text": article.text, "content_hash": content_hash(article),
            "doc_hash": doc[1], "doc": doc[0], "run_id": run_id,
            "pipeline_version": pipeline_version, "dup_of": None, "dup_kind": None,
            "dup_score": None}


def _span(article: Article, s) -> dict[str, Any]:
    return {"article_id": article.id, "start": s.start, "end": s.end,
            "text": article.span_text(s)}


def block_rows(article: Article) -> list[dict]:
    return [{"article_id": article.id, "start": b.start, "end": b.end, "seq": i, "label": b.label,
             "attrs": dict(b.attrs) or None}  # no text copy: blocks are long, the text is stored
            for i, b in enumerate(article.layer("blocks"))]


def entity_rows(article: Article) -> list[dict]:
    rows = []
    for e in article.entities:
        names = [e.name, e.name_ar or "", e.kb_id or "", *e.aliases]
        rows.append({"article_id": article.id, "entity_id": e.id, "type": e.type,
                     "name": e.name, "name_ar": e.name_ar, "kb_id": e.kb_id,
                     "name_key": " ".join(fold(n) for n in names if n),
                     "aliases": list(e.aliases), "mentions": len(e.mention_ids),
                     "attrs": dict(e.attrs) or None})
    return rows


def mention_rows(article: Article) -> list[dict]:
    return [_span(article, s) | {"mention_id": s.id or f"{s.start}-{s.end}", "label": s.label,
                                 "entity_id": s.attrs.get("entity_id")}
            for s in article.layer("ents")]


def _speaker(attrs: dict) -> dict:
    sp = attrs.get("speaker") or {}
    return sp if isinstance(sp, dict) else {"text": str(sp)}


def quote_rows(article: Article) -> list[dict]:
    rows = []
    for i, q in enumerate(article.layer("quotes")):
        sp = _speaker(q.attrs)
        rows.append(_span(article, q) | {
            "quote_id": q.id or f"q{i}", "kind": q.attrs.get("kind"), "cue": q.attrs.get("cue"),
            "speaker_text": sp.get("text"), "speaker_name": sp.get("name") or sp.get("text"),
            "speaker_entity_id": sp.get("entity_id"), "speaker_kind": sp.get("kind"),
            "attrs": dict(q.attrs)})
    return rows


def _role(attrs: dict, key: str) -> dict:
    val = attrs.get(key) or {}
    return val if isinstance(val, dict) else {"name": str(val)}


def _str(v) -> str | None:
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, dict):
        return v.get("name") or v.get("text") or v.get("value") or json.dumps(v, ensure_ascii=False)
    return str(v)


def event_rows(article: Article) -> list[dict]:
    rows = []
    for i, ev in enumerate(article.layer("events")):
        a, t = _role(ev.attrs, "actor"), _role(ev.attrs, "target")
        neg = ev.attrs.get("negated")
        rows.append(_span(article, ev) | {
            "event_id": ev.id or f"e{i}", "type": ev.attrs.get("type") or ev.label,
            "actor_name": a.get("name"), "actor_code": a.get("code"),
            "actor_entity_id": a.get("entity_id"), "target_name": t.get("name"),
            "target_code": t.get("code"), "target_entity_id": t.get("entity_id"),
            "location": _str(ev.attrs.get("location")), "date": _str(ev.attrs.get("date")),
            "negated": bool(neg) if neg is not None else None,
            "modality": _str(ev.attrs.get("modality")), "attrs": dict(ev.attrs)})
    return rows


def date_rows(article: Article) -> list[dict]:
    return [_span(article, d) | {"span_id": d.id or f"d{i}", "value": _str(d.attrs.get("value")),
                                 "kind": d.attrs.get("kind"), "calendar": d.attrs.get("calendar")}
            for i, d in enumerate(article.layer("dates"))]


def quantity_rows(article: Article) -> list[dict]:
    return [_span(article, q) | {"span_id": q.id or f"n{i}", "label": q.label,
                                 "value": _str(q.attrs.get("value")),
                                 "unit": _str(q.attrs.get("unit"))}
            for i, q in enumerate(article.layer("quantities"))]


def search_row(article: Article) -> dict:
    names = []
    for e in article.entities:
        names.extend(n for n in (e.name, e.name_ar, e.kb_id, *e.aliases) if n)
    body = article.text
    title = article.title
    if title and body.startswith(title):
        body = body[len(title):]
    return {"article_id": article.id, "title": index_text(title), "body": index_text(body),
            "names": index_text(" ".join(names))}


CHILD_ROWS = {"blocks": block_rows, "entities": entity_rows, "mentions": mention_rows,
              "quotes": quote_rows, "events": event_rows, "dates": date_rows,
              "quantities": quantity_rows}
