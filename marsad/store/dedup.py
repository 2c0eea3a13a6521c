"""Duplicates: exact (same folded text) and near (wire copies with small edits, MinHash/LSH).

Exact duplicates share ``articles.content_hash`` (sha256 of the folded text). Near duplicates:
each article's folded words become word 3-shingles, a 128-permutation MinHash (datasketch) goes
into an LSH index tuned for Jaccard 0.5, and every candidate pair is verified with the true
Jaccard of the shingle sets (>= ``THRESHOLD``). Verified pairs are joined into groups; the
earliest article of a group (published, then id) is the original, the others get ``dup_of`` it.

``THRESHOLD`` 0.5: Saudi Press Agency copies reprinted by several papers keep most sentences but
change the first line (dateline, paper name) and sometimes cut or add a paragraph; 0.5 keeps those
while pairs of different stories on one topic stay well below (checked by hand on SaudiNewsNet,
see marsad/eval/data/dedup_gold.jsonl and docs/store.md). Re-run ``bench/store.py --dedup-eval``
after changing it.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import bindparam, select, update

from . import schema as S
from .textindex import words

THRESHOLD = 0.5
NUM_PERM = 128
SHINGLE = 3
MIN_WORDS = 30        # shorter texts (titles, briefs) are left to exact matching
A, K = S.articles, S.search_keys


@dataclass(frozen=True)
class Doc:
    id: str
    published: str | None
    content_hash: str
    text: str


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    w = words(text)
    return {" ".join(w[i:i + k]).encode("utf-8") for i in range(max(0, len(w) - k + 1))}


def _hash32(b: bytes) -> int:
    return zlib.crc32(b)


def near_duplicate_pairs(docs: Iterable[Doc], threshold: float = THRESHOLD,
                         num_perm: int = NUM_PERM) -> list[tuple[str, str, float]]:
    """Verified pairs ``(id_a, id_b, jaccard)`` with ``id_a < id_b`` and jaccard >= threshold."""
    from datasketch import MinHash, MinHashLSH
    lsh = MinHashLSH(threshold=max(0.3, threshold - 0.1), num_perm=num_perm)
    base = MinHash(num_perm=num_perm, hashfunc=_hash32)   # permutations drawn once, shared
    sets: dict[str, set[bytes]] = {}
    pairs: list[tuple[str, str, float]] = []
    for doc in docs:
        sh = shingles(doc.text)
        if len(sh) < MIN_WORDS:
            continue
        m = MinHash(num_perm=num_perm, hashfunc=_hash32, permutations=base.permutations,
                    scheme=base.scheme)
        m.update_batch(sh)
        for other in lsh.query(m):
            j = len(sh & sets[other]) / len(sh | sets[other])
            if j >= threshold:
                a, b = sorted((doc.id, other))
                pairs.append((a, b, round(j, 4)))
        lsh.insert(doc.id, m)
        sets[doc.id] = sh
    return sorted(pairs)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def _order(doc: Doc) -> tuple:
    return (doc.published or "9999", doc.id)


def assign(docs: list[Doc], pairs: list[tuple[str, str, float]]) -> dict[str, tuple[str, str, float]]:
    """``{id: (dup_of, kind, score)}`` for every article that is a copy of an earlier one."""
    by_id = {d.id: d for d in docs}
    out: dict[str, tuple[str, str, float]] = {}
    groups: dict[str, list[Doc]] = {}
    for d in docs:
        groups.setdefault(d.content_hash, []).append(d)
    for members in groups.values():
        members.sort(key=_order)
        for d in members[1:]:
            out[d.id] = (members[0].id, "exact", 1.0)
    uf, best = _UnionFind(), {}
    for a, b, j in pairs:
        uf.union(a, b)
        best[a], best[b] = max(best.get(a, 0), j), max(best.get(b, 0), j)
    comps: dict[str, list[Doc]] = {}
    for x in list(uf.parent):
        comps.setdefault(uf.find(x), []).append(by_id[x])
    for members in comps.values():
        members.sort(key=_order)
        for d in members[1:]:
            out.setdefault(d.id, (members[0].id, "near", best[d.id]))
    return out


def load_docs(engine) -> list[Doc]:
    with engine.connect() as conn:
        rows = conn.execute(select(A.c.id, A.c.published, A.c.content_hash, A.c.text)
                            .order_by(A.c.published, A.c.id)).all()
    return [Doc(r.id, r.published, r.content_hash, r.text) for r in rows]


def dedup(engine, threshold: float | None = None) -> dict[str, int]:
    """Recompute duplicate marks for the whole archive in one transaction."""
    docs = load_docs(engine)
    exact_originals = {}
    for d in docs:
        exact_originals.setdefault(d.content_hash, d)
    firsts = [d for d in docs if exact_originals[d.content_hash] is d]
    pairs = near_duplicate_pairs(firsts, threshold if threshold is not None else THRESHOLD)
    marks = assign(docs, pairs)
    with engine.begin() as conn:
        conn.execute(update(A).values(dup_of=None, dup_kind=None, dup_score=None))
        conn.execute(update(K).values(is_dup=False))
        if marks:
            stmt = (update(A).where(A.c.id == bindparam("aid"))
                    .values(dup_of=bindparam("of"), dup_kind=bindparam("kind"),
                            dup_score=bindparam("score")))
            conn.execute(stmt, [{"aid": k, "of": v[0], "kind": v[1], "score": v[2]}
                                for k, v in marks.items()])
            conn.execute(update(K).where(K.c.article_id == bindparam("aid")).values(is_dup=True),
                         [{"aid": k} for k in marks])
    kinds = [v[1] for v in marks.values()]
    return {"articles": len(docs), "exact": kinds.count("exact"), "near": kinds.count("near"),
            "near_pairs": len(pairs)}
