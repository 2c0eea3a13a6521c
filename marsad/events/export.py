"""PLOVER-style JSON records, one per event (``marsad export --format plover`` calls this).

Field names follow the PLOVER gold-standard records (``event``, ``mode``, ``context``, ``source``,
``target``, ``eventText``, ``eventLoc``, ``text``, ``date``, ``language``), plus what marsad adds
for provenance: ``article_id``, ``event_id``, offsets of the trigger, sentence and actors into
the article text, ``negated``/``modality``/``factual``. See docs/events.md.
"""
from __future__ import annotations

from typing import Any

from ..document import Article, Span

CODER = "marsad events.v1"


def plover_records(article: Article) -> list[dict[str, Any]]:
    return [plover_record(article, span) for span in article.layer("events")]


def plover_record(article: Article, span: Span) -> dict[str, Any]:
    a = span.attrs
    sent = a.get("sentence") or {"start": span.start, "end": span.end}
    return {
        "id": f"{article.id}:{span.id}",
        "article_id": article.id,
        "event_id": span.id,
        "source_name": article.meta.source,
        "url": article.meta.url,
        "publisher": article.meta.publisher,
        "published": article.meta.published,
        "date": a.get("date") or article.meta.published,
        "event": a.get("type", span.label),
        "mode": a.get("modality"),
        "context": a.get("about"),
        "eventText": article.span_text(span),
        "trigger": {"start": span.start, "end": span.end},
        "source": _actor(a.get("actor")),
        "target": _actor(a.get("target")),
        "eventLoc": a.get("location"),
        "text": article.text[sent["start"]:sent["end"]],
        "sentence": {"start": sent["start"], "end": sent["end"]},
        "negated": bool(a.get("negated")),
        "factual": bool(a.get("factual", True)),
        "region": article.region_of(span.start),
        "language": article.meta.lang or "ar",
        "coder": CODER,
    }


def _actor(role: dict | None) -> list[dict[str, Any]]:
    if not role:
        return []
    return [{"actorText": role.get("text"), "name": role.get("name"), "code": role.get("code"),
             "sector": role.get("sector"), "entity_id": role.get("entity_id"),
             "start": role.get("start"), "end": role.get("end")}]
