"""``Article`` <-> JSON contract (shared/gold/FORMAT.md, schema in resources/article.schema.json).

The contract has derived, reader-friendly fields (title, paragraphs, captions, related ...) and the
primary data from which ``from_dict`` rebuilds the article: ``text``, ``meta``, ``layers``,
``entities`` and the contract layers (quotes, events, dates, quantities) whose span attrs are
flattened into each record.
"""
from __future__ import annotations

from typing import Any, Mapping

from .document import (CONTRACT_LAYERS, SCHEMA_VERSION, Article, ArticleMeta, Entity, Span,
                       _SPAN_KEYS)
from .errors import InputError

_META_FIELDS = ("url", "publisher", "section", "published", "author", "dateline", "lang")


def span_to_dict(span: Span, text: str) -> dict[str, Any]:
    out: dict[str, Any] = {"start": span.start, "end": span.end, "text": text[span.start:span.end],
                           "id": span.id, "label": span.label}
    for key, value in span.attrs.items():
        out[key] = value
    return out


def span_from_dict(data: Mapping[str, Any]) -> Span:
    attrs = {k: v for k, v in data.items() if k not in _SPAN_KEYS}
    return Span(int(data["start"]), int(data["end"]), str(data.get("label", "")),
                str(data.get("id", "")), attrs)


def entity_to_dict(ent: Entity, article: Article,
                   by_id: Mapping[str, Span] | None = None) -> dict[str, Any]:
    if by_id is None:                   # pass it when writing many entities of one article
        by_id = {s.id: s for s in article.layer("ents")}
    mentions = [{"start": by_id[m].start, "end": by_id[m].end, "text": article.span_text(by_id[m]),
                 "id": m} for m in ent.mention_ids if m in by_id]
    out = {"id": ent.id, "name": ent.name, "name_ar": ent.name_ar, "type": ent.type,
           "kb_id": ent.kb_id, "aliases": list(ent.aliases), "mentions": mentions}
    if ent.attrs:
        out["attrs"] = dict(ent.attrs)
    return out


def _entities(article: Article) -> list[dict[str, Any]]:
    if not article.entities:
        return []
    by_id = {s.id: s for s in article.layer("ents")}     # once, not once per entity
    return [entity_to_dict(e, article, by_id) for e in article.entities]


def entity_from_dict(data: Mapping[str, Any]) -> Entity:
    return Entity(id=data["id"], type=data["type"], name=data["name"], name_ar=data.get("name_ar"),
                  kb_id=data.get("kb_id"), aliases=list(data.get("aliases", [])),
                  mention_ids=[m["id"] for m in data.get("mentions", []) if m.get("id")],
                  attrs=dict(data.get("attrs", {})))


def article_to_dict(article: Article, exclude_layers: tuple[str, ...] = ()) -> dict[str, Any]:
    text = article.text
    meta = article.meta
    out: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "id": article.id, "source": meta.source, "position": meta.position,
        "title": article.title, "subtitle": article.subtitle, "text": text,
        "paragraphs": article.paragraphs, "subheads": article.subheads,
        "captions": article.captions(), "related": article.related(),
        "meta": {k: getattr(meta, k) for k in _META_FIELDS} | {"extra": dict(meta.extra)},
        "entities": _entities(article),
    }
    for name in CONTRACT_LAYERS:
        out[name] = [span_to_dict(s, text) for s in article.layer(name)]
    names = [n for n in article.layer_names() if n not in exclude_layers]   # lazy ones unbuilt
    out["layers"] = {name: [span_to_dict(s, text) for s in article.layer(name)]
                     for name in names if name not in CONTRACT_LAYERS}
    # Which layers were assigned (an empty `quotes` list then means "none found", not "not run").
    out["annotated"] = sorted(names)
    if article.page_offsets is not None:
        out["page_offsets"] = [list(p) for p in article.page_offsets]
    return out


def article_from_dict(data: Mapping[str, Any]) -> Article:
    try:
        text = data["text"]
    except (KeyError, TypeError) as exc:
        raise InputError("E010", "article record has no 'text' field",
                         "pass a record written by Article.to_dict") from exc
    raw_meta = dict(data.get("meta") or {})
    meta = ArticleMeta(source=data.get("source", ""), position=int(data.get("position", 0)),
                       extra=dict(raw_meta.pop("extra", {}) or {}),
                       **{k: raw_meta.get(k) for k in _META_FIELDS if k != "lang"},
                       lang=raw_meta.get("lang") or "ar")
    layers = {name: [span_from_dict(s) for s in spans]
              for name, spans in (data.get("layers") or {}).items()}
    annotated = set(data.get("annotated", ()))
    for name in CONTRACT_LAYERS:
        if data.get(name) or name in annotated:
            layers[name] = [span_from_dict(s) for s in data.get(name) or []]
    entities = [entity_from_dict(e) for e in data.get("entities", [])]
    offsets = data.get("page_offsets")
    return Article(text, meta=meta, id=data.get("id"), layers=layers, entities=entities,
                   page_offsets=[tuple(p) for p in offsets] if offsets is not None else None)
