"""Entity-level precision/recall/F1 with seqeval conventions (exact span and type match)."""
from __future__ import annotations

from collections import Counter

from .tags import TYPE_TO_CONLL, spans_from_bio


def to_conll(tags: list[str]) -> list[str]:
    """marsad tags -> PERS/LOC/ORG/MISC tags (GPE/LOC/FAC -> LOC, NORP/PRODUCT/MISC -> MISC)."""
    out = []
    for t in tags:
        p, _, typ = t.partition("-")
        out.append(t if p == "O" else f"{p}-{TYPE_TO_CONLL.get(typ, typ)}")
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "support": n_gold}


def score(gold: list[list[str]], pred: list[list[str]]) -> dict[str, dict[str, float]]:
    """``{"micro": {...}, TYPE: {...}}`` over sentences of BIO tags."""
    tp: Counter = Counter()
    npred: Counter = Counter()
    ngold: Counter = Counter()
    for g, p in zip(gold, pred):
        gs = set(spans_from_bio(g))
        ps = set(spans_from_bio(p))
        for s in gs:
            ngold[s[2]] += 1
        for s in ps:
            npred[s[2]] += 1
            tp[s[2]] += s in gs
    out = {"micro": prf(sum(tp.values()), sum(npred.values()), sum(ngold.values()))}
    for typ in sorted(set(ngold) | set(npred)):
        out[typ] = prf(tp[typ], npred[typ], ngold[typ])
    return out
