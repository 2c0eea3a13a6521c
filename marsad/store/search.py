"""Full-text search with filters, facets, snippets and ranking, on SQLite and PostgreSQL.

The query is folded and split like the indexed text (:mod:`marsad.store.textindex`); all words
must match (each through any of its clitic variants). A Latin word also matches the Arabic names
of entities whose English name, alias or KB id contains it ("Putin" → بوتين), looked up in the
archive's own entity table. Ranking: SQLite FTS5 ``bm25`` with column weights title 5, entity
names 3, body 1; PostgreSQL ``ts_rank_cd`` over a tsvector weighted title A, names B, body D.
Every value reaches the database as a bound parameter, including the FTS expression.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import bindparam, column, func, literal_column, or_, select, table, text

from . import schema as S
from .textindex import Term, fold, parse_query, snippet, words

A, K, SRC, E, Q, EV = (S.articles, S.search_keys, S.sources, S.entities, S.quotes,
                       S.events)
FTS = table("article_fts", column("rowid"))
MAX_PER_PAGE = 200
NAME_EXPANSIONS = 8


@dataclass
class Filters:
    """Narrow a search. Every field is optional; lists mean "any of"."""

    source: list[str] = field(default_factory=list)
    date_from: str | None = None        # ISO date, inclusive
    date_to: str | None = None          # ISO date, inclusive
    entity: str | None = None           # entity name (ar/en), alias or KB id
    speaker: str | None = None          # quote speaker name or surface text
    event_type: str | None = None       # PLOVER type, e.g. CONSULT
    unique: bool = False                # hide articles marked as duplicates by `dedup`

    @classmethod
    def of(cls, value: "Filters | dict | None") -> "Filters":
        if value is None:
            return cls()
        if isinstance(value, Filters):
            return value
        data = dict(value)
        if isinstance(data.get("source"), str):
            data["source"] = [data["source"]]
        return cls(**data)


@dataclass
class Hit:
    id: str
    title: str
    source: str | None
    published: str | None
    url: str | None
    score: float
    snippet: str
    snippet_highlights: list[tuple[int, int]]   # offsets into ``snippet``
    highlights: list[tuple[int, int]]           # offsets into the article text
    dup_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SearchResult:
    query: str
    total: int
    page: int
    per_page: int
    hits: list[Hit]
    expansions: dict[str, list[str]] = field(default_factory=dict)  # Latin word -> Arabic names

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "total": self.total, "page": self.page,
                "per_page": self.per_page, "expansions": self.expansions,
                "hits": [h.to_dict() for h in self.hits]}


# -- query expressions --------------------------------------------------------------------------
def _quote_fts(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def fts5_expression(groups: list[list[list[str]]]) -> str:
    """``groups``: AND of groups; a group is an OR of alternatives; an alternative is an AND of
    words. Words come from :data:`textindex.WORD` (letters/digits only) and are quoted anyway."""
    parts = []
    for group in groups:
        alts = [" AND ".join(_quote_fts(w) for w in alt) for alt in group]
        parts.append("(" + " OR ".join(f"({a})" for a in alts) + ")")
    return " AND ".join(parts)


def tsquery_expression(groups: list[list[list[str]]]) -> str:
    parts = []
    for group in groups:
        alts = [" & ".join("'" + w.replace("'", "''") + "'" for w in alt) for alt in group]
        parts.append("(" + " | ".join(f"({a})" for a in alts) + ")")
    return " & ".join(parts)


def name_expansions(conn, term: Term) -> list[str]:
    """Arabic names of entities whose English name/alias/KB id contains the Latin ``term``."""
    probe = fold(term.word)
    dialect = conn.dialect.name
    if dialect == "sqlite":
        ids = select(S.article_search.c.article_id).select_from(
            FTS.join(S.article_search, S.article_search.c.id == FTS.c.rowid)).where(
            text("article_fts MATCH :probe")).limit(200)
        params = {"probe": "names:" + _quote_fts(probe)}
    else:
        ids = select(S.article_search.c.article_id).where(
            text("article_search.tsv @@ to_tsquery('simple', :probe)")).limit(200)
        params = {"probe": "'" + probe.replace("'", "''") + "'"}
    rows = conn.execute(select(E.c.name, E.c.name_ar, E.c.aliases, E.c.name_key, E.c.type)
                        .where(E.c.article_id.in_(ids)), params).all()
    names: dict[str, int] = {}
    for r in rows:
        if probe not in r.name_key.split():
            continue
        # The canonical Arabic name (and a person's family name), plus one-word aliases
        # (spellings such as بوتن); longer aliases are often titles ("الرئيس الروسي") that
        # would match every article about the office, not the person.
        forms = _name_forms(words(r.name_ar or ""), r.type)
        forms += [" ".join(words(a)) for a in (r.aliases or []) if len(words(a)) == 1]
        for key in forms:
            if key and any("\u0600" <= ch <= "\u06ff" for ch in key):
                names[key] = names.get(key, 0) + 1
    return [n for n, _ in sorted(names.items(), key=lambda kv: -kv[1])][:NAME_EXPANSIONS]


def _name_forms(tokens: list[str], type_: str) -> list[str]:
    """A name, and for people also the family name alone (news says "بوتين" after the first
    mention of "فلاديمير بوتين")."""
    forms = [" ".join(tokens)] if tokens else []
    if type_ == "PERSON" and len(tokens) > 1 and len(tokens[-1]) >= 3:
        forms.append(tokens[-1])
    return forms


def build_groups(conn, terms: list[Term]) -> tuple[list[list[list[str]]], dict[str, list[str]]]:
    groups, expansions = [], {}
    for t in terms:
        group = [[alt] for alt in t.alternatives]
        if t.latin:
            names = name_expansions(conn, t)
            if names:
                expansions[t.word] = names
                group.extend(n.split() for n in names)
        groups.append(group)
    return groups, expansions


# -- filters ------------------------------------------------------------------------------------
def filter_clauses(f: Filters) -> list:
    """Conditions on ``search_keys`` (K): narrow rows keyed like the full-text index."""
    clauses = []
    if f.source:
        clauses.append(K.c.source_id.in_(select(SRC.c.id).where(SRC.c.name.in_(f.source))))
    if f.date_from:
        clauses.append(K.c.published >= f.date_from)
    if f.date_to:
        clauses.append(K.c.published < f.date_to + "~")  # '~' sorts after 'T…' of a datetime
    if f.entity:
        key = fold(f.entity)
        clauses.append(K.c.article_id.in_(select(E.c.article_id).where(or_(
            E.c.kb_id == f.entity, E.c.name == f.entity, E.c.name_ar == f.entity,
            E.c.name_key.like("%" + _escape_like(key) + "%", escape="\\")))))
    if f.speaker:
        clauses.append(K.c.article_id.in_(select(Q.c.article_id).where(or_(
            Q.c.speaker_name == f.speaker, Q.c.speaker_text == f.speaker,
            Q.c.speaker_entity_id == f.speaker))))
    if f.event_type:
        clauses.append(K.c.article_id.in_(select(EV.c.article_id).where(EV.c.type == f.event_type)))
    if f.unique:
        clauses.append(K.c.is_dup.is_(False))
    return clauses


def _escape_like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matched(conn, groups, f: Filters):
    """``(select of matching article ids with a score column, bind params, order, count)``.

    SQLite: the FTS5 matches are materialised first and joined to ``search_keys`` by rowid
    (joining the FTS table straight to ``articles`` made SQLite look up every match in the
    wide table: 5x slower)."""
    clauses = filter_clauses(f)
    if not groups:
        stmt = select(K.c.article_id.label("id"), literal_column("0.0").label("score")).where(*clauses)
        return stmt, {}, [K.c.published.desc().nulls_last(), K.c.article_id], None
    if conn.dialect.name == "sqlite":
        params = {"fts": fts5_expression(groups)}
        m = (select(FTS.c.rowid.label("rid"),
                    (-literal_column("bm25(article_fts, 5.0, 1.0, 3.0)")).label("score"))
             .where(text("article_fts MATCH :fts")).cte("m").prefix_with("MATERIALIZED"))
        stmt = (select(K.c.article_id.label("id"), m.c.score)
                .select_from(m.join(K, K.c.id == m.c.rid)).where(*clauses))
        count = None if clauses else (select(func.count()).select_from(FTS)
                                      .where(text("article_fts MATCH :fts")))
        return stmt, params, [m.c.score.desc(), K.c.article_id], count
    s = S.article_search
    score = func.ts_rank_cd(literal_column("article_search.tsv"),
                            func.to_tsquery(literal_column("'simple'"), bindparam("tsq")))
    stmt = (select(K.c.article_id.label("id"), score.label("score"))
            .select_from(s.join(K, K.c.id == s.c.id))
            .where(text("article_search.tsv @@ to_tsquery('simple', :tsq)"), *clauses))
    return stmt, {"tsq": tsquery_expression(groups)}, [score.desc(), K.c.article_id], None


def _prefer_index(conn) -> None:
    """PostgreSQL's planner prices ``tsv @@ query`` on a seq scan as cheap, not counting the
    de-TOASTing of every large tsvector, and skips the GIN index below ~10k rows: 4x slower
    (EXPLAIN ANALYZE on 5,000 SaudiNewsNet articles: 124 ms seq scan). For this read-only
    transaction only, make it use the index."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET LOCAL enable_seqscan = off"))


def search(engine, query: str = "", filters: Filters | dict | None = None, page: int = 1,
           per_page: int = 20) -> SearchResult:
    f = Filters.of(filters)
    page, per_page = max(1, int(page)), max(1, min(MAX_PER_PAGE, int(per_page)))
    terms = parse_query(query or "")
    with engine.connect() as conn:
        _prefer_index(conn)
        groups, expansions = build_groups(conn, terms)
        stmt, params, order, count = matched(conn, groups, f)
        if count is None:
            count = select(func.count()).select_from(stmt.subquery())
        total = conn.execute(count, params).scalar()
        rows = conn.execute(stmt.order_by(*order).limit(per_page)
                            .offset((page - 1) * per_page), params).all()
        hits = _hits(conn, rows, _keys(groups))
    return SearchResult(query, int(total or 0), page, per_page, hits, expansions)


def _keys(groups) -> set[str]:
    return {w for g in groups for alt in g for w in alt}


def _hits(conn, rows, keys: set[str]) -> list[Hit]:
    if not rows:
        return []
    ids = [r.id for r in rows]
    data = {r.id: r for r in conn.execute(
        select(A.c.id, A.c.title, A.c.text, A.c.published, A.c.url, A.c.dup_of,
               SRC.c.name.label("source"))
        .select_from(A.outerjoin(SRC, SRC.c.id == A.c.source_id)).where(A.c.id.in_(ids))).all()}
    hits = []
    for r in rows:
        d = data[r.id]
        body_start = len(d.title) if d.title and d.text.startswith(d.title) else 0
        snip, inner, absolute = snippet(d.text[body_start:].lstrip("\n"), keys)
        shift = len(d.text) - len(d.text[body_start:].lstrip("\n"))
        hits.append(Hit(d.id, d.title, d.source, d.published, d.url, round(float(r.score), 4),
                        snip, inner, [(s + shift, e + shift) for s, e in absolute], d.dup_of))
    return hits


def facets(engine, query: str = "", filters: Filters | dict | None = None,
           limit: int = 10) -> dict[str, list[dict[str, Any]]]:
    """Counts of matching articles by source, day, entity, speaker and event type."""
    f = Filters.of(filters)
    with engine.connect() as conn:
        _prefer_index(conn)
        groups, _ = build_groups(conn, parse_query(query or ""))
        stmt, params, _order, _count = matched(conn, groups, f)
        ids = select(stmt.subquery().c.id)
        out = {}
        for name, (key, frm, table) in _facet_specs().items():
            n = func.count(func.distinct(table.c.article_id)).label("count")
            q = (select(key.label("value"), n).select_from(frm)
                 .where(key.is_not(None), table.c.article_id.in_(ids))
                 .group_by(key).order_by(n.desc(), key).limit(limit))
            out[name] = [{"value": r.value, "count": int(r.count)}
                         for r in conn.execute(q, params).all()]
    return out


def _facet_specs():
    return {
        "source": (SRC.c.name, K.join(SRC, SRC.c.id == K.c.source_id), K),
        "day": (func.substr(K.c.published, 1, 10), K, K),
        "entity": (func.coalesce(E.c.name_ar, E.c.name), E, E),
        "speaker": (Q.c.speaker_name, Q, Q),
        "event_type": (EV.c.type, EV, EV),
    }
