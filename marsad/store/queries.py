"""Read queries behind ``Store.entities/quotes/events/runs/sources/duplicates/stories``.

Each returns plain dicts (JSON-ready) so the CLI and the web reader render them directly.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select

from . import schema as S
from .textindex import fold

A, SRC, E, Q, EV = S.articles, S.sources, S.entities, S.quotes, S.events


def _dicts(rows) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in rows]


def entities(engine, query: str | None, type_: str | None, limit: int, offset: int) -> list[dict]:
    """Entities across the archive, grouped by KB id (else name), most articles first."""
    key = func.coalesce(E.c.kb_id, E.c.name)
    stmt = (select(key.label("key"), func.min(E.c.name).label("name"),
                   func.min(E.c.name_ar).label("name_ar"), func.min(E.c.type).label("type"),
                   func.min(E.c.kb_id).label("kb_id"),
                   func.count(func.distinct(E.c.article_id)).label("articles"),
                   func.sum(E.c.mentions).label("mentions"))
            .group_by(key).order_by(func.count(func.distinct(E.c.article_id)).desc(), key)
            .limit(limit).offset(offset))
    if type_:
        stmt = stmt.where(E.c.type == type_)
    if query:
        stmt = stmt.where(E.c.name_key.like("%" + fold(query) + "%"))
    with engine.connect() as conn:
        return _dicts(conn.execute(stmt))


def quotes(engine, article_id: str | None, speaker: str | None, limit: int, offset: int) -> list[dict]:
    stmt = (select(Q.c.article_id, Q.c.quote_id, Q.c.kind, Q.c.start, Q.c.end, Q.c.text,
                   Q.c.cue, Q.c.speaker_text, Q.c.speaker_name, Q.c.speaker_entity_id,
                   Q.c.speaker_kind, A.c.title, A.c.published)
            .select_from(Q.join(A, A.c.id == Q.c.article_id))
            .order_by(A.c.published.desc().nulls_last(), Q.c.article_id, Q.c.start)
            .limit(limit).offset(offset))
    if article_id:
        stmt = stmt.where(Q.c.article_id == article_id)
    if speaker:
        stmt = stmt.where(or_(Q.c.speaker_name == speaker, Q.c.speaker_text == speaker))
    with engine.connect() as conn:
        return _dicts(conn.execute(stmt))


def events(engine, article_id: str | None, type_: str | None, limit: int, offset: int) -> list[dict]:
    stmt = (select(*[c for c in EV.c if c.name != "attrs"], A.c.title, A.c.published)
            .select_from(EV.join(A, A.c.id == EV.c.article_id))
            .order_by(A.c.published.desc().nulls_last(), EV.c.article_id, EV.c.start)
            .limit(limit).offset(offset))
    if article_id:
        stmt = stmt.where(EV.c.article_id == article_id)
    if type_:
        stmt = stmt.where(EV.c.type == type_)
    with engine.connect() as conn:
        return _dicts(conn.execute(stmt))


def runs(engine, limit: int) -> list[dict]:
    with engine.connect() as conn:
        return _dicts(conn.execute(select(S.runs).order_by(S.runs.c.id.desc()).limit(limit)))


def sources(engine) -> list[dict]:
    stmt = (select(SRC.c.name, func.count(A.c.id).label("articles"))
            .select_from(SRC.outerjoin(A, A.c.source_id == SRC.c.id))
            .group_by(SRC.c.name).order_by(func.count(A.c.id).desc(), SRC.c.name))
    with engine.connect() as conn:
        return _dicts(conn.execute(stmt))


def duplicates(engine, article_id: str | None, limit: int) -> list[dict]:
    B = A.alias("b")
    stmt = (select(A.c.id, A.c.title, A.c.dup_of, A.c.dup_kind, A.c.dup_score,
                   B.c.title.label("dup_of_title"))
            .select_from(A.join(B, B.c.id == A.c.dup_of))
            .order_by(A.c.dup_kind, A.c.dup_score.desc(), A.c.id).limit(limit))
    if article_id:
        stmt = stmt.where(or_(A.c.id == article_id, A.c.dup_of == article_id))
    with engine.connect() as conn:
        return _dicts(conn.execute(stmt))


def stories(engine, limit: int, offset: int, min_size: int) -> list[dict]:
    st = S.stories
    stmt = (select(st.c.id, st.c.label, st.c.first_date, st.c.last_date, st.c.size)
            .where(st.c.size >= min_size)
            .order_by(st.c.size.desc(), st.c.last_date.desc(), st.c.id).limit(limit).offset(offset))
    with engine.connect() as conn:
        return _dicts(conn.execute(stmt))


def story(engine, story_id: int) -> dict | None:
    st, sm = S.stories, S.story_members
    with engine.connect() as conn:
        head = conn.execute(select(st).where(st.c.id == story_id)).first()
        if head is None:
            return None
        members = conn.execute(
            select(A.c.id, A.c.title, A.c.published, SRC.c.name.label("source"), sm.c.score)
            .select_from(sm.join(A, A.c.id == sm.c.article_id)
                         .outerjoin(SRC, SRC.c.id == A.c.source_id))
            .where(sm.c.story_id == story_id).order_by(A.c.published, A.c.id)).all()
    return dict(head._mapping) | {"articles": _dicts(members)}
