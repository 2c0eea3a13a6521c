"""Read queries the reader needs beyond ``Store``'s API, written against its public schema
(``marsad.store.schema``) and engine; each returns JSON-ready dicts and bounded row counts."""
from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, select

from ..store import schema as S

A, SRC, E, Q, EV = S.articles, S.sources, S.entities, S.quotes, S.events
KEY = func.coalesce(E.c.kb_id, E.c.name)
DAY = func.substr(A.c.published, 1, 10)
MAX_TIMELINE_DAYS = 2000


def _dicts(rows) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in rows]


def _count(conn, stmt) -> int:
    return int(conn.execute(select(func.count()).select_from(stmt.subquery())).scalar() or 0)


def _dates(stmt, date_from: str | None, date_to: str | None):
    if date_from:
        stmt = stmt.where(A.c.published >= date_from)
    if date_to:
        stmt = stmt.where(A.c.published < date_to + "~")   # '~' sorts after 'T…' of a datetime
    return stmt


def _source(stmt, source: str | None):
    return stmt.where(SRC.c.name == source) if source else stmt


# -- entities --------------------------------------------------------------------------------
def entity(engine, key: str) -> dict | None:
    """One archive entity (grouped like ``Store.entities``): names, type, KB id, aliases."""
    stmt = (select(E.c.name, E.c.name_ar, E.c.type, E.c.kb_id, E.c.aliases, E.c.mentions,
                   E.c.article_id).where(KEY == key).limit(5000))
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    if not rows:
        return None
    aliases: dict[str, int] = {}
    types: dict[str, int] = {}
    for r in rows:
        types[r.type] = types.get(r.type, 0) + 1
        for a in [r.name_ar, r.name, *(r.aliases or [])]:
            if a:
                aliases[a] = aliases.get(a, 0) + 1
    first = rows[0]
    return {"key": key, "name": first.name, "name_ar": _most(rows, "name_ar") or None,
            "type": max(types, key=types.get), "kb_id": first.kb_id,
            "aliases": sorted(aliases, key=lambda a: -aliases[a])[:20],
            "articles": len({r.article_id for r in rows}),
            "mentions": sum(r.mentions or 0 for r in rows)}


def _most(rows, attr: str) -> str | None:
    counts: dict[str, int] = {}
    for r in rows:
        v = getattr(r, attr)
        if v:
            counts[v] = counts.get(v, 0) + 1
    return max(counts, key=counts.get) if counts else None


def entity_timeline(engine, key: str) -> list[tuple[str, int]]:
    """``(day, articles mentioning the entity)`` for each day with a mention, oldest first."""
    stmt = (select(DAY.label("day"), func.count(func.distinct(A.c.id)).label("n"))
            .select_from(E.join(A, A.c.id == E.c.article_id))
            .where(KEY == key, A.c.published.is_not(None))
            .group_by(DAY).order_by(DAY).limit(MAX_TIMELINE_DAYS))
    with engine.connect() as conn:
        return [(r.day, int(r.n)) for r in conn.execute(stmt)]


def cooccurring(engine, key: str, limit: int = 20) -> list[dict]:
    """Entities sharing the most articles with ``key``."""
    E2 = E.alias("e2")
    key2 = func.coalesce(E2.c.kb_id, E2.c.name)
    arts = select(E.c.article_id).where(KEY == key)
    stmt = (select(key2.label("key"), func.min(E2.c.name).label("name"),
                   func.min(E2.c.name_ar).label("name_ar"), func.min(E2.c.type).label("type"),
                   func.count(func.distinct(E2.c.article_id)).label("articles"))
            .where(E2.c.article_id.in_(arts), key2 != key)
            .group_by(key2).order_by(func.count(func.distinct(E2.c.article_id)).desc(), key2)
            .limit(limit))
    with engine.connect() as conn:
        return _dicts(conn.execute(stmt))


def entity_articles(engine, key: str, offset: int, limit: int) -> tuple[int, list[dict]]:
    ids = select(E.c.article_id).where(KEY == key)
    stmt = (select(A.c.id, A.c.title, A.c.published, SRC.c.name.label("source"))
            .select_from(A.outerjoin(SRC, SRC.c.id == A.c.source_id)).where(A.c.id.in_(ids)))
    with engine.connect() as conn:
        total = _count(conn, stmt)
        rows = conn.execute(stmt.order_by(A.c.published.desc().nulls_last(), A.c.id)
                            .offset(offset).limit(limit)).all()
    return total, _dicts(rows)


# -- quotes ----------------------------------------------------------------------------------
def _quote_select():
    return (select(Q.c.article_id, Q.c.quote_id, Q.c.kind, Q.c.start, Q.c.end, Q.c.text,
                   Q.c.cue, Q.c.speaker_text, Q.c.speaker_name, Q.c.speaker_entity_id,
                   Q.c.speaker_kind, A.c.title, A.c.published, SRC.c.name.label("source"))
            .select_from(Q.join(A, A.c.id == Q.c.article_id)
                         .outerjoin(SRC, SRC.c.id == A.c.source_id)))


def quotes(engine, speaker: str | None = None, source: str | None = None,
           date_from: str | None = None, date_to: str | None = None, entity_key: str | None = None,
           offset: int = 0, limit: int = 20) -> tuple[int, list[dict]]:
    """Quotes, newest first, filtered by speaker (name or surface), source, dates, or the
    archive entity that speaks them."""
    stmt = _dates(_source(_quote_select(), source), date_from, date_to)
    if speaker:
        stmt = stmt.where(or_(Q.c.speaker_name == speaker, Q.c.speaker_text == speaker))
    if entity_key:
        stmt = stmt.where(Q.c.speaker_entity_id.is_not(None), select(E.c.entity_id).where(
            and_(E.c.article_id == Q.c.article_id, E.c.entity_id == Q.c.speaker_entity_id,
                 KEY == entity_key)).exists())
    with engine.connect() as conn:
        total = _count(conn, stmt)
        rows = conn.execute(stmt.order_by(A.c.published.desc().nulls_last(), Q.c.article_id,
                                          Q.c.start).offset(offset).limit(limit)).all()
    return total, _dicts(rows)


def speakers(engine, limit: int = 30) -> list[dict]:
    stmt = (select(Q.c.speaker_name.label("value"), func.count().label("count"))
            .where(Q.c.speaker_name.is_not(None)).group_by(Q.c.speaker_name)
            .order_by(func.count().desc(), Q.c.speaker_name).limit(limit))
    with engine.connect() as conn:
        return _dicts(conn.execute(stmt))


# -- events ----------------------------------------------------------------------------------
def events(engine, type_: str | None = None, source: str | None = None,
           date_from: str | None = None, date_to: str | None = None, actor: str | None = None,
           offset: int = 0, limit: int = 20) -> tuple[int, list[dict]]:
    """Events newest first (a timeline), with their article's date, title and source."""
    stmt = (select(EV.c.article_id, EV.c.event_id, EV.c.type, EV.c.start, EV.c.end, EV.c.text,
                   EV.c.actor_name, EV.c.actor_code, EV.c.target_name, EV.c.target_code,
                   EV.c.location, EV.c.date, EV.c.negated, EV.c.modality, A.c.title,
                   A.c.published, SRC.c.name.label("source"))
            .select_from(EV.join(A, A.c.id == EV.c.article_id)
                         .outerjoin(SRC, SRC.c.id == A.c.source_id)))
    stmt = _dates(_source(stmt, source), date_from, date_to)
    if type_:
        stmt = stmt.where(EV.c.type == type_)
    if actor:
        stmt = stmt.where(or_(EV.c.actor_name == actor, EV.c.target_name == actor))
    with engine.connect() as conn:
        total = _count(conn, stmt)
        rows = conn.execute(stmt.order_by(A.c.published.desc().nulls_last(), EV.c.article_id,
                                          EV.c.start).offset(offset).limit(limit)).all()
    return total, _dicts(rows)


def event_types(engine) -> list[dict]:
    stmt = (select(EV.c.type.label("value"), func.count().label("count")).group_by(EV.c.type)
            .order_by(func.count().desc(), EV.c.type).limit(50))
    with engine.connect() as conn:
        return _dicts(conn.execute(stmt))


# -- articles --------------------------------------------------------------------------------
def article_head(engine, article_id: str) -> dict | None:
    """Source name and duplicate marks of one article (not in its JSON)."""
    stmt = (select(A.c.id, A.c.dup_of, A.c.dup_kind, SRC.c.name.label("source"))
            .select_from(A.outerjoin(SRC, SRC.c.id == A.c.source_id)).where(A.c.id == article_id))
    with engine.connect() as conn:
        row = conn.execute(stmt).first()
    return dict(row._mapping) if row is not None else None


def date_bounds(engine) -> dict:
    with engine.connect() as conn:
        row = conn.execute(select(func.min(DAY).label("first"), func.max(DAY).label("last"))
                           .where(A.c.published.is_not(None))).first()
    return {"first": row.first, "last": row.last}
