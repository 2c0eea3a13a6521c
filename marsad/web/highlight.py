"""Turn an article's blocks and span layers into render-ready pieces.

Every block is cut at the boundaries of the entity mentions and quotes inside it; each piece
knows its entity mention and quote (if any), so the template can wrap exactly the right
characters. Nothing is copied but slices of ``article.text``: concatenating the pieces of a
block gives the block's text back (a property test checks it).
"""
from __future__ import annotations

from typing import Any

from ..document import Article, Span

def entity_key(ent) -> str:
    """The archive groups entities by KB id, else by name (``Store.entities``)."""
    return ent.kb_id or ent.name


def speaker_name(quote: Span) -> str:
    sp = quote.attrs.get("speaker") or {}
    if not isinstance(sp, dict):
        return str(sp)
    return sp.get("name") or sp.get("text") or ""


def _inside(spans: list[Span], block: Span) -> list[Span]:
    return [s for s in spans if s.start < block.end and block.start < s.end and s.end > s.start]


def _cover(spans: list[Span], a: int, b: int) -> Span | None:
    """The innermost span covering [a, b)."""
    best = None
    for s in spans:
        if s.start <= a and b <= s.end and (best is None or s.end - s.start < best.end - best.start):
            best = s
    return best


def block_pieces(article: Article, block: Span, ents: list[Span], quotes: list[Span]) -> list[dict]:
    """Pieces of one block: ``{"text", "ent": mention span|None, "quote": span|None,
    "quote_start": bool}``."""
    ents, quotes = _inside(ents, block), _inside(quotes, block)
    cuts = {block.start, block.end}
    for s in ents + quotes:
        cuts.update(min(max(x, block.start), block.end) for x in (s.start, s.end))
    points = sorted(cuts)
    text = article.text
    pieces = []
    for a, b in zip(points, points[1:]):
        quote = _cover(quotes, a, b)
        pieces.append({"text": text[a:b], "start": a, "end": b, "ent": _cover(ents, a, b),
                       "quote": quote, "quote_start": quote is not None and quote.start == a})
    return pieces


def group_pieces(pieces: list[dict]) -> list[dict]:
    """Consecutive pieces of the same mention form one group (one highlighted element)."""
    groups: list[dict] = []
    for p in pieces:
        ent = p["ent"]
        if ent is not None and groups and groups[-1]["ent"] is ent:
            groups[-1]["pieces"].append(p)
        else:
            groups.append({"ent": ent, "pieces": [p]})
    return groups


def _mention_view(article: Article, span: Span | None) -> dict | None:
    if span is None:
        return None
    ent = article.entity(span.attrs.get("entity_id") or "")
    return {"id": span.id, "type": span.label, "entity_id": span.attrs.get("entity_id"),
            "key": entity_key(ent) if ent else None,
            "name": (ent.name_ar or ent.name) if ent else article.span_text(span)}


def render_block(article: Article, block: Span, ents: list[Span], quotes: list[Span]) -> dict:
    groups = group_pieces(block_pieces(article, block, ents, quotes))
    for g in groups:
        g["mention"] = _mention_view(article, g.pop("ent"))
        for p in g["pieces"]:
            p.pop("ent")
            q = p["quote"]
            p["quote"] = ({"id": q.id, "speaker": speaker_name(q), "kind": q.attrs.get("kind")}
                          if q is not None else None)
    return {"label": block.label, "attrs": dict(block.attrs), "start": block.start,
            "end": block.end, "groups": groups}


def article_view(article: Article) -> dict[str, Any]:
    """Main-column blocks in order and related cards grouped by ``card``."""
    ents, quotes = article.layer("ents"), article.layer("quotes")
    main, cards = [], {}
    for block in article.layer("blocks"):
        view = render_block(article, block, ents, quotes)
        if block.label.startswith("related."):
            view["field"] = block.label.split(".", 1)[1]
            cards.setdefault(int(block.attrs.get("card", 0)), []).append(view)
        else:
            main.append(view)
    if not article.layer("blocks") and article.text:
        main.append(render_block(article, Span(0, len(article.text), "paragraph"), ents, quotes))
    return {"blocks": main, "cards": [cards[k] for k in sorted(cards)]}
