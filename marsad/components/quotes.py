"""``quotes.v1``: reported speech and its speakers, from the shipped cue lexicon.

Assigns the ``quotes`` layer: one span per reporting act covering the reported content (not the
frame), label ``QUOTE``, attrs ``kind`` (direct | indirect | mixed), ``cue`` and ``cue_span``
(the reporting word), ``speaker`` {text, start, end, entity_id, name, resolution, kind}.

Uses ``ents`` and ``Article.entities`` when an earlier component assigned them, and works from
the names in the text alone when they are absent. Rules and lexicon: ``marsad/quotes/`` and
``marsad/resources/quotes/`` (documented in ``docs/quotes.md``).
"""
from __future__ import annotations

from ..document import Article, Span
from ..quotes.finder import Act, find_acts
from ..quotes.lexicon import RESOURCE_DIR, load_lexicon
from ..quotes.resolve import resolve
from ..quotes.speakers import registry
from ..quotes.view import View


class QuoteFinder:
    """Finds direct, indirect and mixed quotes and attributes them to speakers."""

    name = "quotes.v1"
    requires = ("sents", "tokens")
    assigns = ("quotes",)

    def __init__(self, lexicon_dir: str | None = None) -> None:
        self.lexicon_dir = lexicon_dir or str(RESOURCE_DIR)
        self.lex = load_lexicon(self.lexicon_dir)

    def __getstate__(self) -> dict:
        return {"lexicon_dir": self.lexicon_dir}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["lexicon_dir"])

    def __call__(self, article: Article) -> Article:
        article.set_layer("quotes", self.find(article))
        return article

    def find(self, article: Article) -> list[Span]:
        if not article.text or not article.layer("tokens"):
            return []
        v = View(article, self.lex)
        acts = find_acts(v)
        if not acts:
            return []
        speakers = resolve(v, acts, registry(v), article)
        spans = []
        for n, (act, sp) in enumerate(zip(acts, speakers)):
            span = _span(v, act, sp.as_attrs(), f"q{n}")
            if span is not None:
                spans.append(span)
        return spans


def _span(v: View, act: Act, speaker: dict, sid: str) -> Span | None:
    a, b = act.content
    kind, (a, b) = _kind(v, act, a, b)
    if b <= a:
        return None
    start, end = v.starts[a], v.ends[b - 1]
    cs, ce = v.starts[act.cue_tok], v.ends[act.cue_tok]
    return Span(start, end, "QUOTE", sid, {
        "kind": kind, "cue": v.surf[act.cue_tok], "cue_span": [cs, ce], "speaker": speaker})


def _kind(v: View, act: Act, a: int, b: int) -> tuple[str, tuple[int, int]]:
    """direct: the content is one quotation introduced without a complementiser (the span is
    then the inside of the marks); mixed: an indirect frame with a quoted fragment in it."""
    r = v.region_at.get(a)
    if r is not None and not r.name_like and (act.opener == ":" or act.opener == "«" and "«" in act.cue.opens):
        ia, ib = r.inner
        if b <= r.close_tok + 1 + 1:
            return "direct", (ia, min(ib, b))
    for r in v.regions:
        if r.name_like or r.close_tok < a or r.open_tok >= b:
            continue
        return "mixed", (a, b)
    return "indirect", (a, b)
