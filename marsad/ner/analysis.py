"""Error analysis of NER predictions: each gold and predicted mention put in one class.

Classes (per type, on the PERS/LOC/ORG/MISC scale of the scorer):

- ``correct``: same span and type;
- ``wrong_type``: same span, other type (counted under the gold type);
- ``boundary``: overlapping spans of the same type, different edges;
- ``boundary_type``: overlapping spans, different edges and type;
- ``missed``: a gold mention no prediction overlaps;
- ``spurious``: a prediction that overlaps no gold mention (counted under the predicted type).

A gold mention overlapped by several predictions is classed by the first of them (its best
overlap); the other predictions are not counted again.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from .tags import spans_from_bio

CLASSES = ("correct", "missed", "spurious", "wrong_type", "boundary", "boundary_type")


def classify(gold: list[str], pred: list[str]) -> list[tuple[str, str, tuple | None, tuple | None]]:
    """``(class, type, gold span, predicted span)`` for one sentence's BIO tags."""
    gs, ps = spans_from_bio(gold), spans_from_bio(pred)
    used: set[tuple] = set()
    out = []
    for g in gs:
        over = [p for p in ps if p[0] < g[1] and g[0] < p[1]]
        if not over:
            out.append(("missed", g[2], g, None))
            continue
        p = max(over, key=lambda q: (q == g, q[:2] == g[:2], min(q[1], g[1]) - max(q[0], g[0])))
        used.update(over)
        same_edges = p[:2] == g[:2]
        if same_edges:
            kind = "correct" if p[2] == g[2] else "wrong_type"
        else:
            kind = "boundary" if p[2] == g[2] else "boundary_type"
        out.append((kind, g[2], g, p))
    out += [("spurious", p[2], None, p) for p in ps if p not in used]
    return out


def confusion(tokens: list[list[str]], gold: list[list[str]], pred: list[list[str]],
              examples: int = 5) -> dict:
    """Counts per (class, type), the type confusions, and a few examples of each class."""
    counts: Counter = Counter()
    pairs: Counter = Counter()
    shown: dict[str, list[str]] = defaultdict(list)
    for toks, g, p in zip(tokens, gold, pred):
        for kind, typ, gs, ps in classify(g, p):
            counts[kind, typ] += 1
            if gs and ps and gs[2] != ps[2]:
                pairs[gs[2], ps[2]] += 1
            if kind != "correct" and len(shown[kind, typ]) < examples:
                shown[kind, typ].append(_example(toks, gs, ps))
    return {"counts": dict(counts), "type_pairs": dict(pairs), "examples": dict(shown)}


def _example(toks: list[str], g: tuple | None, p: tuple | None) -> str:
    """Gold ``[...]`` and predicted ``{...}`` in a window of the sentence."""
    spans = [x for x in (g, p) if x]
    lo = max(0, min(s[0] for s in spans) - 2)
    hi = min(len(toks), max(s[1] for s in spans) + 2)
    words = []
    for i in range(lo, hi):
        w = toks[i]
        if g and i == g[0]:
            w = "[" + w
        if p and i == p[0]:
            w = "{" + w
        if g and i == g[1] - 1:
            w += "]" + g[2]
        if p and i == p[1] - 1:
            w += "}" + p[2]
        words.append(w)
    return " ".join(words)


def table(result: dict, types: tuple[str, ...] = ("PERS", "LOC", "ORG", "MISC")) -> list[dict]:
    """Rows ``{type, correct, missed, ...}`` of a :func:`confusion` result, plus a total row."""
    rows = []
    for typ in types + ("all",):
        row = {"type": typ}
        for kind in CLASSES:
            row[kind] = sum(n for (k, t), n in result["counts"].items()
                            if k == kind and (typ == "all" or t == typ))
        rows.append(row)
    return rows
